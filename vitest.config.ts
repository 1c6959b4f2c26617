import { defineConfig } from 'vitest/config';

/**
 * Test projects:
 * - unit (and unit-isolated): beside the code (packages/*\/src/**\/*.test.ts);
 * - e2e: the real CLI on real sources, with only what `npm ci` installed;
 * - slow: the same kinds of checks at full strength (50 kills, 1,000
 *   generated sources, determinism of every valid corpus source, generated
 *   reports of 100 and 300 pages) and a shared remote cache with two clones;
 * - interop: outputs read back by outside tools (EPUBCheck, LibreOffice,
 *   Pandoc, poppler, Chromium).
 * `npm test` runs unit, unit-isolated and e2e; `npm run test:full` runs them all.
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

/**
 * Unit tests that set environment variables, spy on modules, or count what a
 * module did or kept since it was loaded (reads of font files, cache
 * entries, runs and atoms kept for the next build): each runs with modules
 * of its own.
 */
const isolatedUnitTests = [
  'packages/build-orchestrator/src/build.test.ts',
  'packages/build-orchestrator/src/checked.test.ts',
  'packages/build-orchestrator/src/cut-in-worker.test.ts',
  'packages/build-orchestrator/src/formats.test.ts',
  'packages/fonts/src/hyphenate.test.ts',
  'packages/fonts/src/reads.test.ts',
  'packages/fonts/src/subset-cache.test.ts',
  'packages/fonts/src/working.test.ts',
  'packages/svg-raster/src/cache.test.ts',
  'packages/svg-raster/src/reads.test.ts',
  'packages/to-docx/src/package.test.ts',
  'packages/to-docx/src/render.test.ts',
  'packages/build-cache/src/index.test.ts',
  // The PDF writer keeps shaped runs, atoms and font subsets per process.
  'packages/to-pdf/src/**/*.test.ts',
];

export default defineConfig({
  test: {
    // Every temporary file of a run goes into one folder, removed at its end.
    globalSetup: ['tests/helpers/temp-root.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          env,
          // Files share their worker's modules (loaded once, not once per file): these tests
          // leave no state behind that another depends on.
          isolate: false,
          include: ['packages/*/src/**/*.test.ts'],
          exclude: isolatedUnitTests,
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'unit-isolated',
          env,
          include: isolatedUnitTests,
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
