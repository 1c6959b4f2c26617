/**
 * Figures: the XHTML of a figure (caption line, image or table, source
 * line) and the figure images as package items. SVG files are carried as
 * they are unless they hold anything off `@brief/svg`'s allowlist (scripts,
 * event handlers, foreign objects, declarations) or references to other
 * files; those are drawn as PNG instead (the package has no scripts and no
 * remote or missing resources).
 */
import { readFileSync } from 'node:fs';
import { assertNever, blockText, type Block, type FigureBlock } from '@brief/document-model';
import { fontFiles, knownFamilies } from '@brief/fonts';
import { parseSvg, svgProblem, withoutDoctype, type Svg, type SvgProblemKind } from '@brief/svg';
import { svgToPng } from '@brief/svg-raster';
import type { LanguageStyle } from '@brief/templates';
import { x } from 'xastscript';
import { inlineNodes, textNodes, type Ctx } from './inlines.js';
import type { PlannedImage } from './plan.js';
import { tableNodes } from './tables.js';
import { fillXhtml, line, text, type Fragment } from './markup.js';
import { pageMarker, withPageMarks } from './pages.js';
import { svgWithOwnFaces } from './svg-fonts.js';

/** The caption line: label and caption per the template's pattern (page-break markers inside the caption's text). */
function figureCaption(figure: FigureBlock, ctx: Ctx): Fragment {
  const marks = (ctx.pages?.get(figure) ?? []).filter((m) => m.offset > 0);
  return fillXhtml(ctx.style.strings.figureCaption, {
    label: [x('span', { class: 'figure-label' }, textNodes(figure.label, ctx))],
    caption: withPageMarks(inlineNodes(figure.caption, ctx), marks),
  });
}

/** Id of a figure's caption line, which names its table. */
export const captionId = (figure: FigureBlock): string => `${figure.id}-caption`;

/** Id of a figure's long description. */
export const descriptionId = (figure: FigureBlock): string => `${figure.id}-description`;

/** Id of the plain text of a figure's long description, which the image or table names as its description. */
export const descriptionTextId = (figure: FigureBlock): string => `${figure.id}-description-text`;

/**
 * A figure's long description (`:::description`): a disclosure widget after
 * the image or table, closed by default, that the image or table points to
 * with `aria-details`. Its description (`aria-describedby`) is the same text
 * in a hidden element: browsers give a closed disclosure's summary alone
 * ("Description") as the description of what points to it, or nothing.
 */
function descriptionNodes(figure: FigureBlock, ctx: Ctx, blocks: (b: readonly Block[]) => Fragment): Fragment {
  if (!figure.description || figure.description.length === 0) return [];
  return [
    ...line(
      x('details', { class: 'figure-description', id: descriptionId(figure) }, [text('\n'), ...line(x('summary', textNodes(ctx.style.strings.figureDescription, ctx))), ...blocks(figure.description)]),
    ),
    ...line(
      x(
        'div',
        { hidden: 'hidden', id: descriptionTextId(figure) },
        blockText(figure.description)
          .replace(/\s*\n\s*/g, ' ')
          .trim(),
      ),
    ),
  ];
}

/**
 * A figure: its caption line, the image or table, its source line (which
 * belongs with what it names) and its long description. Page-break markers of a page that begins with the figure
 * go before it; those of a page that begins inside its caption, in the caption.
 */
