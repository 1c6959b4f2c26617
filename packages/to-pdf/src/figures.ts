/**
 * Figures and tables with their caption (label + caption, per the template)
 * and source line. An image is scaled to the column; a figure that does not
 * fit the rest of a page floats to the top of the next one.
 */
import { readFileSync } from 'node:fs';
import { blockText, inlineText, ownInlines, type FigureBlock, type Image } from '@brief/document-model';
import { isKnownFamily } from '@brief/fonts';
import { svgFontFamilies, svgSize, svgText } from '@brief/svg';
import { figureLinesBelow, fillInlines, svgFaces, svgGenericFaces, svgWithFaces, svgWithFontFallbacks } from '@brief/templates';
import { contextFor, toGrid, type Flow, type FlowBox } from './boxes.js';
import { balancedLines, composeInlines, drawLine } from './compose.js';
import type { ContentNode } from './pdfmake-adapter.js';
import { layoutTable, type ContinuedLine } from './tables.js';
import { keyed, tagNodes } from './tags.js';

/**
 * The figure's alternative text: the figure's own, else the image's, else
 * its caption; then its long description (`:::description`), which the page
 * does not print, as the Word file puts it after the short text.
 */
export function figureAlt(fig: FigureBlock): string {
  const own = fig.alt?.trim();
  const image = fig.body.kind === 'image' ? fig.body.image.alt.trim() : '';
  const short = own || image || `${fig.label} ${inlineText(fig.caption)}`.trim();
  const description = fig.description ? blockText(fig.description).trim() : '';
  return description ? `${short}\n\n${description}` : short;
}

/** CSS px to pt. */
const PX = 0.75;

/** Families an SVG asks for that the fonts package can set (to register with pdfmake). */
export function svgFamilies(svg: string): string[] {
  return svgFontFamilies(svg).filter((n) => isKnownFamily(n));
}

function imageNode(image: Image, x: number, y: number, width: number, height: number, flow: Flow, registered: ReadonlySet<string>): ContentNode {
  if (image.mediaType === 'image/svg+xml') {
    const source = readFileSync(image.path, 'utf8');
    const { sans, serif } = svgGenericFaces(flow.style.lang.fonts, svgText(source));
    const named = svgWithFaces(source, sans, serif, registered);
    const faces = svgFaces(named, sans, serif);
    const { svg } = svgWithFontFallbacks(named, faces, flow.style.lang.fonts);
    return { svg, width, height, font: serif, absolutePosition: { x, y } };
  }
  const data = readFileSync(image.path).toString('base64');
  return { image: `data:${image.mediaType};base64,${data}`, width, height, absolutePosition: { x, y } };
}

function intrinsicSize(image: Image): { width: number; height: number } {
  if (image.width && image.height) return { width: image.width * PX, height: image.height * PX };
  if (image.mediaType === 'image/svg+xml') {
    const size = svgSize(readFileSync(image.path, 'utf8'));
    if (size.width && size.height) return { width: size.width * PX, height: size.height * PX };
  }
  return { width: 400, height: 300 };
}

/**
 * Boxes of a figure: one float box when it fits a page, else (a long table)
 * caption, header, rows and source as boxes kept together where they can.
 */
export function figureBoxes(flow: Flow, fig: FigureBlock, registered: ReadonlySet<string>, floatId: number, blockIndex?: number): FlowBox[] {
  const boxes = figureBoxesOf(flow, fig, registered, floatId, blockIndex);
  // A figure placed before the paragraph that first mentions it waits for that paragraph's page.
  if (!flow.mentionedLater?.has(fig.id) || !boxes.every((b) => b.float === floatId)) return boxes.map((b) => ({ ...b, blockStart: b === boxes[0] }));
  flow.heldFloats?.set(fig.id, floatId);
  return boxes.map((b) => ({ ...b, held: true, blockStart: b === boxes[0] }));
}

/**
 * The line above a long table's header row where the table goes on at the top of a page
 * (`strings.figureContinued`: Figure 3 (continued), 図表3（続き）), as a typesetter sets it:
 * in the caption's style, centred as the caption, the figure gap below it.
 */
function continuedLine(flow: Flow, fig: FigureBlock, gap: number): ContinuedLine {
  const style = flow.style;
  const inlines = fillInlines(style.lang.strings.figureContinued, { label: fig.label });
  const lines = composeInlines(inlines, contextFor(flow, style.caption, style.measure), {
    width: style.measure,
    firstIndent: 0,
    restIndent: 0,
    justify: false,
    align: 'center',
    avoidShortLast: false,
  });
  return {
    height: lines.length * style.caption.pitch + gap,
    draw: (x, top) => lines.flatMap((l, k) => drawLine(l, style, style.caption, x, top + k * style.caption.pitch)),
  };
}

