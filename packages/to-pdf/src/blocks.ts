/**
 * Blocks of the model as boxes of the body column: paragraphs (a box per
 * line), headings (one box on the line grid, kept with what follows),
 * figures and tables, lists, quotations, code and rules.
 */
import { assertNever, inlineText, type Block, type HeadingBlock, type Inline } from '@brief/document-model';
import { listMarker } from '@brief/templates';
import type { SourcePlace } from './boxes.js';
import { atomize, gapsOf, type Atom, type TextContext } from './inlines.js';
import { contextFor, lineBoxes, lineOffsets, spaceBox, toGrid, type DrawPlace, type Flow, type FlowBox } from './boxes.js';
import { codeLine, composeAtoms, composeInlines, drawLine, plain } from './compose.js';
import { figureBoxes } from './figures.js';
import type { CanvasLine } from './pdfmake-adapter.js';
import type { TextStyle } from './style.js';
import { layoutTable } from './tables.js';
import { artifactNodes, keyed, tagNodes } from './tags.js';

/** A column inside the text column: offset from its left edge and width. */
export interface Column {
  dx: number;
  width: number;
}

export interface BlockOptions {
  /** Indent the first paragraph (false at the start of a note or list item). */
  indentFirst: boolean;
  /** How lines of paragraphs keep together across pages. */
  keepLines: 'ends' | 'none';
  /** Families registered with pdfmake (for SVG fonts). */
  registered: ReadonlySet<string>;
  /** Next float group id (figures). */
  nextFloat: () => number;
  /** Blocks inside a list item or a quotation: their boundaries take no space when a page is justified. */
  nested?: boolean;
  /** Lists around these blocks (0 outside any list): a list's markers by its depth. */
  listDepth?: number;
}

function headingStyle(flow: Flow, level: 1 | 2 | 3): { text: TextStyle; before: number; after: number } {
  const s = flow.style;
  const sp = s.template.spacing;
  if (level === 1) return { text: s.chapter, before: sp.chapterBefore, after: sp.chapterAfter };
  if (level === 2) return { text: s.section, before: sp.sectionBefore, after: sp.sectionAfter };
  return { text: s.subsection, before: sp.subsectionBefore, after: sp.subsectionAfter };
}

/** The printed heading: its label (number and separator, from the model), then its text. */
export function headingInlines(heading: HeadingBlock): { inlines: Inline[]; prefix: string } {
  const prefix = heading.label;
  return { inlines: prefix ? [{ kind: 'text', value: prefix }, ...heading.children] : heading.children, prefix };
}

/**
 * The indent of a heading's lines after its first: the width of its number
 * (`prefix`, the first atoms of `atoms`) and the space after it, so that the
 * text hangs under the text; none for a number wider than a third of the
 * measure.
 */
export function hangAfter(prefix: string, atoms: readonly Atom[], ctx: TextContext, width: number): number {
  if (!prefix) return 0;
  const count = atomize(plain(prefix), ctx).length;
  const gaps = gapsOf(atoms, ctx);
  let hang = 0;
  for (let k = 0; k < count && k < atoms.length; k++) hang += atoms[k]!.width + (gaps[k]?.natural ?? 0);
  return hang > width / 3 ? 0 : hang;
}

/**
 * A heading: its lines centred in a whole number of body lines (so the text
 * after it stays on the grid), with a hanging indent after the number.
 */
