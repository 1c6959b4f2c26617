/**
 * Citations: unknown keys are errors; ibid is decided from the final note
 * order (never stored in the source); each citation gets its rendered text
 * in the edition's house style.
 */
import { diagnostic, forEachInlines, inlineText, type CitationInline, type Diagnostic, type Inline, type Note } from '@brief/document-model';
import { decideIbid, renderCitation, type ReferenceLibrary } from '@brief/citations';
import type { LanguageStyle } from '@brief/templates';
import { closest } from '../suggest.js';

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

/** Whether a citation is the last thing (but white space) in a paragraph of its note. */
function endsParagraph(note: Note, cite: CitationInline): boolean {
  return note.children.some((block) => {
    if (block.kind !== 'paragraph') return false;
    const inlines = block.children.filter((n) => !(n.kind === 'text' && n.value.trim() === ''));
    return inlines[inlines.length - 1] === cite;
  });
}

/** Whether a citation is the first thing (but white space) in its note. */
function startsNote(note: Note, cite: CitationInline): boolean {
  const first = note.children[0];
  if (first?.kind !== 'paragraph') return false;
  return first.children.find((n) => !(n.kind === 'text' && n.value.trim() === '')) === cite;
}

/** The run of inlines a citation stands in (a paragraph's, or an emphasis's inside it), and its place there. */
function placeOf(note: Note, cite: CitationInline): { run: Inline[]; at: number } | undefined {
  let found: { run: Inline[]; at: number } | undefined;
  const visit = (inlines: Inline[]) => {
    inlines.forEach((node, at) => {
      if (node === cite) found = { run: inlines, at };
      else if ('children' in node && Array.isArray(node.children)) visit(node.children as Inline[]);
    });
  };
  forEachInlines(note.children, visit);
  return found;
}

/**
 * A citation written as a sentence of its own in a note: straight after the
 * end of a sentence (`see the survey.[@key] The figures…`), after one and a
 * space (`see the survey. [@key] The figures…`), or at the start of the
 * note or of one of its paragraphs (`[@key] The book…`). Written straight
 * after a full stop, it is set apart by a space. It ends with the note's
 * closing point when a new sentence follows it. Returns whether it ends
 * such a sentence.
 */
