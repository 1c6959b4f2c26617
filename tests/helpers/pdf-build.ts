/**
 * Building the PDF editions of a source with the real CLI.
 */
import { buildFormat } from './build.js';
import { readSource } from '@brief/source-reader';
import { reportTemplate } from '@brief/templates';
import type { DocumentModel } from '@brief/document-model';

export const sample = 'sources/trump-second-term-year-one';
export const sampleId = 'trump-second-term-year-one';

/** Build the PDF editions of `source` into `out`; the path of each edition by language. */
export function buildPdf(source: string, out: string, id: string): Map<string, string> {
  return new Map(buildFormat(source, out, id, 'pdf').map((e) => [e.lang, e.path]));
}

/** The document model of each edition of a source. */
export function editions(source: string): Map<string, DocumentModel> {
  const read = readSource(source, { template: reportTemplate });
  return new Map(read.editions.map((d) => [d.meta.lang, d]));
}

/** Text compared without whitespace (extractors add spaces between scripts and break lines). */
export function squash(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u00ad\u200b\u2060\ufeff]+/g, '');
}
