/**
 * From model inlines to atoms, the units of composition: one atom per
 * Japanese character, per Latin word or number, per note mark, per piece of
 * a URL or other long token (split at Chicago points and, where it does not
 * hyphenate, between characters). Each atom knows its face, width and class; the
 * gaps between atoms (where a line may break, how much space they hold and
 * whether it may stretch) are derived from the atoms on both sides.
 */
import { assertNever, type Inline } from '@brief/document-model';
import { chicagoPieces, hyphenatorFor, isVariationSelector, splitByScript } from '@brief/fonts';
import { cjkClass, hasLeadingSpace, hasTrailingSpace, isJapaneseChar, isJapaneseLetter, isSpace, latinNoEnd, latinNoStart, looksLikeUrl, mayEndLine, mayStartLine, type CharClass } from './chars.js';
import { atomsFrom, paragraphKey, type AtomStore } from './atom-store.js';
import type { Face, Metrics } from './metrics.js';

/** Differences below this (pt) between a word measured in context and drawn alone are rounding. */
const END_EPSILON = 1e-6;
/** Stretchability of the gap between two Japanese characters, in em. */
const CJK_STRETCH_EM = 0.1;
/** The same in text that is not Japanese (where word spaces take the stretch first). */
const CJK_STRETCH_IN_LATIN_EM = 0.01;
/** A token (not a URL) wider than this part of a line may break at Chicago points and, as the last resort, between characters. */
const LONG_TOKEN_FRACTION = 4;
/** Shrinkability of the gap between two Japanese characters, in em. */
const CJK_SHRINK_EM = 0.04;

/** The fonts of one text role: Latin runs and Japanese runs, and the families tried for a character neither has. */
export interface FontRole {
  latin: string;
  cjk: string;
  /** Tried in order (in the run's variant) for a character the Latin and Japanese faces lack. */
  fallback?: readonly string[];
}

export interface RunStyle {
  face: Face;
  size: number;
  color: string;
  /** Superscript (note marks): set at `superscript` of `size` (TextContext), raised. */
  sup?: boolean;
  /** OpenType features (halt: half-width punctuation; -kern: no kerning). */
  features?: string[];
  link?: string;
  dest?: string;
  /** What the link is called for screen readers (its annotation's `/Contents`), when not its text: a label printed without its word. */
  linkName?: string;
  strike?: boolean;
  /** The language of a span the model marks as another language (tagged as a Span with /Lang). */
  lang?: string;
}

export interface Atom {
  text: string;
  style: RunStyle;
  cls: CharClass;
  /** A Japanese atom (one full-width character). */
  cjk: boolean;
  /** Natural width, with `halt` applied. */
  width: number;
  /** Set half-width (its built-in half em of space removed). */
  halt: boolean;
  /** Width if set half-width (full-width punctuation only; else equal to width). */
  haltWidth: number;
  /** Whitespace in the source before this atom. */
  spaceBefore: boolean;
  /** A forced line break before this atom. */
  breakBefore: boolean;
  /** A piece of a URL: the URL's pieces do not stretch apart. */
  url: boolean;
  /**
   * The atom continues the token of the atom before it (no space between):
   * a line may break before it at a Chicago-style break point (`point`) or,
   * as the last resort, between two characters (`cut`); no hyphen is set.
   */
  split?: 'point' | 'cut';
  /** Set in the code face (inline code): a word space beside it is the surrounding text's. */
  code?: boolean;
  /** Part of a cross-reference's label (図表1, Figure 4): the line does not break inside one. */
  label?: boolean;
  /** Named destination set at this atom (the first mark of a note). */
  anchor?: string;
  /** Note number when the atom is a note mark. */
  note?: number;
  /**
   * A syllable of a word that may break after it; the width of the hyphen set
   * at the line's end if it does (0 after a hyphen or dash already there).
   */
  hyphenAfter?: number;
  /**
   * How much wider the atom is when it ends a line: a word is measured as
   * set in running text (kerned with what follows it in the word, or with
   * the space after it), but a line's last run is drawn without what follows.
   */
  endDelta?: number;
}

