/** A task list's boxes are its items' markers: in place of the bullet, after the number. */
import { describe, expect, it } from 'vitest';
import type { Block } from '@brief/document-model';
import { reportTemplate } from '@brief/templates';
import { layoutDocument } from './layout.js';
import { testDocument } from './test-context.js';

const item = (value: string): Block[] => [{ kind: 'paragraph', children: [{ kind: 'text', value }] }];

/** The text of each line of the first page, in drawing order. */
function pageText(body: Block[]): string {
  const { pages } = layoutDocument(testDocument('en', body), reportTemplate);
  return pages[0]!.flatMap((n) => ('text' in n && Array.isArray(n.text) ? n.text.map((t) => (typeof t.text === 'string' ? t.text : '')) : [])).join('|');
}

describe('task lists in the PDF', () => {
  it('mark a ticked item ☑ and an open one ☐, and leave a plain item its bullet', () => {
    const text = pageText([{ kind: 'list', ordered: false, start: 1, items: [item('Done thing'), item('Open thing'), item('Plain thing')], checked: [true, false, null] }]);
    expect(text).toMatch(/☑\|?Done thing/);
    expect(text).toMatch(/☐\|?Open thing/);
    expect(text).toMatch(/•\|?Plain thing/);
    expect(text).not.toMatch(/•\|?(Done|Open) thing/);
  });

  it('set the box after the number in an ordered list', () => {
    const text = pageText([{ kind: 'list', ordered: true, start: 3, items: [item('First'), item('Second')], checked: [false, true] }]);
    expect(text).toMatch(/3\. \|?☐\|?First/);
    expect(text).toMatch(/4\. \|?☑\|?Second/);
  });
});
