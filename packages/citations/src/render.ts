/**
 * Citations in the edition's house style. Every printed word, bracket and
 * order comes from the template (`strings.terms`: layouts per kind of work,
 * title forms, page and session forms; `strings.ibid*`, `citationDate`);
 * this module only picks the fields of each CSL item and fills the layout.
 */
import { fill, formatDate, type CitationLayouts, type CitationTerms, type LanguageStrings, type LanguageStyle } from '@brief/templates';
import type { CitationItem, Inline, LanguageTag } from '@brief/document-model';
import type { CslItem, CslName, ReferenceLibrary } from './types.js';
import { isoOf, localizedOrAny, nameText, parseCslDate, titleText, type TitleText } from './text.js';
import { fillLayout, normaliseInlines, type Slots } from './layout.js';
import { formatLocator, parseLocator } from './locator.js';

export interface CitationRenderContext {
  lang: LanguageTag;
  style: LanguageStyle;
  library: ReferenceLibrary;
  /** The citation ends its paragraph (a note, or a paragraph of one): the template's `noteEnd` follows it. */
  endsParagraph?: boolean;
}

/** Which of the template's layouts prints an item. */
export function layoutKind(item: CslItem): keyof CitationLayouts {
  switch (item.type) {
    case 'article-newspaper':
      return 'newspaper';
    case 'article-journal':
      return 'article';
    case 'article-magazine':
    case 'post-weblog':
    case 'article':
      return 'magazine';
    case 'book':
      return 'book';
    case 'report':
      return 'report';
    case 'webpage':
    case 'post':
      return 'webpage';
    case 'legislation':
    case 'hearing':
      return sessionOf(item) !== undefined ? 'minutes' : 'other';
    default:
      return 'other';
  }
}

function sessionOf(item: CslItem): number | undefined {
  const value = item.number;
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const m = /(\d+)/.exec(value.normalize('NFKC'));
  return m ? Number(m[1]) : undefined;
}

function text(value: string): Inline {
  return { kind: 'text', value };
}

function plain(value: string | number | undefined | null): Inline[] | undefined {
  if (value === undefined || value === null) return undefined;
  const s = String(value).trim();
  return s === '' ? undefined : [text(s)];
}

/** A title in its form (『…』, *…*, “…”), a bracketed translation after it. */
function formatTitle(title: TitleText | undefined, form: string, terms: CitationTerms): Inline[] | undefined {
  if (!title) return undefined;
  const main = title.main !== undefined && title.main.trim() !== '' ? fillLayout(form, { title: [text(title.main)] }) : undefined;
  if (!title.translation) return main;
  if (!main) return [text(title.translation)];
  return fillLayout(terms.titleForms.translated, { title: main, translation: [text(title.translation)] });
}

/** An ordinal number from the template's forms (219th / 219). */
export function ordinal(n: number, lang: LanguageTag, terms: CitationTerms): string {
  let category = 'other';
  try {
    category = new Intl.PluralRules(lang, { type: 'ordinal' }).select(n);
  } catch {
    // An unknown language tag: the `other` form.
  }
  return fill(terms.ordinals[category] ?? terms.ordinals.other ?? '{n}', { n });
}

function names(list: readonly CslName[] | undefined, lang: LanguageTag, terms: CitationTerms): Inline[] | undefined {
  if (!Array.isArray(list)) return undefined;
  const printed = list.map((n) => nameText(n, lang)).filter((s) => s.trim() !== '');
  if (printed.length === 0) return undefined;
  const last = printed.pop()!;
  return [text(printed.length > 0 ? `${printed.join(terms.nameDelimiter)}${terms.nameLastDelimiter}${last}` : last)];
}

function edition(item: CslItem, lang: LanguageTag, terms: CitationTerms): Inline[] | undefined {
  const value = localizedOrAny(item.edition, lang);
  if (value === undefined) return undefined;
  const keyword = value.trim().toLowerCase();
  if (keyword === 'evening') return [text(terms.eveningEdition)];
  if (keyword === 'morning') return [text(terms.morningEdition)];
  return plain(value);
}

