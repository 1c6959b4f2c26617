/**
 * The code that makes an artifact, as one hash, derived rather than listed:
 * a package's dependency closure is read from the package.json files Node
 * would load (`dependencies`, `optionalDependencies` and installed
 * `peerDependencies`, resolved the way Node resolves them), so upgrading any
 * package a writer uses, however deep, changes the hash of exactly the
 * formats that use it.
 *
 * - A workspace package (one that is not under node_modules once its link is
 *   followed) counts by its compiled code: every `.js` file of its `dist/`.
 * - An installed package counts by name, version and the lockfile's
 *   integrity for that install path (npm's `node_modules/.package-lock.json`,
 *   else `package-lock.json`), so another build of the same version changes
 *   it too.
 *
 * Walking the closure reads some 150 package.json files, the lockfile and
 * every compiled file of the workspace packages: a tenth of a second, in
 * every process. `closureHash` therefore keeps each hash in the build cache
 * with the state of every file and folder the walk looked at (size,
 * modification and change times, inode; or that it was absent) and uses it
 * while they are all as they were.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { buildCache, cacheKey, codeIdentity, type ContentCache } from '@brief/build-cache';

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

interface PackageJson {
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** One package of a closure: where it is installed and what it counts as. */
export interface ClosureEntry {
  name: string;
  /** The folder Node loads it from (links followed). */
  dir: string;
  /** `name@version integrity` for an installed package; `name workspace <hash of dist>` for a workspace one. */
  identity: string;
}

/**
 * What a file or folder was like when the walk looked at it: size,
 * modification and change times (ms) and inode, or `null` when it was not
 * there.
 */
export type Stamp = readonly [path: string, state: readonly [size: number, mtimeMs: number, ctimeMs: number, ino: number] | null];

function stateOf(path: string): Stamp[1] {
  // Most paths a walk looks at are absent (node_modules folders up the tree): no error is made for them.
  const s = statSync(path, { throwIfNoEntry: false });
  return s ? [s.size, s.mtimeMs, s.ctimeMs, s.ino] : null;
}

/** Where a walk notes what it looked at (by path), taken before the file is read. */
type Looked = Map<string, Stamp[1]> | undefined;

function look(looked: Looked, path: string): boolean {
  if (!looked) return existsSync(path);
  let state = looked.get(path);
  if (state === undefined) {
    state = stateOf(path);
    looked.set(path, state);
  }
  return state !== null;
}

/**
 * Files a walk reads, parsed, by path and state: the walks of one process
 * (the code of each format, of the build) read the same lockfile and many of
 * the same package.json files. A file read again after it changed is parsed
 * again.
 */
const parsedFiles = new Map<string, { state: Stamp[1]; value: unknown }>();

function readOnce<T>(path: string, parse: (text: string) => T): T {
  const state = stateOf(path);
  const kept = parsedFiles.get(path);
  if (kept && sameState(kept.state, state)) return kept.value as T;
  const value = parse(readFileSync(path, 'utf8'));
  parsedFiles.set(path, { state, value });
  return value;
}

function parseLockfile(text: string): Record<string, { integrity?: string; version?: string }> {
  try {
    return (JSON.parse(text) as { packages?: Record<string, { integrity?: string; version?: string }> }).packages ?? {};
  } catch {
    return {};
  }
}

/** Where Node finds `name` when it is imported from a file in `fromDir`. */
export function resolvePackageDir(name: string, fromDir: string, looked?: Looked): string | undefined {
  let dir = fromDir;
  for (;;) {
    if (!dir.endsWith(`${sep}node_modules`)) {
      const candidate = join(dir, 'node_modules', name);
      if (look(looked, join(candidate, 'package.json'))) return realpathSync.native(candidate);
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The nearest lockfile above `dir` and the folder its paths are relative to:
 * npm's record of what is installed (`node_modules/.package-lock.json`,
 * same format as package-lock.json, inside the installed packages), else
 * package-lock.json.
 */
function findLockfile(dir: string, looked: Looked): { root: string; packages: Record<string, { integrity?: string; version?: string }> } | undefined {
  for (let d = dir; ; d = dirname(d)) {
    const path = [join(d, 'node_modules', '.package-lock.json'), join(d, 'package-lock.json')].find((p) => look(looked, p));
    if (path) return { root: d, packages: readOnce(path, parseLockfile) };
    if (dirname(d) === d) return undefined;
  }
}

function distHash(dir: string, looked: Looked): string {
  const files: string[] = [];
  const walk = (d: string) => {
    // A folder's times change when an entry is added, removed or renamed.
    look(looked, d);
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.js')) {
        look(looked, p);
        files.push(p);
      }
    }
  };
  if (look(looked, join(dir, 'dist')) && statSync(join(dir, 'dist')).isDirectory()) walk(join(dir, 'dist'));
  return sha256(files.map((f) => `${relative(dir, f)}:${sha256(readFileSync(f))}`).join('\n'));
}

