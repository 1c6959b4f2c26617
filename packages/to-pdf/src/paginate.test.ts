import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { paginate, type Box, type NoteLines } from './paginate.js';

const line = (notes: number[] = [], keepWithNext = false): Box<string> => ({ height: 10, notes, keepWithNext, payload: 'line' });
const options = { capacity: () => 100, noteOverhead: 4, noteSpacing: 1, minBody: 20 };
const notesOf = (spec: Record<number, number>) => new Map<number, NoteLines>(Object.entries(spec).map(([n, lines]) => [Number(n), { number: Number(n), lines: new Array(lines).fill(6) }]));

/** Every note line placed exactly once, in order; each note's first line on the page of its mark unless displaced. */
function check(boxes: Box<string>[], notes: Map<number, NoteLines>, result: ReturnType<typeof paginate<string>>) {
  const placed = new Map<number, number[]>();
  const markPage = new Map<number, number>();
  result.pages.forEach((page, p) => {
    const body = page.body.reduce((a, b) => a + b.height, 0);
    expect(body + page.notesHeight).toBeLessThanOrEqual(options.capacity() + 1e-6);
    for (const b of page.body) for (const n of b.box.notes) if (!markPage.has(n)) markPage.set(n, p);
    for (const seg of page.notes) {
      const lines = placed.get(seg.number) ?? [];
      for (let k = seg.from; k < seg.to; k++) lines.push(k);
      placed.set(seg.number, lines);
      if (seg.from === 0 && !result.displaced.some((d) => d.number === seg.number)) expect(p).toBe(markPage.get(seg.number));
    }
  });
  for (const [n, note] of notes) expect(placed.get(n), `note ${n}`).toEqual(note.lines.map((_, k) => k));
  expect(result.pages.flatMap((p) => p.body.map((b) => b.box.payload))).toEqual(boxes.map((b) => b.payload));
}

describe('paginate', () => {
  it('fills pages with lines', () => {
    const boxes = Array.from({ length: 25 }, () => line());
    const r = paginate(boxes, new Map(), options);
    expect(r.pages.map((p) => p.body.length)).toEqual([10, 10, 5]);
  });

  it('puts a note at the foot of the page of its mark', () => {
    const boxes = Array.from({ length: 20 }, (_, k) => line(k === 3 ? [1] : []));
    const notes = notesOf({ 1: 2 });
    const r = paginate(boxes, notes, options);
    expect(r.pages[0]!.notes).toEqual([{ number: 1, from: 0, to: 2 }]);
    // 4 + 12 of notes: 8 lines of body fit.
    expect(r.pages[0]!.body.length).toBe(8);
    check(boxes, notes, r);
  });

  it('continues a long note at the foot of the next page', () => {
    const boxes = Array.from({ length: 30 }, (_, k) => line(k === 6 ? [1] : []));
    const notes = notesOf({ 1: 8 });
    const r = paginate(boxes, notes, options);
    expect(r.pages[0]!.notes[0]!.number).toBe(1);
    expect(r.pages[0]!.notes[0]!.to).toBeLessThan(8);
    expect(r.pages[1]!.notes[0]).toMatchObject({ number: 1, to: 8 });
    expect(r.displaced).toEqual([]);
    check(boxes, notes, r);
  });

  it('splits a note with at least two lines on each page, or sets it whole on the next', () => {
    // Room for one line of the note under the ninth line: a note of four lines goes whole with its mark to the next page.
    const whole = Array.from({ length: 20 }, (_, k) => line(k === 8 ? [1] : []));
    const r1 = paginate(whole, notesOf({ 1: 4 }), options);
    expect(r1.pages[0]!.notes).toEqual([]);
    expect(r1.pages[0]!.body.length).toBe(8);
    expect(r1.pages[1]!.notes).toEqual([{ number: 1, from: 0, to: 4 }]);
    check(whole, notesOf({ 1: 4 }), r1);
    // Room for four lines under the seventh: a note of five keeps two for the next page.
    const split = Array.from({ length: 20 }, (_, k) => line(k === 6 ? [1] : []));
    const r2 = paginate(split, notesOf({ 1: 5 }), options);
    expect(r2.pages[0]!.notes).toEqual([{ number: 1, from: 0, to: 3 }]);
    expect(r2.pages[1]!.notes[0]).toEqual({ number: 1, from: 3, to: 5 });
    check(split, notesOf({ 1: 5 }), r2);
  });

  it('keeps a page with many long notes whole: nothing is lost', () => {
    // One page whose every line calls a long note; some notes are longer than a page.
    const boxes = Array.from({ length: 40 }, (_, k) => line(k < 12 ? [k + 1] : []));
    const notes = notesOf(Object.fromEntries(Array.from({ length: 12 }, (_, k) => [k + 1, k === 5 ? 30 : 5 + (k % 4)])));
    const r = paginate(boxes, notes, options);
    check(boxes, notes, r);
  });

  it('keeps chains together and floats a figure to the next page', () => {
    const fig: Box<string> = { height: 60, notes: [], keepWithNext: false, float: 1, payload: 'figure' };
    const boxes = [...Array.from({ length: 6 }, () => line()), fig, ...Array.from({ length: 6 }, () => line())];
    const r = paginate(boxes, new Map(), options);
    expect(r.pages[0]!.body.map((b) => b.box.payload)).toEqual(new Array(10).fill('line'));
    expect(r.pages[1]!.body[0]!.box.payload).toBe('figure');
  });

  it('never loses a box or a note line (random documents)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ h: fc.integer({ min: 5, max: 40 }), note: fc.integer({ min: 0, max: 25 }), keep: fc.boolean() }), { minLength: 1, maxLength: 60 }), (specs) => {
        let n = 0;
        const noteSpec: Record<number, number> = {};
        const boxes = specs.map((s, k) => {
          const notes: number[] = [];
          if (s.note > 0) {
            n += 1;
            notes.push(n);
            noteSpec[n] = s.note;
          }
          return { height: s.h, notes, keepWithNext: s.keep && k < specs.length - 1, payload: `b${k}` } as Box<string>;
        });
        const notes = notesOf(noteSpec);
        const r = paginate(boxes, notes, options);
        const placedBoxes = r.pages.flatMap((p) => p.body.map((b) => b.box.payload));
        expect(placedBoxes).toEqual(boxes.map((b) => b.payload));
        const lines = new Map<number, number>();
        for (const p of r.pages) for (const s of p.notes) lines.set(s.number, (lines.get(s.number) ?? 0) + s.to - s.from);
        for (const [k, count] of Object.entries(noteSpec)) expect(lines.get(Number(k))).toBe(count);
      }),
      { numRuns: 200 },
    );
  });
});
