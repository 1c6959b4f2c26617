/**
 * The cover image: the printed title block (series and issue on an accent
 * band, title, subtitle, rule, author and affiliation, publisher and date)
 * drawn as SVG and rendered to PNG with resvg and the template's Noto faces,
 * so it looks the same in every reading system and store listing.
 */
import { svgToPng } from '@brief/svg-raster';
import type { Metadata } from '@brief/document-model';
import { balancedLines, fontFiles, textWidth } from '@brief/fonts';
import { fill, formatDate, type FontRole, type LanguageStyle, type Template } from '@brief/templates';
import { toXml } from '@brief/svg';
import type { DocumentModel } from '@brief/document-model';
import type { Element, Root } from 'xast';
import { x } from 'xastscript';
import { xhtmlTree } from './markup.js';
import { cssHref } from './style.js';

/** The cover image in the package. */
export const coverHref = 'images/cover.png';

type Weight = 'normal' | 'bold';

/** Families of a role in fallback order (main face first). */
function families(role: FontRole): string[] {
  return [...new Set([role.family, role.latin, role.cjk])];
}

function filesOf(role: FontRole, weight: Weight): string[] {
  return families(role).map((f) => fontFiles(f)[weight]);
}

/** Width of a text in px, each character measured in the first face that has it. */
const measure = textWidth;

// ---------------------------------------------------------------------------

export interface Cover {
  svg: string;
  png: Uint8Array;
  /** What the cover says, as text (its alternative text). */
  alt: string;
}

