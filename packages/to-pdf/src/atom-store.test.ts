/** Atoms kept between builds: the same atoms as composed anew, anchors set per use, entries that hold what the last layout used. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ContentCache, holdBetweenBuilds, writeWhenIdle } from '@brief/build-cache';
import type { Inline } from '@brief/document-model';
import { afterAll, describe, expect, it } from 'vitest';
import { openAtomStore, type AtomStore, type KeptAtoms } from './atom-store.js';
import { cutWide } from './compose.js';
import { atomize, type Atom, type TextContext } from './inlines.js';
import { enContext, jaContext } from './test-context.js';

const dir = mkdtempSync(join(tmpdir(), 'brief-atoms-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cache = new ContentCache({ dir, maxBytes: 64 * 1024 * 1024 });
const entries = () => (existsSync(join(dir, 'v1')) ? readdirSync(join(dir, 'v1')).filter((n) => !n.endsWith('.tmp')) : []);

const english: Inline[] = [
  { kind: 'text', value: 'Tariffs on steel rose sharply' },
  { kind: 'noteRef', noteId: 'n1', number: 1 },
  { kind: 'text', value: ' and the administration defended them.' },
];
const japanese: Inline[] = [
  { kind: 'text', value: '相互関税（' },
  { kind: 'emphasis', children: [{ kind: 'text', value: 'reciprocal tariff' }] },
  { kind: 'text', value: '）が発動された。' },
  { kind: 'noteRef', noteId: 'n2', number: 2 },
];

/** A context whose first mark of each note gets an anchor, as a document's layout gives them. */
function anchoring(ctx: TextContext, store: AtomStore | undefined): TextContext {
  const seen = new Set<string>();
  const markAnchor = (id: string) => {
    if (seen.has(id)) return undefined;
    seen.add(id);
    return `ref-${id}`;
  };
  return { ...ctx, markAnchor, ...(store ? { store } : {}) };
}

/** A store that counts the paragraphs composed anew (not found in it). */
function counted(store: AtomStore): AtomStore & { composed: number } {
  const out = {
    ...store,
    composed: 0,
    keep: (key: string, atoms: readonly Atom[], marks: KeptAtoms['marks']) => {
      out.composed++;
      return store.keep(key, atoms, marks);
    },
  };
  return out;
}

/** The test cache, counting the entries read from it. */
function countingReads(): { reads: { count: number }; counting: ContentCache } {
  const reads = { count: 0 };
  const counting = Object.create(cache, {
    get: {
      value: (key: string) => {
        reads.count++;
        return cache.get(key);
      },
    },
  }) as ContentCache;
  return { reads, counting };
}

