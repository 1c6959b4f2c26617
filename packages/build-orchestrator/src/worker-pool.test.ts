/**
 * The rendering pool with this thread as one of its slots. Worker threads
 * run the compiled worker script, so the pool is taken from the package's
 * build (`@brief/build-orchestrator`, as the CLI loads it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId, Worker, type ResourceLimits } from 'node:worker_threads';
import { createWorkerPool, inlinePool } from '@brief/build-orchestrator';
import { getHeapStatistics } from 'node:v8';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSource } from '@brief/source-reader';
import { checkSource } from './check.js';
import type { RenderJob } from './formats.js';
import { type RenderTiming, workerHeapMb, workerLimits } from './worker-pool.js';

const example = fileURLToPath(new URL('../../../tests/fixtures/contract-example', import.meta.url));

describe('a pool with this thread as a slot', () => {
  let jobs: RenderJob[];
  let alone: Uint8Array[];
  beforeAll(async () => {
    const { read, template } = checkSource(example, { languages: ['en'] });
    const doc = read.editions[0]!;
    jobs = (['docx', 'epub', 'docx'] as const).map((format) => ({ format, doc, template }));
    alone = await Promise.all(jobs.map((job) => inlinePool.render(job)));
  }, 60_000);

  async function renderAll(pool: ReturnType<typeof createWorkerPool>): Promise<{ bytes: Uint8Array[]; threads: number[] }> {
    try {
      const timings: RenderTiming[] = jobs.map(() => ({}));
      const bytes = await Promise.all(jobs.map((job, i) => pool.render(job, { timing: timings[i]! })));
      return { bytes, threads: timings.map((t) => t.thread!) };
    } finally {
      await pool.close();
    }
  }

  it('of one slot renders every job here, starting no worker', async () => {
    const { bytes, threads } = await renderAll(createWorkerPool(1, { inline: true }));
    expect(threads).toEqual([threadId, threadId, threadId]);
    bytes.forEach((b, i) => expect(Buffer.from(b).equals(Buffer.from(alone[i]!))).toBe(true));
  }, 60_000);

  it('of two slots renders here and in one worker, the same bytes', async () => {
    const { bytes, threads } = await renderAll(createWorkerPool(2, { inline: true }));
    expect(threads.filter((t) => t === threadId).length).toBeGreaterThan(0);
    expect(new Set(threads.filter((t) => t !== threadId)).size).toBe(1);
    bytes.forEach((b, i) => expect(Buffer.from(b).equals(Buffer.from(alone[i]!))).toBe(true));
  }, 60_000);
});

describe('a job rendered again', () => {
  it('goes back to the worker that rendered the same artifact last, whichever finished first', async () => {
    const { read, template } = checkSource(example);
    const job = (lang: string): RenderJob => ({ format: 'docx', doc: read.editions.find((d) => d.meta.lang === lang)!, template });
    const pool = createWorkerPool(2);
    const threadOf = async (lang: string) => {
      const timing: RenderTiming = {};
      await pool.render(job(lang), { timing });
      return timing.thread!;
    };
    try {
      const [ja, en] = await Promise.all([threadOf('ja'), threadOf('en')]);
      expect(ja).not.toBe(en);
      // One at a time, in both orders: each worker goes back to the end of the idle ones after every job, so that
      // a choice by format alone sends one of these four jobs to the other worker, whichever finished first.
      for (const order of [
        ['ja', 'en'],
        ['en', 'ja'],
      ]) {
        for (const lang of order) expect(await threadOf(lang), `${order.join(', ')}: ${lang}`).toBe(lang === 'ja' ? ja : en);
      }
    } finally {
      await pool.close();
    }
  }, 120_000);
});

/** The English DOCX of the contract example, as a job. */
function docxJob(): RenderJob {
  const { read, template } = checkSource(example, { languages: ['en'] });
  return { format: 'docx', doc: read.editions[0]!, template };
}

