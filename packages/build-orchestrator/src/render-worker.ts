/**
 * A worker thread that renders artifacts: receives a model, a template and a
 * format, answers with the bytes (transferred, not copied).
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { LanguageTag } from '@brief/document-model';
import type { Template } from '@brief/templates';
import { holdBetweenBuilds, holdsBetweenBuilds, writeDeferred, writeWhenIdle } from '@brief/build-cache';
import { cutNamedFaces, type WorkingFaceCut } from '@brief/fonts';
import { prepareFormat, renderFormat, type Format, type RenderJob } from './formats.js';

export interface RenderRequest extends RenderJob {
  id: number;
}

/** Load the writers of these formats ahead of the first job (no answer). */
export interface PrepareRequest {
  prepare: Format[];
}

/**
 * A rendered job: its bytes and how long rendering took in this thread (ms);
 * before it, for a PDF, word that its printed pages are kept.
 */
export type RenderResponse = { id: number; ok: true; bytes: Uint8Array; ms: number } | { id: number; ok: false; error: string } | { id: number; pagesKept: true };

/**
 * Cut these working faces into the build cache (no answer): `done[0]` is
 * set to 1 and notified when the cutting is over (`Atomics.wait`), whether
 * it succeeded or not (the thread that waits cuts what is missing).
 */
export interface CutRequest {
  cut: WorkingFaceCut[];
  done: SharedArrayBuffer;
}

/**
 * Read one language of a source (`readLanguageAlone`) and send what was read
 * on `port` (null when it could not be read): `done[0]` is then set to 1 and
 * notified, for a thread that waits for it (`Atomics.wait`).
 */
export interface ReadRequest {
  read: { dir: string; lang: LanguageTag; template?: Template };
  port: MessagePort;
  done: SharedArrayBuffer;
}

/** End the thread once the cache writes its jobs put off are done. */
export interface StopRequest {
  stop: true;
}

/** What a worker is told when it starts. */
export interface RenderWorkerData {
  /** Keep what a build decoded from the cache for the next build (`brief watch`). */
  holdBetweenBuilds: boolean;
}

if ((workerData as RenderWorkerData | null)?.holdBetweenBuilds) holdBetweenBuilds();

/** How long a worker's jobs pause before it writes what it put off until they do (`afterBuilds`), in ms. */
const IDLE_AFTER_MS = 1000;
let idleTimer: ReturnType<typeof setTimeout> | undefined;

parentPort?.on('message', (req: RenderRequest | PrepareRequest | CutRequest | ReadRequest | StopRequest) => {
  if ('stop' in req) {
    // Cache writes the last job put off until its answer was sent (`afterAnswer`), if not done yet;
    // a job does those of the job before it first (`renderFormat`).
    writeDeferred();
    writeWhenIdle();
    process.exit(0);
  }
  if ('cut' in req) {
    try {
      cutNamedFaces(req.cut);
    } catch {
      // The faces not in the cache are cut by the thread that reads them.
    } finally {
      const done = new Int32Array(req.done);
      Atomics.store(done, 0, 1);
      Atomics.notify(done, 0);
    }
    return;
  }
  if ('read' in req) {
    const { dir, lang, template } = req.read;
    const answer = (read: unknown) => {
      try {
        req.port.postMessage(read ?? null);
      } catch {
        // What cannot be sent is read again by the thread that waits.
        req.port.postMessage(null);
      }
      req.port.close();
      const done = new Int32Array(req.done);
      Atomics.store(done, 0, 1);
      Atomics.notify(done, 0);
    };
    import('@brief/source-reader')
      .then(({ keepParses, readLanguageAlone }) => {
        // A worker of a one-off build reads a body once.
        if (!holdsBetweenBuilds()) keepParses(false);
        return readLanguageAlone(dir, lang, template ? { template } : {});
      })
      .then(answer, () => answer(null));
    return;
  }
  if ('prepare' in req) {
    // A failure here shows again in the job that needs the writer.
    for (const format of req.prepare) prepareFormat(format).catch(() => undefined);
    return;
  }
  clearTimeout(idleTimer);
  const started = performance.now();
  renderFormat(req, { onPrintPages: () => parentPort?.postMessage({ id: req.id, pagesKept: true } satisfies RenderResponse) }).then(
    (bytes) => {
      const ms = performance.now() - started;
      const copy = new Uint8Array(bytes);
      parentPort?.postMessage({ id: req.id, ok: true, bytes: copy, ms } satisfies RenderResponse, [copy.buffer]);
      setImmediate(writeDeferred);
      clearTimeout(idleTimer);
      if (holdsBetweenBuilds()) idleTimer = setTimeout(writeWhenIdle, IDLE_AFTER_MS);
    },
    (e: unknown) => parentPort?.postMessage({ id: req.id, ok: false, error: (e as Error).message ?? String(e) } satisfies RenderResponse),
  );
});
