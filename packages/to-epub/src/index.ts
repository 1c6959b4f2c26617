import type { DocumentModel } from '@brief/document-model';
import type { Template } from '@brief/templates';

/** Render one edition as Epub: a pure function from model + template to bytes. */
export async function renderEpub(doc: DocumentModel, template: Template): Promise<Uint8Array> {
  void template;
  throw new Error(`epub writer not implemented (${doc.meta.id})`);
}
