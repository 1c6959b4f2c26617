/**
 * A figure floats out of the text: in English, where the first paragraph
 * after a heading is not indented, the paragraph after a figure is indented
 * as the paragraph it continues, unless a heading came just before the figure.
 */
import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Block } from '@brief/document-model';
import { reportTemplate } from '@brief/templates';
import { renderPdf } from './index.js';
import { testDocument } from './test-context.js';

const para = (value: string): Block => ({ kind: 'paragraph', children: [{ kind: 'text', value }] });
const figure = (id: string, n: number): Block =>
  ({
    kind: 'figure',
    id,
    number: n,
    label: `Figure ${n}`,
    caption: [{ kind: 'text', value: 'Caption' }],
    body: { kind: 'table', table: { header: { cells: [{ children: [{ kind: 'text', value: 'A' }] }] }, rows: [{ cells: [{ children: [{ kind: 'text', value: '1' }] }] }], align: [null] } },
  }) as unknown as Block;
const heading = (id: string, title: string): Block => ({ kind: 'heading', level: 1, id, number: '1.', refLabel: '1.', label: '1. ', children: [{ kind: 'text', value: title }] }) as unknown as Block;

describe('the paragraph after a figure (English)', () => {
  it('is indented when it continues the text, not when a heading stands before the figure', async () => {
    const doc = testDocument('en', [
      heading('h1', 'One'),
      para('Opening words.'),
      para('Continued words.'),
      figure('f1', 1),
      para('Following words.'),
      heading('h2', 'Two'),
      figure('f2', 2),
      para('Leading words.'),
    ]);
    const pdf = await getDocument({ data: await renderPdf(doc, reportTemplate), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
    // A line's words of one style are drawn as one text item: each item by its first word.
    const xs = new Map<string, number>();
    for (let p = 1; p <= pdf.numPages; p++)
      for (const it of (await (await pdf.getPage(p)).getTextContent()).items) if ('str' in it && it.str.trim() && !xs.has(it.str.split(' ')[0]!)) xs.set(it.str.split(' ')[0]!, it.transform[4]!);
    await pdf.destroy();
    expect(xs.get('Continued')!).toBeGreaterThan(xs.get('Opening')!);
    expect(xs.get('Following')).toBeCloseTo(xs.get('Continued')!, 3);
    expect(xs.get('Leading')).toBeCloseTo(xs.get('Opening')!, 3);
  });
});

describe("the text's first paragraph, before any heading", () => {
  /** The x of each line's first text item, by its first word. */
  async function starts(lang: 'ja' | 'en', words: string[]): Promise<Map<string, number>> {
    const pdf = await getDocument({ data: await renderPdf(testDocument(lang, words.map(para)), reportTemplate), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
    const xs = new Map<string, number>();
    for (let p = 1; p <= pdf.numPages; p++)
      for (const it of (await (await pdf.getPage(p)).getTextContent()).items) if ('str' in it && it.str.trim() && !xs.has(it.str.split(' ')[0]!)) xs.set(it.str.split(' ')[0]!, it.transform[4]!);
    await pdf.destroy();
    return xs;
  }

  it('is flush in English, as after a heading, and indented in Japanese', async () => {
    const en = await starts('en', ['Opening words.', 'Continued words.']);
    expect(en.get('Continued')!).toBeGreaterThan(en.get('Opening')!);
    const ja = await starts('ja', ['冒頭の段落。', '次の段落。']);
    expect(ja.get('冒頭の段落。')).toBeCloseTo(ja.get('次の段落。')!, 3);
  });
});
