/**
 * Rendering workers have a bounded heap; when an edition does not fit, the
 * worker is replaced and the edition is rendered in the main thread, so the
 * build still succeeds with the same bytes.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const cli = join(process.cwd(), 'packages/cli/bin/brief.js');

function buildWith(env: Record<string, string>): Record<string, string> {
  const out = mkdtempSync(join(tmpdir(), 'fallback-'));
  const r = spawnSync(process.execPath, [cli, 'build', 'tests/fixtures/contract-example', '--out', out, '--force'], {
    encoding: 'utf8',
    // Two rendering slots: a worker thread besides the CLI's.
    env: { ...process.env, CI: '1', BRIEF_JOBS: '2', ...env },
  });
  expect(r.stderr).not.toMatch(/failed|internal error/);
  expect(r.status).toBe(0);
  const dir = join(out, 'sample-one');
  return Object.fromEntries(
    readdirSync(dir).map((f) => [
      f,
      createHash('sha256')
        .update(readFileSync(join(dir, f)))
        .digest('hex'),
    ]),
  );
}

it('renders in the main thread when a worker runs out of memory', () => {
  const starved = buildWith({ BRIEF_WORKER_HEAP_MB: '4' });
  expect(Object.keys(starved)).toHaveLength(7);
  expect(starved).toEqual(buildWith({}));
});
