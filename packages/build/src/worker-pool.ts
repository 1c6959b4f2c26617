/**
 * Renders artifacts in parallel across cores with worker threads. Jobs are
 * started largest-first (PDF before DOCX before EPUB) to shorten the
 * critical path.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DocumentModel } from '@brief/document-model';
import type { Template } from '@brief/templates';
import { renderFormat, type Format } from './formats.js';
import type { RenderRequest, RenderResponse } from './render-worker.js';

export interface RenderJob {
  format: Format;
  doc: DocumentModel;
  template: Template;
}

export interface RenderPool {
  render(job: RenderJob): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** Render in this thread (one job, or parallelism 1). */
export const inlinePool: RenderPool = {
  render: (job) => renderFormat(job.format, job.doc, job.template),
  close: async () => undefined,
};

/** Old-generation heap limit of a rendering worker in MB, when BRIEF_WORKER_HEAP_MB sets one. */
export function workerHeapMb(): number | undefined {
  const env = Number(process.env.BRIEF_WORKER_HEAP_MB);
  return Number.isInteger(env) && env > 0 ? env : undefined;
}

export function defaultParallelism(): number {
  const env = Number(process.env.BRIEF_JOBS);
  if (Number.isInteger(env) && env > 0) return env;
  return Math.max(1, availableParallelism());
}

/** A pool of `size` worker threads. */
export function createWorkerPool(size = defaultParallelism(), maxJobsPerWorker = Number.POSITIVE_INFINITY): RenderPool {
  const url = new URL('./render-worker.js', import.meta.url);
  const idle: Worker[] = [];
  const all: Worker[] = [];
  const waiting: ((w: Worker) => void)[] = [];
  let nextId = 0;
  const acquire = (): Promise<Worker> => {
    const w = idle.pop();
    if (w) return Promise.resolve(w);
    if (all.length < size) {
      // An optional heap limit per worker (an edition that does not fit is
      // rendered in the main thread instead).
      const heap = workerHeapMb();
      const worker = new Worker(url, heap ? { resourceLimits: { maxOldGenerationSizeMb: heap } } : {});
      worker.unref();
      all.push(worker);
      return Promise.resolve(worker);
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  // Workers keep caches (parsed fonts, drawn figures) between jobs; a pool
  // may replace a worker after `maxJobsPerWorker` jobs to let go of them.
  const jobs = new Map<Worker, number>();
  const release = (w: Worker) => {
    const done = (jobs.get(w) ?? 0) + 1;
    jobs.set(w, done);
    if (done >= maxJobsPerWorker) {
      all.splice(all.indexOf(w), 1);
      jobs.delete(w);
      void w.terminate();
      const next = waiting.shift();
      if (next) void acquire().then(next);
      return;
    }
    const next = waiting.shift();
    if (next) next(w);
    else idle.push(w);
  };
  return {
    async render(job) {
      const worker = await acquire();
      worker.ref();
      const id = ++nextId;
      let crashed = false;
      try {
        return await new Promise<Uint8Array>((resolve, reject) => {
          const onMessage = (res: RenderResponse) => {
            if (res.id !== id) return;
            cleanup();
            if (res.ok) resolve(res.bytes);
            else reject(new Error(res.error));
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
        return renderFormat(job.format, job.doc, job.template);
      } finally {
        worker.unref();
        if (crashed) {
          all.splice(all.indexOf(worker), 1);
          jobs.delete(worker);
          void worker.terminate();
          const next = waiting.shift();
          if (next) void acquire().then(next);
        } else release(worker);
      }
    },
    async close() {
      await Promise.all(all.map((w) => w.terminate()));
      all.length = 0;
      idle.length = 0;
    },
  };
}
