/**
 * Renders artifacts in parallel across cores with worker threads, in the
 * order the build hands the jobs over (`schedule.ts`: formats and editions
 * largest first, by the last build's measured costs or else by a guess). Each
 * job reports how long it took to render, without the time it waited for a
 * worker. A pool may count this thread as one of its slots (`inline`): it
 * has read and checked the source and would otherwise wait idle, holding
 * its memory, while the workers render.
 */
import { availableParallelism } from 'node:os';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { MessageChannel, receiveMessageOnPort, threadId, Worker } from 'node:worker_threads';
import { renderFormat, type Format, type RenderJob } from './formats.js';
import { guessedCost } from './schedule.js';
import type { CutElsewhere } from '@brief/fonts';
import type { CutRequest, PrepareRequest, ReadRequest, RenderRequest, RenderResponse, RenderWorkerData, StopRequest } from './render-worker.js';
import type { LanguageRead } from '@brief/source-reader';

export type { RenderJob };

/** Read a source's language in another thread: a function that waits for what it read (undefined: read it here), or nothing when no thread is free. */
export type ReadElsewhere = (request: ReadRequest['read']) => (() => LanguageRead | undefined) | undefined;

/** Filled in by `render`: how long the job took in the thread that rendered it, in milliseconds, and which thread that was. */
export interface RenderTiming {
  ms?: number;
  /** The rendering thread's `threadId` (0: the main thread). */
  thread?: number;
}

/** How a job is to be rendered, and what the caller learns of it. */
export interface RenderOptions {
  /** Filled in with how long the job took and where. */
  timing?: RenderTiming;
  /**
   * The job waits for this promise, even while a slot is idle: a free slot
   * takes the jobs that need not wait, and this one once it has settled
   * (the promise must settle: it is the end, or a step, of another job).
   */
  after?: Promise<unknown>;
  /** What the job cost in the last build, in milliseconds. */
  expectedMs?: number;
  /** Called when a PDF job has kept its printed pages in the build cache, before it draws. */
  onPrintPages?: () => void;
}

export interface RenderPool {
  render(job: RenderJob, options?: RenderOptions): Promise<Uint8Array>;
  /** Start workers for these formats now, to load their writers while the source is read (optional). */
  prepare?(formats: readonly Format[]): void;
  /**
   * Render a job in a worker that is idle now (or one not started yet), or
   * else nothing: for work begun while this thread is busy, which must not
   * wait for it (optional).
   */
  renderInIdleWorker?(job: RenderJob, options?: RenderOptions): Promise<Uint8Array> | undefined;
  /** Cut working faces in an idle worker (one that will render PDFs, if any) while this thread cuts others (optional). */
  cutInIdleWorker?: CutElsewhere;
  /**
   * Read one language of a source in an idle worker while this thread reads
   * the others (optional; not in a pool whose workers keep what builds
   * decoded, where this thread keeps the editions it read).
   */
  readInIdleWorker?: ReadElsewhere;
  /** Cut working faces in an idle worker while this thread reads the source (optional; not in a pool whose workers keep what builds decoded: see `CheckHooks`). */
  cutWhileReading?: CutElsewhere;
  close(): Promise<void>;
}

/** Render in this thread (one job, or parallelism 1). */
export const inlinePool: RenderPool = {
  render: (job, options) => timed(() => renderFormat(job, options), options?.timing),
  close: async () => undefined,
};

/** Run `render` and note its time in `timing`. */
async function timed(render: () => Promise<Uint8Array>, timing: RenderTiming | undefined): Promise<Uint8Array> {
  const started = performance.now();
  const bytes = await render();
  if (timing) {
    timing.ms = performance.now() - started;
    timing.thread = threadId;
  }
  return bytes;
}

/**
 * A rendering worker's old-generation heap limit in MB: BRIEF_WORKER_HEAP_MB
 * when set, else `GROWING_LIMIT_MB` (or this process's own limit, when that
 * is lower).
 */
export function workerHeapMb(): number {
  const env = Number(process.env.BRIEF_WORKER_HEAP_MB);
  if (Number.isInteger(env) && env > 0) return env;
  return Math.min(GROWING_LIMIT_MB, Math.floor(getHeapStatistics().heap_size_limit / 2 ** 20));
}

/**
 * V8 lets a heap grow fourfold past what a collection left alive when its
 * limit is 2 GB or more (on 64-bit builds without pointer compression, as
 * Node's), and by at most twofold below that. A worker laying out a long
 * report (about 190 MB alive for 300 pages) so peaks 100–150 MB lower, for a
 * few more collections; an edition that does not fit is rendered in this
 * thread instead (see `onWorker`).
 */
