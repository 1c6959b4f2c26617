/**
 * Signs of the Japanese character set (≦ × → ○ ＝) are Japanese characters
 * in Japanese text: no space between scripts beside them, and a sign stays
 * with the number it touches. A sign the Latin face lacks, drawn from the
 * Japanese face, stays part of its Latin word in English text.
 */
import { describe, expect, it } from 'vitest';
import { atomize, gapBetween, type Atom } from './inlines.js';
import { enContext, jaContext } from './test-context.js';

const gaps = (atoms: Atom[], ctx: typeof jaContext) => atoms.slice(1).map((b, k) => ({ at: `${atoms[k]!.text}|${b.text}`, ...gapBetween(atoms[k]!, b, ctx) }));

describe('signs in Japanese text', () => {
  it('get no space between scripts', () => {
    for (const text of ['関税率≦5％', '日本→韓国', '○＝参加、△＝申請中', 'ウォン×10']) {
      const atoms = atomize([{ kind: 'text', value: text }], jaContext);
      for (const g of gaps(atoms, jaContext)) expect(g.natural, `${text}: ${g.at}`).toBe(0);
    }
  });

  it('stay with the number they touch', () => {
    const atoms = atomize([{ kind: 'text', value: '税率≦5％、3×4' }], jaContext);
    const at = (pair: string) => gaps(atoms, jaContext).find((g) => g.at === pair)!;
    expect(at('≦|5').breakable).toBe(false);
    expect(at('3|×').breakable).toBe(false);
    expect(at('×|4').breakable).toBe(false);
    expect(at('率|≦').breakable).toBe(true);
  });
});

describe('a sign the Latin face lacks, in English text', () => {
  it('stays part of its word', () => {
    const atoms = atomize([{ kind: 'text', value: 'density (≤0.3 persons)' }], enContext);
    for (const g of gaps(atoms, enContext)) if (g.at.includes('≤')) expect(g.breakable, g.at).toBe(false);
  });
});
