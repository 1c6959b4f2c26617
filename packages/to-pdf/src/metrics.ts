/**
 * Font metrics from the same PDFKit font objects pdfmake renders with, so a
 * measured width is the rendered width to the last bit.
 */
import { fontBytes, fontFiles, type FontVariant } from '@brief/fonts';
import { measuringFont, shapedWord, type EmbeddedFont } from './pdfmake-adapter.js';

/** A font face: a family (as registered with pdfmake) and a variant. */
export interface Face {
  family: string;
  bold: boolean;
  italics: boolean;
}

export interface Metrics {
  /** Advance width of `text` at `size` pt with optional OpenType features. */
  width(face: Face, text: string, size: number, features?: readonly string[]): number;
  /** Ascent above the baseline, as a fraction of the size. */
  ascent(face: Face): number;
  /** Descent below the baseline, as a positive fraction of the size. */
  descent(face: Face): number;
  hasGlyph(face: Face, codePoint: number): boolean;
  /**
   * Widths of the parts of one word (its syllables) at `size` pt, measured
   * as the whole word is set, so they add up to the word's width.
   */
  partWidths?(face: Face, parts: readonly string[], size: number): number[];
  /**
   * How much narrower `a` followed by `b` is set than the two apart (their
   * kerning): what a word's last character loses to what follows it.
   */
  kernBetween?(face: Face, a: string, b: string, size: number): number;
}

export function variantOf(face: Face): FontVariant {
  if (face.bold && face.italics) return 'bolditalics';
  if (face.bold) return 'bold';
  if (face.italics) return 'italics';
  return 'normal';
}

/**
 * OpenType features as fontkit takes them: a list of tags, `-tag` to turn a
 * default feature off (Japanese is set without kerning, on its body).
 */
export function featureSet(features: readonly string[] | undefined): Record<string, boolean> | null {
  if (!features || features.length === 0) return null;
  const out: Record<string, boolean> = {};
  for (const f of features) {
    if (f.startsWith('-')) out[f.slice(1)] = false;
    else out[f] = true;
  }
  return out;
}

let shared: Metrics | undefined;

/**
 * Metrics, shared by the renderings of a process: fonts are opened on first
 * use and widths are remembered (they depend only on face, size and text).
 */
export function createMetrics(): Metrics {
  shared ??= openMetrics();
  return shared;
}

/** A face's variant as a number from 0 to 3 (bold 1, italics 2). */
const variantIndex = (face: Face): number => (face.bold ? 1 : 0) + (face.italics ? 2 : 0);

/**
 * Something kept per face: by family (a string the model or template holds,
 * whose hash is known) and variant. The faces of every run and atom are
 * looked up here, hundreds of thousands of times for a long edition, where
 * a key made of family and variant was a new string to hash each time.
 */
class ByFace<T> {
  private readonly families = new Map<string, (T | undefined)[]>();
  get(face: Face, make: () => T): T {
    let variants = this.families.get(face.family);
    if (!variants) {
      variants = [];
      this.families.set(face.family, variants);
    }
    const v = variantIndex(face);
    let value = variants[v];
    if (value === undefined) {
      value = make();
      variants[v] = value;
    }
    return value;
  }
}

/** OpenType features as one key (`a,b`): most runs carry one feature or none, whose key is a string made once (the lists are made afresh for many runs). */
function featureKey(features: readonly string[] | undefined): string {
  if (!features || features.length === 0) return '';
  return features.length === 1 ? features[0]! : features.join(',');
}

function openMetrics(): Metrics {
  const fonts = new ByFace<EmbeddedFont>();
  /** Widths (1/1000 em) by face, by features (`featureKey`) and by text. */
  const widths = new ByFace<Map<string, Map<string, number>>>();
  const open = (face: Face): EmbeddedFont =>
    fonts.get(face, () => {
      const path = fontFiles(face.family)[variantOf(face)];
      return measuringFont(path, fontBytes(path));
    });
  /**
   * Advances (1/1000 em) of the characters of a word set in running text:
   * PDFKit draws a word with the space after it as one piece, shaped once
   * and remembered (see shareShaping), so the word is measured the same way
   * and the drawing finds it shaped already. A glyph standing for several
   * characters (a ligature) shares its advance among them.
   */
  const wordAdvances = (face: Face, word: string): number[] => {
    const run = shapedWord(open(face), `${word} `);
    const chars = [...word];
    const out = new Array<number>(chars.length).fill(0);
    let i = 0;
    run.glyphs.forEach((glyph, g) => {
      const n = Math.max(1, glyph.codePoints.length);
      const advance = run.positions[g]!.xAdvance;
      for (let k = 0; k < n && i < chars.length; k++, i++) out[i] = advance / n;
    });
    return out;
  };
  const plainWord = (text: string, features: readonly string[] | undefined) => !features?.length && !/[\s]/.test(text);
  return {
    width(face, text, size, features) {
      if (text === '') return 0;
      const byFeatures = widths.get(face, () => new Map());
      const fkey = featureKey(features);
      let table = byFeatures.get(fkey);
      if (!table) {
        table = new Map();
        byFeatures.set(fkey, table);
      }
      let w = table.get(text);
      if (w === undefined) {
        w = plainWord(text, features) ? wordAdvances(face, text).reduce((a, b) => a + b, 0) : open(face).widthOfString(text, 1000, featureSet(features));
        table.set(text, w);
      }
      return (w * size) / 1000;
    },
    partWidths(face, parts, size) {
      const word = parts.join('');
      if (!plainWord(word, undefined)) return parts.map((p) => this.width(face, p, size));
      const advances = wordAdvances(face, word);
      let i = 0;
      return parts.map((p) => {
        const n = [...p].length;
        const w = advances.slice(i, i + n).reduce((a, b) => a + b, 0);
        i += n;
        return (w * size) / 1000;
      });
    },
    kernBetween(face, a, b, size) {
      const font = open(face);
      const advance = (text: string) => {
        let w = 0;
        for (const p of shapedWord(font, text).positions) w += p.xAdvance;
        return w;
      };
      return ((advance(a) + advance(b) - advance(a + b)) * size) / 1000;
    },
    ascent: (face) => open(face).ascender / 1000,
    descent: (face) => -open(face).descender / 1000,
    hasGlyph: (face, cp) => open(face).font.hasGlyphForCodePoint(cp),
  };
}
