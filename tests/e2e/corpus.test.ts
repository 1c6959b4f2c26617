/**
 * The corpus of broken sources: every case is checked with the real CLI
 * (`brief check`) in a child process. A broken case must have errors and
 * name each expected rule at the expected file:line:column; a valid one
 * (BOM, CRLF, NFD, a 1 MB paragraph, 10,000 notes) must have none. No run
 * may print a stack trace. The committed cases are small: they are checked
 * together in one run (`brief check <dir>...`), as a user checks a folder of
 * reports, and each case's lines are read from it. The generated cases are
 * the large inputs and the runs that once went quadratic: each is checked in
 * a run of its own, for its exit status and its CPU-time and memory bounds
 * (measured with /usr/bin/time where it exists). Wall time is never
 * asserted: it counts whatever else the machine is doing. The bounds are wide
 * (a check that loops or goes quadratic exceeds them by far); the measured
 * numbers are in docs/robustness.md.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseDir, loadCases, parseDiagnostics, repoRoot, runCli, type CliRun, type CorpusCase } from '../helpers/corpus.js';

/** Bounds for one check: CPU seconds (user + system) and peak MB, wide against docs/robustness.md. */
const defaultCpuSeconds = 15;
const defaultMB = 700;
const heavy: Record<string, { cpuSeconds: number; mb: number }> = {
  'paragraph-1mb': { cpuSeconds: 30, mb: 900 },
  'notes-10000': { cpuSeconds: 60, mb: 1500 },
};

const cases = loadCases();
/** What one case's check printed, and how it ended. */
interface CaseRun {
  dir: string;
  /** Exit status: of its own run, or (checked with others) 1 when any of its lines is an error. */
  code: number | null;
  /** Its own stderr, or its lines of the shared run. */
  stderr: string;
  /** The run it was checked in (shared by the committed cases). */
  run: CliRun;
  alone: boolean;
}
const runs = new Map<string, CaseRun>();
const scratch: string[] = [];

async function pool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/** The lines of a shared run's stderr about one case folder. */
function linesOf(stderr: string, base: string): string {
  return stderr
    .split('\n')
    .filter((l) => l.startsWith(`${base}/`) || l.startsWith(`${base}:`))
    .join('\n');
}

beforeAll(async () => {
  // Every generated case is made before the first check starts, so no check
  // shares the machine with the generators.
  const dirs = cases.map((c) => {
    const dir = caseDir(c);
    if (c.generate) scratch.push(dir);
    return { c, dir, base: relative(repoRoot, dir) || dir };
  });
  const together = dirs.filter(({ c }) => !c.generate && c.maxCpuSeconds === undefined && c.maxMB === undefined && !heavy[c.name]);
  const shared = await runCli(['check', ...together.map((d) => d.base)], { timeoutMs: 180_000 });
  for (const { c, dir, base } of together) {
    const stderr = linesOf(shared.stderr, base);
    runs.set(c.name, { dir, code: /: error: /.test(stderr) ? 1 : 0, stderr, run: shared, alone: false });
  }
  await pool(
    dirs.filter((d) => !together.includes(d)),
    2,
    async ({ c, dir, base }) => {
      const run = await runCli(['check', base], { timeoutMs: 180_000 });
      runs.set(c.name, { dir, code: run.code, stderr: run.stderr, run, alone: true });
    },
  );
}, 900_000);

afterAll(() => {
  // BRIEF_CORPUS_REPORT=file writes the measured time and peak memory of every case checked alone (for docs/robustness.md).
  const report = process.env.BRIEF_CORPUS_REPORT;
  if (report)
    writeFileSync(
      report,
      `${JSON.stringify(Object.fromEntries([...runs].filter(([, r]) => r.alone).map(([name, { run }]) => [name, { seconds: Number(run.seconds.toFixed(2)), cpuSeconds: run.cpuSeconds !== undefined ? Number(run.cpuSeconds.toFixed(2)) : null, peakMB: run.peakMB !== undefined ? Math.round(run.peakMB) : null, exit: run.code }])), null, 1)}\n`,
    );
  for (const dir of scratch) rmSync(join(dir, '..'), { recursive: true, force: true });
});

