/**
 * Validate one source directory: read every edition, then run the rules.
 */
import { sortDiagnostics, type Diagnostic, type LanguageTag } from '@brief/document-model';
import { readSource, type ReadResult } from '@brief/source-reader';
import { resolveTemplate, type Template } from '@brief/templates';
import { validate } from '@brief/validate';

export interface CheckResult {
  read: ReadResult;
  template: Template;
  diagnostics: Diagnostic[];
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
  if (read.brief && read.editions.length > 0) {
    diagnostics.push(
      ...validate({
        editions: read.editions,
        library: read.library,
        template,
        files: new Map(read.bodies.map((b) => [b.lang, b.file])),
        ...(read.brief.asOf ? { asOf: read.brief.asOf } : {}),
        brief: read.brief,
      }),
    );
  }
  return { read, template, diagnostics: sortDiagnostics(diagnostics) };
}
