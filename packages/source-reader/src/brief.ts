/**
 * brief.yaml: the metadata shared by all editions of a report.
 */
import { diagnostic, runInlines, titleRuns, type Diagnostic, type Inline, type LanguageTag, type Metadata, type SourceSpan } from '@brief/document-model';
import { readYaml, type YamlPath, type YamlSource } from '@brief/yaml-source';
import {
  authorSchema,
  authorsSchema,
  check,
  dateSchema,
  idSchema,
  issnSchema,
  languagesSchema,
  canonicalLanguageTag,
  languageTagPattern,
  noticesListSchema,
  noticesSchema,
  pagesSchema,
  seriesIssueSchema,
  perLanguageEntrySchema,
  perLanguageSchema,
  seriesSchema,
  templateOverridesSchema,
  templateSchema,
} from './brief-schema.js';

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

export { idPattern, isIsoDate, issnCheckDigitOk, languageTagPattern } from './brief-schema.js';
import { closest } from './suggest.js';

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
  // Each value is checked by its schema (brief-schema.ts); an issue is reported where it lies.
  const validate = <S extends Parameters<typeof check>[0]>(schema: S, value: unknown, path: YamlPath) => {
    const result = check(schema, value);
    for (const issue of result.issues) err(issue.rule, issue.message, [...path, ...issue.path], issue.hint, issue.atKey);
    return result.output as ReturnType<typeof check<S>>['output'];
  };
  // id
  const id = v.id === undefined ? undefined : validate(idSchema, v.id, ['id']);
  if (v.id === undefined) err('brief-required', 'brief.yaml has no `id`', [], 'add `id: <report-id>` ([a-z0-9-]+)');
  // languages
  const languages: LanguageTag[] = [];
  if (v.languages === undefined) err('brief-required', 'brief.yaml has no `languages`', [], 'add `languages: [ja, en]` (the first is the original)');
  else {
    const tags = validate(languagesSchema, v.languages, ['languages']);
    (tags ?? (Array.isArray(v.languages) ? v.languages : [])).forEach((tag: unknown, i: number) => {
      if (typeof tag !== 'string' || !languageTagPattern.test(tag)) return;
      if (languages.includes(tag)) err('language-tag', `language "${tag}" is listed twice`, ['languages', i]);
      else languages.push(tag);
    });
  }
  const perLanguage = (path: YamlPath, value: unknown, required: boolean, label: string): PerLanguage | undefined => {
    if (value === undefined || value === null) {
      if (required) err('brief-required', `brief.yaml has no \`${label}\``, path.slice(0, -1), `add \`${label}\` (a string, or one value per language)`);
      return undefined;
    }
    const shape = validate(perLanguageSchema(label), value, path);
    if (shape === undefined) return undefined;
    if (typeof shape === 'string' || typeof shape === 'number') {
      // A required text left blank (`title: ""`) is as missing as one not written.
      if (required && String(shape).trim() === '') err('brief-required', `\`${label}\` is empty`, path, `write the ${label}, a string or one value per language`);
      return String(shape);
    }
    const map = shape as Record<string, unknown>;
    const out: Record<string, string> = {};
    const keys = Object.keys(map);
    for (const [i, [lang, text]] of Object.entries(map).entries()) {
      const previous = i > 0 ? keys[i - 1]! : undefined;
      const before = previous !== undefined ? map[previous] : undefined;
      if ((text === null || text === undefined) && !languages.includes(lang) && previous !== undefined && typeof before === 'string') {
        // `{ ja: 厚生労働省, en: Ministry of Health, Labour and Welfare }`: the comma ended the value of `en`.
        err(
          'language-map-key',
          `\`${label}\` has "${lang}" where a language tag belongs: in a { … } map a comma ends the value, so \`${previous}\` became "${before}"`,
          [...path, lang],
          `quote the value: ${previous}: "${before}, ${lang}"`,
          true,
        );
        out[previous] = `${before}, ${lang}`;
        continue;
      }
      const entry = validate(perLanguageEntrySchema(label, lang), text, [...path, lang]);
      if (entry === undefined) continue;
      if (!languageTagPattern.test(lang)) {
        const canonical = canonicalLanguageTag(lang);
        if (canonical !== undefined && canonical !== lang)
          err('language-tag', `"${lang}" in \`${label}\` is a language tag not written in its case (${canonical})`, [...path, lang], `write ${canonical}: …`, true);
        else err('language-tag', `"${lang}" in \`${label}\` is not a valid language tag`, [...path, lang], undefined, true);
      }
      out[lang] = String(entry);
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
  else
    validate(authorsSchema, v.authors, ['authors'])?.forEach((a: unknown, i: number) => {
      const rec = validate(authorSchema(i), a, ['authors', i]);
      if (!rec) return;
      const name = perLanguage(['authors', i, 'name'], rec.name, true, `authors[${i}].name`);
      const affiliation = perLanguage(['authors', i, 'affiliation'], rec.affiliation, false, `authors[${i}].affiliation`);
      if (name !== undefined) authors.push({ name, ...(affiliation !== undefined ? { affiliation } : {}) });
    });
  // series
  let series: Brief['series'];
  if (v.series !== undefined) {
    const s = validate(seriesSchema, v.series, ['series']);
    if (s) {
      const stitle = perLanguage(['series', 'title'], s.title, true, 'series.title');
      const issn = s.issn !== undefined ? validate(issnSchema, s.issn, ['series', 'issn']) : undefined;
      const pages = s.pages !== undefined ? validate(pagesSchema, s.pages, ['series', 'pages']) : undefined;
      const issue = s.issue !== undefined ? validate(seriesIssueSchema, s.issue, ['series', 'issue']) : undefined;
      if (stitle !== undefined)
        series = {
          title: stitle,
          ...(issn !== undefined ? { issn } : {}),
          ...(issue !== undefined ? { issue } : {}),
          ...(pages !== undefined ? { pages } : {}),
        };
    }
  }
  // dates
  const published = v.published === undefined ? undefined : validate(dateSchema('published'), v.published, ['published']);
  if (v.published === undefined) err('brief-required', 'brief.yaml has no `published` date', [], 'add `published: YYYY-MM-DD`');
  const asOf = v['as-of'] === undefined ? undefined : validate(dateSchema('as-of'), v['as-of'], ['as-of']);
  // url
  let url: string | undefined;
  if (v.url !== undefined) {
    url = String(v.url);
    checkUrl(url, src.spanOf(['url']), diagnostics);
  }
  // notices
  let notices: Brief['notices'];
  if (v.notices !== undefined) {
    const n = validate(noticesSchema, v.notices, ['notices']);
    if (Array.isArray(n)) notices = n;
    else if (n) {
      const out: Record<string, string[]> = {};
      for (const [lang, list] of Object.entries(n)) {
        const strings = validate(noticesListSchema(lang), list, ['notices', lang]);
        if (strings) out[lang] = strings;
      }
      for (const lang of languages) if (!out[lang]) err('meta-missing-language', `\`notices\` has no value for "${lang}"`, ['notices'], `add \`${lang}: [...]\``);
      notices = out;
    }
  }
  const template = v.template === undefined ? undefined : validate(templateSchema, v.template, ['template']);
  const templateOverrides = v['template-overrides'] === undefined ? undefined : validate(templateOverridesSchema, v['template-overrides'], ['template-overrides']);
  // With an error elsewhere in the file, the bodies are still read and checked
  // (all of a source's errors are told at once) as long as the id and the
  // languages say what to read; nothing is rendered from a source with errors,
  // so a title or date the file does not give stands in as a placeholder.
  if (typeof id !== 'string' || languages.length === 0) return { diagnostics };
  if ((title === undefined || published === undefined) && !diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  return {
    diagnostics,
    brief: {
      file,
      id,
      languages,
      title: title ?? id,
      ...(subtitle !== undefined ? { subtitle } : {}),
      authors,
      ...(series !== undefined ? { series } : {}),
      ...(publisher !== undefined ? { publisher } : {}),
      published: published ?? '1970-01-01',
      ...(asOf !== undefined ? { asOf } : {}),
      ...(url !== undefined ? { url } : {}),
      ...(notices !== undefined ? { notices } : {}),
      ...(template !== undefined ? { template } : {}),
      ...(templateOverrides !== undefined ? { templateOverrides } : {}),
      spanOf: src.spanOf,
    },
  };
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

/**
 * A title written with italics in it (`On *Marbury v. Madison*`): its text
 * without the marks, and its inlines for the title block.
 */
function titled<K extends 'title' | 'subtitle'>(key: K, written: string): { [k in K]: string } & Partial<Record<`${K}Inlines`, Inline[]>> {
  const runs = titleRuns(written);
  const out: Record<string, unknown> = { [key]: runs.map((r) => r.text).join('') };
  if (runs.some((r) => r.italic)) out[`${key}Inlines`] = runInlines(runs);
  return out as { [k in K]: string } & Partial<Record<`${K}Inlines`, Inline[]>>;
}

/**
 * A notice without the mark the house style prints before every notice
 * (`strings.noticeMark`, ja ※), when its author typed it too: ※※ would
 * print otherwise.
 */
export function withoutTypedMark(notice: string, mark: string): string {
  const own = mark.trim();
  if (own === '' || !notice.trimStart().startsWith(own)) return notice;
  return notice
    .trimStart()
    .slice(own.length)
    .replace(/^[\s\u3000]+/u, '');
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
    ...titled('title', resolve(brief.title, lang)),
    ...(brief.subtitle !== undefined ? titled('subtitle', resolve(brief.subtitle, lang)) : {}),
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
