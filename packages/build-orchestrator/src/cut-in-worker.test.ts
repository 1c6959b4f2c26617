/**
 * The working faces a build cuts are shared between this thread and an idle
 * worker, which cuts its share into the build cache. The worker runs the
 * compiled worker script, so the pool is taken from the package's build.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkerPool } from '@brief/build-orchestrator';
import { cutWorkingFaces, cutWorkingFacesElsewhere, fontFiles, withWorkingFaces, workingFaceKept, type WorkingFaceCut } from '@brief/fonts';
import { fileURLToPath } from 'node:url';
import { checkSource, folderWorkingSet, holdsIdeographs } from './check.js';
import { workingSetOf } from './formats.js';
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

describe('cutting working faces while the source is read', () => {
  const sample = fileURLToPath(new URL('../../../sources/trump-second-term-year-one', import.meta.url));

  it("guesses from the folder's text a set that holds every ideograph of the editions", () => {
    const { read, template, workingSet } = checkSource(sample);
    const guess = folderWorkingSet(sample, template);
    expect(workingSet).toBe(workingSetOf(read.editions, template));
    expect(holdsIdeographs(guess, workingSet!)).toBe(true);
    expect([...workingSet!].length).toBeGreaterThan(800);
    expect(holdsIdeographs(workingSet!, `${guess}鬱`)).toBe(false);
  }, 60_000);

  it('hands every face to the worker at once, and the check renders with them', async () => {
    const pool = createWorkerPool(2, { inline: true });
    try {
      pool.prepare?.(['pdf']);
      const handed: WorkingFaceCut[] = [];
      const { workingSet, template } = checkSource(
        sample,
        {},
        {
          beforeRules: () => undefined,
          cutWhileReading: (cuts) => {
            handed.push(...cuts);
            return pool.cutWhileReading?.(cuts);
          },
        },
      );
      // Both weights of both Japanese faces the template names, cut for the folder's ideographs.
      expect(handed).toHaveLength(4);
      expect(workingSet).toBe(folderWorkingSet(sample, template));
      expect(handed.map((cut) => cut.face.ideographs)).toEqual(handed.map(() => workingSet));
      expect(handed.map((cut) => workingFaceKept(cut.path))).toEqual([true, true, true, true]);
      // Nothing is left to cut for the same text.
      expect(cutWorkingFacesElsewhere(workingSet!, ['Noto Sans JP', 'Noto Serif JP'], () => () => undefined)).toBeUndefined();
    } finally {
      await pool.close();
    }
    const watching = createWorkerPool(2, { holdBetweenBuilds: true });
    try {
      expect(watching.cutWhileReading).toBeUndefined();
    } finally {
      await watching.close();
    }
  }, 60_000);
});
