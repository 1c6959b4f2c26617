/**
 * Vertical justification: with `typography.flushBottom` a page that ends
 * early takes its blank at the boundaries between top-level blocks (not
 * between the items of a list or the paragraphs of a quotation; between
 * lines only the little the boundaries cannot take,
 * `proportions.lineStretchLines`); without it (the built-in styles) every
 * line keeps its place and the blank stays at the foot.
 */
import { describe, expect, it } from 'vitest';
import type { Block, DocumentModel, Inline } from '@brief/document-model';
import { mergeTemplate, reportTemplate, type Template } from '@brief/templates';
import { layoutDocument } from './layout.js';
import { testDocument } from './test-context.js';

const text = (value: string): Inline => ({ kind: 'text', value });
const para = (value: string): Block => ({ kind: 'paragraph', children: [text(value)] });
const heading = (id: string, title: string): Block => ({ kind: 'heading', level: 1, id, number: '1.', refLabel: '1.', label: '1. ', children: [text(title)] }) as unknown as Block;

const doc = testDocument;

/** Per page, the extra space above each body box (its top less where the box before it ended). */
function gaps(d: DocumentModel, template: Template = reportTemplate): { extra: number; payload: unknown }[][] {
  const { pagination } = layoutDocument(d, template);
  return pagination.pages.map((page) => page.body.slice(1).map((b, k) => ({ extra: b.top - (page.body[k]!.top + page.body[k]!.height), payload: b.box })));
}

const filler = (lang: 'ja' | 'en', n: number) =>
  Array.from({ length: n }, (_, k) =>
    para(
      lang === 'ja'
        ? `第${k + 1}段落。${'日本の外交と通商政策の動向について述べる。'.repeat(6)}`
        : `Paragraph ${k + 1}. ${'The tariff agreement changed the terms of trade between the two countries. '.repeat(4)}`,
    ),
  );

describe('vertical justification', () => {
  it('leaves a page’s blank at the foot in the built-in styles: every line keeps its place', () => {
    const body: Block[] = [];
    for (let c = 1; c <= 4; c++) body.push(heading(`c${c}`, `第${c}章`), ...filler('ja', 7));
    for (const page of gaps(doc('ja', body))) for (const g of page) expect(g.extra).toBeCloseTo(0, 6);
    const en: Block[] = [];
    for (let c = 1; c <= 4; c++) en.push(heading(`c${c}`, `Chapter ${c}`), ...filler('en', 5));
    for (const page of gaps(doc('en', en))) for (const g of page) expect(g.extra).toBeCloseTo(0, 6);
  });

  it('adds no space inside a list or a quotation of an English page', () => {
    const list: Block = { kind: 'list', ordered: false, start: 1, items: Array.from({ length: 30 }, (_, k) => [para(`Item ${k + 1} of a tight list.`)]) } as unknown as Block;
    const quote: Block = { kind: 'blockquote', children: filler('en', 3) };
    const body: Block[] = [];
    for (let c = 1; c <= 3; c++) body.push(heading(`c${c}`, `Chapter ${c}`), ...filler('en', 3), list, quote, ...filler('en', 2));
    const spread = mergeTemplate(reportTemplate, { typography: { en: { flushBottom: true } } } as never);
    const pages = gaps(doc('en', body), spread);
    let spaced = 0;
    for (const page of pages)
      for (const g of page) {
        if (g.extra > 1e-6) spaced++;
        // Space is added only before a box that starts a top-level block.
        if (g.extra > 1e-6) expect((g.payload as { blockStart?: boolean }).blockStart).toBe(true);
      }
    expect(spaced).toBeGreaterThan(0);
    // Of the 90 list items and 9 quoted paragraphs, none takes space: at most the 24 top-level blocks do.
    const starts = pages.flat().filter((g) => (g.payload as { blockStart?: boolean }).blockStart).length;
    expect(starts).toBeLessThanOrEqual(24);
  });
});
