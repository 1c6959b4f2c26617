import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commitStaged, discardStaged, LOCK_STALE_MS, releaseAll, removeStaleTemporaries, stage, stageIfChanged, withLock } from './atomic.js';
import { fsErrorMessage } from './fs-error.js';

/** The pid of a process that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

describe('staged writes', () => {
  it('leave the file as it was until they are put in place, and nothing behind when given up', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stage-'));
    const path = join(dir, 'a.pdf');
    writeFileSync(path, 'old');
    const staged = stageIfChanged(path, new TextEncoder().encode('new'))!;
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readFileSync(staged.tmp, 'utf8')).toBe('new');
    discardStaged(staged);
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['a.pdf']);
    const again = stageIfChanged(path, 'new')!;
    commitStaged(again);
    // Given up after it was put in place: nothing to remove, the new file stays.
    discardStaged(again);
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['a.pdf']);
  });

  it('stage nothing when the file has the bytes already', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stage-'));
    const path = join(dir, 'a.pdf');
    writeFileSync(path, 'same');
    expect(stageIfChanged(path, 'same')).toBeUndefined();
    expect(stageIfChanged(join(dir, 'b.pdf'), 'same')).toBeDefined();
  });
});

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

  it('takes over a lock of a living process that was not renewed for the stale time (a killed build whose pid was reused)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'lock-'));
    const lock = join(out, '.r.lock');
    mkdirSync(lock);
    writeFileSync(join(lock, 'owner'), String(process.ppid));
    const old = new Date(Date.now() - LOCK_STALE_MS - 5_000);
    utimesSync(join(lock, 'owner'), old, old);
    const waits: number[] = [];
    expect(await withLock(lock, async () => readFileSync(join(lock, 'owner'), 'utf8'), 5_000, { onWait: (_, pid) => waits.push(pid) })).toBe(String(process.pid));
    expect(waits).toEqual([]);
    expect(readdirSync(out)).toEqual([]);
  });

  it('takes over a lock whose owner file holds no number, or none at all', async () => {
    for (const owner of ['abc', '', undefined]) {
      const out = mkdtempSync(join(tmpdir(), 'lock-'));
      const lock = join(out, '.r.lock');
      mkdirSync(lock);
      if (owner !== undefined) writeFileSync(join(lock, 'owner'), owner);
      expect(await withLock(lock, async () => 'done', 5_000)).toBe('done');
      expect(readdirSync(out)).toEqual([]);
    }
  });

  it('waits for a living holder that renews its lock, and says so once', async () => {
    const out = mkdtempSync(join(tmpdir(), 'lock-'));
    const lock = join(out, '.r.lock');
    const order: string[] = [];
    const waits: [string, number][] = [];
    let release!: () => void;
    // The holder renews every 20 ms; the waiter would take over a lock not renewed for 200 ms.
    const first = withLock(lock, () => new Promise<void>((r) => (release = r)).then(() => void order.push('first')), 600_000, { renewMs: 20 });
    await new Promise((r) => setTimeout(r, 20));
    const second = withLock(lock, async () => void order.push('second'), 600_000, { staleMs: 200, onWait: (at, pid) => waits.push([at, pid]) });
    await new Promise((r) => setTimeout(r, 600));
    expect(order).toEqual([]);
    expect(waits).toEqual([[lock, process.pid]]);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'second']);
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

  it('lets one build at a time in when several processes take turns many times', async () => {
    const out = mkdtempSync(join(tmpdir(), 'lock-'));
    const lock = join(out, '.r.lock');
    const log = join(out, 'log');
    writeFileSync(log, '');
    // The compiled module, as a build process loads it.
    const atomic = pathToFileURL(fileURLToPath(new URL('../dist/atomic.js', import.meta.url))).href;
    const child = `
      const { withLock } = await import(${JSON.stringify(atomic)});
      const { appendFileSync } = await import('node:fs');
      for (let i = 0; i < 12; i++)
        await withLock(${JSON.stringify(lock)}, async () => {
          appendFileSync(${JSON.stringify(log)}, '+' + process.pid + '\\n');
          await new Promise((r) => setTimeout(r, 1 + (i % 3)));
          appendFileSync(${JSON.stringify(log)}, '-' + process.pid + '\\n');
        });`;
    const codes = await Promise.all(
      [0, 1, 2].map(
        () =>
          new Promise<number | null>((resolve) => {
            const p = spawn(process.execPath, ['--input-type=module', '-e', child], { stdio: 'inherit' });
            p.on('exit', resolve);
          }),
      ),
    );
    expect(codes).toEqual([0, 0, 0]);
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    expect(lines.length).toBe(3 * 12 * 2);
    // Every entry is followed by the same build's exit.
    for (let i = 0; i < lines.length; i += 2) expect(lines[i + 1], `line ${i + 2}`).toBe(`-${lines[i]!.slice(1)}`);
    expect(readdirSync(out)).toEqual(['log']);
  }, 60_000);
});

describe('removeStaleTemporaries', () => {
  it("removes a killed build's temporaries and leaves a living build's alone", () => {
    const out = mkdtempSync(join(tmpdir(), 'tmp-'));
    const names = [`a.pdf.${deadPid()}.3.tmp`, `a.pdf.${process.ppid}.4.tmp`, `a.pdf.${process.pid}.5.tmp`, 'a.pdf'];
    for (const n of names) writeFileSync(join(out, n), '');
    removeStaleTemporaries(out, readdirSync(out));
    expect(readdirSync(out).sort()).toEqual(['a.pdf', `a.pdf.${process.ppid}.4.tmp`].sort());
  });
});

describe('releaseAll', () => {
  it('removes the temporary files not yet put in place and gives up the locks held, leaving finished files', async () => {
    const out = mkdtempSync(join(tmpdir(), 'release-'));
    writeFileSync(join(out, 'a.pdf'), 'old');
    const lock = join(out, '.r.lock');
    let inside!: () => void;
    const entered = new Promise<void>((r) => (inside = r));
    let release!: () => void;
    const held = withLock(lock, () => {
      inside();
      return new Promise<void>((r) => (release = r));
    });
    await entered;
    stage(join(out, 'a.pdf'), 'new');
    expect(readdirSync(out).length).toBe(3);
    releaseAll();
    expect(readdirSync(out)).toEqual(['a.pdf']);
    expect(readFileSync(join(out, 'a.pdf'), 'utf8')).toBe('old');
    release();
    await held;
    expect(readdirSync(out)).toEqual(['a.pdf']);
  });
});

describe('fsErrorMessage', () => {
  it('tells a failed file operation by what was done, where, and why', () => {
    const e = Object.assign(new Error('x'), { code: 'ENOTDIR', syscall: 'rename', path: 'o/a.tmp', dest: 'o/a' });
    expect(fsErrorMessage(e)).toBe('cannot rename o/a.tmp to o/a: a part of the path is a file, not a folder (ENOTDIR)');
    expect(fsErrorMessage(Object.assign(new Error('x'), { code: 'EACCES', syscall: 'mkdir', path: '/r' }))).toBe('cannot make the folder /r: permission denied (EACCES)');
    expect(fsErrorMessage(new Error('x'))).toBeUndefined();
  });
});
