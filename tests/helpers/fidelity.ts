/**
 * Fidelity of a structured source to the printed text it was made from: the
 * seed's body sentences must appear verbatim (after NFKC normalisation and
 * whitespace removal) in the plain text of the edition.
 */
import { readFileSync } from 'node:fs';
import { blockText, type DocumentModel } from '@brief/document-model';

const superscripts = /[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g;

/** NFKC, no whitespace, no zero-width characters. */
export function normalise(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u200b\u2060\ufeff]+/g, '');
}

export interface SeedText {
  /** Body lines (paragraphs, headings, captions), marks removed. */
  body: string[];
  /** Note texts by number, page-break continuations not joined. */
  noteStarts: Map<number, string>;
}

const superscriptValue = (s: string) => Number([...s].map((c) => '⁰¹²³⁴⁵⁶⁷⁸⁹'.indexOf(c)).join(''));

/**
 * Remove what the template prints and the source does not hold: heading
 * numbers ("1.", "（1）", "ア"), figure labels ("図表2") and the 出所 label.
 */
export function stripTemplateText(line: string): string {
  return line
    .replace(/^\d+\.\s*/, '')
    .replace(/^[（(]\d+[）)]\s*/, '')
    .replace(/^[アイウエオカキクケコ]\s+/, '')
    .replace(/^図表\s*\d+\s*/, '')
    .replace(/^[（(]出所[）)]\s*/, '');
}

/** Split the extracted seed into body lines and note lines. */
export function readSeed(path: string): SeedText {
  const lines = readFileSync(path, 'utf8').split('\n');
  // The body starts at the second "1. はじめに" (the first is the list of chapters).
  const starts = lines.map((l, i) => (l.trim() === '1. はじめに' ? i : -1)).filter((i) => i >= 0);
  const first = starts[1] ?? 0;
  const body: string[] = [];
  const noteStarts = new Map<number, string>();
  for (const line of lines.slice(first)) {
    const t = line.trim();
    if (!t) continue;
    const m = /^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*(.*)$/.exec(t);
    if (m) {
      noteStarts.set(superscriptValue(m[1]!), m[2]!);
      continue;
    }
    body.push(stripTemplateText(t.replace(superscripts, '').normalize('NFKC')));
  }
  return { body, noteStarts };
}

/** Sentences of the seed's body (split after 。), normalised, at least 6 characters. */
export function seedSentences(seed: SeedText): string[] {
  const out: string[] = [];
  for (const line of seed.body) {
    for (const s of line.split(/(?<=。)/)) {
      const n = normalise(s);
      if (n.length >= 6) out.push(n);
    }
  }
  return out;
}

/** Plain text of an edition: body and notes, normalised. */
export function editionText(doc: DocumentModel): string {
  return normalise(blockText(doc.body) + doc.notes.map((n) => blockText(n.children)).join(''));
}

export interface FidelityReport {
  total: number;
  found: number;
  missing: string[];
  ratio: number;
}

export function fidelity(seed: SeedText, doc: DocumentModel): FidelityReport {
  const haystack = editionText(doc);
  const sentences = seedSentences(seed);
  const missing = sentences.filter((s) => !haystack.includes(s));
  return { total: sentences.length, found: sentences.length - missing.length, missing, ratio: (sentences.length - missing.length) / sentences.length };
}
