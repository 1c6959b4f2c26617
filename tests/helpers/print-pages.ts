/**
 * EPUB editions with the print edition's pages, made by hand: the writer
 * takes `printPages` from the PDF writer in a real build; these tests give
 * it pages that begin in chosen blocks at chosen offsets.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inlineText, walkBlocks, type Block, type DocumentModel, type PrintPage } from '@brief/document-model';
import { readSource } from '@brief/source-reader';
import { renderEpub } from '@brief/to-epub';

/** The text a page offset counts in: a heading's or paragraph's inlines, a figure's caption; '' for other blocks. */
export function ownText(block: Block): string {
  if (block.kind === 'heading' || block.kind === 'paragraph') return inlineText(block.children);
  if (block.kind === 'figure') return inlineText(block.caption);
  return '';
}

/**
 * Pages for an edition: a page before the body, then one every `every`
 * blocks of the walk, beginning half-way through a paragraph's text where
 * the block is one (so markers split text), at its start otherwise.
 */
export function handMadePages(doc: DocumentModel, every = 12): PrintPage[] {
  const blocks: Block[] = [];
  walkBlocks(doc.body, (b) => {
    blocks.push(b);
  });
  let folio = doc.meta.series?.firstPage ?? 1;
  const pages: PrintPage[] = [{ label: String(folio++), block: -1, offset: 0 }];
  for (let i = 1; i < blocks.length; i += every) {
    const text = ownText(blocks[i]!);
    pages.push({ label: String(folio++), block: i, offset: blocks[i]!.kind === 'paragraph' ? Math.floor(text.length / 2) : 0 });
  }
  return pages;
}

export interface PagedEdition {
  lang: string;
  path: string;
  doc: DocumentModel;
  pages: PrintPage[];
}

/** Every edition of a source rendered as EPUB with hand-made print pages, written to `out`. */
export async function epubsWithPages(source: string, out: string, every = 12): Promise<PagedEdition[]> {
  const read = readSource(source);
  const editions: PagedEdition[] = [];
  for (const doc of read.editions) {
    const pages = handMadePages(doc, every);
    const path = join(out, `${doc.meta.id}.${doc.meta.lang}.paged.epub`);
    writeFileSync(path, await renderEpub(doc, read.template, { printPages: pages }));
    editions.push({ lang: doc.meta.lang, path, doc, pages });
  }
  return editions;
}
