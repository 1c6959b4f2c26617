/** Embedded font subsets kept between builds: the same face and glyphs give the kept bytes, anything else is cut anew. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';
import { ContentCache } from '@brief/build-cache';
import { fontFiles } from '@brief/fonts';
import { afterAll, describe, expect, it } from 'vitest';
import { keptCompressed, keptSubset, withChecksums } from './font-subsets.js';

const dir = mkdtempSync(join(tmpdir(), 'brief-subsets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cache = new ContentCache({ dir, maxBytes: 16 * 1024 * 1024 });
const face = (seed: number) => new Uint8Array(128).fill(seed);

describe('font subsets kept between builds', () => {
  it('cuts a face once for the same glyphs in the same order', () => {
    let cuts = 0;
    const cut = (n: number) => () => {
      cuts++;
      return new Uint8Array([n, 1, 2, 3]);
    };
    expect(keptSubset(face(1), [0, 5, 9], cut(7), cache)).toEqual(new Uint8Array([7, 1, 2, 3]));
    expect(keptSubset(face(1), [0, 5, 9], cut(8), cache)).toEqual(new Uint8Array([7, 1, 2, 3]));
    expect(cuts).toBe(1);
    // Other glyphs, another order, another face: cut again.
    keptSubset(face(1), [0, 5, 9, 11], cut(9), cache);
    keptSubset(face(1), [0, 9, 5], cut(9), cache);
    keptSubset(face(2), [0, 5, 9], cut(9), cache);
    expect(cuts).toBe(4);
  });

  it('cuts again when the kept entry is damaged', () => {
    const before = new Set(readdirSync(join(dir, 'v1')));
    keptSubset(face(3), [0, 1], () => new Uint8Array([1]), cache);
    const [file] = readdirSync(join(dir, 'v1')).filter((n) => !before.has(n) && !n.endsWith('.tmp'));
    writeFileSync(join(dir, 'v1', file!), 'damaged');
    expect(keptSubset(face(3), [0, 1], () => new Uint8Array([2]), cache)).toEqual(new Uint8Array([2]));
  });
});

describe('large subsets kept compressed', () => {
  it('gives what PDFKit would write for a large subset, compressing it once; a small one is left to PDFKit', () => {
    const large = new Uint8Array(readFileSync(fontFiles('Noto Sans').normal));
    expect(large.byteLength).toBeGreaterThan(64 * 1024);
    const entries = () => readdirSync(join(dir, 'v1')).filter((n) => !n.endsWith('.tmp')).length;
    const before = entries();
    const first = keptCompressed(large, cache)!;
    expect(Buffer.from(first).equals(deflateSync(large))).toBe(true);
    expect(entries()).toBe(before + 1);
    const again = keptCompressed(large, cache)!;
    expect(Buffer.from(inflateSync(again)).equals(Buffer.from(large))).toBe(true);
    expect(entries()).toBe(before + 1);
    expect(keptCompressed(new Uint8Array(1024), cache)).toBeUndefined();
    expect(keptCompressed(large, undefined)).toBeUndefined();
  });
});

describe('subset checksums', () => {
  const sumOf = (bytes: Uint8Array) => {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let sum = 0;
    for (let at = 0; at < bytes.byteLength; at += 4) {
      let word = 0;
      for (let i = 0; i < 4; i++) word = word * 256 + (at + i < bytes.byteLength ? view.getUint8(at + i) : 0);
      sum = (sum + word) % 2 ** 32;
    }
    return sum;
  };
  const font = new Uint8Array(readFileSync(fontFiles('Noto Sans').normal));

  it('makes the whole font sum to the magic number, with the head table checksummed as if its adjustment were zero', () => {
    const out = withChecksums(font);
    expect(sumOf(out)).toBe(0xb1b0afba);
    expect(out.byteLength).toBe(font.byteLength);
  });

  it('gives the same bytes for faces that differ only in their checksums', () => {
    const stale = new Uint8Array(font);
    const view = new DataView(stale.buffer);
    for (let i = 0; i < view.getUint16(4); i++) {
      const record = 12 + i * 16;
      view.setUint32(record + 4, 12345);
      if (view.getUint32(record) === 0x68656164) view.setUint32(view.getUint32(record + 8) + 8, 0xdeadbeef);
    }
    expect(withChecksums(stale)).toEqual(withChecksums(font));
  });

  it('leaves bytes that are not a font as they are', () => {
    const junk = new Uint8Array([1, 2, 3]);
    expect(withChecksums(junk)).toBe(junk);
  });
});
