/**
 * Reports of one build command that share an id would write the same output
 * folder, one over the other: each is refused, at its id in brief.yaml.
 */
import { readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { diagnostic, type Diagnostic } from '@brief/document-model';
import { readBrief } from '@brief/source-reader';

/**
 * An error for each source directory whose report id another of `dirs`
 * shares (`report-id-shared`), by directory. The id is read as the build
 * reads it; a source whose brief.yaml does not read is left to its own
 * checks.
 */
export function sharedReportIds(dirs: readonly string[], cwd = process.cwd()): Map<string, Diagnostic> {
  const byId = new Map<string, { dir: string; file: string; line: number }[]>();
  for (const dir of dirs) {
    const path = join(dir, 'brief.yaml');
    let text: string;
    try {
      // Only a regular file: a named pipe would be read without end (the check reports it).
      if (!statSync(path).isFile()) continue;
      text = readFileSync(path, 'utf8');
    } catch {
      continue;
    }
    const file = relative(cwd, path) || path;
    const id = readBrief(file, text).brief?.id;
    if (!id) continue;
    // The line of the top-level `id:` key, where the message points.
    const line = text.split(/\r?\n/).findIndex((l) => /^id\s*:/.test(l)) + 1;
    byId.set(id, [...(byId.get(id) ?? []), { dir, file, line: Math.max(1, line) }]);
  }
  const out = new Map<string, Diagnostic>();
  for (const [id, sources] of byId) {
    if (sources.length < 2) continue;
    for (const source of sources) {
      const others = sources.filter((o) => o !== source).map((o) => o.dir);
      out.set(
        source.dir,
        diagnostic(
          'report-id-shared',
          'error',
          `report id "${id}" is also the id of ${others.join(', ')} in this build: both would write the folder ${id}/`,
          { file: source.file, start: { line: source.line, column: 1 } },
          'give each report its own id in brief.yaml',
        ),
      );
    }
  }
  return out;
}
