/**
 * Package documents: the OCF container file, the package document (OPF)
 * with its metadata, the navigation document and the NCX for older reading
 * systems.
 */
import type { Metadata } from '@brief/document-model';
import { fill, type LanguageStyle } from '@brief/templates';
import { attr, esc, xhtmlDocument } from './xml.js';

export const containerXml =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n' +
  '<rootfiles>\n' +
  '<rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>\n' +
  '</rootfiles>\n' +
  '</container>\n';

export interface ManifestItem {
  id: string;
  href: string;
  mediaType: string;
  properties?: string[];
  /** In the spine, in this order (items not in the spine are resources). */
  spine?: boolean;
  /** A spine item outside the reading order (`linear="no"`): reached by links and the reading system's menus only. */
  nonLinear?: boolean;
}

export interface A11yFacts {
  /** The publication has images (figures or the cover). */
  hasImages: boolean;
  /** Every figure image has a non-empty text alternative. */
  allImagesDescribed: boolean;
}

/** `CCYY-MM-DDThh:mm:ssZ` from an ISO date (midnight UTC). */
export function modifiedStamp(isoDate: string): string {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(isoDate);
  return `${m?.[1] ?? '1970'}-${m?.[2] ?? '01'}-${m?.[3] ?? '01'}T00:00:00Z`;
}

function accessibilityMetadata(facts: A11yFacts, summary: string): string[] {
  const meta = (property: string, value: string) => `<meta property="${property}">${esc(value)}</meta>`;
  const out: string[] = [meta('schema:accessMode', 'textual')];
  if (facts.hasImages) out.push(meta('schema:accessMode', 'visual'));
  if (!facts.hasImages || facts.allImagesDescribed) out.push(meta('schema:accessModeSufficient', 'textual'));
  if (facts.hasImages) out.push(meta('schema:accessModeSufficient', 'textual,visual'));
  const features = ['structuralNavigation', 'tableOfContents', 'readingOrder', 'displayTransformability'];
  if (facts.hasImages && facts.allImagesDescribed) features.push('alternativeText');
  for (const f of features) out.push(meta('schema:accessibilityFeature', f));
  out.push(meta('schema:accessibilityHazard', 'none'));
  out.push(meta('schema:accessibilitySummary', summary));
  return out;
}

