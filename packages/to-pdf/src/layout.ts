/**
 * One edition laid out: the body as boxes, the notes as lines, pages planned
 * by the paginator, and each page drawn as pdfmake nodes at fixed positions
 * (running head, body, note rule and notes, folio).
 */
import { blocksOfKind, chapters, type DocumentModel } from '@brief/document-model';
import type { Template } from '@brief/templates';
import { blockBoxes } from './blocks.js';
import { noteLinks, type Drawable, type Flow, type FlowBox, type OutlineEntry } from './boxes.js';
import { svgFamilies } from './figures.js';
import { createMetrics } from './metrics.js';
import { chapterNotesBoxes, layoutNotes, type NoteLayout } from './notes.js';
import { paginate, type Pagination, type NoteLines } from './paginate.js';
import type { CanvasLine, ContentNode } from './pdfmake-adapter.js';
import { PT_PER_MM, resolveStyle, type PdfStyle } from './style.js';
import { folio, runningHead, titleBox } from './title.js';
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
}

function familiesOf(style: PdfStyle, doc: DocumentModel): string[] {
  const set = new Set<string>();
  for (const t of [style.body, style.chapter, style.note]) {
    set.add(t.fonts.latin);
    set.add(t.fonts.cjk);
  }
  for (const f of [style.emphasisFonts, style.codeFonts]) {
    set.add(f.latin);
    set.add(f.cjk);
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

/** Lay out an edition and draw its pages. */
export function layoutDocument(doc: DocumentModel, template: Template): LaidOut {
  const metrics = createMetrics();
  const style = resolveStyle(doc, template, metrics);
  const flow: Flow = { style, links: noteLinks() };
  const families = familiesOf(style, doc);
  const registered = new Set(families);
  let floats = 0;
  const options = { indentFirst: true, keepLines: 'ends' as const, registered, nextFloat: () => ++floats };
  const atFoot = template.notes.placement === 'page-foot';
  const col = { dx: 0, width: style.measure };

  const boxes: FlowBox[] = [titleBox(flow, doc)];
  const byChapter = chapters(doc);
  const bodyBoxes: FlowBox[] = [];
  const chapterBoxes: FlowBox[][] = byChapter.map((chapter) => blockBoxes(flow, chapter.heading ? [chapter.heading, ...chapter.blocks] : chapter.blocks, col, style.body, options));
  // Notes are composed after the body, so the first mark of each note carries the anchor.
  const notes = layoutNotes(flow, doc.notes, style.measure, registered);
  const noteByNumber = new Map(notes.map((n) => [n.number, n]));
  byChapter.forEach((chapter, k) => {
    bodyBoxes.push(...chapterBoxes[k]!);
    if (!atFoot && chapter.notes.length > 0) {
      bodyBoxes.push(...chapterNotesBoxes(flow, chapter.notes.map((n) => noteByNumber.get(n.number)!).filter(Boolean)));
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
  });

  const firstPage = doc.meta.series?.firstPage ?? 1;
  const page = style.page;
  const fullMeasure = page.width - page.inner - page.outer;
  const outline: PlacedOutline[] = [];
  const pages = pagination.pages.map((plan, index) => {
    const number = firstPage + index;
    const recto = number % 2 === 1;
    const left = recto ? page.inner : page.outer;
    const x = left + (fullMeasure - style.measure) / 2;
    const nodes: ContentNode[] = [];
    if (index > 0) nodes.push(...runningHead(flow, doc, recto, x, style.measure));
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
      nodes.push({ canvas: [rule], absolutePosition: { x: 0, y: 0 } });
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
    nodes.push(...folio(flow, number, x, style.measure));
    const head = nodes[0];
    if (index > 0 && head) head.pageBreak = 'before';
    return nodes;
  });
  return { style, pagination, notes, families, pages, outline, firstPage };
}
