/**
 * A row header whose cells below are blank heads a group of rows: in the
 * tagged structure it is one TH spanning them (RowSpan), and the rows below
 * have no header cell of their own, not an empty one.
 */
import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Block } from '@brief/document-model';
import { reportTemplate } from '@brief/templates';
import { renderPdf } from './index.js';
import { testDocument } from './test-context.js';

const cell = (value: string) => ({ children: value ? [{ kind: 'text', value }] : [] });
const row = (...values: string[]) => ({ cells: values.map(cell) });
const figure = {
  kind: 'figure',
  id: 'tab-a',
  number: 1,
  label: '図表1',
  caption: [{ kind: 'text', value: '段階別の取組' }],
  body: {
    kind: 'table',
    table: { align: [null, null], rowHeaderColumns: 1, header: row('段階', '取組'), rows: [row('平時', '個別避難計画'), row('', '防災教育'), row('', '訓練'), row('応急', '避難所運営')] },
  },
} as unknown as Block;

interface Node {
  role?: string;
  children?: Node[];
}

describe('a group of rows under one row header', () => {
  it('is tagged as one TH spanning its rows, the rows below without a header cell', async () => {
    const doc = testDocument('ja', [{ kind: 'paragraph', children: [{ kind: 'text', value: '本文。' }] } as Block, figure]);
    const bytes = await renderPdf(doc, reportTemplate);
    const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
    const tree = (await (await pdf.getPage(1)).getStructTree()) as Node;
    await pdf.destroy();
    const rows: string[] = [];
    const walk = (n: Node) => (n.role === 'TR' ? rows.push((n.children ?? []).map((c) => c.role).join(' ')) : n.children?.forEach(walk));
    walk(tree);
    expect(rows).toEqual(['TH TH', 'TH TD', 'TD', 'TD', 'TH TD']);
    const text = Buffer.from(bytes).toString('latin1');
    expect(text.match(/\/RowSpan \d+/g)).toEqual(['/RowSpan 3']);
  });

  it('ends a group where the column to its left begins a new one, as the e-book does', async () => {
    const two = {
      ...(figure as unknown as { body: { table: object } }),
      body: {
        kind: 'table',
        table: { align: [null, null, null], rowHeaderColumns: 2, header: row('地域', '区分', '件数'), rows: [row('東', 'A', '1'), row('', '', '2'), row('西', '', '3'), row('', 'B', '4')] },
      },
    } as unknown as Block;
    const bytes = await renderPdf(testDocument('ja', [{ kind: 'paragraph', children: [{ kind: 'text', value: '本文。' }] } as Block, two]), reportTemplate);
    // 東 and A head two rows each, 西 two; the blank under 西 is no part of A's group.
    expect(
      Buffer.from(bytes)
        .toString('latin1')
        .match(/\/RowSpan \d+/g),
    ).toEqual(['/RowSpan 2', '/RowSpan 2', '/RowSpan 2']);
  });
});
