/**
 * Atoms kept from one build to the next. Turning a paragraph into atoms
 * (shaping and measuring each word, hyphenating it, classing each
 * character) is the costliest step of laying out an edition, and its result
 * depends only on the paragraph's inlines, the values of its text context,
 * the faces and the code. So the atoms of each paragraph are kept under a
 * hash of those inlines and values, in one build cache entry per edition
 * (`@brief/build-cache`), whose key names the code and the faces. A build
 * of an edition after an edit composes only the paragraphs that changed.
 *
 * The entry holds what the last layout of the edition used, no more, so it
 * does not grow with edits. Anchors of note marks (which mark comes first) belong to the document,
 * not to the paragraph: they are set again on every use.
 */
import { createHash } from 'node:crypto';
import { afterBuilds, buildCache, cacheKey, codeIdentity, holdsBetweenBuilds, type ContentCache } from '@brief/build-cache';
import type { Inline } from '@brief/document-model';
import { facesIdentity } from '@brief/fonts';
import type { CharClass } from './chars.js';
import type { LineSpec } from './breaker.js';
import { atomOf, type Atom, type RunStyle } from './inlines.js';

/**
 * A paragraph kept: its atoms, without anchors, in their stored form (a
 * JSON text: a string holds a long report's atoms in a fifth of the memory
 * the atoms take, and they are made again only when used), and the notes of
 * its marks by atom index; and the lines the breaker made of them, by the
 * measure and settings they were set at (`breaksKey` in compose.ts), so
 * that a paragraph set again at the same measure is not broken again.
 */
export interface KeptAtoms {
  stored: string;
  marks: readonly (readonly [index: number, noteId: string])[];
  breaks?: Map<string, readonly LineSpec[]>;
  /** The atoms as made, in a thread that keeps what it decoded between builds (`holdsBetweenBuilds`). */
  atoms?: readonly Atom[];
}

/** The kept paragraph each list of atoms `atomize` gave out was copied from. */
const keptOfAtoms = new WeakMap<readonly Atom[], KeptAtoms>();
/** Kept paragraphs that were broken at a measure they had not been set at: the store is written again. */
const newlyBroken = new WeakSet<KeptAtoms>();
/** The measures each kept paragraph was set at since its store was last written: only their lines are written. */
const measuresUsed = new WeakMap<KeptAtoms, Set<string>>();

function noteMeasure(kept: KeptAtoms, key: string): void {
  let used = measuresUsed.get(kept);
  if (!used) {
    used = new Set();
    measuresUsed.set(kept, used);
  }
  used.add(key);
}

/** Note that `atoms` are a copy of the kept paragraph `kept` (with anchors set). */
export function atomsFrom(atoms: readonly Atom[], kept: KeptAtoms): void {
  keptOfAtoms.set(atoms, kept);
}

/** The lines kept for these atoms at the measure and settings `key`, if they are a kept paragraph's and were broken so before. */
export function keptBreaks(atoms: readonly Atom[], key: string): readonly LineSpec[] | undefined {
  const kept = keptOfAtoms.get(atoms);
  const specs = kept?.breaks?.get(key);
  if (specs) noteMeasure(kept!, key);
  return specs;
}

/** Keep the lines the breaker made of these atoms (when they are a kept paragraph's). */
export function keepBreaks(atoms: readonly Atom[], key: string, specs: readonly LineSpec[]): void {
  const kept = keptOfAtoms.get(atoms);
  if (!kept) return;
  kept.breaks ??= new Map();
  kept.breaks.set(key, specs);
  newlyBroken.add(kept);
  noteMeasure(kept, key);
}

/**
 * The lines of a kept paragraph at the measures its layouts used since it
 * was last written (the others are let go, here too): like the atoms, an
 * entry holds what was used, so it does not grow with edits.
 */
function usedBreaks(kept: KeptAtoms): [string, readonly LineSpec[]][] {
  const used = measuresUsed.get(kept);
  measuresUsed.delete(kept);
  newlyBroken.delete(kept);
  if (!kept.breaks) return [];
  for (const measure of [...kept.breaks.keys()]) if (!used?.has(measure)) kept.breaks.delete(measure);
  return [...kept.breaks];
}

