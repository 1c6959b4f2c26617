/**
 * Rules over the reference library: each item has the fields its type
 * needs, real dates no later than as-of, valid URLs, ISSN and ISBN check
 * digits; every item is cited; no two items look like the same work; the
 * file holds no control characters.
 */
import { readFileSync } from 'node:fs';
import { blockText, diagnostic, type Diagnostic, type DocumentModel, type SourceSpan } from '@brief/document-model';
import {
  citationSlotsWithFields,
  cslItemTypes,
  bareDoi,
  isCitableKey,
  legislationKind,
  printedHearing,
  referencesFile,
  unprintedFields,
  doubledLabels,
  fieldHeldBy,
  type CslItem,
  type ReferenceLibrary,
  type RenderedFields,
} from '@brief/citations';
import { languageStyle } from '@brief/templates';
import { checkUrl, decodeSourceText, issnCheckDigitOk } from '@brief/source-reader';
import type { ValidationInput } from './index.js';
import { checkCslDate, citationsOfNote, citedKeys, earliestDay, fullDay, normalised, shownDate, textValues, where } from './util.js';

/** CSL 1.0.2 item types. */
const cslTypes = new Set<string>(cslItemTypes);

/**
 * Fields each type needs to be printed in the house style. An inner list
 * means "one of these". Types not listed need a title or a container title.
 */
export const requiredFields: Readonly<Record<string, readonly (string | readonly string[])[]>> = {
  'article-newspaper': ['container-title', 'issued'],
  // A page is named by its own title, its site's (時事ドットコム) or its owner's (外務省ウェブサイト).
  webpage: [['title', 'container-title', 'publisher'], 'URL'],
  book: ['title', 'issued', 'publisher'],
  'article-journal': ['title', 'container-title', 'issued'],
  // Diet minutes: session, chamber, 会議録第N号, date (no committee = plenary sitting).
  legislation: ['number', 'chamber', 'issue', 'issued'],
  report: ['title', 'issued', ['publisher', 'authority']],
  chapter: ['title', 'container-title', 'issued'],
  thesis: ['title', 'publisher', 'issued'],
  regulation: ['title', ['number', 'container-title'], 'issued'],
  legal_case: [['title', 'authority'], 'issued', ['number', 'container-title']],
  patent: ['title', 'number'],
  standard: ['title', ['number', 'publisher', 'authority']],
  software: ['title'],
  // An e-mail or a conversation is named by what it was (genre: "email message to the author").
  personal_communication: [['title', 'genre']],
  interview: [['title', 'genre', 'container-title']],
};

/**
 * What each kind of `legislation` (and `hearing`) needs: Diet minutes their
 * session, chamber and issue; a statute or ordinance its title and number
 * (or date); minutes of another assembly its name, sitting and date.
 */
export const legislationRequired: Readonly<Record<'minutes' | 'statute' | 'assembly', readonly (string | readonly string[])[]>> = {
  minutes: ['number', 'chamber', 'issue', 'issued'],
  // A code section may go without a name: its code names it (Cal. Civ. Code § 1714).
  statute: [
    ['title', 'container-title'],
    ['number', 'issued'],
  ],
  assembly: [['chamber', 'authority'], 'issued'],
};

/** The fields an item needs, by its type (and, for legislation, its kind). */
export function requiredFor(item: CslItem): readonly (string | readonly string[])[] {
  // A hearing printed as a document is named by its title (Hearing Before the … in it, or its committee).
  if (printedHearing(item)) return ['title', 'issued'];
  const kind = legislationKind(item);
  if (kind) return legislationRequired[kind];
  if (item.type === 'bill' || item.type === 'treaty') return legislationRequired.statute;
  // An organisation's own report (総務省, Ministry of Finance) is published by its author.
  if (item.type === 'report' && organisationAuthor(item)) return ['title', 'issued'];
  return requiredFields[item.type] ?? defaultRequired;
}

function organisationAuthor(item: CslItem): boolean {
  return Array.isArray(item.author) && item.author.some((n) => !!n && typeof n === 'object' && present((n as { literal?: unknown }).literal));
}
const defaultRequired: readonly (string | readonly string[])[] = [['title', 'container-title']];

