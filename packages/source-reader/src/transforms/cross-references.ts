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
import { closest } from '../suggest.js';

/**
 * Words that name a heading whatever its label says: its number identifies
 * it, so "see chapter :ref{#sec-2}" prints "see chapter 2" where the label
 * is "Section 2". A figure's label is kept unless the text gives its own
 * word (figures and tables share one counter: "table 12" would send the
 * reader looking for a caption that says "Figure 12").
 */
const headingWords = ['chapter', 'chapters', 'section', 'sections', 'subsection', 'subsections', 'part', 'parts', 'appendix', 'appendices', '§', '§§'];
/** Other words for a figure or table than its label's: the text names it so, the caption otherwise (`ref-word-mismatch`). */
const figureWords = ['figure', 'figures', 'fig.', 'figs.', 'table', 'tables', 'chart', 'charts', 'exhibit', 'exhibits', 'map', 'maps', 'graph', 'graphs', 'diagram', 'diagrams', '図表', '図', '表'];

/** The word of `words` the text ends with (a Latin word whole; a Japanese word after any character). */
function endingWord(before: string, words: readonly string[]): string | undefined {
  const tail = before.replace(/\s+$/, '').toLowerCase();
  // The longest first: 図表 before 表.
  return [...words]
    .sort((a, b) => b.length - a.length)
    .find((word) => {
      if (!tail.endsWith(word)) return false;
      const japanese = [...word].every((ch) => isCjk(ch.codePointAt(0)!));
      return japanese || !/\p{L}/u.test(tail.charAt(tail.length - word.length - 1) || ' ');
    });
}

