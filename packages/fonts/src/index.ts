/**
 * Fonts from npm packages (OFL Noto fonts), so a fresh machine needs nothing
 * else: family names → TTF paths, glyph coverage, and splitting text into
 * runs by script (pdfmake has no font fallback, so writers set CJK runs in a
 * Japanese face and Latin runs in a Latin face).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import * as hb from 'harfbuzzjs';
import { cacheKey, cached, codeIdentity } from '@brief/build-cache';
import { isCjk } from '@brief/document-model';
import { fontBytes, fontDigest, isIdeograph, letGoOfSubsetter, nameWorkingFace, subsetFont, workingFaceAt, workingFaceKept, type SubsetOptions, type WorkingFace } from './subset.js';

export { holdsSubsetter, letGoOfSubsetter } from './subset.js';

export { isCjk };
export { hyphenatorFor } from './hyphenate.js';
export { balancedLines, breakUnits, chicagoPieces, lineEndForbidden, lineStartForbidden, phraseBoundary, phraseBreaks, type BreakOptions, type BreakUnit } from './lines.js';
export { fontBytes, fontDigest, isIdeograph, shapingDefaults, subsetFont, workingFaceKept, workingFont, type SubsetOptions, type WorkingFace } from './subset.js';

const require = createRequire(import.meta.url);

export type FontVariant = 'normal' | 'bold' | 'italics' | 'bolditalics';

export type FontFiles = Record<FontVariant, string>;

interface PackagedFamily {
  pkg: string;
  prefix: string;
  hasItalic: boolean;
  /** Holds thousands of ideographs: drawn from working faces while rendering (see `withWorkingFaces`). */
  ideographs?: true;
  /** Has a regular face only (its bold is the regular face). */
  regularOnly?: true;
}

const packaged: Record<string, PackagedFamily> = {
  'Noto Serif JP': { pkg: '@expo-google-fonts/noto-serif-jp', prefix: 'NotoSerifJP', hasItalic: false, ideographs: true },
  'Noto Sans JP': { pkg: '@expo-google-fonts/noto-sans-jp', prefix: 'NotoSansJP', hasItalic: false, ideographs: true },
  'Noto Serif': { pkg: '@expo-google-fonts/noto-serif', prefix: 'NotoSerif', hasItalic: true },
  'Noto Sans': { pkg: '@expo-google-fonts/noto-sans', prefix: 'NotoSans', hasItalic: true },
  // Code: a monospace face (Latin, Greek, Cyrillic); Japanese in code falls back to a Japanese face.
  'Noto Sans Mono': { pkg: '@expo-google-fonts/noto-sans-mono', prefix: 'NotoSansMono', hasItalic: false },
  // Last-resort fallbacks for signs the text faces lack: ≒ and other mathematical operators, arrows and
  // dingbats (✱ ✓ ➔).
  'Noto Sans Math': { pkg: '@expo-google-fonts/noto-sans-math', prefix: 'NotoSansMath', hasItalic: false, regularOnly: true },
  'Noto Sans Symbols 2': { pkg: '@expo-google-fonts/noto-sans-symbols-2', prefix: 'NotoSansSymbols2', hasItalic: false, regularOnly: true },
};

/** Families registered from font files beside a template (see registerFontFamily). */
const registered = new Map<string, FontFiles>();
const variants = ['normal', 'bold', 'italics', 'bolditalics'] as const;
/** Counts the registrations that gave a family other files (`familiesGeneration`). */
let generation = 0;

/**
 * Make a family available from TTF/OTF files (e.g. files beside a house
 * style). Missing variants fall back to the regular (or bold) face.
 */
export function registerFontFamily(family: string, files: { normal: string; bold?: string; italics?: string; bolditalics?: string }): void {
  const entry: FontFiles = {
    normal: files.normal,
    bold: files.bold ?? files.normal,
    italics: files.italics ?? files.normal,
    bolditalics: files.bolditalics ?? files.bold ?? files.normal,
  };
  const known = registered.get(family);
  if (known && variants.every((v) => known[v] === entry[v])) return;
  registered.set(family, entry);
  filesCache.delete(family);
  generation++;
}