/**
 * Fields a type normally has; a work may lack them (a book the printed
 * note names no author or editor for), so their absence is a warning.
 */
export const recommendedFields: Readonly<Record<string, readonly (string | readonly string[])[]>> = {
  book: [['author', 'editor']],
};

/** Whether a field holds something printable. */
function present(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (typeof value === 'number') return Number.isFinite(value);
  if (value instanceof Date) return true;
  if (Array.isArray(value)) return value.some(present);
  if (typeof value === 'object') return Object.values(value as Record<string, unknown>).some(present);
  return Boolean(value);
}

function fieldSpan(library: ReferenceLibrary, key: string, field: string): SourceSpan {
  return library.fieldSpans.get(key)?.get(field) ?? library.spans.get(key) ?? { file: library.file ?? 'references.yaml', start: { line: 1, column: 1 } };
}

function itemSpan(library: ReferenceLibrary, key: string): SourceSpan {
  return library.spans.get(key) ?? { file: library.file ?? 'references.yaml', start: { line: 1, column: 1 } };
}

function kindLabel(item: CslItem): string {
  if (printedHearing(item)) return 'a hearing printed as a document (a hearing with a title)';
  const kind = legislationKind(item);
  if (kind === 'minutes') return `Diet minutes (${item.type} with a Diet chamber or session)`;
  if (kind === 'assembly') return `minutes of an assembly (${item.type} with a chamber that is not the Diet's)`;
  if (kind === 'statute') return `a statute or ordinance (${item.type} without a Diet chamber)`;
  return `${/^[aeiou]/.test(item.type) ? 'an' : 'a'} ${item.type}`;
}

function checkRequired(library: ReferenceLibrary, item: CslItem, out: Diagnostic[]): void {
  const at = itemSpan(library, item.id);
  if (!cslTypes.has(item.type)) {
    out.push(
      diagnostic(
        'reference-type-unknown',
        'error',
        `reference "${item.id}" has type "${item.type}", which is not a CSL type`,
        fieldSpan(library, item.id, 'type'),
        'use a CSL type such as article-newspaper, webpage, book, article-journal, legislation or report',
      ),
    );
    return;
  }
  const needs = requiredFor(item);
  const missing: string[] = [];
  for (const need of needs) {
    const options = typeof need === 'string' ? [need] : need;
    if (!options.some((f) => present(item[f]))) missing.push(options.join(' or '));
  }
  const lacking = (recommendedFields[item.type] ?? []).filter((need) => !(typeof need === 'string' ? [need] : need).some((f) => present(item[f])));
  for (const need of lacking) {
    const options = typeof need === 'string' ? [need] : need;
    out.push(
      diagnostic(
        'reference-recommended-field',
        'warning',
        `reference "${item.id}" (${item.type}) has no ${options.join(' or ')}`,
        at,
        `add \`${options.join(':` or `')}:\` if the work names one (an organisation as \`[{ literal: … }]\`)`,
      ),
    );
  }
  if (missing.length > 0) {
    const all = needs.map((n) => (typeof n === 'string' ? n : `(${n.join(' or ')})`)).join(', ');
    out.push(
      diagnostic(
        'reference-required-field',
        'error',
        `reference "${item.id}" (${item.type}) has no ${missing.join(', no ')}`,
        at,
        `add ${missing.map((m) => `\`${m.split(' or ')[0]}:\``).join(' and ')}; ${kindLabel(item)} needs ${all}`,
      ),
    );
  }
}

function checkDates(input: ValidationInput, item: CslItem, out: Diagnostic[]): void {
  const { library } = input;
  for (const field of ['issued', 'accessed'] as const) {
    const value = item[field];
    if (value === undefined || value === null) continue;
    const at = fieldSpan(library, item.id, field);
    const { parts, impossible } = checkCslDate(value);
    if (parts === undefined) {
      out.push(diagnostic('date-impossible', 'error', `reference "${item.id}": ${field} ${shownDate(value)} is not a date`, at, `write ${field}: YYYY-MM-DD (or date-parts: [[YYYY, M, D]])`));
      continue;
    }
    if (impossible.length > 0) {
      out.push(diagnostic('date-impossible', 'error', `reference "${item.id}": ${field} ${shownDate(value)} is not a real calendar date`, at, 'check the year, month and day'));
      continue;
    }
    // A range (2019/2020) runs forwards: the end is not before the start.
    if (parts.length === 2 && earliestDay(parts[1]!) < earliestDay(parts[0]!)) {
      out.push(diagnostic('date-impossible', 'error', `reference "${item.id}": the range ${field} ${shownDate(value)} runs backwards`, at, 'write the earlier date first: 2019/2020'));
      continue;
    }
    if (input.asOf) {
      const late = parts.find((p) => earliestDay(p) > input.asOf!);
      if (late) {
        const asOfAt = input.brief ? ` (${where(input.brief.spanOf(['as-of']))})` : '';
        out.push(
          diagnostic(
            'date-after-as-of',
            'error',
            `reference "${item.id}": ${field} ${shownDate(value)} is later than the report's as-of date ${input.asOf}${asOfAt}`,
            at,
            field === 'accessed'
              ? 'a page cannot be accessed after the information cut-off: correct the date or move as-of'
              : 'a work cited cannot be newer than the information cut-off: correct the date or move as-of',
          ),
        );
      }
    }
  }
}

