/**
 * Validate one source directory: read every edition, then run the rules.
 */
import { sortDiagnostics, type Diagnostic, type LanguageTag } from '@brief/document-model';
import { readSource, type ReadResult } from '@brief/source-reader';
import { resolveTemplate, type Template } from '@brief/templates';
import { buildCache } from '@brief/build-cache';
import { withWorkingFaces } from '@brief/fonts';
import { validate } from '@brief/validate';
import { workingSetOf } from './formats.js';

export interface CheckResult {
  read: ReadResult;
  template: Template;
  diagnostics: Diagnostic[];
  /** The ideographs of the editions' working faces (`workingSetOf`), when there are editions. */
  workingSet?: string;
}

export interface CheckOptions {
  languages?: readonly LanguageTag[];
  /** A house style (built-in name or path) instead of the one brief.yaml names. */
  template?: string;
}

export function checkSource(dir: string, options: CheckOptions = {}): CheckResult {
  const diagnostics: Diagnostic[] = [];
  let chosen: Template | undefined;
  if (options.template) {
    const resolved = resolveTemplate(options.template, process.cwd(), { specSpan: { file: '--template', start: { line: 1, column: 1 } } });
    diagnostics.push(...resolved.diagnostics);
    chosen = resolved.template;
  }
  const read = readSource(dir, { ...(chosen ? { template: chosen } : {}), ...(options.languages ? { languages: [...options.languages] } : {}) });
  const template = read.template;
  diagnostics.push(...read.diagnostics);
  let workingSet: string | undefined;
  if (read.brief && read.editions.length > 0) {
    const brief = read.brief;
    const check = () =>
      validate({
        editions: read.editions,
        library: read.library,
        template,
        files: new Map(read.bodies.map((b) => [b.lang, b.file])),
        ...(brief.asOf ? { asOf: brief.asOf } : {}),
        brief,
      });
    // With a build cache, the glyph coverage is checked in working faces that
    // keep every character of the editions (the whole faces answer the same
    // for them), read from the cache; without one, cutting them would cost
    // more than opening the whole faces.
    workingSet = workingSetOf(read.editions, template);
    diagnostics.push(...(buildCache() ? withWorkingFaces(workingSet, check) : check()));
  }
  return { read, template, diagnostics: sortDiagnostics(diagnostics), ...(workingSet !== undefined ? { workingSet } : {}) };
}
