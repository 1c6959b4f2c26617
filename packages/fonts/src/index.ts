/**
 * Fonts from npm packages (OFL Noto fonts), so a fresh machine needs nothing
 * else: family names → TTF paths, glyph coverage, and splitting text into
 * runs by script (pdfmake has no font fallback, so writers set CJK runs in a
 * Japanese face and Latin runs in a Latin face).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readFileSync } from 'node:fs';
import * as hb from 'harfbuzzjs';
import { cacheKey, cached, codeIdentity } from '@brief/build-cache';
import { isCjk } from '@brief/document-model';
import { fontBytes, fontDigest, subsetFont, type SubsetOptions } from './subset.js';

export { isCjk };
export { balancedLines, breakUnits, type BreakOptions, type BreakUnit } from './lines.js';
export { fontBytes, fontDigest, subsetFont, type SubsetOptions } from './subset.js';

const require = createRequire(import.meta.url);

export type FontVariant = 'normal' | 'bold' | 'italics' | 'bolditalics';

export type FontFiles = Record<FontVariant, string>;

interface PackagedFamily {
  pkg: string;
  prefix: string;
  hasItalic: boolean;
}

const packaged: Record<string, PackagedFamily> = {
  'Noto Serif JP': { pkg: '@expo-google-fonts/noto-serif-jp', prefix: 'NotoSerifJP', hasItalic: false },
  'Noto Sans JP': { pkg: '@expo-google-fonts/noto-sans-jp', prefix: 'NotoSansJP', hasItalic: false },
  'Noto Serif': { pkg: '@expo-google-fonts/noto-serif', prefix: 'NotoSerif', hasItalic: true },
  'Noto Sans': { pkg: '@expo-google-fonts/noto-sans', prefix: 'NotoSans', hasItalic: true },
  // Code: a monospace face (Latin, Greek, Cyrillic); Japanese in code falls back to a Japanese face.
  'Noto Sans Mono': { pkg: '@expo-google-fonts/noto-sans-mono', prefix: 'NotoSansMono', hasItalic: false },
};

/** Families registered from font files beside a template (see registerFontFamily). */
const registered = new Map<string, FontFiles>();

/**
 * Make a family available from TTF/OTF files (e.g. files beside a house
 * style). Missing variants fall back to the regular (or bold) face.
 */
export function registerFontFamily(family: string, files: { normal: string; bold?: string; italics?: string; bolditalics?: string }): void {
  registered.set(family, {
    normal: files.normal,
    bold: files.bold ?? files.normal,
    italics: files.italics ?? files.normal,
    bolditalics: files.bolditalics ?? files.bold ?? files.normal,
  });
  filesCache.delete(family);
}

/** Families this machine can set: npm font packages and registered files. */
export function knownFamilies(): string[] {
  return [...Object.keys(packaged), ...registered.keys()];
}

export function isKnownFamily(family: string): boolean {
  return family in packaged || registered.has(family);
}

const filesCache = new Map<string, FontFiles>();

/**
 * TTF files of a family for the four pdfmake variants. Families without
 * italics map italics to the upright face. Throws for an unknown family.
 */
export function fontFiles(family: string): FontFiles {
  const cached = filesCache.get(family);
  if (cached) return cached;
  const own = registered.get(family);
  if (own) return own;
  const fam = packaged[family];
  if (!fam) throw new Error(`unknown font family "${family}" (known: ${knownFamilies().join(', ')})`);
  const root = dirname(require.resolve(`${fam.pkg}/package.json`));
  const file = (weight: string) => join(root, weight, `${fam.prefix}_${weight}.ttf`);
  const files: FontFiles = {
    normal: file('400Regular'),
    bold: file('700Bold'),
    italics: fam.hasItalic ? file('400Regular_Italic') : file('400Regular'),
    bolditalics: fam.hasItalic ? file('700Bold_Italic') : file('700Bold'),
  };
  filesCache.set(family, files);
  return files;
}

