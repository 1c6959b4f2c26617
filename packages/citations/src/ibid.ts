/**
 * Ibid (同上 / Ibid.), decided from the final order of the notes; a source
 * never stores it.
 *
 * A note prints as ibid when it holds nothing but one citation of one work
 * and the note just before it also held nothing but one citation of one
 * work, the same one. Anything else in the note before — prose, a second
 * citation, a second work in its citation, or no citation at all — breaks
 * the chain. The ibid repeats the locator only where it differs from the
 * note before (同上、89頁 / Ibid., 89.); as in CSL, a citation without a
 * locator after one with a locator is not an ibid, since it cites the whole
 * work.
 */
import type { CitationItem } from '@brief/document-model';
import { sameLocator } from './locator.js';

/** What the ibid decision needs to know of one note. */
export interface NoteCitations {
  /** The note's citations in order, each a list of cited works. */
  citations: readonly (readonly CitationItem[])[];
  /** Whether the note holds nothing but its citations (and punctuation). */
  citationOnly: boolean;
}

/** The decision for one note: whether its citation is an ibid, and what the ibid prints. */
export interface IbidDecision {
  ibid: boolean;
  /** The items to render when `ibid` (the locator dropped where it repeats). */
  items?: CitationItem[];
}

/**
 * Whether a note's single citation repeats the single citation of the note
 * just before it. `previous` is undefined when the note before does not
 * qualify.
 */
export function ibidApplies(previous: readonly CitationItem[] | undefined, current: readonly CitationItem[]): boolean {
  if (previous?.length !== 1 || current.length !== 1) return false;
  const before = previous[0]!;
  const now = current[0]!;
  if (before.key !== now.key) return false;
  if (now.prefix || now.suffix) return false;
  return !(before.locator && !now.locator);
}

/** The item of an ibid as it prints: its locator only where it differs from the note before. */
export function ibidItem(previous: CitationItem, current: CitationItem): CitationItem {
  if (!sameLocator(previous.locator, current.locator)) return current;
  const { locator: _same, ...rest } = current;
  return rest;
}

/** The single work a note cites and nothing else, if that is all it holds. */
function soleItem(note: NoteCitations): CitationItem | undefined {
  return note.citationOnly && note.citations.length === 1 && note.citations[0]!.length === 1 ? note.citations[0]![0] : undefined;
}

/** Ibid for every note, in printed order. */
export function decideIbid(notes: readonly NoteCitations[]): IbidDecision[] {
  let previous: CitationItem | undefined;
  return notes.map((note) => {
    const sole = soleItem(note);
    const ibid = sole !== undefined && ibidApplies(previous ? [previous] : undefined, [sole]);
    const decision: IbidDecision = ibid ? { ibid, items: [ibidItem(previous!, sole!)] } : { ibid: false };
    previous = sole;
    return decision;
  });
}
