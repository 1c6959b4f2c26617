/**
 * A source as checked: its editions' models, its template and what the
 * rules said, kept in the build cache so a build of an unchanged source (a
 * fresh process, another output folder, another choice of editions) starts
 * rendering without parsing and checking it again.
 *
 * The key is the source's fingerprint (every file of its folder, the code of
 * every package, the options) with the folder's own path (a copy elsewhere
 * has other files to name and to fingerprint), the working directory
 * (messages name files relative to it) and the Node version (the entry is V8's structured
 * clone); template files outside the folder are listed in the entry with
 * their content hashes and compared before it is used. A check with errors
 * is not kept: nothing is built from it.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { buildCache, cacheKey } from '@brief/build-cache';
import { hasErrors, type Diagnostic, type DocumentModel } from '@brief/document-model';
import type { Template } from '@brief/templates';
import type { CheckHooks, CheckOptions } from './check.js';
import { contentHash, sourceFiles, sourceFingerprint } from './fingerprint.js';

export interface CheckedSource {
  /** The report's id (from brief.yaml), when it could be read. */
  id?: string;
  sourceDir: string;
  /** Template files read from outside the source folder, absolute. */
  outsideFiles: string[];
  editions: DocumentModel[];
  template: Template;
  diagnostics: Diagnostic[];
  /** The ideographs the editions' working faces keep (`workingSetOf`): the build renders with the faces the check cut. */
  workingSet: string;
}

interface Entry {
  /** Each file outside the source folder with its content hash when the entry was made. */
  outside: [string, string][];
  checked: CheckedSource;
}

/**
 * Read and check a source, or take the check of the same inputs from the
 * build cache. `files` are the folder's files as `sourceFiles` gave them
 * before the source was read (by default, read now). The hooks (`CheckHooks`)
 * are used when the source is read rather than taken from the cache.
 */
export async function checkedSource(dir: string, options: CheckOptions = {}, files?: readonly string[], hooks: CheckHooks = {}): Promise<CheckedSource> {
  const cache = buildCache();
  const sourceDir = resolve(dir);
  // A template named on the command line is resolved from the working directory: not kept.
  const fingerprint = () => sourceFingerprint({ sourceDir, files: files ?? sourceFiles(sourceDir), extraFiles: [], options: { languages: options.languages ?? null } });
  const key = cache && !options.template ? cacheKey('checked-source', process.version, process.cwd(), sourceDir, fingerprint()) : undefined;
  const kept = key ? entryOf(cache?.get(key)) : undefined;
  if (kept?.outside.every(([file, hash]) => contentHash(file) === hash)) return kept.checked;
  const { checkSource } = await import('./check.js');
  const { read, template, diagnostics, workingSet } = checkSource(dir, options, hooks);
  const checked: CheckedSource = {
    ...(read.brief ? { id: read.brief.id } : {}),
    sourceDir: read.sourceDir,
    outsideFiles: (read.templateFiles ?? []).filter((f) => {
      const rel = relative(read.sourceDir, f);
      return rel.startsWith('..') || isAbsolute(rel);
    }),
    editions: read.editions,
    template,
    diagnostics,
    workingSet: workingSet ?? '',
  };
  if (key && checked.id && !hasErrors(diagnostics)) {
    const entry: Entry = { outside: checked.outsideFiles.map((f) => [f, contentHash(f)]), checked };
    cache?.put(key, serialize(entry));
  }
  return checked;
}

/** An entry as it reads, or nothing when it does not read as one. */
function entryOf(bytes: Uint8Array | undefined): Entry | undefined {
  if (!bytes) return undefined;
  try {
    const entry = deserialize(bytes) as Entry;
    const c = entry?.checked;
    const valid =
      Array.isArray(entry.outside) &&
      typeof c?.id === 'string' &&
      typeof c.sourceDir === 'string' &&
      Array.isArray(c.editions) &&
      Array.isArray(c.diagnostics) &&
      typeof c.template === 'object' &&
      typeof c.workingSet === 'string';
    return valid ? entry : undefined;
  } catch {
    return undefined;
  }
}