describe('corpus of broken sources', () => {
  it('has at least 40 cases, covering the contract rules', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    const rules = new Set(cases.flatMap((c) => c.expect.map((e) => e.rule)));
    for (const rule of [
      'note-undefined',
      'note-unreferenced',
      'note-duplicate',
      'citation-unknown-key',
      'reference-required-field',
      'date-impossible',
      'date-after-as-of',
      'url-malformed',
      'url-scheme',
      'ibid-literal-invalid',
      'diet-session-order',
      'parity-note',
      'parity-citation',
      'parity-figure',
      'parity-table',
      'parity-heading',
      'image-missing',
      'image-outside-source',
      'raw-html',
      'font-missing-glyph',
      'meta-missing-language',
      'reference-uncited',
      'url-http',
      'ibid-literal',
      'encoding',
      'yaml-aliases',
      'yaml-duplicate-key',
      'brief-unknown-key',
      'reference-type-unknown',
      'nesting-too-deep',
      'image-remote',
      'image-too-large',
      'text-not-nfc',
      'body-empty',
      'file-outside-source',
    ])
      expect(rules, rule).toContain(rule);
  });

  it('checks the committed cases together in one run that ends as the CLI says: status 1 when any case has an error', () => {
    const shared = [...runs.values()].filter((r) => !r.alone);
    expect(shared.length).toBeGreaterThanOrEqual(40);
    const run = shared[0]!.run;
    expect(run.stderr).not.toContain('\n    at ');
    expect(run.stderr).not.toContain('internal error');
    expect(run.code).toBe(shared.some((r) => r.code === 1) ? 1 : 0);
    // The closing summary counts every case's diagnostics.
    const errors = parseDiagnostics(run.stderr).filter((d) => d.severity === 'error').length;
    expect(run.stderr).toContain(`${errors} error`);
    // All of them within the bounds of one check: none loops or goes quadratic.
    if (run.cpuSeconds !== undefined) expect(run.cpuSeconds, 'CPU seconds').toBeLessThan(defaultCpuSeconds);
    if (run.peakMB !== undefined) expect(run.peakMB, 'peak MB').toBeLessThan(defaultMB);
  });

  it.each(cases.map((c) => [c.name, c] as [string, CorpusCase]))('%s', (_name, c) => {
    const { dir, code, stderr, run, alone } = runs.get(c.name)!;
    // Never a stack trace, never an internal error.
    expect(stderr).not.toContain('\n    at ');
    expect(stderr).not.toContain('internal error');
    expect(code, stderr.slice(0, 2000)).toBe(c.exit);
    // A few lines, not a flood: repeated messages are folded.
    expect(stderr.split('\n').length, stderr.slice(0, 2000)).toBeLessThan(60);
    const found = parseDiagnostics(stderr);
    const base = relative(repoRoot, dir) || dir;
    for (const want of c.expect) {
      const hit = found.find((d) => d.rule === want.rule && `${d.file}:${d.line}:${d.column}`.startsWith(want.at.startsWith(':') ? `${base}${want.at}` : `${base}/${want.at}`));
      expect(hit, `${want.rule} at ${want.at}\n${stderr.slice(0, 2000)}`).toBeDefined();
      // The message says what to do as well as what is wrong.
      expect(hit!.text.length).toBeGreaterThan(40);
    }
    if (c.exit === 0) expect(found.filter((d) => d.severity === 'error')).toEqual([]);
    // Every error line is in the contract's form.
    for (const text of stderr.split('\n').filter((l) => l.includes(': error: '))) expect(text).toMatch(/^.+:\d+:\d+: error: .+ \[[a-z0-9-]+\]$/);
    if (!alone) return;
    const bound = heavy[c.name] ?? { cpuSeconds: c.maxCpuSeconds ?? defaultCpuSeconds, mb: c.maxMB ?? defaultMB };
    if (run.cpuSeconds !== undefined) expect(run.cpuSeconds, 'CPU seconds').toBeLessThan(bound.cpuSeconds);
    if (run.peakMB !== undefined) expect(run.peakMB, 'peak MB').toBeLessThan(bound.mb);
  });
});

describe('build refuses broken sources and writes nothing', () => {
  const broken = ['raw-html-script', 'image-remote', 'nesting-too-deep-quote', 'binary-garbage'];
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'brief-corpus-build-'));
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it.each(broken)('%s: exit 1, nothing written', async (name) => {
    const run = await runCli(['build', `tests/corpus/${name}`, '--out', out, '--format', 'epub,docx']);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain('\n    at ');
    expect(run.stderr).toContain('not built');
    expect(existsSync(join(out, 'corpus-case'))).toBe(false);
  });

  it('keeps earlier outputs byte for byte when a later build fails', async () => {
    const dir = join(out, 'corpus-case');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'corpus-case.ja.epub'), 'earlier');
    const run = await runCli(['build', 'tests/corpus/raw-html-script', '--out', out, '--format', 'epub']);
    expect(run.code).toBe(1);
    expect(readdirSync(dir)).toEqual(['corpus-case.ja.epub']);
  });
});
