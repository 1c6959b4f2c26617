/**
 * A line's words of one style are drawn as one text object, each space
 * carrying what justification adds to it: read back glyph by glyph from the
 * PDF's operators (pdf.js), every justified line still starts at the left
 * edge of the text block and ends at its right edge, its word spaces equal,
 * and the text keeps its spaces.
 */
import type { Block } from '@brief/document-model';
import { reportTemplate } from '@brief/templates';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { renderPdf } from './index.js';
import { testDocument } from './test-context.js';

interface Word {
  text: string;
  x0: number;
  x1: number;
  y: number;
}

/** The words drawn on a page, placed by their glyphs' advances and the text adjustments between them. */
async function wordsOf(data: Uint8Array, pageNumber: number): Promise<{ words: Word[]; textObjects: number }> {
  const pdf = await getDocument({ data, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const page = await pdf.getPage(pageNumber);
  const ops = await page.getOperatorList();
  await pdf.destroy();
  const words: Word[] = [];
  let size = 0;
  let x = 0;
  let y = 0;
  let textObjects = 0;
  ops.fnArray.forEach((fn, i) => {
    const args = ops.argsArray[i] as unknown[];
    if (fn === OPS.beginText) textObjects++;
    else if (fn === OPS.setFont) size = args[1] as number;
    else if (fn === OPS.setTextMatrix) [x, y] = [(args as number[])[4]!, (args as number[])[5]!];
    else if (fn === OPS.showText) {
      let word: Word | undefined;
      for (const g of args[0] as (number | { unicode: string; width: number })[]) {
        if (typeof g === 'number') {
          x -= (g / 1000) * size;
          continue;
        }
        if (g.unicode === ' ') word = undefined;
        else {
          if (!word) {
            word = { text: '', x0: x, x1: x, y };
            words.push(word);
          }
          word.text += g.unicode;
        }
        x += (g.width / 1000) * size;
        if (word) word.x1 = x;
      }
    }
  });
  return { words, textObjects };
}

describe('words drawn as runs', () => {
  it('stand where justification put them', async () => {
    const text = `The committee heard evidence on tariffs, supply chains and the prices households pay, ${'and it weighed each claim against the record before it reported to the chamber, '.repeat(5)}in full.`;
    const doc = testDocument('en', [{ kind: 'paragraph', children: [{ kind: 'text', value: text }] } as Block]);
    const { words, textObjects } = await wordsOf(await renderPdf(doc, reportTemplate), 1);
    const byLine = new Map<number, Word[]>();
    for (const w of words) byLine.set(Math.round(w.y), [...(byLine.get(Math.round(w.y)) ?? []), w]);
    // The paragraph's lines (the title block above it has lines of a word or two).
    const lines = [...byLine.values()].filter((line) => line.length > 3).sort((a, b) => b[0]!.y - a[0]!.y);
    const body = lines.flat();
    expect(lines.length).toBeGreaterThan(4);
    // Far fewer text objects than words.
    expect(textObjects).toBeLessThan(body.length / 4);
    // The lines between the first and the last are justified: one left edge, one right edge, equal word spaces.
    const full = lines.slice(1, -1);
    const left = full[0]![0]!.x0;
    const right = full[0]!.at(-1)!.x1;
    for (const line of full) {
      expect(line[0]!.x0).toBeCloseTo(left, 2);
      expect(line.at(-1)!.x1).toBeCloseTo(right, 1);
      const spaces = line.slice(1).map((w, k) => w.x0 - line[k]!.x1);
      for (const s of spaces) expect(s).toBeCloseTo(spaces[0]!, 1);
    }
    // Word spaces differ from line to line (each line is stretched by its own amount), so each space carries its own.
    expect(new Set(full.map((line) => (line[1]!.x0 - line[0]!.x1).toFixed(2))).size).toBeGreaterThan(1);
  });
});
