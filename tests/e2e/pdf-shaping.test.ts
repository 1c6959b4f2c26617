/**
 * How the PDF writer shapes text (packages/to-pdf/src/pdfmake-adapter.ts), checked
 * against fontkit, PDFKit's own shaper, on every run of both sample
 * editions:
 * - runs of CJK characters that carry OpenType features are shaped a
 *   character at a time and put together, which is right only if nothing is
 *   shaped across two of those characters: the run put together must have the
 *   glyphs and positions of the whole run shaped at once;
 * - words without features, and those CJK characters one at a time, are
 *   shaped by HarfBuzz: the same glyphs, positions and characters per glyph
 *   as fontkit gives.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { layoutDocument } from '@brief/to-pdf';
import { shapeWithHarfBuzz } from '../../packages/to-pdf/dist/pdfmake-adapter.js';
import { fontFiles } from '@brief/fonts';
import { reportTemplate } from '@brief/templates';
import { editions, sample } from '../helpers/pdf-build.js';

interface Run {
  glyphs: { id: number; codePoints: number[] }[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[];
  advanceWidth: number;
}
interface Font {
  font: { postscriptName: string; numGlyphs: number };
  layout(text: string, features: Record<string, boolean> | null): Run;
  layoutRun(text: string, features: Record<string, boolean> | undefined): Run;
}

const require = createRequire(import.meta.url);
const PDFKit = createRequire(require.resolve('pdfmake'))('pdfkit') as new (o: object) => { font(p: string): unknown; _font: Font };

interface Inline {
  text: string;
  font: string;
  bold?: boolean;
  italics?: boolean;
  fontFeatures?: Record<string, boolean>;
}

function inlinesOf(node: unknown, out: Inline[] = []): Inline[] {
  if (Array.isArray(node)) for (const n of node) inlinesOf(n, out);
  else if (node && typeof node === 'object') {
    const text = (node as { text?: unknown }).text;
    if (Array.isArray(text)) out.push(...(text as Inline[]));
  }
  return out;
}

const cjkOnly = /^[\u3000-\u3098\u309b-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60]+$/u;

/** Every text run of both editions with the PDFKit font it is set in. */
function runs(): { inline: Inline; font: Font }[] {
  const doc = new PDFKit({ autoFirstPage: false, font: null });
  const fonts = new Map<string, Font>();
  const out: { inline: Inline; font: Font }[] = [];
  for (const edition of editions(sample).values()) {
    const laid = layoutDocument(edition, reportTemplate);
    for (const inline of inlinesOf(laid.pages.flat())) {
      const variant = inline.bold ? (inline.italics ? 'bolditalics' : 'bold') : inline.italics ? 'italics' : 'normal';
      const path = fontFiles(inline.font)[variant];
      let font = fonts.get(path);
      if (!font) {
        doc.font(path);
        font = doc._font;
        fonts.set(path, font);
      }
      out.push({ inline, font });
    }
  }
  return out;
}

const positions = (run: Run) => run.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset].map((x) => Math.round(x * 1e6) / 1e6));

describe("the PDF writer's shaping", () => {
  const all = runs();

  it('sets CJK runs a character at a time with the glyphs and positions of the whole run', () => {
    let checked = 0;
    for (const { inline, font } of all) {
      if (!inline.fontFeatures || !cjkOnly.test(inline.text)) continue;
      const pieced = font.layout(inline.text, inline.fontFeatures);
      const whole = font.layoutRun(inline.text, inline.fontFeatures);
      const where = `${inline.font} ${JSON.stringify(inline.fontFeatures)} “${inline.text}”`;
      expect(
        pieced.glyphs.map((g) => g.id),
        where,
      ).toEqual(whole.glyphs.map((g) => g.id));
      expect(positions(pieced), where).toEqual(positions(whole));
      checked++;
    }
    // Every line of the Japanese edition has such runs.
    expect(checked).toBeGreaterThan(500);
  });

  it('shapes each CJK character that carries features with HarfBuzz as fontkit does', () => {
    const seen = new Set<string>();
    for (const { inline, font } of all) {
      if (!inline.fontFeatures || !cjkOnly.test(inline.text)) continue;
      for (const ch of inline.text) {
        const key = `${font.font.postscriptName} ${JSON.stringify(inline.fontFeatures)} ${ch}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const ours = shapeWithHarfBuzz(font as never, ch, inline.fontFeatures);
        const theirs = font.layoutRun(ch, inline.fontFeatures);
        expect(
          ours.glyphs.map((g) => g.id),
          key,
        ).toEqual(theirs.glyphs.map((g) => g.id));
        expect(positions(ours), key).toEqual(positions(theirs));
      }
    }
    expect(seen.size).toBeGreaterThan(1000);
  });

  it('shapes words with HarfBuzz as fontkit does', () => {
    let checked = 0;
    for (const { inline, font } of all) {
      // A run of words carries only the extra advance of its spaces (a symbol key), no feature.
      if (inline.fontFeatures && Object.keys(inline.fontFeatures).length > 0) continue;
      // PDFKit shapes text without features a word at a time, each with the space after it.
      for (const word of inline.text.match(/[^ \t]*[ \t]?/g)!.filter(Boolean)) {
        const ours = shapeWithHarfBuzz(font as never, word);
        const theirs = font.layoutRun(word, undefined);
        const where = `${inline.font} “${word}”`;
        expect(
          ours.glyphs.map((g) => g.id),
          where,
        ).toEqual(theirs.glyphs.map((g) => g.id));
        expect(
          ours.glyphs.map((g) => g.codePoints),
          where,
        ).toEqual(theirs.glyphs.map((g) => g.codePoints));
        expect(positions(ours), where).toEqual(positions(theirs));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5000);
  });
});
