import { describe, expect, it } from 'vitest';
import { columnWidths, sharedByRows } from './tables.js';

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe('columnWidths', () => {
  it('gives every column its widest content when the table fits, sharing the rest', () => {
    const w = columnWidths([10, 10], [40, 60], 200);
    expect(w).toEqual([80, 120]);
  });

  it('does not let one very long cell squeeze the other columns to a character or two', () => {
    // Five Japanese columns (any character may break: longest word one character, 9 pt) and a URL column.
    const mins = [9, 9, 9, 9, 9, 40];
    const maxes = [126, 126, 126, 126, 126, 600];
    const w = columnWidths(mins, maxes, 470);
    expect(sum(w)).toBeCloseTo(470, 6);
    for (const k of [0, 1, 2, 3, 4]) expect(w[k]!).toBeGreaterThan(45);
    expect(w[5]!).toBeGreaterThan(w[0]!);
  });

  it('keeps a column whose content fits its fair share at that width', () => {
    const w = columnWidths([5, 20, 20], [30, 400, 500], 300);
    expect(w[0]).toBe(30);
    expect(sum(w)).toBeCloseTo(300, 6);
    expect(w[2]! / w[1]!).toBeCloseTo(500 / 400, 6);
  });

  it('never sets a column narrower than its longest word, nor the table wider than the measure', () => {
    const w = columnWidths([5, 70], [40, 1000], 100);
    expect(w[1]).toBeGreaterThanOrEqual(70);
    expect(sum(w)).toBeLessThanOrEqual(100 + 1e-9);
    const tight = columnWidths([60, 60], [100, 100], 100);
    expect(tight).toEqual([50, 50]);
  });
});

describe('sharedByRows', () => {
  it('keeps each column at its rows’ widest and gives what is left to the heads that need more, by how much', () => {
    // A name column (rows 110, head 60) and three figure columns under long heads (rows 30, heads 90).
    const w = sharedByRows([60, 25, 25, 25], [110, 90, 90, 90], [110, 30, 30, 30], 320);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(320, 6);
    expect(w[0]).toBeCloseTo(110, 6);
    for (const c of [1, 2, 3]) expect(w[c]).toBeCloseTo(70, 6);
  });

  it('shares by the rows’ content when even the rows do not fit', () => {
    expect(sharedByRows([20, 20], [100, 300], [100, 300], 200)).toEqual(columnWidths([20, 20], [100, 300], 200));
  });
});
