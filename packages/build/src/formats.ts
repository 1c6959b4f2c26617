import type { DocumentModel } from '@brief/document-model';
import type { Template } from '@brief/templates';
import { registerFontFamily } from '@brief/fonts';
import { renderPdf } from '@brief/to-pdf';
import { renderDocx } from '@brief/to-docx';
import { renderEpub } from '@brief/to-epub';

export const formats = ['pdf', 'docx', 'epub'] as const;
export type Format = (typeof formats)[number];

export function isFormat(value: string): value is Format {
  return (formats as readonly string[]).includes(value);
}

/** Render one edition in one format. */
export function renderFormat(format: Format, doc: DocumentModel, template: Template): Promise<Uint8Array> {
  // Families from font files beside the template (also inside worker threads).
  for (const [family, files] of Object.entries(template.fontFiles ?? {})) registerFontFamily(family, files);
  switch (format) {
    case 'pdf':
      return renderPdf(doc, template);
    case 'docx':
      return renderDocx(doc, template);
    case 'epub':
      return renderEpub(doc, template);
  }
}
