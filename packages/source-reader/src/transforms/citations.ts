/**
 * Citations: unknown keys are errors; ibid is decided from the final note
 * order (never stored in the source); each citation gets its rendered text
 * in the edition's house style.
 */
import { diagnostic, forEachInlines, type CitationInline, type Diagnostic, type Inline, type Note } from '@brief/document-model';
import { ibidApplies, renderCitation, type ReferenceLibrary } from '@brief/citations';
import type { LanguageStyle } from '@brief/templates';

export function citationsOf(note: Note): CitationInline[] {
  const found: CitationInline[] = [];
  const visit = (inlines: readonly Inline[]) => {
    for (const node of inlines) {
      if (node.kind === 'citation') found.push(node);
      else if ('children' in node && Array.isArray(node.children)) visit(node.children as Inline[]);
    }
  };
  forEachInlines(note.children, visit);
  return found;
}

/** Whether a note holds nothing but its citations (and punctuation). */
export function isCitationOnly(note: Note): boolean {
  if (note.children.length !== 1) return false;
  const para = note.children[0]!;
  if (para.kind !== 'paragraph') return false;
  return para.children.every((n) => n.kind === 'citation' || (n.kind === 'text' && /^[\s。.、,]*$/.test(n.value)));
}

export function renderNoteCitations(
  notes: readonly Note[],
  library: ReferenceLibrary,
  style: LanguageStyle,
  diagnostics: Diagnostic[],
): void {
  let previous: CitationInline | undefined;
  for (const note of notes) {
    const cites = citationsOf(note);
    for (const cite of cites) {
      for (const item of cite.items) {
        if (!library.items.has(item.key))
          diagnostics.push(
            diagnostic('citation-unknown-key', 'error', `citation key "@${item.key}" is not in the references`, cite.source ?? { file: '?', start: { line: 1, column: 1 } }, library.file ? `add it to ${library.file} or fix the key` : 'add a references.yaml with this id'),
          );
      }
    }
    const single = cites.length === 1 ? cites[0] : undefined;
    for (const cite of cites) {
      cite.ibid = cite === single && isCitationOnly(note) && ibidApplies(previous?.items, cite.items);
      // Ibid repeats the locator only where it differs from the previous note's.
      const sameLocator = cite.ibid && previous?.items[0]?.locator === cite.items[0]?.locator;
      const items = sameLocator ? cite.items.map(({ locator: _l, ...rest }) => rest) : cite.items;
      cite.rendered = renderCitation(items, cite.ibid, { lang: style.lang, style, library });
    }
    previous = single && single.items.length === 1 ? single : undefined;
  }
}
