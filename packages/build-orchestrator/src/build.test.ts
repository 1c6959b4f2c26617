/** The order in which a build hands its jobs to the pool (a pool that only records, rendering nothing). */
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCache, cacheKey } from '@brief/build-cache';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildSource } from './build.js';
import type { Format, RenderJob } from './formats.js';
import type { RenderPool } from './worker-pool.js';

/** Something to do while the source is being checked, as a user saving a file during a build. */
const during = vi.hoisted(() => ({ check: undefined as (() => void) | undefined }));
vi.mock('./check.js', async (original) => {
  const real = await original<typeof import('./check.js')>();
  return {
    ...real,
    checkSource: (...args: Parameters<typeof real.checkSource>) => {
      const result = real.checkSource(...args);
      during.check?.();
      return result;
    },
  };
});

const example = fileURLToPath(new URL('../../../tests/fixtures/contract-example', import.meta.url));
const dirs: string[] = [];
const temp = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `brief-build-${name}-`));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A build cache of its own for what follows. */
function freshCache(): void {
  process.env.BRIEF_CACHE = 'on';
  process.env.BRIEF_CACHE_DIR = temp('cache');
}

/** A copy of the example source of its own: a source checked before is not checked again (its check is kept). */
function exampleCopy(): string {
  const source = join(temp('source'), 'report');
  cpSync(example, source, { recursive: true });
  return source;
}

/** A pool of unlimited slots that answers each job after `ms`, starts a job given `after` when that settles, and logs when jobs start and end. */
function recordingPool(ms: Record<Format, number>): { pool: RenderPool; log: string[] } {
  const log: string[] = [];
  const pool: RenderPool = {
    async render(job: RenderJob, options) {
      const after = options?.after;
      const name = `${job.doc.meta.lang}.${job.format}`;
      if (after) {
        log.push(`wait ${name}`);
        await after;
      }
      log.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, ms[job.format]));
      log.push(`end ${name}`);
      return new TextEncoder().encode(name);
    },
    close: async () => undefined,
  };
  return { pool, log };
}

describe('an e-book and its PDF in one build', () => {
  beforeAll(() => {
    freshCache();
  });

  it('the e-book waits for its PDF when the printed pages are not kept yet, and not when they are', async () => {
    const cold = recordingPool({ pdf: 60, docx: 5, epub: 5 });
    const result = await buildSource(example, { out: temp('out'), formats: ['pdf', 'epub'], languages: ['en'], pool: cold.pool, force: true });
    expect(result.ok).toBe(true);
    expect(cold.log).toContain('wait en.epub');
    expect(cold.log.indexOf('start en.epub')).toBeGreaterThan(cold.log.indexOf('end en.pdf'));

    // The pages the PDF job would keep (the pool here renders nothing): keyed by the PDF's input hash.
    const { checkSource } = await import('./check.js');
    const { artifactInputHash } = await import('./input-hash.js');
    const { read, template } = checkSource(example, { languages: ['en'] });
    buildCache()!.put(cacheKey('print-pages', artifactInputHash(read.editions[0]!, template, 'pdf')), new TextEncoder().encode('[]'));
    const warm = recordingPool({ pdf: 60, docx: 5, epub: 5 });
    await buildSource(example, { out: temp('out'), formats: ['pdf', 'epub'], languages: ['en'], pool: warm.pool, force: true });
    expect(warm.log).not.toContain('wait en.epub');
    expect(warm.log.indexOf('start en.epub')).toBeLessThan(warm.log.indexOf('end en.pdf'));
  });
});

describe('a file saved while the build reads the source', () => {
  it('is built by the next build, which does not take the earlier outputs as current', async () => {
    freshCache();
    const source = exampleCopy();
    const out = temp('out');
    const options = { out, formats: ['docx'] as Format[], languages: ['en' as const] };
    during.check = () => appendFileSync(join(source, 'en.md'), '\nA paragraph saved during the build.\n');
    // One artifact: rendered in this thread.
    const first = await buildSource(source, options);
    during.check = undefined;
    expect(first.rendered).toHaveLength(1);
    const second = await buildSource(source, options);
    expect(second.current).toEqual([]);
    expect(second.rendered).toEqual(first.rendered);
  });
});

describe('a folder in an output file’s place', () => {
  it('fails the build before any file is put in place', async () => {
    freshCache();
    const out = temp('out');
    const { pool } = recordingPool({ pdf: 1, docx: 1, epub: 1 });
    const first = await buildSource(example, { out, formats: ['docx', 'epub'], languages: ['en'], pool, force: true });
    expect(first.ok).toBe(true);
    const [docx, epub] = ['docx', 'epub'].map((f) => first.rendered.find((p) => p.endsWith(`.${f}`))!);
    rmSync(epub!);
    mkdirSync(epub!);
    const before = readFileSync(docx!);
    // New bytes for every file: none of them is put in place.
    const changed: RenderPool = { render: async (job) => new TextEncoder().encode(`new ${job.format}`), close: async () => undefined };
    const second = await buildSource(example, { out, formats: ['docx', 'epub'], languages: ['en'], pool: changed, force: true });
    expect(second.ok).toBe(false);
    expect(second.failures).toEqual([`${epub}: a folder is in the file’s place; remove it, or build into another --out`]);
    expect(readFileSync(docx!).equals(before)).toBe(true);
  });
});