/** Everything needed to turn inlines into atoms. */
export interface TextContext {
  metrics: Metrics;
  size: number;
  /** Fonts of the running text. */
  fonts: FontRole;
  /** Fonts for emphasis when the running face has no italic (Japanese: Gothic). */
  emphasisFonts: FontRole;
  /** Whether emphasis is set in italics (the running Latin face has an italic). */
  emphasisItalic: boolean;
  /**
   * Where emphasis is not italic (Japanese), the Latin family a citation's
   * italics are set in: the title of a foreign work, cited as English notes
   * cite it (*Digital Era Governance*), is italic, not Gothic.
   */
  citationItalicLatin?: string;
  /** Fonts for code. */
  codeFonts: FontRole;
  bold: boolean;
  color: string;
  linkColor: string;
  /** Size of superscript (note marks) as a fraction of `size`: the template's, which is pdfmake's (see pdfmake-adapter). */
  superscript: number;
  /** Space between Japanese and Latin text, in em (0: a plain word space where the source has one). */
  interScriptEm: number;
  /** Lines are at most this wide: longer URLs are split, longer words cut. */
  maxWidth: number;
  /** A URL breaks between any two characters at a Chicago point's cost, not only as the last resort (Japanese practice). */
  urlBreakAnywhere?: boolean;
  /** Destination id of a note, for links from its marks. */
  noteDest(noteId: string): string;
  /** Anchor id for a mark: the first mark of each note gets one (for links back). */
  markAnchor(noteId: string): string | undefined;
  /** Split a Latin word into syllables where it may be hyphenated (none: do not hyphenate). */
  hyphenate?: (word: string) => string[];
  /** Atoms of paragraphs composed in earlier builds of the edition (see atom-store). */
  store?: AtomStore;
}

type Piece =
  | { kind: 'text'; text: string; style: Omit<RunStyle, 'face'>; fonts: FontRole; bold: boolean; italics: boolean; url: boolean; code?: boolean; label?: boolean }
  | { kind: 'mark'; note: number; noteId: string; style: Omit<RunStyle, 'face'>; fonts: FontRole; bold: boolean }
  | { kind: 'break' };

interface WalkState {
  fonts: FontRole;
  bold: boolean;
  italics: boolean;
  color: string;
  link?: string;
  dest?: string;
  linkName?: string;
  strike?: boolean;
  lang?: string;
  /** Inside a citation as rendered. */
  citation?: boolean;
}

function baseStyle(ctx: TextContext, st: WalkState): Omit<RunStyle, 'face'> {
  return {
    size: ctx.size,
    color: st.color,
    ...(st.link ? { link: st.link } : {}),
    ...(st.dest ? { dest: st.dest } : {}),
    ...(st.linkName ? { linkName: st.linkName } : {}),
    ...(st.strike ? { strike: true } : {}),
    ...(st.lang ? { lang: st.lang } : {}),
  };
}

function walk(inlines: readonly Inline[], ctx: TextContext, st: WalkState, out: Piece[]): void {
  for (const node of inlines) {
    switch (node.kind) {
      case 'text':
        out.push({ kind: 'text', text: node.value, style: baseStyle(ctx, st), fonts: st.fonts, bold: st.bold, italics: st.italics, url: false });
        break;
      case 'emphasis':
        // Where the running face has no italic (Japanese), emphasis sets Japanese in the emphasis faces
        // (Gothic), upright, and Latin (a work's title) in italics in a Latin face that has them; in a
        // citation, its Japanese stays in the running face.
        walk(
          node.children,
          ctx,
          ctx.emphasisItalic
            ? { ...st, italics: !st.italics }
            : ctx.citationItalicLatin
              ? { ...st, fonts: { ...(st.citation ? st.fonts : ctx.emphasisFonts), latin: ctx.citationItalicLatin }, italics: !st.italics }
              : { ...st, fonts: ctx.emphasisFonts },
          out,
        );
        break;
      case 'strong':
        walk(node.children, ctx, { ...st, bold: true }, out);
        break;
      case 'delete':
        walk(node.children, ctx, { ...st, strike: true }, out);
        break;
      case 'code':
        out.push({ kind: 'text', text: node.value, style: baseStyle(ctx, st), fonts: ctx.codeFonts, bold: st.bold, italics: false, url: false, code: true });
        break;
      case 'link': {
        const inner: WalkState = { ...st, link: node.url, color: ctx.linkColor };
        const start = out.length;
        walk(node.children, ctx, inner, out);
        // The visible text of a link that is itself a URL breaks like one.
        for (let i = start; i < out.length; i++) {
          const p = out[i]!;
          if (p.kind === 'text' && looksLikeUrl(p.text.trim())) p.url = true;
        }
        break;
      }
      case 'noteRef':
        out.push({
          kind: 'mark',
          note: node.number,
          noteId: node.noteId,
          style: { ...baseStyle(ctx, { ...st, link: undefined, dest: undefined }), color: ctx.color, dest: ctx.noteDest(node.noteId) },
          fonts: ctx.fonts,
          bold: false,
        });
        break;
      case 'citation':
        walk(node.rendered, ctx, { ...st, citation: true }, out);
        break;
      case 'crossRef':
        out.push({
          kind: 'text',
          text: node.text,
          style: baseStyle(ctx, { ...st, dest: node.targetId, ...(node.name ? { linkName: node.name } : {}) }),
          fonts: st.fonts,
          bold: st.bold,
          italics: st.italics,
          url: false,
          label: true,
        });
        break;
      case 'foreign':
        walk(node.children, ctx, { ...st, lang: node.lang }, out);
        break;
      case 'lineBreak':
        out.push({ kind: 'break' });
        break;
      default:
        assertNever(node, 'inline');
    }
  }
}

