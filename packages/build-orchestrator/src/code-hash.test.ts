import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { closureHash, dependencyClosure } from './code-hash.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 1)}\n`);
}

/**
 * A small monorepo: two workspace writers (linked from node_modules as npm
 * links them), each using installed packages, one of them nested.
 */
function fixture(): string {
  const root = mkdtempSync(join(tmpdir(), 'code-hash-'));
  dirs.push(root);
  const pkg = (dir: string, name: string, version: string, dependencies: Record<string, string> = {}, extra: Record<string, unknown> = {}) =>
    writeJson(join(root, dir, 'package.json'), { name, version, dependencies, ...extra });
  pkg('packages/to-a', '@x/to-a', '0.1.0', { shared: '^1', 'only-a': '^2' });
  pkg('packages/to-b', '@x/to-b', '0.1.0', { shared: '^1', 'only-b': '^1' });
  writeFileSync(join(root, 'packages/to-a/dist.js'), '');
  mkdirSync(join(root, 'packages/to-a/dist'), { recursive: true });
  writeFileSync(join(root, 'packages/to-a/dist/index.js'), 'export const a = 1;\n');
  mkdirSync(join(root, 'node_modules/@x'), { recursive: true });
  symlinkSync(join(root, 'packages/to-a'), join(root, 'node_modules/@x/to-a'));
  symlinkSync(join(root, 'packages/to-b'), join(root, 'node_modules/@x/to-b'));
  pkg('node_modules/shared', 'shared', '1.0.0', { deep: '^3' });
  pkg('node_modules/deep', 'deep', '3.0.0', {}, { optionalDependencies: { 'not-installed': '^1' } });
  pkg('node_modules/only-a', 'only-a', '2.0.0', { deep: '^4' });
  // only-a needs another major of deep: npm nests it.
  pkg('node_modules/only-a/node_modules/deep', 'deep', '4.0.0');
  pkg('node_modules/only-b', 'only-b', '1.0.0');
  writeJson(join(root, 'package-lock.json'), {
    lockfileVersion: 3,
    packages: {
      'node_modules/shared': { version: '1.0.0', integrity: 'sha512-shared' },
      'node_modules/deep': { version: '3.0.0', integrity: 'sha512-deep3' },
      'node_modules/only-a': { version: '2.0.0', integrity: 'sha512-a' },
      'node_modules/only-a/node_modules/deep': { version: '4.0.0', integrity: 'sha512-deep4' },
      'node_modules/only-b': { version: '1.0.0', integrity: 'sha512-b' },
    },
  });
  return root;
}

describe('dependency closure', () => {
  it('follows dependencies the way Node resolves them, nested installs included', () => {
    const root = fixture();
    const entries = dependencyClosure('@x/to-a', join(root, 'packages/to-a'));
    expect(entries.map((e) => e.identity.replace(/ [0-9a-f]{64}$/, ' <dist>')).sort()).toEqual([
      '@x/to-a workspace <dist>',
      'deep@3.0.0 sha512-deep3',
      'deep@4.0.0 sha512-deep4',
      'only-a@2.0.0 sha512-a',
      'shared@1.0.0 sha512-shared',
    ]);
  });

  it('a version change deep in one writer’s closure changes that writer’s hash only', () => {
    const root = fixture();
    const from = join(root, 'packages');
    const before = { a: closureHash(['@x/to-a'], from), b: closureHash(['@x/to-b'], from) };
    writeJson(join(root, 'node_modules/only-a/node_modules/deep/package.json'), { name: 'deep', version: '4.0.1' });
    expect(closureHash(['@x/to-a'], from)).not.toBe(before.a);
    expect(closureHash(['@x/to-b'], from)).toBe(before.b);
  });

  it('a shared dependency’s upgrade changes both; its lockfile integrity counts too', () => {
    const root = fixture();
    const from = join(root, 'packages');
    const before = { a: closureHash(['@x/to-a'], from), b: closureHash(['@x/to-b'], from) };
    writeJson(join(root, 'node_modules/shared/package.json'), { name: 'shared', version: '1.1.0', dependencies: { deep: '^3' } });
    const upgraded = { a: closureHash(['@x/to-a'], from), b: closureHash(['@x/to-b'], from) };
    expect(upgraded.a).not.toBe(before.a);
    expect(upgraded.b).not.toBe(before.b);
    // Same version, another build of it.
    writeJson(join(root, 'package-lock.json'), { lockfileVersion: 3, packages: { 'node_modules/shared': { version: '1.1.0', integrity: 'sha512-other' } } });
    expect(closureHash(['@x/to-b'], from)).not.toBe(upgraded.b);
  });

  it('npm’s record of the installed tree is read before package-lock.json', () => {
    const root = fixture();
    writeJson(join(root, 'node_modules/.package-lock.json'), { lockfileVersion: 3, packages: { 'node_modules/only-b': { version: '1.0.0', integrity: 'sha512-installed' } } });
    const ids = dependencyClosure('@x/to-b', join(root, 'packages')).map((e) => e.identity);
    expect(ids).toContain('only-b@1.0.0 sha512-installed');
  });

  it('a workspace package counts by its compiled code', () => {
    const root = fixture();
    const from = join(root, 'packages');
    const before = closureHash(['@x/to-a'], from);
    writeFileSync(join(root, 'packages/to-a/dist/index.js'), 'export const a = 2;\n');
    expect(closureHash(['@x/to-a'], from)).not.toBe(before);
  });

  it('the real writers’ closures hold every library they load', () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const names = (writer: string) => new Set(dependencyClosure(writer, here).map((e) => e.name));
    const pdf = names('@brief/to-pdf');
    for (const n of ['@brief/to-pdf', '@brief/fonts', '@brief/templates', 'pdfmake', 'hyphen', 'harfbuzzjs']) expect(pdf, n).toContain(n);
    const docx = names('@brief/to-docx');
    for (const n of ['docx', 'fflate', '@brief/zip-archive', '@brief/svg-raster', '@resvg/resvg-js']) expect(docx, n).toContain(n);
    expect(docx).not.toContain('pdfmake');
    expect(names('@brief/to-epub')).toContain('@brief/zip-archive');
  });
});

