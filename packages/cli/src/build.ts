/**
 * Build the editions of one source: validate first (with any error nothing
 * is written), then render each edition and write it atomically (temporary
 * file, then rename), so a reader never sees a half-written file.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasErrors, type Diagnostic, type DocumentModel, type LanguageTag } from '@brief/document-model';
import type { Template } from '@brief/templates';
import { renderPdf } from '@brief/to-pdf';
import { renderDocx } from '@brief/to-docx';
import { renderEpub } from '@brief/to-epub';
import { checkSource } from './check.js';

export const formats = ['pdf', 'docx', 'epub'] as const;
export type Format = (typeof formats)[number];

export interface BuildOptions {
  out: string;
  formats: Format[];
  languages?: LanguageTag[];
}

export interface BuildResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  written: string[];
  log: string[];
}

export function renderFormat(format: Format, doc: DocumentModel, template: Template): Promise<Uint8Array> {
  switch (format) {
    case 'pdf':
      return renderPdf(doc, template);
    case 'docx':
      return renderDocx(doc, template);
    case 'epub':
      return renderEpub(doc, template);
  }
}

/** Write bytes to a path atomically. */
export function writeAtomic(path: string, bytes: Uint8Array): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export async function buildSource(dir: string, options: BuildOptions): Promise<BuildResult> {
  const { read, template, diagnostics } = checkSource(dir, options.languages);
  const result: BuildResult = { ok: false, diagnostics, written: [], log: [] };
  if (hasErrors(diagnostics) || !read.brief) {
    result.log.push(`${dir}: not built (${diagnostics.filter((d) => d.severity === 'error').length} errors); earlier outputs left as they were`);
    return result;
  }
  const outDir = join(options.out, read.brief.id);
  // Render everything first; write only when every artifact rendered.
  const rendered: { path: string; bytes: Uint8Array }[] = [];
  for (const doc of read.editions) {
    for (const format of options.formats) {
      const path = join(outDir, `${read.brief.id}.${doc.meta.lang}.${format}`);
      try {
        rendered.push({ path, bytes: await renderFormat(format, doc, template) });
      } catch (e) {
        result.log.push(`${path}: failed: ${(e as Error).message}`);
        if (process.env.BRIEF_DEBUG) result.log.push(String((e as Error).stack));
        return result;
      }
    }
  }
  mkdirSync(outDir, { recursive: true });
  for (const { path, bytes } of rendered) {
    writeAtomic(path, bytes);
    result.written.push(path);
    result.log.push(`wrote ${path} (${bytes.length} bytes)`);
  }
  result.ok = true;
  return result;
}
