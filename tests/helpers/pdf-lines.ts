/**
 * Reading a PDF back as lines of text with positions (pdfjs-dist), to check
 * composition the way a reader sees it: which lines break the Japanese line
 * breaking rules, which full lines end flush with the right edge of the text
 * column, and whether each note starts on the page of its mark.
 *
 * Lines are grouped by baseline; superscript digits (note marks and note
 * numbers) are attached to the line they are raised above.
 */
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface Item {
  str: string;
  x: number;
  /** Baseline, from the top of the page. */
  y: number;
  width: number;
  size: number;
}

export interface Mark {
  number: number;
  x: number;
}

export interface Line {
  page: number;
  y: number;
  x0: number;
  x1: number;
  size: number;
  /** Text without the superscript digits. */
  text: string;
  marks: Mark[];
  /** The superscript number hung before the line (a note's first line). */
  noteStart?: number;
  /** A mark is the first thing on the line. */
  startsWithMark: boolean;
}

export interface PdfText {
  pages: number;
  pageWidth: number;
  pageHeight: number;
  lines: Line[];
  /** Full text, page by page. */
  text: string;
}

const round = (v: number, step = 0.5) => Math.round(v / step) * step;

/** Digits smaller than this are superscript marks or note numbers. */
const MARK_MAX_SIZE = 7;