/** Directories that font files are read from (for access policies). */
export function fontDirectories(): string[] {
  return [...Object.values(packaged).map((f) => dirname(require.resolve(`${f.pkg}/package.json`))), ...[...registered.values()].map((f) => dirname(f.normal))];
}

/**
 * A font file opened for measuring (HarfBuzz): its em, which characters it
 * has, their advances and the height Word gives a single line of it.
 */
export interface FontFace {
  unitsPerEm: number;
  hasGlyph(codePoint: number): boolean;
  /** Advance width of the character's glyph (of the .notdef glyph when it has none), in font units. */
  advance(codePoint: number): number;
  /** Windows ascent plus descent (OS/2 usWinAscent + usWinDescent), in em. */
  lineHeight: number;
}

const faces = new Map<string, FontFace>();

/** Open a TrueType or OpenType file for measuring; each file is opened once per thread. */
export function openFace(path: string): FontFace {
  let face = faces.get(path);
  if (face) return face;
  const bytes = readFileSync(path);
  const hbFace = new hb.Face(new hb.Blob(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)), 0);
  const font = new hb.Font(hbFace);
  const os2 = hbFace.referenceTable('OS/2');
  const u16 = (t: Uint8Array, at: number) => (t[at]! << 8) | t[at + 1]!;
  const extents = font.hExtents();
  const height = os2 && os2.length >= 78 ? u16(os2, 74) + u16(os2, 76) : extents.ascender - extents.descender;
  const advances = new Map<number, number>();
  face = {
    unitsPerEm: hbFace.upem,
    hasGlyph: (cp) => font.nominalGlyph(cp) !== undefined,
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
  const normalized = { noLayoutClosure: options.noLayoutClosure === true, preserveNameIds: options.preserveNameIds ?? null };
  const key = cacheKey('fonts.subsetFace', subsetterIdentity(), fontDigest(path), text, normalized);
  return cached(key, () => subsetFont(fontBytes(path), text, options));
}

/** Whether a family's regular face has a glyph for a code point. */
export function hasGlyph(family: string, codePoint: number): boolean {
  return openFace(fontFiles(family).normal).hasGlyph(codePoint);
}

/** Characters that need no glyph (layout controls). */
export function isInvisible(cp: number): boolean {
  return cp === 0x20 || cp === 0x0a || cp === 0x0d || cp === 0x09 || cp === 0xa0 || cp === 0x200b || cp === 0x2060 || cp === 0xfeff || cp === 0x200c || cp === 0x200d;
}

/** Code points of `text` that none of the families can print. */
export function missingGlyphs(text: string, families: readonly string[]): number[] {
  const missing = new Set<number>();
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (isInvisible(cp)) continue;
    if (!families.some((f) => hasGlyph(f, cp))) missing.add(cp);
  }
  return [...missing];
}

export interface ScriptRun {
  text: string;
  /** Family to set the run in. */
  family: string;
}

/**
 * Split text into runs: CJK characters in `cjkFamily`, the rest in
 * `latinFamily`; a character the chosen face lacks falls back to the other.
 * Spaces stay with the run they follow, so runs join without gaps.
 */
export function splitByScript(text: string, latinFamily: string, cjkFamily: string): ScriptRun[] {
  if (latinFamily === cjkFamily) return text ? [{ text, family: latinFamily }] : [];
  const runs: ScriptRun[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    let family: string;
    if (isInvisible(cp) && runs.length > 0) {
      family = runs[runs.length - 1]!.family;
    } else {
      family = isCjk(cp) ? cjkFamily : latinFamily;
      if (!isInvisible(cp) && !hasGlyph(family, cp)) {
        const other = family === cjkFamily ? latinFamily : cjkFamily;
        if (hasGlyph(other, cp)) family = other;
      }
    }
    const last = runs[runs.length - 1];
    if (last && last.family === family) last.text += ch;
    else runs.push({ text: ch, family });
  }
  return runs;
}