function date(item: CslItem, strings: LanguageStrings): { date: Inline[] | undefined; year: Inline[] | undefined } {
  const d = parseCslDate(item.issued);
  if (!d) {
    const literal = item.issued && typeof item.issued === 'object' ? item.issued.literal : undefined;
    return { date: literal ? [text(literal)] : undefined, year: undefined };
  }
  return { date: [text(formatDate(strings, isoOf(d), datePattern(strings.citationDate, d)))], year: [text(String(d.year))] };
}

/**
 * The citation date pattern without the parts a date lacks, with what joins
 * them: `{yyyy}.{m}.{d}` → `{yyyy}.{m}`, `{month} {d}, {yyyy}` → `{month} {yyyy}`.
 */
export function datePattern(pattern: string, d: { month?: number; day?: number }): string {
  let out = pattern;
  if (d.day === undefined) out = out.replace(/[./-]\{d\}|\{d\}日|\{d\},?\s?/, '');
  if (d.month === undefined) out = out.replace(/[./-]\{m\}|\{m\}月|\{(?:month|mon)\}\s?/, '');
  return out;
}

/** The placeholders a citation layout may use (see CitationLayouts in @brief/templates). */
export const layoutPlaceholders = [
  'author',
  'title',
  'container',
  'publisher',
  'place',
  'year',
  'date',
  'edition',
  'volume',
  'issue',
  'page',
  'locator',
  'url',
  'session',
  'chamber',
  'minutes',
  'titleOrSite',
  'siteIfTitle',
] as const;

/** Placeholder values of one cited work (see CitationLayouts). */
export function citationSlots(cite: CitationItem, item: CslItem, ctx: CitationRenderContext): Slots & Record<(typeof layoutPlaceholders)[number], Inline[] | undefined> {
  const { lang } = ctx;
  const strings = ctx.style.strings;
  const terms = strings.terms;
  const forms = terms.titleForms;
  const kind = layoutKind(item);
  const container = titleText(item['container-title'], lang);
  const titleForm = kind === 'book' || kind === 'report' ? forms.book : kind === 'webpage' ? forms.webpage : kind === 'other' && !container ? forms.book : forms.article;
  let title = formatTitle(titleText(item.title, lang), titleForm, terms);
  if (!title && (kind === 'book' || kind === 'report' || kind === 'article' || kind === 'magazine' || kind === 'other') && !container) title = [text(terms.noTitle)];
  const organisation = localizedOrAny(item.publisher, lang) ?? localizedOrAny(item.authority, lang);
  const site = kind === 'webpage' ? (formatTitle(container, forms.site, terms) ?? plain(organisation !== undefined ? fill(terms.website, { org: organisation }) : undefined)) : undefined;
  const url = typeof item.URL === 'string' && item.URL.trim() !== '' ? item.URL.trim() : undefined;
  const cited = parseLocator(cite.locator);
  const pages = cited ?? parseLocator(item.page as string | number | undefined);
  const chamber = localizedOrAny(item.chamber, lang);
  const committee = localizedOrAny(item.committee, lang);
  const session = sessionOf(item);
  let sessionText: string | undefined;
  if (session !== undefined) {
    sessionText = fill(terms.session, { n: ordinal(session, lang, terms) });
    const genre = localizedOrAny(item.genre, lang);
    if (genre) sessionText = fill(terms.sessionGenre, { session: sessionText, genre });
  }
  const minutes = committee ? fill((chamber !== undefined ? terms.committeeMinutesByChamber[chamber] : undefined) ?? terms.committeeMinutes, { committee }) : terms.plenaryMinutes;
  const issue = item.issue !== undefined && item.issue !== null && String(item.issue).trim() !== '' ? String(item.issue).trim() : undefined;
  return {
    author: names(item.author, lang, terms) ?? names(item.editor, lang, terms),
    title,
    container: kind === 'webpage' ? site : formatTitle(container, forms.periodical, terms),
    publisher: plain(organisation),
    place: plain(localizedOrAny(item['publisher-place'], lang)),
    ...date(item, strings),
    edition: edition(item, lang, terms),
    volume: plain(item.volume as string | number | undefined),
    issue: kind === 'minutes' && issue !== undefined ? [text(fill(terms.minutesIssue, { n: issue }))] : plain(issue),
    page: pages ? [text(formatLocator(pages, terms, true))] : undefined,
    locator: cited ? [text(formatLocator(cited, terms))] : undefined,
    url: url ? [{ kind: 'link', url, children: [text(url)] }] : undefined,
    session: plain(sessionText),
    chamber: plain(chamber),
    minutes: kind === 'minutes' ? [text(minutes)] : undefined,
    titleOrSite: title ?? site,
    siteIfTitle: title ? (formatTitle(container, forms.site, terms) ?? plain(organisation)) : undefined,
  };
}

