import { describe, expect, it } from 'vitest';
import type { ComposedLine, Run } from './breaker.js';
import { lineOffsets } from './boxes.js';

/** The offsets counted the plain way: the text as an array of code points, sliced for each line. */
function byCodePoints(lines: readonly ComposedLine[], text: string): number[] {
  const chars = [...text];
  const out: number[] = [];
  let at = 0;
  for (const line of lines) {
    while (at < chars.length && /\s/u.test(chars[at]!)) at++;
    out.push(chars.slice(0, at).join('').length);
    const runs = line.runs.filter((r) => r.note === undefined).map((r) => r.text);
    if (line.hyphen && runs.length > 0) runs[runs.length - 1] = runs[runs.length - 1]!.replace(/-$/, '');
    let visible = [...runs.join('')].filter((c) => !/\s/u.test(c)).length;
    while (visible > 0 && at < chars.length) {
      if (!/\s/u.test(chars[at]!)) visible--;
      at++;
    }
  }
  return out;
}

const run = (text: string, note?: number): Run => ({ x: 0, text, style: {} as Run['style'], cs: 0, width: 0, ...(note === undefined ? {} : { note }) });
const line = (runs: Run[], hyphen = false): ComposedLine => ({ runs, x: 0, width: 0, notes: [], justified: false, ...(hyphen ? { hyphen } : {}) }) as ComposedLine;

/** A seeded generator (the same cases every run). */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe('lineOffsets', () => {
  it('counts code points, skips spaces and leaves out note marks and added hyphens', () => {
    const text = 'Zoning 𠮷野家 is hardly  simple.';
    const lines = [line([run('Zoning 𠮷野'), run('1', 1)]), line([run('家 is hard-')], true), line([run('ly simple.')])];
    // 𠮷 is two UTF-16 units: the second line begins at 10, the third after “hard” at 19.
    expect(lineOffsets(lines, text)).toEqual([0, 10, 19]);
    expect(lineOffsets(lines, text)).toEqual(byCodePoints(lines, text));
  });

  it('agrees with counting over an array of code points on mixed text', () => {
    const pieces = ['a', 'word', '語', '𠮷', ' ', '  ', '\u3000', '-', '\n', 'é', '😀'];
    const next = random(7);
    for (let n = 0; n < 300; n++) {
      const words: string[] = [];
      const count = 1 + Math.floor(next() * 40);
      for (let i = 0; i < count; i++) words.push(pieces[Math.floor(next() * pieces.length)]!);
      const text = words.join('');
      // Lines cut at random places of the text, some with a note mark or an added hyphen.
      const lines: ComposedLine[] = [];
      let at = 0;
      const chars = [...text];
      while (at < chars.length) {
        const take = 1 + Math.floor(next() * 6);
        const piece = chars.slice(at, at + take).join('');
        at += take;
        const runs = [run(piece)];
        if (next() < 0.3) runs.push(run('12', 12));
        const hyphen = next() < 0.2;
        if (hyphen) runs[0] = run(`${piece}-`);
        lines.push(line(runs, hyphen));
      }
      expect(lineOffsets(lines, text)).toEqual(byCodePoints(lines, text));
    }
  });
});