/** WCAG relative luminance of a `#rrggbb` colour. */
export function luminance(color: string): number {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color.trim());
  if (!m) return 0;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => {
    const c = parseInt(h!, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG contrast ratio of two colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/**
 * The cover's colours, all from the template: the band and rules in the
 * accent colour, or in the text colour when the accent does not stand out
 * from the background (a template whose cover is in its accent colour);
 * the band's text in whichever of the background and text colours reads
 * better on the band.
 */
export function coverColors(colors: Template['colors']): { band: string; bandText: string; rule: string } {
  const accentShows = contrast(colors.accent, colors.coverBackground) >= 1.5;
  const band = accentShows ? colors.accent : colors.coverText;
  const bandText = contrast(colors.coverBackground, band) >= contrast(colors.coverText, band) ? colors.coverBackground : colors.coverText;
  return { band, bandText, rule: band };
}

function stack(role: FontRole): string {
  return [...families(role).map((f) => `'${f}'`), role.generic].join(', ');
}

/** The cover as SVG (text set in the template's faces). */
export function coverSvg(meta: Metadata, template: Template, style: LanguageStyle): { svg: string; alt: string; fonts: string[] } {
  const c = { ...template.cover, heightPx: Math.round(template.cover.widthPx * template.cover.aspect) };
  const colors = template.colors;
  const paint = coverColors(colors);
  const { heading, body } = style.fonts;
  const headingWeight: Weight = style.typography.headingBold === false ? 'normal' : 'bold';
  const textWidth = c.widthPx - 2 * c.marginPx;
  const parts: Element[] = [];
  const alt: string[] = [];
  const usedFiles = new Set<string>();

  const textEl = (s: string, left: number, y: number, size: number, role: FontRole, weight: Weight, color: string, anchor: 'start' | 'end' = 'start') => {
    for (const f of filesOf(role, weight)) usedFiles.add(f);
    parts.push(x('text', { x: left, y: Math.round(y), 'font-family': stack(role), 'font-size': size, 'font-weight': weight, fill: color, 'text-anchor': anchor }, s));
  };
  const block = (s: string, y: number, size: number, role: FontRole, weight: Weight, color: string, anchor: 'start' | 'end' = 'start'): number => {
    const files = filesOf(role, weight);
    const lines = balancedLines(s, (t) => measure(t, files, size), textWidth);
    const step = size * c.lineHeight;
    lines.forEach((line, i) => textEl(line, anchor === 'start' ? c.marginPx : c.widthPx - c.marginPx, y + size + i * step, size, role, weight, color, anchor));
    return y + lines.length * step;
  };

  parts.push(x('rect', { x: 0, y: 0, width: c.widthPx, height: c.heightPx, fill: colors.coverBackground }));
  // The accent band: series title and issue (none without a series line to print in it).
  const series = meta.series;
  if (series && template.titleBlock.showSeries) {
    parts.push(x('rect', { x: 0, y: 0, width: c.widthPx, height: c.bandPx, fill: paint.band }));
    const baseline = c.bandPx / 2 + c.seriesPx * 0.35;
    textEl(series.title, c.marginPx, baseline, c.seriesPx, heading, headingWeight, paint.bandText);
    alt.push(series.title);
    if (series.issue !== undefined) {
      const issue = fill(style.strings.issue, { n: series.issue });
      textEl(issue, c.widthPx - c.marginPx, baseline, c.seriesPx, heading, headingWeight, paint.bandText, 'end');
      alt.push(issue);
    }
  }

  // The foot (publisher and date) is measured first: the title block stays above it.
  const footBaseline = c.heightPx - c.marginPx;
  const date = formatDate(style.strings, meta.published);
  const footFiles = filesOf(body, 'normal');
  const footStep = c.footerPx * c.lineHeight;
  const room = textWidth - measure(date, footFiles, c.footerPx) - c.footerPx * 2;
  const publisherLines = meta.publisher ? balancedLines(meta.publisher, (t) => measure(t, footFiles, c.footerPx), room) : [];
  // The rule sits above the first line of the foot, however many lines the publisher takes.
  const footTop = footBaseline - Math.max(0, publisherLines.length - 1) * footStep;

  // Title, subtitle, rule, authors: from `titleTop` down, or higher where they would reach the foot's rule
  // (many authors, a long title), never into the band. Set once without drawing to know their height.
  const footRule = footTop - c.footerPx * 1.6 - c.rulePx / 2;
  const titleBlock = (start: number, draw: boolean): number => {
    const put = (s: string, y: number, size: number, role: FontRole, weight: Weight, color: string, anchor: 'start' | 'end' = 'start', said = s): number => {
      if (draw) {
        alt.push(said);
        return block(s, y, size, role, weight, color, anchor);
      }
      return y + balancedLines(s, (t) => measure(t, filesOf(role, weight), size), textWidth).length * size * c.lineHeight;
    };
    let y = put(meta.title, start, c.titlePx, heading, headingWeight, colors.coverText);
    if (meta.subtitle) y = put(fill(style.strings.subtitleLine, { subtitle: meta.subtitle }), y + c.subtitlePx * 0.4, c.subtitlePx, heading, 'normal', colors.coverText, 'start', meta.subtitle);
    y += c.titlePx * 0.6;
    if (draw) parts.push(x('rect', { x: c.marginPx, y: Math.round(y), width: textWidth, height: c.rulePx, fill: paint.rule }));
    y += c.rulePx + c.authorPx * 0.8;
    for (const author of meta.authors) {
      y = put(author.name, y, c.authorPx, body, 'normal', colors.coverText, 'end');
      if (author.affiliation) y = put(fill(style.strings.affiliation, { affiliation: author.affiliation }), y, c.affiliationPx, body, 'normal', colors.coverText, 'end');
      y += c.authorPx * 0.4;
    }
    return y;
  };
  titleBlock(Math.max(c.bandPx + c.marginPx, Math.min(c.heightPx * c.titleTop, footRule - c.authorPx - titleBlock(0, false))), true);

  // Foot: publisher and date above a thin accent rule.
  parts.push(x('rect', { x: c.marginPx, y: Math.round(footRule), width: textWidth, height: Math.max(1, Math.round(c.rulePx / 3)), fill: paint.rule }));
  textEl(date, c.widthPx - c.marginPx, footBaseline, c.footerPx, body, 'normal', colors.coverText, 'end');
  if (meta.publisher) {
    publisherLines.forEach((line, i) => textEl(line, c.marginPx, footBaseline - (publisherLines.length - 1 - i) * footStep, c.footerPx, body, 'normal', colors.coverText));
    alt.push(meta.publisher);
  }
  alt.push(date);

  const svg = toXml([
    x('svg', { xmlns: 'http://www.w3.org/2000/svg', width: c.widthPx, height: c.heightPx, viewBox: `0 0 ${c.widthPx} ${c.heightPx}` }, [
      '\n',
      ...parts.flatMap((p, i) => (i === 0 ? [p] : ['\n', p])),
      '\n',
    ]),
    { type: 'text', value: '\n' },
  ]);
  return { svg, alt: alt.join(' / '), fonts: [...usedFiles].sort() };
}

/** Covers already drawn in this process, by their SVG and fonts. */
const coverCache = new Map<string, Uint8Array>();

/** The cover as PNG. */
export async function renderCover(meta: Metadata, template: Template, style: LanguageStyle): Promise<Cover> {
  const { svg, alt, fonts } = coverSvg(meta, template, style);
  const key = `${style.lang}\u0000${fonts.join('|')}\u0000${svg}`;
  const cached = coverCache.get(key);
  if (cached) return { svg, png: cached, alt };
  const png = await svgToPng(svg, {
    fonts: { files: fonts, defaultFamily: style.fonts.body.family, serifFamily: style.fonts.body.family, sansSerifFamily: style.fonts.heading.family },
    languages: [style.lang],
  });
  if (coverCache.size > 16) coverCache.clear();
  coverCache.set(key, png);
  return { svg, png, alt };
}

/** The cover document: the cover image, role doc-cover. */
export function coverPage(doc: DocumentModel, style: LanguageStyle, alt: string): Root {
  const body = [
    x('section', { 'epub:type': 'cover', class: 'cover', 'aria-label': style.strings.cover }, ['\n', x('div', { class: 'cover-image' }, x('img', { role: 'doc-cover', src: coverHref, alt })), '\n']),
    { type: 'text' as const, value: '\n' },
  ];
  return xhtmlTree({ lang: doc.meta.lang, title: style.strings.cover, css: [cssHref], body, bodyType: 'cover', bodyClass: 'cover' });
}
