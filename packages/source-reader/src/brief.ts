/**
 * brief.yaml: the metadata shared by all editions of a report.
 */
import { diagnostic, type Diagnostic, type LanguageTag, type Metadata, type SourceSpan } from '@brief/document-model';
import { readYaml, type YamlPath, type YamlSource } from '@brief/yaml-source';

/** A per-language value: a plain string for every edition, or one per language. */
export type PerLanguage = string | Record<LanguageTag, string>;

export interface BriefAuthor {
  name: PerLanguage;
  affiliation?: PerLanguage;
}

/** brief.yaml as written (validated shape, values not yet resolved per language). */
export interface Brief {
  file: string;
  id: string;
  languages: LanguageTag[];
  title: PerLanguage;
  subtitle?: PerLanguage;
  authors: BriefAuthor[];
  series?: {
    title: PerLanguage;
    issn?: string;
    issue?: number | string;
    pages?: string;
  };
  publisher?: PerLanguage;
  published: string;
  asOf?: string;
  url?: string;
  notices?: Record<LanguageTag, string[]> | string[];
  /** Template name or path (relative to the source directory). */
  template?: string;
  /** Single values overriding the template (dotted paths allowed as keys). */
  templateOverrides?: Record<string, unknown>;
  /** Where each key was written, for later checks. */
  spanOf(path: YamlPath): SourceSpan;
}

export const briefKeys = ['id', 'languages', 'title', 'subtitle', 'authors', 'series', 'publisher', 'published', 'as-of', 'url', 'notices', 'template', 'template-overrides'] as const;

const seriesKeys = ['title', 'issn', 'issue', 'pages'];
const authorKeys = ['name', 'affiliation'];