function figureBoxesOf(flow: Flow, fig: FigureBlock, registered: ReadonlySet<string>, floatId: number, blockIndex?: number): FlowBox[] {
  const at = blockIndex !== undefined ? { at: { block: blockIndex, offset: 0 } } : {};
  const style = flow.style;
  const strings = style.lang.strings;
  const spacing = style.template.spacing;
  const width = style.measure;
  const P = style.body.pitch;
  // A caption of more than one line is balanced, as the title is (no word alone on its last line).
  const captionInlines = fillInlines(strings.figureCaption, { label: fig.label, caption: fig.caption });
  const caption = balancedLines(
    (measure) => composeInlines(captionInlines, contextFor(flow, style.caption, measure), { width: measure, firstIndent: 0, restIndent: 0, justify: false, align: 'center', avoidShortLast: true }),
    width,
  );
  // Under the figure: its notes ((注) …, Note: …), then its source line, each a paragraph in the source line's size.
  const below = figureLinesBelow(fig, strings).map((inlines) =>
    composeInlines(inlines, contextFor(flow, style.source, width), {
      width,
      firstIndent: 0,
      restIndent: 0,
      justify: true,
      align: 'left',
      avoidShortLast: true,
    }),
  );
  const source = below.flat();
  const proportions = style.template.proportions;
  const gap = style.caption.size * proportions.figureGapEm;
  const captionH = caption.length * style.caption.pitch;
  const sourceH = source.length * style.source.pitch;
  const notes = [...caption.flatMap((l) => l.notes), ...source.flatMap((l) => l.notes)];
  // Structure: a Div holding the Caption, the Figure (or Table), its notes and the source line, then the notes they mark.
  const tree = flow.tree;
  tree.open('Div');
  const captionKey = tree.leaf('Caption');
  const drawCaption = keyed(captionKey, (x: number, top: number) => caption.flatMap((l, k) => drawLine(l, style, style.caption, x, top + k * style.caption.pitch, k === 0 ? { id: fig.id } : {})));
  let belowKeys: string[] = [];
  const drawSource = (x: number, top: number) => {
    let k = 0;
    return below.flatMap((lines, p) =>
      tagNodes(
        lines.flatMap((l) => drawLine(l, style, style.source, x, top + k++ * style.source.pitch)),
        { key: belowKeys[p]! },
      ),
    );
  };
  const finish = () => {
    belowKeys = below.map(() => tree.leaf('P'));
    tree.close();
    tree.placeNotes(ownInlines(fig).flat(), flow.links.dest);
  };

  if (fig.body.kind === 'image') {
    const image = fig.body.image;
    const figureKey = tree.leaf('Figure', { alt: figureAlt(fig), bbox: true });
    finish();
    const natural = intrinsicSize(image);
    const maxHeight = style.bodyHeight * proportions.figureMaxHeight.pdf - captionH - sourceH;
    const scale = Math.min(1, width / natural.width, maxHeight / natural.height);
    const w = natural.width * scale;
    const h = natural.height * scale;
    const content = spacing.figureBefore + captionH + gap + h + gap + sourceH + spacing.figureAfter;
    const total = toGrid(content, P);
    const extra = (total - content) / 2;
    const box: FlowBox = {
      height: total,
      notes: [...new Set(notes)],
      keepWithNext: false,
      float: floatId,
      payload: {
        ...at,
        draw: (x, top) => {
          let y = top + extra + spacing.figureBefore;
          const nodes: ContentNode[] = drawCaption(x, y);
          y += captionH + gap;
          nodes.push(...tagNodes([imageNode(image, x + (width - w) / 2, y, w, h, flow, registered)], { key: figureKey }));
          y += h + gap;
          nodes.push(...drawSource(x, y));
          return nodes;
        },
      },
    };
    return [box];
  }

  // A table's long description, which the page does not print, is its /Summary.
  const summary = fig.description
    ? blockText(fig.description)
        .replace(/\s*\n\s*/g, ' ')
        .trim()
    : undefined;
  const table = layoutTable(flow, fig.body.table, 0, width, false, blockIndex, continuedLine(flow, fig, gap), summary || undefined);
  finish();
  const content = spacing.figureBefore + captionH + gap + table.height + gap + sourceH + spacing.figureAfter;
  const total = toGrid(content, P);
  if (total <= style.bodyHeight * proportions.tableFigureMaxHeight) {
    const extra = (total - content) / 2;
    const rows = [table.header, ...table.rows];
    return [
      {
        height: total,
        notes: [...new Set([...caption.flatMap((l) => l.notes), ...rows.flatMap((r) => r.notes), ...source.flatMap((l) => l.notes)])],
        keepWithNext: false,
        float: floatId,
        payload: {
          ...at,
          draw: (x, top) => {
            let y = top + extra + spacing.figureBefore;
            const nodes: ContentNode[] = drawCaption(x, y);
            y += captionH + gap;
            rows.forEach((row, k) => {
              nodes.push(...row.payload.draw(x, y, { first: k === 0, last: k === rows.length - 1 }));
              y += row.height;
            });
            y += gap;
            nodes.push(...drawSource(x, y));
            return nodes;
          },
        },
      },
    ];
  }
  // A table longer than a page: it flows, breaking between rows.
  const head: FlowBox = {
    height: spacing.figureBefore + captionH + gap,
    notes: caption.flatMap((l) => l.notes),
    keepWithNext: true,
    topTrim: spacing.figureBefore,
    payload: { ...at, draw: (x: number, top: number) => drawCaption(x, top + spacing.figureBefore) },
  };
  const tail: FlowBox = {
    height: toGrid(gap + sourceH + spacing.figureAfter, P),
    notes: source.flatMap((l) => l.notes),
    keepWithNext: false,
    payload: { draw: (x, top) => drawSource(x, top + gap) },
  };
  const rows = table.rows.map((r, k) => (k === table.rows.length - 1 ? { ...r, keepWithNext: true } : r));
  if (rows.length > 0) rows[0] = { ...rows[0]!, keepWithNext: true };
  return [head, table.header, ...rows, tail];
}
