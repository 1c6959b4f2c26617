/**
 * Citations in the edition's house style. Every printed word, bracket and
 * order comes from the template (`strings.terms`: layouts per kind of work,
 * title forms, page and session forms; `strings.ibid*`, `citationDate`);
 * this module only picks the fields of each CSL item and fills the layout.
 */
import { fill, formatDate, type CitationLayouts, type CitationTerms, type ContributorRole, type LanguageStrings, type LanguageStyle } from '@brief/templates';
import { citedTitleRuns, runInlines, titlePlain, titleRuns, type CitationItem, type Inline, type LanguageTag, type TitleRun } from '@brief/document-model';
import type { CslItem, CslName, LocalizedText, ReferenceLibrary } from './types.js';
import { bareDoi, isoOf, localized, localizedOrAny, nameText, parseCslDate, parseCslDateEnd, titleText, writtenSessionNumber, type DateParts, type TitleText } from './text.js';
import { fillLayout, normaliseInlines, slotHeldBy, type Slots } from './layout.js';
import { chicagoRangeEnd, formatLocator, pagesWritten, parseLocator, type Locator } from './locator.js';
import { renderWithCsl } from './csl.js';

/**
 * A genre printed after other words of an English note, as Chicago prints
 * one: its first letter in lower case (“…,” speech, Tokyo; Yūko Tanaka, email
 * message to the author) unless its first word has capitals of its own (PhD
 * dissertation, BBC interview). Other languages print it as written.
 */
export function genreAfterWords(genre: string, lang: LanguageTag): string {
  if (lang.split('-')[0] !== 'en') return genre;
  const first = /^\S+/.exec(genre)?.[0] ?? '';
  return /^\p{Lu}[^\p{Lu}]*$/u.test(first) ? genre.charAt(0).toLowerCase() + genre.slice(1) : genre;
}

export interface CitationRenderContext {
  lang: LanguageTag;
  style: LanguageStyle;
  library: ReferenceLibrary;
  /** The citation ends its paragraph (a note, or a paragraph of one): the template's `noteEnd` follows it. */
  endsParagraph?: boolean;
  /** Keys of the works earlier notes cited: these print in the template's short form (`terms.subsequent`). */
  citedBefore?: ReadonlySet<string>;
}

/** Letters of the Japanese (and other CJK) scripts: a field holding one is no foreign work's. */
const cjkLetter = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff01-\uff60]/u;

/** The printed text of a work's fields in one language: titles, places, publishers, names. */
function printedTexts(item: CslItem, lang: LanguageTag): string[] {
  const fields = ['title', 'container-title', 'collection-title', 'publisher', 'authority', 'publisher-place', 'genre', 'chamber', 'committee'];
  const names = (['author', 'editor', 'translator'] as const).flatMap((role) =>
    (Array.isArray(item[role]) ? (item[role] as CslName[]) : []).map((n) => (n && typeof n === 'object' ? nameText(n, lang) : String(n ?? ''))),
  );
  return [...fields.map((f) => localizedOrAny(item[f] as LocalizedText | undefined, lang) ?? ''), ...names].filter((s) => s.trim() !== '');
}

/**
 * The context a work is cited in: a foreign work (every printed field in
 * Latin script, its title among them) in the style of `style.foreign`, as
 * Japanese notes cite an English book as English notes do; in full each
 * time, as the edition cites its other works.
 */
export function contextFor(item: CslItem, ctx: CitationRenderContext): CitationRenderContext {
  const foreign = ctx.style.foreign;
  if (!foreign || ctx.style.cslStyle) return ctx;
  const texts = printedTexts(item, ctx.lang);
  const title = localizedOrAny(item.title, ctx.lang) ?? '';
  if (!/\p{Script=Latin}/u.test(title) || texts.some((t) => cjkLetter.test(t))) return ctx;
  const { citedBefore: _before, ...rest } = ctx;
  return { ...rest, lang: foreign.lang, style: foreign };
}

/** The chamber names of the National Diet (ja and en). */
const dietChambers = /^(衆議院|参議院|House of Representatives|House of Councillors)$/i;

function values(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string' || typeof value === 'number') return [String(value)];
  if (typeof value === 'object' && !Array.isArray(value)) return Object.values(value as Record<string, unknown>).flatMap(values);
  return [];
}

/** A Diet session number as written: `219`, `"第219回"`, `"第219回国会"` (not a law number such as 昭和39年…第21号). */
const sessionNumber = /^\s*第?\s*([0-9０-９]+|[〇一二三四五六七八九十百]+)\s*(?:回\s*(?:国会)?)?\s*$/u;

/**
 * What a `legislation` or `hearing` item is: Diet minutes (a Diet chamber, or
 * a bare session number with a minutes issue), minutes of another assembly
 * (a city council's `chamber`, or a hearing), or a statute or ordinance.
 */
export function legislationKind(item: CslItem): 'minutes' | 'assembly' | 'statute' | undefined {
  if (item.type !== 'legislation' && item.type !== 'hearing') return undefined;
  const chambers = values(item.chamber);
  if (chambers.length > 0) return chambers.some((c) => dietChambers.test(c.trim())) ? 'minutes' : 'assembly';
  const number = values(item.number);
  const bareSession = number.length > 0 && number.every((n) => sessionNumber.test(n.normalize('NFKC')));
  if (bareSession && (item.issue !== undefined || item.committee !== undefined)) return 'minutes';
  if (item.type === 'hearing' || item.committee !== undefined) return 'assembly';
  return 'statute';
}

/**
 * A hearing printed as a document of its own, cited by its title (a
 * congressional hearing: Tariffs and the American Economy: Hearing Before
 * the Committee on Finance), not minutes: a `hearing` with a title and no
 * minutes issue, outside the Diet.
 */
export function printedHearing(item: CslItem): boolean {
  return item.type === 'hearing' && values(item.title).length > 0 && item.issue === undefined && legislationKind(item) !== 'minutes';
}

/** Whether a hearing's title names the hearing itself (…: Hearing Before the S. Comm. on Finance). */
function namesHearing(item: CslItem, lang: LanguageTag): boolean {
  return /hearing|公聴会|聴聞/i.test(titleText(item.title, lang)?.main ?? '');
}

/** Which of the template's layouts prints an item (a missing optional layout falls back to `other`). */
export function layoutKind(item: CslItem): keyof CitationLayouts {
  switch (item.type) {
    case 'article-newspaper':
      return 'newspaper';
    case 'article-journal':
    case 'review':
    case 'review-book':
      return 'article';
    case 'article-magazine':
    case 'post-weblog':
    case 'article':
      return 'magazine';
    case 'book':
    case 'classic':
    case 'collection':
    case 'pamphlet':
    case 'musical_score':
      return 'book';
    case 'chapter':
    case 'entry':
    case 'entry-dictionary':
    case 'entry-encyclopedia':
    case 'paper-conference':
      return 'chapter';
    case 'report':
    case 'document':
      return 'report';
    case 'thesis':
    case 'manuscript':
      return 'thesis';
    case 'webpage':
    case 'post':
      return 'webpage';
    case 'legislation':
      return legislationKind(item) ?? 'other';
    case 'hearing':
      return printedHearing(item) ? 'hearing' : (legislationKind(item) ?? 'other');
    case 'bill':
    case 'treaty':
      return 'statute';
    case 'regulation':
      return 'regulation';
    case 'legal_case':
      return 'legalCase';
    case 'patent':
      return 'patent';
    case 'standard':
      return 'standard';
    case 'software':
      return 'software';
    default:
      return 'other';
  }
}

