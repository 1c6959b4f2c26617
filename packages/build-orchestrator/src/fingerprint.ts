/**
 * A fingerprint of everything a build of one source reads: every file of the
 * source folder (by content), the template files it used outside the folder,
 * the build options, and the code of every package involved. When it equals
 * the fingerprint recorded in the manifest and every artifact is in place, a
 * build has nothing to do and says so without reading the source again.
 */
import { readdirSync, readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closureHash } from './code-hash.js';
import { sha256 } from './input-hash.js';

const here = dirname(fileURLToPath(import.meta.url));
let buildCode: string | undefined;

/** The code of this package and everything it needs at run time: the reader, the rules and every writer. */
function buildCodeHash(): string {
  buildCode ??= closureHash(['@brief/build-orchestrator'], here);
  return buildCode;
}

function filesOf(dir: string): { path: string; link: boolean }[] {
  const out: { path: string; link: boolean }[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile() || entry.isSymbolicLink()) out.push({ path: p, link: entry.isSymbolicLink() });
    }
  };
  walk(dir);
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The folder's own files (not its links), as the fingerprint walks it. */
export function folderFiles(sourceDir: string): string[] {
  return filesOf(sourceDir).flatMap(({ path, link }) => (link ? [] : [path]));
}

/**
 * What a symbolic link in the folder stands for: the content of a file it
 * leads to inside the folder, else only where it points. A link out of the
 * folder is refused by the reader, and nothing outside is read for it, not
 * even to hash it.
 */
function linkHash(sourceDir: string, path: string): string {
  try {
    const real = realpathSync(path);
    const rel = relative(realpathSync(sourceDir), real);
    if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) return contentHash(real);
    return `link ${readlinkSync(path)}`;
  } catch {
    return 'unreadable';
  }
}

/** A file's content hash, or a word saying why there is none. */
export function contentHash(path: string): string {
  try {
    return statSync(path).isFile() ? sha256(readFileSync(path)) : 'not-a-file';
  } catch {
    return 'unreadable';
  }
}

/**
 * Every file of the source folder with its content hash, one line each. A
 * build takes these before it reads the source: a file saved while the build
 * runs then makes the recorded fingerprint differ from the folder, and the
 * next build starts again rather than keep outputs of the older text.
 */
export function sourceFiles(sourceDir: string): string[] {
  return filesOf(sourceDir).map(({ path, link }) => `file ${relative(sourceDir, path)} ${link ? linkHash(sourceDir, path) : contentHash(path)}`);
}

export interface FingerprintInput {
  sourceDir: string;
  /** The folder's files as `sourceFiles` gave them (by default, read now). */
  files?: readonly string[];
  /** Files read from outside the source folder (template files), absolute. */
  extraFiles: readonly string[];
  /** Options that change what is built. */
  options: Record<string, unknown>;
}

export function sourceFingerprint(input: FingerprintInput): string {
  const parts = [
    `code ${buildCodeHash()}`,
    `options ${JSON.stringify(input.options)}`,
    ...(input.files ?? sourceFiles(input.sourceDir)),
    ...[...input.extraFiles].sort().map((p) => `extra ${p} ${contentHash(p)}`),
  ];
  return sha256(parts.join('\n'));
}