function checkUrls(library: ReferenceLibrary, item: CslItem, out: Diagnostic[]): void {
  for (const field of ['URL', 'url']) {
    const value = item[field];
    if (value === undefined || value === null) continue;
    const at = fieldSpan(library, item.id, field);
    if (typeof value !== 'string') {
      out.push(diagnostic('url-malformed', 'error', `reference "${item.id}": ${field} must be one URL string`, at, 'write URL: https://…'));
      continue;
    }
    checkUrl(value.trim(), at, out);
  }
  // A DOI (10.1000/xyz, with or without https://doi.org/ or doi:) is printed as its address at doi.org.
  const doi = item.DOI ?? item.doi;
  if (doi !== undefined && doi !== null) {
    const field = item.DOI !== undefined ? 'DOI' : 'doi';
    const at = fieldSpan(library, item.id, field);
    const bare = typeof doi === 'string' ? bareDoi(doi) : undefined;
    if (bare === undefined || !/^10\.\d{4,9}\/\S+$/.test(bare)) {
      out.push(
        diagnostic(
          'doi-malformed',
          'error',
          `reference "${item.id}": ${field} ${typeof doi === 'string' ? `"${doi}"` : 'is not one string and'} is not a DOI (10.NNNN/…, no spaces)`,
          at,
          'copy the DOI again from the work (DOI: 10.1021/acs.est.2c02345), or leave the field out',
        ),
      );
    }
  }
}

/** ISBN-10 or ISBN-13 check digit. */
export function isbnCheckDigitOk(isbn: string): boolean {
  const s = isbn.replace(/[-\s]/g, '').toUpperCase();
  if (/^\d{9}[\dX]$/.test(s)) {
    let sum = 0;
    for (let i = 0; i < 10; i++) sum += (s[i] === 'X' ? 10 : Number(s[i])) * (10 - i);
    return sum % 11 === 0;
  }
  if (/^\d{13}$/.test(s)) {
    let sum = 0;
    for (let i = 0; i < 13; i++) sum += Number(s[i]) * (i % 2 === 0 ? 1 : 3);
    return sum % 10 === 0;
  }
  return false;
}

