/**
 * EPUB 3 writer: a reflowable, horizontal publication with one content
 * document per chapter, notes as pop-up footnotes after each chapter's text,
 * a navigation document, a generated cover, accessibility metadata and a
 * style sheet from the template. The output is a deterministic zip.
 */
import type { DocumentModel, HeadingBlock } from '@brief/document-model';
import { fill, formatDate, languageStyle, type LanguageStyle, type Template } from '@brief/templates';
import { blocksXhtml, headingInnerXhtml, headingText, headingTag, notesXhtml, textXhtml, type Ctx, type Links } from './content.js';
import { renderCover } from './cover.js';
import { stylesheet } from './css.js';
import { embeddedFonts, fontFaceRules, textByFace } from './fonts.js';
import { editionIdentifier } from './identifier.js';
import { imageItem, type ImageItem } from './images.js';
import { containerXml, navXhtml, packageOpf, tocNcx, type Landmark, type ManifestItem, type TocEntry } from './package.js';
import { planEdition, type PlannedChapter } from './plan.js';
import { attr, esc, xhtmlDocument } from './xml.js';
import { entryTime, ocfZip, type Entry } from './zip.js';

export { editionIdentifier } from './identifier.js';

const cssHref = 'styles/book.css';
const coverHref = 'images/cover.png';

function titlePageXhtml(doc: DocumentModel, template: Template, style: LanguageStyle, ctx: Ctx): string {
  const meta = doc.meta;
  const t = (s: string) => textXhtml(s, ctx);
  const date = formatDate(style.strings, meta.published);
  const parts: string[] = [];
  if (meta.series && template.titleBlock.showSeries) {
    const issue = meta.series.issue !== undefined ? fill(style.strings.issue, { n: meta.series.issue }) : '';
    const line = fill(style.strings.runningHead, { series: meta.series.title, issue, title: meta.title, date });
    parts.push(`<p class="series">${t(line)}</p>`);
  }
  parts.push(`<h1 class="title">${t(meta.title)}</h1>`);
  if (meta.subtitle) parts.push(`<p class="subtitle">${t(meta.subtitle)}</p>`);
  const authors = meta.authors
    .map((a) => {
      const affiliation = a.affiliation ? `<br/><span class="affiliation">${t(fill(style.strings.affiliation, { affiliation: a.affiliation }))}</span>` : '';
      return `<p class="author">${t(a.name)}${affiliation}</p>`;
    })
    .join('\n');
  parts.push(`<div class="authors">\n${authors}\n</div>`);
  const info: string[] = [];
  if (!(meta.series && template.titleBlock.showSeries)) info.push(date);
  if (meta.series?.firstPage !== undefined && meta.series.lastPage !== undefined) {
    info.push(fill(style.strings.pages, { first: meta.series.firstPage, last: meta.series.lastPage }));
  }
  if (meta.asOf) info.push(fill(style.strings.asOf, { date: formatDate(style.strings, meta.asOf) }));
  const infoXhtml = info.map((s) => `<p>${t(s)}</p>`);
  if (meta.url) infoXhtml.push(`<p><a class="external" rel="external" href="${attr(meta.url)}">${esc(meta.url)}</a></p>`);
  if (infoXhtml.length) parts.push(`<div class="meta">\n${infoXhtml.join('\n')}\n</div>`);
  if (template.titleBlock.showNotices && meta.notices.length > 0) {
    const mark = style.strings.noticeMark ?? '';
    parts.push(`<div class="notices">\n${meta.notices.map((n) => `<p>${t(mark + n)}</p>`).join('\n')}\n</div>`);
  }
  const body = `<section epub:type="titlepage" class="titlepage" aria-label="${attr(style.strings.titlePage)}">\n${parts.join('\n')}\n</section>\n`;
  return xhtmlDocument({ lang: meta.lang, title: meta.title, css: [cssHref], body, bodyType: 'frontmatter' });
}

function coverXhtml(doc: DocumentModel, style: LanguageStyle, alt: string): string {
  const body =
    `<section epub:type="cover" class="cover" aria-label="${attr(style.strings.cover)}">\n` +
    `<div class="cover-image"><img role="doc-cover" src="${coverHref}" alt="${attr(alt)}"/></div>\n` +
    '</section>\n';
  return xhtmlDocument({ lang: doc.meta.lang, title: style.strings.cover, css: [cssHref], body, bodyType: 'cover', bodyClass: 'cover' });
}

