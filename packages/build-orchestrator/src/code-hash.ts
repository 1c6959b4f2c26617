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
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

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

/** Where Node finds `name` when it is imported from a file in `fromDir`. */
export function resolvePackageDir(name: string, fromDir: string): string | undefined {
  let dir = fromDir;
  for (;;) {
    if (!dir.endsWith(`${sep}node_modules`)) {
      const candidate = join(dir, 'node_modules', name);
      if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
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
function findLockfile(dir: string): { root: string; packages: Record<string, { integrity?: string; version?: string }> } | undefined {
  for (let d = dir; ; d = dirname(d)) {
    const path = [join(d, 'node_modules', '.package-lock.json'), join(d, 'package-lock.json')].find((p) => existsSync(p));
    if (path) {
      try {
        const lock = JSON.parse(readFileSync(path, 'utf8')) as { packages?: Record<string, { integrity?: string; version?: string }> };
        return { root: d, packages: lock.packages ?? {} };
      } catch {
        return { root: d, packages: {} };
      }
    }
    if (dirname(d) === d) return undefined;
  }
}

function distHash(dir: string): string {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.js')) files.push(p);
    }
  };
  if (existsSync(join(dir, 'dist')) && statSync(join(dir, 'dist')).isDirectory()) walk(join(dir, 'dist'));
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
export function dependencyClosure(name: string, fromDir: string): ClosureEntry[] {
  const lock = findLockfile(fromDir);
  const seen = new Map<string, ClosureEntry>();
  const unresolved = new Set<string>();
  const visit = (pkg: string, from: string) => {
    const dir = resolvePackageDir(pkg, from);
    if (!dir) {
      unresolved.add(pkg);
      return;
    }
    if (seen.has(dir)) return;
    const json = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
    let identity: string;
    if (isInstalled(dir)) {
      const key = lock ? relative(lock.root, dir).split(sep).join('/') : '';
      const integrity = lock?.packages[key]?.integrity ?? 'no-lock-entry';
      identity = `${pkg}@${json.version ?? '?'} ${integrity}`;
    } else identity = `${pkg} workspace ${distHash(dir)}`;
    seen.set(dir, { name: pkg, dir, identity });
    const deps = { ...json.peerDependencies, ...json.optionalDependencies, ...json.dependencies };
    for (const dep of Object.keys(deps).sort()) {
      // A peer or optional dependency that is not installed is not used.
      if (!json.dependencies?.[dep] && !resolvePackageDir(dep, dir)) continue;
      visit(dep, dir);
    }
  };
  visit(name, fromDir);
  const entries = [...seen.values()].sort((a, b) => (a.identity < b.identity ? -1 : a.identity > b.identity ? 1 : 0));
  for (const pkg of [...unresolved].sort()) entries.push({ name: pkg, dir: '', identity: `${pkg} unresolved` });
  return entries;
}

/** One hash of the code of `names` and everything they need, resolved from `fromDir`. */
export function closureHash(names: readonly string[], fromDir: string): string {
  const identities = new Set<string>();
  for (const name of names) for (const entry of dependencyClosure(name, fromDir)) identities.add(entry.identity);
  return sha256([...identities].sort().join('\n'));
}
