/**
 * Files are written atomically: a temporary file beside the target, flushed,
 * then renamed over it. A build killed at any moment leaves either the old
 * file or the new one, never half of one.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

let counter = 0;

/** Temporary files this process has made and not yet renamed or removed. */
const temporaries = new Set<string>();
/** Lock directories this process holds, and the claim it is making. */
const heldLocks = new Set<string>();

/** A file's new bytes written beside it, flushed, waiting to be renamed over it (`commitStaged`) or removed (`discardStaged`). */
export interface Staged {
  path: string;
  tmp: string;
}

/** Write bytes to a temporary file beside `path` and flush them; the file at `path` is not touched yet. */
export function stage(path: string, bytes: Uint8Array | string): Staged {
  mkdirSync(dirname(path), { recursive: true });
  counter += 1;
  const tmp = `${path}.${process.pid}.${counter}.tmp`;
  temporaries.add(tmp);
  try {
    const fd = openSync(tmp, 'w');
    try {
      const data = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
      let off = 0;
      while (off < data.length) off += writeSync(fd, data, off, data.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    forget(tmp);
    throw e;
  }
  return { path, tmp };
}

/** Put staged bytes in place (a rename: the old file or the new one, never half of one). */
export function commitStaged(staged: Staged): void {
  try {
    renameSync(staged.tmp, staged.path);
    temporaries.delete(staged.tmp);
  } catch (e) {
    forget(staged.tmp);
    throw e;
  }
}

/** Give up staged bytes: the file at their path stays as it was. */
export function discardStaged(staged: Staged): void {
  forget(staged.tmp);
}

/** Remove a temporary file of this process. */
function forget(tmp: string): void {
  rmSync(tmp, { force: true });
  temporaries.delete(tmp);
}

/**
 * Remove every temporary file this process has not put in place yet and give
 * up every lock it holds, at once: for a process stopped by a signal, which
 * leaves its earlier finished files as they are.
 */
export function releaseAll(): void {
  for (const tmp of [...temporaries]) {
    try {
      forget(tmp);
    } catch {
      /* nothing more can be done on the way out */
    }
  }
  for (const lockDir of [...heldLocks]) {
    try {
      if (lockDir.endsWith('.claim')) {
        rmSync(lockDir, { recursive: true, force: true });
        heldLocks.delete(lockDir);
      } else release(lockDir);
    } catch {
      /* nothing more can be done on the way out */
    }
  }
}

export function writeAtomic(path: string, bytes: Uint8Array | string): void {
  commitStaged(stage(path, bytes));
}

/** The bytes staged for `path`, or nothing when the file there has them already (an unchanged file keeps its mtime). */
export function stageIfChanged(path: string, bytes: Uint8Array | string): Staged | undefined {
  const data = typeof bytes === 'string' ? Buffer.from(bytes) : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (existsSync(path)) {
    const st = statSync(path);
    if (st.size === data.length && readFileSync(path).equals(data)) return undefined;
  }
  return stage(path, data);
}

/** Write only when the content differs (an unchanged file keeps its mtime). */
export function writeIfChanged(path: string, bytes: Uint8Array | string): boolean {
  const staged = stageIfChanged(path, bytes);
  if (staged) commitStaged(staged);
  return staged !== undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove temporary files left by killed builds (a living build's are its own business). */
export function removeStaleTemporaries(dir: string, names: readonly string[]): void {
  for (const name of names) {
    const pid = Number(/\.(\d+)\.\d+\.tmp$/.exec(name)?.[1]);
    if (pid && (pid === process.pid || !alive(pid))) rmSync(`${dir}/${name}`, { force: true });
  }
}

/** A problem with the output folder, told to the user as it is (no error code, no stack). */
export class OutputError extends Error {}

/** How often a build renews its lock (the owner file's modification time) while it holds it. */
export const LOCK_RENEW_MS = 5_000;
/** A lock not renewed for this long is stale: its holder was killed, and its pid may be another process's now. */
export const LOCK_STALE_MS = 30_000;

export interface LockOptions {
  /** How old an owner file makes a lock stale (default `LOCK_STALE_MS`). */
  staleMs?: number;
  /** How often the holder renews its owner file (default `LOCK_RENEW_MS`). */
  renewMs?: number;
  /** Told once, when the lock is found held by a living holder that renews it: the lock and the holder's pid. */
  onWait?: (lockDir: string, holder: number) => void;
}

/**
 * The holder of a lock directory and the time of its owner file: the pid in
 * its `owner` file, or, when the holder was killed while writing that file,
 * the pid in the name of the temporary it left (`owner.<pid>.<n>.tmp`). The
 * pid is NaN when the owner file is unreadable or holds no number; nothing
 * when the directory is gone.
 */
function lockOwner(lockDir: string): { pid: number; mtimeMs: number } | undefined {
  const owner = join(lockDir, 'owner');
  try {
    const text = readFileSync(owner, 'utf8').trim();
    const mtimeMs = statSync(owner).mtimeMs;
    return { pid: /^[1-9]\d*$/.test(text) ? Number(text) : NaN, mtimeMs };
  } catch {
    /* not written, or being removed */
  }
  try {
    const left = readdirSync(lockDir).find((n) => /^owner\.\d+\.\d+\.tmp$/.test(n));
    if (left) return { pid: Number(/^owner\.(\d+)/.exec(left)![1]), mtimeMs: statSync(join(lockDir, left)).mtimeMs };
    return { pid: NaN, mtimeMs: 0 };
  } catch {
    return undefined;
  }
}

/** Whether a lock is stale: its owner file unreadable or not a number, its holder dead, or not renewed for `staleMs`. */
function isStale(owner: { pid: number; mtimeMs: number }, staleMs: number): boolean {
  return !Number.isFinite(owner.pid) || !alive(owner.pid) || Date.now() - owner.mtimeMs > staleMs;
}

/** Renewal timers of the locks this process holds. */
const renewals = new Map<string, NodeJS.Timeout>();

/**
 * A lock directory per report, so two builds of one report take turns. The
 * directory is made beside the lock with the owner's pid in it and renamed
 * into place, so a lock never exists without its owner (a build killed
 * between the two steps leaves only its claim, which the next build
 * removes). The holder renews its owner file's modification time every few
 * seconds; a lock whose owner file is unreadable or holds no number, whose
 * holder died, or which was not renewed for `LOCK_STALE_MS` (a build killed
 * whose pid another process has now) is stale and taken over. A lock is
 * given up by renaming it aside before removing it: a directory emptied in
 * place could be replaced by a waiting build's claim (a rename may replace
 * an empty directory), and the rest of the removal would then delete that
 * build's lock.
 */
export async function withLock<T>(lockDir: string, work: () => Promise<T>, timeoutMs = 600_000, options: LockOptions = {}): Promise<T> {
  const staleMs = options.staleMs ?? LOCK_STALE_MS;
  const parent = dirname(lockDir);
  mkdirSync(parent, { recursive: true });
  // Claims of builds killed before they took the lock, and locks they were giving up.
  const claimOf = new RegExp(`^${basename(lockDir).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(\\d+)\\.(?:claim|gone)$`);
  for (const name of readdirSync(parent)) {
    const pid = Number(claimOf.exec(name)?.[1]);
    if (pid && pid !== process.pid && !alive(pid)) rmSync(join(parent, name), { recursive: true, force: true });
  }
  const claim = `${lockDir}.${process.pid}.claim`;
  const start = Date.now();
  let told = false;
  for (;;) {
    rmSync(claim, { recursive: true, force: true });
    mkdirSync(claim);
    heldLocks.add(claim);
    try {
      writeAtomic(join(claim, 'owner'), String(process.pid));
      renameSync(claim, lockDir);
      heldLocks.delete(claim);
      break;
    } catch (e) {
      rmSync(claim, { recursive: true, force: true });
      heldLocks.delete(claim);
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST' && code !== 'ENOTEMPTY') throw e;
      const owner = lockOwner(lockDir);
      if (!owner) continue;
      if (isStale(owner, staleMs)) {
        takeOver(lockDir, staleMs);
        continue;
      }
      if (!told) {
        told = true;
        options.onWait?.(lockDir, owner.pid);
      }
      if (Date.now() - start > timeoutMs)
        throw new OutputError(`process ${owner.pid} still holds ${lockDir} after ${Math.round((Date.now() - start) / 1000)} s; stop that build, or remove the folder if no build is running`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  heldLocks.add(lockDir);
  const renewMs = options.renewMs ?? LOCK_RENEW_MS;
  const timer = setInterval(() => renew(lockDir), renewMs);
  timer.unref();
  renewals.set(lockDir, timer);
  try {
    return await work();
  } finally {
    release(lockDir);
  }
}

/** Renew a lock this process holds: its owner file's modification time is now. */
function renew(lockDir: string): void {
  try {
    const owner = join(lockDir, 'owner');
    if (Number(readFileSync(owner, 'utf8')) !== process.pid) return;
    const now = new Date();
    utimesSync(owner, now, now);
  } catch {
    /* taken over, or being removed */
  }
}

/** Give up a lock this process holds (or its claim); a lock found to be another build's is put back. */
function release(lockDir: string): void {
  clearInterval(renewals.get(lockDir));
  renewals.delete(lockDir);
  heldLocks.delete(lockDir);
  const gone = moveAside(lockDir);
  if (!gone) return;
  const owner = lockOwner(gone);
  if (owner && Number.isFinite(owner.pid) && owner.pid !== process.pid && alive(owner.pid)) {
    try {
      renameSync(gone, lockDir);
      return;
    } catch {
      /* a third build holds the lock now */
    }
  }
  rmSync(gone, { recursive: true, force: true });
}

/** Rename a lock directory aside (to a name of this build's own); its new path, or undefined when it was gone. */
function moveAside(lockDir: string): string | undefined {
  const gone = `${lockDir}.${process.pid}.gone`;
  rmSync(gone, { recursive: true, force: true });
  try {
    renameSync(lockDir, gone);
    return gone;
  } catch {
    return undefined;
  }
}

/**
 * Remove a stale lock. Another waiting build may have taken it over between
 * our reading its owner and our moving it: a lock found to be held and
 * renewed by a living build is put back.
 */
function takeOver(lockDir: string, staleMs: number): void {
  const gone = moveAside(lockDir);
  if (!gone) return;
  const owner = lockOwner(gone);
  if (owner && !isStale(owner, staleMs)) {
    try {
      renameSync(gone, lockDir);
      return;
    } catch {
      /* a third build holds the lock now */
    }
  }
  rmSync(gone, { recursive: true, force: true });
}
