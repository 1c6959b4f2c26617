/**
 * Files are written atomically: a temporary file beside the target, flushed,
 * then renamed over it. A build killed at any moment leaves either the old
 * file or the new one, never half of one.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

let counter = 0;

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
    rmSync(tmp, { force: true });
    throw e;
  }
  return { path, tmp };
}

/** Put staged bytes in place (a rename: the old file or the new one, never half of one). */
export function commitStaged(staged: Staged): void {
  try {
    renameSync(staged.tmp, staged.path);
  } catch (e) {
    rmSync(staged.tmp, { force: true });
    throw e;
  }
}

/** Give up staged bytes: the file at their path stays as it was. */
export function discardStaged(staged: Staged): void {
  rmSync(staged.tmp, { force: true });
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

/**
 * The pid that holds a lock directory: from its `owner` file, or, when the
 * holder was killed while writing that file, from the name of the temporary
 * it left (`owner.<pid>.<n>.tmp`).
 */
function lockOwner(lockDir: string): number {
  try {
    return Number(readFileSync(join(lockDir, 'owner'), 'utf8'));
  } catch {
    /* not written yet, or being removed */
  }
  try {
    const left = readdirSync(lockDir)
      .map((n) => /^owner\.(\d+)\.\d+\.tmp$/.exec(n)?.[1])
      .find(Boolean);
    if (left) return Number(left);
  } catch {
    /* removed meanwhile */
  }
  return NaN;
}

/**
 * A lock directory per report, so two builds of one report take turns. The
 * directory is made beside the lock with the owner's pid in it and renamed
 * into place, so a lock never exists without its owner (a build killed
 * between the two steps leaves only its claim, which the next build
 * removes). A lock whose owner died is taken over. A lock is given up by
 * renaming it aside before removing it: a directory emptied in place could
 * be replaced by a waiting build's claim (a rename may replace an empty
 * directory), and the rest of the removal would then delete that build's lock.
 */
export async function withLock<T>(lockDir: string, work: () => Promise<T>, timeoutMs = 600_000): Promise<T> {
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
  for (;;) {
    rmSync(claim, { recursive: true, force: true });
    mkdirSync(claim);
    writeAtomic(join(claim, 'owner'), String(process.pid));
    try {
      renameSync(claim, lockDir);
      break;
    } catch (e) {
      rmSync(claim, { recursive: true, force: true });
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST' && code !== 'ENOTEMPTY') throw e;
      const owner = lockOwner(lockDir);
      if (Number.isFinite(owner) && !alive(owner)) {
        takeOver(lockDir, owner);
        continue;
      }
      if (Date.now() - start > timeoutMs) throw new Error(`another build holds ${lockDir}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  try {
    return await work();
  } finally {
    const gone = moveAside(lockDir);
    if (gone) rmSync(gone, { recursive: true, force: true });
  }
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
 * Remove the lock of `dead`, a build that died. Another waiting build may have
 * taken it over between our reading its owner and our moving it: a lock
 * found to belong to a living build is put back.
 */
function takeOver(lockDir: string, dead: number): void {
  const gone = moveAside(lockDir);
  if (!gone) return;
  const owner = lockOwner(gone);
  if (owner !== dead && Number.isFinite(owner) && alive(owner)) {
    try {
      renameSync(gone, lockDir);
      return;
    } catch {
      /* a third build holds the lock now */
    }
  }
  rmSync(gone, { recursive: true, force: true });
}
