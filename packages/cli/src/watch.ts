/**
 * `brief watch <dir>`: rebuild the affected editions on save. With errors in
 * the source, the last good outputs stay and the diagnostics are printed.
 * The rendering workers stay warm between rebuilds.
 */
import { watch } from 'node:fs';
import { formatDiagnostic } from '@brief/document-model';
import { buildSource, createWorkerPool, warmUp, writeDeferred, type BuildOptions } from '@brief/build-orchestrator';

export interface WatchOptions extends Omit<BuildOptions, 'pool'> {
  /** Called after every rebuild (for tests and tools). */
  onRebuilt?: (summary: { ok: boolean; written: string[]; ms: number }) => void;
  signal?: AbortSignal;
}

/**
 * The rendering workers' young generation in MB. A worker kept for many
 * rebuilds holds its caches in the old generation, and with a young
 * generation of 12 MB (a build's, where it keeps the peak down) most of
 * what one rebuild allocates is copied by a scavenge or two before it
 * dies: about 60 ms of each worker's time per edit of the sample. With 48
 * MB (V8's own bound), half as much (docs/benchmarks.md).
 */
const WATCH_YOUNG_GENERATION_MB = 48;

/**
 * How many times the editions are rendered before "watching" is printed
 * (`warmUp`). V8 compiles the code a save runs for speed over the first
 * renderings; with one round the first saves took up to half as long again
 * as the later ones, with two about as long (docs/benchmarks.md), for about
 * a second more before "watching" is printed (a save meanwhile waits for
 * the rendering under way).
 */
const WARM_UP_ROUNDS = 2;

export async function watchSource(dir: string, options: WatchOptions): Promise<void> {
  // The workers render the same editions on every save: they keep what they decoded between rebuilds.
  const pool = createWorkerPool(undefined, { holdBetweenBuilds: true, youngGenerationMb: WATCH_YOUNG_GENERATION_MB });
  let running = false;
  let again = false;
  const rebuild = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    do {
      again = false;
      const started = Date.now();
      // The cache writes no output waits for are done after the rebuild is reported.
      const result = await buildSource(dir, { ...options, pool, deferCacheWrites: true });
      for (const d of result.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
      for (const f of result.failures) process.stderr.write(`failed ${f}\n`);
      if (result.error) process.stderr.write(`brief: ${result.error}\n`);
      const ms = Date.now() - started;
      if (!result.ok) process.stderr.write(`not rebuilt (${ms} ms); the last good outputs are kept\n`);
      else process.stderr.write(`rebuilt in ${ms} ms: ${result.written.length} file(s) changed\n`);
      options.onRebuilt?.({ ok: result.ok, written: result.written, ms });
      writeDeferred();
    } while (again);
    running = false;
  };
  await rebuild();
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(dir, { recursive: true }, (_event, name) => {
    if (name && (/(^|\/)\./.test(String(name)) || String(name).endsWith('.tmp'))) return;
    // A save comes as a few events within a millisecond or two (truncate, write, rename): wait
    // for the last of them, briefly, since the wait is part of every rebuild's time. A save
    // still being written when the rebuild reads it sends another event, and so another rebuild.
    clearTimeout(timer);
    timer = setTimeout(() => void rebuild(), 10);
  });
  // The reader, the rules and every writer run again, keeping nothing, so that the first saves are as quick as the next.
  for (let round = 0; round < WARM_UP_ROUNDS; round++)
    await warmUp(dir, pool, {
      ...(options.formats ? { formats: options.formats } : {}),
      ...(options.languages ? { languages: options.languages } : {}),
      ...(options.template ? { template: options.template } : {}),
    });
  process.stderr.write(`watching ${dir} (Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      watcher.close();
      clearTimeout(timer);
      void pool.close().then(resolve);
    };
    options.signal?.addEventListener('abort', stop, { once: true });
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