function checkIdentifiers(library: ReferenceLibrary, item: CslItem, out: Diagnostic[]): void {
  if (item.ISSN !== undefined) {
    const at = fieldSpan(library, item.id, 'ISSN');
    for (const issn of shownDate(item.ISSN)
      .split(/[\s,;]+/)
      .filter(Boolean)) {
      if (!/^\d{4}-?\d{3}[\dXx]$/.test(issn)) out.push(diagnostic('issn-format', 'error', `reference "${item.id}": ISSN "${issn}" is not of the form NNNN-NNNC`, at));
      else if (!issnCheckDigitOk(issn.toUpperCase()))
        out.push(diagnostic('issn-check-digit', 'error', `reference "${item.id}": ISSN "${issn}" has a wrong check digit`, at, 'copy the ISSN again from the publication'));
    }
  }
  if (item.ISBN !== undefined) {
    const at = fieldSpan(library, item.id, 'ISBN');
    for (const isbn of shownDate(item.ISBN)
      .split(/[,;]|\s{2,}/)
      .map((s) => s.trim())
      .filter(Boolean)) {
      const digits = isbn.replace(/[-\s]/g, '');
      if (!/^(\d{9}[\dXx]|\d{13})$/.test(digits)) out.push(diagnostic('isbn-format', 'error', `reference "${item.id}": ISBN "${isbn}" has neither 10 nor 13 digits`, at));
      else if (!isbnCheckDigitOk(digits)) out.push(diagnostic('isbn-check-digit', 'error', `reference "${item.id}": ISBN "${isbn}" has a wrong check digit`, at, 'copy the ISBN again from the book'));
    }
  }
}

/** Fields that tell two items of the same paper and day apart, when both have them. */
const distinguishing = ['title', 'edition', 'section', 'page', 'volume', 'issue', 'number', 'chamber', 'committee', 'genre', 'note', 'author'];

