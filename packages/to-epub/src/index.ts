/**
 * EPUB 3 writer: a reflowable, horizontal publication with one content
 * document per chapter, notes as pop-up footnotes after each chapter's text,
 * a navigation document, a generated cover, accessibility metadata and a
 * style sheet from the template. The output is a deterministic zip.
 */
import { blocksOfKind, type Block, type DocumentModel, type PrintPage } from '@brief/document-model';
import { counterSymbols, languageStyle, listCounterStyle, type LanguageStyle, type Template } from '@brief/templates';
import type { Element, Root } from 'xast';
import { x } from 'xastscript';
import { blockNodes, headingElement, headingText } from './blocks.js';
import { coverHref, coverPage, renderCover } from './cover.js';
import { imageItem, type ImageItem } from './figures.js';
import { embeddedFonts, fontFaceRules, textByFace, type TextByFace } from './fonts.js';
import { editionIdentifier } from './identifier.js';
import type { Ctx } from './inlines.js';
import { nl, xhtml, xhtmlTree } from './markup.js';
import { navPage, tocEntries, tocNcx, type Landmark, type PageTarget } from './nav.js';
import { notesNodes } from './notes.js';
import { containerXml, packageOpf, type ManifestItem } from './package.js';
import { pageMarker, planPages, type PageMark } from './pages.js';
import { planEdition, type Links, type PlannedChapter } from './plan.js';
import { cssHref, stylesheet } from './style.js';
import { titlePage } from './title.js';
import { entryTime, ocfZip, type Entry } from './zip.js';

export { editionIdentifier } from './identifier.js';

/** A chapter's document: its heading, its blocks, then its notes. */
function chapterPage(doc: DocumentModel, planned: PlannedChapter, template: Template, style: LanguageStyle, links: Links, pages: ReadonlyMap<Block, PageMark[]> | undefined): Root {
  const { chapter, file } = planned;
  const ctx: Ctx = {
    style,
    links,
    file,
    lang: doc.meta.lang,
    inLink: false,
    wholeCellChars: template.proportions.tableCellWholeChars,
    codeTabColumns: template.proportions.codeTabColumns,
    ...(pages ? { pages } : {}),
  };
  const heading = chapter.heading;
  const content = [...blockNodes(chapter.blocks, ctx), ...notesNodes(chapter.notes, ctx, template.notes.placement)];
  const section = heading
    ? x('section', { 'epub:type': heading.appendix ? 'appendix' : 'chapter', role: heading.appendix ? 'doc-appendix' : 'doc-chapter', 'aria-labelledby': heading.id }, [
        nl,
        ...headingElement(heading, ctx, 1),
        nl,
        ...content,
      ])
    : x('section', { class: 'preamble', 'aria-label': style.strings.startOfContent }, [nl, ...content]);
  const title = heading ? headingText(heading) : doc.meta.title;
  return xhtmlTree({ lang: doc.meta.lang, title, css: [cssHref], body: [section, { type: 'text', value: nl }], bodyType: heading?.appendix ? 'backmatter' : 'bodymatter' });
}

export interface EpubOptions {
  /**
   * The pages of the print (PDF) edition: with them the EPUB carries
   * page-break markers, a page list (nav and NCX) and `pageBreakSource`.
   */
  printPages?: readonly PrintPage[];
}

