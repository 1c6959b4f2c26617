/** A compound breaks after its own hyphen; a cross-reference's label does not break at all; code is never hyphenated. */
import { describe, expect, it } from 'vitest';
import { atomize, compoundParts } from './inlines.js';
import { enContext, jaContext } from './test-context.js';

describe('line breaks in compounds and labels', () => {
  it('split a compound after each hyphen between letters', () => {
    expect(compoundParts('supra-competitive')).toEqual(['supra-', 'competitive']);
    expect(compoundParts('state-of-the-art')).toEqual(['state-', 'of-', 'the-', 'art']);
    expect(compoundParts('U.S.-Japan')).toEqual(['U.S.-Japan']);
    expect(compoundParts('-5')).toEqual(['-5']);
  });

  it('lets a line end after a compound’s hyphen, adding none', () => {
    const atoms = atomize([{ kind: 'text', value: 'the least price-responsive' }], enContext);
    expect(atoms.map((a) => [a.text, a.hyphenAfter])).toEqual([
      ['the', undefined],
      ['least', undefined],
      ['price-', 0],
      ['responsive', undefined],
    ]);
  });

  it('hyphenates a passage in another language by its own patterns, or not at all without them', () => {
    const word = 'Donaudampfschifffahrt';
    const atoms = (lang: string) => atomize([{ kind: 'foreign', lang, children: [{ kind: 'text', value: word }] }], enContext);
    expect(atoms('de').map((a) => a.text)).toEqual(['Do', 'nau', 'dampf', 'schiff', 'fahrt']);
    // Without patterns a word this long may only be cut between letters, as the last resort, with no hyphen at a syllable.
    const none = atoms('zz');
    expect(none.map((a) => a.text).join('')).toBe(word);
    expect(none.filter((a) => a.hyphenAfter !== undefined)).toEqual([]);
  });

  it('keeps a Japanese edition’s Latin compounds whole (no hyphenation there)', () => {
    expect(atomize([{ kind: 'text', value: 'supra-competitive' }], jaContext).map((a) => a.text)).toEqual(['supra-competitive']);
  });

  it('never hyphenates code: it breaks only where the identifier has a break point, adding no hyphen', () => {
    const short = atomize([{ kind: 'code', value: 'liblzstream' }], enContext);
    expect(short.map((a) => a.text)).toEqual(['liblzstream']);
    const long = atomize([{ kind: 'code', value: 'registry.example.gov/fedbase/builder@sha256' }], enContext);
    expect(long.map((a) => a.text).join('')).toBe('registry.example.gov/fedbase/builder@sha256');
    expect(long.filter((a) => a.hyphenAfter !== undefined && a.hyphenAfter > 0)).toEqual([]);
    // At its points only, never between two letters (`andAnothe|rOne` would read as two names)…
    const name = atomize([{ kind: 'code', value: 'VeryLongConfigurationKeyName.withNestedProperty.andAnotherOne' }], enContext);
    expect(name.map((a) => [a.text, a.split])).toEqual([
      ['VeryLongConfigurationKeyName', undefined],
      ['.withNestedProperty', 'point'],
      ['.andAnotherOne', 'point'],
    ]);
    // …where a URL in text may, as the last resort, break anywhere.
    expect(atomize([{ kind: 'text', value: 'https://example.gov/VeryLongConfigurationKeyName.withNestedProperty' }], enContext).some((a) => a.split === 'cut')).toBe(true);
    const compound = atomize([{ kind: 'code', value: 'build-to-host' }], enContext);
    expect(compound.filter((a) => a.hyphenAfter !== undefined && a.hyphenAfter > 0)).toEqual([]);
  });

  it('neither hyphenates nor splits a cross-reference label', () => {
    const atoms = atomize([{ kind: 'crossRef', targetId: 'sec-2', targetKind: 'heading', text: 'Section\u00a02' }], enContext);
    expect(atoms.map((a) => a.text)).toEqual(['Section\u00a02']);
    expect(atoms[0]!.hyphenAfter).toBeUndefined();
  });
});

describe('line breaks in URLs', () => {
  const url = 'https://www.digital.go.jp/resources/govdashboard/mynumber_penetration_rate';
  const splits = (ctx: typeof jaContext) =>
    atomize([{ kind: 'link', url, children: [{ kind: 'text', value: url }] }], ctx)
      .filter((a) => a.url)
      .map((a) => a.split);
  it('breaks between any two characters only as the last resort where Chicago rules', () => {
    const en = splits(enContext);
    expect(en).toContain('cut');
    expect(en).toContain('point');
  });
  it('breaks between any two characters at a Chicago point’s cost where URLs break anywhere (Japanese practice)', () => {
    const ja = splits({ ...jaContext, urlBreakAnywhere: true });
    expect(ja).not.toContain('cut');
    // Anywhere but inside its scheme (https://), which stays whole.
    expect(ja.filter((s) => s === 'point').length).toBe([...url].length - 1 - ('https://'.length - 1));
  });
});
