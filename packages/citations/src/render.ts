import { fill, formatDate, type LanguageStyle } from '@brief/templates';
import type { CitationItem, Inline, LanguageTag } from '@brief/document-model';
import type { CslItem, ReferenceLibrary } from './types.js';
import { isoOf, localized, parseCslDate } from './text.js';

export interface CitationRenderContext {
  lang: LanguageTag;
  style: LanguageStyle;
  library: ReferenceLibrary;
}

/**
 * Whether a note's single citation repeats the single citation of the note
 * just before it (and so prints as 同上 / Ibid.).
 */
export function ibidApplies(previous: readonly CitationItem[] | undefined, current: readonly CitationItem[]): boolean {
  if (!previous || previous.length !== 1 || current.length !== 1) return false;
  return previous[0]!.key === current[0]!.key;
}

function text(value: string): Inline {
  return { kind: 'text', value };
}

function title(item: CslItem, lang: LanguageTag): string {
  return localized(item.title, lang) ?? localized(item['container-title'], lang) ?? item.id;
}

function date(item: CslItem, ctx: CitationRenderContext): string | undefined {
  const d = parseCslDate(item.issued);
  return d ? formatDate(ctx.style.strings, isoOf(d), ctx.style.strings.citationDate) : undefined;
}

/** One cited work, rendered in the edition's house style. */
export function renderItem(cite: CitationItem, ctx: CitationRenderContext): Inline[] {
  const item = ctx.library.items.get(cite.key);
  if (!item) return [text(`[@${cite.key}]`)];
  const parts: Inline[] = [];
  if (cite.prefix) parts.push(text(`${cite.prefix} `));
  const d = date(item, ctx);
  parts.push(text(d ? `${title(item, ctx.lang)} (${d})` : title(item, ctx.lang)));
  if (cite.locator) parts.push(text(` ${cite.locator}`));
  if (cite.suffix) parts.push(text(` ${cite.suffix}`));
  return parts;
}

/** A citation (one or more works) in the edition's house style; `ibid` prints 同上 / Ibid. */
export function renderCitation(items: readonly CitationItem[], ibid: boolean, ctx: CitationRenderContext): Inline[] {
  const strings = ctx.style.strings;
  if (ibid) {
    const locator = items[0]?.locator;
    return [text(locator ? fill(strings.ibidWithLocator, { locator }) : strings.ibid)];
  }
  const out: Inline[] = [];
  items.forEach((cite, i) => {
    if (i > 0) out.push(text(strings.citationSeparator));
    out.push(...renderItem(cite, ctx));
  });
  return out;
}