function makeAtom(ctx: TextContext, text: string, style: RunStyle, cls: CharClass, cjk: boolean, flags: { spaceBefore: boolean; breakBefore: boolean; url: boolean }, measured?: number): Atom {
  const size = style.sup ? style.size * ctx.superscript : style.size;
  const width = measured ?? ctx.metrics.width(style.face, text, size, style.features);
  const halfable = cjk && (hasTrailingSpace(cls) || hasLeadingSpace(cls));
  const haltWidth = halfable ? ctx.metrics.width(style.face, text, size, [...(style.features ?? []), 'halt']) : width;
  return atomOf({ text, style, cls, cjk, width, halt: false, haltWidth, spaceBefore: flags.spaceBefore, breakBefore: flags.breakBefore, url: flags.url });
}

/** The fields every atom has a value for. */
type AtomBasics = Pick<Atom, 'text' | 'style' | 'cls' | 'cjk' | 'width' | 'halt' | 'haltWidth' | 'spaceBefore' | 'breakBefore' | 'url'>;

/**
 * An atom with every field present, in one order (those it lacks
 * undefined), so that all atoms share one shape and a field set later never
 * changes it. Atoms given a field after they were made (code, a label) each
 * got a hidden class of their own in V8: over 50,000 in a 300-page English
 * report, some 15 MB, and every reader of atoms slowed down by the variety.
 */
export function atomOf(a: AtomBasics & Partial<Atom>): Atom {
  return {
    text: a.text,
    style: a.style,
    cls: a.cls,
    cjk: a.cjk,
    width: a.width,
    halt: a.halt,
    haltWidth: a.haltWidth,
    spaceBefore: a.spaceBefore,
    breakBefore: a.breakBefore,
    url: a.url,
    split: a.split,
    code: a.code,
    label: a.label,
    anchor: a.anchor,
    note: a.note,
    hyphenAfter: a.hyphenAfter,
    endDelta: a.endDelta,
  };
}

/** A word split after each hyphen that joins two letters: `supra-competitive` → `supra-`, `competitive`. */
export function compoundParts(word: string): string[] {
  return word.split(/(?<=\p{L}[-‐])(?=\p{L})/u);
}

/**
 * The characters of a text, each with the variation selectors after it (葛
 * with U+E0100 is one character in its own form): a line never breaks
 * between them, and they are measured and drawn together.
 */
export function* clusters(text: string): Generator<string> {
  let current = '';
  for (const ch of text) {
    if (current && isVariationSelector(ch.codePointAt(0) ?? 0)) {
      current += ch;
      continue;
    }
    if (current) yield current;
    current = ch;
  }
  if (current) yield current;
}

/**
 * Atoms of inline content. Pending whitespace becomes `spaceBefore` of the
 * next atom; whitespace at the start and end is dropped. With a store, the
 * atoms of a paragraph composed before (the same inlines in the same
 * context) are taken from it; only the anchors of note marks are set anew.
 */