/** BCP 47 tag, simplified: language, optional script/region/variants. */
export const languageTagPattern = /^[a-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?(?:-[A-Za-z0-9]{5,8})*$/;
export const idPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestScore) {
      bestScore = d;
      best = c;
    }
  }
  return bestScore <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** Valid ISO calendar date `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12) return false;
  return d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

function dateString(v: unknown): string | undefined {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'string') return v.trim();
  return undefined;
}

/** Read and check brief.yaml. Returns undefined brief when it is unusable. */
export function readBrief(file: string, text: string): { brief?: Brief; diagnostics: Diagnostic[] } {
  const src: YamlSource = readYaml(file, text);
  const diagnostics = [...src.diagnostics];
  if (src.value === undefined) return { diagnostics };
  const err = (rule: string, message: string, path: YamlPath, hint?: string, key = false) => diagnostics.push(diagnostic(rule, 'error', message, key ? src.keySpanOf(path) : src.spanOf(path), hint));
  const v = src.value as Record<string, unknown>;
  if (!v || typeof v !== 'object' || Array.isArray(v)) {
    err('brief-shape', 'brief.yaml must be a mapping of keys (id, languages, title, authors, published…)', []);
    return { diagnostics };
  }
  for (const key of Object.keys(v)) {
    if (!(briefKeys as readonly string[]).includes(key)) {
      const guess = closest(key, briefKeys);
      err('brief-unknown-key', `unknown key "${key}" in brief.yaml`, [key], guess ? `did you mean "${guess}"?` : `known keys: ${briefKeys.join(', ')}`, true);
    }
  }
  // id
  const id = v.id;
  if (id === undefined) err('brief-required', 'brief.yaml has no `id`', [], 'add `id: <report-id>` ([a-z0-9-]+)');
  else if (typeof id !== 'string' || !idPattern.test(id)) err('brief-id', `id "${String(id)}" is not valid`, ['id'], 'use lower-case letters, digits and hyphens ([a-z0-9-]+)');
  // languages
  const languages: LanguageTag[] = [];
  if (v.languages === undefined) err('brief-required', 'brief.yaml has no `languages`', [], 'add `languages: [ja, en]` (the first is the original)');
  else if (!Array.isArray(v.languages) || v.languages.length === 0) err('brief-languages', '`languages` must be a non-empty list of language tags', ['languages'], 'e.g. `languages: [ja, en]`');
  else {
    v.languages.forEach((tag: unknown, i: number) => {
      if (typeof tag !== 'string' || !languageTagPattern.test(tag)) err('language-tag', `"${String(tag)}" is not a valid language tag`, ['languages', i], 'use a BCP 47 tag such as ja, en, en-GB');
      else if (languages.includes(tag)) err('language-tag', `language "${tag}" is listed twice`, ['languages', i]);
      else languages.push(tag);
    });
  }
  const perLanguage = (path: YamlPath, value: unknown, required: boolean, label: string): PerLanguage | undefined => {
    if (value === undefined || value === null) {
      if (required) err('brief-required', `brief.yaml has no \`${label}\``, path.slice(0, -1), `add \`${label}\` (a string, or one value per language)`);
      return undefined;
    }
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    if (typeof value !== 'object' || Array.isArray(value)) {
      err('brief-value', `\`${label}\` must be a string or a map of language → string`, path);
      return undefined;
    }
    const map = value as Record<string, unknown>;
    const out: Record<string, string> = {};
    for (const [lang, text] of Object.entries(map)) {
      if (typeof text !== 'string' && typeof text !== 'number') {
        err('brief-value', `\`${label}.${lang}\` must be a string`, [...path, lang]);
        continue;
      }
      if (!languageTagPattern.test(lang)) err('language-tag', `"${lang}" in \`${label}\` is not a valid language tag`, [...path, lang], undefined, true);
      out[lang] = String(text);
    }
    for (const lang of languages) {
      if (out[lang] === undefined || out[lang]!.trim() === '')
        err('meta-missing-language', `\`${label}\` has no value for "${lang}"`, path, `add \`${lang}: …\` to \`${label}\`, or give one plain string for every edition`);
    }
    return out;
  };
  const title = perLanguage(['title'], v.title, true, 'title');
  const subtitle = perLanguage(['subtitle'], v.subtitle, false, 'subtitle');
  const publisher = perLanguage(['publisher'], v.publisher, false, 'publisher');
  // authors
  const authors: BriefAuthor[] = [];
  if (v.authors === undefined) err('brief-required', 'brief.yaml has no `authors`', [], 'add `authors:` with at least one `- name: …`');
  else if (!Array.isArray(v.authors) || v.authors.length === 0) err('brief-authors', '`authors` must list at least one author', ['authors']);
  else {
    v.authors.forEach((a: unknown, i: number) => {
      if (!a || typeof a !== 'object' || Array.isArray(a)) {
        err('brief-authors', `author #${i + 1} must be a mapping with \`name\``, ['authors', i]);
        return;
      }
      const rec = a as Record<string, unknown>;
      for (const key of Object.keys(rec))
        if (!authorKeys.includes(key)) err('brief-unknown-key', `unknown key "${key}" in an author`, ['authors', i, key], `known keys: ${authorKeys.join(', ')}`, true);
      const name = perLanguage(['authors', i, 'name'], rec.name, true, `authors[${i}].name`);
      const affiliation = perLanguage(['authors', i, 'affiliation'], rec.affiliation, false, `authors[${i}].affiliation`);
      if (name !== undefined) authors.push({ name, ...(affiliation !== undefined ? { affiliation } : {}) });
    });
  }
  // series
  let series: Brief['series'];
  if (v.series !== undefined) {
    if (!v.series || typeof v.series !== 'object' || Array.isArray(v.series)) err('brief-series', '`series` must be a mapping', ['series']);
    else {
      const s = v.series as Record<string, unknown>;
      for (const key of Object.keys(s)) if (!seriesKeys.includes(key)) err('brief-unknown-key', `unknown key "${key}" in \`series\``, ['series', key], `known keys: ${seriesKeys.join(', ')}`, true);
      const stitle = perLanguage(['series', 'title'], s.title, true, 'series.title');
      let issn: string | undefined;
      if (s.issn !== undefined) {
        issn = String(s.issn);
        if (!/^\d{4}-\d{3}[\dX]$/.test(issn)) err('issn-format', `ISSN "${issn}" is not of the form NNNN-NNNC`, ['series', 'issn']);
        else if (!issnCheckDigitOk(issn)) err('issn-check-digit', `ISSN "${issn}" has a wrong check digit`, ['series', 'issn'], 'copy the ISSN again from the publication');
      }
      let pages: string | undefined;
      if (s.pages !== undefined) {
        pages = String(s.pages);
        const m = /^(\d+)(?:\s*[-–]\s*(\d+))?$/.exec(pages);
        if (!m) err('brief-pages', `pages "${pages}" must be a number or a range like 45-59`, ['series', 'pages']);
        else if (m[2] && Number(m[2]) < Number(m[1])) err('brief-pages', `page range "${pages}" runs backwards`, ['series', 'pages']);
      }
      if (stitle !== undefined)
        series = {
          title: stitle,
          ...(issn !== undefined ? { issn } : {}),
          ...(s.issue !== undefined ? { issue: s.issue as number | string } : {}),
          ...(pages !== undefined ? { pages } : {}),
        };
    }
  }
  // dates
  const published = dateString(v.published);
  if (published === undefined) err('brief-required', 'brief.yaml has no `published` date', [], 'add `published: YYYY-MM-DD`');
  else if (!isIsoDate(published)) err('date-impossible', `published date "${published}" is not a real YYYY-MM-DD date`, ['published']);
  const asOf = v['as-of'] === undefined ? undefined : dateString(v['as-of']);
  if (v['as-of'] !== undefined && (asOf === undefined || !isIsoDate(asOf))) err('date-impossible', `as-of date "${String(v['as-of'])}" is not a real YYYY-MM-DD date`, ['as-of']);
  // url
  let url: string | undefined;
  if (v.url !== undefined) {
    url = String(v.url);
    checkUrl(url, src.spanOf(['url']), diagnostics);
  }
  // notices
  let notices: Brief['notices'];
  if (v.notices !== undefined) {
    const n = v.notices;
    if (Array.isArray(n)) notices = n.map(String);
    else if (n && typeof n === 'object') {
      const out: Record<string, string[]> = {};
      for (const [lang, list] of Object.entries(n as Record<string, unknown>)) {
        if (!Array.isArray(list)) err('brief-value', `\`notices.${lang}\` must be a list of strings`, ['notices', lang]);
        else out[lang] = list.map(String);
      }
      for (const lang of languages) if (!out[lang]) err('meta-missing-language', `\`notices\` has no value for "${lang}"`, ['notices'], `add \`${lang}: [...]\``);
      notices = out;
    } else err('brief-value', '`notices` must be a list or a map of language → list', ['notices']);
  }
  let template: string | undefined;
  if (v.template !== undefined) {
    if (typeof v.template !== 'string') err('brief-value', '`template` must be a built-in name or a relative path', ['template']);
    else template = v.template;
  }
  let templateOverrides: Record<string, unknown> | undefined;
  if (v['template-overrides'] !== undefined) {
    const o = v['template-overrides'];
    if (!o || typeof o !== 'object' || Array.isArray(o)) err('brief-value', '`template-overrides` must be a mapping', ['template-overrides']);
    else templateOverrides = o as Record<string, unknown>;
  }
  if (diagnostics.some((d) => d.severity === 'error') || typeof id !== 'string' || title === undefined || published === undefined) {
    return { diagnostics };
  }
  return {
    diagnostics,
    brief: {
      file,
      id,
      languages,
      title,
      ...(subtitle !== undefined ? { subtitle } : {}),
      authors,
      ...(series !== undefined ? { series } : {}),
      ...(publisher !== undefined ? { publisher } : {}),
      published,
      ...(asOf !== undefined ? { asOf } : {}),
      ...(url !== undefined ? { url } : {}),
      ...(notices !== undefined ? { notices } : {}),
      ...(template !== undefined ? { template } : {}),
      ...(templateOverrides !== undefined ? { templateOverrides } : {}),
      spanOf: src.spanOf,
    },
  };
}

