/**
 * Boxes of the body column and the context that builds them.
 */
import type { ComposedLine } from './breaker.js';
import { drawLine, type DrawOptions } from './compose.js';
import type { Box } from './paginate.js';
import type { ContentNode } from './pdfmake-adapter.js';
import { textContext, type PdfStyle, type TextStyle } from './style.js';
import type { TextContext } from './inlines.js';

/** Where a box sits on its page. */
export interface DrawPlace {
  /** First body box on the page. */
  first: boolean;
  /** Last body box on the page. */
  last: boolean;
}

export interface OutlineEntry {
  id: string;
  title: string;
  level: number;
}

export interface Drawable {
  /** Nodes for the box with its top-left corner at (x, top) (x: the column's left edge). */
  draw(x: number, top: number, place: DrawPlace): ContentNode[];
  /** A bookmark pointing at this box. */
  outline?: OutlineEntry;
}

export type FlowBox = Box<Drawable>;

/** How marks link to notes: destination ids, and an anchor on each note's first mark. */
export interface NoteLinks {
  dest(noteId: string): string;
  anchor(noteId: string): string | undefined;
  /** Anchor of the first mark of a note (for the link back from the note). */
  firstMark(noteId: string): string;
}

export function noteLinks(): NoteLinks {
  const anchored = new Set<string>();
  return {
    dest: (id) => `note-${id}`,
    anchor: (id) => {
      if (anchored.has(id)) return undefined;
      anchored.add(id);
      return `ref-${id}`;
    },
    firstMark: (id) => `ref-${id}`,
  };
}

/** Everything block layout needs. */
export interface Flow {
  style: PdfStyle;
  links: NoteLinks;
}

export function contextFor(flow: Flow, text: TextStyle, width: number, overrides: Partial<TextContext> = {}): TextContext {
  return { ...textContext(flow.style, text, width, { dest: flow.links.dest, anchor: flow.links.anchor }), ...overrides };
}

/** One box per line, in a column offset `dx`; first/last lines kept with their neighbours. */
export function lineBoxes(
  flow: Flow,
  lines: readonly ComposedLine[],
  text: TextStyle,
  dx: number,
  options: { keepLines?: 'all' | 'ends' | 'none'; first?: DrawOptions; outline?: OutlineEntry } = {},
): FlowBox[] {
  const n = lines.length;
  const keep = options.keepLines ?? 'ends';
  return lines.map((line, k) => {
    const keepWithNext = k < n - 1 && (keep === 'all' || (keep === 'ends' && (k === 0 || k === n - 2)));
    const draw = (x: number, top: number) => drawLine(line, flow.style, text, x + dx, top, k === 0 ? options.first : undefined);
    return {
      height: text.pitch,
      notes: line.notes,
      keepWithNext,
      payload: k === 0 && options.outline ? { draw, outline: options.outline } : { draw },
    };
  });
}

/** A box of empty space. */
export function spaceBox(height: number, discardable: boolean): FlowBox {
  return { height, notes: [], keepWithNext: false, discardable, payload: { draw: () => [] } };
}

/** Round a height up to whole body lines (so the text after it stays on the line grid). */
export function toGrid(height: number, pitch: number): number {
  return Math.ceil(height / pitch - 1e-6) * pitch;
}
