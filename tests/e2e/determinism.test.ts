/**
 * Determinism: three clean builds (fresh output folders, --force; without
 * the build cache, with an empty one and with it warm), and a fourth into a
 * fresh folder without --force (the finished editions taken from the cache), of the
 * sample report and (in npm run test:slow) the contract example and every valid
 * committed corpus source (BOM, CRLF, NFD, sources with warnings only) give identical sha256
 * for every artifact and for the manifest. Any difference fails, naming the
 * file.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCases, runCli } from '../helpers/corpus.js';

// The contract example and the valid corpus sources too with BRIEF_DETERMINISM_ALL=1 (npm run test:slow).
const sources = [
  'sources/trump-second-term-year-one',
  ...(process.env.BRIEF_DETERMINISM_ALL ? ['tests/fixtures/contract-example'] : []),
  ...(process.env.BRIEF_DETERMINISM_ALL
    ? loadCases()
        .filter((c) => c.exit === 0 && !c.generate)
        .map((c) => `tests/corpus/${c.name}`)
    : []),
];

const work = mkdtempSync(join(tmpdir(), 'brief-determinism-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function digests(out: string, into: Record<string, string>, prefix: string): void {
  for (const id of readdirSync(out)) {
    if (id.startsWith('.')) continue;
    for (const name of readdirSync(join(out, id)))
      into[`${prefix}/${id}/${name}`] = createHash('sha256')
        .update(readFileSync(join(out, id, name)))
        .digest('hex');
  }
}

const builds: Record<string, string>[] = [];

/**
 * Four rounds: without the build cache (rendering in a worker thread besides
 * the CLI's), with an empty one (which fills it) and with that cache warm
 * (both in the CLI's thread alone; --force renders every edition again from
 * the cache's other entries), and without --force (each edition taken from
 * the cache). All four must give the same bytes.
 */
const cacheDir = join(work, 'cache');
const rounds: { env: NodeJS.ProcessEnv; force: boolean }[] = [
  { env: { BRIEF_CACHE: 'off', BRIEF_JOBS: '2' }, force: true },
  { env: { BRIEF_CACHE: 'on', BRIEF_CACHE_DIR: cacheDir, BRIEF_JOBS: '1' }, force: true },
  { env: { BRIEF_CACHE: 'on', BRIEF_CACHE_DIR: cacheDir, BRIEF_JOBS: '1' }, force: true },
  { env: { BRIEF_CACHE: 'on', BRIEF_CACHE_DIR: cacheDir }, force: false },
];
const stored: string[] = [];

beforeAll(async () => {
  for (const [round, { env, force }] of rounds.entries()) {
    const all: Record<string, string> = {};
    // Corpus sources share one report id, so each source gets its own output folder.
    for (const [i, source] of sources.entries()) {
      const out = join(work, `out-${round}`, String(i));
      const run = await runCli(['build', source, '--out', out, ...(force ? ['--force'] : [])], { timeoutMs: 900_000, env });
      expect(run.code, `${source}\n${run.stderr.slice(-3000)}`).toBe(0);
      if (!force) stored.push(...run.stderr.split('\n').filter((line) => line.includes('from the build cache')));
      digests(out, all, source);
    }
    builds.push(all);
  }
}, 1_800_000);

describe('clean builds are byte-identical', () => {
  it('built every source in every format', () => {
    const files = Object.keys(builds[0]!);
    for (const source of sources)
      for (const ext of ['pdf', 'docx', 'epub']) expect(files.filter((f) => f.startsWith(`${source}/`) && f.endsWith(`.${ext}`)).length, `${source} ${ext}`).toBeGreaterThanOrEqual(1);
    expect(files.filter((f) => f.endsWith('manifest.json')).length).toBe(sources.length);
  });

  it('every artifact has the same sha256 in every build, with the cache off, cold and warm', () => {
    const [a, ...others] = builds as [Record<string, string>, ...Record<string, string>[]];
    for (const [k, b] of others.entries()) {
      expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
      const differ = Object.keys(a).filter((f) => a[f] !== b[f]);
      expect(differ, `differ between clean build 1 and ${k + 2}: ${differ.join(', ')}`).toEqual([]);
    }
  });

  it('the cache was used', () => {
    expect(readdirSync(cacheDir, { recursive: true }).length).toBeGreaterThan(0);
  });

  it('without --force, every edition was taken from the cache', () => {
    expect(stored.length).toBe(Object.keys(builds[0]!).filter((f) => !f.endsWith('manifest.json')).length);
  });
});
