/**
 * The `brief` command line: `check` validates sources, `build` writes the
 * editions. Exit status: 0 success (warnings allowed), 1 validation errors
 * or a failed build, 2 a usage error.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { formatDiagnostic, sortDiagnostics, type Diagnostic } from '@brief/document-model';
import {
  buildSource,
  createWorkerPool,
  defaultParallelism,
  formats,
  fsErrorMessage,
  keepParses,
  OutputError,
  releaseAll,
  sharedReportIds,
  type BuildResult,
  type Format,
} from '@brief/build-orchestrator';
import { progressReporter } from './progress.js';
import { watchSource } from './watch.js';

/** How far past what a full collection left alive a heap grows before the next one, in percent (V8's `--heap-growing-percent`). */
const HEAP_GROWING_PERCENT = 80;

const usage = `Usage:
  brief check <source-dir>... [--json] [--template NAME|FILE]
  brief build <source-dir>... [--out DIR] [--lang ja,en] [--format pdf,docx,epub] [--template NAME|FILE] [--force]
  brief watch <source-dir> [--out DIR] [--lang ja,en] [--format pdf,docx,epub]

Exit status: 0 success (warnings allowed), 1 validation errors or a failed build, 2 usage error.`;

class UsageError extends Error {}

function splitList(value: string | undefined, option: string): string[] | undefined {
  if (value === undefined) return undefined;
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (list.length === 0) throw new UsageError(`--${option} names nothing: give one or more, separated by commas`);
  // Named twice (pdf,pdf), built once.
  return [...new Set(list)];
}

/** Map with at most `limit` calls in flight; results in input order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

function formatList(value: string | undefined): Format[] {
  const list = splitList(value, 'format') ?? [...formats];
  for (const f of list) if (!(formats as readonly string[]).includes(f)) throw new UsageError(`unknown format "${f}" (pdf, docx, epub)`);
  return list as Format[];
}

function report(diagnostics: readonly Diagnostic[], json: boolean): void {
  if (json) return;
  for (const d of sortDiagnostics(diagnostics)) process.stderr.write(`${formatDiagnostic(d)}\n`);
}

function summary(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

function checkDirs(dirs: string[]): void {
  if (dirs.length === 0) throw new UsageError('no source directory given');
  for (const dir of dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`no such directory: ${dir}`);
  }
}

/** The output folder, or the nearest part of its path that exists, must be a folder: the editions are written inside it. */
function checkOut(out: string): string {
  // An empty --out (`--out ""`, a variable left unset) is no folder: the editions would land in the current one.
  if (out.trim() === '') throw new UsageError('--out names no folder: give the folder the editions go in (default: output)');
  for (let at = resolve(out); ; at = dirname(at)) {
    if (existsSync(at)) {
      if (!statSync(at).isDirectory()) throw new UsageError(at === resolve(out) ? `--out ${out} is a file, not a folder` : `--out ${out} cannot be made: ${at} is a file, not a folder`);
      return out;
    }
    if (dirname(at) === at) return out;
  }
}

