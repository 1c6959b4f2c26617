/**
 * Notes: each note as lines of known height, its number hung in the margin
 * of the note text (set like the marks in the body, and linked back to the
 * first mark), its paragraphs justified like the body at the note size;
 * with chapter-end notes, the notes heading and notes after each chapter.
 */
import type { Note } from '@brief/document-model';
import { noteBackLinkName } from '@brief/templates';
import { atomize } from './inlines.js';
import { blockBoxes } from './blocks.js';
import { contextFor, spaceBox, toGrid, type DrawPlace, type Flow, type FlowBox } from './boxes.js';
import { composeAtoms, composeInlines, drawLine, plain } from './compose.js';
import type { ContentNode } from './pdfmake-adapter.js';
import { artifactNodes, tagNodes } from './tags.js';

export interface NoteLine {
  height: number;
  draw(x: number, top: number, place: DrawPlace): ContentNode[];
}

export interface NoteLayout {
  number: number;
  id: string;
  lines: NoteLine[];
}

/** Lay out notes across `width` (the text column). */
export function layoutNotes(flow: Flow, notes: readonly Note[], width: number, registered: ReadonlySet<string>): NoteLayout[] {
  const style = flow.style;
  const text = style.note;
  // Numbers are set like the marks in the body: superscript digits at the body size.
  const labelCtx = contextFor(flow, style.body, width);
  const labels = new Map<number, ReturnType<typeof composeAtoms>[number]>();
  let widest = 0;
  for (const note of notes) {
    const atoms = atomize([{ kind: 'noteRef', noteId: note.id, number: note.number }], { ...labelCtx, markAnchor: () => undefined });
    const [line] = composeAtoms(atoms, labelCtx, { width, firstIndent: 0, restIndent: 0, justify: false, align: 'left', avoidShortLast: false });
    if (!line) continue;
    labels.set(note.number, line);
    widest = Math.max(widest, line.width);
  }
  const gap = text.size * flow.style.template.proportions.noteNumberGapEm;
  const hang = widest + gap;
  let floats = 0;
  return notes.map((note) => {
    // The note's element sits after the block of its first mark (placed then); its number is its label.
    const { boxes, key } = flow.tree.withinNote(note.id, flow.links.dest(note.id), (key) => ({
      key,
      boxes: blockBoxes(flow, note.children, { dx: hang, width: width - hang }, text, {
        indentFirst: false,
        keepLines: 'none',
        registered,
        nextFloat: () => --floats,
      }),
    }));
    const label = labels.get(note.number);
    // A note with no printable content still prints its number, on one line.
    const drawn = boxes.length > 0 ? boxes : [{ height: text.pitch, payload: { draw: () => [] as ContentNode[] } }];
    const lines: NoteLine[] = drawn.map((box, k) => ({
      height: box.height,
      draw: (x, top, place) => {
        const nodes = box.payload.draw(x, top, place);
        if (k === 0 && label) {
          const { note: _number, anchor: _anchor, ...run } = label.runs[0]!;
          const labelLine = {
            ...label,
            x: hang - gap - label.width,
            runs: [{ ...run, style: { ...run.style, dest: flow.links.firstMark(note.id) } }],
          };
          const tag = { _noteStart: note.number, _sub: { type: 'Lbl' }, _contents: noteBackLinkName(style.lang.strings, note.number) };
          nodes.unshift(...tagNodes(drawLine(labelLine, style, text, x, top, { id: flow.links.dest(note.id), tag }), { key }));
        }
        return nodes;
      },
    }));
    return { number: note.number, id: note.id, lines };
  });
}

/** Notes printed at the end of each chapter (templates with `notes.placement: chapter-end`). */
export function chapterNotesBoxes(flow: Flow, notes: readonly NoteLayout[]): FlowBox[] {
  const style = flow.style;
  const text = style.subsection;
  const P = style.body.pitch;
  const [title] = composeInlines(plain(style.lang.strings.notes), contextFor(flow, text, style.measure), {
    width: style.measure,
    firstIndent: 0,
    restIndent: 0,
    justify: false,
    align: 'left',
    avoidShortLast: false,
  });
  const out: FlowBox[] = [];
  const sp = style.template.spacing;
  const headHeight = toGrid(sp.subsectionBefore + text.pitch + sp.subsectionAfter, P);
  out.push({
    height: headHeight,
    notes: [],
    keepWithNext: true,
    barrier: true,
    // The notes sit in the structure after the paragraphs that mark them: this heading is layout only.
    payload: { draw: (x, top) => (title ? artifactNodes(drawLine(title, style, text, x, top + sp.subsectionBefore), 'Pagination') : []) },
  });
  notes.forEach((note, k) => {
    if (k > 0) out.push(spaceBox(sp.noteSpacing, true));
    note.lines.forEach((line, i) => out.push({ height: line.height, notes: [], keepWithNext: i === 0 && note.lines.length > 1, payload: { draw: line.draw } }));
  });
  const used = out.reduce((a, b) => a + b.height, 0);
  out.push(spaceBox(toGrid(used, P) - used, true));
  return out;
}
