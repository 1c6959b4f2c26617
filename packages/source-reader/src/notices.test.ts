import { describe, expect, it } from 'vitest';
import { withoutTypedMark } from './brief.js';

describe('a notice whose author typed the house style’s mark', () => {
  it('loses the typed mark, which the style prints itself (no ※※)', () => {
    expect(withoutTypedMark('※本稿のURLの最終アクセス日は令和8年1月31日である。', '※ ')).toBe('本稿のURLの最終アクセス日は令和8年1月31日である。');
    expect(withoutTypedMark('※　本稿は…', '※ ')).toBe('本稿は…');
  });

  it('is kept as typed when the style prints no mark, or the notice starts otherwise', () => {
    expect(withoutTypedMark('※ Figures are provisional.', '')).toBe('※ Figures are provisional.');
    expect(withoutTypedMark('本稿の※は…', '※ ')).toBe('本稿の※は…');
  });
});
