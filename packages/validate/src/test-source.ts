/**
 * Test helper: write a small report source into a temporary directory, read
 * it and run every validation rule on it. Diagnostics name files relative
 * to the source directory (`ja.md`, `references.yaml`, `brief.yaml`).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { formatDiagnostic, type Diagnostic } from '@brief/document-model';
import { readSource, type ReadResult } from '@brief/source-reader';
import { notesMisread, validate } from './index.js';

/** A brief.yaml for ja and en (override any line by passing the whole text). */
export function briefYaml(options: { languages?: string[]; asOf?: string } = {}): string {
  const languages = options.languages ?? ['ja', 'en'];
  return [
    'id: test-report',
    `languages: [${languages.join(', ')}]`,
    'title: { ja: 試験報告, en: Test report }',
    'authors:',
    '  - name: { ja: 沓脱 和人, en: KUTSUNUGI Kazuhito }',
    'published: 2026-03-16',
    `as-of: ${options.asOf ?? '2026-02-25'}`,
    '',
  ].join('\n');
}

const written: string[] = [];

/** Remove every directory `writeSource` made (call from `afterAll`). */
export function removeSources(): void {
  for (const dir of written.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Write files (name → text) into a new temporary directory; returns its path. */
export function writeSource(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'brief-validate-'));
  written.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

export interface Checked {
  dir: string;
  read: ReadResult;
  /** Reader and validation diagnostics together. */
  diagnostics: Diagnostic[];
  /** The same, as the command line prints them. */
  lines: string[];
}

/** Read and validate a source directory (as `brief check` does). */
export function checkDir(dir: string): Checked {
  const read = readSource(dir, { cwd: dir });
  const diagnostics = [...read.diagnostics];
  if (read.brief && read.editions.length > 0) {
    diagnostics.push(
      ...validate({
        editions: read.editions,
        library: read.library,
        template: read.template,
        files: new Map(read.bodies.map((b) => [b.lang, b.file])),
        notesMisread: notesMisread(read.bodies, read.diagnostics),
        ...(read.brief.asOf ? { asOf: read.brief.asOf } : {}),
        brief: read.brief,
      }),
    );
  }
  // BRIEF_DROP_RULE simulates a rule taken out, to show the tests depend on it.
  const kept = diagnostics.filter((d) => d.ruleId !== process.env.BRIEF_DROP_RULE);
  return { dir, read, diagnostics: kept, lines: kept.map(formatDiagnostic) };
}

/**
 * Write and check a source. `brief.yaml` defaults to `briefYaml()`; an
 * edition not given gets the same body as `ja.md`.
 */
export function check(files: Record<string, string>): Checked {
  const all: Record<string, string> = { 'brief.yaml': briefYaml(), ...files };
  if (all['ja.md'] !== undefined && all['en.md'] === undefined && /\ben\b/.test(/languages:.*$/m.exec(all['brief.yaml']!)?.[0] ?? '')) all['en.md'] = all['ja.md'];
  return checkDir(writeSource(all));
}

/** Diagnostics of one rule. */
export function ofRule(checked: Checked, ruleId: string): Diagnostic[] {
  return checked.diagnostics.filter((d) => d.ruleId === ruleId);
}

/** Errors only, formatted (for readable assertion failures). */
export function errorLines(checked: Checked): string[] {
  return checked.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
}

/** A references.yaml from item blocks (each a YAML mapping body, indented by the caller). */
export function referencesYaml(...items: string[]): string {
  return `references:\n${items.map((i) => i.replace(/^/gm, '    ').replace(/^ {4}/, '  - ')).join('\n')}\n`;
}