/** The layout pattern of an item in a style (optional layouts fall back to `other`; a printed hearing to the assembly's). */
export function layoutOf(item: CslItem, terms: CitationTerms): string {
  const kind = layoutKind(item);
  return terms.layouts[kind] ?? (kind === 'hearing' ? terms.layouts.assembly : undefined) ?? terms.layouts.other;
}

function sessionOf(item: CslItem): number | undefined {
  return legislationKind(item) === 'minutes' ? writtenSessionNumber(item.number) : undefined;
}

function text(value: string): Inline {
  return { kind: 'text', value };
}

function plain(value: string | number | undefined | null): Inline[] | undefined {
  if (value === undefined || value === null) return undefined;
  const s = String(value).trim();
  return s === '' ? undefined : [text(s)];
}

/** Quotation marks inside a title in 「…」 become 『…』, as Japanese house styles nest them. */
function nestQuotes(title: string, form: string): string {
  if (/「\{title\}」/.test(form)) return title.replace(/「/g, '『').replace(/」/g, '』');
  // And double quotation marks inside “…” become single ones (Chicago 13.30), typed straight ("Ground Zero") or curly.
  if (/“\{title\}”/.test(form))
    return title
      .replace(/"([^"]*)"/g, '‘$1’')
      .replace(/“/g, '‘')
      .replace(/”/g, '’');
  return title;
}

/** A title's text as inlines, its italics as written (`citedTitleRuns`). */
function citedTitle(title: string): Inline[] {
  return runInlines(citedTitleRuns(title));
}

