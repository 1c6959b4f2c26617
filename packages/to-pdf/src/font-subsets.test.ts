/** Embedded font subsets kept between builds: the same face and glyphs give the kept bytes, anything else is cut anew. */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContentCache } from '@brief/build-cache';
import { afterAll, describe, expect, it } from 'vitest';
import { keptSubset } from './font-subsets.js';

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
