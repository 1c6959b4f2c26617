import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { RenderJob } from './formats.js';
import { warmUp } from './warm-up.js';
import type { RenderPool } from './worker-pool.js';

const example = fileURLToPath(new URL('../../../tests/fixtures/contract-example', import.meta.url));
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function copy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'brief-warm-up-'));
  dirs.push(dir);
  cpSync(example, join(dir, 'report'), { recursive: true });
  return join(dir, 'report');
}

/** A pool that notes the jobs it is given and renders nothing. */
function notingPool(): { pool: RenderPool; jobs: RenderJob[] } {
  const jobs: RenderJob[] = [];
  const render = async (job: RenderJob) => {
    jobs.push(job);
    return new Uint8Array();
  };
  return { jobs, pool: { render, close: async () => undefined } };
}

describe('warmUp', () => {
  it('renders every edition in every wanted format, one edition after the other, and writes nothing', async () => {
    const source = copy();
    const { pool, jobs } = notingPool();
    const before = readdirSync(source, { recursive: true }).sort();
    await warmUp(source, pool, { formats: ['epub', 'pdf'] });
    expect(jobs.map((j) => `${j.doc.meta.lang}.${j.format}`)).toEqual(['ja.pdf', 'ja.epub', 'en.pdf', 'en.epub']);
    expect(jobs.every((j) => typeof j.workingSet === 'string' && typeof j.printKey === 'string')).toBe(true);
    expect(readdirSync(source, { recursive: true }).sort()).toEqual(before);
  });

  it('renders nothing for a source with errors', async () => {
    const source = copy();
    appendFileSync(join(source, 'en.md'), '\n<b>raw</b>\n');
    const { pool, jobs } = notingPool();
    await warmUp(source, pool);
    expect(jobs).toEqual([]);
  });
});