/** A title in its form (『…』, *…*, “…”), a bracketed translation after it. */
function formatTitle(title: TitleText | undefined, form: string, terms: CitationTerms): Inline[] | undefined {
  if (!title) return undefined;
  const main = title.main !== undefined && title.main.trim() !== '' ? fillLayout(form, { title: citedTitle(nestQuotes(title.main, form)) }) : undefined;
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

function nameList(list: readonly CslName[] | undefined, lang: LanguageTag, terms: CitationTerms): { text: string; count: number } | undefined {
  if (!Array.isArray(list)) return undefined;
  const printed = list.map((n) => (n && typeof n === 'object' ? nameText(n, lang) : String(n ?? ''))).filter((s) => s.trim() !== '');
  if (printed.length === 0) return undefined;
  const count = printed.length;
  // Four names or more: the first and `terms.etAl` (Chicago 14.76 for notes: Dunleavy et al.; 山田ほか).
  if (count >= 4 && terms.etAl) return { text: fill(terms.etAl, { name: printed[0]! }), count };
  const last = printed.pop()!;
  return { text: printed.length > 0 ? `${printed.join(terms.nameDelimiter)}${lastDelimiter(printed.length + 1, terms)}${last}` : last, count };
}

/**
 * The names a short form prints: family names (an organisation whole) of the
 * authors, else of the editors; four or more as the first and `terms.etAl`.
 */
export function shortNames(item: CslItem, lang: LanguageTag, terms: Pick<CitationTerms, 'nameDelimiter' | 'nameLastDelimiter' | 'nameSerialDelimiter' | 'etAl'>): string | undefined {
  const list = (Array.isArray(item.author) && item.author.length > 0 ? item.author : Array.isArray(item.editor) ? item.editor : []) as CslName[];
  const names = list
    .map((n) => (n && typeof n === 'object' ? (localizedOrAny(n.literal, lang) ?? localizedOrAny(n.family, lang) ?? localizedOrAny(n.given, lang) ?? '') : ''))
    .filter((n) => n.trim() !== '');
  if (names.length === 0) return undefined;
  if (names.length >= 4) return fill(terms.etAl, { name: names[0]! });
  const last = names.pop()!;
  return names.length > 0 ? `${names.join(terms.nameDelimiter)}${lastDelimiter(names.length + 1, terms)}${last}` : last;
}

/** What goes before the last of `count` names: with three or more, the serial delimiter when the style has one. */
function lastDelimiter(count: number, terms: Pick<CitationTerms, 'nameLastDelimiter' | 'nameSerialDelimiter'>): string {
  return count >= 3 ? (terms.nameSerialDelimiter ?? terms.nameLastDelimiter) : terms.nameLastDelimiter;
}

/**
 * A work's short title: its `title-short`, else its title without a subtitle
 * (the part before the first colon), without a translation.
 */
export function shortTitle(item: CslItem, lang: LanguageTag): TitleText | undefined {
  const own = titleText(item['title-short'] as LocalizedText | undefined, lang);
  if (own?.main) return { main: own.main };
  const main = titleText(item.title, lang)?.main;
  if (main === undefined) return undefined;
  // The colon is looked for in the title as printed; the italics written in it are kept.
  const plainMain = titlePlain(main);
  const cut = /^(.+?\S)\s*[:：]\s+\S/u.exec(plainMain) ?? /^(.+?\S)：/u.exec(plainMain);
  return { main: cut ? titleMarkup(titleRuns(main), cut[1]!.length) : main };
}

/** Runs written back as a title with `*…*` marks, the first `length` characters of their text. */
function titleMarkup(runs: readonly TitleRun[], length: number): string {
  let left = length;
  let out = '';
  for (const run of runs) {
    if (left <= 0) break;
    const piece = run.text.slice(0, left).replace(/[*_\\]/g, '\\$&');
    left -= run.text.length;
    out += run.italic ? `*${piece}*` : piece;
  }
  return out;
}

/** Whether a work cited before prints in the short form: the template has one, and the work a title (minutes print in full). */
function printsShort(cite: CitationItem, item: CslItem, ctx: CitationRenderContext): boolean {
  if (!ctx.style.strings.terms.subsequent || !ctx.citedBefore?.has(cite.key)) return false;
  const kind = layoutKind(item);
  return kind !== 'minutes' && kind !== 'assembly' && titleText(item.title, ctx.lang)?.main !== undefined;
}

function edition(item: CslItem, lang: LanguageTag, terms: CitationTerms): Inline[] | undefined {
  const value = localizedOrAny(item.edition, lang) ?? (typeof item.edition === 'number' ? String(item.edition) : undefined);
  if (value === undefined) return undefined;
  const keyword = value.trim().toLowerCase();
  if (keyword === 'evening') return [text(terms.eveningEdition)];
  if (keyword === 'morning') return [text(terms.morningEdition)];
  if (/^\d+$/.test(keyword) && terms.editionNumber) return [text(fill(terms.editionNumber, { n: ordinal(Number(keyword), lang, terms) }))];
  return plain(value);
}

function date(item: CslItem, strings: LanguageStrings, withoutDay = false): { date: Inline[] | undefined; year: Inline[] | undefined } {
  const trimmed = (parsed: DateParts | undefined) =>
    parsed && withoutDay && parsed.day !== undefined ? { year: parsed.year, ...(parsed.month !== undefined ? { month: parsed.month } : {}) } : parsed;
  const d = trimmed(parseCslDate(item.issued));
  if (!d) {
    const literal = item.issued && typeof item.issued === 'object' ? item.issued.literal : undefined;
    return { date: literal ? [text(literal)] : undefined, year: literal ? [text(literal)] : undefined };
  }
  const shown = (p: DateParts) => formatDate(strings, isoOf(p), datePattern(strings.citationDate, p));
  // A range (2019/2020) prints both ends, joined as a range of pages is.
  const end = trimmed(parseCslDateEnd(item.issued));
  const joined = (a: string, b: string) => (a === b ? a : `${a}${strings.terms.pageRangeDelimiter}${b}`);
  return { date: [text(end ? joined(shown(d), shown(end)) : shown(d))], year: [text(end ? joined(String(d.year), String(end.year)) : String(d.year))] };
}

/**
 * A case's date in its court-and-date parenthetical: in the style's
 * `courtDate` pattern (en `{mon} {d}, {yyyy}`, the month abbreviated as
 * Bluebook table T12 does), else as other dates in notes.
 */
function courtDate(item: CslItem, strings: LanguageStrings): string | undefined {
  const pattern = strings.terms.courtDate;
  const full = date(item, strings).date;
  if (pattern === undefined || !full) return full && inlineString(full);
  const d = parseCslDate(item.issued);
  if (!d) return inlineString(full);
  const shown = (p: DateParts) => formatDate(strings, isoOf(p), datePattern(pattern, p));
  const end = parseCslDateEnd(item.issued);
  return end && shown(end) !== shown(d) ? `${shown(d)}${strings.terms.pageRangeDelimiter}${shown(end)}` : shown(d);
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

/**
 * A regulation in a code or register with numbered volumes, cited as the
 * Bluebook cites it: the volume, the code and the section (45 C.F.R. §
 * 46.116), or the register and the page the rule starts on, then the page
 * cited (88 Fed. Reg. 58640, 58642). Undefined for any other work, and for
 * a regulation in the EU's Official Journal, whose issue (L 119) is no
 * volume number and which is cited by year first (2016 O.J. (L 119) 1).
 * `byPage`: cited by page, so dated in full; a code is dated by its year.
 */
function codeCitation(
  kind: keyof CitationLayouts,
  item: CslItem,
  lang: LanguageTag,
  containerText: string | undefined,
  volume: string | undefined,
  cited: Locator | undefined,
  itemPage: Locator | undefined,
): { cite: string; byPage: boolean; fields: string[] } | undefined {
  const codeName = containerText?.trim();
  if (kind !== 'regulation' || !codeName || !volume || !/^\d+$/.test(volume.trim())) return undefined;
  const head = `${volume.trim()} ${codeName}`;
  const fields = ['volume', 'container-title'];
  const section = localizedOrAny(item.section, lang)?.trim();
  if (cited?.kind === 'other') return { cite: `${head} ${cited.text}`, byPage: false, fields };
  if (section && !itemPage) {
    fields.push('section');
    const point = /^\d/.test(section) ? `§ ${section}` : section;
    return { cite: `${head} ${point}${cited ? `, ${lawPages(cited)}` : ''}`, byPage: false, fields };
  }
  const first = itemPage ?? cited;
  if (!first) return { cite: head, byPage: false, fields };
  if (itemPage) fields.push('page');
  const pinpoint = itemPage && cited ? `, ${lawPages(cited)}` : '';
  return { cite: `${head} ${lawPages(first)}${pinpoint}`, byPage: true, fields };
}

/** Pages as the Bluebook prints them in any language: 58640, 58642–43. */
function lawPages(loc: Locator): string {
  if (loc.kind === 'other') return loc.text;
  return pagesWritten(loc, (p) => (p.to ? `${p.from}–${chicagoRangeEnd(p.from, p.to)}` : p.from), ', ');
}

/** The placeholders a citation layout may use (see CitationLayouts in @brief/templates). */
export const layoutPlaceholders = [
  'author',
  'editor',
  'translator',
  'title',
  'container',
  'containerPlain',
  'collection',
  'publisher',
  'place',
  'year',
  'date',
  'dateNoPublisher',
  'yearNoPublisher',
  'dateNoContainer',
  'accessed',
  'placeNoPublisher',
  'owner',
  'edition',
  'volume',
  'vol',
  'issue',
  'page',
  'pages',
  'locator',
  'firstPage',
  'pinpoint',
  'statutePoint',
  'codePoint',
  'codeStatute',
  'namedCode',
  'statuteBook',
  'statutePointAlone',
  'billPoint',
  'billShort',
  'statuteSection',
  'ojContainer',
  'ojJournal',
  'ojPoint',
  'ojPointBefore',
  'ojPointAlone',
  'ojFirstPage',
  'ojPinpoint',
  'codeCite',
  'codeDate',
  'url',
  'doi',
  'genre',
  'number',
  'reportNumber',
  'reportNumberBefore',
  'reportNumberAlone',
  'collectionBefore',
  'collectionAlone',
  'editorAlone',
  'numberOrDate',
  'authority',
  'courtYear',
  'caseName',
  'docket',
  'caseVolume',
  'neutralCite',
  'section',
  'version',
  'medium',
  'status',
  'session',
  'chamber',
  'minutes',
  'assembly',
  'hearingBefore',
  'titleOrSite',
  'siteIfTitle',
  'authorShort',
  'titleShort',
  'codeShort',
  'reporterAt',
  'slipAt',
  'contributors',
  'event',
] as const;

/** The roles `{contributors}` prints, in order (CMOS 14.265 film, 14.213 interview, 14.214 letter; the template gives each its form). */
const contributorRoles: readonly ContributorRole[] = ['director', 'interviewer', 'recipient', 'illustrator', 'compiler', 'performer', 'producer', 'host'];

export type CitationSlots = Slots & Record<(typeof layoutPlaceholders)[number], Inline[] | undefined>;

/** A cited work's placeholder values and the fields each prints (`citationSlotsWithFields`), for the checks that read both. */
export type RenderedFields = ReturnType<typeof citationSlotsWithFields>;

/** Placeholder values of one cited work, and the references.yaml fields each one prints. */
export function citationSlotsWithFields(cite: CitationItem, item: CslItem, itemCtx: CitationRenderContext): { slots: CitationSlots; fields: Record<string, string[]> } {
  const ctx = contextFor(item, itemCtx);
  const { lang } = ctx;
  const strings = ctx.style.strings;
  const terms = strings.terms;
  const forms = terms.titleForms;
  const kind = layoutKind(item);
  const legal = kind === 'statute' || kind === 'regulation' || kind === 'legalCase' || kind === 'patent' || kind === 'assembly';
  const container = titleText(item['container-title'], lang);
  const titleForm =
    kind === 'book' || kind === 'report' || kind === 'standard' || kind === 'software' || kind === 'assembly'
      ? forms.book
      : item.type === 'speech' || item.type === 'personal_communication' || item.type === 'interview'
        ? forms.article
        : kind === 'webpage'
          ? forms.webpage
          : kind === 'statute' || kind === 'regulation'
            ? (forms.statute ?? '{title}')
            : kind === 'hearing'
              ? '{title}'
              : kind === 'legalCase'
                ? (forms.legalCase ?? forms.book)
                : kind === 'patent'
                  ? (forms.patent ?? forms.article)
                  : kind === 'other' && !container
                    ? forms.book
                    : forms.article;
  let title = formatTitle(titleText(item.title, lang), titleForm, terms);
  const fields: Record<string, string[]> = {};
  if (title) fields.title = ['title'];
  // A hearing's title that names the body it was held before prints its committee and chamber.
  if (title && kind === 'hearing' && namesHearing(item, lang)) fields.title = ['title', 'committee', 'authority', 'chamber'];
  // A work named only by its genre (an e-mail to the author) prints the genre in the title's place.
  const genreAsTitle = !title && kind === 'other' && !container && localizedOrAny(item.genre, lang) !== undefined;
  if (genreAsTitle) {
    // The note's first words when no name goes before it: capitalised (an English genre is written as it reads after a name).
    const named = (Array.isArray(item.author) && item.author.length > 0) || (Array.isArray(item.editor) && item.editor.length > 0);
    const genre = localizedOrAny(item.genre, lang)!;
    title = plain(named ? genreAfterWords(genre, lang) : genre.charAt(0).toUpperCase() + genre.slice(1));
    fields.title = ['genre'];
  }
  if (!title && (kind === 'book' || kind === 'report' || kind === 'article' || kind === 'magazine' || kind === 'other') && !container) title = [text(terms.noTitle)];
  const publisherText = localizedOrAny(item.publisher, lang);
  const authorityText = localizedOrAny(item.authority, lang);
  const organisation = legal ? publisherText : (publisherText ?? authorityText);
  // The field that fills the organisation's place (`publisher` when neither is given: the one to ask for).
  const organisationField = publisherText !== undefined || legal || authorityText === undefined ? 'publisher' : 'authority';
  const siteName = formatTitle(container, forms.site, terms);
  const site = kind === 'webpage' ? (siteName ?? plain(organisation !== undefined ? fill(terms.website, { org: organisation }) : undefined)) : undefined;
  const siteFields = siteName ? ['container-title'] : [organisationField];
  const url = typeof item.URL === 'string' && item.URL.trim() !== '' ? item.URL.trim() : undefined;
  const doiValue = typeof item.DOI === 'string' && item.DOI.trim() !== '' ? bareDoi(item.DOI) : undefined;
  const doiUrl = doiValue !== undefined ? fill(terms.doiForm ?? 'https://doi.org/{doi}', { doi: doiValue }) : undefined;
  const cited = parseLocator(cite.locator);
  const itemPage = parseLocator(item.page as string | number | undefined);
  const pages = cited ?? itemPage;
  // A statute is cited at a section: the locator written in the citation (`[@key, § 1412]`), else the
  // item's section; a page locator stays with the volume it is in, when the statute has one.
  const statuteLocator = kind === 'statute' && cited && (cited.kind === 'other' || item['container-title'] === undefined) ? cited : undefined;
  // A law report (or statute book) cites the page the work starts on, then the page cited (94 U.S. 113, 126).
  const firstPage = itemPage ?? (statuteLocator ? undefined : cited);
  const pinpoint = itemPage && cited && !statuteLocator ? cited : undefined;
  const chamber = localizedOrAny(item.chamber, lang);
  const committee = localizedOrAny(item.committee, lang);
  const genre = localizedOrAny(item.genre, lang);
  const numberText = localizedOrAny(item.number as LocalizedText | undefined, lang) ?? (typeof item.number === 'number' ? String(item.number) : undefined);
  const session = sessionOf(item);
  let sessionText: string | undefined;
  if (session !== undefined) {
    sessionText = fill(terms.session, { n: ordinal(session, lang, terms) });
    if (genre) sessionText = fill(terms.sessionGenre, { session: sessionText, genre });
  }
  const minutes = committee
    ? fill((kind === 'minutes' && chamber !== undefined ? terms.committeeMinutesByChamber[chamber] : undefined) ?? terms.committeeMinutes, { committee })
    : terms.plenaryMinutes;
  const issue =
    item.issue !== undefined && item.issue !== null && String(localizedOrAny(item.issue as LocalizedText, lang) ?? '').trim() !== ''
      ? String(localizedOrAny(item.issue as LocalizedText, lang)).trim()
      : undefined;
  const volume = item.volume !== undefined && item.volume !== null ? localizedOrAny(item.volume as LocalizedText, lang) : undefined;
  const containerText = localizedOrAny(item['container-title'], lang);
  const code = codeCitation(kind, item, lang, containerText, volume, cited, itemPage);
  // A regulation in an official journal (or in none), not a code.
  const journal = kind === 'regulation' && !code;
  // A regulation in an official journal: the page it starts on, else a page cited (an article cited is no page).
  const ojFirst = itemPage ?? (cited?.kind === 'page' ? cited : undefined);
  // An article cited, or any locator of a regulation printed in no journal.
  const ojPoint = journal && cited && (cited.kind === 'other' || container === undefined) ? [text(formatLocator(cited, terms, true))] : undefined;
  const statutePoint = statuteLocator ? [text(formatLocator(statuteLocator, terms, true))] : plain(localizedOrAny(item.section, lang));
  // A statute in a code, cited by its section: the section follows the code with no comma (42 U.S.C. § 1983).
  const inCode = kind === 'statute' && container !== undefined && volume !== undefined && volume.trim() !== '' && firstPage === undefined;
  // A section written as a bare number gets its sign in a code, as a regulation's does (47 U.S.C. § 254).
  const codeSection = statutePoint && statutePoint[0]?.kind === 'text' && /^\d/.test(statutePoint[0].value) ? [text('§ '), ...statutePoint] : statutePoint;
  // A code named without a title number (a state's: Cal. Civ. Code § 1798.100), cited at a section, after its
  // chapter when it has one (Mass. Gen. Laws ch. 93H, § 3; Bluebook 12.3 and table T1).
  const chapter = kind === 'statute' ? String(localizedOrAny(item['chapter-number'] as LocalizedText | undefined, lang) ?? '').trim() : '';
  const namedCode = kind === 'statute' && !inCode && containerText?.trim() && !volume?.trim() && firstPage === undefined && codeSection !== undefined;
  // A locator that names the chapter itself ([@mgl, ch. 93H, § 4]) is not given it again.
  const chapterInPoint = codeSection?.[0]?.kind === 'text' && /^(?:ch|c)\.\s/.test(codeSection[0].value);
  const codeHead = inCode
    ? `${volume!.trim()} ${containerText!.trim()} `
    : namedCode
      ? chapter && !chapterInPoint
        ? `${containerText!.trim()} ${fill(terms.codeChapter ?? 'ch. {chapter}', { chapter })}, `
        : // A chapter written into the code's name is followed by a comma too (Mass. Gen. Laws ch. 93H, § 3).
          `${containerText!.trim()}${/\b(?:ch|c)\.\s*[\w-]+$/.test(containerText!.trim()) ? ',' : ''} `
      : undefined;
  const codeStatute = codeHead !== undefined && codeSection ? normaliseInlines([text(codeHead), ...codeSection]) : undefined;
  // Names: authors; editors in the author's place when there is no author (not for a chapter: its editors are the book's).
  const authors = nameList(item.author, lang, terms);
  const editors = nameList(item.editor, lang, terms);
  const translators = nameList(item.translator as CslName[] | undefined, lang, terms);
  let author: Inline[] | undefined;
  let editor: Inline[] | undefined;
  if (authors) {
    author = [text(authors.text)];
    fields.author = ['author'];
  } else if (editors && kind !== 'chapter') {
    const form = editors.count > 1 ? (terms.editorsAsAuthor ?? terms.editorAsAuthor) : terms.editorAsAuthor;
    author = [text(form ? fill(form, { names: editors.text }) : editors.text)];
    fields.author = ['editor'];
  }
  if (editors && fields.author?.[0] !== 'editor') {
    editor = [text(fill(terms.editorRole ?? '{names}', { names: editors.text }))];
    fields.editor = ['editor'];
  }
  const translator = translators ? [text(fill(terms.translatorRole ?? '{names}', { names: translators.text }))] : undefined;
  if (translator) fields.translator = ['translator'];
  // Other people the work names (a film's director, an interview's interviewer), each in its role's form.
  const roles = contributorRoles.flatMap((role) => {
    const form = terms.contributorRoles?.[role];
    const names = form === undefined ? undefined : nameList(item[role] as CslName[] | undefined, lang, terms);
    return names ? [{ role, text: fill(form!, { names: names.text }) }] : [];
  });
  fields.contributors = roles.map((r) => r.role);
  // The event a speech or paper was given at (CSL 1.0.2 `event-title`, formerly `event`).
  const eventField = item['event-title'] !== undefined ? 'event-title' : 'event';
  fields.event = [eventField];
  // Where a work without a publisher was given or made: its place of publication, else the place of its event (CSL `event-place`, as Zotero gives a presentation's).
  const placeField = item['publisher-place'] !== undefined || item['event-place'] === undefined ? 'publisher-place' : 'event-place';
  // Series: collection-title and collection-number.
  const collectionTitle = localizedOrAny(item['collection-title'], lang);
  const collectionNo = item['collection-number'] !== undefined && item['collection-number'] !== null ? localizedOrAny(item['collection-number'] as LocalizedText, lang) : undefined;
  const collection =
    collectionTitle && collectionNo
      ? fill(terms.collectionNumber ?? '{collection} {number}', { collection: collectionTitle, number: collectionNo })
      : (collectionTitle ?? (collectionNo ? fill(terms.numberForm ?? '{number}', { number: collectionNo }) : undefined));
  fields.collection = ['collection-title', 'collection-number'];
  // A number with a prefix of its own (EPA 816-K-23-001, GAO-24-106101: letters, then a space or a hyphen) is an identifier: printed as it is, not as "no. EPA…" or 第EPA…号.
  const identifier = numberText !== undefined && /^(?!(?:no|nos|nr|vol|vols|pp?)\b)[A-Za-z]{2}[A-Za-z.&/]*[\s-]\d/i.test(numberText.trim());
  const reportNumber =
    genre && numberText
      ? fill((identifier ? terms.genreIdentifier : undefined) ?? terms.genreNumber ?? '{genre} {number}', { genre, number: numberText })
      : numberText
        ? identifier
          ? numberText.trim()
          : fill(terms.numberForm ?? '{number}', { number: numberText })
        : genre;
  // A journal's issue is dated by its month and year at most (CMOS 14.171): the day of a numbered issue is dropped.
  const dated = date(item, strings, item.type === 'article-journal' && (item.volume !== undefined || item.issue !== undefined));
  const accessedParts = parseCslDate(item.accessed);
  const accessedText = accessedParts ? formatDate(strings, isoOf(accessedParts), datePattern(strings.citationDate, accessedParts)) : undefined;
  // A case without a name is named by its court, and its date is printed in full (Bluebook, foreign cases).
  const unnamedCase = kind === 'legalCase' && !fields.title;
  // A statute whose number or short title holds its year (Act No. 57 of 2003, Deregulation Act 2015) does not print it again.
  const statuteYear = kind === 'statute' && dated.year !== undefined ? inlineString(dated.year) : undefined;
  const yearInNumber = statuteYear !== undefined && (numberText?.includes(statuteYear) === true || new RegExp(`(?<!\\d)${statuteYear}(?!\\d)`).test(localizedOrAny(item.title, lang) ?? ''));
  // A bill is cited at its Congress and section, then its year: H.R. 5378, 118th Cong. § 2 (2023) (CMOS 14.291).
  const billPoint = item.type === 'bill' && authorityText !== undefined ? [text(`${authorityText} `), ...(statutePoint ?? [])] : undefined;
  // The U.S. Supreme Court's own reporters name the court: 347 U.S. 483 (1954), not (U.S. Supreme Court 1954) (Bluebook 10.4).
  // So does a court's own reporter, in any series: 484 Mass. 493 (2020), 50 Cal. 4th 1 (2010), not (Mass. 2020).
  const reporterName = containerText?.trim() ?? '';
  const courtName = authorityText?.trim() ?? '';
  const ownReporter = courtName !== '' && (reporterName === courtName || (reporterName.startsWith(courtName) && /^\s?\d+(?:d|st|nd|rd|th)$/.test(reporterName.slice(courtName.length))));
  const reporterNamesCourt =
    kind === 'legalCase' && volume !== undefined && ((/^(?:U\.\s?S\.|S\.\s?Ct\.|L\.\s?Ed\.(?:\s?2d)?)$/.test(reporterName) && /supreme court/i.test(authorityText ?? '')) || ownReporter);
  // A neutral citation names its court and year ([2020] EWCA Civ 1058): they are not repeated after it (OSCOLA 2.1.1).
  const neutral = kind === 'legalCase' && !unnamedCase && /^\[\d{4}\]\s+\S/.test(numberText?.trim() ?? '');
  // A case printed in a reporter is cited there, not by its docket number; one that is not is cited by its
  // docket number, court and full date (Bluebook 10.8.1; in Japanese too, the 事件番号 only without 民集 and the like).
  // A reporter numbered by issue, not volume (判例時報 1771号, 判例タイムズ), is given its issue alone: it counts as the volume does.
  const caseVolume = kind === 'legalCase' ? volume?.trim() || (issue !== undefined && issue !== '' ? issue : undefined) : undefined;
  const reported = kind === 'legalCase' && caseVolume !== undefined && (containerText?.trim() ?? '') !== '' && firstPage !== undefined;
  const unreported = kind === 'legalCase' && !reported && !neutral && !unnamedCase;
  // A case's full date in its court-and-date parenthetical, in the style's form for it (Bluebook T12: Oct. 10, 2023).
  const caseDate = kind === 'legalCase' && (unnamedCase || unreported) ? courtDate(item, strings) : undefined;
  const courtYear = neutral
    ? undefined
    : unnamedCase
      ? caseDate
      : unreported && caseDate
        ? authorityText
          ? fill(terms.courtYear ?? '{court} {year}', { court: authorityText, year: caseDate })
          : caseDate
        : reporterNamesCourt && dated.year
          ? inlineString(dated.year)
          : namedCode && publisherText && dated.year
            ? // A code's publisher goes before its year (Bluebook 12.3.1(d): Tex. Util. Code Ann. § 39.151 (West 2023)).
              `${publisherText} ${inlineString(dated.year)}`
            : billPoint
              ? dated.year && inlineString(dated.year)
              : yearInNumber
                ? authorityText
                : authorityText && dated.year
                  ? fill(terms.courtYear ?? '{court} {year}', { court: authorityText, year: inlineString(dated.year) })
                  : authorityText
                    ? authorityText
                    : dated.year
                      ? inlineString(dated.year)
                      : undefined;
  const versionText = localizedOrAny(item.version as LocalizedText | undefined, lang) ?? (typeof item.version === 'number' ? String(item.version) : undefined);
  const assembly = chamber ?? authorityText ?? publisherText;
  // The body a printed hearing was held before: its committee (or authority) and chamber, in the style's order;
  // named after the title unless the title names the hearing itself.
  const hearingCommittee = committee ?? (kind === 'hearing' ? authorityText : undefined);
  const hearingBody =
    kind === 'hearing' && !namesHearing(item, lang)
      ? hearingCommittee && chamber
        ? fill(terms.hearingBody ?? '{committee}, {chamber}', {
            committee: hearingCommittee,
            // Names in Latin letters set side by side keep a space between them (U.S. Senate Committee on Finance).
            chamber: /[A-Za-z.]$/.test(chamber) && /^[A-Za-z]/.test(hearingCommittee) && (terms.hearingBody ?? '').includes('{chamber}{committee}') ? `${chamber} ` : chamber,
          })
        : (hearingCommittee ?? chamber)
      : undefined;
  const slots: CitationSlots = {
    author,
    editor,
    translator,
    title,
    container: kind === 'webpage' ? site : formatTitle(container, forms.periodical, terms),
    containerPlain: plain(containerText),
    collection: collection === undefined ? undefined : citedTitle(collection),
    publisher: plain(organisation),
    place: plain(localizedOrAny(item['publisher-place'], lang)),
    ...dated,
    dateNoPublisher: organisation === undefined ? dated.date : undefined,
    yearNoPublisher: organisation === undefined ? dated.year : undefined,
    placeNoPublisher: organisation === undefined ? plain(localizedOrAny(item[placeField] as LocalizedText | undefined, lang)) : undefined,
    owner: kind === 'webpage' && title && siteName ? plain(organisation) : undefined,
    // The date where no official journal's year prints it: no container, or a regulation's journal cited at no page.
    dateNoContainer: container === undefined || (journal && !ojFirst) ? dated.date : undefined,
    accessed: accessedText !== undefined ? [text(fill(terms.accessed, { date: accessedText }))] : undefined,
    edition: edition(item, lang, terms),
    volume: plain(volume),
    vol: volume !== undefined && volume.trim() !== '' ? [text(fill(terms.volumeForm ?? '{volume}', { volume: volume.trim() }))] : undefined,
    issue: (kind === 'minutes' || kind === 'assembly') && issue !== undefined ? [text(fill(terms.minutesIssue, { n: issue }))] : plain(issue),
    page: pages ? [text(formatLocator(pages, terms, true))] : undefined,
    pages: pages ? [text(formatLocator(pages, terms))] : undefined,
    locator: cited ? [text(formatLocator(cited, terms))] : undefined,
    firstPage: firstPage ? [text(formatLocator(firstPage, terms))] : undefined,
    pinpoint: pinpoint ? [text(formatLocator(pinpoint, terms))] : undefined,
    statutePoint,
    codePoint: inCode ? codeSection : undefined,
    codeStatute,
    namedCode: namedCode ? codeStatute : undefined,
    statuteBook: inCode || namedCode ? undefined : formatTitle(container, forms.periodical, terms),
    statutePointAlone: inCode || namedCode ? undefined : statutePoint,
    billPoint: billPoint && normaliseInlines(billPoint),
    // A bill cited again by its number and section (Bluebook 13.8: S. 2608 § 3(b)), never as if it were law.
    billShort: item.type === 'bill' && numberText?.trim() ? normaliseInlines([text(numberText.trim()), ...(statutePoint ? [text(' '), ...statutePoint] : [])]) : undefined,
    statuteSection: inCode || namedCode || billPoint ? undefined : statutePoint,
    ojContainer: code ? undefined : plain(containerText),
    ojJournal: code ? undefined : formatTitle(container, forms.periodical, terms),
    ojPoint,
    // The same, when an authority or a journal is printed after it (a layout puts its delimiter between them), or else.
    ojPointBefore: ojPoint && (authorityText !== undefined || container !== undefined) ? ojPoint : undefined,
    ojPointAlone: ojPoint && authorityText === undefined && container === undefined ? ojPoint : undefined,
    ojFirstPage: journal && ojFirst ? [text(formatLocator(ojFirst, terms))] : undefined,
    ojPinpoint: journal && itemPage && cited?.kind === 'page' ? [text(formatLocator(cited, terms))] : undefined,
    codeCite: plain(code?.cite),
    // Short forms of the law (Bluebook 10.9, 12.10): a statute in a code or a regulation by its code
    // citation alone (47 U.S.C. § 254(b)); a case at its reporter (606 U.S. at 12), or where it starts.
    codeShort: codeStatute ?? plain(code?.cite),
    // A case in no reporter is cited at a page of its slip opinion (Bluebook 10.8.1: No. SJC-13440, slip op. at 18).
    slipAt: unreported && cited && !itemPage ? [text(fill(terms.slipOpinionAt ?? 'slip op. at {page}', { page: formatLocator(cited, terms) }))] : undefined,
    reporterAt: reported && firstPage ? [text(`${caseVolume} ${containerText!.trim()} ${pinpoint ? `at ${formatLocator(pinpoint, terms)}` : formatLocator(firstPage, terms)}`)] : undefined,
    // A reported case's volume, or the issue of a reporter numbered by issue alone (en: 1771 判例時報 61).
    caseVolume: reported ? plain(caseVolume) : undefined,
    codeDate: code ? (code.byPage ? dated.date : dated.year) : undefined,
    url: url ? [{ kind: 'link', url, children: [text(url)] }] : undefined,
    doi: doiUrl ? [{ kind: 'link', url: doiUrl, children: [text(doiUrl)] }] : undefined,
    genre: genreAsTitle ? undefined : plain(genre === undefined ? undefined : genreAfterWords(genre, lang)),
    number: plain(numberText),
    reportNumber: plain(reportNumber),
    // Editors printed in brackets after the title: only when the author's place is left empty (`[-@key]`, see renderItem).
    editorAlone: undefined,
    // The same, when a publisher or a date is printed after it (a layout joins them in one bracket), or else.
    reportNumberBefore: organisation !== undefined || dated.date ? plain(reportNumber) : undefined,
    reportNumberAlone: organisation === undefined && !dated.date ? plain(reportNumber) : undefined,
    collectionBefore: collection !== undefined && (organisation !== undefined || dated.date) ? citedTitle(collection) : undefined,
    collectionAlone: collection !== undefined && organisation === undefined && !dated.date ? citedTitle(collection) : undefined,
    numberOrDate: plain(numberText) ?? dated.date,
    authority: legal || publisherText !== undefined ? plain(authorityText) : undefined,
    courtYear: plain(courtYear),
    caseName: title ?? plain(authorityText),
    docket: kind === 'legalCase' && !reported && !neutral ? plain(numberText) : undefined,
    neutralCite: neutral ? plain(numberText) : undefined,
    section: plain(localizedOrAny(item.section, lang)),
    version: versionText ? [text(fill(terms.versionForm ?? '{version}', { version: versionText }))] : undefined,
    medium: plain(localizedOrAny(item.medium, lang)),
    status: plain(localizedOrAny(item.status as LocalizedText | undefined, lang)),
    session: plain(sessionText),
    chamber: plain(chamber),
    minutes: kind === 'minutes' || kind === 'assembly' ? [text(minutes)] : undefined,
    assembly: plain(assembly),
    hearingBefore: hearingBody ? [text(fill(terms.hearingBefore ?? 'Hearing Before the {body}', { body: hearingBody }))] : undefined,
    titleOrSite: title ?? site,
    siteIfTitle: title ? (formatTitle(container, forms.site, terms) ?? plain(organisation)) : undefined,
    authorShort: plain(shortNames(item, lang, terms)),
    // A printed hearing's layout sets its title as a book's (with the body it was held before): so does its short form.
    titleShort: fields.title?.[0] === 'title' ? formatTitle(shortTitle(item, lang), kind === 'hearing' ? forms.book : titleForm, terms) : undefined,
    contributors: roles.length > 0 ? [text(roles.map((r) => r.text).join(terms.contributorDelimiter ?? ', '))] : undefined,
    event: plain(localizedOrAny(item[eventField] as LocalizedText | undefined, lang)),
  };
  Object.assign(fields, {
    container: ['container-title'],
    // A reported case's docket number gives way to its reporter (see `reported`): printed there, in effect.
    containerPlain: reported ? ['container-title', 'number'] : ['container-title'],
    publisher: [organisationField],
    place: ['publisher-place'],
    year: ['issued'],
    date: ['issued'],
    dateNoPublisher: ['issued'],
    yearNoPublisher: ['issued'],
    placeNoPublisher: [placeField],
    owner: [organisationField],
    dateNoContainer: ['issued'],
    accessed: ['accessed'],
    edition: ['edition'],
    volume: ['volume'],
    vol: ['volume'],
    issue: ['issue'],
    page: cited ? [] : ['page'],
    pages: cited ? [] : ['page'],
    firstPage: itemPage ? ['page'] : [],
    pinpoint: [],
    statutePoint: statuteLocator ? [] : ['section'],
    codePoint: statuteLocator ? [] : ['section'],
    codeStatute: [...(statuteLocator ? ['volume', 'container-title'] : ['volume', 'container-title', 'section']), ...(chapter ? ['chapter-number'] : [])],
    namedCode: [...(statuteLocator ? ['container-title'] : ['container-title', 'section']), ...(chapter ? ['chapter-number'] : [])],
    statuteBook: ['container-title'],
    statutePointAlone: statuteLocator ? [] : ['section'],
    billPoint: statuteLocator ? ['authority'] : ['authority', 'section'],
    billShort: ['number', 'section'],
    statuteSection: statuteLocator ? [] : ['section'],
    ojContainer: ['container-title'],
    ojJournal: ['container-title'],
    ojPoint: [],
    ojPointBefore: [],
    ojPointAlone: [],
    ojFirstPage: ['page'],
    ojPinpoint: [],
    codeCite: code?.fields ?? [],
    codeDate: ['issued'],
    url: ['URL'],
    doi: ['DOI'],
    genre: ['genre'],
    number: yearInNumber ? ['number', 'issued'] : neutral ? ['number', 'issued', 'authority'] : ['number'],
    reportNumber: ['genre', 'number'],
    reportNumberBefore: ['genre', 'number'],
    reportNumberAlone: ['genre', 'number'],
    collectionBefore: ['collection-title', 'collection-number'],
    collectionAlone: ['collection-title', 'collection-number'],
    editorAlone: ['editor'],
    numberOrDate: numberText !== undefined ? ['number'] : ['issued'],
    authority: ['authority'],
    courtYear: unnamedCase || billPoint ? ['issued'] : namedCode && publisherText ? ['publisher', 'issued'] : ['authority', 'issued'],
    caseName: fields.title ? ['title'] : ['authority'],
    docket: ['number'],
    caseVolume: volume?.trim() ? ['volume'] : ['issue'],
    neutralCite: ['number', 'issued', 'authority'],
    section: ['section'],
    version: ['version'],
    medium: ['medium'],
    status: ['status'],
    session: ['number', 'genre'],
    chamber: ['chamber'],
    minutes: ['committee'],
    assembly: [chamber !== undefined ? 'chamber' : authorityText !== undefined ? 'authority' : 'publisher'],
    hearingBefore: [...(committee !== undefined ? ['committee'] : authorityText !== undefined ? ['authority'] : []), ...(chamber !== undefined ? ['chamber'] : [])],
    titleOrSite: title ? ['title'] : siteFields,
    siteIfTitle: siteName ? ['container-title'] : [organisationField],
    authorShort: fields.author ?? [],
    titleShort: ['title', 'title-short'],
    codeShort: code ? code.fields : ['volume', 'container-title', 'section', ...(chapter ? ['chapter-number'] : [])],
    reporterAt: [volume?.trim() ? 'volume' : 'issue', 'container-title', 'page'],
    slipAt: [],
  });
  // A code section cited without a name (Cal. Civ. Code § 1714 (2023)) is named by its code citation.
  if (kind === 'statute' && !title && codeStatute) {
    slots.title = codeStatute;
    slots.namedCode = slots.codeStatute = slots.codePoint = slots.volume = slots.containerPlain = undefined;
    fields.title = fields.codeStatute ?? [];
  }
  return { slots, fields };
}

function inlineString(inlines: readonly Inline[]): string {
  return inlines.map((n) => (n.kind === 'text' ? n.value : 'children' in n && Array.isArray(n.children) ? inlineString(n.children as Inline[]) : '')).join('');
}

/** Placeholder values of one cited work (see CitationLayouts). */
export function citationSlots(cite: CitationItem, item: CslItem, ctx: CitationRenderContext): CitationSlots {
  return citationSlotsWithFields(cite, item, ctx).slots;
}

/** Fields no house style prints in a note: identifiers for catalogues, notes to the editors, short forms. */
export const neverPrinted: ReadonlySet<string> = new Set([
  'id',
  'type',
  'language',
  'note',
  'annote',
  'abstract',
  'keyword',
  'citation-key',
  'citation-label',
  'title-short',
  'shortTitle',
  'container-title-short',
  'journalAbbreviation',
  'ISBN',
  'ISSN',
  'PMID',
  'PMCID',
  'call-number',
  'source',
  'references',
  'dimensions',
  'number-of-pages',
  'number-of-volumes',
  'static-ordering',
]);

/** Whether a field holds something printable. */
export function presentValue(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (typeof value === 'number') return Number.isFinite(value);
  if (value instanceof Date) return true;
  if (typeof value === 'boolean') return false;
  if (Array.isArray(value)) return value.some(presentValue);
  if (typeof value === 'object') return Object.values(value as Record<string, unknown>).some(presentValue);
  return false;
}

/**
 * Fields of an item that hold a value but that the edition's style does not
 * print (the layout has no place for them, or a group they are in did not
 * print), except those the template lists in `terms.unprintedFields` and
 * those no note prints (`neverPrinted`).
 */
export function unprintedFields(item: CslItem, editionCtx: CitationRenderContext, rendered?: RenderedFields): string[] {
  const ctx = contextFor(item, editionCtx);
  // A CSL style file decides for itself what it prints; only the house layouts are checked.
  if (ctx.style.cslStyle) return [];
  const terms = ctx.style.strings.terms;
  const { slots, fields } = rendered ?? citationSlotsWithFields({ key: item.id }, item, ctx);
  const used = new Set<string>();
  fillLayout(layoutOf(item, terms), slots, used);
  const printed = new Set<string>();
  for (const slot of used) for (const f of fields[slot] ?? []) printed.add(f);
  const ignored = new Set(terms.unprintedFields ?? []);
  return Object.keys(item).filter((f) => !neverPrinted.has(f) && !printed.has(f) && !ignored.has(f) && !ignored.has(`${item.type}.${f}`) && presentIn(item[f], ctx.lang));
}

/**
 * What keeps an unprinted field from printing: the fields the layout prints
 * it only with, which the item lacks (`publisher` for a report's
 * `publisher-place`); none when the layout has no place for it at all.
 */
export function fieldHeldBy(item: CslItem, field: string, editionCtx: CitationRenderContext, rendered?: RenderedFields): string[] {
  const ctx = contextFor(item, editionCtx);
  if (ctx.style.cslStyle) return [];
  const { slots, fields } = rendered ?? citationSlotsWithFields({ key: item.id }, item, ctx);
  const layout = layoutOf(item, ctx.style.strings.terms);
  for (const [slot, of] of Object.entries(fields)) {
    if (!of.includes(field) || (slots[slot]?.length ?? 0) === 0) continue;
    const held = slotHeldBy(layout, slot, slots).flatMap((s) => fields[s] ?? []);
    if (held.length > 0) return [...new Set(held)];
  }
  return [];
}

/** A label printed twice: once by the house style, once in the value (no. No. 362, vol. Vol. 4, 第第3号号, 第No. 362号). */
const doubled = [/\b(no|nos|nr|vol|vols|pp?)\.?\s+\1\b\.?\s*\d(?:[\d,.–-]*\d)?/gi, /第\s*第[^号巻]*[号巻]{1,2}|[号巻]\s*[号巻]/g, /第\s*(?:no|nos|nr|vol)\b\.?\s*\d+\s*[号巻]?/gi];

/**
 * Fields whose value repeats the label the house style prints with it: a
 * report number given as "No. 362" prints "no. No. 362"; an issue given as
 * "第3号" prints 第第3号号. Each field once, with the text as printed.
 */
export function doubledLabels(item: CslItem, editionCtx: CitationRenderContext, rendered?: RenderedFields): { field: string; printed: string }[] {
  const ctx = contextFor(item, editionCtx);
  if (ctx.style.cslStyle) return [];
  const { slots, fields } = rendered ?? citationSlotsWithFields({ key: item.id }, item, ctx);
  const used = new Set<string>();
  const printed = inlineString(fillLayout(layoutOf(item, ctx.style.strings.terms), slots, used));
  const out = new Map<string, string>();
  for (const pattern of doubled) {
    for (const m of printed.matchAll(pattern)) {
      const from = m.index;
      const to = from + m[0].length;
      for (const slot of used) {
        const value = inlineString(slots[slot] ?? []).trim();
        if (value === '') continue;
        const at = printed.indexOf(value);
        const field = fields[slot]?.find((f) => presentIn(item[f], ctx.lang));
        if (field && at >= 0 && at < to && at + value.length > from && !out.has(field)) out.set(field, m[0].trim());
      }
    }
  }
  return [...out].map(([field, text]) => ({ field, printed: text }));
}

/**
 * Whether a field holds a value for an edition: a per-language value set to
 * "" for the edition's language (`title: { ja: "", en: "[…]" }`) is left out
 * of that edition on purpose.
 */
function presentIn(value: unknown, lang: LanguageTag): boolean {
  if (value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) {
    const own = localized(value as LocalizedText, lang);
    if (typeof own === 'string' && own.trim() === '') return false;
  }
  return presentValue(value);
}

/** Whether a space belongs between two runs (not next to Japanese text). */
function spaced(before: string, after: string): boolean {
  const cjk = /[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;
  return before !== '' && after !== '' && !cjk.test(before.slice(-1)) && !cjk.test(after[0]!);
}

/** The short form of a work cited again: its kind's own, when every placeholder directly in it has a value, else the general one. */
function shortLayout(item: CslItem, terms: CitationTerms, slots: Slots): string {
  const own = terms.subsequentLayouts?.[layoutKind(item)];
  return own !== undefined && fillLayout(`[${own}]`, slots).length > 0 ? own : terms.subsequent;
}

/**
 * A parenthetical written after the locator inside the brackets
 * (`[@sorrell, p. 570 (holding that …)]`) follows the whole citation, after
 * its date, as one written after the brackets does (Bluebook 1.5: 564 U.S.
 * 552, 570 (2011) (holding that …)); the locator before it is read as one.
 */
function withParenthetical(cite: CitationItem): CitationItem {
  const m = cite.locator === undefined ? null : /^(.*?\S)\s+(\([^()]*\))$/u.exec(cite.locator);
  if (!m || !parseLocator(m[1])) return cite;
  return { ...cite, locator: m[1]!, suffix: `${m[2]}${cite.suffix ?? ''}` };
}

/** One cited work, rendered in the edition's house style. */
export function renderItem(written: CitationItem, editionCtx: CitationRenderContext): Inline[] {
  const cite = withParenthetical(written);
  const item = editionCtx.library.items.get(cite.key);
  if (!item) return [text(`[@${cite.key}]`)];
  const ctx = contextFor(item, editionCtx);
  const slots = citationSlots(cite, item, ctx);
  // `[-@key]`: the text names the author already; editors printed with the author (田中花子著、高橋健編) print on their own.
  if (cite.suppressAuthor) {
    if (slots.author && slots.editor) slots.editorAlone = slots.editor;
    slots.author = slots.authorShort = undefined;
  }
  const terms = ctx.style.strings.terms;
  const body = fillLayout(printsShort(cite, item, ctx) ? shortLayout(item, terms, slots) : layoutOf(item, terms), slots);
  const parts: Inline[] = [];
  const first = body[0]?.kind === 'text' ? body[0].value : 'x';
  if (cite.prefix) parts.push(text(spaced(cite.prefix, first) ? `${cite.prefix} ` : cite.prefix));
  parts.push(...body);
  if (cite.suffix) parts.push(text(spaced('x', cite.suffix) && !/^[,.;:)]/.test(cite.suffix) ? ` ${cite.suffix}` : cite.suffix));
  // A foreign work cited as English notes cite it puts its commas inside its quotation marks, as they do.
  return ctx !== editionCtx && terms.punctuationInQuote && !editionCtx.style.strings.terms.punctuationInQuote ? punctuationInQuote(normaliseInlines(parts)) : parts;
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
 * The strings a work is cited again with: the edition's (同上), or, for a
 * foreign work cited as English notes cite it (`contextFor`), theirs
 * (Ibid., 16).
 */
export function ibidStrings(key: string | undefined, ctx: CitationRenderContext): LanguageStrings {
  const work = key === undefined ? undefined : ctx.library.items.get(key);
  return work ? contextFor(work, ctx).style.strings : ctx.style.strings;
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
    const own = ibidStrings(items[0]?.key, ctx);
    const locator = parseLocator(items[0]?.locator);
    out.push(text(locator ? fill(own.ibidWithLocator, { locator: formatLocator(locator, own.terms) }) : own.ibid));
  } else {
    // A CSL style file named by the template for this language renders the whole citation.
    const csl = ctx.style.cslStyle ? renderWithCsl(items, ctx.style.cslStyle, ctx.lang, ctx.library) : undefined;
    if (csl) out.push(...csl);
    else
      items.forEach((cite, i) => {
        if (i > 0) out.push(text(strings.citationSeparator));
        out.push(...renderItem(cite, ctx));
      });
  }
  out = normaliseInlines(out);
  if (ctx.endsParagraph && terms.noteEnd && !endsWith(out, terms.noteEnd)) out = normaliseInlines([...out, text(terms.noteEnd)]);
  // After the note's full stop, which goes inside a closing quotation mark too (“Retention Schedules.”).
  if (terms.punctuationInQuote) out = punctuationInQuote(out);
  return out;
}
