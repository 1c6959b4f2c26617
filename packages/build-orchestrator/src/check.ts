/**
 * Validate one source directory: read every edition, then run the rules.
 */
import { hasErrors, sortDiagnostics, type Diagnostic, type DocumentModel, type LanguageTag } from '@brief/document-model';
import { readSource, type ReadResult } from '@brief/source-reader';
import { resolveTemplate, type Template } from '@brief/templates';
import { buildCache } from '@brief/build-cache';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cutWorkingFaces, cutWorkingFacesElsewhere, withWorkingFaces, workingIdeographs, type CutElsewhere } from '@brief/fonts';
import { notesMisread, validate } from '@brief/validate';
import { folderFiles } from './fingerprint.js';
import { workingSetOf } from './formats.js';
import type { ReadElsewhere } from './worker-pool.js';

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

/** What a build gives the check besides the source: where to begin rendering, and other threads' help. */
export interface CheckHooks {
  /** Called with the editions as read, before the rules run. */
  beforeRules?: BeforeRules;
  /** Takes a share of the working faces to cut (with a build cache) to another thread. */
  cutElsewhere?: CutElsewhere;
  /**
   * Has another thread cut the working faces while this one reads the
   * bodies, for the ideographs of the folder's text files (`folderWorkingSet`).
   * Not for `brief watch`, whose editions' own faces are kept from one build
   * to the next: an edit to a file outside the bodies would change the
   * folder's ideographs and the faces with them.
   */
  cutWhileReading?: CutElsewhere;
  /** Reads an edition in another thread while this one reads the others. */
  readElsewhere?: ReadElsewhere;
}

/** Every family a template names for text. */
function templateFamilies(template: Template): string[] {
  return Object.values(template.fonts).flatMap((fonts) =>
    [fonts.body, fonts.heading, ...(fonts.code ? [fonts.code] : [])].flatMap((role) => [role.family, role.latin, role.cjk, ...(role.fallback ?? [])]),
  );
}

/**
 * A body from this size on is read in another thread while this one reads
 * the others (`readElsewhere`). A thread that has not read a source yet
 * loads the reader first, and one starting up loads its writers: some
 * 0.3–0.4 s, in which this thread reads about 200 KB of Markdown itself.
 */
const READ_ELSEWHERE_FROM = 256 * 1024;

function worthReadingElsewhere(dir: string, lang: LanguageTag): boolean {
  try {
    return statSync(join(dir, `${lang}.md`)).size >= READ_ELSEWHERE_FROM;
  } catch {
    return false;
  }
}

/** Files of a source folder whose text a report can set: bodies, references, pictures, styles. */
const textFile = /\.(?:md|markdown|ya?ml|json|svg|csl|xml|txt)$/i;

/** Larger files are passed over by `folderWorkingSet`: a guess that misses their ideographs is found out once the editions are read. */
const maxFolderTextBytes = 16 * 2 ** 20;

/**
 * The ideographs of the text files of a source folder and of its template,
 * before the editions are read: `workingSetOf` the editions holds no
 * others, unless rendering adds some of its own (a citation style's terms
 * not in the template), which the build checks once they are read
 * (`holdsIdeographs`).
 */
export function folderWorkingSet(sourceDir: string, template: Template): string {
  const texts = folderFiles(sourceDir).flatMap((path) => {
    if (!textFile.test(path)) return [];
    try {
      const st = statSync(path);
      return st.isFile() && st.size <= maxFolderTextBytes ? [readFileSync(path, 'utf8')] : [];
    } catch {
      return [];
    }
  });
  return workingIdeographs([...texts, JSON.stringify(template)].join('\n'));
}

/** Whether the ideographs of `superset` (a working set) include every one of `subset`. */
export function holdsIdeographs(superset: string, subset: string): boolean {
  const held = new Set(superset);
  for (const ch of subset) if (!held.has(ch)) return false;
  return true;
}

/** Read and check a source (`hooks`: see `CheckHooks`). */
export function checkSource(dir: string, options: CheckOptions = {}, hooks: CheckHooks = {}): CheckResult {
  const { beforeRules, cutElsewhere, cutWhileReading, readElsewhere } = hooks;
  const diagnostics: Diagnostic[] = [];
  let chosen: Template | undefined;
  if (options.template) {
    const resolved = resolveTemplate(options.template, process.cwd(), { specSpan: { file: '--template', start: { line: 1, column: 1 } } });
    diagnostics.push(...resolved.diagnostics);
    chosen = resolved.template;
  }
  // With a build cache and another thread to cut them, the working faces are
  // cut there while this thread reads the bodies, for the ideographs of the
  // folder's text files and the template (`folderWorkingSet`): they are the
  // build's when they hold every ideograph of the editions as read.
  let early: { ideographs: string; wait: (() => void) | undefined } | undefined;
  const beforeBodies =
    beforeRules && cutWhileReading && buildCache()
      ? (template: Template) => {
          const ideographs = folderWorkingSet(resolve(dir), template);
          early = { ideographs, wait: cutWorkingFacesElsewhere(ideographs, templateFamilies(template), cutWhileReading) };
        }
      : undefined;
  const read = readSource(dir, {
    ...(beforeBodies ? { beforeBodies } : {}),
    ...(chosen ? { template: chosen } : {}),
    ...(options.languages ? { languages: [...options.languages] } : {}),
    ...(readElsewhere
      ? { readElsewhere: (lang: LanguageTag) => (worthReadingElsewhere(dir, lang) ? readElsewhere({ dir: resolve(dir), lang, ...(chosen ? { template: chosen } : {}) }) : undefined) }
      : {}),
  });
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
        notesMisread: notesMisread(read.bodies, read.diagnostics),
        ...(brief.asOf ? { asOf: brief.asOf } : {}),
        brief,
      });
    // With a build cache, the glyph coverage is checked in working faces that
    // keep every character of the editions (the whole faces answer the same
    // for them), read from the cache; without one, cutting them would cost
    // more than opening the whole faces.
    workingSet = workingSetOf(read.editions, template);
    if (early && holdsIdeographs(early.ideographs, workingSet)) {
      early.wait?.();
      workingSet = early.ideographs;
    }
    const cache = buildCache();
    if (beforeRules && !hasErrors(read.diagnostics)) {
      if (cache) cutWorkingFaces(workingSet, templateFamilies(template), cutElsewhere);
      beforeRules({ id: brief.id, editions: read.editions, template, workingSet });
    }
    diagnostics.push(...(cache ? withWorkingFaces(workingSet, check) : check()));
  }
  return { read, template, diagnostics: sortDiagnostics(diagnostics), ...(workingSet !== undefined ? { workingSet } : {}) };
}
