/** A table figure's long description, which the page does not print, is its Table element's /Summary in the tagged PDF. */
import { describe, expect, it } from 'vitest';
import type { Block } from '@brief/document-model';
import { reportTemplate } from '@brief/templates';
import { renderPdf } from './index.js';
import { testDocument } from './test-context.js';

const table = (description?: string): Block =>
  ({
    kind: 'figure',
    id: 'fig-t',
    number: 1,
    label: 'Figure 1',
    caption: [{ kind: 'text', value: 'Caption' }],
    body: { kind: 'table', table: { header: { cells: [{ children: [{ kind: 'text', value: 'A' }] }] }, rows: [{ cells: [{ children: [{ kind: 'text', value: '1' }] }] }], align: [null] } },
    ...(description ? { description: [{ kind: 'paragraph', children: [{ kind: 'text', value: description }] }] } : {}),
  }) as unknown as Block;

describe('a table figure’s long description', () => {
  it('is the Table element’s /Summary, and a table without one has none', async () => {
    const raw = async (block: Block) => Buffer.from(await renderPdf(testDocument('en', [block]), reportTemplate)).toString('latin1');
    expect(await raw(table('One column, A, holding 1.'))).toMatch(/\/O \/Table\s*\/Summary \(One column, A, holding 1\.\)/);
    expect(await raw(table())).not.toContain('/Summary');
  });
});