export function atomize(inlines: readonly Inline[], ctx: TextContext, start: Partial<WalkState> = {}): Atom[] {
  const store = ctx.store;
  if (!store) return atomizeAnew(inlines, ctx, start);
  const key = paragraphKey(inlines, contextValues(ctx), start);
  let found = store.lookup(key);
  if (!found) {
    const marks: [number, string][] = [];
    const made = atomizeAnew(inlines, { ...ctx, markAnchor: () => undefined }, start, marks);
    found = { atoms: made, kept: store.keep(key, made, marks) };
  }
  const { kept } = found;
  const atoms = found.atoms.slice();
  for (const [index, noteId] of kept.marks) {
    const anchor = ctx.markAnchor(noteId);
    if (anchor) atoms[index] = { ...atoms[index]!, anchor };
  }
  atomsFrom(atoms, kept);
  return atoms;
}

/** The values of a context that atoms depend on (its functions are the code's: the store's key names the code). */
function contextValues(ctx: TextContext): unknown {
  const { metrics: _metrics, noteDest: _dest, markAnchor: _anchor, hyphenate, store: _store, ...values } = ctx;
  return { ...values, hyphenate: hyphenate !== undefined };
}

function atomizeAnew(inlines: readonly Inline[], ctx: TextContext, start: Partial<WalkState>, marks?: [number, string][]): Atom[] {
  const pieces: Piece[] = [];
  walk(inlines, ctx, { fonts: ctx.fonts, bold: ctx.bold, italics: false, color: ctx.color, ...start }, pieces);
  const atoms: Atom[] = [];
  let space = false;
  let brk = false;
  const push = (a: Atom) => {
    atoms.push(a);
    space = false;
    brk = false;
  };
  for (const piece of pieces) {
    if (piece.kind === 'break') {
      brk = atoms.length > 0;
      space = false;
      continue;
    }
    if (piece.kind === 'mark') {
      const face: Face = { family: piece.fonts.latin, bold: false, italics: false };
      const anchor = ctx.markAnchor(piece.noteId);
      const atom = makeAtom(ctx, String(piece.note), { ...piece.style, face, sup: true }, 'mark', false, {
        spaceBefore: false,
        breakBefore: brk,
        url: false,
      });
      marks?.push([atoms.length, piece.noteId]);
      push(atomOf({ ...atom, note: piece.note, anchor }));
      continue;
    }
    const firstOfPiece = atoms.length;
    const sameFamily = piece.fonts.latin === piece.fonts.cjk;
    const runs = splitByScript(piece.text, piece.fonts.latin, piece.fonts.cjk, { bold: piece.bold, italics: piece.italics, ...(piece.fonts.fallback ? { fallback: piece.fonts.fallback } : {}) });
    for (const run of runs) {
      const face: Face = { family: run.family, bold: run.variant === 'bold' || run.variant === 'bolditalics', italics: run.variant === 'italics' || run.variant === 'bolditalics' };
      const style: RunStyle = { ...piece.style, face };
      // Japanese is set solid: one em per character, no kerning between them.
      const cjkStyle: RunStyle = { ...style, features: ['-kern'] };
      // The em dash of a Japanese face is narrower than an em (Noto's is 0.89); Japanese sets it full-width.
      const dashStyle: RunStyle = { ...style, features: ['-kern', 'fwid'] };
      let word = '';
      const flushWord = () => {
        if (!word) return;
        const w = word;
        word = '';
        const isUrl = piece.url || looksLikeUrl(w);
        // A token breaks at Chicago points (a line break there costs a penalty:
        // the breaker uses them only when the line would otherwise be too loose),
        // its words hyphenate at the end of a line (not in URLs).
        // Other tokens break inside only when long (a hash, a chemical name, a German compound), not at `U.S.` or `e.g.`.
        const long = isUrl || ctx.metrics.width(face, w, style.size) > ctx.maxWidth / LONG_TOKEN_FRACTION;
        // A compound breaks after its own hyphens (supra-|competitive) where words hyphenate, and
        // nowhere else, as in TeX.
        // Code is never hyphenated: a hyphen at the line's end would read as part of the identifier. Nor is a
        // short word that starts with a capital (a name: Taiwan, Atlas, Nihon); a long one may be (Administration).
        // A passage marked as another language breaks by that language's patterns, or nowhere without them.
        const hyphenate = piece.label || piece.code || /^\p{Lu}\p{L}{0,6}\P{L}*$/u.test(w) ? undefined : ctx.hyphenate && piece.style.lang ? hyphenatorFor(piece.style.lang) : ctx.hyphenate;
        const pieces = long ? chicagoPieces(w, isUrl) : hyphenate ? compoundParts(w) : [w];
        const compound = !long && pieces.length > 1;
        const segments: { text: string; point: boolean; hyphen: boolean }[] = [];
        for (const [k, p] of pieces.entries()) {
          // A cross-reference's label (Figure 4, Section 2) is not hyphenated.
          const syllables = !isUrl && !compound && hyphenate ? hyphenate(p) : [p];
          // After a word's own hyphen the line breaks as after a syllable (no hyphen added) where words hyphenate.
          const afterHyphen = k > 0 && !isUrl && hyphenate !== undefined && /[-‐]$/.test(pieces[k - 1]!);
          const prev = segments[segments.length - 1];
          if (afterHyphen && prev) prev.hyphen = true;
          syllables.forEach((y, j) => segments.push({ text: y, point: k > 0 && j === 0 && !afterHyphen, hyphen: j < syllables.length - 1 }));
        }
        // A long token that does not hyphenate may also break between any two characters, as the last resort
        // (the breaker's highest penalty); a word wider than a line is cut when composed (cutWide).
        // Code breaks only at its points: `andAnothe|rOne` would read as two names.
        const cuttable = long && !piece.code && (isUrl || !segments.some((g) => g.hyphen));
        // Where URLs break anywhere (Japanese practice), a break between two of its characters costs what a Chicago point does.
        const between = isUrl && ctx.urlBreakAnywhere ? ('point' as const) : ('cut' as const);
        // A URL's scheme (https://) is never cut: http|s:// or https|:// would read as no address.
        const whole = (g: { text: string }) => isUrl && /^[a-z][a-z0-9+.-]*:\/\/$/i.test(g.text);
        const units = cuttable
          ? segments.flatMap((g) =>
              whole(g)
                ? [{ text: g.text, split: g.point ? ('point' as const) : undefined, hyphen: g.hyphen }]
                : [...g.text].map((ch, j, all) => ({ text: ch, split: j === 0 ? (g.point ? ('point' as const) : undefined) : between, hyphen: g.hyphen && j === all.length - 1 })),
            )
          : segments.map((g) => ({ text: g.text, split: g.point ? ('point' as const) : undefined, hyphen: g.hyphen }));
        const texts = units.map((g) => g.text);
        const widths = units.length > 1 ? ctx.metrics.partWidths?.(face, texts, style.size) : undefined;
        const hyphenWidth = units.some((g) => g.hyphen) ? ctx.metrics.width(face, '-', style.size) : 0;
        units.forEach((g, k) => {
          const flags = { spaceBefore: k === 0 && space, breakBefore: k === 0 && brk, url: isUrl && units.length > 1 };
          const atom = makeAtom(ctx, g.text, style, 'latin', false, flags, widths?.[k]);
          if (g.split) atom.split = g.split;
          // Measured kerned with what follows it in the word (or the space after it), drawn at a
          // line's end without it: its last character is then as wide as set alone.
          const last = [...g.text].pop() ?? '';
          const next = k < units.length - 1 ? ([...units[k + 1]!.text][0] ?? ' ') : ' ';
          const kern = ctx.metrics.kernBetween?.(face, last, next, style.size) ?? 0;
          if (Math.abs(kern) > END_EPSILON) atom.endDelta = kern;
          if (g.hyphen) atom.hyphenAfter = /[-‐–—]$/.test(g.text) ? 0 : hyphenWidth;
          push(atom);
        });
      };
      for (const ch of clusters(run.text)) {
        if (isSpace(ch)) {
          flushWord();
          if (atoms.length > 0) space = true;
          continue;
        }
        // A run in a fallback family is classed by its characters.
        // A sign the Latin face lacks, drawn from the Japanese one, stays part of its Latin word: (≤0.3.
        const japanese = sameFamily || (run.family !== piece.fonts.latin && run.family !== piece.fonts.cjk) ? isJapaneseChar(ch) : run.family === piece.fonts.cjk && isJapaneseChar(ch);
        if (japanese) {
          flushWord();
          push(makeAtom(ctx, ch, ch === '—' ? dashStyle : cjkStyle, cjkClass(ch), true, { spaceBefore: space, breakBefore: brk, url: false }));
        } else {
          word += ch;
        }
      }
      flushWord();
    }
    if (piece.code) for (let k = firstOfPiece; k < atoms.length; k++) atoms[k]!.code = true;
    if (piece.label) for (let k = firstOfPiece; k < atoms.length; k++) atoms[k]!.label = true;
  }
  applyPunctuationPairs(atoms);
  return atoms;
}

