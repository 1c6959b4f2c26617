import { enContext, jaContext } from './test-context.js';
import { describe, expect, it } from 'vitest';
import type { Inline } from '@brief/document-model';
import { breakLines, breakLinesFirstFit, type BreakOptions, type LineSpec } from './breaker.js';
import { composeInlines } from './compose.js';
import type { Atom, Gap } from './inlines.js';

/** A Latin word of the given width, and the word space before the next one (4 wide, stretching by half, shrinking by a quarter). */
const word = (width: number): Atom => ({
  text: 'w',
  style: { face: { family: 'x', bold: false, italics: false }, size: 10, color: '#000000' },
  cls: 'latin',
  cjk: false,
  width,
  halt: false,
  haltWidth: width,
  spaceBefore: true,
  breakBefore: false,
  url: false,
});
const space = (): Gap => ({ breakable: true, natural: 4, stretch: 2, shrink: 1, space: true });
const paragraph = (widths: readonly number[]) => ({ atoms: widths.map(word), gaps: widths.slice(1).map(space) });

/** Adjustment ratio of each justified line (stretch > 0: looser than natural; 1: word spaces at 1.5 times their width). */
function ratios(atoms: readonly Atom[], gaps: readonly Gap[], lines: readonly LineSpec[], width: number): number[] {
  return lines
    .filter((l) => l.justify)
    .map((l) => {
      let natural = 0;
      let stretch = 0;
      for (let k = l.start; k <= l.end; k++) natural += atoms[k]!.width;
      for (let k = l.start; k < l.end; k++) {
        natural += gaps[k]!.natural;
        stretch += gaps[k]!.stretch;
      }
      return (width - natural) / stretch;
    });
}

const justified = (width: number, avoidShortLast = false): BreakOptions => ({ width: () => width, justify: true, avoidShortLast });

describe('total fit', () => {
  // Line by line, the second line is left with its word spaces at nearly three times their width (ratio 1.93);
  // chosen together, both full lines are a little tight instead.
  const { atoms, gaps } = paragraph([35, 39, 32, 41, 23, 28, 47, 15, 15, 29, 29, 42, 26, 28, 37, 39, 43, 12]);

  it('chooses all breaks together so no line is loose where first fit leaves one', () => {
    const firstFit = breakLinesFirstFit(atoms, gaps, justified(300));
    expect(Math.max(...ratios(atoms, gaps, firstFit, 300))).toBeGreaterThan(1);
    const lines = breakLines(atoms, gaps, justified(300));
    const r = ratios(atoms, gaps, lines, 300);
    expect(r.length).toBeGreaterThan(0);
    for (const x of r) expect(Math.abs(x)).toBeLessThanOrEqual(1);
    expect(lines.map((l) => l.end)).toEqual([8, 16, 17]);
  });

  it('covers every atom once, in order, breaking only where a gap allows it', () => {
    // Every third gap may not break (as kinsoku forbids a break before closing punctuation).
    const g = gaps.map((gap, k) => ({ ...gap, breakable: k % 3 !== 1 }));
    for (const width of [150, 200, 260, 300, 410]) {
      const lines = breakLines(atoms, g, justified(width));
      expect(lines[0]!.start).toBe(0);
      expect(lines[lines.length - 1]!.end).toBe(atoms.length - 1);
      lines.forEach((l, k) => {
        if (k > 0) expect(l.start).toBe(lines[k - 1]!.end + 1);
        if (k < lines.length - 1) expect(g[l.end]!.breakable, `${width}: break after ${l.end}`).toBe(true);
      });
    }
  });

  it('uses the width of each line', () => {
    const lines = breakLines(atoms, gaps, { width: (i) => (i === 0 ? 120 : 300), justify: true, avoidShortLast: false });
    let natural = 0;
    for (let k = lines[0]!.start; k <= lines[0]!.end; k++) natural += atoms[k]!.width + (k < lines[0]!.end ? gaps[k]!.natural - gaps[k]!.shrink : 0);
    expect(natural).toBeLessThanOrEqual(120);
    expect(lines.length).toBeGreaterThan(2);
  });

  it('avoids a last line of a single word', () => {
    // Without the rule the last word stands alone (and line by line, pulling it up or pushing one more word
    // down would overfill or overstretch a line); total fit sets the paragraph in two lines.
    const p = paragraph([30, 45, 25, 30, 10, 40, 10, 30, 15, 25, 40, 45, 35, 45, 30, 10]);
    const without = breakLines(p.atoms, p.gaps, justified(260));
    expect(without.map((l) => l.end)).toEqual([7, 14, 15]);
    const firstFit = breakLinesFirstFit(p.atoms, p.gaps, justified(260, true));
    expect(firstFit[firstFit.length - 1]!.start).toBe(p.atoms.length - 1);
    const lines = breakLines(p.atoms, p.gaps, justified(260, true));
    expect(lines.map((l) => l.end)).toEqual([8, 15]);
    for (const x of ratios(p.atoms, p.gaps, lines, 260)) expect(Math.abs(x)).toBeLessThanOrEqual(1);
  });

  it('never sets a line wider than its measure, even with a unit too wide for it', () => {
    const p = paragraph([30, 30, 140, 30, 30, 30]);
    for (const width of [100, 139, 150]) {
      const lines = breakLines(p.atoms, p.gaps, justified(width));
      expect(lines.flatMap((l) => [l.start, l.end])).toEqual(expect.arrayContaining([0, p.atoms.length - 1]));
      for (const l of lines) {
        let natural = 0;
        let shrink = 0;
        for (let k = l.start; k <= l.end; k++) natural += p.atoms[k]!.width;
        for (let k = l.start; k < l.end; k++) {
          natural += p.gaps[k]!.natural;
          shrink += p.gaps[k]!.shrink;
        }
        // Only the unit that is wider than the line by itself may stick out (the writer cuts such words first).
        if (l.start !== l.end) expect(natural - shrink, `${width}: ${l.start}-${l.end}`).toBeLessThanOrEqual(width + 1e-6);
      }
    }
  });
});

