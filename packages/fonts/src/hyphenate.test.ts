import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { hyphenatorFor } from './hyphenate.js';

describe('English hyphenation', () => {
  const hyphenate = hyphenatorFor('en')!;

  it('loads the patterns when the first word is hyphenated', () => {
    const patterns = createRequire(import.meta.url).resolve('hyphen/en-us');
    const loaded = () => createRequire(import.meta.url).cache[patterns] !== undefined;
    expect(loaded(), 'not loaded by asking for the hyphenator').toBe(false);
    expect(hyphenate('hyphenation')).toEqual(['hy', 'phen', 'ation']);
    expect(loaded()).toBe(true);
  });

  it('joins a piece without a vowel to the syllable after it', () => {
    // The patterns alone give con-t-a-m-i-nant and de-mo-c-rat.
    expect(hyphenate('contaminant')).toEqual(['con', 'ta', 'mi', 'nant']);
    expect(hyphenate('democrat')).toEqual(['de', 'mo', 'crat']);
    expect(hyphenate('administration')).toEqual(['ad', 'min', 'is', 'tra', 'tion']);
  });

  it('keeps two letters before a break and three after, and leaves acronyms, numbers and short words whole', () => {
    expect(hyphenate('regulation.')).toEqual(['reg', 'u', 'la', 'tion.']);
    expect(hyphenate('(environmental')).toEqual(['(en', 'vi', 'ron', 'men', 'tal']);
    for (const word of ['UNESCO', '2026', 'tree', 'PFAS-related']) expect(hyphenate(word)).toEqual([word]);
  });

  it('has no patterns for Japanese', () => {
    expect(hyphenatorFor('ja')).toBeUndefined();
  });
});

describe('other languages', () => {
  it('breaks a German compound by the German patterns, not the English ones', () => {
    expect(hyphenatorFor('de')!('Donaudampfschifffahrt')).toEqual(['Do', 'nau', 'dampf', 'schiff', 'fahrt']);
    expect(hyphenatorFor('en')!('Donaudampfschifffahrt')).not.toEqual(['Do', 'nau', 'dampf', 'schiff', 'fahrt']);
  });

  it('takes the British patterns for en-GB, the American for en and en-US', () => {
    expect(hyphenatorFor('en-GB')).toBe(hyphenatorFor('en-gb'));
    expect(hyphenatorFor('en-US')).toBe(hyphenatorFor('en'));
    expect(hyphenatorFor('en-GB')).not.toBe(hyphenatorFor('en'));
  });

  it('has none for a language the package has no patterns for, or a tag that is no language', () => {
    expect(hyphenatorFor('zz')).toBeUndefined();
    expect(hyphenatorFor('x-private')).toBeUndefined();
    expect(hyphenatorFor('../en')).toBeUndefined();
  });
});
