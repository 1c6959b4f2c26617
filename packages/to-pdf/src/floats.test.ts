/**
 * Floats and vertical justification in `paginate`: figures that do not fit go to
 * the top of the next page while the text goes on (past headings), in order; a
 * figure right after a heading goes with it only when both fit; a figure before
 * its first mention waits for it; a page that ends early has its blank spread.
 */
import { describe, expect, it } from 'vitest';
import { paginate, type Box } from './paginate.js';

const line = (payload: string, extra: Partial<Box<string>> = {}): Box<string> => ({ height: 10, notes: [], keepWithNext: false, payload, ...extra });
const lines = (prefix: string, n: number): Box<string>[] => Array.from({ length: n }, (_, k) => line(`${prefix}${k}`, { blockStart: k === 0 }));
const figure = (payload: string, id: number, height: number, extra: Partial<Box<string>> = {}): Box<string> => ({
  height,
  notes: [],
  keepWithNext: false,
  float: id,
  payload,
  blockStart: true,
  ...extra,
});
const heading = (payload: string): Box<string> => ({ height: 20, notes: [], keepWithNext: true, heading: true, payload, blockStart: true });
const options = { capacity: () => 100, noteOverhead: 4, noteSpacing: 1, minBody: 20 };
const pagesOf = (r: ReturnType<typeof paginate<string>>) => r.pages.map((p) => p.body.map((b) => b.box.payload));
/** The largest blank between boxes or at the foot, on every page but the last. */
const largestBlank = (r: ReturnType<typeof paginate<string>>) =>
  Math.max(
    ...r.pages.slice(0, -1).map((p) => {
      let end = 0;
      let gap = 0;
      for (const b of p.body) {
        gap = Math.max(gap, b.top - end);
        end = b.top + b.height;
      }
      return Math.max(gap, 100 - p.notesHeight - end);
    }),
  );