/** The kept atoms of one edition: looked up by paragraph, saved when the layout ends. */
export interface AtomStore {
  /** The atoms of a paragraph kept under `key` (the kept paragraph's, not to be changed). */
  lookup(key: string): { atoms: readonly Atom[]; kept: KeptAtoms } | undefined;
  /** Keep a paragraph's atoms as composed, and the notes of its marks. */
  keep(key: string, atoms: readonly Atom[], marks: KeptAtoms['marks']): KeptAtoms;
  /** Write what this layout used to the build cache (when anything was composed anew). */
  save(): void;
}

/**
 * The key of a paragraph: its inlines and every value of the context that
 * atoms depend on. Where a mark or citation stands in its file is left out:
 * an edit higher up in the file moves it without changing what is set.
 */
export function paragraphKey(inlines: readonly Inline[], context: unknown, start: unknown): string {
  return createHash('sha1')
    .update(JSON.stringify([inlines, context, start], (name, value: unknown) => (name === 'source' ? undefined : value)))
    .digest('base64');
}

/**
 * An atom as stored: a tuple, its style and class as indexes into the
 * entry's tables, its flags as bits, and the numbers it may lack (its width
 * set half-width when that differs, the hyphen after it, what it gains at a
 * line's end, its note) at the end, trailing absent ones left out.
 */
type StoredAtom = [text: string, style: number, cls: number, flags: number, width: number, haltWidth?: number | null, hyphenAfter?: number | null, endDelta?: number | null, note?: number | null];

/** The entry's tables: styles and character classes once each (its last element). */
interface Tables {
  styles: RunStyle[];
  classes: CharClass[];
}

/** A stored atom's flags, one bit each. */
const FLAGS = { cjk: 0x1, halt: 0x2, spaceBefore: 0x4, breakBefore: 0x8, url: 0x10, code: 0x20, point: 0x40, cut: 0x80, label: 0x100 } as const;
/** Where each field of a stored atom stands (a record layout). */
const AT = { text: 0, style: 1, cls: 2, flags: 3, width: 4, haltWidth: 5, hyphenAfter: 6, endDelta: 7, note: 8 } as const;
/** Fields every stored atom has (text to width); the rest may be left out. */
const STORED_FIELDS = AT.width + 1;

/** Index of a value in a table, by its JSON: added when new (the table may hold values already). */
function indexer<T>(table: T[]): (value: T) => number {
  const index = new Map<string, number>(table.map((value, k) => [JSON.stringify(value), k]));
  // Atoms share their style objects (and classes are strings): each is serialised once.
  const seen = new Map<T, number>();
  return (value) => {
    let k = seen.get(value);
    if (k !== undefined) return k;
    const json = JSON.stringify(value);
    k = index.get(json);
    if (k === undefined) {
      k = table.length;
      table.push(value);
      index.set(json, k);
    }
    seen.set(value, k);
    return k;
  };
}

function encodeAtom(a: Atom, style: (s: RunStyle) => number, cls: (c: CharClass) => number): StoredAtom {
  const flags =
    (a.cjk ? FLAGS.cjk : 0) |
    (a.halt ? FLAGS.halt : 0) |
    (a.spaceBefore ? FLAGS.spaceBefore : 0) |
    (a.breakBefore ? FLAGS.breakBefore : 0) |
    (a.url ? FLAGS.url : 0) |
    (a.code ? FLAGS.code : 0) |
    (a.label ? FLAGS.label : 0) |
    (a.split ? FLAGS[a.split] : 0);
  const out: StoredAtom = [a.text, style(a.style), cls(a.cls), flags, a.width, a.haltWidth === a.width ? null : a.haltWidth, a.hyphenAfter ?? null, a.endDelta ?? null, a.note ?? null];
  while (out.length > STORED_FIELDS && out[out.length - 1] === null) out.pop();
  return out;
}

