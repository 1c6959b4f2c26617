/**
 * Notes are numbered 1, 2, 3… in order of first reference, per edition. Notes
 * referenced only from inside other notes follow, in the order met.
 */
import { forEachInlines, noteRefsIn, type Block, type Inline, type Note, type NoteRefInline } from '@brief/document-model';

function forEachNoteRef(inlines: readonly Inline[], visit: (ref: NoteRefInline) => void): void {
  for (const ref of noteRefsIn(inlines)) visit(ref);
}

/** Number notes in place and return them in printed order. */
export function numberNotes(body: readonly Block[], notes: ReadonlyMap<string, Note>): Note[] {
  const ordered: Note[] = [];
  let chapterId: string | undefined;
  const take = (ref: { noteId: string; number: number }) => {
    const note = notes.get(ref.noteId);
    if (!note) return;
    if (note.number === 0) {
      note.number = ordered.length + 1;
      if (chapterId !== undefined) note.chapterId = chapterId;
      ordered.push(note);
    }
    ref.number = note.number;
  };
  for (const block of body) {
    if (block.kind === 'heading' && block.level === 1) chapterId = block.id;
    forEachInlines([block], (inlines) => forEachNoteRef(inlines, take));
  }
  // Notes referenced from notes, in order.
  for (let i = 0; i < ordered.length; i++) {
    const note = ordered[i]!;
    chapterId = note.chapterId;
    forEachInlines(note.children, (inlines) => forEachNoteRef(inlines, take));
  }
  return ordered;
}
