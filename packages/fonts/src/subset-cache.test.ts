/** subsetFace goes through the build cache: a second cut of the same face and text is read back, a corrupt entry is made again. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fontFiles, subsetFace } from './index.js';
import { fontBytes, subsetFont } from './subset.js';

const dir = mkdtempSync(join(tmpdir(), 'brief-fonts-cache-'));
process.env.BRIEF_CACHE_DIR = dir;
delete process.env.BRIEF_CACHE;
delete process.env.BRIEF_CACHE_MAX_MB;
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const entries = () => readdirSync(join(dir, 'v1')).filter((n) => !n.endsWith('.tmp'));

describe('subsetFace through the build cache', () => {
  const face = fontFiles('Noto Sans JP').normal;
  const options = { noLayoutClosure: true, preserveNameIds: [0, 13, 14] };

  it('stores a cut once and reads it back, identical to a fresh cut', async () => {
    const fresh = subsetFont(fontBytes(face), '日本外交 ABC', options);
    const first = await subsetFace(face, '日本外交 ABC', options);
    expect(Buffer.from(first).equals(Buffer.from(fresh))).toBe(true);
    expect(entries()).toHaveLength(1);
    const again = await subsetFace(face, '日本外交 ABC', options);
    expect(Buffer.from(again).equals(Buffer.from(fresh))).toBe(true);
    expect(entries()).toHaveLength(1);
    // Another text, other options: other entries.
    await subsetFace(face, '日本外交 ABD', options);
    await subsetFace(face, '日本外交 ABC');
    expect(entries()).toHaveLength(3);
  });

  it('makes a corrupt entry again instead of using it', async () => {
    const fresh = subsetFont(fontBytes(face), 'あ', {});
    await subsetFace(face, 'あ');
    const before = new Set(entries());
    await subsetFace(face, 'い');
    const [file] = entries().filter((n) => !before.has(n));
    const path = join(dir, 'v1', file!);
    const stored = readFileSync(path);
    stored[stored.length - 1]! ^= 1;
    writeFileSync(path, stored);
    const remade = await subsetFace(face, 'い');
    expect(Buffer.from(remade).equals(Buffer.from(subsetFont(fontBytes(face), 'い', {})))).toBe(true);
    expect(Buffer.from(await subsetFace(face, 'あ')).equals(Buffer.from(fresh))).toBe(true);
  });
});
