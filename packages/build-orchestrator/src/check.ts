/**
 * Validate one source directory: read every edition, then run the rules.
 */
import { hasErrors, sortDiagnostics, type Diagnostic, type DocumentModel, type LanguageTag } from '@brief/document-model';
import { readSource, type ReadResult } from '@brief/source-reader';
import { resolveTemplate, type Template } from '@brief/templates';
import { buildCache } from '@brief/build-cache';
import { cutWorkingFaces, withWorkingFaces, type CutElsewhere } from '@brief/fonts';
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

/** A source's editions as read, before the rules run. */
export interface ReadEditions {
  id: string;
  editions: readonly DocumentModel[];
  template: Template;
  /** The ideographs of the editions' working faces (`workingSetOf`). */
  workingSet: string;
}

/**
 * Called with the editions as read, before the rules run (not when reading
 * them gave errors), to begin rendering them while the rules run. With a
 * build cache, the working faces are cut first, for the renderers to read.
 */
export type BeforeRules = (read: ReadEditions) => void;

/** Every family a template names for text. */
function templateFamilies(template: Template): string[] {
  return Object.values(template.fonts).flatMap((fonts) =>
    [fonts.body, fonts.heading, ...(fonts.code ? [fonts.code] : [])].flatMap((role) => [role.family, role.latin, role.cjk, ...(role.fallback ?? [])]),
  );
}

/**
 * Read and check a source. `beforeRules` is called with the editions as
 * read; `cutElsewhere` takes a share of the working faces to cut (with a
 * build cache) to another thread.
 */
export function checkSource(dir: string, options: CheckOptions = {}, beforeRules?: BeforeRules, cutElsewhere?: CutElsewhere): CheckResult {
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
    const cache = buildCache();
    if (beforeRules && !hasErrors(read.diagnostics)) {
      if (cache) cutWorkingFaces(workingSet, templateFamilies(template), cutElsewhere);
      beforeRules({ id: brief.id, editions: read.editions, template, workingSet });
    }
    diagnostics.push(...(cache ? withWorkingFaces(workingSet, check) : check()));
  }
  return { read, template, diagnostics: sortDiagnostics(diagnostics), ...(workingSet !== undefined ? { workingSet } : {}) };
}
