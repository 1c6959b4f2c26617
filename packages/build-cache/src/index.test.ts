import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { ContentCache, afterAnswer, afterBuilds, cacheKey, cached, codeIdentity, defaultCacheDir, holdBetweenBuilds, settingsFromEnv, writeDeferred, writeWhenIdle } from './index.js';

const work = mkdtempSync(join(tmpdir(), 'brief-build-cache-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let dirs = 0;
const freshCache = (maxBytes = 1024 * 1024) => new ContentCache({ dir: join(work, `c${dirs++}`), maxBytes });
const bytes = (text: string) => new TextEncoder().encode(text);
const text = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b) : undefined);
const entryFiles = (cache: ContentCache) => (existsSync(join(cache.dir, 'v1')) ? readdirSync(join(cache.dir, 'v1')).sort() : []);

describe('ContentCache', () => {
  it('misses, stores, hits', async () => {
    const cache = freshCache();
    const key = cacheKey('test', 'one');
    expect(cache.get(key)).toBeUndefined();
    let made = 0;
    const make = () => {
      made++;
      return bytes('artifact');
    };
    expect(text(await cached(key, make, cache))).toBe('artifact');
    expect(text(await cached(key, make, cache))).toBe('artifact');
    expect(made).toBe(1);
    expect(text(cache.get(key))).toBe('artifact');
    expect(entryFiles(cache)).toEqual([key]);
    // Marked as ignored by git and as a cache folder.
    expect(readFileSync(join(cache.dir, '.gitignore'), 'utf8')).toMatch(/^\*$/m);
    expect(readFileSync(join(cache.dir, 'CACHEDIR.TAG'), 'utf8')).toMatch(/^Signature: 8a477f597d28d172789f06886806bc55/);
  });

  it('stamps an entry: the same while it is only read, another after every write of it', () => {
    const cache = freshCache();
    const key = cacheKey('test', 'stamped');
    expect(cache.stamp(key)).toBeUndefined();
    cache.put(key, bytes('first'));
    const first = cache.stamp(key);
    expect(first).toBeDefined();
    cache.get(key);
    expect(cache.stamp(key)).toBe(first);
    // The same bytes written again are another file.
    cache.put(key, bytes('first'));
    expect(cache.stamp(key)).not.toBe(first);
  });

  it('gives another key, so a miss, for one changed input byte, and tells parts apart', async () => {
    const cache = freshCache();
    const font = new Uint8Array(4096).map((_, i) => i % 251);
    const changed = font.slice();
    changed[2000]! ^= 1;
    const key = cacheKey('fonts.subsetFace', 'code', font, 'あいう', { noLayoutClosure: true });
    await cached(key, () => bytes('from the first font'), cache);
    const keys = [
      cacheKey('fonts.subsetFace', 'code', changed, 'あいう', { noLayoutClosure: true }),
      cacheKey('fonts.subsetFace', 'code', font, 'あいえ', { noLayoutClosure: true }),
      cacheKey('fonts.subsetFace', 'code', font, 'あいう', { noLayoutClosure: false }),
      cacheKey('fonts.subsetFace', 'other code', font, 'あいう', { noLayoutClosure: true }),
    ];
    for (const other of keys) {
      expect(other).not.toBe(key);
      expect(cache.get(other)).toBeUndefined();
    }
    expect(cacheKey('ab', 'c')).not.toBe(cacheKey('a', 'bc'));
    expect(cacheKey('1')).not.toBe(cacheKey(1));
    expect(cacheKey(bytes('x'))).not.toBe(cacheKey('x'));
    expect(cacheKey('fonts.subsetFace', 'code', font, 'あいう', { noLayoutClosure: true })).toBe(key);
  });

  it('deletes a corrupt entry on read and makes it again', async () => {
    const cache = freshCache();
    const key = cacheKey('corrupt');
    await cached(key, () => bytes('the right bytes'), cache);
    const file = cache.file(key);
    const stored = readFileSync(file);
    stored[stored.length - 3]! ^= 0x20;
    writeFileSync(file, stored);
    expect(cache.get(key)).toBeUndefined();
    expect(existsSync(file)).toBe(false);
    let made = 0;
    expect(
      text(
        await cached(
          key,
          () => {
            made++;
            return bytes('the right bytes');
          },
          cache,
        ),
      ),
    ).toBe('the right bytes');
    expect(made).toBe(1);
    expect(text(cache.get(key))).toBe('the right bytes');
    // A header that is not ours, and an entry moved to another key's name, are refused too.
    writeFileSync(file, Buffer.concat([Buffer.from('NOTOURS!'), readFileSync(file).subarray(8)]));
    expect(cache.get(key)).toBeUndefined();
    const other = cacheKey('other');
    await cached(key, () => bytes('the right bytes'), cache);
    writeFileSync(cache.file(other), readFileSync(file));
    expect(cache.get(other)).toBeUndefined();
    expect(text(cache.get(key))).toBe('the right bytes');
  });

  it('deletes a truncated entry on read', () => {
    const cache = freshCache();
    const content = new Uint8Array(10_000).fill(7);
    for (const length of [9_000, 40, 10, 0]) {
      const key = cacheKey('truncated', length);
      cache.put(key, content);
      truncateSync(cache.file(key), length);
      expect(cache.get(key), `truncated to ${length}`).toBeUndefined();
      expect(existsSync(cache.file(key))).toBe(false);
    }
  });

  it('evicts the entries read least recently when over its size', () => {
    const size = 1000;
    const entry = 40 + size; // header + content
    const cache = freshCache(3 * entry);
    const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map((n) => cacheKey('evict', n)) as [string, string, string, string, string];
    // Access times a few seconds apart, set explicitly so the order does not hang on the clock's resolution.
    const at = (key: string, seconds: number) => utimesSync(cache.file(key), seconds, seconds);
    const base = Date.now() / 1000 - 100;
    cache.put(a, new Uint8Array(size).fill(1));
    at(a, base);
    cache.put(b, new Uint8Array(size).fill(2));
    at(b, base + 1);
    cache.put(c, new Uint8Array(size).fill(3));
    at(c, base + 2);
    expect(entryFiles(cache)).toEqual([a, b, c].sort());
    // Reading a records the time of the read: b is now the least recently used.
    expect(cache.get(a)).toBeDefined();
    cache.put(d, new Uint8Array(size).fill(4));
    expect(entryFiles(cache)).toEqual([a, c, d].sort());
    cache.put(e, new Uint8Array(size).fill(5));
    expect(entryFiles(cache)).toEqual([a, d, e].sort());
    expect(cache.get(a)![0]).toBe(1);
    // An entry larger than the whole cache is not stored.
    expect(cache.put(cacheKey('huge'), new Uint8Array(4 * entry))).toBe(false);
    expect(entryFiles(cache)).toEqual([a, d, e].sort());
  });

  it('leaves one valid entry when two threads write one key at once, and readers never see half of one', async () => {
    const cache = freshCache(64 * 1024 * 1024);
    const key = cacheKey('concurrent');
    const content = new Uint8Array(2 * 1024 * 1024).map((_, i) => (i * 31) % 256);
    const script = join(work, 'writer.mjs');
    const dist = pathToFileURL(resolve(import.meta.dirname, '../dist/index.js')).href;
    writeFileSync(
      script,
      `import { workerData, parentPort } from 'node:worker_threads';
import { ContentCache } from ${JSON.stringify(dist)};
const cache = new ContentCache({ dir: workerData.dir, maxBytes: workerData.maxBytes });
let stored = 0;
for (let i = 0; i < workerData.rounds; i++) if (cache.put(workerData.key, workerData.content)) stored++;
parentPort.postMessage(stored);
`,
    );
    const writer = () =>
      new Promise<number>((done, fail) => {
        const worker = new Worker(script, { workerData: { dir: cache.dir, maxBytes: cache.maxBytes, key, content, rounds: 40 } });
        worker.once('message', done);
        worker.once('error', fail);
      });
    const writers = Promise.all([writer(), writer()]);
    let finished = false;
    void writers.finally(() => (finished = true));
    let reads = 0;
    while (!finished) {
      const got = cache.get(key);
      if (got) {
        expect(Buffer.from(got).equals(Buffer.from(content))).toBe(true);
        reads++;
      }
      await new Promise((r) => setTimeout(r, 1));
    }
    expect(await writers).toEqual([40, 40]);
    expect(entryFiles(cache)).toEqual([key]);
    expect(Buffer.from(cache.get(key)!).equals(Buffer.from(content))).toBe(true);
    expect(reads).toBeGreaterThan(0);
  }, 60_000);

  it('removes temporary files that killed writers left', () => {
    const cache = freshCache();
    const key = cacheKey('temp');
    cache.put(key, bytes('x'));
    const stale = `${cache.file(key)}.1-0-dead.tmp`;
    const fresh = `${cache.file(key)}.2-0-live.tmp`;
    writeFileSync(stale, 'half');
    writeFileSync(fresh, 'half');
    const old = Date.now() / 1000 - 2 * 3600;
    utimesSync(stale, old, old);
    cache.sweep();
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
  });
});

