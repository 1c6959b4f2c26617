/**
 * A block quotation is set off from the text: indented as a whole, space
 * above and below (as much above as below, the text after it back on the
 * line grid), its first line not indented, a second paragraph indented.
 */
import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Block, DocumentModel } from '@brief/document-model';
import { reportTemplate } from '@brief/templates';
import { renderPdf } from './index.js';
import { layoutDocument } from './layout.js';
import { testDocument } from './test-context.js';

const para = (value: string): Block => ({ kind: 'paragraph', children: [{ kind: 'text', value }] });

describe('block quotations in the PDF', () => {
  it('are set off by space, their first line flush with the quotation’s edge', async () => {
    const doc: DocumentModel = {
      kind: 'document',
      meta: { id: 'quote', lang: 'en', languages: ['en'], title: 'Quote', authors: [{ name: 'A. Tester' }], published: '2026-03-16', notices: [] },
      sourceDir: '/nonexistent',
      body: [para('Opening words.'), para('Before the quotation.'), { kind: 'blockquote', children: [para('Quoted first.'), para('Quoted second.')] }, para('After the quotation.')],
      notes: [],
    };
    const pdf = await getDocument({ data: await renderPdf(doc, reportTemplate), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
    const page = await pdf.getPage(1);
    const items = (await page.getTextContent()).items.filter((it) => 'str' in it && it.str.trim() !== '') as { str: string; transform: number[] }[];
    await pdf.destroy();
    // A line's words are drawn as one item: the item of each paragraph's first line, by its first word (`Quoted` twice).
    const at = (word: string, nth = 0) => {
      const it = items.filter((i) => i.str.split(' ')[0] === word)[nth];
      if (!it) throw new Error(`no "${word}" in ${items.map((i) => i.str).join(' | ')}`);
      return { x: it.transform[4]!, y: it.transform[5]! };
    };
    const [before, first, second, after] = [at('Before'), at('Quoted'), at('Quoted', 1), at('After')];
    const pitch = first.y - second.y;
    // Indented as a whole; the first line not indented further, the second paragraph's first line is.
    expect(first.x).toBeGreaterThan(before.x);
    expect(second.x).toBeGreaterThan(first.x);
    // Space above and below, the same, and the text after it on the grid of the text before it.
    const above = before.y - first.y - pitch;
    const below = second.y - after.y - pitch;
    expect(above).toBeGreaterThan(pitch / 4);
    expect(below).toBeCloseTo(above, 3);
    const lines = (before.y - after.y) / pitch;
    expect(Math.abs(lines - Math.round(lines))).toBeLessThan(1e-3);
  });

  it('sets an attribution flush right', async () => {
    const doc: DocumentModel = {
      kind: 'document',
      meta: { id: 'quote', lang: 'en', languages: ['en'], title: 'Quote', authors: [{ name: 'A. Tester' }], published: '2026-03-16', notices: [] },
      sourceDir: '/nonexistent',
      body: [
        para('Before the quotation.'),
        {
          kind: 'blockquote',
          children: [para(`Quoted words ${'that run on '.repeat(12)}to the end.`), { kind: 'paragraph', attribution: true, children: [{ kind: 'text', value: '— Attributed Person, 2024' }] }],
        },
      ],
      notes: [],
    };
    const pdf = await getDocument({ data: await renderPdf(doc, reportTemplate), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
    const items = (await (await pdf.getPage(1)).getTextContent()).items.filter((it) => 'str' in it && it.str.trim() !== '') as { str: string; transform: number[]; width: number }[];
    await pdf.destroy();
    const right = (word: string) => {
      const it = items.find((i) => i.str.includes(word))!;
      return it.transform[4]! + it.width;
    };
    // The attribution ends where the quotation's full lines end; it starts well to the right.
    const quoted = items.filter((i) => !/Attributed|Person|2024|—/.test(i.str));
    expect(right('2024')).toBeCloseTo(Math.max(...quoted.map((i) => i.transform[4]! + i.width)), 0);
    expect(items.find((i) => i.str.includes('Attributed'))!.transform[4]!).toBeGreaterThan(items.find((i) => i.str.startsWith('Quoted'))!.transform[4]! + 100);
  });

  it('keeps an attribution on the page of the quotation’s last line', () => {
    const attribution: Block = { kind: 'paragraph', attribution: true, children: [{ kind: 'text', value: '— Attributed Person, 2024' }] };
    const pagesApart: number[] = [];
    // Each count of one-line paragraphs before the quotation moves it down by a line, past one page's end.
    for (let k = 36; k < 48; k++) {
      const body = [...Array.from({ length: k }, (_, i) => para(`Filler ${i}.`)), { kind: 'blockquote', children: [para('Quoted words.'), attribution] } as Block, para('After.')];
      const { pages } = layoutDocument(testDocument('en', body), reportTemplate);
      const pageOf = (word: string) => pages.findIndex((nodes) => nodes.some((n) => 'text' in n && Array.isArray(n.text) && n.text.some((t) => typeof t.text === 'string' && t.text.includes(word))));
      expect(pageOf('After')).toBeGreaterThan(0);
      if (pageOf('Attributed') !== pageOf('Quoted')) pagesApart.push(k);
    }
    expect(pagesApart).toEqual([]);
  });
});