describe('atoms kept between builds', () => {
  it('gives the atoms composing anew gives, anchors set on every use', () => {
    const store = openAtomStore({ id: 'kept', lang: 'en' }, cache)!;
    for (const [inlines, base] of [
      [english, enContext],
      [japanese, jaContext],
    ] as const) {
      const fresh = anchoring(base, undefined);
      const stored = anchoring(base, store);
      const expected = [atomize(inlines, fresh), atomize(inlines, fresh)];
      const got = [atomize(inlines, stored), atomize(inlines, stored)];
      expect(got).toEqual(expected);
      // The first use of the note's mark carries its anchor, the second not.
      expect(got[0]!.find((a) => a.note !== undefined)?.anchor).toMatch(/^ref-/);
      expect(got[1]!.find((a) => a.note !== undefined)?.anchor).toBeUndefined();
    }
  });

  it('reads them back from the build cache in a later build, and keeps only what that build used', () => {
    const first = openAtomStore({ id: 'later', lang: 'en' }, cache)!;
    const other: Inline[] = [{ kind: 'text', value: 'A paragraph the next build no longer has.' }];
    atomize(english, { ...enContext, store: first });
    atomize(other, { ...enContext, store: first });
    first.save();
    expect(entries()).toHaveLength(1);

    // The next build composes nothing anew; it uses only the first paragraph.
    const second = counted(openAtomStore({ id: 'later', lang: 'en' }, cache)!);
    expect(atomize(english, { ...enContext, store: second })).toStrictEqual(atomize(english, enContext));
    expect(second.composed).toBe(0);
    second.save();

    // So the one after it finds the first paragraph and not the other.
    const third = counted(openAtomStore({ id: 'later', lang: 'en' }, cache)!);
    atomize(english, { ...enContext, store: third });
    expect(third.composed).toBe(0);
    atomize(other, { ...enContext, store: third });
    expect(third.composed).toBe(1);
  });

  it('reads back every kind of atom as composed: URL pieces, code, half-width punctuation, hyphens, marks', () => {
    const mixed: Inline[] = [
      { kind: 'text', value: 'See ' },
      { kind: 'link', url: 'https://www.example.org/reports/2025/tariff-schedule?id=42', children: [{ kind: 'text', value: 'https://www.example.org/reports/2025/tariff-schedule?id=42' }] },
      { kind: 'text', value: ' and run ' },
      { kind: 'code', value: 'brief build --format pdf' },
      { kind: 'text', value: ' before the administration’s 「相互関税」。（注）' },
      { kind: 'noteRef', noteId: 'n9', number: 9 },
    ];
    const first = openAtomStore({ id: 'kinds', lang: 'en' }, cache)!;
    const fresh = atomize(mixed, enContext);
    expect(fresh.some((a) => a.url) && fresh.some((a) => a.code) && fresh.some((a) => a.halt) && fresh.some((a) => a.split) && fresh.some((a) => a.hyphenAfter !== undefined)).toBe(true);
    atomize(mixed, { ...enContext, store: first });
    first.save();
    const later = counted(openAtomStore({ id: 'kinds', lang: 'en' }, cache)!);
    expect(atomize(mixed, { ...enContext, store: later })).toStrictEqual(fresh);
    expect(later.composed).toBe(0);
  });

  it('finds a paragraph that an edit above it moved in its file', () => {
    const at = (line: number) => ({ file: 'en.md', start: { line, column: 30, offset: line * 80 } });
    const placed = (line: number): Inline[] => [
      { kind: 'text', value: 'As reported' },
      { kind: 'noteRef', noteId: 'n3', number: 3, source: at(line) },
      { kind: 'text', value: ', the talks resumed.' },
    ];
    const store = counted(openAtomStore({ id: 'moved', lang: 'en' }, cache)!);
    atomize(placed(12), { ...enContext, store });
    atomize(placed(14), { ...enContext, store });
    expect(store.composed).toBe(1);
  });

  it('takes the atoms it last saved without reading the entry, until another build writes it', () => {
    const { reads, counting } = countingReads();
    const first = openAtomStore({ id: 'held', lang: 'en' }, counting)!;
    atomize(english, { ...enContext, store: first });
    const earlier = new Set(entries());
    first.save();
    const [file] = entries().filter((n) => !earlier.has(n));
    const before = reads.count;
    const again = counted(openAtomStore({ id: 'held', lang: 'en' }, counting)!);
    expect(reads.count).toBe(before);
    expect(atomize(english, { ...enContext, store: again })).toStrictEqual(atomize(english, enContext));
    expect(again.composed).toBe(0);
    // An entry another build wrote (another file in its place) is read.
    const path = join(dir, 'v1', file!);
    writeFileSync(`${path}.copy`, readFileSync(path));
    renameSync(`${path}.copy`, path);
    openAtomStore({ id: 'held', lang: 'en' }, counting);
    expect(reads.count).toBe(before + 1);
  });

  it('holds the atoms for sure between builds in a thread that keeps what it decoded, else lets a collection take them', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const { reads, counting } = countingReads();
    // A build that keeps its paragraph, no reference to its store left behind.
    const build = (id: string) => {
      const store = openAtomStore({ id, lang: 'en' }, counting)!;
      atomize(english, { ...enContext, store });
      store.save();
    };
    const readsAfterCollection = async (id: string) => {
      build(id);
      // A weak reference holds its target until the job that made it ends.
      await new Promise((resolve) => setImmediate(resolve));
      gc();
      const before = reads.count;
      openAtomStore({ id, lang: 'en' }, counting);
      return reads.count - before;
    };
    expect(await readsAfterCollection('let-go')).toBe(1);
    holdBetweenBuilds();
    try {
      expect(await readsAfterCollection('held-for-sure')).toBe(0);
    } finally {
      writeWhenIdle();
      holdBetweenBuilds(false);
    }
  });

  it('in a thread that holds between builds, is written when the builds pause, and held until then', () => {
    const { reads, counting } = countingReads();
    holdBetweenBuilds();
    try {
      writeWhenIdle();
      const first = counted(openAtomStore({ id: 'paused', lang: 'en' }, counting)!);
      atomize(english, { ...enContext, store: first });
      const before = new Set(entries());
      first.save();
      expect(entries().filter((n) => !before.has(n))).toEqual([]);
      // The next layout in this thread takes the paragraph from memory, not composed again.
      const readsBefore = reads.count;
      const second = counted(openAtomStore({ id: 'paused', lang: 'en' }, counting)!);
      expect(atomize(english, { ...enContext, store: second })).toStrictEqual(atomize(english, enContext));
      expect(second.composed).toBe(0);
      expect(reads.count).toBe(readsBefore);
      second.save();
      writeWhenIdle();
      expect(entries().filter((n) => !before.has(n))).toHaveLength(1);
    } finally {
      holdBetweenBuilds(false);
    }
  });

  it('starts empty when the entry cannot be read', () => {
    const store = openAtomStore({ id: 'broken', lang: 'ja' }, cache)!;
    atomize(japanese, { ...jaContext, store });
    const before = new Set(entries());
    store.save();
    const [file] = entries().filter((n) => !before.has(n));
    writeFileSync(join(dir, 'v1', file!), 'not an entry');
    const reopened = counted(openAtomStore({ id: 'broken', lang: 'ja' }, cache)!);
    expect(atomize(japanese, { ...jaContext, store: reopened })).toEqual(atomize(japanese, jaContext));
    expect(reopened.composed).toBe(1);
  });

  it('composes again a paragraph whose stored atoms cannot be read', () => {
    const store = openAtomStore({ id: 'unreadable', lang: 'en' }, cache)!;
    atomize(english, { ...enContext, store });
    store.save();
    // The entry still parses; the paragraph's own text of atoms does not (and the entry's stamp is another build's).
    const broken = Object.create(cache, {
      get: {
        value: (key: string) => {
          const bytes = cache.get(key);
          if (!bytes) return bytes;
          const text = Buffer.from(bytes).toString('utf8');
          const spoilt = text.replace('"[[\\"', '"[[\\"\\"');
          expect(spoilt).not.toBe(text);
          return Buffer.from(spoilt);
        },
      },
      stamp: { value: () => 'another build' },
    }) as ContentCache;
    const reopened = counted(openAtomStore({ id: 'unreadable', lang: 'en' }, broken)!);
    expect(atomize(english, { ...enContext, store: reopened })).toEqual(atomize(english, enContext));
    expect(reopened.composed).toBe(1);
  });

  it('makes every atom with the same fields in the same order, anew, from the store and cut', () => {
    const inlines: Inline[] = [
      { kind: 'text', value: 'The administration’s ' },
      { kind: 'code', value: 'tariff_schedule' },
      { kind: 'noteRef', noteId: 'n1', number: 1 },
      { kind: 'text', value: ' 相互関税 incomprehensibilities.' },
    ];
    const store = openAtomStore({ id: 'shape', lang: 'en' }, cache)!;
    atomize(inlines, { ...enContext, store });
    store.save();
    const fresh = atomize(inlines, enContext);
    const kept = atomize(inlines, { ...enContext, store: openAtomStore({ id: 'shape', lang: 'en' }, cache)! });
    const cut = cutWide(fresh, enContext, 1);
    const all = [...fresh, ...kept, ...cut];
    // The sample holds atoms that carry a note, code, a hyphen and a cut.
    expect(all.some((a) => a.note !== undefined) && all.some((a) => a.code) && all.some((a) => a.hyphenAfter !== undefined) && all.some((a) => a.split === 'cut')).toBe(true);
    const shapes = new Set(all.map((a) => Object.keys(a).join()));
    expect([...shapes]).toEqual([Object.keys(fresh[0]!).join()]);
  });
});
