/**
 * Notes: the paragraphs of a Word footnote, or (templates with
 * `notes.placement: chapter-end`) the notes list after each chapter.
 */
import { AlignmentType, Bookmark, InternalHyperlink, Paragraph, Tab, TextRun, type ParagraphChild } from 'docx';
import type { Block, Note } from '@brief/document-model';
import { renderBlocks } from './blocks.js';
import type { Ctx } from './context.js';
import { holdsLongToken, markAnchor, noteAnchor, renderInlines, textRuns } from './inlines.js';
import { S } from './style.js';

/**
 * The paragraphs of a note: the first in the note text style, opening with
 * `lead` (for a footnote, a tab after the mark Word writes), the others as
 * continuations.
 */
export function noteParagraphs(
  blocks: readonly Block[],
  ctx: Ctx,
  options: { text: string; continued: string; lead: ParagraphChild[] } = { text: S.footnoteText, continued: S.footnoteContinued, lead: [tabRun()] },
): Paragraph[] {
  const nctx: Ctx = { ...ctx, inNote: true, paragraphStyle: options.continued };
  const paragraphs = (bs: readonly Block[]) => renderBlocks(bs, nctx).filter((b): b is Paragraph => b instanceof Paragraph);
  const [first, ...rest] = blocks;
  if (first?.kind === 'paragraph') {
    // Word breaks a URL nowhere: justified, the line before a long one would open wide. Such a note is set flush left.
    const ragged = holdsLongToken(first.children) ? { alignment: AlignmentType.LEFT } : {};
    return [new Paragraph({ style: options.text, ...ragged, children: [...options.lead, ...renderInlines(first.children, nctx)] }), ...paragraphs(rest)];
  }
  return [new Paragraph({ style: options.text, children: options.lead }), ...paragraphs(blocks)];
}

function tabRun(): TextRun {
  return new TextRun({ children: [new Tab()] });
}

/**
 * The notes of one chapter, after its text (templates with
 * `notes.placement: chapter-end`): a heading (`strings.notes`), then each
 * note opening with its number — a bookmark the marks link to, and a link
 * back to the first mark — then a tab to the hanging indent.
 */
export function chapterNotes(notes: readonly Note[], ctx: Ctx): Paragraph[] {
  if (notes.length === 0) return [];
  const heading = new Paragraph({
    style: S.notesHeading,
    children: textRuns(ctx.ls.strings.notes, { ...ctx, role: ctx.ls.fonts.heading }),
  });
  return [
    heading,
    ...notes.flatMap((note) => {
      const number = new InternalHyperlink({ anchor: markAnchor(note.number), children: [new TextRun(String(note.number))] });
      const lead: ParagraphChild[] = [new Bookmark({ id: noteAnchor(note.number), children: [number] }), tabRun()];
      return noteParagraphs(note.children, ctx, { text: S.noteText, continued: S.noteTextContinued, lead });
    }),
  ];
}
