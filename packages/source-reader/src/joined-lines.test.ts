import { describe, expect, it } from 'vitest';
import { joinedItemLines } from './joined-lines.js';

describe('joinedItemLines', () => {
  it('finds lines after the first that open with an item marker', () => {
    const text = '① ローカル鉄道の再構築\n② バス・タクシー\n・BRT\n（注1）出所は…\n※ 速報値';
    const found = joinedItemLines(text);
    expect(found.map((at) => text.slice(at, at + 2))).toEqual(['② ', '・B', '（注', '※ ']);
  });

  it('passes over a paragraph whose lines continue a sentence', () => {
    expect(joinedItemLines('政府は法改正を進め、\n地域の協議を促した。\nThe plan (1) and\n(2) were adopted.')).toEqual([]);
    expect(joinedItemLines('① alone on one line')).toEqual([]);
  });

  it('reads a numbered note in brackets, full-width or not, and skips leading spaces', () => {
    const text = '本文\n  （1）第一\n(注)補足';
    expect(joinedItemLines(text).map((at) => text.slice(at, at + 3))).toEqual(['（1）', '(注)']);
  });
});
