/**
 * Page-break markers on real text: the sample rendered as EPUB with
 * hand-made print pages (as the PDF writer would give them), each page
 * beginning half-way through a paragraph or at the start of a block. The
 * text of a paragraph before its marker must be exactly the first `offset`
 * characters of the paragraph's `inlineText`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { walkBlocks, type Block } from '@brief/document-model';
import { beforeAll, describe, expect, it } from 'vitest';
import { readEpub, text, type Epub } from '../helpers/epub.js';
import { epubsWithPages, ownText, type PagedEdition } from '../helpers/print-pages.js';

const editions: { paged: PagedEdition; epub: Epub }[] = [];

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), 'epub-pages-'));
  for (const paged of await epubsWithPages('sources/trump-second-term-year-one', out, 7)) editions.push({ paged, epub: readEpub(paged.path) });
});

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

/** The text of a paragraph's markup before a position: note marks, the word joiner and tags left out. */
function textBefore(xhtml: string, at: number): string {
  const open = xhtml.lastIndexOf('<p', at);
  return decode(
    xhtml
      .slice(open, at)
      .replace(/<a [^>]*role="doc-noteref"[^>]*>[\s\S]*?<\/a>/g, '')
      .replace(/<br\/>/g, '\n')
      .replace(/<[^>]+>/g, '')
      .replace(/\u2060/g, ''),
  );
}

describe('EPUB page-break markers on the sample', () => {
  it('puts every page in the page list, in order, each with its marker once', () => {
    for (const { paged, epub } of editions) {
      const nav = text(epub.files[`${epub.root}nav.xhtml`]!);
      const listed = [...nav.matchAll(/<li><a href="[^"]+#(page-\d+)">(\d+)<\/a><\/li>/g)].map((m) => m[2]);
      expect(listed, paged.lang).toEqual(paged.pages.map((p) => p.label));
      const all = epub.spine.map((d) => d.xhtml).join('');
      for (const page of paged.pages) expect(all.split(`id="page-${page.label}"`).length - 1, `${paged.lang} ${page.label}`).toBe(1);
      expect(epub.opf, paged.lang).toContain('<meta property="schema:accessibilityFeature">pageNavigation</meta>');
    }
  });

  it('splits a paragraph exactly at the page’s character offset', () => {
    for (const { paged, epub } of editions) {
      const blocks: Block[] = [];
      walkBlocks(paged.doc.body, (b) => {
        blocks.push(b);
      });
      let checked = 0;
      for (const page of paged.pages) {
        const block = blocks[page.block];
        if (block?.kind !== 'paragraph' || page.offset === 0) continue;
        const doc = epub.spine.find((d) => d.xhtml.includes(`id="page-${page.label}"`))!;
        const at = doc.xhtml.indexOf(`<span role="doc-pagebreak" epub:type="pagebreak" id="page-${page.label}"`);
        expect(textBefore(doc.xhtml, at), `${paged.lang} page ${page.label}`).toBe(ownText(block).slice(0, page.offset));
        checked++;
      }
      expect(checked, paged.lang).toBeGreaterThan(5);
    }
  });
});
