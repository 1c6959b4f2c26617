/**
 * A content-keyed cache of build artifacts on disk: font subsets, drawn
 * pictures, checked sources, composed paragraphs, shaped runs — work that
 * costs the same CPU time in every build that does it from the same bytes
 * (docs/regeneration.md lists each kind and its key).
 *
 * - **Where**: `node_modules/.cache/brief/` of the installation (inside
 *   node_modules, so a build still reads nothing outside the source, the
 *   output folder and the installed packages), or the folder `BRIEF_CACHE_DIR`
 *   names. `BRIEF_CACHE=off` disables it. Safe to delete at any time.
 * - **Keys** are sha256 over every input byte and the identity of the code
 *   that makes the artifact (`cacheKey`, `codeIdentity`): the caller names
 *   them all, nothing is looked up by file name or time (the hash of the
 *   code's dependency closure, in `@brief/build-orchestrator`, keeps the
 *   times of the files it read and checks them before it is used).
 * - **Entries** are written to a temporary file and renamed into place, so
 *   concurrent builds sharing one cache see a whole entry or none; each entry
 *   carries the sha256 of its key and content, so a corrupt or truncated entry
 *   is found on read, deleted and made again, never used.
 * - **Size**: at most `BRIEF_CACHE_MAX_MB` (default 512 MB); the entries read
 *   least recently go first (each read records its time as the file's atime).
 *
 * Failures of the cache itself (a read-only folder, a full disk) never fail a
 * build: the artifact is then made as if the cache were off.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fstatSync, futimesSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';

/** Entries live in a subfolder named by the entry format, so a new format never reads an old one. */
const FORMAT = 'v1';
const MAGIC = Buffer.from('BRIEFC1\n', 'latin1');
const HEADER = MAGIC.length + 32;
const KEY = /^[0-9a-f]{64}$/;
/** A temporary file older than this was left by a killed writer. */
const STALE_TEMP_MS = 60 * 60 * 1000;

export const DEFAULT_MAX_MB = 512;

export interface CacheSettings {
  /** The cache folder (entries go to `<dir>/v1/`). */
  dir: string;
  /** Size bound of the entries, in bytes. */
  maxBytes: number;
}

function checksum(key: string, content: Uint8Array): Buffer {
  return createHash('sha256').update(key, 'latin1').update(content).digest();
}

function tryUnlink(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* gone already, or not ours to delete */
  }
}

export class ContentCache {
  readonly dir: string;
  readonly maxBytes: number;
  private readonly entries: string;
  private ready = false;
  private swept = false;
  private writtenSinceSweep = 0;

  constructor(settings: CacheSettings) {
    this.dir = resolve(settings.dir);
    this.maxBytes = settings.maxBytes;
    this.entries = join(this.dir, FORMAT);
  }

  /** The file of an entry. */
  file(key: string): string {
    if (!KEY.test(key)) throw new Error(`not a cache key: ${key}`);
    return join(this.entries, key);
  }

  /** Whether an entry is stored under `key` (not read: `get` may still find it corrupt). */
  has(key: string): boolean {
    return existsSync(this.file(key));
  }

  /**
   * What tells this entry's file apart from any other written under `key`
   * (its inode, size and creation time), or undefined when there is
   * none. Every `put` replaces the file, so a process that holds what it
   * last read or wrote can skip reading the entry again while the stamp
   * stays the same.
   */
  stamp(key: string): string | undefined {
    try {
      // Not the modification time: a read, setting the access time, writes it back rounded to the millisecond.
      const st = statSync(this.file(key), { bigint: true });
      return `${st.ino}:${st.size}:${st.birthtimeNs}`;
    } catch {
      return undefined;
    }
  }

