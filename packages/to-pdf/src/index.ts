import type { DocumentModel } from '@brief/document-model';
import type { Template } from '@brief/templates';

/** Render one edition as Pdf: a pure function from model + template to bytes. */
export async function renderPdf(doc: DocumentModel, template: Template): Promise<Uint8Array> {
  void template;
  throw new Error(`pdf writer not implemented (${doc.meta.id})`);
}