/**
 * Consecutive Japanese punctuation shares its built-in space (JLReq 3.1.6):
 * a closing bracket, comma or full stop followed by another one or by an
 * opening bracket is set half-width; so is an opening bracket after another.
 */
function applyPunctuationPairs(atoms: Atom[]): void {
  let prev: Atom | undefined;
  for (const atom of atoms) {
    if (atom.cls === 'mark') continue;
    if (prev && !atom.spaceBefore && prev.cjk && atom.cjk) {
      if (hasTrailingSpace(prev.cls) && (hasTrailingSpace(atom.cls) || hasLeadingSpace(atom.cls) || atom.cls === 'middle')) setHalt(prev);
      else if (hasLeadingSpace(prev.cls) && hasLeadingSpace(atom.cls)) setHalt(atom);
    }
    prev = atom;
  }
}

export function setHalt(atom: Atom): void {
  if (atom.halt || atom.haltWidth === atom.width) return;
  atom.halt = true;
  atom.width = atom.haltWidth;
  atom.style = { ...atom.style, features: [...(atom.style.features ?? []), 'halt'] };
}

/** The class a line edge sees: Latin words count by their first or last character. */
function startClass(a: Atom): CharClass {
  return a.cls === 'latin' && latinNoStart.test(a.text) ? 'close' : a.cls;
}
function endClass(a: Atom): CharClass {
  return a.cls === 'latin' && latinNoEnd.test(a.text) ? 'open' : a.cls;
}

