import type { DocumentModel } from '@brief/document-model';
import type { Template } from '@brief/templates';
import { registerFontFamily } from '@brief/fonts';

export const formats = ['pdf', 'docx', 'epub'] as const;
export type Format = (typeof formats)[number];

export function isFormat(value: string): value is Format {
  return (formats as readonly string[]).includes(value);
}

/** Render one edition in one format. */
export function renderFormat(format: Format, doc: DocumentModel, template: Template): Promise<Uint8Array> {
  // Families from font files beside the template (also inside worker threads).
  for (const [family, files] of Object.entries(template.fontFiles ?? {})) registerFontFamily(family, files);
  // Writers are loaded when first needed: a build with nothing to render loads none.
  switch (format) {
    case 'pdf':
      return import('@brief/to-pdf').then((m) => m.renderPdf(doc, template));
    case 'docx':
      return import('@brief/to-docx').then((m) => m.renderDocx(doc, template));
    case 'epub':
      // The e-book's page list and page-break markers are the print edition's
      // pages: the PDF writer lays the edition out (without drawing it).
      return Promise.all([import('@brief/to-pdf'), import('@brief/to-epub')]).then(([pdf, epub]) => epub.renderEpub(doc, template, { printPages: pdf.printPages(doc, template) }));
  }
}

/** Load a format's writer (module code only), so a worker does it while the source is still being read. */
export async function prepareFormat(format: Format): Promise<void> {
  switch (format) {
    case 'pdf':
      await import('@brief/to-pdf');
      return;
    case 'docx':
      await import('@brief/to-docx');
      return;
    case 'epub':
      await Promise.all([import('@brief/to-pdf'), import('@brief/to-epub')]);
      return;
  }
}
