/**
 * Notes as XHTML trees: each an aside after its chapter's text, opened by
 * a rule (page-foot notes) or a heading (chapter-end notes).
 */
import type { Note } from '@brief/document-model';
import { noteBackLinkName, type NotePlacement } from '@brief/templates';
import { x } from 'xastscript';
import { blockNodes } from './blocks.js';
import { hrefTo, inlineNodes, textNodes, type Ctx } from './inlines.js';
import { noteId } from './plan.js';
import { line, text, type Fragment } from './markup.js';

/** One note: an aside with a back-link (the note number) to its first mark. */
function noteNodes(note: Note, ctx: Ctx): Fragment {
  const mark = ctx.links.firstMark.get(note.number);
  const label = noteBackLinkName(ctx.style.strings, note.number);
  const number = mark
    ? x('a', { class: 'note-number', role: 'doc-backlink', href: hrefTo(ctx, mark.file, mark.id), 'aria-label': label }, String(note.number))
    : x('span', { class: 'note-number' }, String(note.number));
  const [first, ...rest] = note.children;
  const body =
    first?.kind === 'paragraph'
      ? [...line(x('p', [number, text(' '), ...inlineNodes(first.children, ctx)])), ...blockNodes(rest, ctx)]
      : [...line(x('p', [number])), ...blockNodes(note.children, ctx)];
  return line(x('aside', { 'epub:type': 'footnote', role: 'doc-footnote', id: noteId(note.number), class: 'footnote' }, [text('\n'), ...body]));
}

/**
 * The notes of one chapter, after its text. With page-foot notes (the printed
 * edition sets them at the foot of each page) a short rule opens them, as on
 * the printed page; with chapter-end notes a heading (`strings.notes`) does,
 * as in the printed edition.
 */
export function notesNodes(notes: readonly Note[], ctx: Ctx, placement: NotePlacement = 'page-foot'): Fragment {
  if (notes.length === 0) return [];
  const asides = notes.flatMap((n) => noteNodes(n, ctx));
  if (placement === 'chapter-end') {
    const id = `notes-${ctx.file.replace(/\.xhtml$/, '')}`;
    return line(
      x('section', { class: 'footnotes chapter-end', 'epub:type': 'footnotes', 'aria-labelledby': id }, [
        text('\n'),
        ...line(x('h2', { id, class: 'notes-heading' }, textNodes(ctx.style.strings.notes, ctx))),
        ...asides,
      ]),
    );
  }
  return line(x('section', { class: 'footnotes', 'epub:type': 'footnotes', 'aria-label': ctx.style.strings.notes }, [text('\n'), ...asides]));
}
