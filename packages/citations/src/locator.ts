/**
 * Locators (`[@key, p. 89]`) and page fields, read into pages so each
 * edition prints them its own way (89頁 / 89 / p. 89).
 */
import { fill, type CitationTerms } from '@brief/templates';

/** A page or page range; or a locator of another kind, printed as written. */
export type Locator = { kind: 'page'; from: string; to?: string; more?: PageSpan[] } | { kind: 'other'; text: string };

/** One page or range of a list of pages (`pp. 6-12, 6-14`: the pages after the first). */
export interface PageSpan {
  from: string;
  to?: string;
}

const pageValue = '[0-9０-９]+[A-Za-z]?|[ivxlcdmIVXLCDM]+';
const span = `(${pageValue})(?:\\s*([-–—―~～〜])\\s*(${pageValue}))?`;
const pagePattern = new RegExp(`^(pp?\\.?\\s*|page\\s+|pages\\s+)?(${span}(?:\\s*[,，、]\\s*${span})*)\\s*(?:頁|ページ)?$`, 'i');
const spanPattern = new RegExp(span, 'g');
/** A label that names one page (`p.`, `page`): a hyphen after it joins the parts of one page number. */
const singleLabel = /^(?:p\.?\s*|page\s+)$/i;

/**
 * One page or range as written. A hyphen joins the parts of one page number
 * (a chapter and its page, 5-3) rather than making a range after a label
 * for one page (`p. 5-3`), or when the second number is lower and as long
 * (5-3; 1496-500 is a range written short).
 */
function pageSpan(from: string, dash: string | undefined, to: string | undefined, single: boolean): PageSpan {
  const a = from.normalize('NFKC');
  const b = to?.normalize('NFKC');
  if (b === undefined) return { from: a };
  const onePage = dash === '-' && (single || (/^\d+$/.test(a) && /^\d+$/.test(b) && b.length >= a.length && Number(b) < Number(a)));
  return onePage ? { from: `${a}-${b}` } : { from: a, to: b };
}

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
  const single = m[1] !== undefined && singleLabel.test(m[1]);
  const [first, ...more] = [...m[2]!.matchAll(spanPattern)].map((p) => pageSpan(p[1]!, p[2], p[3], single));
  return { kind: 'page', ...first!, ...(more.length > 0 ? { more } : {}) };
}

/** Whether two locators point at the same place (forms ignored: `p. 89` = `89頁`). */
export function sameLocator(a: string | undefined, b: string | undefined): boolean {
  const la = parseLocator(a);
  const lb = parseLocator(b);
  if (!la || !lb) return la === lb;
  if (la.kind === 'page' && lb.kind === 'page') return pagesWritten(la, (p) => (p.to ? `${p.from}-${p.to}` : p.from), ',') === pagesWritten(lb, (p) => (p.to ? `${p.from}-${p.to}` : p.from), ',');
  if (la.kind === 'other' && lb.kind === 'other') return la.text.normalize('NFKC') === lb.text.normalize('NFKC');
  return false;
}

/** Every page and range of a page locator, each written by `write`, joined by `separator`. */
export function pagesWritten(loc: PageSpan & { more?: PageSpan[] }, write: (span: PageSpan) => string, separator: string): string {
  return [loc, ...(loc.more ?? [])].map((p) => write(p.to ? { from: p.from, to: p.to } : { from: p.from })).join(separator);
}

/** Whether a page locator names more than one page (a range, or a list). */
export function manyPages(loc: { to?: string; more?: PageSpan[] }): boolean {
  return loc.to !== undefined || (loc.more?.length ?? 0) > 0;
}

function joinRange(loc: PageSpan & { more?: PageSpan[] }, terms: CitationTerms): string {
  return pagesWritten(
    loc,
    (p) => {
      if (!p.to) return p.from;
      const to = terms.pageRangeStyle === 'chicago' ? chicagoRangeEnd(p.from, p.to) : p.to;
      return `${p.from}${terms.pageRangeDelimiter}${to}`;
    },
    terms.pageListDelimiter,
  );
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
  const pattern = pageForm ? (manyPages(loc) ? terms.pages : terms.page) : manyPages(loc) ? terms.locatorPages : terms.locatorPage;
  return fill(pattern, { page });
}