export async function main(argv: string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`brief: ${(e as Error).message}\n\n${usage}\n`);
      return 2;
    }
    // A file or folder that cannot be read or written: what was being done, and where.
    const fsError = e instanceof OutputError ? e.message : fsErrorMessage(e);
    if (fsError) {
      process.stderr.write(`brief: ${fsError}\n`);
      return 1;
    }
    // An internal failure: one line, no stack trace unless asked for.
    process.stderr.write(`brief: internal error: ${(e as Error).message}\n`);
    if (process.env.BRIEF_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
    return 1;
  }
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${usage}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command === 'check') {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: { json: { type: 'boolean' }, template: { type: 'string' } },
    });
    checkDirs(positionals);
    const all: Diagnostic[] = [];
    const { checkSource } = await import('@brief/build-orchestrator/check');
    for (const dir of positionals) all.push(...checkSource(dir, values.template ? { template: values.template } : {}).diagnostics);
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ diagnostics: sortDiagnostics(all) }, null, 2)}\n`);
    } else {
      report(all, false);
      process.stderr.write(`${summary(all)}\n`);
    }
    return all.some((d) => d.severity === 'error') ? 1 : 0;
  }
  if (command === 'build') {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        out: { type: 'string' },
        lang: { type: 'string' },
        format: { type: 'string' },
        force: { type: 'boolean' },
        template: { type: 'string' },
      },
    });
    checkDirs(positionals);
    const fmts = formatList(values.format);
    const langs = splitList(values.lang, 'lang');
    const onProgress = progressReporter();
    // Each body is read once: its parsed tree is let go once read.
    keepParses(false);
    // Every heap of the process (this thread's and the workers') grows to at
    // most 1.8 times what its last full collection left alive, not fourfold:
    // a build makes much short-lived garbage, and collecting it sooner costs
    // little (docs/benchmarks.md).
    setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
    // One pool for every report of this command, so several reports keep
    // every core busy and pay the start-up once: this thread renders too
    // (it would only wait), beside one worker per other core. Once a
    // worker starts, this thread's young generation stops growing: most of
    // the rendering is then elsewhere, and the memory it would take stays.
    const pool = createWorkerPool(defaultParallelism(), { inline: true, holdYoungGeneration: true });
    // Stopped by Ctrl-C or SIGTERM: the temporary files go and the locks are given up; finished files stay.
    const stop = (signal: NodeJS.Signals) => {
      releaseAll();
      process.stderr.write(`brief: stopped by ${signal}; the files not yet finished were removed, and earlier outputs kept\n`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    let results: BuildResult[];
    try {
      // A few reports at a time: enough to keep every core busy, few enough
      // that memory stays flat however many reports are given.
      const shared = sharedReportIds(positionals);
      results = await mapLimited(positionals, defaultParallelism() + 1, async (dir) => {
        const clash = shared.get(dir);
        if (clash) return { ok: false, diagnostics: [clash], written: [], rendered: [], current: [], failures: [] } satisfies BuildResult;
        return buildSource(dir, {
          out: checkOut(values.out ?? 'output'),
          formats: fmts,
          onProgress,
          onWait: (message) => process.stderr.write(`${dir}: ${message}\n`),
          pool,
          ...(values.force ? { force: true } : {}),
          ...(values.template ? { template: values.template } : {}),
          ...(langs ? { languages: langs } : {}),
        });
      });
    } finally {
      await pool.close();
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
    let failed = false;
    results.forEach((result, i) => {
      const dir = positionals[i]!;
      report(result.diagnostics, false);
      if (result.unchangedWarnings !== undefined)
        process.stderr.write(
          result.unchangedWarnings > 0
            ? `${dir}: unchanged since the last build, which reported ${result.unchangedWarnings} warning(s); \`brief check\` shows them\n`
            : `${dir}: unchanged since the last build\n`,
        );
      if (result.error) process.stderr.write(`brief: ${result.error}\n`);
      if (!result.ok) {
        failed = true;
        const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
        process.stderr.write(errors > 0 ? `${dir}: not built (${summary(result.diagnostics)}); earlier outputs left as they were\n` : `${dir}: build failed; earlier outputs left as they were\n`);
      }
    });
    return failed ? 1 : 0;
  }
  if (command === 'watch') {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: { out: { type: 'string' }, lang: { type: 'string' }, format: { type: 'string' } },
    });
    checkDirs(positionals);
    if (positionals.length !== 1) throw new UsageError('watch takes one source directory');
    const langs = splitList(values.lang, 'lang');
    await watchSource(positionals[0]!, {
      out: checkOut(values.out ?? 'output'),
      formats: formatList(values.format),
      onProgress: progressReporter(),
      ...(langs ? { languages: langs } : {}),
    });
    return 0;
  }
  throw new UsageError(`unknown command "${command}"`);
}