  /**
   * The content stored under `key`, or undefined. A corrupt or truncated
   * entry is deleted and reads as missing. A hit records the time of the read
   * (the file's atime), which eviction goes by.
   */
  get(key: string): Uint8Array | undefined {
    const file = this.file(key);
    let fd: number;
    try {
      fd = openSync(file, 'r');
    } catch {
      return undefined;
    }
    let bytes: Buffer;
    let valid: boolean;
    try {
      bytes = readFileSync(fd);
      valid = isValid(key, bytes);
      if (valid) {
        try {
          futimesSync(fd, Date.now() / 1000, fstatSync(fd).mtime);
        } catch {
          /* a read-only cache still serves */
        }
      }
    } catch {
      return undefined;
    } finally {
      closeSync(fd);
    }
    if (!valid) {
      tryUnlink(file);
      return undefined;
    }
    // A copy with a buffer of its own (offset 0), as a freshly made artifact has.
    return new Uint8Array(bytes.buffer, bytes.byteOffset + HEADER, bytes.length - HEADER).slice();
  }

  /**
   * Store `content` under `key`: written to a temporary file beside the entry
   * and renamed over it, so a reader sees the whole entry or none. An entry
   * larger than the whole cache is not stored. Returns whether it was stored.
   */
  put(key: string, content: Uint8Array): boolean {
    const file = this.file(key);
    const size = HEADER + content.byteLength;
    if (size > this.maxBytes) return false;
    const temp = `${file}.${process.pid}-${threadId}-${randomBytes(6).toString('hex')}.tmp`;
    try {
      this.prepare();
      const fd = openSync(temp, 'wx');
      try {
        writeSync(fd, MAGIC);
        writeSync(fd, checksum(key, content));
        let at = 0;
        while (at < content.byteLength) at += writeSync(fd, content, at);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, file);
    } catch {
      tryUnlink(temp);
      return false;
    }
    this.writtenSinceSweep += size;
    // Each process checks the size at its first write, then after every sixteenth of the bound it wrote.
    if (!this.swept || this.writtenSinceSweep >= this.maxBytes / 16) this.sweep();
    return true;
  }

  /**
   * Bring the cache within its size bound: delete the entries read least
   * recently (oldest atime first) until the rest fit, and temporary files
   * that killed writers left.
   */
  sweep(): void {
    this.swept = true;
    this.writtenSinceSweep = 0;
    let names: string[];
    try {
      names = readdirSync(this.entries);
    } catch {
      return;
    }
    const now = Date.now();
    const found: { path: string; name: string; size: number; atime: number }[] = [];
    let total = 0;
    for (const name of names) {
      const path = join(this.entries, name);
      let st: ReturnType<typeof statSync>;
      try {
        st = statSync(path);
      } catch {
        continue;
      }
      if (!st.isFile()) continue;
      if (name.endsWith('.tmp')) {
        if (now - st.mtimeMs > STALE_TEMP_MS) tryUnlink(path);
        continue;
      }
      found.push({ path, name, size: st.size, atime: st.atimeMs });
      total += st.size;
    }
    if (total <= this.maxBytes) return;
    found.sort((a, b) => a.atime - b.atime || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of found) {
      if (total <= this.maxBytes) break;
      tryUnlink(entry.path);
      total -= entry.size;
    }
  }

  /** The entry's folder, with a .gitignore and a CACHEDIR.TAG (backup tools skip such folders). */
  private prepare(): void {
    if (this.ready) return;
    mkdirSync(this.entries, { recursive: true });
    const gitignore = join(this.dir, '.gitignore');
    if (!existsSync(gitignore)) writeFileSync(gitignore, '# brief build cache: safe to delete\n*\n');
    const tag = join(this.dir, 'CACHEDIR.TAG');
    if (!existsSync(tag)) writeFileSync(tag, 'Signature: 8a477f597d28d172789f06886806bc55\n# brief build cache (font subsets, drawn pictures); safe to delete.\n');
    this.ready = true;
  }
}

