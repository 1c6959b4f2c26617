import { afterAll, describe, expect, it } from 'vitest';
import { check, ofRule, removeSources } from './test-source.js';

afterAll(removeSources);

describe('signs the text faces lack', () => {
  it('are printed from the house style’s last fallback faces (≒ from Noto Sans Math, ✱ ✓ from Noto Sans Symbols 2), even in bold', () => {
    const result = check({ 'ja.md': '## 記号≒\n\n1ウォン≒0.107円、評価は✱と✓で示す。**強調≒**。\n' });
    expect(ofRule(result, 'font-missing-glyph')).toEqual([]);
    expect(ofRule(result, 'font-style-missing')).toEqual([]);
  });
});
