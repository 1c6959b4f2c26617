/**
 * One edition laid out: the body as boxes, the notes as lines, pages planned
 * by the paginator, and each page drawn as pdfmake nodes at fixed positions
 * (running head, body, note rule and notes, folio).
 */
import { blocksOfKind, chapters, inlineText, ownInlines, walkBlocks, type Block, type DocumentModel, type Inline, type PrintPage } from '@brief/document-model';
import type { Template } from '@brief/templates';
import { afterAnswer } from '@brief/build-cache';
import { openAtomStore, type AtomStore } from './atom-store.js';
import { blockBoxes } from './blocks.js';
import { noteLinks, type Drawable, type Flow, type FlowBox, type OutlineEntry } from './boxes.js';
import { svgFamilies } from './figures.js';
import { createMetrics } from './metrics.js';
import { chapterNotesBoxes, layoutNotes, type NoteLayout } from './notes.js';
import { paginate, type Pagination, type NoteLines } from './paginate.js';
import type { CanvasLine, ContentNode } from './pdfmake-adapter.js';
import { PT_PER_MM, resolveStyle, type PdfStyle } from './style.js';
import { folio, runningHead, titleBox } from './title.js';
import { StructTree, artifactNodes } from './tags.js';
import { readFileSync } from 'node:fs';

export interface PlacedOutline extends OutlineEntry {
  page: number;
  top: number;
}

export interface LaidOut {
  style: PdfStyle;
  pagination: Pagination<Drawable>;
  notes: NoteLayout[];
  /** Font families used (to register with pdfmake). */
  families: string[];
  /** Page nodes, page by page (the first node of each page after the first breaks the page). */
  pages: ContentNode[][];
  outline: PlacedOutline[];
  firstPage: number;
  /** The structure tree in logical order (the keys the page nodes are tagged with). */
  tree: StructTree;
}

function familiesOf(style: PdfStyle, doc: DocumentModel): string[] {
  const set = new Set<string>();
  for (const f of [style.body.fonts, style.chapter.fonts, style.note.fonts, style.emphasisFonts, style.codeFonts]) {
    set.add(f.latin);
    set.add(f.cjk);
    // Fallback families are drawn from too (a character the role's faces lack).
    for (const family of f.fallback ?? []) set.add(family);
  }
  // SVG figures anywhere: in quotes and lists, and in notes.
  const figures = [doc.body, ...doc.notes.map((n) => n.children)].flatMap((blocks) => blocksOfKind(blocks, 'figure'));
  for (const b of figures) {
    if (b.body.kind === 'image' && b.body.image.mediaType === 'image/svg+xml') {
      for (const f of svgFamilies(readFileSync(b.body.image.path, 'utf8'))) set.add(f);
    }
  }
  return [...set].sort();
}

/** An edition planned on pages: the boxes placed, nothing drawn yet. */
interface Planned {
  style: PdfStyle;
  flow: Flow;
  pagination: Pagination<Drawable>;
  notes: NoteLayout[];
  families: string[];
  firstPage: number;
}

