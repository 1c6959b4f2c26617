/**
 * Files are written atomically: a temporary file beside the target, flushed,
 * then renamed over it. A build killed at any moment leaves either the old
 * file or the new one, never half of one.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, rmdirSync, writeSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

let counter = 0;

export function writeAtomic(path: string, bytes: Uint8Array | string): void {
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
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Write only when the content differs (an unchanged file keeps its mtime). */
export function writeIfChanged(path: string, bytes: Uint8Array | string): boolean {
  const data = typeof bytes === 'string' ? Buffer.from(bytes) : Buffer.from(bytes);
  if (existsSync(path)) {
    const st = statSync(path);
    if (st.size === data.length && readFileSync(path).equals(data)) return false;
  }
  writeAtomic(path, data);
  return true;
}

/** Remove temporary files left by a killed build. */
export function removeStaleTemporaries(dir: string, names: readonly string[]): void {
  for (const name of names) if (/\.\d+\.\d+\.tmp$/.test(name)) rmSync(`${dir}/${name}`, { force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A lock directory per report, so two builds of one report take turns. A
 * lock whose owner died is taken over.
 */
export async function withLock<T>(lockDir: string, work: () => Promise<T>, timeoutMs = 600_000): Promise<T> {
  mkdirSync(dirname(lockDir), { recursive: true });
  const start = Date.now();
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeAtomic(`${lockDir}/owner`, String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let owner = NaN;
      try {
        owner = Number(readFileSync(`${lockDir}/owner`, 'utf8'));
      } catch {
        /* being created or removed */
      }
      if (Number.isFinite(owner) && !alive(owner)) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() - start > timeoutMs) throw new Error(`another build holds ${lockDir}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(`${lockDir}/owner`, { force: true });
    try {
      rmdirSync(lockDir);
    } catch {
      /* already gone */
    }
  }
}
