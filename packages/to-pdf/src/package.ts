/**
 * The PDF as a file: the document definition of the laid-out pages, the
 * fonts and files pdfmake may read, document information, bookmarks, and
 * the check that pdfmake drew what was planned. Drawing goes through the
 * pdfmake adapter.
 */
import { resolve, sep } from 'node:path';
import type { DocumentModel } from '@brief/document-model';
import { fill } from '@brief/templates';
import { fontBytes, fontDirectories, fontFiles } from '@brief/fonts';
import type { LaidOut } from './layout.js';
import { drawPdf, type DocDefinition, type FontDescriptor, type Landed, type PdfKitDocument, type PdfKitOutline } from './pdfmake-adapter.js';
import { seriesLine } from './title.js';

/** What the PDF is drawn from: the laid-out edition's page nodes and what goes with them. */
export type PagesToDraw = Omit<LaidOut, 'pagination' | 'notes'>;

function docDefinition(doc: DocumentModel, laid: PagesToDraw): DocDefinition {
  const { style } = laid;
  const meta = doc.meta;
  const date = new Date(`${meta.published}T00:00:00Z`);
  const info: Record<string, string | Date> = {
    // A subtitle set off by dashes of its own (〜…〜, ―…―) is set off by the template's instead.
    // A title that ends with dashes of its own (…ために――) leaves them to the pattern too.
    title: meta.subtitle
      ? fill(style.lang.strings.titleWithSubtitle, { title: meta.title.replace(/\s*[―—〜～]+$/u, ''), subtitle: meta.subtitle.replace(/^[―—〜～]+\s*|\s*[―—〜～]+$/gu, '') })
      : meta.title,
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
    tagged: true,
    subset: 'PDF/UA',
  };
}

/** Bookmarks for chapters and sections, at the heading's position. */
function addOutline(kit: PdfKitDocument, laid: PagesToDraw): void {
  const parents: PdfKitOutline[] = [kit.outline];
  for (const entry of laid.outline) {
    const depth = Math.max(1, Math.min(entry.level, parents.length));
    const parent = parents[depth - 1]!;
    const item = parent.addItem(entry.title, { pageNumber: entry.page, top: entry.top, left: kit.page.width, expanded: entry.level === 1 });
    parents.length = depth;
    parents.push(item);
  }
}

/** Check the drawn pages are the planned ones, with every note on them. */
function verify(landed: Landed, laid: PagesToDraw, doc: DocumentModel): void {
  if (landed.pages !== laid.pages.length) {
    throw new Error(`PDF layout drifted: planned ${laid.pages.length} pages, drew ${landed.pages}`);
  }
  const missing = doc.notes.filter((n) => !landed.notes.has(n.number));
  if (missing.length > 0 && laid.style.template.notes.placement === 'page-foot') {
    throw new Error(`notes not drawn: ${missing.map((n) => n.number).join(', ')}`);
  }
}

/** The PDF of a laid-out edition. */
export function packagePdf(doc: DocumentModel, laid: PagesToDraw): Promise<Uint8Array> {
  const fonts: Record<string, FontDescriptor> = {};
  for (const family of laid.families) fonts[family] = { ...fontFiles(family) };
  const roots = fontDirectories();
  // Only files inside the font directories (a whole path component, not a name prefix) or the fonts themselves.
  const inside = (path: string, root: string) => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
  return drawPdf(docDefinition(doc, laid), {
    fonts,
    fontBytes,
    tagging: { tree: laid.tree.root, firstPageLabel: laid.firstPage },
    authors: doc.meta.authors.map((a) => a.name),
    allowLocal: (path) => roots.some((root) => inside(resolve(path), root)) || Object.values(fonts).some((f) => Object.values(f).includes(path)),
    beforeEnd: (landed, kit) => {
      verify(landed, laid, doc);
      addOutline(kit, laid);
    },
  });
}
