/**
 * Locators (`[@key, p. 89]`) and page fields, read into pages so each
 * edition prints them its own way (89頁 / 89 / p. 89).
 */
import { fill, type CitationTerms } from '@brief/templates';

/** A page or page range; or a locator of another kind, printed as written. */
export type Locator = { kind: 'page'; from: string; to?: string } | { kind: 'other'; text: string };

const pageValue = '[0-9０-９]+[A-Za-z]?|[ivxlcdmIVXLCDM]+';
const pagePattern = new RegExp(`^(?:pp?\\.?\\s*|page\\s+|pages\\s+)?(${pageValue})(?:\\s*[-–—―~～〜]\\s*(${pageValue}))?\\s*(?:頁|ページ)?$`, 'i');

/**
 * Read a locator or a `page` field. Accepted forms: `p. 89`, `pp. 47-54`,
 * `89`, `89頁`, `47～54頁`, `pp. 132–133`. Anything else (`chap. 3`,
 * `sec. 2`) is a locator of another kind, printed as written (the reader takes
 * words after pages and a comma as a suffix: `p. 33, emphasis added`).
 */
export function parseLocator(value: string | number | undefined): Locator | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  if (text === '') return undefined;
  const m = pagePattern.exec(text);
  if (!m) return { kind: 'other', text };
  const from = m[1]!.normalize('NFKC');
  const to = m[2]?.normalize('NFKC');
  return { kind: 'page', from, ...(to ? { to } : {}) };
}

/** Whether two locators point at the same place (forms ignored: `p. 89` = `89頁`). */
export function sameLocator(a: string | undefined, b: string | undefined): boolean {
  const la = parseLocator(a);
  const lb = parseLocator(b);
  if (!la || !lb) return la === lb;
  if (la.kind === 'page' && lb.kind === 'page') return la.from === lb.from && la.to === lb.to;
  if (la.kind === 'other' && lb.kind === 'other') return la.text.normalize('NFKC') === lb.text.normalize('NFKC');
  return false;
}

function joinRange(loc: { from: string; to?: string }, terms: CitationTerms): string {
  if (!loc.to) return loc.from;
  const to = terms.pageRangeStyle === 'chicago' ? chicagoRangeEnd(loc.from, loc.to) : loc.to;
  return `${loc.from}${terms.pageRangeDelimiter}${to}`;
}

/**
 * The last page of a range as Chicago (9.61) shortens it: in full after a
 * first page under 100 or a multiple of 100 (3–10, 100–104); after 101–109
 * of a hundred only the digits that change (101–8, 1103–4); after 110–199
 * of a hundred two digits or more as needed (321–28, 498–532, 1496–500).
 * Anything else (roman numerals, A3, a last page before the first) is kept.
 */
export function chicagoRangeEnd(from: string, to: string): string {
  if (!/^\d+$/.test(from) || !/^\d+$/.test(to) || from.length !== to.length || Number(to) <= Number(from)) return to;
  const first = Number(from);
  if (first < 100 || first % 100 === 0) return to;
  const differs = [...to].findIndex((d, i) => d !== from[i]);
  const changed = to.slice(differs);
  return first % 100 < 10 ? String(Number(changed)) : changed.length >= 2 ? changed : to.slice(-2);
}

/**
 * A locator as printed after a work (book, report, ibid): 89頁 / 89.
 * `pageForm` selects the Diet-minutes form instead (6頁 / p. 6).
 */
export function formatLocator(loc: Locator, terms: CitationTerms, pageForm = false): string {
  if (loc.kind === 'other') return loc.text;
  const page = joinRange(loc, terms);
  const pattern = pageForm ? (loc.to ? terms.pages : terms.page) : loc.to ? terms.locatorPages : terms.locatorPage;
  return fill(pattern, { page });
}