const GROWING_LIMIT_MB = 2000;

/**
 * A rendering worker's young generation in MB (three semi-spaces of 4 MB).
 * V8 lets it grow to 48 MB (semi-spaces of 16 MB) for a thread that
 * allocates quickly, as a renderer does, and keeps that memory to the
 * thread's end. What a rendering job allocates dies young; bounded, the
 * same collections take about the same CPU time, and a cold build of the
 * sample peaks some 30 MB lower (measured in docs/benchmarks.md).
 */
const YOUNG_GENERATION_MB = 12;

/**
 * Hold this thread's young generation at the size it has now, and start
 * the workers set up after this with theirs at its bound. V8 lets a
 * thread's young generation grow to 32 MB (semi-spaces of 16 MB) when it
 * allocates quickly and keeps that memory to the thread's end; a thread's
 * limits can only be given when it starts, which this one has. Its growth
 * can still be stopped (a growth factor of 1, which holds every heap of the
 * process where it is), but V8 sets the factor back to 2 whenever it sets
 * up a heap, a worker's included: the pool sets it again once each worker
 * is up (`PoolOptions.holdYoungGeneration`). For the CLI's thread when it
 * hands rendering to workers: a cold build of the sample peaks some 25 MB
 * lower for the same CPU time (docs/benchmarks.md). A thread that renders
 * alone is faster with room to grow (0.1–0.2 s of CPU for a single
 * edition), so the pool holds it only when it starts a worker.
 */
function holdYoungGeneration(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
  // A worker's young generation is three semi-spaces (two, and as much again for large objects).
  setFlagsFromString(`--min-semi-space-size=${YOUNG_GENERATION_MB / 3}`);
}

/** The heap limits a rendering worker starts with (`workerHeapMb`; a young generation of `youngMb`, by default `YOUNG_GENERATION_MB`). */
export function workerLimits(youngMb = YOUNG_GENERATION_MB): { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number } {
  return { maxOldGenerationSizeMb: workerHeapMb(), maxYoungGenerationSizeMb: youngMb };
}

/** How long this thread waits for a worker to cut its share of the working faces (`cutInIdleWorker`), at most. */
const CUT_WAIT_MS = 30_000;

/** How long this thread waits for a worker to read a language of a source (`readInIdleWorker`), at most. */
const READ_WAIT_MS = 60_000;

/** Workers whose thread has ended (stopped, or died). */
const ended = new WeakSet<Worker>();

/**
 * Stop a worker once it has done its put-off cache writes (`afterAnswer`):
 * it is asked to end, and ended by force if it has not within a minute.
 */
function stopWorker(worker: Worker): Promise<void> {
  if (ended.has(worker)) return Promise.resolve();
  return new Promise((resolve) => {
    // Held while it ends, so this process does not end first.
    worker.ref();
    const force = setTimeout(() => void worker.terminate().then(() => resolve()), 60_000);
    force.unref();
    worker.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    worker.postMessage({ stop: true } satisfies StopRequest);
  });
}

/** The artifact a job renders: its report, edition and format. */
function artifactOf(job: RenderJob): string {
  return `${job.doc.meta.id}\u0000${job.doc.meta.lang}\u0000${job.format}`;
}

/** This thread as a rendering slot. */
const inline = Symbol('this thread');
type Slot = Worker | typeof inline;

export function defaultParallelism(): number {
  const env = Number(process.env.BRIEF_JOBS);
  if (Number.isInteger(env) && env > 0) return env;
  return Math.max(1, availableParallelism());
}

export interface PoolOptions {
  /** Jobs a worker renders before the pool replaces it (letting go of its caches); default: no limit. */
  maxJobsPerWorker?: number;
  /** This thread is one of the `size` slots: `size - 1` workers (none for 1), and jobs rendered here when it is free. */
  inline?: boolean;
  /** Workers keep what a build decoded from the cache for the next build (`holdBetweenBuilds` in `@brief/build-cache`): for `brief watch`. */
  holdBetweenBuilds?: boolean;
  /** Hold this thread's young generation when the pool starts its first worker (`holdYoungGeneration`). */
  holdYoungGeneration?: boolean;
  /** The workers' young generation in MB (default `YOUNG_GENERATION_MB`; not with `holdYoungGeneration`, which starts them at that bound). */
  youngGenerationMb?: number;
}