export function packageOpf(opts: { meta: Metadata; style: LanguageStyle; identifier: string; items: readonly ManifestItem[]; a11y: A11yFacts }): string {
  const { meta, style, identifier, items } = opts;
  const md: string[] = [
    `<dc:identifier id="pub-id">${esc(identifier)}</dc:identifier>`,
    `<dc:title id="title">${esc(meta.title)}</dc:title>`,
    `<meta refines="#title" property="title-type">main</meta>`,
  ];
  if (meta.subtitle) {
    md.push(`<dc:title id="subtitle">${esc(meta.subtitle)}</dc:title>`);
    md.push(`<meta refines="#subtitle" property="title-type">subtitle</meta>`);
  }
  meta.authors.forEach((a, i) => {
    const id = `creator-${i + 1}`;
    md.push(`<dc:creator id="${id}">${esc(a.name)}</dc:creator>`);
    md.push(`<meta refines="#${id}" property="role" scheme="marc:relators">aut</meta>`);
    md.push(`<meta refines="#${id}" property="display-seq">${i + 1}</meta>`);
  });
  md.push(`<dc:language>${esc(meta.lang)}</dc:language>`);
  if (meta.publisher) md.push(`<dc:publisher>${esc(meta.publisher)}</dc:publisher>`);
  md.push(`<dc:date>${esc(meta.published)}</dc:date>`);
  md.push(`<meta property="dcterms:modified">${modifiedStamp(meta.published)}</meta>`);
  if (meta.series) {
    md.push(`<meta property="belongs-to-collection" id="series">${esc(meta.series.title)}</meta>`);
    md.push(`<meta refines="#series" property="collection-type">series</meta>`);
    const position = String(meta.series.issue ?? '').trim();
    if (/^\d+(\.\d+)*$/.test(position)) md.push(`<meta refines="#series" property="group-position">${position}</meta>`);
    if (meta.series.issn) md.push(`<meta refines="#series" property="dcterms:identifier">urn:issn:${esc(meta.series.issn)}</meta>`);
  }
  const summary = fill(style.strings.accessibilitySummary, { title: meta.title });
  md.push(...accessibilityMetadata(opts.a11y, summary));
  md.push(`<meta property="rendition:layout">reflowable</meta>`);
  const cover = items.find((i) => i.properties?.includes('cover-image'));
  if (cover) md.push(`<meta name="cover" content="${attr(cover.id)}"/>`);

  const manifest = items.map((i) => {
    const props = i.properties && i.properties.length > 0 ? ` properties="${i.properties.join(' ')}"` : '';
    return `<item id="${attr(i.id)}" href="${attr(i.href)}" media-type="${attr(i.mediaType)}"${props}/>`;
  });
  const spine = items.filter((i) => i.spine).map((i) => `<itemref idref="${attr(i.id)}"${i.nonLinear ? ' linear="no"' : ''}/>`);
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="${attr(meta.lang)}" dir="ltr">\n` +
    '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n' +
    md.join('\n') +
    '\n</metadata>\n<manifest>\n' +
    manifest.join('\n') +
    '\n</manifest>\n' +
    `<spine toc="ncx" page-progression-direction="ltr">\n` +
    spine.join('\n') +
    '\n</spine>\n</package>\n'
  );
}

/** An entry of the table of contents. */
export interface TocEntry {
  label: string;
  href: string;
  children: TocEntry[];
}

function tocList(entries: readonly TocEntry[], lang: string): string {
  if (entries.length === 0) return '';
  const items = entries.map((e) => `<li><a href="${attr(e.href)}">${esc(e.label)}</a>${e.children.length ? `\n${tocList(e.children, lang)}` : ''}</li>`).join('\n');
  return `<ol>\n${items}\n</ol>\n`;
}

export interface Landmark {
  type: 'cover' | 'titlepage' | 'toc' | 'bodymatter';
  href: string;
  label: string;
}

export function navXhtml(opts: { meta: Metadata; style: LanguageStyle; toc: TocEntry[]; landmarks: Landmark[]; css: string[] }): string {
  const { style } = opts;
  const landmarks = opts.landmarks.map((l) => `<li><a epub:type="${l.type}" href="${attr(l.href)}">${esc(l.label)}</a></li>`).join('\n');
  const body =
    `<nav epub:type="toc" id="toc" role="doc-toc" aria-labelledby="toc-title">\n` +
    `<h1 id="toc-title">${esc(style.strings.contents)}</h1>\n` +
    tocList(opts.toc, opts.meta.lang) +
    '</nav>\n' +
    `<nav epub:type="landmarks" id="landmarks" hidden="hidden">\n<ol>\n${landmarks}\n</ol>\n</nav>\n`;
  return xhtmlDocument({ lang: opts.meta.lang, title: style.strings.contents, css: opts.css, body, bodyType: 'frontmatter' });
}

/** The NCX (EPUB 2 navigation), kept for older reading systems. */
export function tocNcx(opts: { meta: Metadata; identifier: string; toc: TocEntry[] }): string {
  let order = 0;
  const depthOf = (entries: readonly TocEntry[]): number => (entries.length === 0 ? 0 : 1 + Math.max(...entries.map((e) => depthOf(e.children))));
  const points = (entries: readonly TocEntry[]): string =>
    entries
      .map((e) => {
        order += 1;
        const id = `nav-${order}`;
        return (
          `<navPoint id="${id}" playOrder="${order}"><navLabel><text>${esc(e.label)}</text></navLabel><content src="${attr(e.href)}"/>` +
          (e.children.length ? `\n${points(e.children)}` : '') +
          '</navPoint>'
        );
      })
      .join('\n');
  const map = points(opts.toc);
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="${attr(opts.meta.lang)}">\n` +
    '<head>\n' +
    `<meta name="dtb:uid" content="${attr(opts.identifier)}"/>\n` +
    `<meta name="dtb:depth" content="${Math.max(1, depthOf(opts.toc))}"/>\n` +
    '<meta name="dtb:totalPageCount" content="0"/>\n' +
    '<meta name="dtb:maxPageNumber" content="0"/>\n' +
    '</head>\n' +
    `<docTitle><text>${esc(opts.meta.title)}</text></docTitle>\n` +
    `<navMap>\n${map}\n</navMap>\n` +
    '</ncx>\n'
  );
}
