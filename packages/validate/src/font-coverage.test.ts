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

  it('checks notes and brief.yaml too', () => {
    const brief = briefYaml({ languages: ['en'] }).replace('Test report', 'Test report \u{1F600}');
    const result = check({ 'brief.yaml': brief, 'en.md': 'Text[^1].\n\n[^1]: A note \u{A000}.\n' });
    const found = ofRule(result, 'font-missing-glyph');
    expect(found.map((d) => d.file).sort()).toEqual(['brief.yaml', 'en.md']);
    expect(found.find((d) => d.file === 'en.md')!.line).toBe(3);
    expect(found.find((d) => d.file === 'brief.yaml')!.line).toBe(3);
  });
});