function chapterXhtml(doc: DocumentModel, planned: PlannedChapter, template: Template, style: LanguageStyle, links: Links): string {
  const { chapter, file } = planned;
  const ctx: Ctx = { style, links, file, lang: doc.meta.lang, inLink: false };
  const heading = chapter.heading;
  const open = heading
    ? `<section epub:type="chapter" role="doc-chapter" aria-labelledby="${attr(heading.id)}">\n` +
      `<${headingTag(1)} id="${attr(heading.id)}" class="level-1">${headingInnerXhtml(heading, ctx)}</${headingTag(1)}>\n`
    : `<section class="preamble" aria-label="${attr(style.strings.startOfContent)}">\n`;
  const body = `${open + blocksXhtml(chapter.blocks, ctx) + notesXhtml(chapter.notes, ctx, template.notes.placement)}</section>\n`;
  const title = heading ? headingText(heading, style) : doc.meta.title;
  return xhtmlDocument({ lang: doc.meta.lang, title, css: [cssHref], body, bodyType: 'bodymatter' });
}

function tocEntries(plan: readonly PlannedChapter[], style: LanguageStyle): TocEntry[] {
  return plan.map(({ chapter, file }) => {
    const sections = chapter.blocks.filter((b): b is HeadingBlock => b.kind === 'heading' && b.level === 2);
    const children = sections.map((s) => ({ label: headingText(s, style), href: `${file}#${s.id}`, children: [] }));
    return chapter.heading ? { label: headingText(chapter.heading, style), href: `${file}#${chapter.heading.id}`, children } : { label: style.strings.startOfContent, href: file, children };
  });
}

/** Render one edition as EPUB 3: a pure function from model + template to bytes. */
export async function renderEpub(doc: DocumentModel, template: Template): Promise<Uint8Array> {
  const meta = doc.meta;
  const style = languageStyle(template, meta.lang);
  const identifier = editionIdentifier(meta);
  const plan = planEdition(doc);

  const images: { item: ImageItem; figureId: string; alt: string }[] = [];
  for (const p of plan.images) images.push({ item: await imageItem(p, style), figureId: p.figure.id, alt: p.image.alt });
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

  const text = (s: string) => new TextEncoder().encode(s);
  const pages: { item: ManifestItem; xhtml: string }[] = [
    { item: { id: 'cover', href: 'cover.xhtml', mediaType: 'application/xhtml+xml', spine: true }, xhtml: coverXhtml(doc, style, cover.alt) },
    { item: { id: 'title-page', href: 'title.xhtml', mediaType: 'application/xhtml+xml', spine: true }, xhtml: titlePageXhtml(doc, template, style, titleCtx) },
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
      xhtml: navXhtml({ meta, style, toc, landmarks, css: [cssHref] }),
    },
    ...plan.chapters.map((c) => ({
      item: { id: c.id, href: c.file, mediaType: 'application/xhtml+xml', spine: true },
      xhtml: chapterXhtml(doc, c, template, style, links),
    })),
  ];
  const docs = pages.map((p) => ({ item: p.item, bytes: text(p.xhtml) }));
  const fonts = await embeddedFonts(style, textByFace(pages.map((p) => p.xhtml)));
  const resources: { item: ManifestItem; bytes: Uint8Array; stored?: boolean }[] = [
    { item: { id: 'css', href: cssHref, mediaType: 'text/css' }, bytes: text(stylesheet({ template, style, fontFaces: fontFaceRules(fonts) })) },
    ...fonts.map((f) => ({ item: { id: f.id, href: f.href, mediaType: f.mediaType }, bytes: f.bytes })),
    { item: { id: 'cover-image', href: coverHref, mediaType: 'image/png', properties: ['cover-image'] }, bytes: cover.png, stored: true },
    ...images.map(({ item }) => ({
      item: { id: item.id, href: item.href, mediaType: item.mediaType },
      bytes: item.bytes,
      stored: item.mediaType !== 'image/svg+xml',
    })),
    { item: { id: 'ncx', href: 'toc.ncx', mediaType: 'application/x-dtbncx+xml' }, bytes: text(tocNcx({ meta, identifier, toc })) },
  ];

  const figureAlts = images.map((i) => i.alt.trim());
  const opf = packageOpf({
    meta,
    style,
    identifier,
    items: [...docs.map((d) => d.item), ...resources.map((r) => r.item)],
    a11y: { hasImages: true, allImagesDescribed: figureAlts.every((a) => a.length > 0) },
  });

  const entries: Entry[] = [
    { path: 'META-INF/container.xml', bytes: text(containerXml) },
    { path: 'EPUB/package.opf', bytes: text(opf) },
    ...docs.map((d) => ({ path: `EPUB/${d.item.href}`, bytes: d.bytes })),
    ...resources.map((r) => ({ path: `EPUB/${r.item.href}`, bytes: r.bytes, stored: r.stored ?? false })),
  ];
  return ocfZip(entries, entryTime(meta.published));
}
