/**
 * The PDF writer. This package sets the type itself — line breaking with
 * Japanese composition rules, justification, notes at the foot of the page of
 * their mark, pagination — and hands pdfmake every run of text, rule and
 * figure at a fixed position to draw, embed fonts as subsets, link and
 * bookmark.
 *
 * Files by role: `inlines` (inline content → atoms), `blocks`, `figures`,
 * `tables`, `notes`, `title` (title block, running head, folio), `style`
 * (the template resolved in points), `layout` (the edition on pages),
 * `package` (the PDF file), and the PDF's own: `chars`, `breaker`,
 * `hyphenate`, `compose`, `boxes`, `paginate`, `metrics`, `tags` (the
 * structure tree of the tagged PDF) and `pdfmake-adapter` (the one bridge
 * to pdfmake). `printPages` gives the printed pages for e-book page lists.
 */
import type { DocumentModel, PrintPage } from '@brief/document-model';
import type { Template } from '@brief/templates';
import { layoutDocument, pagesOfPlan } from './layout.js';
import { packagePdf, type PagesToDraw } from './package.js';
import { loadPdfmake } from './pdfmake-adapter.js';

export { layoutDocument } from './layout.js';
export type { LaidOut } from './layout.js';

/**
 * Load the drawing code every PDF needs (pdfmake's renderer, PDFKit,
 * fontkit), which the writer otherwise loads when it first draws: a worker
 * does it while the source is still being read and checked.
 */
export function loadDrawingCode(): void {
  loadPdfmake();
}
export { printPages } from './layout.js';

/** What a caller may want from the layout besides the PDF. */
export interface PdfByproducts {
  /** Given the printed pages the PDF is drawn on (what `printPages` returns). */
  printPages?(pages: PrintPage[]): void;
}

/**
 * Lay out an edition and give its printed pages: what is drawn, without the
 * plan of boxes on pages (let go before drawing, as the notes' layout is:
 * the page nodes hold all that is drawn).
 */
function laidOutPages(doc: DocumentModel, template: Template, byproducts: PdfByproducts): PagesToDraw {
  const { pagination, notes: _notes, ...toDraw } = layoutDocument(doc, template);
  byproducts.printPages?.(pagesOfPlan(pagination, toDraw.firstPage));
  return toDraw;
}

/** Render one edition as PDF: a pure function from model + template to bytes. */
export async function renderPdf(doc: DocumentModel, template: Template, byproducts: PdfByproducts = {}): Promise<Uint8Array> {
  const toDraw = laidOutPages(doc, template, byproducts);
  // Between laying out and drawing, the thread answers what waits for it: a
  // build that renders in its own thread hands the next jobs to its workers.
  await new Promise((resolve) => setImmediate(resolve));
  return packagePdf(doc, toDraw);
}