/** `recordingPool` with one idle worker for jobs begun while the rules run. */
function poolWithIdleWorker(ms: Record<Format, number>): { pool: RenderPool; log: string[] } {
  const { pool, log } = recordingPool(ms);
  let idle = true;
  pool.renderInIdleWorker = (job) => {
    if (!idle) return undefined;
    idle = false;
    const name = `${job.doc.meta.lang}.${job.format}`;
    log.push(`early ${name}`);
    return new Promise((resolve) => setTimeout(resolve, ms[job.format])).then(() => new TextEncoder().encode(`early ${name}`));
  };
  return { pool, log };
}

describe('rendering begun while the rules run', () => {
  beforeAll(() => {
    freshCache();
  });

  it('gives the bytes of the job begun early, which is not rendered again', async () => {
    // A copy: a source checked before is not checked again (its check is kept), so nothing would begin early.
    const source = exampleCopy();
    const { pool, log } = poolWithIdleWorker({ pdf: 30, docx: 5, epub: 5 });
    const out = temp('out');
    const result = await buildSource(source, { out, formats: ['pdf', 'docx'], languages: ['en'], pool, force: true });
    expect(result.ok).toBe(true);
    expect(log.filter((l) => l.startsWith('early'))).toEqual(['early en.pdf']);
    expect(log).not.toContain('start en.pdf');
    expect(log).toContain('start en.docx');
    const pdf = result.rendered.find((f) => f.endsWith('.en.pdf'))!;
    expect(readFileSync(pdf, 'utf8')).toBe('early en.pdf');
  });

  it('writes nothing when the rules then find an error', async () => {
    const source = exampleCopy();
    appendFileSync(join(source, 'en.md'), '\n## A heading the Japanese edition lacks\n\nA paragraph.\n');
    const { pool, log } = poolWithIdleWorker({ pdf: 30, docx: 5, epub: 5 });
    const out = temp('out');
    const result = await buildSource(source, { out, formats: ['pdf', 'docx'], pool });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.some((d) => d.ruleId === 'parity-heading')).toBe(true);
    expect(log.some((l) => l.startsWith('early'))).toBe(true);
    expect(log.some((l) => l.startsWith('start'))).toBe(false);
    expect(existsSync(out) ? readdirSync(out, { recursive: true }).filter((f) => !String(f).startsWith('.')) : []).toEqual([]);
  });
});

describe('an edition rendered before from the same inputs', () => {
  it('is taken from the build cache by a build into another folder, and rendered again with force', async () => {
    // A source of its own: no other test has rendered it (the cache is the process's).
    const source = exampleCopy();
    appendFileSync(join(source, 'en.md'), '\nA paragraph only this build has.\n');
    const options = { formats: ['docx', 'epub'] as Format[], languages: ['en' as const] };
    const first = recordingPool({ pdf: 5, docx: 5, epub: 5 });
    const one = await buildSource(source, { ...options, out: temp('out'), pool: first.pool });
    expect(first.log).toContain('start en.docx');

    const again = recordingPool({ pdf: 5, docx: 5, epub: 5 });
    const events: string[] = [];
    const two = await buildSource(source, { ...options, out: temp('out'), pool: again.pool, onProgress: (e) => e.kind === 'done' && e.stored && events.push(e.format) });
    expect(again.log).toEqual([]);
    expect(events.sort()).toEqual(['docx', 'epub']);
    expect(two.rendered.map((f) => readFileSync(f, 'utf8'))).toEqual(one.rendered.map((f) => readFileSync(f, 'utf8')));

    const forced = recordingPool({ pdf: 5, docx: 5, epub: 5 });
    await buildSource(source, { ...options, out: temp('out'), pool: forced.pool, force: true });
    expect(forced.log).toContain('start en.docx');
    expect(forced.log).toContain('start en.epub');
  });
});

describe('a build in which one job fails', () => {
  it('puts none of its artifacts in place, even those rendered before the failure, and leaves no temporary beside them', async () => {
    freshCache();
    const source = exampleCopy();
    const out = temp('out');
    const options = { out, formats: ['pdf', 'docx'] as Format[], languages: ['en' as const] };
    const first = await buildSource(source, { ...options, pool: recordingPool({ pdf: 5, docx: 5, epub: 5 }).pool });
    expect(first.ok).toBe(true);
    const before = new Map(first.rendered.map((f) => [f, readFileSync(f, 'utf8')]));
    appendFileSync(join(source, 'en.md'), '\nA paragraph this build fails to draw.\n');
    // The DOCX is rendered (and written beside its file) before the PDF job fails.
    const { pool } = recordingPool({ pdf: 5, docx: 5, epub: 5 });
    pool.render = async (job) => {
      if (job.format !== 'pdf') return new TextEncoder().encode('new bytes');
      await new Promise((resolve) => setTimeout(resolve, 40));
      throw new Error('the PDF writer failed');
    };
    const second = await buildSource(source, { ...options, pool });
    expect(second.ok).toBe(false);
    expect(second.failures).toHaveLength(1);
    for (const [file, bytes] of before) expect(readFileSync(file, 'utf8')).toBe(bytes);
    const dir = join(out, first.id!);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
