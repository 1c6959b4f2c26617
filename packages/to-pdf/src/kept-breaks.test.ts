/** Lines kept with a paragraph's atoms: the same lines as breaking anew, broken again only at a measure not kept. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContentCache } from '@brief/build-cache';
import type { Inline } from '@brief/document-model';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openAtomStore } from './atom-store.js';
import * as breaker from './breaker.js';
import { composeInlines, type TextLayout } from './compose.js';
import { enContext } from './test-context.js';

vi.mock('./breaker.js', async (original) => {
  const actual = await original<typeof import('./breaker.js')>();
  return { ...actual, breakLines: vi.fn(actual.breakLines) };
});

const dir = mkdtempSync(join(tmpdir(), 'brief-breaks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cache = new ContentCache({ dir, maxBytes: 16 * 1024 * 1024 });

const paragraph: Inline[] = [
  {
    kind: 'text',
    value:
      'The administration set reciprocal tariffs on the imports of most trading partners, then suspended the higher rates for ninety days while it negotiated, and a court later found that the statute it relied on gave it no such power.',
  },
  { kind: 'noteRef', noteId: 'n1', number: 1 },
];
const layout = (width: number): TextLayout => ({ width, firstIndent: 10, restIndent: 0, justify: true, align: 'left', avoidShortLast: true });
const broken = () => vi.mocked(breaker.breakLines).mock.calls.length;

describe('lines kept with the atoms of a paragraph', () => {
  it('are the lines breaking anew gives, taken in a later build, and made anew at another measure', () => {
    const fresh = composeInlines(paragraph, enContext, layout(300));
    const first = openAtomStore({ id: 'breaks', lang: 'en' }, cache)!;
    const before = broken();
    expect(composeInlines(paragraph, { ...enContext, store: first }, layout(300))).toStrictEqual(fresh);
    expect(broken() - before, 'broken once, then kept').toBe(1);
    expect(composeInlines(paragraph, { ...enContext, store: first }, layout(300))).toStrictEqual(fresh);
    expect(broken() - before).toBe(1);
    first.save();

    // A later build reads the lines with the atoms.
    const second = openAtomStore({ id: 'breaks', lang: 'en' }, cache)!;
    const again = broken();
    expect(composeInlines(paragraph, { ...enContext, store: second }, layout(300))).toStrictEqual(fresh);
    expect(broken() - again).toBe(0);
    // Another measure is broken anew, and kept from then on.
    const narrow = composeInlines(paragraph, enContext, layout(200));
    expect(narrow.length).toBeGreaterThan(fresh.length);
    const before2 = broken();
    expect(composeInlines(paragraph, { ...enContext, store: second }, layout(200))).toStrictEqual(narrow);
    expect(broken() - before2).toBe(1);
    second.save();

    const third = openAtomStore({ id: 'breaks', lang: 'en' }, cache)!;
    const before3 = broken();
    expect(composeInlines(paragraph, { ...enContext, store: third }, layout(200))).toStrictEqual(narrow);
    expect(composeInlines(paragraph, { ...enContext, store: third }, layout(300))).toStrictEqual(fresh);
    expect(broken() - before3).toBe(0);
  });

  it('are written only at the measures the last layout used, so they do not pile up', () => {
    const first = openAtomStore({ id: 'pruned', lang: 'en' }, cache)!;
    composeInlines(paragraph, { ...enContext, store: first }, layout(300));
    composeInlines(paragraph, { ...enContext, store: first }, layout(200));
    first.save();
    // The next layout sets the paragraph at one measure only (and composes another paragraph, so it is written).
    const second = openAtomStore({ id: 'pruned', lang: 'en' }, cache)!;
    composeInlines(paragraph, { ...enContext, store: second }, layout(200));
    composeInlines([{ kind: 'text', value: 'Another paragraph.' }], { ...enContext, store: second }, layout(200));
    second.save();
    const third = openAtomStore({ id: 'pruned', lang: 'en' }, cache)!;
    const before = broken();
    composeInlines(paragraph, { ...enContext, store: third }, layout(200));
    expect(broken() - before, 'the measure used is kept').toBe(0);
    composeInlines(paragraph, { ...enContext, store: third }, layout(300));
    expect(broken() - before, 'the measure not used is not').toBe(1);
  });
});
