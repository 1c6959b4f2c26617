/** Shaped runs kept between builds: read back as shaped, merged with what another build wrote, never taken from a damaged entry. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContentCache } from '@brief/build-cache';
import { afterAll, describe, expect, it } from 'vitest';
import type { ShapedRun } from './pdfmake-adapter.js';
import { forgetShapedRuns, keptRuns, saveShapedRuns } from './shaped-runs.js';

const dir = mkdtempSync(join(tmpdir(), 'brief-shaped-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cache = new ContentCache({ dir, maxBytes: 16 * 1024 * 1024 });

const run = (id: number, text: string): ShapedRun => ({
  glyphs: [...text].map((ch, k) => ({ id: id + k, advanceWidth: 500 + k, codePoints: [ch.codePointAt(0)!] })),
  positions: [...text].map((_, k) => ({ xAdvance: 250.125 + k, yAdvance: 0, xOffset: k === 1 ? -12.5 : 0, yOffset: 0, advanceWidth: 250.125 + k })),
  advanceWidth: 1000.5,
});
const font = (seed: number) => new Uint8Array(64).fill(seed);

describe('shaped runs kept between builds', () => {
  it('gives a later build the runs an earlier one shaped, as they were', () => {
    const first = keptRuns(font(1), cache);
    expect(first.size).toBe(0);
    first.set('Tariffs ', run(10, 'Tariffs '));
    first.set('\u0000{"halt":true}\u0000「', run(40, '「'));
    saveShapedRuns(cache);
    forgetShapedRuns();
    const later = keptRuns(font(1), cache);
    expect(later.get('Tariffs ')).toEqual(run(10, 'Tariffs '));
    expect(later.get('\u0000{"halt":true}\u0000「')).toEqual(run(40, '「'));
    // A ligature stands for two characters, a mark glyph for none; numbers of every kind read back exactly.
    const ligature: ShapedRun = {
      glyphs: [
        { id: 311, advanceWidth: 1142, codePoints: [0x66, 0x69] },
        { id: 7, advanceWidth: 0, codePoints: [] },
      ],
      positions: [
        { xAdvance: 557.6171875, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: 557.6171875 },
        { xAdvance: 0, yAdvance: -3.0000000000000004, xOffset: -1e-7, yOffset: 12345678.9, advanceWidth: 0 },
      ],
      advanceWidth: 557.6171875,
    };
    const saved = keptRuns(font(1), cache);
    saved.set('fi ', ligature);
    saveShapedRuns(cache);
    forgetShapedRuns();
    expect(keptRuns(font(1), cache).get('fi ')).toStrictEqual(ligature);
    // Another font file's bytes have runs of their own.
    expect(keptRuns(font(2), cache).has('Tariffs ')).toBe(false);
  });

  /** Save one run of font `n` from a fresh start: the name of the entry file it makes. */
  const savedEntry = (n: number, text: string, glyph: number): string => {
    forgetShapedRuns();
    const before = new Set(readdirSync(join(dir, 'v1')));
    keptRuns(font(n), cache).set(text, run(glyph, text));
    saveShapedRuns(cache);
    const [file] = readdirSync(join(dir, 'v1')).filter((name) => !before.has(name) && !name.endsWith('.tmp'));
    if (!file) throw new Error('no entry was written');
    return file;
  };

  it('keeps what another build wrote in the meantime', () => {
    // The other build's entry, made here and set aside until "the meantime".
    const file = savedEntry(3, 'steel ', 60);
    const theirs = readFileSync(join(dir, 'v1', file));
    rmSync(join(dir, 'v1', file));
    // This build reads no entry; the other one writes its runs; this one then adds its own.
    forgetShapedRuns();
    const mine = keptRuns(font(3), cache);
    expect(mine.has('steel ')).toBe(false);
    writeFileSync(join(dir, 'v1', file), theirs);
    mine.set('aluminium ', run(80, 'aluminium '));
    saveShapedRuns(cache);
    forgetShapedRuns();
    const both = keptRuns(font(3), cache);
    expect(both.has('aluminium ') && both.has('steel ')).toBe(true);
  });

  it('writes again without reading back the entry it wrote itself', () => {
    forgetShapedRuns();
    let reads = 0;
    const counting = Object.create(cache, {
      get: {
        value: (key: string) => {
          reads++;
          return cache.get(key);
        },
      },
    }) as ContentCache;
    const runs = keptRuns(font(5), counting);
    runs.set('tin ', run(90, 'tin '));
    saveShapedRuns(counting);
    const afterFirst = reads;
    runs.set('zinc ', run(95, 'zinc '));
    saveShapedRuns(counting);
    expect(reads).toBe(afterFirst);
    forgetShapedRuns();
    const later = keptRuns(font(5), cache);
    expect(later.get('tin ')).toEqual(run(90, 'tin '));
    expect(later.get('zinc ')).toEqual(run(95, 'zinc '));
  });

  it('starts empty from an entry that is not whole', () => {
    const file = savedEntry(4, 'x', 1);
    writeFileSync(join(dir, 'v1', file), 'BRIEFC1\ntruncated');
    forgetShapedRuns();
    expect(keptRuns(font(4), cache).has('x')).toBe(false);
  });
});
