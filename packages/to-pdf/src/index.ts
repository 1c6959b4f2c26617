/**
 * The PDF writer. This package sets the type itself — line breaking with
 * Japanese composition rules, justification, notes at the foot of the page of
 * their mark, pagination — and hands pdfmake every run of text, rule and
 * figure at a fixed position to draw, embed fonts as subsets, link and
 * bookmark.
 */
import { resolve, sep } from 'node:path';
import type { DocumentModel } from '@brief/document-model';
import { fontDirectories, fontFiles } from '@brief/fonts';
import type { Template } from '@brief/templates';
import { layoutDocument, type LaidOut } from './document.js';
import { pdfLib, type DocDefinition, type FontDescriptor, type LaidOutPage, type PdfKitDocument, type PdfKitOutline } from './pdf-lib.js';
import { seriesLine } from './title.js';

export { layoutDocument } from './document.js';
export type { LaidOut } from './document.js';

function docDefinition(doc: DocumentModel, laid: LaidOut): DocDefinition {
  const { style } = laid;
  const meta = doc.meta;
  const date = new Date(`${meta.published}T00:00:00Z`);
  const info: Record<string, string | Date> = {
    title: meta.subtitle ? `${meta.title} ${meta.subtitle}` : meta.title,
    author: meta.authors.map((a) => a.name).join(', '),
    subject: seriesLine(doc, style),
    keywords: [meta.series?.title, meta.series?.issn ? `ISSN ${meta.series.issn}` : undefined, meta.publisher, meta.id].filter(Boolean).join('; '),
    creator: 'brief',
    creationDate: date,
    modDate: date,
  };
  return {
    content: laid.pages.flat(),
    pageSize: { width: style.page.width, height: style.page.height },
    pageMargins: [0, 0, 0, 0],
    defaultStyle: { font: style.body.fonts.cjk, fontSize: style.body.size },
    info,
    language: meta.lang,
    version: '1.7',
    displayTitle: true,
    compress: true,
  };
}

/** Bookmarks for chapters and sections, at the heading's position. */
function addOutline(kit: PdfKitDocument, laid: LaidOut): void {
  const parents: PdfKitOutline[] = [kit.outline];
  for (const entry of laid.outline) {
    const depth = Math.max(1, Math.min(entry.level, parents.length));
    const parent = parents[depth - 1]!;
    const item = parent.addItem(entry.title, { pageNumber: entry.page, top: entry.top, left: kit.page.width, expanded: entry.level === 1 });
    parents.length = depth;
    parents.push(item);
  }
}

/** Where each note mark and each note start landed (page index), read from pdfmake's layout. */
export function landedPages(pages: readonly LaidOutPage[]): { marks: Map<number, number>; notes: Map<number, number> } {
  const marks = new Map<number, number>();
  const notes = new Map<number, number>();
  pages.forEach((page, index) => {
    for (const { item } of page.items) {
      for (const inline of item.inlines ?? []) {
        const mark = inline._mark;
        if (typeof mark === 'number' && !marks.has(mark)) marks.set(mark, index);
        const start = inline._noteStart;
        if (typeof start === 'number' && !notes.has(start)) notes.set(start, index);
      }
    }
  });
  return { marks, notes };
}

/** Check pdfmake drew what was planned: same pages, every mark and note where the plan put them. */
function verify(kit: PdfKitDocument, laid: LaidOut, doc: DocumentModel): void {
  const pages = kit._pdfMakePages;
  if (!pages) return;
  if (pages.length !== laid.pages.length) {
    throw new Error(`PDF layout drifted: planned ${laid.pages.length} pages, pdfmake made ${pages.length}`);
  }
  const { notes } = landedPages(pages);
  const missing = doc.notes.filter((n) => !notes.has(n.number));
  if (missing.length > 0 && laid.style.template.notes.placement === 'page-foot') {
    throw new Error(`notes not drawn: ${missing.map((n) => n.number).join(', ')}`);
  }
}

/** Render one edition as PDF: a pure function from model + template to bytes. */
export async function renderPdf(doc: DocumentModel, template: Template): Promise<Uint8Array> {
  const laid = layoutDocument(doc, template);
  const { pdfmake } = pdfLib();
  const fonts: Record<string, FontDescriptor> = {};
  for (const family of laid.families) fonts[family] = { ...fontFiles(family) };
  pdfmake.addFonts(fonts);
  const roots = fontDirectories();
  pdfmake.setUrlAccessPolicy(() => false);
  // Only files inside the font directories (a whole path component, not a name prefix) or the fonts themselves.
  const inside = (path: string, root: string) => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
  pdfmake.setLocalAccessPolicy((path) => roots.some((root) => inside(resolve(path), root)) || Object.values(fonts).some((f) => Object.values(f).includes(path)));
  const pdf = pdfmake.createPdf(docDefinition(doc, laid));
  const kit = await pdf.getStream();
  verify(kit, laid, doc);
  addOutline(kit, laid);
  const buffer = await pdf.getBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
