/**
 * Validate one source directory: read every edition, then run the rules.
 */
import { sortDiagnostics, type Diagnostic, type LanguageTag } from '@brief/document-model';
import { readSource, type ReadResult } from '@brief/source-reader';
import { reportTemplate, type Template } from '@brief/templates';
import { validate } from '@brief/validate';

export interface CheckResult {
  read: ReadResult;
  template: Template;
  diagnostics: Diagnostic[];
}

export function checkSource(dir: string, languages?: LanguageTag[]): CheckResult {
  const template = reportTemplate;
  const read = readSource(dir, { template, ...(languages ? { languages } : {}) });
  const diagnostics = [...read.diagnostics];
  if (read.brief && read.editions.length > 0) {
    diagnostics.push(
      ...validate({
        editions: read.editions,
        library: read.library,
        template,
        files: new Map(read.bodies.map((b) => [b.lang, b.file])),
        ...(read.brief.asOf ? { asOf: read.brief.asOf } : {}),
      }),
    );
  }
  return { read, template, diagnostics: sortDiagnostics(diagnostics) };
}
