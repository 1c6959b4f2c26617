import { allBlocks, inlineText, type Block, type DocumentModel } from '@brief/document-model';
import { reportTemplate } from '@brief/templates';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { printPages, renderPdf } from './index.js';

const sample = new URL('../../../sources/trump-second-term-year-one', import.meta.url).pathname;

const squash = (text: string) => text.normalize('NFKC').replace(/[\s\u00ad]+/g, '');

/** A block's own text, as `PrintPage.offset` counts it: a heading's or paragraph's inlines (other blocks are begun at offset 0). */
function ownText(block: Block): string {
  return block.kind === 'heading' || block.kind === 'paragraph' ? inlineText(block.children) : '';
}

/** The text of each page's structure content (artifacts — running head, folio — left out), in drawing order. */
async function pageTexts(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocument({ data: bytes, useSystemFonts: false, isEvalSupported: false }).promise;
  const out: string[] = [];
  for (let p = 1; p <= pdf.numPages; p++) {
    const page = await pdf.getPage(p);
    const content = await page.getTextContent({ includeMarkedContent: true });
    const stack: string[] = [];
    let text = '';
    for (const item of content.items) {
      if ('type' in item) {
        if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') stack.push((item as { tag?: string | null }).tag ?? '');
        else if (item.type === 'endMarkedContent') stack.pop();
      } else if (!stack.includes('Artifact')) text += item.str;
    }
    out.push(text);
  }
  await pdf.destroy();
  return out;
}

/** `needle` as a subsequence of `hay` (note marks may sit between its characters). */
function within(hay: string, needle: string): boolean {
  let at = 0;
  for (const ch of hay) if (ch === needle[at]) at++;
  return at === needle.length;
}

describe('printPages: the print edition’s pages for e-book page lists', () => {
  const editions = new Map<string, { doc: DocumentModel; texts: string[] }>();

  beforeAll(async () => {
    // The reader, as render.test.ts loads it (a test-only import).
    const { readSource } = await import('@brief/source-reader');
    const read = readSource(sample, { template: reportTemplate });
    for (const doc of read.editions) editions.set(doc.meta.lang, { doc, texts: await pageTexts(await renderPdf(doc, reportTemplate)) });
  }, 120_000);

  it('labels the pages of the Japanese edition 45 to 59, one per PDF page', () => {
    const { doc, texts } = editions.get('ja')!;
    const pages = printPages(doc, reportTemplate);
    expect(pages.map((p) => p.label)).toEqual(Array.from({ length: 15 }, (_, i) => String(45 + i)));
    expect(pages).toHaveLength(texts.length);
  });

  it('points each page at the text found at its top (after the figures floated there), in both editions', () => {
    for (const [lang, { doc, texts }] of editions) {
      const pages = printPages(doc, reportTemplate);
      expect(pages, lang).toHaveLength(texts.length);
      const blocks = allBlocks(doc.body);
      expect(pages[0]!.block, `${lang}: the first page begins with the title block`).toBe(-1);
      pages.slice(1).forEach((page, k) => {
        const block = blocks[page.block];
        expect(block, `${lang} page ${page.label}`).toBeDefined();
        // At the top of a page that begins with a figure stands its caption.
        const own = block!.kind === 'figure' ? inlineText(block!.caption) : ownText(block!);
        const expected = squash(own.slice(page.offset)).slice(0, 8);
        // A figure floated to the top of the page stands elsewhere in the text: the page begins with what follows it.
        const floated = doc.body
          .flatMap((b) => (b.kind === 'figure' ? [squash(inlineText(b.caption))] : []))
          .filter((caption) =>
            squash(texts[k + 1]!)
              .slice(0, 60)
              .includes(caption.slice(0, 6)),
          );
        const top = squash(texts[k + 1]!).slice(0, 40);
        if (floated.length > 0 && block!.kind !== 'figure') expect(squash(texts[k + 1]!), `${lang} page ${page.label}: "${expected}" after its figures`).toContain(expected.slice(0, 6));
        else expect(within(top, expected), `${lang} page ${page.label}: "${expected}" at the top of "${top}"`).toBe(true);
        expect(page.offset === 0 || page.offset < ownText(block!).length, `${lang} page ${page.label}`).toBe(true);
        if (block!.kind !== 'heading' && block!.kind !== 'paragraph') expect(page.offset, `${lang} page ${page.label}`).toBe(0);
      });
    }
  });
});

describe('printPages in a long table', () => {
  it('gives a page that begins at a later row that row, whose first cell stands at its top', async () => {
    const { testDocument } = await import('./test-context.js');
    const cell = (value: string) => ({ children: [{ kind: 'text' as const, value }] });
    const rows = Array.from({ length: 90 }, (_, i) => ({ cells: [cell(`row${i + 1}`), cell('text')] }));
    const doc = testDocument('en', [
      { kind: 'paragraph', children: [{ kind: 'text', value: 'Before.' }] },
      {
        kind: 'figure',
        id: 'tab-a',
        number: 1,
        label: 'Figure 1',
        caption: [{ kind: 'text', value: 'Long' }],
        body: { kind: 'table', table: { align: [null, null], header: { cells: [cell('Key'), cell('Value')] }, rows } },
      } as Block,
    ]);
    const pages = printPages(doc, reportTemplate);
    const texts = await pageTexts(await renderPdf(doc, reportTemplate));
    const inTable = pages.filter((p) => p.row !== undefined);
    expect(inTable.length).toBeGreaterThan(0);
    for (const page of inTable) {
      const k = pages.indexOf(page);
      // The repeated header (an artifact) is left out of the page's text: the row's first cell comes first.
      expect(squash(texts[k]!).startsWith(`row${page.row! + 1}`), `${page.label}: ${texts[k]!.slice(0, 30)}`).toBe(true);
    }
  });
});