/** Lay out an edition and plan its pages (the layout the PDF is drawn from). */
function planDocument(doc: DocumentModel, template: Template): Planned {
  const metrics = createMetrics();
  const style = resolveStyle(doc, template, metrics, openAtomStore(doc.meta));
  const blockIndex = new Map<object, number>();
  walkBlocks(doc.body, (block) => {
    blockIndex.set(block, blockIndex.size);
  });
  const flow: Flow = { style, links: noteLinks(), tree: new StructTree(), blockIndex, mentionedLater: mentionedLater(doc, blockIndex), heldFloats: new Map() };
  const families = familiesOf(style, doc);
  const registered = new Set(families);
  let floats = 0;
  // The text's first paragraph, before any heading, is indented as one after a heading is (not in English practice).
  const options = { indentFirst: style.lang.typography.indentAfterHeading !== false, keepLines: 'ends' as const, registered, nextFloat: () => ++floats };
  const atFoot = template.notes.placement === 'page-foot';
  const col = { dx: 0, width: style.measure };

  const boxes: FlowBox[] = [titleBox(flow, doc)];
  const byChapter = chapters(doc);
  const bodyBoxes: FlowBox[] = [];
  const chapterBoxes: FlowBox[][] = byChapter.map((chapter) => {
    flow.tree.open('Sect');
    const out = blockBoxes(flow, chapter.heading ? [chapter.heading, ...chapter.blocks] : chapter.blocks, col, style.body, options);
    flow.tree.close();
    return out;
  });
  // Notes are composed after the body, so the first mark of each note carries the anchor.
  const notes = layoutNotes(flow, doc.notes, style.measure, registered);
  const noteByNumber = new Map(notes.map((n) => [n.number, n]));
  byChapter.forEach((chapter, k) => {
    // A figure still waiting for a page goes before the next chapter's heading (a float stays in its chapter)
    // when the page it leaves is not left emptier than a justified page would have been spread.
    const own = chapterBoxes[k]!;
    if (k > 0 && chapter.heading && own[0]) own[0] = { ...own[0], softBarrier: true };
    bodyBoxes.push(...own);
    if (!atFoot && chapter.notes.length > 0) {
      // Notes at the chapter's end begin, in the body, after the chapter's last block.
      let last = -1;
      let lastBlock: Block | undefined;
      walkBlocks(chapter.heading ? [chapter.heading, ...chapter.blocks] : chapter.blocks, (block) => {
        const index = blockIndex.get(block) ?? -1;
        if (index > last) [last, lastBlock] = [index, block];
      });
      const end = lastBlock?.kind === 'paragraph' || lastBlock?.kind === 'heading' ? inlineText(lastBlock.children).length : 0;
      const noteBoxes = chapterNotesBoxes(flow, chapter.notes.map((n) => noteByNumber.get(n.number)!).filter(Boolean));
      bodyBoxes.push(...noteBoxes.map((box) => (last >= 0 ? { ...box, payload: { ...box.payload, at: { block: last, offset: end } } } : box)));
    }
  });
  boxes.push(...bodyBoxes);

  const sp = template.spacing;
  const ruleGap = sp.noteAreaGap / 2;
  const noteLines = new Map<number, NoteLines>();
  if (atFoot) for (const n of notes) noteLines.set(n.number, { number: n.number, lines: n.lines.map((l) => l.height) });
  const pagination = paginate(boxes, noteLines, {
    capacity: () => style.bodyHeight,
    noteOverhead: sp.noteAreaGap + style.ruleWidth + ruleGap,
    noteSpacing: sp.noteSpacing,
    minBody: template.proportions.minBodyLines * style.body.pitch,
    softBarrierBlank: template.proportions.flushBottomMax,
    ...(template.proportions.flushBottomMax > 0 && style.lang.typography.flushBottom
      ? {
          flushBottom: {
            maxFraction: template.proportions.flushBottomMax,
            blockCap: template.proportions.blockStretchLines * style.body.pitch,
            lineCap: template.proportions.lineStretchLines * style.body.pitch,
          },
        }
      : {}),
  });

  const firstPage = doc.meta.series?.firstPage ?? 1;
  return { style, flow, pagination, notes, families, firstPage };
}

/**
 * Figures that stand before the block first mentioning them, in their own
 * section: that block's index, by figure id. A figure first mentioned
 * after the next heading does not wait for the mention: a float does not
 * leave its section.
 */
export function mentionedLater(doc: DocumentModel, blockIndex: ReadonlyMap<object, number>): Map<string, number> {
  const first = new Map<string, number>();
  const headings: number[] = [];
  walkBlocks(doc.body, (block) => {
    const index = blockIndex.get(block);
    if (index === undefined) return;
    if (block.kind === 'heading') headings.push(index);
    for (const inlines of ownInlines(block)) for (const id of crossRefTargets(inlines)) if (!first.has(id)) first.set(id, index);
  });
  const out = new Map<string, number>();
  for (const fig of blocksOfKind(doc.body, 'figure')) {
    const at = first.get(fig.id);
    const index = blockIndex.get(fig);
    if (at === undefined || index === undefined || at <= index) continue;
    const nextHeading = headings.find((h) => h > index);
    if (nextHeading === undefined || at < nextHeading) out.set(fig.id, at);
  }
  return out;
}

function crossRefTargets(inlines: readonly Inline[]): string[] {
  const out: string[] = [];
  for (const inline of inlines) {
    if (inline.kind === 'crossRef' && inline.targetKind === 'figure') out.push(inline.targetId);
    else if ('children' in inline && Array.isArray(inline.children)) out.push(...crossRefTargets(inline.children as Inline[]));
  }
  return out;
}

