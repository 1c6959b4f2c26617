/** A paragraph that goes on with the sentence before a display is set without a first-line indent. */
import { describe, expect, it } from 'vitest';
import type { Block, Inline } from '@brief/document-model';
import { reportTemplate } from '@brief/templates';
import { layoutDocument } from './layout.js';
import { testDocument } from './test-context.js';

const text = (value: string): Inline => ({ kind: 'text', value });

describe('a paragraph that continues a sentence past a display', () => {
  it('starts at the margin, where a new paragraph is indented', () => {
    const body: Block[] = [
      { kind: 'paragraph', children: [text('The run is launched with:')] },
      { kind: 'codeBlock', value: 'run --now' },
      { kind: 'paragraph', continues: true, children: [text('and the log is kept.')] },
      { kind: 'paragraph', children: [text('A new paragraph.')] },
    ];
    const nodes = layoutDocument(testDocument('en', body), reportTemplate).pages.flat();
    const xOf = (start: string) => {
      const node = nodes.find(
        (n) =>
          'text' in n &&
          n.text
            .map((r) => r.text)
            .join('')
            .startsWith(start),
      );
      return node?.absolutePosition.x;
    };
    const lead = xOf('The run');
    expect(lead).toBeDefined();
    expect(xOf('and the log')).toBe(lead);
    expect(xOf('A new')).toBeGreaterThan(lead!);
  });
});