describe('a job begun in an idle worker', () => {
  it('renders in a worker the bytes this thread would, and finds none while that one is busy', async () => {
    const job = docxJob();
    const pool = createWorkerPool(2, { inline: true });
    try {
      const timing: RenderTiming = {};
      const begun = pool.renderInIdleWorker!(job, { timing });
      expect(begun).toBeDefined();
      expect(pool.renderInIdleWorker!(job)).toBeUndefined();
      const [bytes, here] = await Promise.all([begun!, inlinePool.render(job)]);
      expect(timing.thread).not.toBe(threadId);
      expect(Buffer.from(bytes).equals(Buffer.from(here))).toBe(true);
    } finally {
      await pool.close();
    }
  }, 60_000);
});

describe('a language read in an idle worker', () => {
  it('is the edition this thread reads, with what reading it said; a pool whose workers keep builds offers none', async () => {
    const here = readSource(example, { languages: ['en'] });
    const pool = createWorkerPool(2, { inline: true });
    try {
      // A build starts its workers before it reads the source.
      pool.prepare!(['docx']);
      const wait = pool.readInIdleWorker!({ dir: example, lang: 'en' });
      expect(wait).toBeDefined();
      const there = wait!();
      expect(there?.model).toEqual(here.editions[0]);
      expect(there?.body?.text).toBe(here.bodies[0]!.text);
      expect(there?.diagnostics).toEqual(here.diagnostics.filter((d) => d.file === here.bodies[0]!.file));
    } finally {
      await pool.close();
    }
    const watching = createWorkerPool(2, { inline: true, holdBetweenBuilds: true });
    try {
      expect(watching.readInIdleWorker).toBeUndefined();
    } finally {
      await watching.close();
    }
  }, 60_000);
});

