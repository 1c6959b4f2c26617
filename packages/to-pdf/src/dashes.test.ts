/** The Japanese dash ―― (U+2015, as ——) is set solid with the text beside it: no space between scripts. */
import { describe, expect, it } from 'vitest';
import { cjkClass, isJapaneseChar } from './chars.js';
import { atomize, gapBetween } from './inlines.js';
import { enContext, jaContext } from './test-context.js';

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

  it('set the em dash full-width beside Japanese, from the Japanese face, and proportional in English', () => {
    const em = jaContext.size;
    const ja = atomize([{ kind: 'text', value: '実施—日米' }], jaContext);
    expect(ja[2]).toMatchObject({ text: '—', cjk: true, width: em, style: { face: { family: 'Noto Serif JP' }, features: ['-kern', 'fwid'] } });
    // In an English edition, a Japanese title's dash is Japanese too; an English one is the Latin face's.
    const mixed = atomize([{ kind: 'text', value: 'In 合意の実施—日米, a point—made' }], enContext);
    expect(mixed.find((a) => a.text === '—')).toMatchObject({ cjk: true, width: em, style: { face: { family: 'Noto Serif JP' } } });
    const latin = mixed.find((a) => a.text.startsWith('point'));
    expect(latin).toMatchObject({ text: 'point—made', cjk: false, style: { face: { family: 'Noto Serif' } } });
  });
});