function isValid(key: string, bytes: Buffer): boolean {
  if (bytes.length < HEADER || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return false;
  return checksum(key, bytes.subarray(HEADER)).equals(bytes.subarray(MAGIC.length, HEADER));
}

/**
 * The folder the cache uses by default: `.cache/brief` in the node_modules
 * folder of the installation this package belongs to (the one holding npm's
 * `.package-lock.json`), or undefined when there is none.
 */
export function defaultCacheDir(from: string = dirname(fileURLToPath(import.meta.url))): string | undefined {
  let fallback: string | undefined;
  for (let dir = from; ; dir = dirname(dir)) {
    if (basename(dir) === 'node_modules') return join(dir, '.cache', 'brief');
    const modules = join(dir, 'node_modules');
    if (existsSync(join(modules, '.package-lock.json'))) return join(modules, '.cache', 'brief');
    if (!fallback && existsSync(modules)) fallback = join(modules, '.cache', 'brief');
    if (dirname(dir) === dir) return fallback;
  }
}

/**
 * Settings from the environment: `BRIEF_CACHE=off` (or `0`, `false`, `no`)
 * disables the cache (undefined); `BRIEF_CACHE_DIR` names the folder (default
 * `defaultCacheDir()`); `BRIEF_CACHE_MAX_MB` bounds its size (default 512; 0
 * stores nothing).
 */
export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): CacheSettings | undefined {
  const flag = env.BRIEF_CACHE?.trim().toLowerCase();
  if (flag === 'off' || flag === '0' || flag === 'false' || flag === 'no') return undefined;
  const dir = env.BRIEF_CACHE_DIR ? resolve(env.BRIEF_CACHE_DIR) : defaultCacheDir();
  if (!dir) return undefined;
  const raw = env.BRIEF_CACHE_MAX_MB?.trim();
  const mb = raw ? Number(raw) : DEFAULT_MAX_MB;
  const maxMb = Number.isFinite(mb) && mb >= 0 ? mb : DEFAULT_MAX_MB;
  if (maxMb === 0) return undefined;
  return { dir, maxBytes: Math.floor(maxMb * 1024 * 1024) };
}

let shared: { cache: ContentCache | undefined } | undefined;

/** This thread's cache, set up from the environment at first use; undefined when disabled. */
export function buildCache(): ContentCache | undefined {
  if (!shared) {
    const settings = settingsFromEnv();
    shared = { cache: settings ? new ContentCache(settings) : undefined };
  }
  return shared.cache;
}

/** Cache writes put off until the answer they do not change is given (`afterAnswer`). */
const deferred: (() => void)[] = [];

/**
 * Put off a cache write that nothing in the current job waits for (the
 * entries a layout keeps for the next build) until the job's answer is on
 * its way: `writeDeferred` does it then, and before the thread's next job or
 * its end. A write that fails is left out, as a failed `put` is.
 */
export function afterAnswer(write: () => void): void {
  deferred.push(write);
}

let holding = false;

/**
 * Keep what a build read from the cache and decoded in memory for the next
 * build of this thread (`holdsBetweenBuilds`): for a thread that renders the
 * same editions again and again (`brief watch`'s workers), at the cost of
 * the memory it holds between builds. Off by default: a one-off build lets
 * it go as soon as it is done with it.
 */
export function holdBetweenBuilds(on = true): void {
  holding = on;
}

/** Whether this thread keeps what a build decoded for the next build (`holdBetweenBuilds`). */
export function holdsBetweenBuilds(): boolean {
  return holding;
}

/** Cache writes put off until this thread's builds pause (`afterBuilds`), by name. */
const whenIdle = new Map<string, () => void>();

/**
 * A cache write that only a later process needs. In a thread that holds
 * what it decoded between builds (`holdsBetweenBuilds`: `brief watch`'s
 * workers), it waits until the builds pause (`writeWhenIdle`), and a later
 * write under the same name replaces it: an entry rewritten whole after
 * every edit (the composed paragraphs of an edition, the shaped runs of a
 * face) is written once when the editing stops, not on every save.
 * Elsewhere it is done now (a write put off until the answer is given,
 * `afterAnswer`, calls this when its time comes).
 */
export function afterBuilds(name: string, write: () => void): void {
  if (!holding) {
    write();
    return;
  }
  whenIdle.delete(name);
  whenIdle.set(name, write);
}

/** Do the writes `afterBuilds` put off until the builds pause. */
export function writeWhenIdle(): void {
  for (const [name, write] of whenIdle) {
    whenIdle.delete(name);
    try {
      write();
    } catch {
      // As in `writeDeferred`.
    }
  }
}

/** Do the writes `afterAnswer` put off, in the order they were put off. */
export function writeDeferred(): void {
  while (deferred.length > 0) {
    try {
      deferred.shift()!();
    } catch {
      // A cache that cannot be written is no cache: the next build makes the entry again.
    }
  }
}

