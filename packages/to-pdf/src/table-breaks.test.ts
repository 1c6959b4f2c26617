/**
 * A table breaks across pages only between rows that leave two rows at
 * least on either side; a table of four rows or fewer is not broken.
 */
import { describe, expect, it } from 'vitest';
import type { Block, Inline } from '@brief/document-model';
import { reportTemplate } from '@brief/templates';
import { layoutDocument } from './layout.js';
import { testDocument } from './test-context.js';

const text = (value: string): Inline => ({ kind: 'text', value });
const para = (value: string): Block => ({ kind: 'paragraph', children: [text(value)] });
const table = (rows: number): Block =>
  ({
    kind: 'table',
    table: {
      align: [null, 'right'],
      header: { cells: [{ children: [text('Item')] }, { children: [text('Value')] }] },
      rows: Array.from({ length: rows }, (_, k) => ({ cells: [{ children: [text(`Row ${k + 1}`)] }, { children: [text(String(k))] }] })),
    },
  }) as unknown as Block;

/** Per page, how many table rows (boxes that repeat a header) it holds. */
function rowsPerPage(body: Block[]): number[] {
  const doc = testDocument('en', body);
  return layoutDocument(doc, reportTemplate).pagination.pages.map((p) => p.body.filter((b) => b.box.repeatAtTop !== undefined).length);
}

/** One-line paragraphs: the table starts a line further down for each. */
const filler = (n: number) => Array.from({ length: n }, (_, k) => para(`Line ${k + 1}.`));

describe('a table across pages', () => {
  it('leaves two rows at least on either side of a break, and never breaks a short table', () => {
    for (let n = 26; n <= 42; n++) {
      const long = rowsPerPage([...filler(n), table(10)]).filter((r) => r > 0);
      expect(long.reduce((a, b) => a + b, 0)).toBe(10);
      for (const r of long) expect(r, `${n} paragraphs before`).toBeGreaterThanOrEqual(2);
      const short = rowsPerPage([...filler(n), table(3)]).filter((r) => r > 0);
      expect(short, `${n} paragraphs before`).toEqual([3]);
    }
  });
});