function sameValue(a: unknown, b: unknown): boolean {
  const ta = textValues(a).map(normalised);
  const tb = textValues(b).map(normalised);
  if (ta.length > 0 || tb.length > 0) return ta.some((t) => tb.includes(t));
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Fields that may be filled in on one item and left out on its duplicate. */
const optionalForIdentity = new Set(['title', 'author', 'note', 'genre']);

function differs(a: CslItem, b: CslItem, field: string): boolean {
  const pa = present(a[field]);
  const pb = present(b[field]);
  if (pa !== pb) return !optionalForIdentity.has(field);
  if (!pa) return false;
  if (field === 'issued') return (fullDay(a.issued) ?? shownDate(a.issued)) !== (fullDay(b.issued) ?? shownDate(b.issued));
  return !sameValue(a[field], b[field]);
}

function normalisedUrl(url: string): string {
  return url
    .trim()
    .replace(/^http:/, 'https:')
    .replace(/\/+$/, '')
    .replace(/#.*$/, '');
}

function checkLikelyDuplicates(library: ReferenceLibrary, out: Diagnostic[]): void {
  const items = [...library.items.values()];
  const reported = new Set<string>();
  for (let j = 1; j < items.length; j++) {
    const b = items[j]!;
    for (let i = 0; i < j; i++) {
      const a = items[i]!;
      let why: string | undefined;
      const urlA = typeof a.URL === 'string' ? normalisedUrl(a.URL) : undefined;
      const urlB = typeof b.URL === 'string' ? normalisedUrl(b.URL) : undefined;
      if (urlA && urlA === urlB && !differs(a, b, 'issued') && !differs(a, b, 'title')) why = 'the same URL';
      else if (
        a.type === b.type &&
        present(a['container-title']) &&
        sameValue(a['container-title'], b['container-title']) &&
        fullDay(a.issued) !== undefined &&
        fullDay(a.issued) === fullDay(b.issued) &&
        !distinguishing.some((f) => differs(a, b, f))
      )
        why = 'the same type, container-title and issued date';
      if (why && !reported.has(b.id)) {
        reported.add(b.id);
        out.push(
          diagnostic(
            'reference-duplicate-likely',
            'warning',
            `reference "${b.id}" looks like a duplicate of "${a.id}" (${where(itemSpan(library, a.id))}): ${why}`,
            itemSpan(library, b.id),
            `if they are one work, keep one and cite its key; if not, tell them apart (title, edition, section or page)`,
          ),
        );
      }
    }
  }
}

function checkUncited(input: ValidationInput, out: Diagnostic[]): void {
  if (input.editions.length === 0) return;
  const cited = citedKeys(input.editions);
  for (const key of input.library.items.keys()) {
    // An id no citation can name is told where the references are loaded (reference-id-uncitable).
    if (!cited.has(key) && isCitableKey(key))
      out.push(diagnostic('reference-uncited', 'warning', `reference "${key}" is never cited`, itemSpan(input.library, key), `cite it as [@${key}] or delete it`));
  }
}

/** Control characters and bad encoding in the references file (the loader reads it leniently). */
function checkReferencesText(input: ValidationInput, out: Diagnostic[]): void {
  const file = input.library.file;
  const dir = input.editions[0]?.sourceDir;
  if (!file || !dir) return;
  const path = referencesFile(dir);
  // Not read when unreadable (a named pipe: reported where the references are loaded).
  if (!path || input.library.unreadable) return;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    return;
  }
  decodeSourceText(file, bytes, out);
}

/** Keys of a date object (not a per-language map). */
/** The parts of a CSL name. */
const namePartKeys = new Set(['family', 'given', 'literal', 'dropping-particle', 'non-dropping-particle', 'suffix', 'comma-suffix', 'static-ordering', 'parse-names']);
const dateKeys = new Set(['date-parts', 'raw', 'literal', 'season', 'circa', 'iso8601']);

/** Whether a map key names a language of the report (`ja`, `en`, `en-GB` for `en`, a romanisation `ja-Latn`). */
function isReportLanguage(key: string, languages: readonly string[]): boolean {
  const lower = key.toLowerCase();
  const base = lower.split('-')[0]!;
  if (/^[a-z]{2,3}-latn$/.test(lower)) return true;
  return languages.some((l) => l.toLowerCase() === lower || l.toLowerCase().split('-')[0] === base);
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** Whether a map key is a language tag of a known language (`en`, `zh-Hant`), though not one of the report's. */
function isLanguageCode(key: string): boolean {
  if (!/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(key)) return false;
  try {
    return languageNames.of(key) !== undefined;
  } catch {
    return false;
  }
}

/** Values a per-language map holds for a language the report does not declare (`en:` in a report in ja alone). */
interface OtherLanguageValue {
  lang: string;
  item: string;
  label: string;
  at: SourceSpan;
}

/**
 * Per-language maps whose keys are not languages of the report. The usual
 * cause is a comma in a flow map: `{ ja: 厚生労働省, en: Ministry of Health,
 * Labour and Welfare }` ends the value of `en` at the comma and makes
 * "Labour and Welfare" a key of its own, with no value. A key that is a
 * language the report does not declare, with a value (`en:` in a report in
 * ja alone, from a bibliography shared with an English edition), is no
 * mistake of the YAML: it is gathered in `others`, told once per file.
 */
function checkLanguageMaps(input: ValidationInput, item: CslItem, out: Diagnostic[], others: OtherLanguageValue[]): void {
  const languages = input.editions[0]?.meta.languages;
  if (!languages || languages.length === 0) return;
  const { library } = input;
  const checkMap = (value: unknown, path: (string | number)[]) => {
    if (!value || typeof value !== 'object' || Array.isArray(value) || value instanceof Date) return;
    const map = value as Record<string, unknown>;
    const keys = Object.keys(map);
    if (keys.some((k) => dateKeys.has(k))) return;
    const label = path.join('.').replace(/\.(\d+)\./g, '[$1].');
    keys.forEach((key, i) => {
      if (isReportLanguage(key, languages)) return;
      const at = library.keySpanOf ? library.keySpanOf(item.id, [...path, key]) : fieldSpan(library, item.id, String(path[0]));
      if (map[key] !== null && map[key] !== undefined && isLanguageCode(key)) {
        others.push({ lang: key, item: item.id, label, at });
        return;
      }
      // The key before it in the file; a key that reads as an integer ("2025" of "June 13, 2025") is
      // listed first by JavaScript, so the one before it is the last of the keys that keep their order.
      const integerLike = /^(?:0|[1-9]\d*)$/.test(key);
      const previous = integerLike ? keys.filter((k) => !/^(?:0|[1-9]\d*)$/.test(k)).at(-1) : i > 0 ? keys[i - 1] : undefined;
      const before = previous !== undefined ? map[previous] : undefined;
      if ((map[key] === null || map[key] === undefined) && previous !== undefined && typeof before === 'string') {
        out.push(
          diagnostic(
            'language-map-key',
            'error',
            `reference "${item.id}": \`${label}\` has "${key}" where a language tag belongs: in a { … } map a comma ends the value, so \`${previous}\` became "${before}"`,
            at,
            `quote the value: ${previous}: "${before}, ${key}"`,
          ),
        );
      } else {
        out.push(
          diagnostic(
            'language-map-key',
            'error',
            `reference "${item.id}": \`${label}\` has the key "${key}", which is not a language of the report (${languages.join(', ')})`,
            at,
            `use the report's language tags (${languages.join(', ')}, or a romanisation such as ja-Latn) as keys; if the value holds a comma, quote it`,
          ),
        );
      }
    });
  };
  // `[{ literal: Ministry of Health, Labour and Welfare }]`: the comma ended the name at "Health".
  const checkNameParts = (name: Record<string, unknown>, path: (string | number)[]) => {
    const keys = Object.keys(name);
    keys.forEach((key, i) => {
      const previous = i > 0 ? keys[i - 1]! : undefined;
      const before = previous !== undefined ? name[previous] : undefined;
      if (namePartKeys.has(key) || name[key] !== null || previous === undefined || typeof before !== 'string') return;
      const label = `${path[0]}[${path[1]}]`;
      out.push(
        diagnostic(
          'language-map-key',
          'error',
          `reference "${item.id}": \`${label}\` has "${key}" where a name part belongs: in a { … } map a comma ends the value, so \`${previous}\` became "${before}"`,
          library.keySpanOf ? library.keySpanOf(item.id, [...path, key]) : fieldSpan(library, item.id, String(path[0])),
          `quote the value: ${previous}: "${before}, ${key}"`,
        ),
      );
    });
  };
  for (const [field, value] of Object.entries(item)) {
    if (field === 'id' || field === 'type') continue;
    if (Array.isArray(value)) {
      value.forEach((name, i) => {
        if (!name || typeof name !== 'object' || Array.isArray(name)) return;
        checkNameParts(name as Record<string, unknown>, [field, i]);
        for (const [part, v] of Object.entries(name as Record<string, unknown>)) checkMap(v, [field, i, part]);
      });
    } else checkMap(value, [field]);
  }
}

/**
 * An item as each edition's style renders it, for the checks that read its
 * placeholders (`checkUnprinted`, `checkDoubledLabels`): rendered once, not
 * once a check. Undefined where the style is a CSL file (nothing is checked).
 */
function renderedIn(input: ValidationInput, item: CslItem, lang: string): RenderedFields | undefined {
  let byItem = renderings.get(input);
  if (!byItem) {
    byItem = new Map();
    renderings.set(input, byItem);
  }
  const key = `${item.id}\u0000${lang}`;
  if (byItem.has(key)) return byItem.get(key);
  const style = languageStyle(input.template, lang);
  const rendered = style.cslStyle ? undefined : citationSlotsWithFields({ key: item.id }, item, { lang, style, library: input.library });
  byItem.set(key, rendered);
  return rendered;
}

const renderings = new WeakMap<ValidationInput, Map<string, RenderedFields | undefined>>();

/**
 * No silent loss: a field that holds a value but that an edition's citation
 * style does not print is a warning, unless the template lists it in
 * `terms.unprintedFields`.
 */
function checkUnprinted(input: ValidationInput, item: CslItem, out: Diagnostic[]): void {
  const languages = input.editions.map((e) => e.meta.lang);
  const lost = new Map<string, string[]>();
  for (const lang of languages) {
    const style = languageStyle(input.template, lang);
    for (const field of unprintedFields(item, { lang, style, library: input.library }, renderedIn(input, item, lang))) lost.set(field, [...(lost.get(field) ?? []), lang]);
  }
  for (const [field, all] of lost) {
    // The layout may have a place for it that other fields must fill too (a report's place prints with its publisher): by edition.
    const reasons = new Map<string, { held: string[]; langs: string[] }>();
    for (const lang of all) {
      const held = fieldHeldBy(item, field, { lang, style: languageStyle(input.template, lang), library: input.library }, renderedIn(input, item, lang));
      const reason = reasons.get(held.join('\u0000')) ?? { held, langs: [] };
      reason.langs.push(lang);
      reasons.set(held.join('\u0000'), reason);
    }
    for (const { held, langs } of reasons.values()) {
      const editions = `the ${langs.join(' and ')} ${langs.length > 1 ? 'editions' : 'edition'}`;
      out.push(
        held.length > 0
          ? diagnostic(
              'reference-field-unprinted',
              'warning',
              `reference "${item.id}" (${item.type}): \`${field}\` is not printed in ${editions}: the house style prints it in ${article(item.type)} ${item.type} only with ${held.map((f) => `\`${f}\``).join(' and ')}, which the item does not have`,
              fieldSpan(input.library, item.id, field),
              `add ${held.map((f) => `\`${f}:\``).join(' and ')} if the work names ${held.length > 1 ? 'them' : 'it'}, or leave \`${field}\` out`,
            )
          : diagnostic(
              'reference-field-unprinted',
              'warning',
              `reference "${item.id}" (${item.type}): \`${field}\` is not printed in ${editions}: the house style has no place for it in ${article(item.type)} ${item.type}`,
              fieldSpan(input.library, item.id, field),
              `check the field's name and the item's type (docs/citations.md lists what each type prints); if it is meant to be left out, list "${item.type}.${field}" in the template's terms.unprintedFields`,
            ),
      );
    }
  }
}