export function headingBox(flow: Flow, heading: HeadingBlock, col: Column): FlowBox {
  const { text, before, after } = headingStyle(flow, heading.level);
  const { inlines, prefix } = headingInlines(heading);
  const ctx = contextFor(flow, text, col.width);
  const atoms = atomize(inlines, ctx);
  const hang = hangAfter(prefix, atoms, ctx, col.width);
  const lines = composeAtoms(atoms, ctx, { width: col.width, firstIndent: 0, restIndent: hang, justify: false, align: 'left', avoidShortLast: true });
  const P = flow.style.body.pitch;
  const content = before + lines.length * text.pitch + after;
  const total = toGrid(content, P);
  const extra = total - content;
  const above = before + (before + after > 0 ? (extra * before) / (before + after) : extra / 2);
  const title = (prefix + inlineText(heading.children)).trim();
  const key = flow.tree.leaf(`H${heading.level}`);
  const index = flow.blockIndex.get(heading);
  flow.tree.placeNotes(heading.children, flow.links.dest);
  return {
    height: total,
    notes: lines.flatMap((l) => l.notes),
    keepWithNext: true,
    heading: true,
    topTrim: Math.floor(above / P + 1e-6) * P,
    payload: {
      draw: keyed(key, (x: number, top: number) => lines.flatMap((l, k) => drawLine(l, flow.style, text, x + col.dx, top + above + k * text.pitch, k === 0 ? { id: heading.id } : {}))),
      outline: { id: heading.id, title, level: heading.level },
      ...(index !== undefined ? { at: { block: index, offset: 0 } } : {}),
    },
  };
}

function ruleBox(flow: Flow, col: Column): FlowBox {
  const P = flow.style.body.pitch;
  return {
    height: P,
    notes: [],
    keepWithNext: false,
    payload: {
      draw: (x, top) => {
        const w = col.width * flow.style.template.proportions.thematicBreakWidth;
        const x1 = x + col.dx + (col.width - w) / 2;
        const line: CanvasLine = { type: 'line', x1, y1: top + P / 2, x2: x1 + w, y2: top + P / 2, lineWidth: flow.style.ruleWidth, lineColor: flow.style.template.colors.rule };
        return artifactNodes([{ canvas: [line], absolutePosition: { x: 0, y: 0 } }], 'Layout');
      },
    },
  };
}