/**
 * A number that changes whenever a family is given other files
 * (`registerFontFamily`): what was found of a family's faces before holds
 * while it stays the same.
 */
export function familiesGeneration(): number {
  return generation;
}

/** Families this machine can set: npm font packages and registered files. */
export function knownFamilies(): string[] {
  return [...Object.keys(packaged), ...registered.keys()];
}

export function isKnownFamily(family: string): boolean {
  return family in packaged || registered.has(family);
}

const filesCache = new Map<string, FontFiles>();

/** The ideographs the working faces keep (sorted, once each) and a short key naming them. */
interface WorkingSet {
  key: string;
  ideographs: string;
  /** The working faces' files by family. */
  files: Map<string, FontFiles>;
}

const workingSet = new AsyncLocalStorage<WorkingSet>();

/**
 * Run `render` (and everything it awaits) with working faces: the families
 * that hold thousands of ideographs (the Japanese faces) are drawn from
 * their files cut down to every character they have except the ideographs
 * `text` does not use (`workingFont`, kept in the build cache). `text` must
 * hold every character the rendering can set: the edition's model, its
 * template and its pictures' text. What is set comes out as from the whole
 * face; every font operation is several times cheaper and the faces take a
 * sixth of the memory. Checking a source uses the working faces of all its
 * editions' text; outside `withWorkingFaces` the whole faces are used.
 */
export function withWorkingFaces<T>(text: string, render: () => T): T {
  const ideographs = workingIdeographs(text);
  const key = createHash('sha256').update(ideographs).digest('hex').slice(0, 16);
  return workingSet.run({ key, ideographs, files: new Map() }, render);
}

/** A working face to cut: the path that names it (`fontFiles`) and what it is cut from. */
export interface WorkingFaceCut {
  path: string;
  face: WorkingFace;
}

/**
 * Have another thread cut these working faces into the build cache
 * (`cutNamedFaces`) while this one cuts the others: returns a function that
 * waits until that thread is done, or undefined when no thread is free.
 */
export type CutElsewhere = (cuts: readonly WorkingFaceCut[]) => (() => void) | undefined;

/**
 * Cut the working faces of these families for `text` now (or read them from
 * the build cache), in this thread: for a thread about to hand rendering to
 * workers, which then read them from the cache rather than each cut them.
 * Families without ideographs have no working faces and are passed over.
 * With `elsewhere`, every second face still to cut, largest file first, is
 * cut by another thread at the same time (cutting a Japanese face is a
 * tenth of a second or more, with nothing else to do meanwhile).
 */
export function cutWorkingFaces(text: string, families: Iterable<string>, elsewhere?: CutElsewhere): void {
  withWorkingFaces(text, () => {
    const paths = workingPaths(families);
    const uncut = uncutFaces(paths);
    const theirs = elsewhere && uncut.length > 1 ? uncut.filter((_, i) => i % 2 === 1) : [];
    const wait = theirs.length > 0 ? elsewhere?.(theirs) : undefined;
    const cutThere = new Set(wait ? theirs.map((cut) => cut.path) : []);
    for (const path of paths) if (!cutThere.has(path)) fontBytes(path);
    // The other thread's faces are read from the build cache when first needed.
    wait?.();
  });
  // The whole faces were cut in this thread's subsetter: it would keep the memory they took.
  letGoOfSubsetter();
}

/**
 * Have another thread cut every working face of these families for `text`
 * that the build cache does not hold yet, while this thread goes on with
 * other work (reading the source the text was taken from): the function
 * that waits until it is done, or undefined when there is nothing to cut or
 * no thread to cut it.
 */
export function cutWorkingFacesElsewhere(text: string, families: Iterable<string>, elsewhere: CutElsewhere): (() => void) | undefined {
  return withWorkingFaces(text, () => {
    const uncut = uncutFaces(workingPaths(families));
    return uncut.length > 0 ? elsewhere(uncut) : undefined;
  });
}

/** The working faces' paths of these families (inside `withWorkingFaces`); families without ideographs have none. */
function workingPaths(families: Iterable<string>): string[] {
  const paths: string[] = [];
  for (const family of new Set(families)) {
    if (!packaged[family]?.ideographs) continue;
    for (const path of Object.values(fontFiles(family))) if (!paths.includes(path)) paths.push(path);
  }
  return paths;
}

