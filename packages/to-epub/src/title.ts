/**
 * The title page: series line, title, subtitle, authors with their
 * affiliations, date, pages, as-of date, URL and notices, per the template.
 */
import type { DocumentModel } from '@brief/document-model';
import { dateline, fill, fillInlines, formatDate, type LanguageStyle, type Template } from '@brief/templates';
import type { Root } from 'xast';
import { x } from 'xastscript';
import { inlineNodes, textNodes, type Ctx } from './inlines.js';
import { joined, nl, xhtmlTree, type Fragment } from './markup.js';
import { cssHref } from './style.js';

/** The title page document. */
export function titlePage(doc: DocumentModel, template: Template, style: LanguageStyle, ctx: Ctx): Root {
  const meta = doc.meta;
  const t = (s: string) => textNodes(s, ctx);
  const date = formatDate(style.strings, meta.published);
  const parts: Fragment[] = [];
  if (meta.series && template.titleBlock.showSeries) {
    const issue = meta.series.issue !== undefined ? fill(style.strings.issue, { n: meta.series.issue }) : '';
    const line = fill(style.strings.runningHead, { series: meta.series.title, issue, title: meta.title, date });
    parts.push([x('p', { class: 'series' }, t(line))]);
  }
  parts.push([x('h1', { class: 'title' }, meta.titleInlines ? inlineNodes(meta.titleInlines, ctx) : t(meta.title))]);
  if (meta.subtitle)
    parts.push([
      x(
        'p',
        { class: 'subtitle' },
        meta.subtitleInlines ? inlineNodes(fillInlines(style.strings.subtitleLine, { subtitle: meta.subtitleInlines }), ctx) : t(fill(style.strings.subtitleLine, { subtitle: meta.subtitle })),
      ),
    ]);
  const authors = meta.authors.map((a) => {
    const affiliation = a.affiliation ? [x('br'), x('span', { class: 'affiliation' }, t(fill(style.strings.affiliation, { affiliation: a.affiliation })))] : [];
    return x('p', { class: 'author' }, [...t(a.name), ...affiliation]);
  });
  parts.push([x('div', { class: 'authors' }, [nl, ...joined(authors.map((a) => [a])), nl])]);
  // The publisher and date without a series line, under the authors and aligned with them, as the PDF sets them.
  const datelines = dateline(meta, template, style.strings).map((s) => [x('p', t(s))]);
  if (datelines.length) parts.push([x('div', { class: 'dateline' }, [nl, ...joined(datelines), nl])]);
  const info: string[] = [];
  if (meta.series?.firstPage !== undefined && meta.series.lastPage !== undefined) {
    info.push(fill(style.strings.pages, { first: meta.series.firstPage, last: meta.series.lastPage }));
  }
  if (meta.asOf) info.push(fill(style.strings.asOf, { date: formatDate(style.strings, meta.asOf) }));
  const infoNodes = info.map((s) => [x('p', t(s))]);
  if (meta.url) infoNodes.push([x('p', [x('a', { class: 'external', rel: 'external', href: meta.url }, meta.url)])]);
  if (infoNodes.length) parts.push([x('div', { class: 'meta' }, [nl, ...joined(infoNodes), nl])]);
  if (template.titleBlock.showNotices && meta.notices.length > 0) {
    const mark = style.strings.noticeMark;
    parts.push([x('div', { class: 'notices' }, [nl, ...joined(meta.notices.map((n) => [x('p', t(mark + n))])), nl])]);
  }
  const body = [x('section', { 'epub:type': 'titlepage', class: 'titlepage', 'aria-label': style.strings.titlePage }, [nl, ...joined(parts), nl]), nl];
  return xhtmlTree({ lang: meta.lang, title: meta.title, css: [cssHref], body, bodyType: 'frontmatter' });
}
