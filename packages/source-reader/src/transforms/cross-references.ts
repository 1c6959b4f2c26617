/**
 * `:ref{#id}` prints the label of its target: 図表2 / Figure 2, or the
 * heading's number. A heading in another chapter than the reference prints
 * with its chapter (`2.（1）` in ja, from the template's
 * `referenceFromOtherChapter`). A word the text already has before the label
 * ("see section :ref{#id}", "see chapter :ref{#id}") is not printed twice. A label's spaces, and the
 * space between such a word and the label, do not break. Unknown targets are
 * errors.
 */
import { diagnostic, forEachInlines, isCjk, type Block, type Diagnostic, type Inline, type Note } from '@brief/document-model';
import type { HeadingPlaces } from './number-headings.js';

/**
 * Words that name what a label names, for a reference to a heading or to a
 * figure (figures and tables share one counter): "see chapter
 * :ref{#sec-2}" prints "see chapter 2", "in table :ref{#tab}" "in table 12",
 * 表:ref{#tab} 表12.
 */
const namingWords: Record<'heading' | 'figure', readonly string[]> = {
  heading: ['chapter', 'chapters', 'section', 'sections', 'subsection', 'subsections', 'part', 'parts', 'appendix', '§', '§§'],
  figure: ['figure', 'figures', 'fig.', 'figs.', 'table', 'tables', 'chart', 'map', 'graph', 'diagram', 'exhibit', '図表', '図', '表'],
};

/**
 * The label without its leading word when the text before it ends with that
 * word, or with another word naming the same kind of thing: "section" +
 * "Section 2" → "2", "chapter" + "Section 2" → "2".
 */
export function withoutRepeatedWord(before: string, label: string, kind?: 'heading' | 'figure'): string {
  const m = /^(\p{L}+)\s*(?=[\p{N}IVXLC（(])/u.exec(label);
  if (!m) return label;
  const tail = before.replace(/\s+$/, '').toLowerCase();
  const words = [m[1]!.toLowerCase(), ...(kind ? namingWords[kind] : [])];
  const given = words.find((word) => {
    if (!tail.endsWith(word)) return false;
    // A Japanese word (図表) follows any character: Japanese has no spaces between words.
    const japanese = [...word].every((ch) => isCjk(ch.codePointAt(0)!));
    return japanese || !/\p{L}/u.test(tail.charAt(tail.length - word.length - 1) || ' ');
  });
  return given === undefined ? label : label.slice(m[0].length);
}

export function resolveCrossReferences(body: Block[], notes: readonly Note[], diagnostics: Diagnostic[], places: HeadingPlaces = new Map()): void {
  const targets = new Map<string, { kind: 'heading' | 'figure'; text: string }>();
  for (const block of body) {
    if (block.kind === 'heading') targets.set(block.id, { kind: 'heading', text: block.refLabel || block.number });
    if (block.kind === 'figure' && block.id) targets.set(block.id, { kind: 'figure', text: block.label });
  }
  let chapter = 0;
  const visit = (inlines: Inline[]) => {
    inlines.forEach((node, i) => {
      if (node.kind === 'crossRef') {
        const id = node.targetId.replace(/^#/, '');
        node.targetId = id;
        const target = targets.get(id);
        if (!target) {
          diagnostics.push(
            diagnostic(
              'ref-unknown-target',
              'error',
              `cross-reference to unknown id "#${id}"`,
              node.source ?? { file: '?', start: { line: 1, column: 1 } },
              'use the id of a heading ({#id}) or a figure (:::figure{#id})',
            ),
          );
          node.text = `#${id}`;
        } else {
          node.targetKind = target.kind;
          const place = target.kind === 'heading' ? places.get(id) : undefined;
          const text = place && place.chapter !== chapter ? place.fromOtherChapter : target.text;
          const prev = inlines[i - 1];
          const label = prev?.kind === 'text' ? withoutRepeatedWord(prev.value, text, target.kind) : text;
          // A label does not break across lines: "Figure 4" keeps its space unbreakable, and so does
          // "section 2" where the text gives the word ("see section :ref{#id}").
          node.text = label.replace(/ /g, '\u00a0');
          if (prev?.kind === 'text' && label !== text) prev.value = prev.value.replace(/ $/, '\u00a0');
        }
      } else if ('children' in node && Array.isArray(node.children)) visit(node.children as Inline[]);
    });
  };
  for (const block of body) {
    if (block.kind === 'heading' && block.level === 1) chapter = places.get(block.id)?.chapter ?? chapter + 1;
    forEachInlines([block], visit);
  }
  for (const note of notes) {
    chapter = note.chapterId !== undefined ? (places.get(note.chapterId)?.chapter ?? 0) : 0;
    forEachInlines(note.children, visit);
  }
}
