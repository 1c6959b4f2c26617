/**
 * Small helpers shared by the rules: citations of a note, where a node was
 * written, CSL dates as comparable ISO strings.
 */
import { forEachInlines, type Block, type CitationInline, type DocumentModel, type Inline, type Note, type SourceSpan } from '@brief/document-model';
import { isPossibleDate, isoOf, parseCslDate, type CslDate, type DateParts, type LocalizedText } from '@brief/citations';

/** Citations inside inline content, in reading order (nested ones included). */
export function citationsIn(inlines: readonly Inline[], out: CitationInline[] = []): CitationInline[] {
  for (const node of inlines) {
    if (node.kind === 'citation') out.push(node);
    else if ('children' in node && Array.isArray(node.children)) citationsIn(node.children as Inline[], out);
  }
  return out;
}

/** Citations of blocks, in reading order. */
export function citationsOfBlocks(blocks: readonly Block[]): CitationInline[] {
  const out: CitationInline[] = [];
  forEachInlines(blocks, (inlines) => citationsIn(inlines, out));
  return out;
}

export function citationsOfNote(note: Note): CitationInline[] {
  return citationsOfBlocks(note.children);
}

/** Every key cited anywhere in the editions. */
export function citedKeys(editions: readonly DocumentModel[]): Set<string> {
  const keys = new Set<string>();
  for (const doc of editions) {
    for (const cite of citationsOfBlocks(doc.body)) for (const item of cite.items) keys.add(item.key);
    for (const note of doc.notes) for (const cite of citationsOfNote(note)) for (const item of cite.items) keys.add(item.key);
  }
  return keys;
}

/** `file:line:column` of a span. */
export function where(span: SourceSpan | undefined, fallbackFile = '?'): string {
  if (!span) return `${fallbackFile}:1:1`;
  return `${span.file}:${span.start.line}:${span.start.column}`;
}

/** A date value as written, for messages. */
export function shownDate(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return JSON.stringify(value);
}

export interface CheckedDate {
  /** Each date of the value (a range has two); undefined when unreadable. */
  parts: DateParts[] | undefined;
  /** Parts that do not name a real calendar date. */
  impossible: DateParts[];
}

/**
 * Read a CSL date (ISO string, year number, date-parts, possibly a range)
 * into its parts. Unreadable values give `parts: undefined`.
 */
export function checkCslDate(value: unknown): CheckedDate {
  const one = (v: CslDate): DateParts | undefined => parseCslDate(v);
  let parts: DateParts[] | undefined;
  if (typeof value === 'number') {
    parts = Number.isInteger(value) ? [{ year: value }] : undefined;
  } else if (typeof value === 'string' || value instanceof Date) {
    const range = typeof value === 'string' ? value.split('/') : [value];
    const read = range.map((v) => one(v as CslDate));
    parts = read.every((p): p is DateParts => p !== undefined) ? read : undefined;
  } else if (value && typeof value === 'object') {
    const v = value as { 'date-parts'?: unknown; raw?: unknown; literal?: unknown };
    if (Array.isArray(v['date-parts'])) {
      const list = v['date-parts'] as unknown[];
      const read = list.map((p) =>
        Array.isArray(p) && p.length > 0 && p.every((x) => typeof x === 'number' || (typeof x === 'string' && /^\d+$/.test(x))) ? one({ 'date-parts': [p as (number | string)[]] }) : undefined,
      );
      parts = read.length > 0 && read.every((p): p is DateParts => p !== undefined) ? read : undefined;
    } else if (typeof v.raw === 'string') {
      const p = one(v.raw);
      parts = p ? [p] : undefined;
    } else if (typeof v.literal === 'string') {
      // A literal date ("Spring 2025") is printed as written and not checked.
      parts = [];
    }
  }
  return { parts, impossible: (parts ?? []).filter((p) => !isPossibleDate(p)) };
}

/** The earliest ISO day a date may denote (`2025` → `2025-01-01`). */
export function earliestDay(d: DateParts): string {
  return isoOf({ year: d.year, month: d.month ?? 1, day: d.day ?? 1 });
}

/** The full ISO day of a date, or undefined when year, month or day is missing. */
export function fullDay(value: unknown): string | undefined {
  const { parts, impossible } = checkCslDate(value);
  const first = parts?.[0];
  if (!first || impossible.length > 0 || first.month === undefined || first.day === undefined) return undefined;
  return isoOf(first);
}

/** Every text value of a possibly per-language field. */
export function textValues(value: LocalizedText | unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number') return [String(value)];
  if (value && typeof value === 'object' && !Array.isArray(value)) return Object.values(value as Record<string, unknown>).filter((v): v is string => typeof v === 'string');
  return [];
}

/** Text normalised for comparisons (NFKC, no white space, lower case). */
export function normalised(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}
