import { describe, expect, it } from 'vitest';
import { faceHasGlyph, faceHasVariant, familiesGeneration, fontFiles, hasOwnVariant, isVariationSelector, registerFontFamily, splitByScript } from './index.js';

// A family whose italic is a Latin face: Japanese in the regular face, none in the italic.
registerFontFamily('Coverage Test Mixed', { normal: fontFiles('Noto Sans JP').normal, bold: fontFiles('Noto Sans JP').bold, italics: fontFiles('Noto Sans').italics });
// A family with regular and bold files only.
registerFontFamily('Coverage Test Upright', { normal: fontFiles('Noto Serif').normal, bold: fontFiles('Noto Serif').bold });

const kan = '漢'.codePointAt(0)!;

describe('faces per variant', () => {
  it('looks a character up in the file of the variant', () => {
    expect(faceHasGlyph('Coverage Test Mixed', 'normal', kan)).toBe(true);
    expect(faceHasGlyph('Coverage Test Mixed', 'italics', kan)).toBe(false);
  });

  it('tells which variants a family has files for', () => {
    expect(hasOwnVariant('Noto Serif', 'italics')).toBe(true);
    expect(hasOwnVariant('Noto Serif JP', 'italics')).toBe(false);
    expect(hasOwnVariant('Coverage Test Upright', 'bold')).toBe(true);
    expect(hasOwnVariant('Coverage Test Upright', 'italics')).toBe(false);
    expect(hasOwnVariant('Coverage Test Upright', 'bolditalics')).toBe(false);
    expect(hasOwnVariant('Coverage Test Mixed', 'bolditalics')).toBe(false);
  });
});

describe('variation sequences', () => {
  it('finds the glyphs of the sequences a face has (葛 U+845B with U+E0100), not of others', () => {
    expect(faceHasVariant('Noto Serif JP', 'normal', 0x845b, 0xe0100)).toBe(true);
    expect(faceHasVariant('Noto Serif JP', 'normal', 0x845b, 0xe0101)).toBe(false);
    expect(faceHasVariant('Noto Serif JP', 'normal', 0x8fbb, 0xe0100)).toBe(true);
    expect([0xfe00, 0xfe0f, 0xe0100, 0xe01ef].every(isVariationSelector)).toBe(true);
    expect([0xfdff, 0xfe10, 0xe00ff, 0xe01f0, 0x845b].some(isVariationSelector)).toBe(false);
  });
});

describe('splitByScript with variants and fallback families', () => {
  it('keeps one run in a single family without fallback, in the run variant', () => {
    expect(splitByScript('漢字 abc', 'Coverage Test Mixed', 'Coverage Test Mixed', { italics: true })).toEqual([{ text: '漢字 abc', family: 'Coverage Test Mixed', variant: 'italics' }]);
  });

  it('draws a character the italic face lacks from the first fallback family that has it', () => {
    const runs = splitByScript('漢字 abc', 'Coverage Test Mixed', 'Coverage Test Mixed', { italics: true, fallback: ['Noto Sans Mono', 'Noto Sans JP', 'Noto Serif JP'] });
    expect(runs).toEqual([
      { text: '漢字 ', family: 'Noto Sans JP', variant: 'italics' },
      { text: 'abc', family: 'Coverage Test Mixed', variant: 'italics' },
    ]);
  });

  it('sets a separate Japanese family upright, bold where asked', () => {
    expect(splitByScript('abc漢', 'Noto Serif', 'Noto Serif JP', { bold: true, italics: true })).toEqual([
      { text: 'abc', family: 'Noto Serif', variant: 'bolditalics' },
      { text: '漢', family: 'Noto Serif JP', variant: 'bold' },
    ]);
  });

  it('sets a dash or leader next to Japanese from the Japanese face, in Latin text from the Latin one', () => {
    expect(splitByScript('実施—日米、向けて—」……', 'Noto Serif', 'Noto Serif JP')).toEqual([{ text: '実施—日米、向けて—」……', family: 'Noto Serif JP', variant: 'normal' }]);
    expect(splitByScript('now—then…', 'Noto Serif', 'Noto Serif JP').map((r) => r.family)).toEqual(['Noto Serif']);
    expect(splitByScript('a ――日本', 'Noto Serif', 'Noto Serif JP').map((r) => r.text)).toEqual(['a ', '――日本']);
    expect(splitByScript('Nikkei—日経', 'Noto Serif', 'Noto Serif JP')).toEqual([
      { text: 'Nikkei', family: 'Noto Serif', variant: 'normal' },
      { text: '—日経', family: 'Noto Serif JP', variant: 'normal' },
    ]);
  });

  it('leaves a character no face has in the face of its script', () => {
    expect(splitByScript('a\u0800', 'Noto Serif', 'Noto Serif JP', { fallback: ['Noto Sans'] })).toEqual([{ text: 'a\u0800', family: 'Noto Serif', variant: 'normal' }]);
  });

  it('keeps a variation selector with the character before it', () => {
    expect(splitByScript('a葛\u{E0100}b', 'Noto Serif', 'Noto Serif JP')).toEqual([
      { text: 'a', family: 'Noto Serif', variant: 'normal' },
      { text: '葛\u{E0100}', family: 'Noto Serif JP', variant: 'normal' },
      { text: 'b', family: 'Noto Serif', variant: 'normal' },
    ]);
  });

  it('takes signs a separate Latin family lacks from a fallback family that does not set Japanese, before the full-width Japanese forms', () => {
    const fallback = ['Noto Sans', 'Noto Sans JP', 'Noto Sans Math'];
    expect(splitByScript('a → b ≥ c', 'Noto Serif', 'Noto Serif JP', { fallback }).map((r) => r.family)).toEqual(['Noto Serif', 'Noto Sans Math', 'Noto Serif', 'Noto Sans Math', 'Noto Serif']);
    // With no other face that has them, from the Japanese face as before; in Japanese text (one family for both), from it.
    expect(splitByScript('a → b', 'Noto Serif', 'Noto Serif JP', { fallback: ['Noto Sans'] }).map((r) => r.family)).toEqual(['Noto Serif', 'Noto Serif JP', 'Noto Serif']);
    expect(splitByScript('矢印→', 'Noto Serif JP', 'Noto Serif JP', { fallback })).toEqual([{ text: '矢印→', family: 'Noto Serif JP', variant: 'normal' }]);
  });

  it('takes Devanagari, which Noto Serif lacks, from Noto Sans', () => {
    expect(splitByScript('a क', 'Noto Serif', 'Noto Serif JP', { fallback: ['Noto Sans'] }).map((r) => r.family)).toEqual(['Noto Serif', 'Noto Sans']);
  });
});

describe('familiesGeneration', () => {
  it('changes when a family is given other files, not when it is given the same again', () => {
    const files = { normal: fontFiles('Noto Serif').normal, bold: fontFiles('Noto Serif').bold };
    registerFontFamily('Generation Test', files);
    const before = familiesGeneration();
    registerFontFamily('Generation Test', { ...files });
    expect(familiesGeneration()).toBe(before);
    registerFontFamily('Generation Test', { normal: fontFiles('Noto Sans').normal });
    expect(familiesGeneration()).toBe(before + 1);
    expect(fontFiles('Generation Test').normal).toBe(fontFiles('Noto Sans').normal);
  });
});
