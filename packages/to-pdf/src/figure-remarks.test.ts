/**
 * Notes written under a figure's table or image ((注) …, Note: …) print
 * under it in the source line's size, each a paragraph of its own in the
 * tagged structure, before the source line; a Japanese table's column heads
 * are centred.
 */
import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Block } from '@brief/document-model';
import { reportTemplate } from '@brief/templates';
import { renderPdf } from './index.js';
import { testDocument } from './test-context.js';

const text = (value: string) => ({ kind: 'text', value });
const figure = {
  kind: 'figure',
  id: 'tab-a',
  number: 1,
  label: '図表1',
  caption: [text('経費の推移')],
  remarks: [[text('（注1）2025年度は当初予算額。')], [text('（注2）△はマイナスを示す。')]],
  sourceNote: [text('Ａ市資料')],
  body: {
    kind: 'table',
    table: {
      align: [null, 'right'],
      header: { cells: [{ children: [text('年度')] }, { children: [text('経費')] }] },
      rows: [{ cells: [{ children: [text('2025年度')] }, { children: [text('1,026')] }] }],
    },
  },
} as unknown as Block;

interface Node {
  role?: string;
  children?: Node[];
}

describe('notes under a figure', () => {
  it('print under the table, before the source line, each a P of the figure’s Div', async () => {
    const doc = testDocument('ja', [{ kind: 'paragraph', children: [text('本文。')] } as Block, figure]);
    const pdf = await getDocument({ data: await renderPdf(doc, reportTemplate), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
    const page = await pdf.getPage(1);
    const lines = (await page.getTextContent()).items.flatMap((it) =>
      'str' in it && it.str.trim() ? [{ str: it.str, y: it.transform[5] as number, right: (it.transform[4] as number) + it.width }] : [],
    );
    const y = (needle: string) => lines.find((l) => l.str.includes(needle))!.y;
    // PDF y grows upwards: the table row above the first note, above the second, above the source line.
    expect(y('1,026')).toBeGreaterThan(y('当初予算額'));
    expect(y('当初予算額')).toBeGreaterThan(y('マイナス'));
    expect(y('マイナス')).toBeGreaterThan(y('Ａ市資料'));
    // The Japanese column head is centred over its column of figures set right (表頭), not set right with them.
    const right = (needle: string) => lines.find((l) => l.str.includes(needle))!.right;
    expect(right('1,026') - right('経費')).toBeGreaterThan(5);
    const tree = (await page.getStructTree()) as Node;
    const find = (n: Node, role: string): Node | undefined => (n.role === role ? n : n.children?.map((c) => find(c, role)).find(Boolean));
    const div = find(tree, 'Div')!;
    expect(div.children?.map((c) => c.role)).toEqual(['Caption', 'Table', 'P', 'P', 'P']);
    await pdf.destroy();
  });
});
