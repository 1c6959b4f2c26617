/**
 * Citations rendered by citeproc-js with a CSL style file the template names
 * for a language (`cslStyles: { en: styles/apa.csl }`), for house styles kept
 * as CSL (Zotero users' styles). Items are flattened to CSL-JSON in the
 * edition's language; the output is read back into text, emphasis, strong
 * and link inlines. Ibid stays the pipeline's decision (decideIbid), so every
 * citation is rendered as a first, full citation.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { citedTitleRuns, type CitationItem, type Inline, type LanguageTag } from '@brief/document-model';
import { nameFields, type CslItem, type CslName, type ReferenceLibrary } from './types.js';
import { localizedOrAny, nameText, parseCslDate, titleText } from './text.js';
import { pagesWritten, parseLocator } from './locator.js';
import { italicised } from './layout.js';

const require = createRequire(import.meta.url);
const bundledLocales = join(dirname(fileURLToPath(import.meta.url)), '../csl-locales');

const dateFields = new Set(['issued', 'accessed', 'submitted', 'original-date', 'event-date']);

/** One item as CSL-JSON in one language: per-language maps flattened, `chamber`/`committee` as `authority`/`section`. */
export function toCslJson(item: CslItem, lang: LanguageTag): Record<string, unknown> {
  const out: Record<string, unknown> = { id: item.id, type: item.type };
  for (const [field, value] of Object.entries(item)) {
    if (field === 'id' || field === 'type' || value === undefined || value === null) continue;
    if (nameFields.has(field) && Array.isArray(value)) {
      out[field] = (value as CslName[]).map((n) =>
        n.literal !== undefined
          ? { literal: localizedOrAny(n.literal, lang) }
          : n['static-ordering'] || !/^[\p{Script=Latin}\p{M}\s.'’-]*$/u.test(`${localizedOrAny(n.family, lang) ?? ''}${localizedOrAny(n.given, lang) ?? ''}`)
            ? { literal: nameText(n, lang) }
            : { family: localizedOrAny(n.family, lang), given: localizedOrAny(n.given, lang) },
      );
    } else if (dateFields.has(field)) {
      const d = parseCslDate(value as never);
      if (d) out[field] = { 'date-parts': [[d.year, d.month, d.day].filter((x) => x !== undefined)] };
      else if (typeof value === 'object' && typeof (value as { literal?: unknown }).literal === 'string') out[field] = { literal: (value as { literal: string }).literal };
    } else if (field === 'title' || field === 'container-title' || field === 'collection-title') {
      const t = titleText(value as never, lang);
      // Italics written in a title (`*…*`) as citeproc-js reads them, which sets them in roman inside an italic title.
      const main =
        t?.main === undefined
          ? undefined
          : citedTitleRuns(t.main)
              .map((r) => (r.italic ? `<i>${r.text}</i>` : r.text))
              .join('');
      if (t) out[field] = [main, t.translation].filter(Boolean).join(' ');
    } else if (field === 'chamber') out.authority = localizedOrAny(value as never, lang);
    else if (field === 'committee') out.section = localizedOrAny(value as never, lang);
    else if (typeof value === 'object' && !Array.isArray(value)) out[field] = localizedOrAny(value as never, lang);
    else if (typeof value === 'string' || typeof value === 'number') out[field] = String(value);
  }
  return out;
}

/** The CSL locale of a language: ja → ja-JP, en → en-US; a full tag as it is. */
function localeTag(lang: LanguageTag): string {
  if (lang.includes('-')) return lang;
  return { ja: 'ja-JP', en: 'en-US', de: 'de-DE', fr: 'fr-FR', zh: 'zh-CN', ko: 'ko-KR', es: 'es-ES' }[lang] ?? lang;
}

interface Engine {
  makeCitationCluster(items: Record<string, unknown>[]): string;
  opt: { development_extensions: Record<string, boolean> };
  setOutputFormat(format: string): void;
}

const engines = new WeakMap<ReferenceLibrary, Map<string, Engine>>();

function engineFor(stylePath: string, lang: LanguageTag, library: ReferenceLibrary): Engine {
  let byStyle = engines.get(library);
  if (!byStyle) {
    byStyle = new Map();
    engines.set(library, byStyle);
  }
  const key = `${stylePath}\u0000${lang}`;
  const cached = byStyle.get(key);
  if (cached) return cached;
  const CSL = require('citeproc') as { Engine: new (sys: unknown, style: string, lang: string) => Engine };
  const items = new Map<string, Record<string, unknown>>();
  const sys = {
    retrieveLocale: (tag: string) => {
      for (const dir of [dirname(stylePath), bundledLocales]) {
        const path = join(dir, `locales-${tag}.xml`);
        if (existsSync(path)) return readFileSync(path, 'utf8');
      }
      return false;
    },
    retrieveItem: (id: string) => {
      let item = items.get(id);
      if (!item) {
        const source = library.items.get(id);
        item = source ? toCslJson(source, lang) : { id, type: 'document', title: id };
        items.set(id, item);
      }
      return item;
    },
  };
  const engine = new CSL.Engine(sys, readFileSync(stylePath, 'utf8'), localeTag(lang));
  engine.setOutputFormat('html');
  engine.opt.development_extensions.wrap_url_and_doi = true;
  byStyle.set(key, engine);
  return engine;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decode(text: string): string {
  return text.replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return entities[e.toLowerCase()] ?? m;
  });
}

