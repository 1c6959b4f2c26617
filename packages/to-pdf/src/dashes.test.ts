/** The Japanese dash ―― (U+2015, as ——) is set solid with the text beside it: no space between scripts. */
import { describe, expect, it } from 'vitest';
import { cjkClass, isJapaneseChar } from './chars.js';
import { atomize, gapBetween } from './inlines.js';
import { jaContext } from './test-context.js';

describe('Japanese dashes', () => {
  it('are Japanese, inseparable characters', () => {
    for (const ch of ['―', '—']) {
      expect(isJapaneseChar(ch)).toBe(true);
      expect(cjkClass(ch)).toBe('insep');
    }
  });

  it('get no space between scripts and do not break apart', () => {
    const atoms = atomize([{ kind: 'text', value: '実務――標準化' }], jaContext);
    expect(atoms.map((a) => a.text)).toEqual(['実', '務', '―', '―', '標', '準', '化']);
    atoms.slice(1).forEach((b, k) => expect(gapBetween(atoms[k]!, b, jaContext).natural, `${atoms[k]!.text}|${b.text}`).toBe(0));
    expect(gapBetween(atoms[2]!, atoms[3]!, jaContext).breakable).toBe(false);
  });
});
