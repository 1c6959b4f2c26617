/** svgToPng goes through the build cache, keyed by the SVG, the fonts' bytes (not their paths) and the options. */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCache } from '@brief/build-cache';
import { fontFiles } from '@brief/fonts';
import { pngKey } from './cache.js';
import { svgToPng } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'brief-raster-cache-'));
process.env.BRIEF_CACHE_DIR = dir;
delete process.env.BRIEF_CACHE;
delete process.env.BRIEF_CACHE_MAX_MB;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sans = fontFiles('Noto Sans JP');
const fonts = { files: [sans.normal, sans.bold], defaultFamily: 'Noto Sans JP' };
const svg = (label: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><text x="10" y="40" font-family="Noto Sans JP" font-size="24">${label}</text></svg>`;

describe('svgToPng through the build cache', () => {
  it('draws once, then reads the picture back', async () => {
    const first = await svgToPng(svg('日本 A'), { fonts });
    const key = pngKey(svg('日本 A'), { fonts });
    expect(readdirSync(join(dir, 'v1'))).toContain(key);
    expect(Buffer.from(buildCache()!.get(key)!).equals(Buffer.from(first))).toBe(true);
    expect(Buffer.from(await svgToPng(svg('日本 A'), { fonts })).equals(Buffer.from(first))).toBe(true);
    // What is stored under the key is what comes back (nothing is drawn).
    buildCache()!.put(key, new Uint8Array([1, 2, 3]));
    expect([...(await svgToPng(svg('日本 A'), { fonts }))]).toEqual([1, 2, 3]);
    buildCache()!.put(key, first);
  });

  it('keys by every input: the SVG, the fonts by content, the options', () => {
    const key = pngKey(svg('日本 A'), { fonts });
    expect(pngKey(svg('日本 B'), { fonts })).not.toBe(key);
    expect(pngKey(svg('日本 A'), { fonts, width: 400 })).not.toBe(key);
    expect(pngKey(svg('日本 A'), { fonts, languages: ['ja'] })).not.toBe(key);
    expect(pngKey(svg('日本 A'), { fonts, subset: false })).not.toBe(key);
    expect(pngKey(svg('日本 A'), { fonts: { ...fonts, defaultFamily: 'Noto Serif JP' } })).not.toBe(key);
    expect(pngKey(svg('日本 A'), { fonts: { ...fonts, files: [sans.bold, sans.normal] } })).not.toBe(key);
    // The same bytes at another path: the same key; one byte changed: another.
    const copy = join(dir, 'copy.ttf');
    copyFileSync(sans.bold, copy);
    expect(pngKey(svg('日本 A'), { fonts: { ...fonts, files: [sans.normal, copy] } })).toBe(key);
    const changed = join(dir, 'changed.ttf');
    const bytes = readFileSync(sans.bold);
    bytes[bytes.length - 1]! ^= 1;
    writeFileSync(changed, bytes);
    expect(pngKey(svg('日本 A'), { fonts: { ...fonts, files: [sans.normal, changed] } })).not.toBe(key);
  });
});