/** Boxes of a list of blocks in a column, set in `text` (body or notes). */
export function blockBoxes(flow: Flow, blocks: readonly Block[], col: Column, text: TextStyle, options: BlockOptions): FlowBox[] {
  const style = flow.style;
  const typo = style.lang.typography;
  const out: FlowBox[] = [];
  let afterHeading = !options.indentFirst;
  let first = true;
  for (const [position, block] of blocks.entries()) {
    const from = out.length;
    switch (block.kind) {
      case 'heading':
        out.push({ ...headingBox(flow, block, col), blockStart: true });
        afterHeading = typo.indentAfterHeading === false;
        first = true;
        continue;
      case 'paragraph': {
        // (The space before an attribution is kept with it, so the two stay on one page with the words above.)
        if (!first && typo.paragraphSpacing > 0) out.push({ ...spaceBox(typo.paragraphSpacing * (text.size / style.body.size), true), keepWithNext: block.attribution === true });
        // A quotation's attribution (— Name) is set flush right, not hyphenated.
        const indent = afterHeading || block.attribution || block.continues ? 0 : style.indentEm * text.size;
        const ctx = contextFor(flow, text, col.width);
        const lines = composeInlines(block.children, block.attribution ? { ...ctx, hyphenate: undefined } : ctx, {
          width: col.width,
          firstIndent: indent,
          restIndent: 0,
          justify: typo.justify && !block.attribution,
          align: block.attribution ? 'right' : 'left',
          avoidShortLast: true,
        });
        const key = flow.tree.leaf('P');
        flow.tree.placeNotes(block.children, flow.links.dest);
        const boxes = lineBoxes(flow, lines, text, col.dx, { keepLines: options.keepLines, key, at: placesOf(flow, block, lines, inlineText(block.children)) });
        const releases = releasedBy(flow, block);
        const last = boxes[boxes.length - 1];
        if (last && releases.length > 0) boxes[boxes.length - 1] = { ...last, releases };
        // A paragraph that ends in a colon leads into the list, quotation, code or table after it: its last
        // line stays on their page.
        const next = blocks[position + 1];
        const leadsIn = /[:：]\s*$/.test(inlineText(block.children)) && next !== undefined && ['list', 'blockquote', 'codeBlock', 'table'].includes(next.kind);
        // A quotation's attribution stands on the page of the words it names: never alone at a page's top.
        const attributed = next?.kind === 'paragraph' && next.attribution === true;
        const end = boxes[boxes.length - 1];
        if (end && (leadsIn || attributed)) boxes[boxes.length - 1] = { ...end, keepWithNext: true };
        out.push(...boxes);
        break;
      }
      case 'blockquote': {
        const inset = style.template.proportions.indents.quote * Math.max(1, style.indentEm) * text.size;
        // Set off from the text by at least the space the EPUB gives it (spacing.figureBefore, in
        // proportion in a note), as much above as below, so the text after it is back on the line
        // grid; its first line is not indented.
        const gap = (style.template.spacing.figureBefore * text.size) / style.body.size;
        flow.tree.open('BlockQuote');
        const quoted = blockBoxes(flow, block.children, { dx: col.dx + inset, width: col.width - inset }, text, { ...options, indentFirst: false, nested: true });
        const height = quoted.reduce((h, b) => h + b.height, 0);
        const around = (toGrid(height + 2 * gap, text.pitch) - height) / 2;
        out.push({ ...spaceBox(around, true), keepWithNext: true }, ...quoted, spaceBox(around, true));
        flow.tree.close();
        break;
      }
      case 'list':
        out.push(...listBoxes(flow, block, col, text, options));
        break;
      case 'codeBlock': {
        const code = { ...style.table, pitch: style.table.size * style.template.proportions.codeLineHeight };
        // Indented and spaced as the DOCX and EPUB editions set code (proportions.indents.code, spacing.subsectionBefore),
        // the text after it back on the body's line grid.
        const sp = style.template.spacing;
        const inset = style.template.proportions.indents.code * style.body.size;
        const codeCol = { dx: col.dx + inset, width: col.width - inset };
        const codeBoxes: FlowBox[] = [];
        const key = flow.tree.leaf('Code');
        // A page that begins in code begins in its block (code has no inline text for an offset: PrintPage).
        const index = flow.blockIndex.get(block);
        const codeAt = index === undefined ? undefined : (): SourcePlace => ({ block: index, offset: 0 });
        const ctx = contextFor(flow, code, codeCol.width);
        const single = (value: string) =>
          composeInlines([{ kind: 'code', value }], ctx, { width: codeCol.width, firstIndent: 0, restIndent: 0, justify: false, align: 'left', avoidShortLast: false })[0];
        // A line too long for the measure continues on the next after the template's continuation mark (an artifact).
        const markText = style.lang.strings.codeContinuation;
        const mark = markText ? single(markText) : undefined;
        const markRoom = markText ? (single(`${markText}\u00a0`)?.width ?? 0) : 0;
        for (const source of block.value.replace(/\n$/, '').split('\n')) {
          const value = codeLine(source, style.template.proportions.codeTabColumns);
          // A continued line hangs at its own indentation (up to half the measure), after the mark.
          const leading = /^\u00a0*/.exec(value)![0].length;
          const hang = leading > 0 && value.length > leading ? Math.min(single('0'.repeat(leading))?.width ?? 0, codeCol.width / 2) : 0;
          const lines = value
            ? composeInlines([{ kind: 'code', value }], ctx, { width: codeCol.width, firstIndent: 0, restIndent: hang + markRoom, justify: false, align: 'left', avoidShortLast: false })
            : [];
          if (lines.length === 0) codeBoxes.push(spaceBox(code.pitch, false));
          else {
            const boxes = lineBoxes(flow, lines, code, codeCol.dx, { keepLines: 'none', key, ...(codeAt ? { at: codeAt } : {}) });
            codeBoxes.push(
              ...boxes.map((box, k) => {
                if (k === 0 || !mark) return box;
                const draw = box.payload.draw;
                return {
                  ...box,
                  payload: {
                    ...box.payload,
                    draw: (x: number, top: number, place: DrawPlace) => [...artifactNodes(drawLine(mark, style, code, x + codeCol.dx + hang, top), 'Layout', true), ...draw(x, top, place)],
                  },
                };
              }),
            );
          }
        }
        // At least two lines of a block at the foot of a page and at the head of the next.
        const lastKept = codeBoxes.length - 2;
        for (const [k, box] of codeBoxes.entries()) if (codeBoxes.length >= 2 && (k === 0 || k === lastKept)) codeBoxes[k] = { ...box, keepWithNext: true };
        const height = codeBoxes.reduce((h, b) => h + b.height, 0);
        out.push({ ...spaceBox(sp.subsectionBefore, true), keepWithNext: true }, ...codeBoxes);
        out.push(spaceBox(toGrid(height + 2 * sp.subsectionBefore, style.body.pitch) - height - sp.subsectionBefore, true));
        break;
      }
      case 'thematicBreak':
        out.push(ruleBox(flow, col));
        break;
      case 'figure':
        out.push(...figureBoxes(flow, block, options.registered, options.nextFloat(), flow.blockIndex.get(block)));
        break;
      case 'table': {
        const sp = style.template.spacing;
        const t = layoutTable(flow, block.table, col.dx, col.width, true, flow.blockIndex.get(block));
        out.push({ ...spaceBox(sp.figureBefore, true), keepWithNext: true });
        out.push(t.header, ...t.rows);
        out.push(spaceBox(toGrid(t.height + sp.figureBefore + sp.figureAfter, style.body.pitch) - t.height - sp.figureBefore, true));
        break;
      }
      default:
        assertNever(block, 'block');
    }
    // A figure floats out of the text: the paragraph after it continues what came before the figure
    // (indented, unless that was a heading).
    if (block.kind !== 'figure') afterHeading = false;
    first = false;
    // The boundary before a block may take space when its page is justified (not inside a list or quotation).
    const start = options.nested ? -1 : out.findIndex((box, k) => k >= from && !box.discardable);
    if (start >= 0) out[start] = { ...out[start]!, blockStart: true };
  }
  return out;
}