/**
 * A number given with its label ("No. 362", "第3号") where the house style
 * prints the label itself: "no. No. 362", 第第3号号. Once per field, at the
 * field, with the text as one edition prints it.
 */
function checkDoubledLabels(input: ValidationInput, item: CslItem, out: Diagnostic[]): void {
  const found = new Map<string, string>();
  for (const lang of input.editions.map((e) => e.meta.lang)) {
    const style = languageStyle(input.template, lang);
    for (const { field, printed } of doubledLabels(item, { lang, style, library: input.library }, renderedIn(input, item, lang))) if (!found.has(field)) found.set(field, printed);
  }
  for (const [field, printed] of found) {
    out.push(
      diagnostic(
        'reference-label-doubled',
        'warning',
        `reference "${item.id}" (${item.type}): \`${field}\` repeats the label the house style prints with it ("${printed}")`,
        fieldSpan(input.library, item.id, field),
        'give the number alone (number: "362", issue: 3); the style adds "no." / 第…号 and the like',
      ),
    );
  }
}

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * Whether every note of an edition that cites `key` writes the day `iso`
 * (YYYY-MM-DD) in its own text, as a note may state when a page was read:
 * `[@page]（2026年1月20日最終アクセス）`, `(accessed January 20, 2026)`.
 */
