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
 * does not grow with edits. The last two editions' atoms also stay in the
 * process's memory (a watching build lays out the same edition again).
 * Anchors of note marks (which mark comes first) belong to the document,
 * not to the paragraph: they are set again on every use.
 */
import { createHash } from 'node:crypto';
import { buildCache, cacheKey, codeIdentity, type ContentCache } from '@brief/build-cache';
import type { Inline } from '@brief/document-model';
import { facesIdentity } from '@brief/fonts';
import type { Atom, RunStyle } from './inlines.js';

/** A paragraph's atoms, without anchors, and the notes of its marks by atom index. */
export interface KeptAtoms {
  atoms: readonly Atom[];
  marks: readonly (readonly [index: number, noteId: string])[];
}

/** The kept atoms of one edition: looked up by paragraph, saved when the layout ends. */
export interface AtomStore {
  lookup(key: string): KeptAtoms | undefined;
  keep(key: string, atoms: KeptAtoms): void;
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

/** How many editions' atoms stay in memory between layouts in one process. */
const IN_MEMORY = 2;
const inMemory = new Map<string, Map<string, KeptAtoms>>();

/** Drop the atoms kept in memory: the next layout reads the build cache. */
export function forgetKeptAtoms(): void {
  inMemory.clear();
}

/** The stored form: styles once each, atoms naming them by index. */
interface Stored {
  styles: RunStyle[];
  entries: [key: string, atoms: (Omit<Atom, 'style'> & { style: number })[], marks: KeptAtoms['marks']][];
}

function encode(entries: ReadonlyMap<string, KeptAtoms>): Uint8Array {
  const styles: RunStyle[] = [];
  const index = new Map<string, number>();
  const styleIndex = (style: RunStyle) => {
    const json = JSON.stringify(style);
    let k = index.get(json);
    if (k === undefined) {
      k = styles.length;
      styles.push(style);
      index.set(json, k);
    }
    return k;
  };
  const stored: Stored = { styles, entries: [...entries].map(([key, kept]) => [key, kept.atoms.map((a) => ({ ...a, style: styleIndex(a.style) })), kept.marks]) };
  return Buffer.from(JSON.stringify(stored), 'utf8');
}

function decode(bytes: Uint8Array): Map<string, KeptAtoms> {
  const stored = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) as Stored;
  return new Map(stored.entries.map(([key, atoms, marks]) => [key, { atoms: atoms.map((a) => ({ ...a, style: stored.styles[a.style]! })), marks }]));
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
  let known = inMemory.get(key);
  if (!known) {
    const bytes = cache.get(key);
    try {
      known = bytes ? decode(bytes) : new Map();
    } catch {
      known = new Map();
    }
  }
  const knownEntries = known;
  const used = new Map<string, KeptAtoms>();
  let composed = 0;
  return {
    lookup(k) {
      const kept = used.get(k) ?? knownEntries.get(k);
      if (kept) used.set(k, kept);
      return kept;
    },
    keep(k, atoms) {
      composed++;
      used.set(k, atoms);
    },
    save() {
      inMemory.delete(key);
      inMemory.set(key, used);
      while (inMemory.size > IN_MEMORY) inMemory.delete(inMemory.keys().next().value!);
      if (composed > 0 || used.size !== knownEntries.size) cache.put(key, encode(used));
    },
  };
}
