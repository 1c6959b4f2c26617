/**
 * The working faces a build cuts are shared between this thread and an idle
 * worker, which cuts its share into the build cache. The worker runs the
 * compiled worker script, so the pool is taken from the package's build.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkerPool } from '@brief/build-orchestrator';
import { cutWorkingFaces, fontFiles, withWorkingFaces, workingFaceKept, type WorkingFaceCut } from '@brief/fonts';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'brief-cut-in-worker-'));
process.env.BRIEF_CACHE_DIR = dir;
delete process.env.BRIEF_CACHE;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cutting working faces in an idle worker', () => {
  it('leaves the worker its share, in the build cache once this thread has waited', async () => {
    const pool = createWorkerPool(2, { inline: true });
    try {
      pool.prepare?.(['pdf']);
      const text = '働き手が切る';
      let shared: WorkingFaceCut[] = [];
      let waited = false;
      cutWorkingFaces(text, ['Noto Sans JP'], (cuts) => {
        shared = [...cuts];
        const wait = pool.cutInIdleWorker?.(cuts);
        return (
          wait &&
          (() => {
            wait();
            waited = true;
          })
        );
      });
      expect(shared).toHaveLength(1);
      expect(waited).toBe(true);
      // This thread did not cut the shared face: the worker put it in the cache.
      const paths = withWorkingFaces(text, () => [fontFiles('Noto Sans JP').normal, fontFiles('Noto Sans JP').bold]);
      expect(paths).toContain(shared[0]!.path);
      expect(paths.map(workingFaceKept)).toEqual([true, true]);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('is not offered without an idle worker', async () => {
    const pool = createWorkerPool(2, { inline: true });
    try {
      expect(pool.cutInIdleWorker?.([])).toBeUndefined();
    } finally {
      await pool.close();
    }
  });
});