function notesGiveDate(edition: DocumentModel, key: string, iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [m[1]!, Number(m[2]), Number(m[3])];
  const forms = [
    new RegExp(`${y}\\s*年\\s*${mo}\\s*月\\s*${d}\\s*日`),
    new RegExp(`${y}[./]\\s*0?${mo}[./]\\s*0?${d}(?!\\d)`),
    new RegExp(`${iso}`),
    new RegExp(`${monthNames[mo - 1]}\\s+${d},?\\s+${y}|(?<!\\d)${d}\\s+${monthNames[mo - 1]}\\s+${y}`, 'i'),
  ];
  const citing = edition.notes.filter((note) => citationsOfNote(note).some((cite) => cite.items.some((i) => i.key === key)));
  return citing.length > 0 && citing.every((note) => forms.some((f) => f.test(blockText(note.children))));
}

/**
 * A work with no date of its own (a web page) is dated by when it was read.
 * A house style that prints no access date (`terms.unprintedFields` lists
 * `accessed`) relies on the report stating one for every URL, as the as-of
 * date: an access date that is not the as-of date is printed nowhere.
 */
function checkAccessDate(input: ValidationInput, item: CslItem, out: Diagnostic[]): void {
  if (item.accessed === undefined || item.issued !== undefined) return;
  const accessed = fullDay(item.accessed) ?? shownDate(item.accessed);
  const langs = input.editions
    .filter((edition) => {
      const declared = languageStyle(input.template, edition.meta.lang).strings.terms.unprintedFields ?? [];
      return (declared.includes('accessed') || declared.includes(`${item.type}.accessed`)) && !notesGiveDate(edition, item.id, accessed);
    })
    .map((e) => e.meta.lang);
  if (langs.length === 0) return;
  if (input.asOf !== undefined && accessed === input.asOf) return;
  out.push(
    diagnostic(
      'reference-access-date-unprinted',
      'warning',
      `reference "${item.id}" (${item.type}) has no date of its own, and its access date ${accessed} is not printed in the ${langs.join(' and ')} ${langs.length > 1 ? 'editions' : 'edition'}: the house style leaves access dates to one statement in the report${input.asOf ? `, for the as-of date ${input.asOf}` : ', and the report has no as-of date'}`,
      fieldSpan(input.library, item.id, 'accessed'),
      `give the page's own date (issued:) if it shows one; else read it again on the as-of date and say so once in the text ("all URLs were last accessed on …"), or print access dates (add {accessed} to the layout in the template)`,
    ),
  );
}