/** The working faces among `paths` still to cut, largest file first. */
function uncutFaces(paths: readonly string[]): WorkingFaceCut[] {
  const size = (cut: WorkingFaceCut) => statSync(cut.face.file).size;
  return paths
    .filter((path) => !workingFaceKept(path))
    .map((path): WorkingFaceCut => ({ path, face: workingFaceAt(path)! }))
    .sort((a, b) => size(b) - size(a) || (a.path < b.path ? -1 : 1));
}

/** Cut working faces named in another thread (`CutElsewhere`): into the build cache, and kept in this thread for its rendering. */
export function cutNamedFaces(cuts: readonly WorkingFaceCut[]): void {
  for (const { path, face } of cuts) {
    nameWorkingFace(path, face);
    fontBytes(path);
  }
  letGoOfSubsetter();
}

/**
 * The ideographs of `text`, once each, sorted as strings: all a working face
 * depends on (`withWorkingFaces` gives the same faces for `text` and for
 * this).
 */
export function workingIdeographs(text: string): string {
  const found = new Set<number>();
  for (let i = 0; i < text.length; i++) {
    // Every ideograph is at U+3400 or above (a high surrogate, for the supplementary planes).
    if (text.charCodeAt(i) < 0x3400) continue;
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    if (isIdeograph(cp)) found.add(cp);
  }
  return [...found]
    .map((cp) => String.fromCodePoint(cp))
    .sort()
    .join('');
}

/**
 * TTF files of a family for the four pdfmake variants. Families without
 * italics map italics to the upright face. Throws for an unknown family.
 * Inside `withWorkingFaces`, a family with ideographs gives its working
 * faces: paths of their own, where no file is (the file's name in a folder
 * named by the set's key beside it), which `fontBytes` reads as the cut.
 */
export function fontFiles(family: string): FontFiles {
  const working = workingSet.getStore();
  if (!working || !packaged[family]?.ideographs) return wholeFontFiles(family);
  const cached = working.files.get(family);
  if (cached) return cached;
  const fam = packaged[family]!;
  const whole = wholeFontFiles(family);
  const root = packageRoot(fam);
  const version = (require(`${fam.pkg}/package.json`) as { version: string }).version;
  const cut = (file: string) => {
    const path = join(dirname(file), `.working-${working.key}`, basename(file));
    nameWorkingFace(path, { file, identity: `${fam.pkg}@${version}/${relative(root, file)}`, ideographs: working.ideographs });
    return path;
  };
  const files: FontFiles = { normal: cut(whole.normal), bold: cut(whole.bold), italics: cut(whole.italics), bolditalics: cut(whole.bolditalics) };
  working.files.set(family, files);
  return files;
}

function wholeFontFiles(family: string): FontFiles {
  const cached = filesCache.get(family);
  if (cached) return cached;
  const own = registered.get(family);
  if (own) return own;
  const fam = packaged[family];
  if (!fam) throw new Error(`unknown font family "${family}" (known: ${knownFamilies().join(', ')})`);
  const root = packageRoot(fam);
  const file = (weight: string) => join(root, weight, `${fam.prefix}_${weight}.ttf`);
  const bold = fam.regularOnly ? file('400Regular') : file('700Bold');
  const files: FontFiles = {
    normal: file('400Regular'),
    bold,
    italics: fam.hasItalic ? file('400Regular_Italic') : file('400Regular'),
    bolditalics: fam.hasItalic ? file('700Bold_Italic') : bold,
  };
  filesCache.set(family, files);
  return files;
}

function packageRoot(fam: PackagedFamily): string {
  return dirname(require.resolve(`${fam.pkg}/package.json`));
}

/** Directories that font files are read from (for access policies). */
export function fontDirectories(): string[] {
  return [...Object.values(packaged).map(packageRoot), ...[...registered.values()].map((f) => dirname(f.normal))];
}

/**
 * A font file opened for measuring (HarfBuzz): its em, which characters it
 * has, their advances and the height Word gives a single line of it.
 */