/** ISSN check digit (ISO 3297): weights 8..2, mod 11, X for 10. */
export function issnCheckDigitOk(issn: string): boolean {
  const digits = issn.replace('-', '');
  if (!/^\d{7}[\dX]$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += Number(digits[i]) * (8 - i);
  const check = (11 - (sum % 11)) % 11;
  return digits[7] === (check === 10 ? 'X' : String(check));
}

/** Report a malformed or non-http(s) URL (error) or a plain http URL (warning). */
export function checkUrl(url: string, at: SourceSpan, diagnostics: Diagnostic[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    diagnostics.push(diagnostic('url-malformed', 'error', `"${url}" is not a valid URL`, at, 'write a full URL starting with https://'));
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    diagnostics.push(diagnostic('url-scheme', 'error', `URL "${url}" is not http(s)`, at, 'only http:// and https:// links are allowed'));
    return false;
  }
  if (!parsed.hostname.includes('.') && parsed.hostname !== 'localhost') {
    diagnostics.push(diagnostic('url-malformed', 'error', `URL "${url}" has no valid host name`, at));
    return false;
  }
  if (parsed.protocol === 'http:') diagnostics.push(diagnostic('url-http', 'warning', `URL "${url}" is plain http`, at, 'use https:// if the site supports it'));
  return true;
}

function resolve(value: PerLanguage, lang: LanguageTag): string {
  return typeof value === 'string' ? value : (value[lang] ?? '');
}

/** The metadata of one edition, every value in that edition's language. */
export function metadataFor(brief: Brief, lang: LanguageTag): Metadata {
  let firstPage: number | undefined;
  let lastPage: number | undefined;
  const pages = brief.series?.pages && /^(\d+)(?:\s*[-–]\s*(\d+))?$/.exec(brief.series.pages);
  if (pages) {
    firstPage = Number(pages[1]);
    if (pages[2]) lastPage = Number(pages[2]);
  }
  const notices = brief.notices === undefined ? [] : Array.isArray(brief.notices) ? brief.notices : (brief.notices[lang] ?? []);
  return {
    id: brief.id,
    lang,
    languages: brief.languages,
    title: resolve(brief.title, lang),
    ...(brief.subtitle !== undefined ? { subtitle: resolve(brief.subtitle, lang) } : {}),
    authors: brief.authors.map((a) => ({
      name: resolve(a.name, lang),
      ...(a.affiliation !== undefined ? { affiliation: resolve(a.affiliation, lang) } : {}),
    })),
    ...(brief.series
      ? {
          series: {
            title: resolve(brief.series.title, lang),
            ...(brief.series.issn ? { issn: brief.series.issn } : {}),
            ...(brief.series.issue !== undefined ? { issue: brief.series.issue } : {}),
            ...(firstPage !== undefined ? { firstPage } : {}),
            ...(lastPage !== undefined ? { lastPage } : {}),
          },
        }
      : {}),
    ...(brief.publisher !== undefined ? { publisher: resolve(brief.publisher, lang) } : {}),
    published: brief.published,
    ...(brief.asOf !== undefined ? { asOf: brief.asOf } : {}),
    ...(brief.url !== undefined ? { url: brief.url } : {}),
    notices,
  };
}