/**
 * The printed pages of an edition, for e-book page lists: each page's
 * folio and where it begins in the body (the first box on the page that
 * comes from a body block: its pre-order index and the characters of its
 * text before the page), from the same plan the PDF is drawn from.
 */
export function printPages(doc: DocumentModel, template: Template, options: { keepAtoms?: boolean } = {}): PrintPage[] {
  const { style, pagination, firstPage } = planDocument(doc, template);
  // Without `keepAtoms` (default: kept), the composed paragraphs are left
  // for a PDF job of the same edition to keep.
  if (options.keepAtoms !== false) saveAfterAnswer(style.atoms);
  return pagesOfPlan(pagination, firstPage);
}

/**
 * Save an edition's atoms once the job has answered. The closure is made
 * here: one made in a layout function would hold that function's whole
 * scope (the layout, its pages) until the save.
 */
function saveAfterAnswer(store: AtomStore | undefined): void {
  if (store) afterAnswer(() => store.save());
}

/** The printed pages of a planned edition (see `printPages`). */
export function pagesOfPlan(pagination: Pagination<Drawable>, firstPage: number): PrintPage[] {
  return pagination.pages.map((plan, index) => {
    // The page begins where its flowing text does: a figure floated to its top stands elsewhere in the
    // text (an e-book's page marker before it would put the text that ends the page before on this one).
    const flowing = plan.body.find((placed) => placed.box.float === undefined && placed.box.payload.at !== undefined);
    const at = flowing?.box.payload.at ?? plan.body.map((placed) => placed.box.payload.at).find((a) => a !== undefined);
    return { label: String(firstPage + index), block: at?.block ?? -1, offset: at?.offset ?? 0, ...(at?.row ? { row: at.row } : {}) };
  });
}

/** Lay out an edition and draw its pages. */
export function layoutDocument(doc: DocumentModel, template: Template): LaidOut {
  const { style, flow, pagination, notes, families, firstPage } = planDocument(doc, template);
  const noteByNumber = new Map(notes.map((n) => [n.number, n]));
  const sp = template.spacing;
  const ruleGap = sp.noteAreaGap / 2;
  const page = style.page;
  const fullMeasure = page.width - page.inner - page.outer;
  const outline: PlacedOutline[] = [];
  const pages = pagination.pages.map((plan, index) => {
    const number = firstPage + index;
    const recto = number % 2 === 1;
    const left = recto ? page.inner : page.outer;
    const x = left + (fullMeasure - style.measure) / 2;
    const nodes: ContentNode[] = [];
    if (index > 0) nodes.push(...artifactNodes(runningHead(flow, doc, recto, x, style.measure), 'Pagination'));
    plan.body.forEach((placed, k) => {
      const top = page.top + placed.top - placed.trimmed;
      nodes.push(...placed.box.payload.draw(x, top, { first: k === 0, last: k === plan.body.length - 1 }));
      const o = placed.box.payload.outline;
      if (o) outline.push({ ...o, page: index, top: page.top + placed.top });
    });
    if (plan.notes.length > 0) {
      const notesTop = page.top + style.bodyHeight - plan.notesHeight;
      const ruleY = notesTop + sp.noteAreaGap + style.ruleWidth / 2;
      const rule: CanvasLine = {
        type: 'line',
        x1: x,
        y1: ruleY,
        x2: x + Math.min(style.measure, sp.noteRuleMm * PT_PER_MM),
        y2: ruleY,
        lineWidth: style.ruleWidth,
        lineColor: template.colors.rule,
      };
      nodes.push(...artifactNodes([{ canvas: [rule], absolutePosition: { x: 0, y: 0 } }], 'Layout'));
      let y = notesTop + sp.noteAreaGap + style.ruleWidth + ruleGap;
      plan.notes.forEach((seg, k) => {
        if (k > 0) y += sp.noteSpacing;
        const note = noteByNumber.get(seg.number)!;
        for (let i = seg.from; i < seg.to; i++) {
          const line = note.lines[i]!;
          nodes.push(...line.draw(x, y, { first: i === seg.from, last: i === seg.to - 1 }));
          y += line.height;
        }
      });
    }
    nodes.push(...artifactNodes(folio(flow, number, x, style.measure), 'Pagination'));
    const head = nodes[0];
    if (index > 0 && head) head.pageBreak = 'before';
    return nodes;
  });
  saveAfterAnswer(style.atoms);
  return { style, pagination, notes, families, pages, outline, firstPage, tree: flow.tree };
}