function standsAlone(note: Note, cite: CitationInline): boolean {
  const place = placeOf(note, cite);
  if (!place) return false;
  const before = place.run[place.at - 1];
  const opensParagraph =
    (before === undefined || (place.at === 1 && before.kind === 'text' && before.value.trim() === '')) && note.children.some((block) => block.kind === 'paragraph' && block.children === place.run);
  if (!opensParagraph) {
    if (before?.kind !== 'text' || !/[.!?][”’"')]?\s*$/u.test(before.value)) return false;
    if (!/\s$/u.test(before.value)) before.value += ' ';
  }
  const after = place.run[place.at + 1];
  return after?.kind === 'text' && /^\s+["“‘(]?\p{Lu}/u.test(after.value);
}

/** Upper-case the first letter of inline content (in its first text run). */
function capitalizeFirst(inlines: Inline[]): void {
  for (const node of inlines) {
    if (node.kind === 'text') {
      if (node.value.trim() === '') continue;
      node.value = node.value.replace(/^(\s*)(\p{Ll})/u, (_m, space: string, letter: string) => space + letter.toUpperCase());
      return;
    }
    if ('children' in node && Array.isArray(node.children)) return capitalizeFirst(node.children as Inline[]);
    return;
  }
}

/**
 * Words after which a citation in a note's sentence reads as meant: signals
 * (see, cf.), prepositions (in, by, from) and the verbs that name a source
 * (quoted in, reported by).
 */
const citingWords = new Set(
  'see also cf cf. compare contra accord e.g. e.g., i.e. generally and or in by from of on at to with per following after under via including especially notably quoted cited citing quoting reprinted translated reported discussed described summarized summarised edited'.split(
    ' ',
  ),
);

/**
 * A citation written straight after a word of a note's sentence (`…for its
 * low cost [@smith].`), or after a number (`…applied 47 U.S.C. § 253
 * [@nixon].`), prints inside that sentence (…low cost Jane Smith, *Pipes*…):
 * Pandoc would put it in parentheses, and an editor would too.
 * Said for the editions whose words are spaced (not Japanese, whose notes
 * run citations into their sentences as written: 〜とされる[@x]).
 */
function proseCitation(note: Note, cite: CitationInline, style: LanguageStyle): string | undefined {
  if (cite.narrative || style.typography.interScriptSpaceEm > 0) return undefined;
  const place = placeOf(note, cite);
  const before = place?.run[place.at - 1];
  if (before?.kind !== 'text') return undefined;
  // A word, or a number with the section sign before it (47 U.S.C. § 253, in 2019).
  const word = /((?:§§?\s?)?[\p{L}\p{N}][\p{L}\p{N}'’.-]*)\s+$/u.exec(before.value)?.[1];
  // A word with its full stop ends a sentence: the citation after it is a sentence of its own (see standsAlone).
  if (!word || citingWords.has(word.toLowerCase()) || /^\p{Lu}/u.test(word) || word.endsWith('.')) return undefined;
  // A signal of two words: see again.
  if (word.toLowerCase() === 'again' && /\bsee\s+again\s+$/i.test(before.value)) return undefined;
  return word;
}

/** Render every citation of the notes, in final note order (ibid: `decideIbid`). */
export function renderNoteCitations(notes: readonly Note[], library: ReferenceLibrary, style: LanguageStyle, diagnostics: Diagnostic[], ids: ReadonlySet<string> = new Set()): void {
  const cites = notes.map(citationsOf);
  // A references file that could not be read is reported once, as itself; its keys are not "unknown".
  for (const cite of library.unreadable ? [] : cites.flat()) {
    for (const item of cite.items) {
      if (library.items.has(item.key) || library.unread?.has(item.key)) continue;
      // A key one slip away from a reference's (cbo2017 for cbo-2017, a case changed).
      const near = ids.has(item.key) ? undefined : ([...library.items.keys()].find((k) => k.toLowerCase() === item.key.toLowerCase()) ?? closest(item.key, library.items.keys()));
      diagnostics.push(
        diagnostic(
          'citation-unknown-key',
          'error',
          `citation key "@${item.key}" is not in the references`,
          cite.source ?? { file: '?', start: { line: 1, column: 1 } },
          // `[@fig-1]`: a cross-reference as Pandoc and Quarto write it.
          ids.has(item.key)
            ? `it names #${item.key} of this edition: write :ref{#${item.key}} to print its label`
            : near !== undefined
              ? `did you mean @${near}? (keys are matched exactly, case included)`
              : library.file
                ? `add it to ${library.file} or fix the key`
                : 'add a references.yaml with this id',
        ),
      );
    }
  }
  const decisions = decideIbid(notes.map((note, i) => ({ citations: cites[i]!.map((c) => c.items), citationOnly: isCitationOnly(note) })));
  // Works cited so far: a later citation of one prints in the template's short form.
  const citedBefore = new Set<string>();
  notes.forEach((note, i) => {
    const decision = decisions[i]!;
    for (const cite of cites[i]!) {
      cite.ibid = decision.ibid;
      const endsSentence = standsAlone(note, cite);
      cite.rendered = renderCitation(decision.items ?? cite.items, decision.ibid, {
        lang: style.lang,
        style,
        library,
        endsParagraph: endsParagraph(note, cite) || endsSentence,
        citedBefore,
      });
      for (const item of cite.items) citedBefore.add(item.key);
      // A citation that ends with a full stop of its own (Ibid., Inc., et al.) takes none more from the text after it.
      if (inlineText(cite.rendered).endsWith('.')) {
        const place = placeOf(note, cite);
        const next = place?.run[place.at + 1];
        if (next?.kind === 'text' && next.value.startsWith('.') && !next.value.startsWith('..')) next.value = next.value.slice(1);
      }
      const word = proseCitation(note, cite, style);
      if (word !== undefined)
        diagnostics.push(
          diagnostic(
            'citation-in-note-prose',
            'warning',
            `this citation follows "${word}" in the note's sentence and prints as part of it ("${word} ${inlineText(cite.rendered).slice(0, 40)}…")`,
            cite.source ?? { file: '?', start: { line: 1, column: 1 } },
            'put it in parentheses, ([@key]), or after the sentence as a sentence of its own; or write @key to name the work in the sentence',
          ),
        );
      // A note begins with a capital: `[see @key]` as a note of its own prints "See …".
      if (startsNote(note, cite) && /^\p{Ll}/u.test(cite.items[0]?.prefix ?? '')) capitalizeFirst(cite.rendered);
    }
  });
}
