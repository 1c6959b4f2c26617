/**
 * A figure set before the paragraph that first mentions it waits for that
 * paragraph's page, but only within its section: a float does not follow a
 * mention made after the next heading (a back-reference from a later
 * chapter would carry it out of its own).
 */
import { describe, expect, it } from 'vitest';
import { walkBlocks, type Block, type DocumentModel, type Inline } from '@brief/document-model';
import { mentionedLater } from './layout.js';

const text = (value: string): Inline => ({ kind: 'text', value });
const heading = (id: string, level: 1 | 2): Block => ({ kind: 'heading', level, id, number: '', refLabel: '', children: [text(id)] }) as Block;
const mention = (id: string): Block => ({ kind: 'paragraph', children: [text('See '), { kind: 'crossRef', targetId: id, targetKind: 'figure', text: 'Figure 1' }] });
const figure = (id: string): Block => ({ kind: 'figure', id, number: 1, label: 'Figure 1', caption: [text('Caption')], body: { kind: 'image', src: 'x.svg' } }) as unknown as Block;

function held(body: Block[]): string[] {
  const doc = { kind: 'document', meta: {}, sourceDir: '/', body, notes: [] } as unknown as DocumentModel;
  const index = new Map<object, number>();
  walkBlocks(body, (block) => {
    index.set(block, index.size);
  });
  return [...mentionedLater(doc, index).keys()];
}

describe('a figure before its first mention', () => {
  it('waits for a mention in its own section', () => {
    expect(held([heading('a', 1), figure('fig-a'), { kind: 'paragraph', children: [text('Text.')] }, mention('fig-a'), heading('b', 1)])).toEqual(['fig-a']);
  });

  it('does not wait for a mention after the next heading, of any level', () => {
    expect(held([heading('a', 1), heading('a1', 2), figure('fig-a'), heading('b', 1), mention('fig-a')])).toEqual([]);
    expect(held([heading('a', 1), figure('fig-a'), heading('a1', 2), mention('fig-a')])).toEqual([]);
  });
});