/** The word a label starts with (Figure 2 → Figure, Appendix A → Appendix, Section A.1 → Section), and the rest. */
function labelWord(label: string): { word: string; rest: string } | undefined {
  const m = /^(\p{L}+)\s*(?=[\p{N}IVXLC（(]|[A-Z](?:$|[.\d]))/u.exec(label);
  return m ? { word: m[1]!, rest: label.slice(m[0].length) } : undefined;
}

/**
 * The label without its leading word when the text before it ends with that
 * word (or its plural), or, for a heading, with any word naming a heading:
 * "section" + "Section 2" → "2", "chapter" + "Section 2" → "2",
 * "exhibits" + "Exhibit 7" → "7".
 */
export function withoutRepeatedWord(before: string, label: string, kind?: 'heading' | 'figure'): string {
  const parts = labelWord(label);
  if (!parts) return label;
  const own = parts.word.toLowerCase();
  const words = [own, `${own}s`, ...(kind === 'heading' ? headingWords : [])];
  return endingWord(before, words) === undefined ? label : parts.rest;
}

/** A list of references after one that gave its word in the plural: "tables :ref{#a} and :ref{#b}" prints "tables 5 and 6". */
const listJoin = /^\s*(?:,|,?\s*and|,?\s*or|&|、|と|及び|および|や)\s*$/u;

/** "did you mean #sec-probe?" for an id that differs from one of the edition's by case or a slip. */
function suggestion(id: string, ids: Iterable<string>): string | undefined {
  const all = [...ids];
  const near = all.find((other) => other.toLowerCase() === id.toLowerCase()) ?? closest(id, all);
  return near ? `did you mean #${near}? (ids are matched exactly, case included)` : undefined;
}

export function resolveCrossReferences(body: Block[], notes: readonly Note[], diagnostics: Diagnostic[], places: HeadingPlaces = new Map(), unread: ReadonlySet<string> = new Set()): void {
  const targets = new Map<string, { kind: 'heading' | 'figure'; text: string; title?: true }>();
  for (const block of body) {
    // An unnumbered heading is referred to by its title.
    if (block.kind === 'heading') targets.set(block.id, { kind: 'heading', text: block.refLabel || block.number, ...(block.unnumbered ? { title: true as const } : {}) });
    if (block.kind === 'figure' && block.id) targets.set(block.id, { kind: 'figure', text: block.label });
  }
  let chapter = 0;
  const visit = (inlines: Inline[]) => {
    // Whether the reference before (in this run of inlines) left out its label's word after a plural
    // (or Japanese) word: the references listed after it leave it out too.
    let bare = false;
    inlines.forEach((node, i) => {
      if (node.kind === 'crossRef') {
        const id = node.targetId.replace(/^#/, '');
        node.targetId = id;
        const target = targets.get(id);
        if (!target) {
          // The id of a figure whose opening line could not be read (`directive-attributes`, told there) is not told again.
          if (!unread.has(id))
            diagnostics.push(
              diagnostic(
                'ref-unknown-target',
                'error',
                `cross-reference to unknown id "#${id}"`,
                node.source ?? { file: '?', start: { line: 1, column: 1 } },
                suggestion(id, targets.keys()) ?? 'use the id of a heading ({#id}) or a figure (:::figure{#id})',
              ),
            );
          node.text = `#${id}`;
        } else {
          node.targetKind = target.kind;
          const place = target.kind === 'heading' ? places.get(id) : undefined;
          const text = place && place.chapter !== chapter ? place.fromOtherChapter : target.text;
          const prev = inlines[i - 1];
          const inList = bare && prev?.kind === 'text' && inlines[i - 2]?.kind === 'crossRef' && listJoin.test(prev.value);
          const label = inList ? (labelWord(text)?.rest ?? text) : prev?.kind === 'text' ? withoutRepeatedWord(prev.value, text, target.kind) : text;
          const given = prev?.kind === 'text' ? endingWord(prev.value, [...headingWords, ...figureWords, `${labelWord(text)?.word.toLowerCase()}s`]) : undefined;
          bare = label !== text && (inList || (given !== undefined && (/s$/.test(given) || isCjk(given.codePointAt(0)!))));
          if (target.kind === 'figure' && label === text && prev?.kind === 'text') {
            const word = endingWord(prev.value, figureWords);
            const own = labelWord(text)?.word.toLowerCase();
            // "fig." is short for "figure"; 図 is not 図表.
            const short = word !== undefined && /^\p{Script=Latin}/u.test(word) && own?.startsWith(word.replace(/s$|\.$/, ''));
            // The word as typed ("Table", not "table").
            const typed = word === undefined ? undefined : prev.value.replace(/\s+$/, '').slice(-word.length);
            if (word !== undefined && own !== undefined && !short)
              diagnostics.push(
                diagnostic(
                  'ref-word-mismatch',
                  'warning',
                  `the text calls #${id} "${typed}", but its label is "${text}": it prints "${typed} ${text}"`,
                  node.source ?? { file: '?', start: { line: 1, column: 1 } },
                  `leave "${typed}" out (:ref prints the label) or write "${labelWord(text)?.word}"; figures and tables are numbered together`,
                ),
              );
          }
          // A label does not break across lines: "Figure 4" keeps its space unbreakable, and so does
          // "section 2" where the text gives the word ("see section :ref{#id}").
          node.text = target.title ? label : label.replace(/ /g, '\u00a0');
          // A number's full stop gives way to the punctuation after it: 経緯は2。, not 2.。 ("see 2.", not "2..").
          const next = inlines[i + 1];
          if (target.kind === 'heading' && node.text.endsWith('.') && next?.kind === 'text' && /^[.,;:。、，．；：]/u.test(next.value)) node.text = node.text.slice(0, -1);
          if (prev?.kind === 'text' && label !== text) prev.value = prev.value.replace(/ $/, '\u00a0');
          // A Japanese label's word written before it (図表:ref{#fig}) joins the label, which is one unit
          // (図表1, never 図表| 1) and one link.
          const own = labelWord(text)?.word;
          if (prev?.kind === 'text' && !inList && own && label !== text && isCjk(own.codePointAt(0)!) && prev.value.endsWith(own)) {
            prev.value = prev.value.slice(0, -own.length);
            node.text = text;
          }
          // A Latin word typed before the label in the singular (see figure :ref{#fig}, see section :ref{#sec})
          // joins it too: the link is the whole reference, as typed, not its number alone.
          const typed = prev?.kind === 'text' && !inList && !bare && own && label !== text && !isCjk(own.codePointAt(0)!) ? /(?:^|[^\p{L}])(\p{L}+)\u00a0$/u.exec(prev.value)?.[1] : undefined;
          if (prev?.kind === 'text' && typed !== undefined) {
            prev.value = prev.value.slice(0, -(typed.length + 1));
            node.text = `${typed}\u00a0${node.text}`;
          }
          // A label printed without its word (図表1、2; figures 1 and 2) names the whole label for screen readers.
          if (own && !/\p{L}/u.test(node.text)) node.name = text.replace(/ /g, '\u00a0');
          // A label that is a word alone (a report's only appendix: Appendix, 付録), typed before it too, is printed
          // once: the word typed gives way to the label, which is the link.
          if (target.kind === 'heading' && prev?.kind === 'text' && !labelWord(text) && /^\p{L}+$/u.test(text) && endingWord(prev.value, [text.toLowerCase()]) !== undefined) {
            const typed = prev.value.replace(/\s+$/, '');
            prev.value = `${typed.slice(0, typed.length - text.length)}`;
            node.text = text;
          }
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
