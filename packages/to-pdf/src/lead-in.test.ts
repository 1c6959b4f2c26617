/** A paragraph ending in a colon stays on the page of the list (quotation, code, table) it leads into. */
import { describe, expect, it } from 'vitest';
import type { Block, Inline } from '@brief/document-model';
import { reportTemplate } from '@brief/templates';
import { layoutDocument } from './layout.js';
import { testDocument } from './test-context.js';

const text = (value: string): Inline => ({ kind: 'text', value });
const para = (value: string): Block => ({ kind: 'paragraph', children: [text(value)] });

/** The page of the lead-in's last line and of the list's first line, with `n` one-line paragraphs before them. */
function pagesOf(n: number): { lead: number; list: number } {
  const body: Block[] = [
    ...Array.from({ length: n }, (_, k) => para(`Line ${k + 1}.`)),
    para('Three things stand out:'),
    { kind: 'list', ordered: false, start: 1, items: [[para('First.')], [para('Second.')], [para('Third.')]] } as unknown as Block,
  ];
  const doc = testDocument('en', body);
  const pages = layoutDocument(doc, reportTemplate).pagination.pages;
  const pageOfBlock = (test: (block: number) => boolean) => pages.findIndex((p) => p.body.some((b) => b.box.payload.at !== undefined && test(b.box.payload.at.block)));
  return { lead: pageOfBlock((b) => b === n), list: pageOfBlock((b) => b > n) };
}

describe('a lead-in paragraph', () => {
  it('is never the last line of a page whose next page begins its list', () => {
    let crossed = 0;
    for (let n = 36; n <= 48; n++) {
      const { lead, list } = pagesOf(n);
      expect(list, `${n} lines before`).toBe(lead);
      if (lead > 0) crossed++;
    }
    expect(crossed).toBeGreaterThan(0);
  });
});
