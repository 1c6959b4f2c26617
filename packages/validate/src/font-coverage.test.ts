import { afterAll, describe, expect, it } from 'vitest';
import { briefYaml, check, ofRule, removeSources } from './test-source.js';

afterAll(removeSources);

describe('font-missing-glyph', () => {
  it('accepts Japanese and English text, full-width forms and ①', () => {
    const result = check({ 'ja.md': '## 見出し\n\n日米合意（15％）は①と②を含む。Trade “deal” — 2025年、€ and ½.\n' });
    expect(ofRule(result, 'font-missing-glyph')).toEqual([]);
  });

  it('reports a character no font of the edition has, at its paragraph', () => {
    const result = check({ 'ja.md': '## 見出し\n\n本文\u0800です。\n' });
    const found = ofRule(result, 'font-missing-glyph').filter((d) => d.file === 'ja.md');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', line: 3, column: 1 });
    expect(found[0]!.message).toContain('U+0800');
  });

  it('names the script of the characters missing: Korean, Arabic, symbols', () => {
    const result = check({ 'brief.yaml': briefYaml({ languages: ['en'] }), 'en.md': 'Seoul (서울) and Cairo (القاهرة), and a sign \u{1F600}.\n' });
    const found = ofRule(result, 'font-missing-glyph').map((d) => d.message.replace(/^.* for /, 'for '));
    expect(found.sort()).toEqual(['for Arabic text', 'for Korean (Hangul) text', 'for symbols']);
  });

  it('leaves a control character to control-character', () => {
    const result = check({ 'ja.md': '## 見出し\n\n本文\u0007です。\n' });
    expect(ofRule(result, 'font-missing-glyph')).toEqual([]);
    expect(ofRule(result, 'control-character').filter((d) => d.file === 'ja.md')).toHaveLength(1);
  });

  it('checks notes and brief.yaml too', () => {
    const brief = briefYaml({ languages: ['en'] }).replace('Test report', 'Test report \u{1F600}');
    const result = check({ 'brief.yaml': brief, 'en.md': 'Text[^1].\n\n[^1]: A note \u{A000}.\n' });
    const found = ofRule(result, 'font-missing-glyph');
    expect(found.map((d) => d.file).sort()).toEqual(['brief.yaml', 'en.md']);
    expect(found.find((d) => d.file === 'en.md')!.line).toBe(3);
    expect(found.find((d) => d.file === 'brief.yaml')!.line).toBe(3);
  });
});

describe('text-right-to-left', () => {
  it('warns of Arabic or Hebrew text, which the PDF sets left to right, once per edition at its first place', () => {
    const result = check({
      'brief.yaml': briefYaml({ languages: ['en'] }),
      'en.md': '## Names\n\nThe ministry (وزارة المالية) replied.\n\nLater: مرحبا again, and Greek αβγ or Devanagari नमस्ते are fine.\n',
    });
    const found = ofRule(result, 'text-right-to-left');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: 'en.md', line: 3, severity: 'warning' });
    expect(found[0]!.message).toBe('right-to-left text ("وزارة") is printed in the PDF left to right, its letters in reverse order and unjoined');
  });

  it('says nothing of left-to-right scripts', () => {
    const result = check({ 'ja.md': '## 見出し\n\n日本語とEnglish、Ελληνικά、Русский。\n' });
    expect(ofRule(result, 'text-right-to-left')).toEqual([]);
  });
});

describe('font-missing-variant', () => {
  it('accepts an ideographic variation sequence the face has, as one character', () => {
    // 葛 U+845B with U+E0100 (the form of 葛飾区) is in Noto Serif JP's variation sequences.
    const result = check({ 'ja.md': '## 見出し\n\n東京都葛\u{E0100}飾区の例。\n' });
    expect(ofRule(result, 'font-missing-glyph')).toEqual([]);
    expect(ofRule(result, 'font-missing-variant')).toEqual([]);
  });

  it('warns when the face has no glyph for a sequence: its base form is printed', () => {
    const result = check({ 'ja.md': '## 見出し\n\n奈良県葛\u{E0101}城市と辻\u{E0101}。\n' });
    expect(ofRule(result, 'font-missing-glyph')).toEqual([]);
    const found = ofRule(result, 'font-missing-variant').filter((d) => d.file === 'ja.md');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', file: 'ja.md', line: 3, column: 1 });
    expect(found[0]!.message).toContain('(U+845B U+E0101)');
    expect(found[0]!.message).toContain('(U+8FBB U+E0101)');
  });
});

describe('a source checked again (as `brief watch` does on every save)', () => {
  it('gets the same findings: a run with something to say is checked every time, a whole one once', () => {
    const files = { 'ja.md': '## 見出し\n\n本文\u0800です。\n\n奈良県葛\u{E0101}城市。\n\n本文です。\n' };
    const first = check(files);
    const second = check(files);
    expect(ofRule(second, 'font-missing-glyph').filter((d) => d.file === 'ja.md')).toHaveLength(1);
    expect(ofRule(second, 'font-missing-glyph')).toEqual(ofRule(first, 'font-missing-glyph'));
    expect(ofRule(second, 'font-missing-variant').filter((d) => d.file === 'ja.md')).toHaveLength(1);
    expect(ofRule(second, 'font-missing-variant')).toEqual(ofRule(first, 'font-missing-variant'));
  });
});
