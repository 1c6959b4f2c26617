import { describe, expect, it } from 'vitest';
import { autoColumnWidths } from './index.js';

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe('autoColumnWidths', () => {
  it('gives every column its widest content when the table fits, sharing the rest', () => {
    expect(autoColumnWidths([10, 10], [40, 60], [40, 60], 200)).toEqual([80, 120]);
  });

  it('keeps each column at its rows’ widest and gives what is left to the heads that need more, by how much', () => {
    // A name column (rows 110, head 60) and three figure columns under long heads (rows 30, heads 90).
    const w = autoColumnWidths([60, 25, 25, 25], [110, 90, 90, 90], [110, 30, 30, 30], 320);
    expect(sum(w)).toBeCloseTo(320, 6);
    expect(w[0]).toBeCloseTo(110, 6);
    for (const c of [1, 2, 3]) expect(w[c]).toBeCloseTo(70, 6);
  });

  it('keeps short columns whole and shares the rest by the rows’ text when the rows do not fit', () => {
    // 事業者 | 路線・区間 | 輸送密度（人/日） | 協議の枠組み | 状況, 9 pt: the head of the figures column is two
    // phrases (輸送密度 / （人/日）) whose longer sets the column, wider than its figures.
    const mins = [38, 72, 40, 54, 72];
    const maxes = [38, 126, 76, 99, 171];
    const rows = [38, 126, 23, 99, 171];
    const w = autoColumnWidths(mins, maxes, rows, 440);
    expect(sum(w)).toBeCloseTo(440, 6);
    expect(w[0]).toBeCloseTo(38, 6);
    expect(w[2]).toBeCloseTo(40, 6);
    // Each column whose rows fit its fair share whole (再構築協議会（要請中）, 吾妻線（長野原草津口～大前）); 状況 wraps.
    expect(w[1]).toBeCloseTo(126, 6);
    expect(w[3]).toBeCloseTo(99, 6);
    expect(w[4]).toBeCloseTo(440 - 38 - 126 - 40 - 99, 6);
  });

  it('without the fair share, shares the width by the rows’ text, none below its narrowest', () => {
    const mins = [38, 72, 40, 54, 72];
    const rows = [38, 126, 23, 99, 171];
    const w = autoColumnWidths(mins, [38, 126, 76, 99, 171], rows, 440, false);
    expect(sum(w)).toBeCloseTo(440, 6);
    expect(w[0]).toBeCloseTo(38, 6);
    expect(w[2]).toBeCloseTo(40, 6);
    for (const c of [1, 3]) expect(w[4]! / w[c]!).toBeCloseTo(171 / rows[c]!, 6);
  });

  it('keeps a column whose content fits its fair share at that width', () => {
    const w = autoColumnWidths([5, 20, 20], [30, 400, 500], [30, 400, 500], 300);
    expect(w[0]).toBe(30);
    expect(sum(w)).toBeCloseTo(300, 6);
    expect(w[2]! / w[1]!).toBeCloseTo(500 / 400, 6);
  });

  it('does not let one very long cell squeeze the other columns to a character or two', () => {
    // Five Japanese columns (any character may break: longest word one character, 9 pt) and a URL column.
    const mins = [9, 9, 9, 9, 9, 40];
    const maxes = [126, 126, 126, 126, 126, 600];
    const w = autoColumnWidths(mins, maxes, maxes, 470);
    expect(sum(w)).toBeCloseTo(470, 6);
    for (const k of [0, 1, 2, 3, 4]) expect(w[k]!).toBeGreaterThan(45);
    expect(w[5]!).toBeGreaterThan(w[0]!);
  });

  it('never sets a column narrower than its narrowest, nor the table wider than the measure', () => {
    const w = autoColumnWidths([5, 70], [40, 1000], [40, 1000], 100);
    expect(w[1]).toBeGreaterThanOrEqual(70);
    expect(sum(w)).toBeCloseTo(100, 9);
    expect(autoColumnWidths([60, 60], [100, 100], [100, 100], 100)).toEqual([50, 50]);
  });

  it('sets a column with nothing below its head by its head', () => {
    expect(autoColumnWidths([10, 10], [50, 300], [0, 300], 200)[0]).toBeCloseTo(50, 6);
    expect(autoColumnWidths([10, 10], [50, 300], [20, 300], 200)[0]).toBeCloseTo(20, 6);
  });
});
