/**
 * Boxes of the body column and the context that builds them.
 */
import type { ComposedLine } from './breaker.js';
import { unitsAt } from './chars.js';
import { drawLine, type DrawOptions } from './compose.js';
import type { Box } from './paginate.js';
import type { ContentNode } from './pdfmake-adapter.js';
import { tagNodes, type StructTree } from './tags.js';
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

/** Where a box begins in the model: a block (pre-order index in `walkBlocks` of the body) and characters of its own text before it. */
export interface SourcePlace {
  block: number;
  offset: number;
  /** In a table: the body row the box is (0 the first; see `PrintPage.row`). */
  row?: number;
}

export interface Drawable {
  /** Nodes for the box with its top-left corner at (x, top) (x: the column's left edge). */
  draw(x: number, top: number, place: DrawPlace): ContentNode[];
  /** A bookmark pointing at this box. */
  outline?: OutlineEntry;
  /** Where the box begins in the body (the print page list); none for space, the title block and notes. */
  at?: SourcePlace;
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
  /** The structure tree, built in logical order with the boxes. */
  tree: StructTree;
  /** Pre-order index of each body block (`walkBlocks`), for `SourcePlace`. */
  blockIndex: ReadonlyMap<object, number>;
  /** Figures that come before their first mention: the mentioning block's index by figure id. */
  mentionedLater?: ReadonlyMap<string, number>;
  /** Float group of each such figure, filled as figures are laid out. */
  heldFloats?: Map<string, number>;
}

/**
 * Characters of `text` before each line begins: the visible characters of
 * the lines before it (note marks and added hyphens left out) counted in
 * `text`, spaces skipped. Offsets are UTF-16 indexes; characters are counted
 * by code point. One pass over the text (a long paragraph has many lines).
 */
export function lineOffsets(lines: readonly ComposedLine[], text: string): number[] {
  const out: number[] = [];
  let at = 0;
  // White space is all in the BMP, so a UTF-16 unit that is white space is a whole character.
  const blank = (i: number) => WHITE.test(text[i]!);
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l]!;
    while (at < text.length && blank(at)) at++;
    out.push(at);
    let visible = 0;
    const runs = line.runs;
    let lastText = -1;
    for (let r = runs.length - 1; r >= 0; r--) {
      if (runs[r]!.note === undefined) {
        lastText = r;
        break;
      }
    }
    for (let r = 0; r <= lastText; r++) {
      const run = runs[r]!;
      if (run.note !== undefined) continue;
      const t = line.hyphen && r === lastText ? run.text.replace(/-$/, '') : run.text;
      // Characters that are not white space (a surrogate pair is one, never white space).
      for (let i = 0; i < t.length; i += unitsAt(t, i)) if (!WHITE.test(t[i]!)) visible++;
    }
    while (visible > 0 && at < text.length) {
      if (!blank(at)) visible--;
      at += unitsAt(text, at);
    }
  }
  return out;
}

const WHITE = /\s/u;

export function contextFor(flow: Flow, text: TextStyle, width: number, overrides: Partial<TextContext> = {}): TextContext {
  return { ...textContext(flow.style, text, width, { dest: flow.links.dest, anchor: flow.links.anchor }), ...overrides };
}

/** One box per line, in a column offset `dx`; first/last lines kept with their neighbours. */
export function lineBoxes(
  flow: Flow,
  lines: readonly ComposedLine[],
  text: TextStyle,
  dx: number,
  options: { keepLines?: 'all' | 'ends' | 'none'; first?: DrawOptions; outline?: OutlineEntry; key?: string; at?: (line: number) => SourcePlace | undefined } = {},
): FlowBox[] {
  const n = lines.length;
  const keep = options.keepLines ?? 'ends';
  return lines.map((line, k) => {
    const keepWithNext = k < n - 1 && (keep === 'all' || (keep === 'ends' && (k === 0 || k === n - 2)));
    const key = options.key;
    const draw = (x: number, top: number) => {
      const nodes = drawLine(line, flow.style, text, x + dx, top, k === 0 ? options.first : undefined);
      return key ? tagNodes(nodes, { key }) : nodes;
    };
    return {
      height: text.pitch,
      notes: line.notes,
      keepWithNext,
      payload: { draw, ...(k === 0 && options.outline ? { outline: options.outline } : {}), ...(options.at?.(k) ? { at: options.at(k)! } : {}) },
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