/** A stored atom as laid out (read by index: see `decodeRun` in shaped-runs.ts). */
function decodeAtom(stored: StoredAtom, tables: Tables): Atom {
  const width = stored[AT.width];
  const flags = stored[AT.flags];
  return atomOf({
    text: stored[AT.text],
    style: tables.styles[stored[AT.style]]!,
    cls: tables.classes[stored[AT.cls]]!,
    cjk: (flags & FLAGS.cjk) !== 0,
    width,
    halt: (flags & FLAGS.halt) !== 0,
    haltWidth: stored[AT.haltWidth] ?? width,
    spaceBefore: (flags & FLAGS.spaceBefore) !== 0,
    breakBefore: (flags & FLAGS.breakBefore) !== 0,
    url: (flags & FLAGS.url) !== 0,
    split: flags & FLAGS.point ? 'point' : flags & FLAGS.cut ? 'cut' : undefined,
    code: flags & FLAGS.code ? true : undefined,
    label: flags & FLAGS.label ? true : undefined,
    hyphenAfter: stored[AT.hyphenAfter] ?? undefined,
    endDelta: stored[AT.endDelta] ?? undefined,
    note: stored[AT.note] ?? undefined,
  });
}

/** A line as stored: first and last atom, whether it is justified and hyphenated (1 or 0), then the atoms set half-width (from `LINE.halts`). */
type StoredLine = number[];
const LINE = { start: 0, end: 1, justify: 2, hyphen: 3, halts: 4 } as const;

function encodeLine(spec: LineSpec): StoredLine {
  return [spec.start, spec.end, spec.justify ? 1 : 0, spec.hyphen ? 1 : 0, ...spec.halts];
}

function decodeLine(stored: StoredLine): LineSpec {
  const spec: LineSpec = { start: stored[LINE.start]!, end: stored[LINE.end]!, justify: stored[LINE.justify] === 1, halts: stored.slice(LINE.halts) };
  if (stored[LINE.hyphen] === 1) spec.hyphen = true;
  return spec;
}

/** The paragraphs of an entry and the tables their atoms index. */
interface Paragraphs {
  tables: Tables;
  kept: Map<string, KeptAtoms>;
}

/** A stored paragraph: its key, marks, atoms (JSON text) and lines by measure. */
type StoredParagraph = [key: string, marks: KeptAtoms['marks'], atoms: string, breaks?: [string, StoredLine[]][]];

/**
 * The stored form: a JSON array of the tables, then a `[key, marks,
 * atoms, breaks?]` entry per paragraph (the atoms as the JSON text they are
 * kept as, the breaks as `[measure key, lines]` pairs). Written a paragraph
 * at a time, so a long report's atoms never stand in memory as one string.
 */
function encode(paragraphs: Paragraphs): Uint8Array {
  const parts: Buffer[] = [Buffer.from(`[${JSON.stringify(paragraphs.tables)}`)];
  for (const [key, kept] of paragraphs.kept) {
    const breaks = usedBreaks(kept).map(([measure, specs]) => [measure, specs.map(encodeLine)]);
    parts.push(Buffer.from(`,${JSON.stringify(breaks.length ? [key, kept.marks, kept.stored, breaks] : [key, kept.marks, kept.stored])}`));
  }
  parts.push(Buffer.from(']'));
  return Buffer.concat(parts);
}

function decode(bytes: Uint8Array): Paragraphs {
  const [tables, ...entries] = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) as [Tables, ...StoredParagraph[]];
  if (!Array.isArray(tables?.styles) || !Array.isArray(tables.classes)) throw new Error('not an atoms entry');
  const kept = new Map<string, KeptAtoms>();
  for (const [key, marks, stored, breaks] of entries) {
    if (typeof stored !== 'string') throw new Error('not an atoms entry');
    const paragraph: KeptAtoms = { stored, marks };
    if (breaks) paragraph.breaks = new Map(breaks.map(([measure, lines]) => [measure, lines.map(decodeLine)]));
    kept.set(key, paragraph);
  }
  return { tables, kept };
}

/** The atoms of a kept paragraph, made from their stored form (and kept so in a thread that holds between builds). */
function atomsOfKept(kept: KeptAtoms, tables: Tables): readonly Atom[] {
  if (kept.atoms) return kept.atoms;
  const stored = JSON.parse(kept.stored) as StoredAtom[];
  const atoms = new Array<Atom>(stored.length);
  for (let i = 0; i < stored.length; i++) atoms[i] = decodeAtom(stored[i]!, tables);
  if (holdsBetweenBuilds()) kept.atoms = atoms;
  return atoms;
}