export interface Gap {
  /** A line may break here. */
  breakable: boolean;
  /** Space held by the gap (word space, quarter em between scripts). */
  natural: number;
  /** How far the gap may open when a line is justified (TeX stretchability). */
  stretch: number;
  /** How much of `natural` may be taken away to fit a line. */
  shrink: number;
  /** The source had whitespace here (rendered as a space character). */
  space: boolean;
  /** A break inside a token: at a Chicago point, or between characters (the last resort). */
  inside?: 'point' | 'cut';
}

function latinLike(a: Atom): boolean {
  return a.cls === 'latin';
}

/** The width of a word space in each run style (its face at its size), by metrics: measured once per style. */
const spaceWidths = new WeakMap<Metrics, WeakMap<RunStyle, number>>();

function spaceWidthIn(metrics: Metrics, style: RunStyle): number {
  let widths = spaceWidths.get(metrics);
  if (!widths) {
    widths = new WeakMap();
    spaceWidths.set(metrics, widths);
  }
  let width = widths.get(style);
  if (width === undefined) {
    width = metrics.width(style.face, ' ', style.size);
    widths.set(style, width);
  }
  return width;
}

/** The gap between two consecutive atoms. */
export function gapBetween(a: Atom, b: Atom, ctx: Pick<TextContext, 'metrics' | 'interScriptEm'>): Gap {
  const sp = b.spaceBefore;
  const em = a.style.size;
  let breakable: boolean;
  // Inside a token: a break without space, stretch or hyphen, which the breaker weighs with a penalty.
  if (b.split && !sp && !b.breakBefore) return { breakable: true, natural: 0, stretch: 0, shrink: 0, space: false, inside: b.split };
  if (b.breakBefore) breakable = true;
  else if (b.cls === 'mark') breakable = false;
  else if (a.label && b.label && !sp) breakable = false;
  else if (a.hyphenAfter !== undefined && !sp) breakable = true;
  else if (latinLike(a) && latinLike(b) && !sp) breakable = false;
  // A sign stays with the number it touches (≦5, 3×4, →B).
  else if (!sp && tightSign(a, b)) breakable = false;
  // A number stays with the counter after it and with 第 before it (2025年1月, 第2段階).
  else if (!sp && latinLike(a) && /\d$/.test(a.text) && b.cjk && b.cls === 'ideo') breakable = false;
  else if (!sp && a.cjk && a.text === '第' && latinLike(b) && /^\d/.test(b.text)) breakable = false;
  else if (!mayEndLine(endClass(a))) breakable = false;
  else if (!mayStartLine(startClass(b))) breakable = false;
  else if (a.cls === 'insep' && b.cls === 'insep') breakable = false;
  else breakable = true;

  // A word space is set in the face of the text it stands in: after inline code, the text that follows.
  const spaced = a.code && !b.code ? b : a;
  let natural = 0;
  let shrink = 0;
  let kind: 'none' | 'word' | 'script' = 'none';
  if (a.cls === 'mark' || b.cls === 'mark') {
    if (sp) kind = a.cjk || b.cjk ? 'script' : 'word';
  } else if (sp) {
    if (a.cjk || b.cjk) {
      const absorbed = (a.cjk && hasTrailingSpace(a.cls)) || (b.cjk && hasLeadingSpace(b.cls));
      kind = absorbed ? 'none' : 'script';
    } else kind = 'word';
  } else if (ctx.interScriptEm > 0) {
    // Between Japanese letters and Latin letters or digits only (AI規制 → AI 規制, 2026年), as Word's
    // and CSS's autospacing set it in the other editions: not next to a bracket or a slash (6頁(2025.11.20), 人/日).
    const latinThenJapanese = latinLike(a) && /[\p{L}\p{N}]$/u.test(a.text) && b.cjk && isJapaneseLetter(b.cls);
    const japaneseThenLatin = a.cjk && isJapaneseLetter(a.cls) && latinLike(b) && /^[\p{L}\p{N}]/u.test(b.text);
    if (latinThenJapanese || japaneseThenLatin) kind = 'script';
  }
  if (kind === 'word') {
    natural = spaceWidthIn(ctx.metrics, spaced.style);
    shrink = natural / 3;
  } else if (kind === 'script') {
    natural = ctx.interScriptEm > 0 ? ctx.interScriptEm * em : spaceWidthIn(ctx.metrics, spaced.style);
    shrink = natural / 4;
  }

  // Stretchability: a word space may open by half its width, the space
  // between scripts by half, a gap between Japanese characters by a tenth
  // of an em; gaps inside a URL, before a mark, inside a word, and next to
  // the built-in space of brackets and stops do not open.
  let stretch: number;
  if (a.url && b.url && !sp) stretch = 0;
  else if (b.cls === 'mark') stretch = 0;
  else if (latinLike(a) && latinLike(b) && !sp) stretch = 0;
  else if (!sp && tightSign(a, b)) stretch = 0;
  else if (kind !== 'none') stretch = natural / 2;
  else if (b.cjk && (hasTrailingSpace(b.cls) || b.cls === 'middle')) stretch = 0;
  else if (a.cjk && (hasLeadingSpace(a.cls) || a.cls === 'middle')) stretch = 0;
  // In Latin text (no space between scripts: not a Japanese edition), word spaces take the stretch first.
  else stretch = (ctx.interScriptEm > 0 ? CJK_STRETCH_EM : CJK_STRETCH_IN_LATIN_EM) * em;
  // Japanese characters may also close up a little (as luatexja's kanjiskip does).
  if (kind === 'none' && stretch > 0 && a.cjk && b.cjk) shrink = CJK_SHRINK_EM * em;
  return { breakable, natural, stretch, shrink, space: sp };
}

/** A sign set as a Japanese character next to a Latin word or number, with no space between. */
function tightSign(a: Atom, b: Atom): boolean {
  return (a.cls === 'symbol' && latinLike(b)) || (latinLike(a) && b.cls === 'symbol');
}

/** Gaps between consecutive atoms (gaps[i] lies between atoms i and i+1). */
export function gapsOf(atoms: readonly Atom[], ctx: Pick<TextContext, 'metrics' | 'interScriptEm'>): Gap[] {
  const gaps: Gap[] = [];
  for (let i = 0; i + 1 < atoms.length; i++) gaps.push(gapBetween(atoms[i]!, atoms[i + 1]!, ctx));
  return gaps;
}
