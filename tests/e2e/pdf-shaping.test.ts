/**
 * The PDF writer shapes runs of CJK characters that carry OpenType features
 * a character at a time and puts the run together (packages/to-pdf/src/
 * pdf-lib.ts). That is right only if nothing is shaped across two of those
 * characters: for every such run of both sample editions, the run put
 * together must have the glyphs and positions of the whole run shaped at
 * once.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { layoutDocument } from '@brief/to-pdf';
import { fontFiles } from '@brief/fonts';
import { reportTemplate } from '@brief/templates';
import { editions, sample } from '../helpers/pdf-build.js';

interface Run {
  glyphs: { id: number }[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[];
  advanceWidth: number;
}
interface Font {
  layout(text: string, features: Record<string, boolean> | null): Run;
  layoutRun(text: string, features: Record<string, boolean> | null): Run;
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

describe('CJK runs shaped a character at a time', () => {
  it('have the glyphs and positions of the whole run', () => {
    const doc = new PDFKit({ autoFirstPage: false, font: null });
    const fonts = new Map<string, Font>();
    let checked = 0;
    for (const edition of editions(sample).values()) {
      const laid = layoutDocument(edition, reportTemplate);
      for (const inline of inlinesOf(laid.pages.flat())) {
        if (!inline.fontFeatures || !cjkOnly.test(inline.text)) continue;
        const variant = inline.bold ? (inline.italics ? 'bolditalics' : 'bold') : inline.italics ? 'italics' : 'normal';
        const path = fontFiles(inline.font)[variant];
        let font = fonts.get(path);
        if (!font) {
          doc.font(path);
          font = doc._font;
          fonts.set(path, font);
        }
        const pieced = font.layout(inline.text, inline.fontFeatures);
        const whole = font.layoutRun(inline.text, inline.fontFeatures);
        const where = `${inline.font} ${JSON.stringify(inline.fontFeatures)} “${inline.text}”`;
        expect(pieced.glyphs.map((g) => g.id), where).toEqual(whole.glyphs.map((g) => g.id));
        expect(pieced.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]), where).toEqual(
          whole.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]),
        );
        checked++;
      }
    }
    // Every line of the Japanese edition has such runs.
    expect(checked).toBeGreaterThan(500);
  });
});