/** Float groups of figures that wait for this block, their first mention. */
function releasedBy(flow: Flow, block: Block): number[] {
  const index = flow.blockIndex.get(block);
  if (index === undefined || !flow.mentionedLater || !flow.heldFloats) return [];
  const out: number[] = [];
  for (const [id, at] of flow.mentionedLater) {
    const float = flow.heldFloats.get(id);
    if (at === index && float !== undefined) out.push(float);
  }
  return out;
}

/** Where each line of a body block begins in its text (none outside the body). */
function placesOf(flow: Flow, block: Block, lines: Parameters<typeof lineOffsets>[0], text: string): ((line: number) => SourcePlace) | undefined {
  const index = flow.blockIndex.get(block);
  if (index === undefined) return undefined;
  const offsets = lineOffsets(lines, text);
  return (k) => ({ block: index, offset: offsets[k]! });
}

function listBoxes(flow: Flow, list: Extract<Block, { kind: 'list' }>, col: Column, text: TextStyle, options: BlockOptions): FlowBox[] {
  const style = flow.style;
  const depth = options.listDepth ?? 0;
  const gap = text.size * style.template.proportions.listMarkerGapEm;
  // A task's box stands in the marker: in place of the bullet, after the number.
  const markers = list.items.map((_, i) => listMarker(style.lang, list.ordered, list.start + i, depth, list.checked?.[i] ?? null));
  const ctx = contextFor(flow, text, col.width);
  const composed = markers.map((m) => composeInlines(plain(m), ctx, { width: col.width, firstIndent: 0, restIndent: 0, justify: false, align: 'left', avoidShortLast: false })[0]!);
  const markerWidth = Math.max(...composed.map((l) => l.width)) + gap;
  const inner: Column = { dx: col.dx + markerWidth, width: col.width - markerWidth };
  const out: FlowBox[] = [];
  const tree = flow.tree;
  tree.open('L');
  list.items.forEach((item, i) => {
    tree.open('LI');
    const label = tree.leaf('Lbl');
    tree.open('LBody');
    const boxes = blockBoxes(flow, item, inner, text, { ...options, indentFirst: false, nested: true, listDepth: depth + 1 });
    tree.close();
    tree.close();
    const marker = composed[i]!;
    const head = boxes[0];
    if (head) {
      const draw = head.payload.draw;
      boxes[0] = {
        ...head,
        payload: {
          ...head.payload,
          draw: (x, top, place) => [...tagNodes(drawLine({ ...marker, x: markerWidth - gap - marker.width }, style, text, x + col.dx, top), { key: label }), ...draw(x, top, place)],
        },
      };
    }
    out.push(...boxes);
  });
  tree.close();
  return out;
}