export function figureNodes(figure: FigureBlock, ctx: Ctx, blocks: (b: readonly Block[]) => Fragment): Fragment {
  const caption = figureCaption(figure, ctx);
  const before = (ctx.pages?.get(figure) ?? []).filter((m) => m.offset === 0 && !m.row).map(pageMarker);
  const inRows = (ctx.pages?.get(figure) ?? []).filter((m) => m.row);
  const remarks = (figure.remarks ?? []).flatMap((remark) => line(x('p', { class: 'figure-note' }, inlineNodes(remark, ctx))));
  const sourceLine = [...remarks, ...(figure.sourceNote ? line(x('p', { class: 'figure-source' }, fillXhtml(ctx.style.strings.figureSource, { text: inlineNodes(figure.sourceNote, ctx) }))) : [])];
  const description = descriptionNodes(figure, ctx, blocks);
  const described = description.length > 0 ? { describedBy: descriptionTextId(figure), details: descriptionId(figure) } : undefined;
  const body = figure.body;
  switch (body.kind) {
    case 'image': {
      const src = ctx.links.imageHref.get(figure.id) ?? body.image.src;
      const { width, height } = body.image;
      // Whole pixels, as the attributes must be (a size the reader would refuse, 1e30, is left to the style sheet).
      const whole = (n: number | undefined) => (n !== undefined && Number.isSafeInteger(Math.round(n)) && Math.round(n) > 0 ? Math.round(n) : undefined);
      const [w, h] = [whole(width), whole(height)];
      const size = w && h ? { width: w, height: h } : {};
      return [
        ...before,
        ...line(
          x('figure', { id: figure.id, class: 'figure figure-image' }, [
            text('\n'),
            ...line(x('figcaption', caption)),
            ...line(x('div', { class: 'figure-body' }, x('img', { src, alt: figure.alt ?? '', 'aria-describedby': described?.describedBy, 'aria-details': described?.details, ...size }))),
            ...sourceLine,
            ...description,
          ]),
        ),
      ];
    }
    case 'table':
      return [
        ...before,
        ...line(
          x('figure', { id: figure.id, class: 'figure figure-table' }, [
            text('\n'),
            ...line(x('figcaption', { id: captionId(figure) }, caption)),
            ...line(x('div', { class: 'table-wrap' }, [text('\n'), ...tableNodes(body.table, ctx, captionId(figure), described, inRows)])),
            ...sourceLine,
            ...description,
          ]),
        ),
      ];
    default:
      return assertNever(body, 'figure body');
  }
}

// ---------------------------------------------------------------------------
// Images

export interface ImageItem {
  id: string;
  href: string;
  mediaType: 'image/svg+xml' | 'image/png' | 'image/jpeg';
  bytes: Uint8Array;
}

/** Why an SVG cannot be carried as it is (`@brief/svg`'s allowlist, no data images either), or undefined. */
export function unsafeSvg(svg: string | Svg): SvgProblemKind | undefined {
  return svgProblem(svg)?.kind;
}

/** An SVG that cannot be carried drawn as PNG at twice its size, in any of the known families. */
function rasterize(svg: string, style: LanguageStyle): Promise<Uint8Array> {
  const files = knownFamilies().flatMap((f) => [fontFiles(f).normal, fontFiles(f).bold]);
  return svgToPng(svg, {
    fonts: { files: [...new Set(files)], defaultFamily: style.fonts.body.family, serifFamily: style.fonts.body.family, sansSerifFamily: style.fonts.heading.family },
    scale: 2,
    languages: [style.lang],
  });
}

export async function imageItem(planned: PlannedImage, style: LanguageStyle): Promise<ImageItem> {
  const bytes = new Uint8Array(readFileSync(planned.image.path));
  if (planned.image.mediaType !== 'image/svg+xml') {
    return { id: planned.id, href: planned.href, mediaType: planned.image.mediaType, bytes };
  }
  const svg = new TextDecoder('utf-8').decode(bytes);
  const parsed = parseSvg(svg);
  if (parsed && unsafeSvg(parsed) === undefined) {
    // Without its document type declaration (the DTD would be a remote resource), and with the faces of its text.
    return { id: planned.id, href: planned.href, mediaType: 'image/svg+xml', bytes: new TextEncoder().encode(await svgWithOwnFaces(withoutDoctype(parsed), style)) };
  }
  return {
    id: planned.id,
    href: planned.href.replace(/\.svg$/, '.png'),
    mediaType: 'image/png',
    bytes: await rasterize(svg, style),
  };
}
