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

export function defaultParallelism(): number {
  const env = Number(process.env.BRIEF_JOBS);
  if (Number.isInteger(env) && env > 0) return env;
  return Math.max(1, availableParallelism());
}

/** A pool of `size` worker threads. */
export function createWorkerPool(size = defaultParallelism()): RenderPool {
  const url = new URL('./render-worker.js', import.meta.url);
  const idle: Worker[] = [];
  const all: Worker[] = [];
  const waiting: ((w: Worker) => void)[] = [];
  let nextId = 0;
  const acquire = (): Promise<Worker> => {
    const w = idle.pop();
    if (w) return Promise.resolve(w);
    if (all.length < size) {
      const worker = new Worker(url);
      worker.unref();
      all.push(worker);
      return Promise.resolve(worker);
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = (w: Worker) => {
    const next = waiting.shift();
    if (next) next(w);
    else idle.push(w);
  };
  return {
    async render(job) {
      const worker = await acquire();
      worker.ref();
      const id = ++nextId;
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
      } finally {
        worker.unref();
        release(worker);
      }
    },
    async close() {
      await Promise.all(all.map((w) => w.terminate()));
      all.length = 0;
      idle.length = 0;
    },
  };
}