export interface FontFace {
  unitsPerEm: number;
  hasGlyph(codePoint: number): boolean;
  /** Whether the face has a glyph for a character with a variation selector after it (its cmap's format 14 subtable). */
  hasVariant(codePoint: number, selector: number): boolean;
  /** Advance width of the character's glyph (of the .notdef glyph when it has none), in font units. */
  advance(codePoint: number): number;
  /** Windows ascent plus descent (OS/2 usWinAscent + usWinDescent), in em. */
  lineHeight: number;
}

const faces = new Map<string, FontFace>();

/**
 * Open a TrueType or OpenType file for measuring; each file is opened once per
 * thread, from the bytes the subsetter and the picture cache use too
 * (`fontBytes`: each file is read once per thread).
 */
export function openFace(path: string): FontFace {
  let face = faces.get(path);
  if (face) return face;
  const bytes = fontBytes(path);
  const hbFace = new hb.Face(new hb.Blob(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)), 0);
  const font = new hb.Font(hbFace);
  const os2 = hbFace.referenceTable('OS/2');
  const u16 = (t: Uint8Array, at: number) => (t[at]! << 8) | t[at + 1]!;
  const extents = font.hExtents();
  const height = os2 && os2.length >= 78 ? u16(os2, 74) + u16(os2, 76) : extents.ascender - extents.descender;
  const advances = new Map<number, number>();
  // What the face answered for each character of the Basic Multilingual Plane (0: not asked, 1: has a
  // glyph, 2: has none): the writers and the coverage check ask again for every character they set.
  let answered: Uint8Array | undefined;
  face = {
    unitsPerEm: hbFace.upem,
    hasGlyph(cp) {
      if (cp > 0xffff) return font.nominalGlyph(cp) !== undefined;
      answered ??= new Uint8Array(0x10000);
      let known = answered[cp]!;
      if (known === 0) {
        known = font.nominalGlyph(cp) === undefined ? 2 : 1;
        answered[cp] = known;
      }
      return known === 1;
    },
    hasVariant: (cp, selector) => font.variationGlyph(cp, selector) !== undefined,
    advance(cp) {
      let a = advances.get(cp);
      if (a === undefined) {
        a = font.glyphHAdvance(font.nominalGlyph(cp) ?? 0);
        advances.set(cp, a);
      }
      return a;
    },
    lineHeight: height / hbFace.upem,
  };
  faces.set(path, face);
  return face;
}

/** Width of a text in points at `size`, each character measured in the first of the faces that has it. */
export function textWidth(text: string, paths: readonly string[], size: number): number {
  const list = paths.map(openFace);
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    const face = list.find((f) => f.hasGlyph(cp)) ?? list[0];
    if (face) width += (face.advance(cp) / face.unitsPerEm) * size;
  }
  return width;
}

/**
 * What the faces of every known family are, for keys of what is measured with
 * them: a packaged family by its npm package and version (npm's lockfile pins
 * the bytes), a registered one by the digests of its files.
 */
export function facesIdentity(): string[] {
  return knownFamilies().map((family) => {
    const fam = packaged[family];
    if (fam && !registered.has(family)) return `${family}=${fam.pkg}@${(require(`${fam.pkg}/package.json`) as { version: string }).version}`;
    const files = wholeFontFiles(family);
    return `${family}=${[...new Set(Object.values(files))].map(fontDigest).join(',')}`;
  });
}

/** The code that cuts fonts down: this package's compiled files and the HarfBuzz build (for cache keys). */
export function subsetterIdentity(): string {
  return codeIdentity(import.meta.url, ['harfbuzzjs']);
}

/**
 * A font file cut down to the characters of `text` (HarfBuzz's subsetter,
 * `./subset.ts`): TrueType, or OpenType/CFF for PostScript outlines. Kept in
 * the build cache (`@brief/build-cache`), keyed by the font's bytes, the
 * text, the options and the subsetter's code.
 */
