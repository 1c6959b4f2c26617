import { afterAll, describe, expect, it } from 'vitest';
import { check, ofRule, removeSources } from './test-source.js';

afterAll(removeSources);

describe('note-marks-adjacent', () => {
  it('warns of two marks side by side, or with only punctuation between them, not of marks a comma separates', () => {
    const result = check({
      'ja.md':
        '本文である[^a][^b]。次の文である[^c]。[^d]最後の文[^e]である。読点で分けた注[^f]、[^g]。\n\n[^a]: 注a。\n[^b]: 注b。\n[^c]: 注c。\n[^d]: 注d。\n[^e]: 注e。\n[^f]: 注f。\n[^g]: 注g。\n',
      'brief.yaml': 'id: marks\nlanguages: [ja]\ntitle: 注\nauthors:\n  - name: 著者\npublished: 2026-03-16\n',
    });
    const found = ofRule(result, 'note-marks-adjacent');
    expect(found.map((d) => d.message)).toEqual(['note marks 1 and 2 stand together and print as one number (12)', 'note marks 3 and 4 stand together and print as one number (34)']);
    expect(found[0]).toMatchObject({ file: 'ja.md', line: 1, severity: 'warning' });
  });
});
