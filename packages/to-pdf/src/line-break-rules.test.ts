/**
 * Breaks a typesetter avoids: a number and its counter (2025年1|月, 第|2段階)
 * in Japanese, and a short word starting with a capital (a name: At-|las,
 * Tai-|wan) in English.
 */
import { describe, expect, it } from 'vitest';
import { atomize, gapBetween } from './inlines.js';
import { enContext, jaContext } from './test-context.js';

describe('a number and its counter', () => {
  it('are not broken apart', () => {
    const atoms = atomize([{ kind: 'text', value: '2025年1月に第2段階' }], jaContext);
    const breaks = atoms.slice(1).map((b, k) => `${atoms[k]!.text}|${b.text}:${gapBetween(atoms[k]!, b, jaContext).breakable}`);
    expect(breaks).toContain('2025|年:false');
    expect(breaks).toContain('1|月:false');
    expect(breaks).toContain('第|2:false');
    expect(breaks).toContain('2|段:false');
    expect(breaks).toContain('月|に:true');
  });
});

describe('a cross-reference’s label', () => {
  it('does not break inside (図表1), and may break before it', () => {
    const atoms = atomize(
      [
        { kind: 'text', value: '推移（' },
        { kind: 'crossRef', targetId: 'fig-a', targetKind: 'figure', text: '図表1' },
        { kind: 'text', value: '）を見る' },
      ],
      jaContext,
    );
    const breaks = atoms.slice(1).map((b, k) => `${atoms[k]!.text}|${b.text}:${gapBetween(atoms[k]!, b, jaContext).breakable}`);
    expect(breaks).toContain('図|表:false');
    expect(breaks).toContain('表|1:false');
    expect(breaks).toContain('移|（:true');
  });
});

describe('a short word starting with a capital', () => {
  it('is not hyphenated; the same word in lower case is, and so is a long name', () => {
    for (const name of ['Atlas', 'Taiwan,', 'Nihon'])
      expect(
        atomize([{ kind: 'text', value: name }], enContext).filter((a) => a.hyphenAfter !== undefined),
        name,
      ).toEqual([]);
    expect(atomize([{ kind: 'text', value: 'atlas' }], enContext).filter((a) => a.hyphenAfter !== undefined).length).toBeGreaterThan(0);
    expect(atomize([{ kind: 'text', value: 'Administration' }], enContext).filter((a) => a.hyphenAfter !== undefined).length).toBeGreaterThan(0);
  });
});
