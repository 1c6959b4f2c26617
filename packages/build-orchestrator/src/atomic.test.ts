import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withLock } from './atomic.js';

/** The pid of a process that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

describe('withLock', () => {
  it('takes over a lock whose owner was killed while writing its owner file', async () => {
    const out = mkdtempSync(join(tmpdir(), 'lock-'));
    const lock = join(out, '.r.lock');
    mkdirSync(lock);
    writeFileSync(join(lock, `owner.${deadPid()}.1.tmp`), '');
    // Were the half-made lock taken for a live one, withLock would wait out
    // its ten-minute limit and the test's own limit would end it.
    expect(await withLock(lock, async () => 'done', 600_000)).toBe('done');
    expect(readdirSync(out)).toEqual([]);
  }, 30_000);

  it('takes over a lock whose owner died, and removes the claims of killed builds', async () => {
    const out = mkdtempSync(join(tmpdir(), 'lock-'));
    const lock = join(out, '.r.lock');
    mkdirSync(lock);
    writeFileSync(join(lock, 'owner'), String(deadPid()));
    mkdirSync(`${lock}.${deadPid()}.claim`);
    expect(await withLock(lock, async () => existsSync(join(lock, 'owner')), 5_000)).toBe(true);
    expect(readdirSync(out)).toEqual([]);
  });

  it('waits for a living owner', async () => {
    const out = mkdtempSync(join(tmpdir(), 'lock-'));
    const lock = join(out, '.r.lock');
    const order: string[] = [];
    let release!: () => void;
    const first = withLock(
      lock,
      () =>
        new Promise<void>(
          (r) =>
            (release = () => {
              order.push('first');
              r();
            }),
        ),
    );
    await new Promise((r) => setTimeout(r, 20));
    const second = withLock(lock, async () => void order.push('second'));
    await new Promise((r) => setTimeout(r, 150));
    expect(order).toEqual([]);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'second']);
  });
});