/** Warnings about how a field prints, which say nothing more once the field itself is in error. */
const printingWarnings = new Set(['reference-field-unprinted', 'reference-access-date-unprinted', 'reference-label-doubled']);

const spanKey = (d: Diagnostic) => `${d.file}:${d.line}:${d.column}`;

/**
 * Values in languages the report does not declare, told once for the file,
 * at the first: no edition prints them, which is as meant for a
 * bibliography shared with editions in other languages.
 */
function otherLanguagesNote(input: ValidationInput, others: readonly OtherLanguageValue[]): Diagnostic | undefined {
  const first = others[0];
  if (!first) return undefined;
  const counts = new Map<string, number>();
  for (const { lang } of others) counts.set(lang, (counts.get(lang) ?? 0) + 1);
  const langs = [...counts.keys()];
  const declared = input.editions[0]?.meta.languages ?? [];
  const values = [...counts].map(([lang, n]) => `${n} in ${lang} (${languageNames.of(lang)})`).join(', ');
  return diagnostic(
    'language-map-other-language',
    'warning',
    `per-language values in a language the report does not declare (languages: ${declared.join(', ')}) are printed in no edition: ${values}, the first in reference "${first.item}" \`${first.label}\``,
    first.at,
    `keep them if the references are shared with an edition in ${langs.join(' or ')}; to print them, add ${langs.join(', ')} to \`languages\` in brief.yaml and write ${langs.map((l) => `${l}.md`).join(', ')}; if a key was meant as ${declared.join(' or ')}, correct it`,
  );
}

export function checkReferences(input: ValidationInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  const others: OtherLanguageValue[] = [];
  for (const item of input.library.items.values()) {
    const found: Diagnostic[] = [];
    checkLanguageMaps(input, item, found, others);
    checkUnprinted(input, item, found);
    checkDoubledLabels(input, item, found);
    checkAccessDate(input, item, found);
    checkRequired(input.library, item, found);
    checkDates(input, item, found);
    checkUrls(input.library, item, found);
    checkIdentifiers(input.library, item, found);
    // A field in error (issued: 令和7年2月7日, accessed: 2026-13-02) is not printed, or not as written: the
    // error says what to fix, and a warning that it does not print (quoting the bad value) would only repeat it.
    const inError = new Set(found.filter((d) => d.severity === 'error').map(spanKey));
    out.push(...found.filter((d) => !(printingWarnings.has(d.ruleId) && inError.has(spanKey(d)))));
  }
  const note = otherLanguagesNote(input, others);
  if (note) out.push(note);
  checkLikelyDuplicates(input.library, out);
  checkUncited(input, out);
  checkReferencesText(input, out);
  return out;
}

/** "a" or "an" before a CSL type's name (an article-journal, a report). */
function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}
