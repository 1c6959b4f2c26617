/**
 * Navigation: the table of contents (chapters and sections, with their
 * numbers), the navigation document with its landmarks, and the NCX for
 * EPUB 2 reading systems.
 */
import { inlineText, type HeadingBlock, type Inline, type Metadata } from '@brief/document-model';
import type { LanguageStyle } from '@brief/templates';
import type { Element, ElementContent, Root } from 'xast';
import { x } from 'xastscript';
import { headingText } from './blocks.js';
import { lines, nl, xhtmlTree, xmlDocument } from './markup.js';
import type { PlannedChapter } from './plan.js';

/** An entry of the table of contents. */
export interface TocEntry {
  /** Its text (the NCX's, which holds text only). */
  label: string;
  /** Its content in the navigation document, where the heading's italics stay (`headingPhrasing`). */
  content?: ElementContent[];
  href: string;
  children: TocEntry[];
}

/**
 * A heading's number and text as phrasing content of a contents entry: its
 * emphasis, strong and code kept, everything else (links, note marks) as its
 * text.
 */
function headingPhrasing(heading: HeadingBlock): ElementContent[] {
  const phrasing = (inlines: readonly Inline[]): ElementContent[] =>
    inlines.flatMap((node): ElementContent[] => {
      switch (node.kind) {
        case 'emphasis':
          return [x('em', phrasing(node.children))];
        case 'strong':
          return [x('strong', phrasing(node.children))];
        case 'code':
          return [x('code', node.value)];
        case 'noteRef':
          return [];
        default: {
          const text = inlineText([node]);
          return text ? [{ type: 'text', value: text }] : [];
        }
      }
    });
  return [...(heading.label ? [{ type: 'text' as const, value: heading.label }] : []), ...phrasing(heading.children)];
}

function tocList(entries: readonly TocEntry[]): ElementContent[] {
  if (entries.length === 0) return [];
  const items = entries.map((e) => x('li', [x('a', { href: e.href }, e.content ?? e.label), ...(e.children.length ? [nl, ...tocList(e.children)] : [])]));
  return [x('ol', [nl, ...lines(items), nl]), { type: 'text', value: nl }];
}

export interface Landmark {
  type: 'cover' | 'titlepage' | 'toc' | 'bodymatter';
  href: string;
  label: string;
}

/** A page of the print edition in the page list: its label and its marker. */
export interface PageTarget {
  label: string;
  href: string;
}

/** The page list (`epub:type="page-list"`): the print edition's pages, hidden from the reading order as the landmarks are. */
function pageListNav(pages: readonly PageTarget[], title: string): ElementContent[] {
  if (pages.length === 0) return [];
  const items = pages.map((p) => x('li', [x('a', { href: p.href }, p.label)]));
  return [
    x('nav', { 'epub:type': 'page-list', id: 'page-list', role: 'doc-pagelist', 'aria-labelledby': 'page-list-title', hidden: 'hidden' }, [
      nl,
      x('h2', { id: 'page-list-title' }, title),
      nl,
      x('ol', [nl, ...lines(items), nl]),
      nl,
    ]),
    { type: 'text', value: nl },
  ];
}

export function navPage(opts: { meta: Metadata; style: LanguageStyle; toc: TocEntry[]; landmarks: Landmark[]; pageList?: readonly PageTarget[]; css: string[] }): Root {
  const { style } = opts;
  const landmarks = opts.landmarks.map((l) => x('li', [x('a', { 'epub:type': l.type, href: l.href }, l.label)]));
  const body = [
    x('nav', { 'epub:type': 'toc', id: 'toc', role: 'doc-toc', 'aria-labelledby': 'toc-title' }, [nl, x('h1', { id: 'toc-title' }, style.strings.contents), nl, ...tocList(opts.toc)]),
    nl,
    x('nav', { 'epub:type': 'landmarks', id: 'landmarks', hidden: 'hidden' }, [nl, x('ol', [nl, ...lines(landmarks), nl]), nl]),
    nl,
    ...pageListNav(opts.pageList ?? [], style.strings.pageList),
  ];
  return xhtmlTree({ lang: opts.meta.lang, title: style.strings.contents, css: opts.css, body, bodyType: 'frontmatter' });
}

/** The NCX (EPUB 2 navigation), kept for older reading systems. */
export function tocNcx(opts: { meta: Metadata; identifier: string; toc: TocEntry[]; pageList?: readonly PageTarget[]; pageListTitle?: string }): string {
  let order = 0;
  const depthOf = (entries: readonly TocEntry[]): number => (entries.length === 0 ? 0 : 1 + Math.max(...entries.map((e) => depthOf(e.children))));
  const points = (entries: readonly TocEntry[]): Element[] =>
    entries.map((e) => {
      order += 1;
      const point = x('navPoint', { id: `nav-${order}`, playOrder: order }, [x('navLabel', [x('text', e.label)]), x('content', { src: e.href })]);
      if (e.children.length) point.children.push({ type: 'text', value: nl }, ...lines(points(e.children)));
      return point;
    });
  const map = points(opts.toc);
  const pages = opts.pageList ?? [];
  const targets = pages.map((p, i) => {
    order += 1;
    const value = /^\d+$/.test(p.label) ? p.label : undefined;
    return x('pageTarget', { id: `page-target-${i + 1}`, type: value ? 'normal' : 'front', value, playOrder: order }, [x('navLabel', [x('text', p.label)]), x('content', { src: p.href })]);
  });
  const maxPage = Math.max(0, ...pages.map((p) => (/^\d+$/.test(p.label) ? Number(p.label) : 0)));
  const pageList = targets.length > 0 ? [x('pageList', [nl, x('navLabel', [x('text', opts.pageListTitle ?? '')]), nl, ...lines(targets), nl]), nl] : [];
  return xmlDocument(
    x('ncx', { xmlns: 'http://www.daisy.org/z3986/2005/ncx/', version: '2005-1', 'xml:lang': opts.meta.lang }, [
      nl,
      x('head', [
        nl,
        x('meta', { name: 'dtb:uid', content: opts.identifier }),
        nl,
        x('meta', { name: 'dtb:depth', content: Math.max(1, depthOf(opts.toc)) }),
        nl,
        x('meta', { name: 'dtb:totalPageCount', content: String(pages.length) }),
        nl,
        x('meta', { name: 'dtb:maxPageNumber', content: String(maxPage) }),
        nl,
      ]),
      nl,
      x('docTitle', [x('text', opts.meta.title)]),
      nl,
      x('navMap', [nl, ...lines(map), nl]),
      nl,
      ...pageList,
    ]),
  );
}

/** The contents: each chapter (or the text before the first) with its sections. */
export function tocEntries(plan: readonly PlannedChapter[], style: LanguageStyle): TocEntry[] {
  return plan.map(({ chapter, file }) => {
    const sections = chapter.blocks.filter((b): b is HeadingBlock => b.kind === 'heading' && b.level === 2);
    const children = sections.map((s) => ({ label: headingText(s), content: headingPhrasing(s), href: `${file}#${s.id}`, children: [] }));
    return chapter.heading
      ? { label: headingText(chapter.heading), content: headingPhrasing(chapter.heading), href: `${file}#${chapter.heading.id}`, children }
      : { label: style.strings.startOfContent, href: file, children };
  });
}
