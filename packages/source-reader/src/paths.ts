import { realpathSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';

/** Whether `path` lies strictly inside `dir` (by its written path). */
export function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && !rel.split(sep).includes('..');
}

/** Whether `path`, with every symbolic link resolved, lies inside `dir` (also resolved). */
export function isInsideReal(dir: string, path: string): boolean {
  try {
    return isInside(realpathSync(dir), realpathSync(path));
  } catch {
    return false;
  }
}