describe('floats', () => {
  it('lets the text go on past a heading while a figure waits for the next page', () => {
    const boxes = [...lines('a', 6), figure('F', 1, 50), heading('H'), ...lines('b', 10)];
    const r = paginate(boxes, new Map(), options);
    const pages = pagesOf(r);
    // The heading and the lines after it fill the first page; the figure opens the second.
    expect(pages[0]).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'H', 'b0', 'b1']);
    expect(pages[1]![0]).toBe('F');
  });

  it('lets no text with a later note go before a waiting figure that holds a note: the notes print in order', () => {
    const boxes = [...lines('a', 6), figure('F', 1, 50, { notes: [2] }), line('b0'), line('b1', { notes: [3] }), ...lines('c', 10)];
    const notes = new Map([2, 3].map((n) => [n, { number: n, lines: [5] }]));
    const r = paginate(boxes, notes, options);
    const pages = pagesOf(r);
    // b0 (no note) still fills the first page; b1, with note 3, follows the figure and its note 2.
    expect(pages[0]).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'b0']);
    expect(pages[1]!.slice(0, 2)).toEqual(['F', 'b1']);
    expect(r.pages.flatMap((p) => p.notes.map((n) => n.number))).toEqual([2, 3]);
  });

  it('keeps the order of figures, and puts on a page only the waiting figures that fit it', () => {
    const boxes = [...lines('a', 9), figure('F1', 1, 60), figure('F2', 2, 60), ...lines('b', 20)];
    const r = paginate(boxes, new Map(), options);
    const pages = pagesOf(r);
    expect(pages[1]![0]).toBe('F1');
    // F2 does not fit under F1: the text fills the rest of that page and F2 opens the next.
    expect(pages[1]!.slice(1).every((p) => p.startsWith('b'))).toBe(true);
    expect(pages[1]!.length).toBe(5);
    expect(pages[2]![0]).toBe('F2');
    expect(pages.flat().indexOf('F1')).toBeLessThan(pages.flat().indexOf('F2'));
  });

  it('moves a figure right after a heading with it only when both fit', () => {
    const together = paginate([...lines('a', 3), heading('H'), figure('F', 1, 40), ...lines('b', 10)], new Map(), options);
    expect(pagesOf(together)[0]).toEqual(['a0', 'a1', 'a2', 'H', 'F', 'b0']);
    // Not both: the figure floats, the heading stays here with the lines after it.
    const apart = paginate([...lines('a', 5), heading('H'), figure('F', 1, 40), ...lines('b', 10)], new Map(), options);
    const pages = pagesOf(apart);
    expect(pages[0]).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'H', 'b0', 'b1', 'b2']);
    expect(pages[1]![0]).toBe('F');
  });

  it('keeps the heading of a section that holds only figures above them, before the next heading', () => {
    const r = paginate([...lines('a', 5), heading('S'), figure('T1', 1, 40), figure('T2', 2, 40), heading('H2'), ...lines('b', 10)], new Map(), options);
    const pages = pagesOf(r);
    // The section's heading does not fit with its first figure: both open the next page, the second
    // figure follows, and the next heading comes after them.
    expect(pages[0]).toEqual(['a0', 'a1', 'a2', 'a3', 'a4']);
    expect(pages[1]).toEqual(['S', 'T1', 'T2']);
    expect(pages[2]!.slice(0, 2)).toEqual(['H2', 'b0']);
    // The same at the end of the document, and before a chapter's notes.
    expect(pagesOf(paginate([...lines('a', 5), heading('S'), figure('T1', 1, 60)], new Map(), options))).toEqual([
      ['a0', 'a1', 'a2', 'a3', 'a4'],
      ['S', 'T1'],
    ]);
    const notes = line('notes', { barrier: true });
    expect(pagesOf(paginate([...lines('a', 5), heading('S'), figure('T1', 1, 60), notes], new Map(), options)).slice(1)).toEqual([['S', 'T1', 'notes']]);
  });

  it('sets a waiting figure before the next chapter’s heading when that leaves the page no emptier than the limit', () => {
    const chapter = (payload: string): Box<string> => ({ ...heading(payload), softBarrier: true });
    // 80 of 100 filled: the figure (40) waits; the chapter heading starts the next page after it.
    const near = paginate([...lines('a', 8), figure('F', 1, 40), chapter('H2'), ...lines('b', 5)], new Map(), { ...options, softBarrierBlank: 0.25 });
    expect(pagesOf(near)[0]).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7']);
    expect(pagesOf(near)[1]!.slice(0, 2)).toEqual(['F', 'H2']);
    // 50 of 100 filled: half a page would be left blank, so the chapter goes on and the figure waits.
    const far = paginate([...lines('a', 5), figure('F', 1, 60), chapter('H2'), ...lines('b', 10)], new Map(), { ...options, softBarrierBlank: 0.25 });
    expect(pagesOf(far)[0]!.slice(0, 6)).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'H2']);
    expect(pagesOf(far)[1]![0]).toBe('F');
  });

  it('never sets a chapter’s own figure above its heading when the heading moves to the next page', () => {
    const chapter = (payload: string): Box<string> => ({ ...heading(payload), softBarrier: true });
    // 80 of 100 filled: the heading and its paragraph (50) go to the next page, and the chapter's figure,
    // written after the heading, follows them there (at the next paragraph), not above the heading.
    const para = (prefix: string) => lines(prefix, 3).map((b) => ({ ...b, keepWithNext: b.payload !== `${prefix}2` }));
    const r = paginate([...lines('a', 8), chapter('H2'), figure('T', 1, 20), ...para('b'), ...para('c')], new Map(), { ...options, softBarrierBlank: 0.25 });
    expect(pagesOf(r)).toEqual([
      ['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7'],
      ['H2', 'b0', 'b1', 'b2', 'T', 'c0', 'c1', 'c2'],
    ]);
    // An earlier chapter's waiting figure still goes before the heading (which then has room for its own).
    const earlier = paginate([...lines('a', 8), figure('F', 1, 40), chapter('H2'), figure('T', 2, 10), ...para('b')], new Map(), { ...options, softBarrierBlank: 0.25 });
    expect(pagesOf(earlier)[1]).toEqual(['F', 'H2', 'T', 'b0', 'b1', 'b2']);
  });

  it('does not put a figure on a page before the one that first mentions it', () => {
    const boxes = [...lines('a', 3), figure('F', 1, 30, { held: true }), ...lines('b', 12), line('mention', { releases: [1] }), ...lines('c', 10)];
    const r = paginate(boxes, new Map(), options);
    const pages = pagesOf(r);
    const pageOf = (payload: string) => pages.findIndex((p) => p.includes(payload));
    expect(pageOf('mention')).toBe(1);
    expect(pageOf('F')).toBeGreaterThanOrEqual(pageOf('mention'));
    // Released where it fits: on the mention's page, right after it.
    expect(pages[1]![pages[1]!.indexOf('mention') + 1]).toBe('F');
  });

  it('spreads the blank of a page that ends before a heading that does not fit', () => {
    const boxes = [...lines('a', 5), ...lines('b', 3), heading('H'), ...lines('c', 2), ...lines('d', 10)];
    const ragged = paginate(boxes, new Map(), options);
    expect(largestBlank(ragged)).toBe(20);
    const flush = { maxFraction: 0.25, blockCap: 10, lineCap: 5 };
    const spread = paginate(boxes, new Map(), { ...options, flushBottom: flush });
    expect(pagesOf(spread)).toEqual(pagesOf(ragged));
    // 20 of blank: 10 at the one boundary between blocks, 10 evenly over the seven gaps between lines.
    const step = 10 / 7;
    const expected = [0, 1, 2, 3, 4, 5, 6, 7].map((k) => k * (10 + step) + (k >= 5 ? 10 : 0));
    spread.pages[0]!.body.forEach((b, k) => expect(b.top).toBeCloseTo(expected[k]!, 6));
    expect(spread.pages[0]!.body.length).toBe(8);
    expect(largestBlank(spread)).toBeLessThan(12);
    // Lines take at most their cap; the rest stays at the foot.
    const capped = paginate(boxes, new Map(), { ...options, flushBottom: { ...flush, lineCap: 0.5 } });
    expect(capped.pages[0]!.body.map((b) => b.top)).toEqual([0, 10.5, 21, 31.5, 42, 62.5, 73, 83.5]);
    // A blank larger than the limit stays at the foot.
    const tall = paginate(boxes, new Map(), { ...options, flushBottom: { ...flush, maxFraction: 0.15 } });
    expect(tall.pages[0]!.body.map((b) => b.top)).toEqual([0, 10, 20, 30, 40, 50, 60, 70]);
  });
});
