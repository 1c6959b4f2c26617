/**
 * A failed file-system call told in words: what was being done, to which
 * path, and why it failed (`cannot rename a to b: a folder is in its place`).
 */

/** The error codes of a file or folder that cannot be made, read, written or renamed. */
const reasons: Record<string, string> = {
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'a folder is in the place of a file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  ENOENT: 'no such file or folder',
  EEXIST: 'something is in its place already',
  ENOTEMPTY: 'a folder that is not empty is in its place',
  EMFILE: 'too many files open',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
  EIO: 'an input/output error',
};

const actions: Record<string, string> = {
  open: 'open',
  mkdir: 'make the folder',
  rename: 'rename',
  scandir: 'read the folder',
  unlink: 'remove',
  rmdir: 'remove the folder',
  rm: 'remove',
  write: 'write',
  read: 'read',
  stat: 'look at',
  lstat: 'look at',
  utime: 'update the time of',
  fsync: 'flush',
  close: 'close',
  copyfile: 'copy',
};

/** The words for a file-system error (one with a known `code` and a `path`), or undefined for any other error. */
export function fsErrorMessage(e: unknown): string | undefined {
  const err = e as NodeJS.ErrnoException & { dest?: string };
  if (typeof err?.code !== 'string' || typeof err.path !== 'string') return undefined;
  const reason = reasons[err.code];
  if (!reason) return undefined;
  const action = (err.syscall && actions[err.syscall]) ?? err.syscall ?? 'use';
  const target = err.dest ? `${err.path} to ${err.dest}` : err.path;
  return `cannot ${action} ${target}: ${reason} (${err.code})`;
}
