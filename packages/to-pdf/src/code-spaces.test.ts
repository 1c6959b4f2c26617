/** A word space beside inline code is the surrounding text's, on both sides, not the (wider) space of the code face. */
import { describe, expect, it } from 'vitest';
import { atomize, gapBetween } from './inlines.js';
import { enContext } from './test-context.js';

const ctx = { ...enContext, codeFonts: { latin: 'Noto Sans Mono', cjk: 'Noto Sans JP' } };

describe('spaces beside inline code', () => {
  it('are body word spaces before and after it', () => {
    const atoms = atomize(
      [
        { kind: 'text', value: 'a schedule of ' },
        { kind: 'code', value: 'price_per_m3' },
        { kind: 'text', value: ' values by block' },
      ],
      ctx,
    );
    const k = atoms.findIndex((a) => a.text === 'price_per_m3');
    expect(atoms[k]!.code).toBe(true);
    const before = gapBetween(atoms[k - 1]!, atoms[k]!, ctx);
    const after = gapBetween(atoms[k]!, atoms[k + 1]!, ctx);
    const body = gapBetween(atoms[k - 2]!, atoms[k - 1]!, ctx);
    expect(before.natural).toBeCloseTo(body.natural, 6);
    expect(after.natural).toBeCloseTo(body.natural, 6);
    // A space inside code stays the code face's own.
    const inside = atomize([{ kind: 'code', value: 'x = 1' }], ctx);
    expect(gapBetween(inside[0]!, inside[1]!, ctx).natural).toBeGreaterThan(body.natural);
  });
});