/**
 * The artifact stored under `key`, or `make()`'s result, stored for next
 * time. With the cache disabled (or `cache` null), just `make()`.
 */
export async function cached(key: string, make: () => Uint8Array | Promise<Uint8Array>, cache: ContentCache | null | undefined = buildCache()): Promise<Uint8Array> {
  const hit = cache?.get(key);
  if (hit) return hit;
  const made = await make();
  cache?.put(key, made);
  return made;
}

/** One part of a key: text (UTF-8), bytes, or a JSON value. */
export type KeyPart = string | Uint8Array | number | boolean | null | readonly KeyPart[] | { readonly [name: string]: KeyPart | undefined };

/**
 * sha256 (hex) over the parts, each tagged with its kind and length, so
 * `('ab', 'c')` and `('a', 'bc')` give different keys.
 */
export function cacheKey(...parts: readonly KeyPart[]): string {
  const hash = createHash('sha256');
  const length = Buffer.alloc(4);
  for (const part of parts) {
    let kind: string;
    let bytes: Uint8Array;
    if (typeof part === 'string') {
      kind = 's';
      bytes = Buffer.from(part, 'utf8');
    } else if (part instanceof Uint8Array) {
      kind = 'b';
      bytes = part;
    } else {
      kind = 'j';
      bytes = Buffer.from(JSON.stringify(part), 'utf8');
    }
    length.writeUInt32BE(bytes.byteLength);
    hash.update(kind).update(length).update(bytes);
  }
  return hash.digest('hex');
}

interface PackageJson {
  name?: string;
  version?: string;
}

/** The folder and package.json of the package a file belongs to (the nearest package.json above it, with a name). */
function packageOf(file: string, name?: string): { root: string; json: PackageJson } {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const path = join(dir, 'package.json');
    if (existsSync(path)) {
      const json = JSON.parse(readFileSync(path, 'utf8')) as PackageJson;
      if (json.name && (name === undefined || json.name === name)) return { root: dir, json };
    }
    if (dirname(dir) === dir) throw new Error(`no package.json${name ? ` of ${name}` : ''} above ${file}`);
  }
}

/** Hashes of script folders, by folder: modules of one folder name the same code. */
const scriptHashes = new Map<string, string>();

/**
 * sha256 over every script under a folder (names and bytes, in name order):
 * compiled .js, or .ts when run from source (tests); declaration files
 * (`.d.ts`) do not run and are left out. Computed once per folder and thread.
 */
function hashScripts(dir: string): string {
  const known = scriptHashes.get(dir);
  if (known) return known;
  const hash = createHash('sha256');
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.[cm]?[jt]s$/.test(entry.name) && !/\.d\.[cm]?ts$/.test(entry.name)) hash.update(`${path.slice(dir.length)}\0`).update(readFileSync(path));
    }
  };
  walk(dir);
  const digest = hash.digest('hex');
  scriptHashes.set(dir, digest);
  return digest;
}

/** Whether a package is a workspace's own (not an installed copy). */
const isWorkspace = (root: string) => !root.split(sep).includes('node_modules');

/** name@version, and for a workspace package the hash of the scripts beside its entry point. */
function describe(entry: string, name?: string): string {
  const { root, json } = packageOf(entry, name);
  const id = `${json.name}@${json.version ?? ''}`;
  return isWorkspace(root) ? `${id}#${hashScripts(dirname(entry))}` : id;
}

const identities = new Map<string, string>();

/**
 * The identity of the code that makes an artifact: the package of
 * `moduleUrl` (name, version and the hash of the scripts in the module's
 * folder, e.g. its `dist/`), and each of `dependencies` as resolved from
 * there: a workspace package the same way, an installed one by name and
 * version. Computed once per thread.
 */
export function codeIdentity(moduleUrl: string, dependencies: readonly string[] = []): string {
  const memo = `${moduleUrl}\0${dependencies.join('\0')}`;
  let identity = identities.get(memo);
  if (identity) return identity;
  const file = fileURLToPath(moduleUrl);
  const require = createRequire(file);
  const parts = [describe(file)];
  for (const dependency of dependencies) parts.push(describe(require.resolve(dependency), dependency));
  identity = cacheKey('code', ...parts);
  identities.set(memo, identity);
  return identity;
}
