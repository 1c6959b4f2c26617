/**
 * Titles in balanced lines, running heads on one line ending in an ellipsis.
 */
import { textContext } from './test-context.js';
import { describe, expect, it } from 'vitest';
import { balancedLines, composeInlines, plain } from './compose.js';
import { atColon, oneLine } from './title.js';

const ctx = textContext({
  size: 16,
  fonts: { latin: 'Noto Sans', cjk: 'Noto Sans JP' },
  emphasisFonts: { latin: 'Noto Sans', cjk: 'Noto Sans JP' },
  emphasisItalic: true,
  codeFonts: { latin: 'Noto Sans', cjk: 'Noto Sans JP' },
  bold: true,
  maxWidth: 450,
});
const compose =
  (text: string, align: 'center' | 'left' = 'center') =>
  (w: number) =>
    composeInlines(plain(text), { ...ctx, maxWidth: w }, { width: w, firstIndent: 0, restIndent: 0, justify: false, align, avoidShortLast: true });
const lineText = (l: { runs: { text: string }[] }) => l.runs.map((r) => r.text).join('');

describe('a title in two parts joined by a colon', () => {
  const width = 450;
  const at = (value: readonly Parameters<typeof composeInlines>[0][number][]) =>
    composeInlines(value, { ...ctx, maxWidth: width }, { width, firstIndent: 0, restIndent: 0, justify: false, align: 'center', avoidShortLast: true });
  const title = (value: string) => atColon(plain(value), {} as never, at)?.map(lineText);

  it('breaks after its colon when it needs two lines and each part fits one', () => {
    expect(title('Reforming Municipal Flood Insurance: Risk Pooling, Affordability and the Precedent')).toEqual([
      'Reforming Municipal Flood Insurance:',
      'Risk Pooling, Affordability and the Precedent',
    ]);
  });

  it('leaves a title that fits one line, has no colon, or a part longer than a line to the balanced break', () => {
    expect(title('Flood Insurance: A Memo')).toBeUndefined();
    expect(title('Reforming Municipal Flood Insurance for Risk Pooling, Affordability and the Precedent')).toBeUndefined();
    expect(title('Flood: Risk Pooling, Affordability, Solvency and the Precedent of the Riverside County Court of Appeal in 2023')).toBeUndefined();
  });
});

describe('a title in balanced lines', () => {
  for (const title of [
    '第2次トランプ政権発足後1年間の動向と日本外交 ―関税措置、安全保障、対米投資の合意とその実施―',
    'The First Year of the Second Trump Administration and the Course of Japanese Diplomacy in a Changing Order',
  ]) {
    it(`keeps the number of lines and evens them out: ${title.slice(0, 20)}…`, () => {
      const width = 450;
      const greedy = compose(title)(width);
      const balanced = balancedLines(compose(title), width);
      expect(greedy.length).toBeGreaterThan(1);
      expect(balanced.length).toBe(greedy.length);
      expect(balanced.map(lineText).join('').replace(/\s/g, '')).toBe(title.replace(/\s/g, ''));
      const widths = balanced.map((l) => l.width);
      const spread = Math.max(...widths) - Math.min(...widths);
      const greedySpread = Math.max(...greedy.map((l) => l.width)) - Math.min(...greedy.map((l) => l.width));
      expect(spread).toBeLessThanOrEqual(greedySpread);
      // Centred in the full measure, inside it.
      for (const l of balanced) {
        expect(l.x).toBeGreaterThanOrEqual(-1e-6);
        expect(l.x + l.width).toBeLessThanOrEqual(width + 1e-6);
        expect(l.x + l.width / 2).toBeCloseTo(width / 2, 3);
      }
    });
  }

  it('leaves a title that fits on one line alone', () => {
    const [line] = balancedLines(compose('日本外交'), 450);
    expect(lineText(line!)).toBe('日本外交');
  });
});

describe('a running head that does not fit', () => {
  const head = '調査と情報―ISSUE BRIEF―　第1285号　2026年3月16日　第2次トランプ政権発足後1年間の動向と日本外交';
  it('ends in an ellipsis on one line within the measure', () => {
    const width = 200;
    const line = oneLine(head, (v) => compose(v, 'left')(width), '…')!;
    const text = lineText(line);
    expect(text.endsWith('…')).toBe(true);
    expect(head.startsWith(text.slice(0, -1))).toBe(true);
    expect(line.x + line.width).toBeLessThanOrEqual(width + 1e-6);
    // The longest that fits: one more character does not.
    const more = [...head].slice(0, [...text].length).join('');
    expect(compose(`${more}…`, 'left')(width).length).toBeGreaterThan(1);
  });

  it('is kept whole when it fits', () => {
    expect(lineText(oneLine('立法と調査　第482号', (v) => compose(v, 'left')(450), '…')!)).toBe('立法と調査　第482号');
  });
});