const ja = jaContext;
const en = enContext;
const text = (value: string): Inline => ({ kind: 'text', value });
const layout = (width: number) => ({ width, firstIndent: 0, restIndent: 0, justify: true, align: 'left' as const, avoidShortLast: true });
const lineText = (runs: { text: string }[]) => runs.map((r) => r.text).join('');

describe('total fit on text', () => {
  it('keeps the Japanese line breaking rules', () => {
    const sample =
      '「米国第一」を掲げた上で、南部国境からの不法滞在者、記録的なインフレ、米国の政府組織改革などの内政の課題に取り組むとし、外交・安全保障については「米軍は米国の敵を倒すという唯一の任務に集中」すること、「米国民を豊かにするために外国に関税を課す」ことを強調した（ＭＡＧＡ）。';
    for (let chars = 9; chars <= 31; chars++) {
      const lines = composeInlines([text(sample)], ja, layout(chars * 10.5));
      for (const l of lines) {
        const t = lineText(l.runs);
        expect(t, `${chars}: ${t}`).not.toMatch(/^[、。」）』】・ーっゃゅょァィゥェォッャュョ々％]/);
        expect(t, `${chars}: ${t}`).not.toMatch(/[「（『【]$/);
        expect(l.x + l.width, `${chars}: ${t}`).toBeLessThanOrEqual(chars * 10.5 + 1e-6);
      }
    }
  });

  it('never lets a long token leave the measure', () => {
    const inlines = [
      text('The agreement is at https://www.mofa.go.jp/mofaj/press/release/pressit_000001_01234.html and in'),
      text(' Donaudampfschiffahrtsgesellschaftskapitänswitwenrentenversicherungsanstalt records, per the summary.'),
    ];
    for (const width of [60, 90, 140, 200, 260]) {
      const lines = composeInlines(inlines, en, layout(width));
      for (const l of lines) expect(l.x + l.width, `${width}: ${lineText(l.runs)}`).toBeLessThanOrEqual(width + 1e-6);
    }
  });
});