/** The paragraphs an entry holds (none when it is missing or cannot be read). */
function readAtoms(cache: ContentCache, key: string): Paragraphs {
  try {
    const bytes = cache.get(key);
    if (bytes) return decode(bytes);
  } catch {
    // Read as missing: the paragraphs are composed again.
  }
  return { tables: { styles: [], classes: [] }, kept: new Map() };
}

/**
 * The atoms this process last read or wrote for each entry, with the
 * entry's stamp then: a later layout of the edition in the same process
 * (`brief watch`, one rendering worker after another) takes them while the
 * entry is unchanged, instead of reading and decoding it again. Held weakly,
 * so they never add to a build's peak memory (a garbage collection may let
 * them go, and the entry is then read as in a new process); held for sure in
 * a thread that keeps what it decoded between builds (`holdsBetweenBuilds`:
 * a watch worker, which would otherwise decode them again on most edits).
 */
const held = new Map<string, { stamp: string; atoms: WeakRef<Paragraphs>; kept?: Paragraphs }>();

function heldAtoms(cache: ContentCache, key: string): Paragraphs | undefined {
  const kept = held.get(`${cache.dir}\0${key}`);
  const atoms = kept?.kept ?? kept?.atoms.deref();
  return atoms && kept!.stamp === (cache.stamp(key) ?? '') ? atoms : undefined;
}

/** Hold paragraphs under the entry's stamp now (none when it is not written yet): another process writing the entry makes them stale. */
function hold(cache: ContentCache, key: string, atoms: Paragraphs): void {
  const name = `${cache.dir}\0${key}`;
  held.delete(name);
  held.set(name, { stamp: cache.stamp(key) ?? '', atoms: new WeakRef(atoms), ...(holdsBetweenBuilds() ? { kept: atoms } : {}) });
}

/** The code whose results are kept: this package and what measures, shapes and hyphenates for it. */
function codeOfAtoms(): string {
  return codeIdentity(import.meta.url, ['@brief/document-model', '@brief/fonts', 'pdfmake', 'harfbuzzjs', 'hyphen']);
}

/**
 * The store of an edition (named by its report id and language), or
 * undefined when the build cache is off.
 */
export function openAtomStore(edition: { id: string; lang: string }, cache: ContentCache | undefined = buildCache()): AtomStore | undefined {
  if (!cache) return undefined;
  let key: string;
  try {
    key = cacheKey('to-pdf.atoms', codeOfAtoms(), facesIdentity(), edition.id, edition.lang);
  } catch {
    // Code or faces that cannot be identified are not cached.
    return undefined;
  }
  const known = heldAtoms(cache, key) ?? readAtoms(cache, key);
  // New atoms index the same tables as the kept ones (which only grow): one entry holds both.
  const { tables } = known;
  const style = indexer(tables.styles);
  const cls = indexer(tables.classes);
  const used: Paragraphs = { tables, kept: new Map() };
  let composed = 0;
  return {
    lookup(k) {
      const kept = used.kept.get(k) ?? known.kept.get(k);
      if (!kept) return undefined;
      let atoms: readonly Atom[];
      try {
        atoms = atomsOfKept(kept, tables);
      } catch {
        // A paragraph that cannot be read is composed again (and kept anew).
        return undefined;
      }
      used.kept.set(k, kept);
      return { atoms, kept };
    },
    keep(k, atoms, marks) {
      composed++;
      const kept: KeptAtoms = { stored: JSON.stringify(atoms.map((a) => encodeAtom(a, style, cls))), marks };
      if (holdsBetweenBuilds()) kept.atoms = atoms;
      used.kept.set(k, kept);
      return kept;
    },
    save() {
      let broken = false;
      for (const kept of used.kept.values()) broken ||= newlyBroken.has(kept);
      // Held now, for the next layout in this thread; written (whole) when a watch worker's edits pause.
      hold(cache, key, used);
      if (composed > 0 || broken || used.kept.size !== known.kept.size)
        afterBuilds(`to-pdf.atoms ${key}`, () => {
          cache.put(key, encode(used));
          hold(cache, key, used);
        });
    },
  };
}
