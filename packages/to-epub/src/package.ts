/**
 * Packaging: the OCF container file and the package document (OPF) with
 * its metadata, manifest and spine (the zip itself is zip.ts).
 */
import type { Metadata } from '@brief/document-model';
import { fill, type LanguageStyle } from '@brief/templates';
import type { Element } from 'xast';
import { x } from 'xastscript';
import { lines, nl, xmlDocument } from './markup.js';

export const containerXml = xmlDocument(
  x('container', { version: '1.0', xmlns: 'urn:oasis:names:tc:opendocument:xmlns:container' }, [
    nl,
    x('rootfiles', [nl, x('rootfile', { 'full-path': 'EPUB/package.opf', 'media-type': 'application/oebps-package+xml' }), nl]),
    nl,
  ]),
);

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
  /** The print edition's pages are carried (page-break markers and a page list). */
  pageList: boolean;
}

/** The conformance claim of EPUB Accessibility 1.1 (backed by EPUBCheck, DAISY Ace and the writer's tests). */
export const conformsTo = 'EPUB Accessibility 1.1 - WCAG 2.1 Level AA';

/** `CCYY-MM-DDThh:mm:ssZ` from an ISO date (midnight UTC). */
export function modifiedStamp(isoDate: string): string {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(isoDate);
  return `${m?.[1] ?? '1970'}-${m?.[2] ?? '01'}-${m?.[3] ?? '01'}T00:00:00Z`;
}

function accessibilityMetadata(facts: A11yFacts, summary: string): Element[] {
  const meta = (property: string, value: string) => x('meta', { property }, value);
  const out: Element[] = [meta('schema:accessMode', 'textual')];
  if (facts.hasImages) out.push(meta('schema:accessMode', 'visual'));
  if (!facts.hasImages || facts.allImagesDescribed) out.push(meta('schema:accessModeSufficient', 'textual'));
  if (facts.hasImages) out.push(meta('schema:accessModeSufficient', 'textual,visual'));
  const features = ['structuralNavigation', 'tableOfContents', 'readingOrder', 'displayTransformability'];
  if (facts.hasImages && facts.allImagesDescribed) features.push('alternativeText');
  if (facts.pageList) features.push('pageBreakMarkers', 'pageNavigation');
  for (const f of features) out.push(meta('schema:accessibilityFeature', f));
  out.push(meta('schema:accessibilityHazard', 'none'));
  out.push(meta('schema:accessibilitySummary', summary));
  out.push(meta('dcterms:conformsTo', conformsTo));
  return out;
}

/** The print edition's name (`strings.printEdition`). */
function printEditionName(meta: Metadata, style: LanguageStyle): string {
  const issue = meta.series?.issue !== undefined ? fill(style.strings.issue, { n: meta.series.issue }) : '';
  return fill(style.strings.printEdition, { title: meta.title, series: meta.series?.title ?? '', issue });
}

export function packageOpf(opts: { meta: Metadata; style: LanguageStyle; identifier: string; items: readonly ManifestItem[]; a11y: A11yFacts }): string {
  const { meta, style, identifier, items } = opts;
  const md: Element[] = [x('dc:identifier', { id: 'pub-id' }, identifier), x('dc:title', { id: 'title' }, meta.title), x('meta', { refines: '#title', property: 'title-type' }, 'main')];
  if (meta.subtitle) {
    md.push(x('dc:title', { id: 'subtitle' }, meta.subtitle));
    md.push(x('meta', { refines: '#subtitle', property: 'title-type' }, 'subtitle'));
  }
  meta.authors.forEach((a, i) => {
    const id = `creator-${i + 1}`;
    md.push(x('dc:creator', { id }, a.name));
    md.push(x('meta', { refines: `#${id}`, property: 'role', scheme: 'marc:relators' }, 'aut'));
    md.push(x('meta', { refines: `#${id}`, property: 'display-seq' }, String(i + 1)));
  });
  md.push(x('dc:language', meta.lang));
  // The print edition the page list comes from, as `dc:source` marked as the source of the pagination
  // (`source-of: pagination`, which DAISY Ace reads). EPUB Accessibility 1.1's `pageBreakSource` is not
  // written: EPUBCheck 4.2.6 (the checker of the interop tests) rejects it with or without the `a11y:`
  // prefix (OPF-027, undefined property).
  const printEdition = opts.a11y.pageList ? printEditionName(meta, style) : undefined;
  if (printEdition) {
    // The report's URL names the printed original; a translation's pages are those of its own PDF edition.
    const original = meta.lang === meta.languages[0];
    md.push(x('dc:source', { id: 'print-source' }, (original ? meta.url : undefined) ?? printEdition));
    md.push(x('meta', { refines: '#print-source', property: 'source-of' }, 'pagination'));
  }
  if (meta.publisher) md.push(x('dc:publisher', meta.publisher));
  md.push(x('dc:date', meta.published));
  md.push(x('meta', { property: 'dcterms:modified' }, modifiedStamp(meta.published)));
  if (meta.series) {
    md.push(x('meta', { property: 'belongs-to-collection', id: 'series' }, meta.series.title));
    md.push(x('meta', { refines: '#series', property: 'collection-type' }, 'series'));
    const position = String(meta.series.issue ?? '').trim();
    if (/^\d+(\.\d+)*$/.test(position)) md.push(x('meta', { refines: '#series', property: 'group-position' }, position));
    if (meta.series.issn) md.push(x('meta', { refines: '#series', property: 'dcterms:identifier' }, `urn:issn:${meta.series.issn}`));
  }
  const summary = fill(style.strings.accessibilitySummary, { title: meta.title });
  md.push(...accessibilityMetadata(opts.a11y, summary));
  md.push(x('meta', { property: 'rendition:layout' }, 'reflowable'));
  const cover = items.find((i) => i.properties?.includes('cover-image'));
  if (cover) md.push(x('meta', { name: 'cover', content: cover.id }));

  const manifest = items.map((i) => x('item', { id: i.id, href: i.href, 'media-type': i.mediaType, properties: i.properties && i.properties.length > 0 ? i.properties.join(' ') : undefined }));
  const spine = items.filter((i) => i.spine).map((i) => x('itemref', { idref: i.id, linear: i.nonLinear ? 'no' : undefined }));
  return xmlDocument(
    x('package', { xmlns: 'http://www.idpf.org/2007/opf', version: '3.0', 'unique-identifier': 'pub-id', 'xml:lang': meta.lang, dir: 'ltr' }, [
      nl,
      x('metadata', { 'xmlns:dc': 'http://purl.org/dc/elements/1.1/' }, [nl, ...lines(md), nl]),
      nl,
      x('manifest', [nl, ...lines(manifest), nl]),
      nl,
      x('spine', { toc: 'ncx', 'page-progression-direction': 'ltr' }, [nl, ...lines(spine), nl]),
      nl,
    ]),
  );
}
