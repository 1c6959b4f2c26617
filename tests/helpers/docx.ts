/**
 * Build DOCX editions with the real CLI and read their parts back.
 */
import { readFileSync } from 'node:fs';
import { buildFormat, type BuiltEdition } from './build.js';
import { strFromU8, unzipSync } from 'fflate';
import type { DocumentModel } from '@brief/document-model';
import { readSource } from '@brief/source-reader';
import { reportTemplate, type Template } from '@brief/templates';

export { cli } from './build.js';
export const sample = 'sources/trump-second-term-year-one';
export const sampleId = 'trump-second-term-year-one';
export type { BuiltEdition as BuiltDocx } from './build.js';

/** `brief build <source> --out <out> --format docx [args]`; throws with the CLI's messages when it fails. */
export function buildDocx(source: string, out: string, id: string, args: string[] = []): BuiltEdition[] {
  return buildFormat(source, out, id, 'docx', args);
}

export interface Docx {
  files: Record<string, Uint8Array>;
  /** Text of an XML part ('' when absent). */
  xml(name: string): string;
}

export function readDocx(path: string): Docx {
  const files = unzipSync(new Uint8Array(readFileSync(path)));
  return { files, xml: (name) => (files[name] ? strFromU8(files[name]) : '') };
}

/** The editions of a source as the model has them (for expected texts and counts). */
export function models(source: string, template: Template = reportTemplate): Map<string, DocumentModel> {
  const read = readSource(source, { template });
  return new Map(read.editions.map((e) => [e.meta.lang, e]));
}

/** Text for comparing what different readers give back: NFKC, no whitespace. */
export function normalize(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u200b\u2060\ufeff]+/g, '');
}