describe('settings from the environment', () => {
  it('is off with BRIEF_CACHE=off, and then makes every time and writes nothing', async () => {
    for (const off of ['off', 'OFF', '0', 'false', 'no']) expect(settingsFromEnv({ BRIEF_CACHE: off, BRIEF_CACHE_DIR: join(work, 'never') })).toBeUndefined();
    expect(settingsFromEnv({ BRIEF_CACHE_MAX_MB: '0' })).toBeUndefined();
    let made = 0;
    for (let i = 0; i < 2; i++)
      await cached(
        cacheKey('off'),
        () => {
          made++;
          return bytes('x');
        },
        null,
      );
    expect(made).toBe(2);
    expect(existsSync(join(work, 'never'))).toBe(false);
  });

  it('lives in node_modules/.cache/brief by default, or where BRIEF_CACHE_DIR says, bounded by BRIEF_CACHE_MAX_MB', () => {
    const root = resolve(import.meta.dirname, '../../..');
    expect(defaultCacheDir()).toBe(join(root, 'node_modules', '.cache', 'brief'));
    expect(settingsFromEnv({})).toEqual({ dir: join(root, 'node_modules', '.cache', 'brief'), maxBytes: 512 * 1024 * 1024 });
    expect(settingsFromEnv({ BRIEF_CACHE_DIR: 'rel/dir', BRIEF_CACHE_MAX_MB: '2' })).toEqual({ dir: resolve('rel/dir'), maxBytes: 2 * 1024 * 1024 });
    expect(settingsFromEnv({ BRIEF_CACHE_MAX_MB: 'lots' })?.maxBytes).toBe(512 * 1024 * 1024);
    // Installed as a dependency, the installation's node_modules.
    expect(defaultCacheDir('/x/app/node_modules/@brief/build-cache/dist')).toBe('/x/app/node_modules/.cache/brief');
  });
});

