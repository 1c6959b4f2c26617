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

export function faceKey(face: Face): string {
  return `${face.family}|${variantOf(face)}`;
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

function openMetrics(): Metrics {
  const fonts = new Map<string, EmbeddedFont>();
  const widths = new Map<string, Map<string, number>>();
  const open = (face: Face): EmbeddedFont => {
    const key = faceKey(face);
    let font = fonts.get(key);
    if (!font) {
      const path = fontFiles(face.family)[variantOf(face)];
      font = measuringFont(path, fontBytes(path));
      fonts.set(key, font);
    }
    return font;
  };
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
      const fkey = `${face.family}|${face.bold ? 'b' : ''}${face.italics ? 'i' : ''}|${features ? features.join(',') : ''}`;
      let table = widths.get(fkey);
      if (!table) {
        table = new Map();
        widths.set(fkey, table);
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