export async function subsetFace(path: string, text: string, options: SubsetOptions = {}): Promise<Uint8Array> {
  const normalized = { noLayoutClosure: options.noLayoutClosure === true, preserveNameIds: options.preserveNameIds ?? null, layoutFeatures: options.layoutFeatures ?? null };
  const key = cacheKey('fonts.subsetFace', subsetterIdentity(), fontDigest(path), text, normalized);
  return cached(key, () => subsetFont(fontBytes(path), text, options));
}

/** Whether a family's regular face has a glyph for a code point. */
export function hasGlyph(family: string, codePoint: number): boolean {
  return openFace(fontFiles(family).normal).hasGlyph(codePoint);
}

/** Whether the file a family draws `variant` with has a glyph for a code point. */
export function faceHasGlyph(family: string, variant: FontVariant, codePoint: number): boolean {
  return openFace(fontFiles(family)[variant]).hasGlyph(codePoint);
}

/**
 * Whether the file a family draws `variant` with has a glyph for a variation
 * sequence (a base character and its variation selector, as 葛 U+845B with
 * U+E0100). Without one, the base character's usual glyph is drawn.
 */
export function faceHasVariant(family: string, variant: FontVariant, codePoint: number, selector: number): boolean {
  return openFace(fontFiles(family)[variant]).hasVariant(codePoint, selector);
}

/**
 * Whether a family has a file of its own for a variant. Without one, the
 * variant is drawn with another of its files (italics upright, bold italics
 * in bold, a missing bold in the regular face).
 */
export function hasOwnVariant(family: string, variant: FontVariant): boolean {
  if (variant === 'normal') return true;
  const files = fontFiles(family);
  const file = files[variant];
  if (file === files.normal) return false;
  return variant !== 'bolditalics' || file !== files.bold;
}

/** The variant of a weight and a slant. */
export function variantOf(bold: boolean, italics: boolean): FontVariant {
  if (bold && italics) return 'bolditalics';
  if (bold) return 'bold';
  return italics ? 'italics' : 'normal';
}

/**
 * Variation selectors (U+FE00–FE0F, and U+E0100–E01EF for ideographic
 * variation sequences): they choose the glyph of the character before them
 * and belong with it, in its run, its face and its line.
 */
export function isVariationSelector(cp: number): boolean {
  return (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);
}