describe('codeIdentity', () => {
  it('is stable and names the dependencies', () => {
    const url = pathToFileURL(resolve(import.meta.dirname, '../dist/index.js')).href;
    expect(codeIdentity(url)).toMatch(/^[0-9a-f]{64}$/);
    expect(codeIdentity(url)).toBe(codeIdentity(url));
    const fonts = pathToFileURL(resolve(import.meta.dirname, '../../fonts/dist/index.js')).href;
    expect(codeIdentity(fonts, ['harfbuzzjs'])).not.toBe(codeIdentity(fonts));
  });

  it('follows the bytes of the compiled files, not where they are', () => {
    const make = (name: string, code: string) => {
      const root = join(work, name);
      mkdirSync(join(root, 'dist'), { recursive: true });
      writeFileSync(join(root, 'package.json'), JSON.stringify({ name: '@test/maker', version: '1.0.0' }));
      writeFileSync(join(root, 'dist/index.js'), code);
      writeFileSync(join(root, 'dist/index.js.map'), `{"mappings":"${name}"}`);
      // Declarations do not run: they differ here without changing the identity.
      writeFileSync(join(root, 'dist/index.d.ts'), `// ${name}\nexport declare const x: number;\n`);
      return pathToFileURL(join(root, 'dist/index.js')).href;
    };
    const a = make('maker-a', 'export const x = 1;\n');
    const b = make('maker-b', 'export const x = 1;\n');
    const c = make('maker-c', 'export const x = 2;\n');
    expect(codeIdentity(a)).toBe(codeIdentity(b));
    expect(codeIdentity(c)).not.toBe(codeIdentity(a));
  });
});

describe('writes put off until the answer is given', () => {
  it('are done by writeDeferred, in order, once each; one that throws does not stop the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'brief-deferred-'));
    try {
      const cache = new ContentCache({ dir, maxBytes: 1 << 20 });
      const done: string[] = [];
      const key = cacheKey('deferred', 'a');
      afterAnswer(() => cache.put(key, Buffer.from('first')));
      afterAnswer(() => {
        throw new Error('disk full');
      });
      afterAnswer(() => done.push('after the failure'));
      expect(cache.get(key)).toBeUndefined();
      writeDeferred();
      expect(Buffer.from(cache.get(key)!).toString()).toBe('first');
      expect(done).toEqual(['after the failure']);
      writeDeferred();
      expect(done).toEqual(['after the failure']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('writes put off until the builds pause', () => {
  it('wait for writeWhenIdle in a thread that holds between builds, the last under each name only', () => {
    const done: string[] = [];
    holdBetweenBuilds();
    try {
      afterBuilds('atoms ja', () => done.push('ja 1'));
      afterBuilds('atoms en', () => done.push('en 1'));
      afterBuilds('atoms ja', () => done.push('ja 2'));
      writeDeferred();
      expect(done).toEqual([]);
      writeWhenIdle();
      expect(done).toEqual(['en 1', 'ja 2']);
      writeWhenIdle();
      expect(done).toEqual(['en 1', 'ja 2']);
    } finally {
      holdBetweenBuilds(false);
    }
  });

  it('are done at once elsewhere, each one', () => {
    const done: string[] = [];
    afterBuilds('atoms ja', () => done.push('ja 1'));
    afterBuilds('atoms ja', () => done.push('ja 2'));
    expect(done).toEqual(['ja 1', 'ja 2']);
  });
});