function isInstalled(dir: string): boolean {
  return dir.split(sep).includes('node_modules');
}

/**
 * Every package `name` needs at run time, itself included, resolved from
 * `fromDir`, in a stable order. A dependency that cannot be resolved counts
 * as `name unresolved` (an optional one that is not installed changes
 * nothing until it is).
 */
export function dependencyClosure(name: string, fromDir: string, looked?: Looked): ClosureEntry[] {
  const lock = findLockfile(fromDir, looked);
  const seen = new Map<string, ClosureEntry>();
  const unresolved = new Set<string>();
  const visit = (pkg: string, from: string) => {
    const dir = resolvePackageDir(pkg, from, looked);
    if (!dir) {
      unresolved.add(pkg);
      return;
    }
    if (seen.has(dir)) return;
    const json = readOnce(join(dir, 'package.json'), (text) => JSON.parse(text) as PackageJson);
    let identity: string;
    if (isInstalled(dir)) {
      const key = lock ? relative(lock.root, dir).split(sep).join('/') : '';
      const integrity = lock?.packages[key]?.integrity ?? 'no-lock-entry';
      identity = `${pkg}@${json.version ?? '?'} ${integrity}`;
    } else identity = `${pkg} workspace ${distHash(dir, looked)}`;
    seen.set(dir, { name: pkg, dir, identity });
    const deps = { ...json.peerDependencies, ...json.optionalDependencies, ...json.dependencies };
    for (const dep of Object.keys(deps).sort()) {
      // A peer or optional dependency that is not installed is not used.
      if (!json.dependencies?.[dep] && !resolvePackageDir(dep, dir, looked)) continue;
      visit(dep, dir);
    }
  };
  visit(name, fromDir);
  const entries = [...seen.values()].sort((a, b) => (a.identity < b.identity ? -1 : a.identity > b.identity ? 1 : 0));
  for (const pkg of [...unresolved].sort()) entries.push({ name: pkg, dir: '', identity: `${pkg} unresolved` });
  return entries;
}

/**
 * One hash of the code of `names` and everything they need, resolved from
 * `fromDir`: kept in `cache` with the stamps of what the walk looked at, and
 * taken from there while every stamp holds.
 */
export function closureHash(names: readonly string[], fromDir: string, cache: Pick<ContentCache, 'get' | 'put'> | undefined = buildCache()): string {
  if (!cache) return walkedHash(names, fromDir, undefined);
  // The key names this code too: a walk that looks at more gives other stamps.
  const key = cacheKey('code-hash', codeIdentity(import.meta.url), fromDir, [...names]);
  const kept = keptHash(cache.get(key));
  if (kept?.stamps.every(([path, state]) => sameState(state, stateOf(path)))) return kept.hash;
  const looked = new Map<string, Stamp[1]>();
  const hash = walkedHash(names, fromDir, looked);
  cache.put(key, Buffer.from(JSON.stringify({ hash, stamps: [...looked] }), 'utf8'));
  return hash;
}

function walkedHash(names: readonly string[], fromDir: string, looked: Looked): string {
  const identities = new Set<string>();
  for (const name of names) for (const entry of dependencyClosure(name, fromDir, looked)) identities.add(entry.identity);
  return sha256([...identities].sort().join('\n'));
}

function sameState(a: Stamp[1], b: Stamp[1]): boolean {
  return a === null || b === null ? a === b : a.every((v, i) => v === b[i]);
}

/** A kept entry as it reads, or nothing when it does not read as one. */
function keptHash(bytes: Uint8Array | undefined): { hash: string; stamps: Stamp[] } | undefined {
  if (!bytes) return undefined;
  try {
    const entry = JSON.parse(Buffer.from(bytes).toString('utf8')) as { hash?: unknown; stamps?: unknown };
    const stamps = entry.stamps;
    const isStamp = (s: unknown): s is Stamp =>
      Array.isArray(s) && s.length === 2 && typeof s[0] === 'string' && (s[1] === null || (Array.isArray(s[1]) && s[1].length === 4 && s[1].every((v) => typeof v === 'number')));
    return typeof entry.hash === 'string' && Array.isArray(stamps) && stamps.every(isStamp) ? { hash: entry.hash, stamps } : undefined;
  } catch {
    return undefined;
  }
}
