import { describe, expect, it } from 'vitest';
import type { CitationItem } from '@brief/document-model';
import { decideIbid, ibidApplies, ibidItem, type NoteCitations } from './ibid.js';

const only = (...items: CitationItem[]): NoteCitations => ({ citations: [items], citationOnly: true });
const prose = (...items: CitationItem[]): NoteCitations => ({ citations: [items], citationOnly: false });
const none: NoteCitations = { citations: [], citationOnly: false };

describe('ibidApplies', () => {
  it('needs one work in each of the two notes, the same one', () => {
    expect(ibidApplies([{ key: 'a' }], [{ key: 'a' }])).toBe(true);
    expect(ibidApplies([{ key: 'a' }], [{ key: 'b' }])).toBe(false);
    expect(ibidApplies(undefined, [{ key: 'a' }])).toBe(false);
    expect(ibidApplies([{ key: 'a' }, { key: 'b' }], [{ key: 'a' }])).toBe(false);
    expect(ibidApplies([{ key: 'a' }], [{ key: 'a' }, { key: 'b' }])).toBe(false);
  });
  it('is no ibid without a locator after one with a locator (it cites the whole work)', () => {
    expect(ibidApplies([{ key: 'a', locator: 'p. 5' }], [{ key: 'a' }])).toBe(false);
    expect(ibidApplies([{ key: 'a' }], [{ key: 'a', locator: 'p. 5' }])).toBe(true);
    expect(ibidApplies([{ key: 'a', locator: 'p. 5' }], [{ key: 'a', locator: 'p. 6' }])).toBe(true);
  });
  it('is no ibid with a prefix or suffix', () => {
    expect(ibidApplies([{ key: 'a' }], [{ key: 'a', prefix: 'see' }])).toBe(false);
  });
});

describe('ibidItem', () => {
  it('drops a locator that repeats the note before, in any form', () => {
    expect(ibidItem({ key: 'a', locator: 'p. 89' }, { key: 'a', locator: '89頁' })).toEqual({ key: 'a' });
    expect(ibidItem({ key: 'a', locator: 'p. 89' }, { key: 'a', locator: 'p. 90' })).toEqual({ key: 'a', locator: 'p. 90' });
  });
});

describe('decideIbid (the chain over the note order)', () => {
  it('marks a repeated work, every time it repeats', () => {
    const d = decideIbid([only({ key: 'a' }), only({ key: 'a' }), only({ key: 'a' }), only({ key: 'b' })]);
    expect(d.map((x) => x.ibid)).toEqual([false, true, true, false]);
  });
  it('keeps the locator where it differs', () => {
    const d = decideIbid([only({ key: 'a', locator: 'p. 5' }), only({ key: 'a', locator: 'p. 89' }), only({ key: 'a', locator: 'p. 89' })]);
    expect(d.map((x) => x.ibid)).toEqual([false, true, true]);
    expect(d[1]!.items).toEqual([{ key: 'a', locator: 'p. 89' }]);
    expect(d[2]!.items).toEqual([{ key: 'a' }]);
  });
  it('is broken by a note with prose', () => {
    expect(decideIbid([only({ key: 'a' }), prose({ key: 'a' }), only({ key: 'a' })]).map((x) => x.ibid)).toEqual([false, false, false]);
  });
  it('is broken by a note with two citations, or two works in one citation', () => {
    const two: NoteCitations = { citations: [[{ key: 'a' }], [{ key: 'b' }]], citationOnly: true };
    expect(decideIbid([only({ key: 'a' }), two, only({ key: 'b' })]).map((x) => x.ibid)).toEqual([false, false, false]);
    expect(decideIbid([only({ key: 'a' }), only({ key: 'a' }, { key: 'b' }), only({ key: 'b' })]).map((x) => x.ibid)).toEqual([false, false, false]);
  });
  it('is broken by a note without citations', () => {
    expect(decideIbid([only({ key: 'a' }), none, only({ key: 'a' })]).map((x) => x.ibid)).toEqual([false, false, false]);
  });
  it('does not apply to a prose note even after the same work', () => {
    expect(decideIbid([only({ key: 'a' }), prose({ key: 'a' })]).map((x) => x.ibid)).toEqual([false, false]);
  });
});