/** Read every text item of a PDF, with its position (y from the top) and size. */
export async function readItems(path: string): Promise<{ items: Item[][]; width: number; height: number }> {
  const data = new Uint8Array(readFileSync(path));
  const pdf = await getDocument({ data, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const items: Item[][] = [];
  let width = 0;
  let height = 0;
  for (let p = 1; p <= pdf.numPages; p++) {
    const page = await pdf.getPage(p);
    const view = page.getViewport({ scale: 1 });
    width = view.width;
    height = view.height;
    const content = await page.getTextContent();
    const list: Item[] = [];
    for (const it of content.items) {
      if (!('str' in it) || it.str === '') continue;
      const [a, b, , d, e, f] = it.transform as number[];
      const size = Math.hypot(a!, b!) || Math.abs(d!);
      list.push({ str: it.str, x: e!, y: view.height - f!, width: it.width, size });
    }
    items.push(list);
  }
  await pdf.destroy();
  return { items, width, height };
}

/** The most common value (rounded) of a list. */
export function mode(values: readonly number[], step = 0.5): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(round(v, step), (counts.get(round(v, step)) ?? 0) + 1);
  let best = 0;
  let bestCount = -1;
  for (const [v, c] of counts) if (c > bestCount || (c === bestCount && v > best)) [best, bestCount] = [v, c];
  return best;
}

/**
 * Lines of a PDF. Superscript digits (smaller than `markMaxSize` and raised)
 * are attached to the line below them as marks.
 */
export async function readLines(path: string): Promise<PdfText> {
  const { items, width, height } = await readItems(path);
  const lines: Line[] = [];
  const texts: string[] = [];
  items.forEach((pageItems, page) => {
    // Superscript digits: set at 0.58 of the body size, smaller than any other text.
    const isMark = (i: Item) => /^\d+$/.test(i.str.trim()) && i.size < MARK_MAX_SIZE;
    const marks = pageItems.filter(isMark);
    const rest = pageItems.filter((i) => !isMark(i));
    const groups = new Map<string, Item[]>();
    for (const it of rest) {
      const key = `${round(it.y, 1)}`;
      const g = groups.get(key) ?? [];
      g.push(it);
      groups.set(key, g);
    }
    const pageLines: Line[] = [...groups.values()]
      .map((g) => {
        g.sort((a, b) => a.x - b.x);
        const size = mode(
          g.map((i) => i.size),
          0.25,
        );
        const last = g[g.length - 1]!;
        return {
          page,
          y: g[0]!.y,
          x0: g[0]!.x,
          x1: Math.max(...g.map((i) => i.x + i.width)),
          size,
          text: g.map((i) => i.str).join(''),
          marks: [],
          startsWithMark: false,
          _last: last,
        } as Line & { _last: Item };
      })
      .sort((a, b) => a.y - b.y);
    for (const m of marks) {
      // The line whose baseline lies just below the raised digits.
      const target = pageLines.filter((l) => l.y > m.y && l.y - m.y < 8 && m.x >= l.x0 - 20 && m.x <= l.x1 + 20).sort((a, b) => a.y - b.y)[0];
      if (!target) continue;
      const number = Number(m.str.trim());
      if (m.x < target.x0 - 0.5) {
        target.noteStart = number;
      } else {
        target.marks.push({ number, x: m.x });
        if (m.x <= target.x0 + 0.5) target.startsWithMark = true;
        target.x1 = Math.max(target.x1, m.x + m.width);
      }
    }
    for (const l of pageLines) {
      l.marks.sort((a, b) => a.x - b.x);
      delete (l as Partial<Line & { _last: Item }>)._last;
      lines.push(l);
    }
    texts.push(pageItems.map((i) => i.str).join(''));
  });
  return { pages: items.length, pageWidth: width, pageHeight: height, lines, text: texts.join('\n') };
}

/** Characters that may not start a line (closing brackets, 、。, small kana, ー, 々, ・ …). */
export const NO_LINE_START = /^[)\]}）〕］｝〉》」』】〙〗”’、。，．・：；？！ー々ゝゞヽヾぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ％]/u;
/** Characters that may not end a line (opening brackets). */
export const NO_LINE_END = /[([{（〔［｛〈《「『【〘〖“‘]$/u;

export interface KinsokuViolation {
  page: number;
  text: string;
  rule: 'start' | 'end' | 'mark';
}

/**
 * Lines that break the line-breaking rules: a closing character or a mark at
 * the start, an opening bracket at the end. Only lines of the given sizes
 * count (the body and the notes: text inside figures is drawn as it is).
 */
export function kinsokuViolations(lines: readonly Line[], sizes?: readonly number[]): KinsokuViolation[] {
  const out: KinsokuViolation[] = [];
  for (const l of lines) {
    if (sizes && !sizes.some((s) => Math.abs(s - l.size) < 0.3)) continue;
    const text = l.text.trim();
    if (!text) continue;
    if (l.startsWithMark) out.push({ page: l.page, text, rule: 'mark' });
    else if (NO_LINE_START.test(text)) out.push({ page: l.page, text, rule: 'start' });
    if (NO_LINE_END.test(text) && !(l.marks.length > 0 && l.marks[l.marks.length - 1]!.x > l.x1 - 8)) out.push({ page: l.page, text, rule: 'end' });
  }
  return out;
}

export interface FlushReport {
  full: number;
  flush: number;
  ratio: number;
  ragged: Line[];
}

/**
 * Of the full lines of body text (lines of the body size followed, one line
 * pitch below, by another body line starting at the column's left edge: not
 * a paragraph's last line), how many end at the column's right edge.
 */
export function flushRight(text: PdfText, bodySize: number, tolerance = 0.6): FlushReport {
  const body = text.lines.filter((l) => Math.abs(l.size - bodySize) < 0.3 && l.text.trim());
  const pitch = mode(
    body
      .slice(1)
      .map((l, k) => l.y - body[k]!.y)
      .filter((d) => d > 0 && d < bodySize * 3),
    0.25,
  );
  let full = 0;
  let flush = 0;
  const ragged: Line[] = [];
  for (let p = 0; p < text.pages; p++) {
    const lines = body.filter((l) => l.page === p);
    if (lines.length < 2) continue;
    const left = mode(lines.map((l) => l.x0));
    const right = mode(lines.map((l) => l.x1));
    lines.forEach((l, k) => {
      const next = lines[k + 1];
      if (!next || Math.abs(next.y - l.y - pitch) > 0.6 || Math.abs(next.x0 - left) > 0.6) return;
      if (Math.abs(l.x0 - left) > 0.6 && l.x0 - left > bodySize * 2.5) return;
      full++;
      if (Math.abs(l.x1 - right) <= tolerance) flush++;
      else ragged.push(l);
    });
  }
  return { full, flush, ratio: full === 0 ? 1 : flush / full, ragged };
}

/** For each note number: the page of its first mark and the page where the note starts. */
export function notePlacement(text: PdfText): { marks: Map<number, number>; starts: Map<number, number> } {
  const marks = new Map<number, number>();
  const starts = new Map<number, number>();
  for (const l of text.lines) {
    for (const m of l.marks) if (!marks.has(m.number)) marks.set(m.number, l.page);
    if (l.noteStart !== undefined && !starts.has(l.noteStart)) starts.set(l.noteStart, l.page);
  }
  return { marks, starts };
}

/** Notes that start on the page of their first mark. */
export function notesOnTheirPage(text: PdfText): { onPage: number[]; elsewhere: number[] } {
  const { marks, starts } = notePlacement(text);
  const onPage: number[] = [];
  const elsewhere: number[] = [];
  for (const [n, page] of [...starts].sort((a, b) => a[0] - b[0])) {
    if (marks.get(n) === page) onPage.push(n);
    else elsewhere.push(n);
  }
  return { onPage, elsewhere };
}

/** Closing punctuation whose ink sits in the left half of its em box (set half-width at a line's end). */
const LEFT_INKED = /^[、。，．）」』】〕〉》〙〗｝］]$/u;
/** Opening punctuation, inked in the right half (set half-width at a line's start). */
const RIGHT_INKED = /^[（「『【〔〈《〘〖｛［]$/u;

/**
 * Glyphs that lie outside the text block's left and right edges (the
 * narrower of the two margins on each side, so mirrored pages are allowed
 * for, moved in by `inset` where the measure is narrower than the space
 * between the margins — a Japanese measure of whole characters, centred),
 * leaving out the note numbers hung in the margin (`hung`). Closing
 * Japanese punctuation counts by its inked left half (at a line's end it is
 * set half-width, its em box reaching half an em past the measure), opening
 * punctuation by its right half (likewise at a line's start).
 */
export function glyphsOutside(items: readonly (readonly Item[])[], width: number, margin: { inner: number; outer: number }, hung: (it: Item) => boolean, inset = 0): string[] {
  const left = Math.min(margin.inner, margin.outer) + inset;
  const right = width - Math.min(margin.inner, margin.outer) - inset;
  const outside: string[] = [];
  items.forEach((page, p) => {
    for (const it of page) {
      if (!it.str.trim() || hung(it)) continue;
      const inked = LEFT_INKED.test(it.str) ? it.width / 2 : it.width;
      const start = RIGHT_INKED.test(it.str) ? it.x + it.width / 2 : it.x;
      if (start < left - 0.5 || it.x + inked > right + 0.5) outside.push(`page ${p + 1}: ${it.x.toFixed(1)}–${(it.x + it.width).toFixed(1)} (${left.toFixed(1)}–${right.toFixed(1)}) ${it.str}`);
    }
  });
  return outside;
}