describe('a job that waits for a promise', () => {
  it('goes after the jobs that need not wait, and leaves the slot idle until its promise settles', async () => {
    const job = docxJob();
    const pool = createWorkerPool(1, { inline: true });
    const order: string[] = [];
    const run = (name: string, after?: Promise<unknown>) => pool.render(job, after ? { after } : {}).then(() => order.push(name));
    try {
      let third!: Promise<unknown>;
      let second!: Promise<unknown>;
      const waiting = new Promise((resolve) => setTimeout(resolve, 0)).then(() => third);
      // Settles a while after the other jobs are done, the slot idle meanwhile (and fails: a failed step lets the job go too).
      const late = new Promise((resolve) => setTimeout(resolve, 0))
        .then(() => second)
        .then(() => new Promise((_, reject) => setTimeout(() => reject(new Error('no pages')), 50)))
        .finally(() => order.push('late settled'));
      late.catch(() => undefined);
      const all = [run('first'), run('late', late)];
      second = run('second', waiting);
      third = run('third');
      await Promise.all([...all, second, third]);
      expect(order).toEqual(['first', 'third', 'second', 'late settled', 'late']);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('is handed to an idle worker when its promise settles, not to this thread free before', async () => {
    const job = docxJob();
    const pool = createWorkerPool(2, { inline: true });
    try {
      const timing: RenderTiming = {};
      const first = pool.render(job);
      let settle!: () => void;
      const gate = new Promise<void>((resolve) => {
        settle = resolve;
      });
      const late = pool.render(job, { after: gate, timing });
      // The first job ran in a worker; this thread was free all along, and the waiting job did not take it.
      await first;
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(timing.thread).toBeUndefined();
      settle();
      await late;
      expect(timing.thread).not.toBe(threadId);
    } finally {
      await pool.close();
    }
  }, 60_000);
});

describe("a worker's heap limit", () => {
  it("stays under the 2 GB from which V8 lets a heap grow fourfold, and under this process's own; BRIEF_WORKER_HEAP_MB sets it", () => {
    const before = process.env.BRIEF_WORKER_HEAP_MB;
    try {
      delete process.env.BRIEF_WORKER_HEAP_MB;
      expect(workerHeapMb()).toBeLessThan(2048);
      expect(workerHeapMb()).toBeLessThanOrEqual(getHeapStatistics().heap_size_limit / 2 ** 20);
      process.env.BRIEF_WORKER_HEAP_MB = '300';
      expect(workerHeapMb()).toBe(300);
      process.env.BRIEF_WORKER_HEAP_MB = 'lots';
      expect(workerHeapMb()).toBeLessThan(2048);
    } finally {
      if (before === undefined) delete process.env.BRIEF_WORKER_HEAP_MB;
      else process.env.BRIEF_WORKER_HEAP_MB = before;
    }
  });
});

describe("a worker's young generation", () => {
  /** The size in MB of the new space of a worker that has allocated 2 million short-lived objects, started with these limits. */
  function youngSpaceAfterWork(resourceLimits: ResourceLimits): Promise<number> {
    const code = `
      const { parentPort } = require('node:worker_threads');
      const { getHeapSpaceStatistics } = require('node:v8');
      let kept = [];
      for (let i = 0; i < 2e6; i++) { kept.push({ i, list: [i] }); if (kept.length > 50000) kept = []; }
      parentPort.postMessage(getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 2 ** 20);
    `;
    const worker = new Worker(code, { eval: true, resourceLimits });
    return new Promise((resolve, reject) => {
      worker.once('message', (mb: number) => void worker.terminate().then(() => resolve(mb)));
      worker.once('error', reject);
    });
  }

  it('is 12 MB unless the pool is given another size', () => {
    expect(workerLimits().maxYoungGenerationSizeMb).toBe(12);
    expect(workerLimits(48).maxYoungGenerationSizeMb).toBe(48);
    expect(workerLimits(48).maxOldGenerationSizeMb).toBe(workerLimits().maxOldGenerationSizeMb);
  });

  it('stays bounded where V8 would let it grow', async () => {
    const limits = workerLimits();
    expect(await youngSpaceAfterWork({ maxOldGenerationSizeMb: limits.maxOldGenerationSizeMb })).toBeGreaterThan(limits.maxYoungGenerationSizeMb);
    expect(await youngSpaceAfterWork(limits)).toBeLessThanOrEqual(limits.maxYoungGenerationSizeMb);
  }, 30_000);
});

describe("this thread's young generation, held while workers render", () => {
  /**
   * The size in MB of the new space of a process's main thread that started
   * a pool's worker, waited for it, then allocated 2 million short-lived
   * objects. In a process of its own, since the setting is the process's;
   * the worker runs the compiled worker script, so the pool is taken from
   * the package's build.
   */
  function youngSpaceOfMainThread(hold: boolean): number {
    const pool = new URL('../dist/index.js', import.meta.url).href;
    const script = `
      import { getHeapSpaceStatistics } from 'node:v8';
      import { createWorkerPool } from ${JSON.stringify(pool)};
      const pool = createWorkerPool(2, { inline: true, holdYoungGeneration: ${hold} });
      pool.prepare(['epub']);
      // Returns once the worker has answered, so it is up.
      pool.cutInIdleWorker([])?.();
      await new Promise((resolve) => setTimeout(resolve, 100));
      let kept = [];
      for (let i = 0; i < 2e6; i++) { kept.push({ i, list: [i] }); if (kept.length > 50000) kept = []; }
      console.log(getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 2 ** 20);
      await pool.close();
    `;
    const dir = mkdtempSync(join(tmpdir(), 'brief-young-'));
    try {
      writeFileSync(join(dir, 'main.mjs'), script);
      const run = spawnSync(process.execPath, [join(dir, 'main.mjs')], { encoding: 'utf8', timeout: 60_000 });
      expect(run.stderr).toBe('');
      return Number(run.stdout.trim());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('stays at the size it had when the first worker started', () => {
    expect(youngSpaceOfMainThread(false)).toBeGreaterThan(16);
    expect(youngSpaceOfMainThread(true)).toBeLessThanOrEqual(8);
  }, 150_000);
});