const variationSelector = /[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/u;

/** Whether a text holds a variation selector (see `isVariationSelector`). */
export function hasVariationSelector(text: string): boolean {
  return variationSelector.test(text);
}

/** Characters that need no glyph (layout controls). */
export function isInvisible(cp: number): boolean {
  return cp === 0x20 || cp === 0x0a || cp === 0x0d || cp === 0x09 || cp === 0xa0 || cp === 0x200b || cp === 0x2060 || cp === 0xfeff || cp === 0x200c || cp === 0x200d;
}

export interface ScriptRun {
  text: string;
  /** Family to set the run in. */
  family: string;
  /** The variant to draw it with: italics only outside the Japanese family (Japanese faces are upright). */
  variant: FontVariant;
}

/** How runs are set: weight, slant, and families tried after the Latin and Japanese ones. */
export interface RunFaces {
  bold?: boolean;
  italics?: boolean;
  /** Families tried in order for a character neither the Latin nor the Japanese face has. */
  fallback?: readonly string[];
}

/** Families whose regular face sets Japanese, by name (see `setsJapanese`). */
const japaneseFamilies = new Map<string, boolean>();

/**
 * Whether a family sets Japanese (its face has あ). Its signs and arrows are
 * drawn full-width, for Japanese text: beside Latin text they stand apart.
 */
function setsJapanese(family: string): boolean {
  let sets = japaneseFamilies.get(family);
  if (sets === undefined) {
    sets = faceHasGlyph(family, 'normal', 0x3042);
    japaneseFamilies.set(family, sets);
  }
  return sets;
}

/**
 * Split text into runs: CJK characters in `cjkFamily`, the rest in
 * `latinFamily`; a character the chosen face (in the run's variant) lacks
 * falls back to the other, then to the first `fallback` family whose face
 * in the same variant has it (a family without that variant draws it with
 * the file it has instead). A character outside CJK that a separate Latin
 * family lacks (→, ≥, ∑) is taken from the fallback families that do not
 * set Japanese first, then from the Japanese ones, whose forms of it are
 * full-width. A character no face has stays in the face its
 * script chose. Italics apply to the Latin family and fallback families,
 * not to a separate Japanese family. Spaces stay with the run they follow,
 * so runs join without gaps, and a variation selector with the character
 * it follows. A dash or leader next to a Japanese character is Japanese
 * (`isJapaneseWidth`).
 */
export function splitByScript(text: string, latinFamily: string, cjkFamily: string, faces: RunFaces = {}): ScriptRun[] {
  const bold = faces.bold === true;
  const italics = faces.italics === true;
  const fallback = faces.fallback ?? [];
  const variantIn = (family: string): FontVariant => variantOf(bold, italics && (family !== cjkFamily || family === latinFamily));
  if (latinFamily === cjkFamily && fallback.length === 0) return text ? [{ text, family: latinFamily, variant: variantIn(latinFamily) }] : [];
  const runs: ScriptRun[] = [];
  // Whether the character before was Japanese, or a dash set as Japanese.
  let japaneseBefore = false;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    i += ch.length;
    let family: string;
    if ((isInvisible(cp) || isVariationSelector(cp)) && runs.length > 0) {
      family = runs[runs.length - 1]!.family;
    } else {
      family = isCjk(cp) || (isJapaneseWidth(cp) && (japaneseBefore || isCjk(afterDashes(text, i)))) ? cjkFamily : latinFamily;
      if (!isInvisible(cp) && !faceHasGlyph(family, variantIn(family), cp)) {
        const order = family === cjkFamily ? [latinFamily, ...fallback] : stackOrder({ latin: latinFamily, cjk: cjkFamily, fallback });
        const found = order.find((f) => f !== family && faceHasGlyph(f, variantIn(f), cp));
        if (found) family = found;
      }
    }
    const last = runs[runs.length - 1];
    if (last && last.family === family) last.text += ch;
    else runs.push({ text: ch, family, variant: variantIn(family) });
    if (!isInvisible(cp) && !isVariationSelector(cp)) japaneseBefore = isCjk(cp) || (isJapaneseWidth(cp) && family === cjkFamily);
  }
  return runs;
}

/**
 * Dashes and leaders whose width Unicode leaves to the context (— ― ‥ …):
 * next to Japanese they are Japanese, set full-width from the Japanese face
 * (合意の実施—日米同盟, 向けて—」), and in Latin text from the Latin face.
 */
function isJapaneseWidth(cp: number): boolean {
  return cp === 0x2014 || cp === 0x2015 || cp === 0x2025 || cp === 0x2026;
}

/** The first character from `i` on that is no dash or leader (――日本, ……」), 0 at the end. */
function afterDashes(text: string, i: number): number {
  let cp = text.codePointAt(i) ?? 0;
  while (isJapaneseWidth(cp)) cp = text.codePointAt(++i) ?? 0;
  return cp;
}

/**
 * A role's families in the order a font stack lists them for text that is
 * not Japanese: its own, the fallback families that do not set Japanese,
 * then its Japanese family and the fallback families that do (as
 * `splitByScript` looks for a sign its Latin family lacks). A role set in
 * one family for both scripts lists its fallback families in their order.
 */
export function stackOrder(role: RoleFamilies & { family?: string }): string[] {
  const fallback = role.fallback ?? [];
  const own = role.family === undefined ? [role.latin] : [role.family, role.latin];
  if (role.latin === role.cjk) return [...new Set([...own, role.cjk, ...fallback])];
  return [...new Set([...own, ...fallback.filter((f) => !setsJapanese(f)), role.cjk, ...fallback.filter(setsJapanese)])];
}

/** The Latin and Japanese families of a role, and its fallback families. */
interface RoleFamilies {
  latin: string;
  cjk: string;
  fallback?: readonly string[];
}

/**
 * A role's fallback families as the writers draw them: the template's list
 * in order, once each, leaving out the role's own families (tried first
 * anyway). The PDF writer registers every one with pdfmake; the coverage
 * check tries the same list.
 */
export function drawnFallback(role: RoleFamilies): string[] {
  return [...new Set(role.fallback ?? [])].filter((f) => f !== role.latin && f !== role.cjk);
}