/** A pool of `size` rendering slots: worker threads, and this thread as one of them with `inline`. */
export function createWorkerPool(size = defaultParallelism(), options: PoolOptions = {}): RenderPool {
  const maxJobsPerWorker = options.maxJobsPerWorker ?? Number.POSITIVE_INFINITY;
  const hold = options.holdYoungGeneration === true;
  const workers = options.inline ? size - 1 : size;
  /** Whether this thread's slot is free (never, without `inline`). */
  let here = options.inline === true;
  const url = new URL('./render-worker.js', import.meta.url);
  const idle: Worker[] = [];
  const all: Worker[] = [];
  /** Formats each worker has rendered: its fonts and libraries for them are warm. */
  const warm = new Map<Worker, Set<Format>>();
  const waiting: { format: Format; key: string; give: (w: Slot) => void; ready: () => boolean; expectedMs: number | undefined }[] = [];
  /**
   * The artifact each worker rendered last (`artifactOf`): a job goes back to
   * the worker that rendered the same artifact last, which holds what its
   * writer kept of it (the composed paragraphs of the PDF's edition, in
   * \`brief watch\`) as they are in the build cache now.
   */
  const lastArtifact = new Map<Worker, string>();
  /** Each busy worker's job: its format, when it began and its cost in the last build, for `leaveToWorker`. */
  const busy = new Map<Worker, { format: Format; since: number; expectedMs: number | undefined }>();
  /** The time and guessed cost (`guessedCost`) of the jobs rendered so far. */
  const spent = { ms: 0, units: 0 };
  const note = (format: Format, ms: number | undefined) => {
    if (ms === undefined) return;
    spent.ms += ms;
    spent.units += guessedCost[format];
  };
  /** A job's expected cost: its cost in the last build, else its guessed share at the pace of the jobs rendered so far. */
  const expected = (format: Format, measured: number | undefined): number | undefined => measured ?? (spent.units > 0 ? (guessedCost[format] * spent.ms) / spent.units : undefined);
  let nextId = 0;
  const spawn = (): Worker => {
    if (hold) holdYoungGeneration();
    // Heap limits per worker (an edition that does not fit is rendered in
    // the main thread instead).
    const worker = new Worker(url, { resourceLimits: workerLimits(options.youngGenerationMb), workerData: { holdBetweenBuilds: options.holdBetweenBuilds === true } satisfies RenderWorkerData });
    worker.unref();
    worker.once('exit', () => ended.add(worker));
    if (hold) worker.once('online', holdYoungGeneration);
    all.push(worker);
    warm.set(worker, new Set());
    // A worker that dies between jobs (while loading its writers) leaves the
    // pool; a job's own failure is handled by the job (see render).
    worker.on('error', () => {
      const i = idle.indexOf(worker);
      if (i < 0) return;
      idle.splice(i, 1);
      retire(worker);
    });
    return worker;
  };
  /** Formats this thread has rendered. */
  const warmHere = new Set<Format>();
  /**
   * A slot for a format: an idle worker that has rendered it before, else a
   * new worker while there are fewer than the pool's, else this thread when
   * it is a free slot, else any idle worker; otherwise the job waits.
   * Workers go first: a job rendered here holds up this thread (and the
   * answers of the workers) until it is done. Keeping each format on the
   * worker that already has its fonts parsed saves that work on every later
   * job.
   */
  /**
   * Whether this thread should leave a job to a worker that has its format
   * warm and is about to be free: a worker that rendered the format before
   * renders it again with its writer loaded and its code optimised, which
   * this thread would first have to do. Only when the job's cost and the
   * worker's can be expected (`expected`), the worker is expected to be free
   * within half of the job's and no more jobs of the format wait than such
   * workers.
   */
  const leaveToWorker = (format: Format, expectedMs: number | undefined): boolean => {
    const cost = expected(format, expectedMs);
    if (cost === undefined) return false;
    const now = performance.now();
    const soon = all.filter((w) => {
      const job = busy.get(w);
      const end = job ? job.since + (expected(job.format, job.expectedMs) ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY;
      return warm.get(w)?.has(format) && end - now < cost / 2;
    });
    // Only the last jobs of the format: as many as those workers take as they finish.
    return soon.length > 0 && waiting.filter((j) => j.format === format).length <= soon.length;
  };
  /**
   * An idle worker that rendered this artifact (`key`) last, else one that
   * has rendered the format, else a new one while there are fewer than the
   * pool's, else (with `any`) any idle one.
   */
  const idleWorker = (format: Format, any: boolean, key?: string): Worker | undefined => {
    const same = key === undefined ? -1 : idle.findIndex((w) => lastArtifact.get(w) === key);
    if (same >= 0) return idle.splice(same, 1)[0];
    const affine = idle.findIndex((w) => warm.get(w)?.has(format));
    if (affine >= 0) return idle.splice(affine, 1)[0];
    if (all.length < workers) return spawn();
    return any ? idle.pop() : undefined;
  };
  const acquire = (format: Format, key: string, ready: () => boolean, expectedMs: number | undefined): Promise<Slot> => {
    if (!ready()) return new Promise((give) => waiting.push({ format, key, give, ready, expectedMs }));
    const worker = idleWorker(format, false, key);
    if (worker) return Promise.resolve(worker);
    if (here) {
      here = false;
      return Promise.resolve(inline);
    }
    const any = idle.pop();
    if (any) return Promise.resolve(any);
    return new Promise((give) => waiting.push({ format, key, give, ready, expectedMs }));
  };
  /**
   * The next waiting job for a free slot: of the jobs that need not wait
   * (any more), one of a format it knows first; with none, the slot stays
   * free until one is ready (`offerFree`). A job waits for another's step
   * that is under way: an e-book for the pages its PDF job is laying out,
   * which would take a slot as long to lay out again (and the CPU and
   * memory of a second layout beside the first).
   */
  const handOver = (slot: Slot) => {
    const known = slot === inline ? warmHere : warm.get(slot);
    const ready = waiting.filter((j) => j.ready());
    // This thread leaves the last jobs of a format to a worker that has it warm and is about to be free.
    const left = slot === inline ? ready.filter((j) => !known?.has(j.format) && leaveToWorker(j.format, j.expectedMs)) : [];
    const among = ready.filter((j) => !left.includes(j));
    const last = slot === inline ? undefined : lastArtifact.get(slot);
    const chosen =
      among.find((j) => j.key === last) ?? among.find((j) => known?.has(j.format)) ?? among.find((j) => !all.some((other) => other !== slot && warm.get(other)?.has(j.format))) ?? among[0];
    const next = chosen ? waiting.splice(waiting.indexOf(chosen), 1)[0] : undefined;
    if (next) next.give(slot);
    else if (slot === inline) here = true;
    else idle.push(slot);
    if (slot !== inline) offerHere();
  };
  /** Give this thread, when it is free, a waiting job that need not wait (one became ready, or a worker took the job left to it). */
  const offerHere = () => {
    if (!here || !waiting.some((j) => j.ready())) return;
    here = false;
    handOver(inline);
  };
  /** Give the jobs that became ready to the free slots: idle workers (`idleWorker`) first, then this thread. */
  const offerFree = () => {
    for (let job = waiting.find((j) => j.ready()); job; job = waiting.find((j) => j.ready())) {
      const worker = idleWorker(job.format, true, job.key);
      if (!worker) break;
      handOver(worker);
    }
    offerHere();
  };
  const retire = (w: Worker) => {
    const i = all.indexOf(w);
    if (i < 0) return;
    all.splice(i, 1);
    warm.delete(w);
    lastArtifact.delete(w);
    jobs.delete(w);
    void stopWorker(w);
    const next = waiting.findIndex((j) => j.ready());
    if (next >= 0) waiting.splice(next, 1)[0]!.give(spawn());
  };
  // Workers keep caches (parsed fonts, drawn figures) between jobs; a pool
  // may replace a worker after `maxJobsPerWorker` jobs to let go of them.
  const jobs = new Map<Worker, number>();
  const release = (w: Worker) => {
    const done = (jobs.get(w) ?? 0) + 1;
    jobs.set(w, done);
    if (done >= maxJobsPerWorker) retire(w);
    else handOver(w);
  };
  /** Render a job in this worker (taken from the idle ones, or new); a worker that dies is replaced and the job rendered here. */
  const onWorker = async (worker: Worker, job: RenderJob, options: RenderOptions): Promise<Uint8Array> => {
    const { timing, expectedMs } = options;
    worker.ref();
    warm.get(worker)?.add(job.format);
    lastArtifact.set(worker, artifactOf(job));
    busy.set(worker, { format: job.format, since: performance.now(), expectedMs });
    const id = ++nextId;
    let crashed = false;
    try {
      return await new Promise<Uint8Array>((resolve, reject) => {
        const onMessage = (res: RenderResponse) => {
          if (res.id !== id) return;
          if ('pagesKept' in res) {
            options.onPrintPages?.();
            return;
          }
          cleanup();
          if (res.ok) {
            if (timing) {
              timing.ms = res.ms;
              timing.thread = worker.threadId;
            }
            note(job.format, res.ms);
            resolve(res.bytes);
          } else reject(new Error(res.error));
        };
        const onError = (e: Error) => {
          cleanup();
          crashed = true;
          reject(e);
        };
        const cleanup = () => {
          worker.off('message', onMessage);
          worker.off('error', onError);
        };
        worker.on('message', onMessage);
        worker.on('error', onError);
        worker.postMessage({ id, ...job } satisfies RenderRequest);
      });
    } catch (e) {
      // A worker that died (its bounded heap was too small for this
      // edition) is replaced, and the job is rendered here instead.
      if (!crashed) throw e;
      return timed(() => renderFormat(job, options), timing);
    } finally {
      worker.unref();
      busy.delete(worker);
      if (crashed) retire(worker);
      else release(worker);
    }
  };
  const cutInIdleWorker: CutElsewhere = (cuts) => {
    // The worker stays idle for the pool: a job sent to it waits in its queue until the cutting is over.
    const worker = idle.find((w) => warm.get(w)?.has('pdf')) ?? idle[0];
    if (!worker) return undefined;
    const done = new SharedArrayBuffer(4);
    worker.postMessage({ cut: [...cuts], done } satisfies CutRequest);
    // Waited for `CUT_WAIT_MS` at most: a worker that died leaves its faces to be cut where they are read.
    return () => void Atomics.wait(new Int32Array(done), 0, 0, CUT_WAIT_MS);
  };
  return {
    prepare(formats) {
      // The formats are dealt out as the first jobs are (PDF on one worker,
      // DOCX and EPUB on the next, or left to this thread when it is a slot),
      // to workers not started yet.
      const fresh: Worker[] = [];
      while (all.length < workers && fresh.length < formats.length) {
        const w = spawn();
        fresh.push(w);
        idle.push(w);
      }
      const share = new Map<Worker, Format[]>();
      formats.forEach((format, i) => {
        const w = options.inline ? fresh[i] : fresh[Math.min(i, fresh.length - 1)];
        if (!w || all.some((other) => warm.get(other)?.has(format))) return;
        share.set(w, [...(share.get(w) ?? []), format]);
        warm.get(w)?.add(format);
      });
      for (const [w, list] of share) w.postMessage({ prepare: list } satisfies PrepareRequest);
    },
    async render(job, options = {}) {
      const { timing, after, expectedMs } = options;
      let done = after === undefined;
      const ready = () => {
        done = true;
        offerFree();
      };
      void after?.then(ready, ready);
      const slot = await acquire(job.format, artifactOf(job), () => done, expectedMs);
      if (slot === inline) {
        try {
          // Let the jobs acquired with this one reach their workers first.
          await new Promise((resolve) => setImmediate(resolve));
          warmHere.add(job.format);
          const own: RenderTiming = timing ?? {};
          const bytes = await timed(() => renderFormat(job, options), own);
          note(job.format, own.ms);
          return bytes;
        } finally {
          handOver(inline);
        }
      }
      return onWorker(slot, job, options);
    },
    cutInIdleWorker,
    ...(options.holdBetweenBuilds
      ? {}
      : {
          cutWhileReading: cutInIdleWorker,
          readInIdleWorker(request: ReadRequest['read']) {
            const worker = idle.find((w) => !warm.get(w)?.has('pdf')) ?? idle[0];
            if (!worker) return undefined;
            const { port1, port2 } = new MessageChannel();
            const done = new SharedArrayBuffer(4);
            worker.postMessage({ read: request, port: port2, done } satisfies ReadRequest, [port2]);
            return () => {
              // Waited for `READ_WAIT_MS` at most: a worker that died or is slow leaves the edition to be read here.
              Atomics.wait(new Int32Array(done), 0, 0, READ_WAIT_MS);
              const read = receiveMessageOnPort(port1)?.message as LanguageRead | null | undefined;
              port1.close();
              return read ?? undefined;
            };
          },
        }),
    renderInIdleWorker(job, options = {}) {
      const worker = idleWorker(job.format, true, artifactOf(job));
      return worker ? onWorker(worker, job, options) : undefined;
    },
    async close() {
      await Promise.all(all.map(stopWorker));
      all.length = 0;
      idle.length = 0;
      warm.clear();
      lastArtifact.clear();
    },
  };
}
