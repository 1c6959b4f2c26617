import { defineConfig } from 'vitest/config';

/**
 * Test projects:
 * - unit: beside the code (packages/*\/src/**\/*.test.ts);
 * - e2e: the real CLI on real sources, with only what `npm ci` installed;
 * - slow: the same kinds of checks at full strength (50 kills, 1,000
 *   generated sources, determinism of every valid corpus source, generated
 *   reports of 100 and 300 pages) and a shared remote cache with two clones;
 * - interop: outputs read back by outside tools (EPUBCheck, LibreOffice,
 *   Pandoc, poppler, Chromium).
 * `npm test` runs unit and e2e; `npm run test:full` runs them all.
 */
/**
 * Every test runs without the build cache (BRIEF_CACHE=off), so no result
 * depends on what an earlier run left there; the cache's own tests and the
 * determinism test (cache off, cold and warm) turn it on with a folder of
 * their own.
 */
const env = { BRIEF_CACHE: 'off' };
/**
 * The end-to-end tests run two test files at a time, each starting CLIs: a
 * CLI renders in its own thread (BRIEF_JOBS=1), so two builds do not fight
 * over two cores with four threads. The tests of the worker threads
 * (worker-fallback, isolation, one round of determinism) ask for two.
 */
const e2eEnv = { ...env, BRIEF_JOBS: '1' };

export default defineConfig({
  test: {
    // Every temporary file of a run goes into one folder, removed at its end.
    globalSetup: ['tests/helpers/temp-root.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          env,
          include: ['packages/*/src/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          env: e2eEnv,
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 600_000,
        },
      },
      {
        test: {
          name: 'slow',
          include: ['tests/slow/**/*.test.ts', 'tests/e2e/kill.test.ts', 'tests/e2e/property.test.ts', 'tests/e2e/determinism.test.ts', 'tests/e2e/pdf-stress.test.ts'],
          env: { ...env, BRIEF_KILL_TRIALS: '50', FC_RUNS: '1000', FC_RENDER: '50', BRIEF_DETERMINISM_ALL: '1', BRIEF_STRESS_PAGES: '1,12,100,300' },
          testTimeout: 900_000,
          hookTimeout: 900_000,
        },
      },
      {
        test: {
          name: 'interop',
          env,
          include: ['tests/interop/**/*.test.ts'],
          testTimeout: 600_000,
          hookTimeout: 900_000,
        },
      },
    ],
  },
});