describe('a kept closure hash', () => {
  /** A cache in memory, with the entries it was given. */
  const memory = () => {
    const entries = new Map<string, Uint8Array>();
    const put = (key: string, bytes: Uint8Array) => {
      entries.set(key, bytes);
      return true;
    };
    return { entries, get: (key: string) => entries.get(key), put };
  };

  it('is used while every file and folder the walk looked at is as it was', () => {
    const root = fixture();
    const from = join(root, 'packages');
    const cache = memory();
    const walked = closureHash(['@x/to-a'], from, cache);
    expect(walked).toBe(closureHash(['@x/to-a'], from, undefined));
    expect(cache.entries.size).toBe(1);
    // An entry naming another hash, with the same stamps, is believed: the walk did not run again.
    const [key, bytes] = [...cache.entries][0]!;
    const entry = JSON.parse(Buffer.from(bytes).toString('utf8')) as { hash: string; stamps: unknown[] };
    expect(entry.stamps.length).toBeGreaterThan(5);
    cache.entries.set(key, Buffer.from(JSON.stringify({ ...entry, hash: 'kept' })));
    expect(closureHash(['@x/to-a'], from, cache)).toBe('kept');
    // Any change to what it looked at, and the walk runs again.
    writeFileSync(join(root, 'packages/to-a/dist/index.js'), 'export const a = 2;\n');
    const changed = closureHash(['@x/to-a'], from, cache);
    expect(changed).not.toBe('kept');
    expect(changed).not.toBe(walked);
    expect(changed).toBe(closureHash(['@x/to-a'], from, undefined));
  });

  it('sees a file added to a dist folder, a package installed, a lockfile rewritten', () => {
    const root = fixture();
    const from = join(root, 'packages');
    const cache = memory();
    const steps = [
      () => writeFileSync(join(root, 'packages/to-a/dist/more.js'), 'export const b = 1;\n'),
      // The optional dependency of `deep` that was not installed.
      () => writeJson(join(root, 'node_modules/not-installed/package.json'), { name: 'not-installed', version: '1.0.0' }),
      () => writeJson(join(root, 'package-lock.json'), { lockfileVersion: 3, packages: { 'node_modules/only-a': { version: '2.0.0', integrity: 'sha512-rebuilt' } } }),
      () => writeJson(join(root, 'node_modules/.package-lock.json'), { lockfileVersion: 3, packages: {} }),
    ];
    let before = closureHash(['@x/to-a'], from, cache);
    for (const step of steps) {
      step();
      const after = closureHash(['@x/to-a'], from, cache);
      expect(after).not.toBe(before);
      expect(after).toBe(closureHash(['@x/to-a'], from, undefined));
      before = after;
    }
  });

  it('is walked again when the entry does not read', () => {
    const root = fixture();
    const from = join(root, 'packages');
    const cache = memory();
    const walked = closureHash(['@x/to-b'], from, cache);
    for (const damaged of ['{"hash":"kept","stamps":[["/nowhere",[1,2]]]}', '{"hash":"kept"}', 'not json']) {
      for (const key of cache.entries.keys()) cache.entries.set(key, Buffer.from(damaged));
      expect(closureHash(['@x/to-b'], from, cache)).toBe(walked);
    }
  });
});