/** Render one edition as EPUB 3: a pure function from model + template to bytes. */
export async function renderEpub(doc: DocumentModel, template: Template, options: EpubOptions = {}): Promise<Uint8Array> {
  const meta = doc.meta;
  const style = languageStyle(template, meta.lang);
  const identifier = editionIdentifier(meta);
  const plan = planEdition(doc);

  const images: { item: ImageItem; figureId: string; alt: string }[] = [];
  for (const p of plan.images) images.push({ item: await imageItem(p, style), figureId: p.figure.id, alt: p.figure.alt ?? '' });
  const links: Links = { ...plan.links, imageHref: new Map(images.map((i) => [i.figureId, i.item.href])) };
  const cover = await renderCover(meta, template, style);
  const titleCtx: Ctx = { style, links, file: 'title.xhtml', lang: meta.lang, inLink: false };

  const chapterToc = tocEntries(plan.chapters, style);
  // The toc nav needs at least one entry: a body without chapters lists the title page.
  const toc = chapterToc.length > 0 ? chapterToc : [{ label: meta.title, href: 'title.xhtml', children: [] }];
  const firstChapter = plan.chapters[0]?.file ?? 'title.xhtml';
  const landmarks: Landmark[] = [
    { type: 'cover', href: 'cover.xhtml', label: style.strings.cover },
    { type: 'titlepage', href: 'title.xhtml', label: style.strings.titlePage },
    { type: 'toc', href: 'nav.xhtml#toc', label: style.strings.contents },
    { type: 'bodymatter', href: firstChapter, label: style.strings.startOfContent },
  ];

  // The print edition's pages: markers in the text, the page list.
  const printPages = options.printPages && options.printPages.length > 0 ? options.printPages : undefined;
  const fileOfTop = new Map<Block, string>();
  for (const c of plan.chapters) for (const b of [...(c.chapter.heading ? [c.chapter.heading] : []), ...c.chapter.blocks]) fileOfTop.set(b, c.file);
  const pagePlan = printPages ? planPages(doc, printPages, (b) => fileOfTop.get(b) ?? 'title.xhtml', 'title.xhtml') : undefined;
  const pageList: PageTarget[] = (pagePlan?.all ?? []).map((m) => ({ label: m.label, href: `${m.file}#${m.id}` }));
  const title = titlePage(doc, template, style, titleCtx);
  if (pagePlan && pagePlan.beforeBody.length > 0) withMarksAtStart(title, pagePlan.beforeBody);

  const text = (s: string) => new TextEncoder().encode(s);
  // Each document is made, written out and let go of in turn: a long report's trees are not all held at once.
  const pages: { item: ManifestItem; tree: () => Root }[] = [
    { item: { id: 'cover', href: 'cover.xhtml', mediaType: 'application/xhtml+xml', spine: true }, tree: () => coverPage(doc, style, cover.alt) },
    { item: { id: 'title-page', href: 'title.xhtml', mediaType: 'application/xhtml+xml', spine: true }, tree: () => title },
    {
      // Without a contents list on the title page (`titleBlock.showContents: false`) the contents page is
      // left out of the reading order; reading systems still offer it from their menus.
      item: {
        id: 'nav',
        href: 'nav.xhtml',
        mediaType: 'application/xhtml+xml',
        properties: ['nav'],
        spine: true,
        ...(template.titleBlock.showContents ? {} : { nonLinear: true }),
      },
      tree: () => navPage({ meta, style, toc, landmarks, pageList, css: [cssHref] }),
    },
    ...plan.chapters.map((c) => ({
      item: { id: c.id, href: c.file, mediaType: 'application/xhtml+xml', spine: true },
      tree: () => chapterPage(doc, c, template, style, links, pagePlan?.byBlock),
    })),
  ];
  const faceText: TextByFace = { all: '', heading: '', bold: '', italic: '', code: '' };
  const docs = pages.map((p) => {
    const tree = p.tree();
    textByFace([tree], faceText);
    return { item: p.item, bytes: text(xhtml(tree)) };
  });
  // A reading system draws ordered lists' markers (①, ア, a.: counter styles of the sheet) from the text's faces.
  if (blocksOfKind([...doc.body, ...doc.notes.flatMap((n) => n.children)], 'list').some((l) => l.ordered))
    faceText.all += `.${[...new Set([0, 1, 2].map((depth) => listCounterStyle(style, depth)))].flatMap(counterSymbols).join('')}`;
  const fonts = await embeddedFonts(style, faceText);
  const resources: { item: ManifestItem; bytes: Uint8Array; stored?: boolean }[] = [
    { item: { id: 'css', href: cssHref, mediaType: 'text/css' }, bytes: text(stylesheet({ template, style, fontFaces: fontFaceRules(fonts) })) },
    ...fonts.map((f) => ({ item: { id: f.id, href: f.href, mediaType: f.mediaType }, bytes: f.bytes })),
    { item: { id: 'cover-image', href: coverHref, mediaType: 'image/png', properties: ['cover-image'] }, bytes: cover.png, stored: true },
    ...images.map(({ item }) => ({
      item: { id: item.id, href: item.href, mediaType: item.mediaType },
      bytes: item.bytes,
      stored: item.mediaType !== 'image/svg+xml',
    })),
    { item: { id: 'ncx', href: 'toc.ncx', mediaType: 'application/x-dtbncx+xml' }, bytes: text(tocNcx({ meta, identifier, toc, pageList, pageListTitle: style.strings.pageList })) },
  ];

  const figureAlts = images.map((i) => i.alt.trim());
  const opf = packageOpf({
    meta,
    style,
    identifier,
    items: [...docs.map((d) => d.item), ...resources.map((r) => r.item)],
    a11y: { hasImages: true, allImagesDescribed: figureAlts.every((a) => a.length > 0), pageList: pageList.length > 0 },
  });

  const entries: Entry[] = [
    { path: 'META-INF/container.xml', bytes: text(containerXml) },
    { path: 'EPUB/package.opf', bytes: text(opf) },
    ...docs.map((d) => ({ path: `EPUB/${d.item.href}`, bytes: d.bytes })),
    ...resources.map((r) => ({ path: `EPUB/${r.item.href}`, bytes: r.bytes, stored: r.stored ?? false })),
  ];
  return ocfZip(entries, entryTime(meta.published));
}

/** Page-break markers at the start of a document's first section (pages before the body: title block, contents). */
function withMarksAtStart(tree: Root, marks: readonly PageMark[]): void {
  const find = (node: Root | Element, name: string): Element | undefined => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (child.name === name) return child;
      const inner = find(child, name);
      if (inner) return inner;
    }
    return undefined;
  };
  const section = find(tree, 'section') ?? find(tree, 'body');
  section?.children.unshift(...marks.map(pageMarker));
}