/** citeproc-js HTML (i, b, span styles, a, sup, sub) → inlines. */
export function htmlToInlines(html: string): Inline[] {
  type Frame = { kind: 'root' | 'emphasis' | 'roman' | 'strong' | 'link' | 'plain'; url?: string; children: Inline[] };
  const stack: Frame[] = [{ kind: 'root', children: [] }];
  const top = () => stack[stack.length - 1]!;
  for (const token of html.match(/<[^>]*>|[^<]+/g) ?? []) {
    if (!token.startsWith('<')) {
      const value = decode(token);
      if (value) top().children.push({ kind: 'text', value });
      continue;
    }
    const close = /^<\//.test(token);
    const name = /^<\/?\s*([a-z0-9]+)/i.exec(token)?.[1]?.toLowerCase() ?? '';
    if (close) {
      if (stack.length > 1) {
        const frame = stack.pop()!;
        const parent = top().children;
        // Roman inside italics (citeproc-js's flip of italics written in an italic title) is read back as
        // emphasis in emphasis, which `italicised` sets in roman.
        if (frame.kind === 'emphasis') parent.push(...italicised(frame.children));
        else if (frame.kind === 'roman') parent.push({ kind: 'emphasis', children: frame.children });
        else if (frame.kind === 'strong') parent.push({ kind: 'strong', children: frame.children });
        else if (frame.kind === 'link' && frame.url) parent.push({ kind: 'link', url: frame.url, children: frame.children });
        else parent.push(...frame.children);
      }
      continue;
    }
    if (/\/>$/.test(token) || name === 'br') continue;
    const style = /style="([^"]*)"/i.exec(token)?.[1] ?? '';
    const href = /href="([^"]*)"/i.exec(token)?.[1];
    if (name === 'i' || name === 'em' || /font-style:\s*italic/i.test(style)) stack.push({ kind: 'emphasis', children: [] });
    else if (/font-style:\s*normal/i.test(style) && stack.some((f) => f.kind === 'emphasis')) stack.push({ kind: 'roman', children: [] });
    else if (name === 'b' || name === 'strong' || /font-weight:\s*bold/i.test(style)) stack.push({ kind: 'strong', children: [] });
    else if (name === 'a' && href && /^https?:\/\//i.test(decode(href))) stack.push({ kind: 'link', url: decode(href), children: [] });
    else stack.push({ kind: 'plain', children: [] });
  }
  while (stack.length > 1) {
    const frame = stack.pop()!;
    top().children.push(...frame.children);
  }
  return stack[0]!.children;
}

/** A citation of one or more works with the edition's CSL style; undefined when citeproc cannot render it. */
export function renderWithCsl(items: readonly CitationItem[], stylePath: string, lang: LanguageTag, library: ReferenceLibrary): Inline[] | undefined {
  try {
    const engine = engineFor(stylePath, lang, library);
    const cluster = items.map((cite) => {
      const loc = parseLocator(cite.locator);
      const out: Record<string, unknown> = { id: cite.key };
      if (loc?.kind === 'page') Object.assign(out, { locator: pagesWritten(loc, (p) => (p.to ? `${p.from}-${p.to}` : p.from), ', '), label: 'page' });
      if (cite.prefix) out.prefix = `${cite.prefix} `;
      const suffix = [loc?.kind === 'other' ? loc.text : undefined, cite.suffix].filter(Boolean).join(' ');
      if (suffix) out.suffix = /^[,.;:]/.test(suffix) ? suffix : `, ${suffix}`;
      if (cite.suppressAuthor) out['suppress-author'] = true;
      return out;
    });
    const html = engine.makeCitationCluster(cluster);
    return typeof html === 'string' && html.trim() !== '' ? htmlToInlines(html) : undefined;
  } catch {
    return undefined;
  }
}