/** Whether a space belongs between two runs (not next to Japanese text). */
function spaced(before: string, after: string): boolean {
  const cjk = /[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;
  return before !== '' && after !== '' && !cjk.test(before.slice(-1)) && !cjk.test(after[0]!);
}

/** One cited work, rendered in the edition's house style. */
export function renderItem(cite: CitationItem, ctx: CitationRenderContext): Inline[] {
  const item = ctx.library.items.get(cite.key);
  if (!item) return [text(`[@${cite.key}]`)];
  const body = fillLayout(ctx.style.strings.terms.layouts[layoutKind(item)], citationSlots(cite, item, ctx));
  const parts: Inline[] = [];
  const first = body[0]?.kind === 'text' ? body[0].value : 'x';
  if (cite.prefix) parts.push(text(spaced(cite.prefix, first) ? `${cite.prefix} ` : cite.prefix));
  parts.push(...body);
  if (cite.suffix) parts.push(text(spaced('x', cite.suffix) && !/^[,.;:)]/.test(cite.suffix) ? ` ${cite.suffix}` : cite.suffix));
  return parts;
}

/** Move `,` and `.` after a closing double quotation mark inside it. */
function punctuationInQuote(inlines: readonly Inline[]): Inline[] {
  return inlines.map((node) => {
    if (node.kind === 'text') return { kind: 'text', value: node.value.replace(/”([.,])/g, '$1”') };
    if (node.kind === 'emphasis' || node.kind === 'strong') return { ...node, children: punctuationInQuote(node.children) };
    return node;
  });
}

function endsWith(inlines: readonly Inline[], suffix: string): boolean {
  const last = inlines[inlines.length - 1];
  if (!last) return false;
  if (last.kind === 'text') return last.value.endsWith(suffix);
  if (last.kind === 'emphasis' || last.kind === 'strong') return endsWith(last.children, suffix);
  return false;
}

/**
 * A citation (one or more works) in the edition's house style; `ibid`
 * prints 同上 / Ibid. (with the first item's locator, if it has one).
 */
export function renderCitation(items: readonly CitationItem[], ibid: boolean, ctx: CitationRenderContext): Inline[] {
  const strings = ctx.style.strings;
  const terms = strings.terms;
  let out: Inline[] = [];
  if (ibid) {
    const locator = parseLocator(items[0]?.locator);
    out.push(text(locator ? fill(strings.ibidWithLocator, { locator: formatLocator(locator, terms) }) : strings.ibid));
  } else {
    items.forEach((cite, i) => {
      if (i > 0) out.push(text(strings.citationSeparator));
      out.push(...renderItem(cite, ctx));
    });
  }
  out = normaliseInlines(out);
  if (terms.punctuationInQuote) out = punctuationInQuote(out);
  if (ctx.endsParagraph && terms.noteEnd && !endsWith(out, terms.noteEnd)) out = normaliseInlines([...out, text(terms.noteEnd)]);
  return out;
}
