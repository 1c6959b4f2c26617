/**
 * Ibid is decided by the pipeline from the note order; a 同上 or Ibid.
 * typed by hand is checked: an error when the note before has no single
 * citation for it to repeat, a warning otherwise (it could be that
 * citation's key, so it stays right when notes move).
 */
import { diagnostic, type Diagnostic, type Inline, type Note, type SourceSpan } from '@brief/document-model';
import { languageStyle } from '@brief/templates';
import type { ValidationInput } from './index.js';
import { citationsOfNote } from './util.js';

/** Plain text a note holds outside its citations. */
function ownText(inlines: readonly Inline[]): string {
  let out = '';
  for (const node of inlines) {
    if (node.kind === 'text' || node.kind === 'code') out += node.value;
    else if (node.kind === 'citation' || node.kind === 'noteRef' || node.kind === 'crossRef' || node.kind === 'lineBreak') out += ' ';
    else out += ownText(node.children);
  }
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The literal ibid a note starts with (同上, Ibid., or the template's word), if any. */
export function literalIbid(note: Note, words: readonly string[]): string | undefined {
  const first = note.children[0];
  if (first?.kind !== 'paragraph') return undefined;
  const text = ownText(first.children).trimStart();
  const alternatives = [...new Set(['同上', 'ibid', ...words.map((w) => w.replace(/[.,。、]+$/, ''))])].filter(Boolean).map(escapeRegExp);
  const m = new RegExp(`^(?:${alternatives.join('|')})(?![A-Za-z])\\.?`, 'i').exec(text);
  if (!m) return undefined;
  // What follows may be a locator ("同上、5頁", "Ibid., p. 5"), not a sentence ("同上の理由により…").
  const rest = text.slice(m[0].length).replace(/^[\s、,.。]+|[\s、,.。]+$/g, '');
  if (/^[のはがをにでと]/.test(rest) || rest.length > 24) return undefined;
  return m[0];
}

/** The key of a note's single citation of a single work, if it has exactly one. */
function singleKey(note: Note): string | undefined {
  const cites = citationsOfNote(note);
  return cites.length === 1 && cites[0]!.items.length === 1 ? cites[0]!.items[0]!.key : undefined;
}

export function checkLiteralIbid(input: ValidationInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const doc of input.editions) {
    const words = [languageStyle(input.template, doc.meta.lang).strings.ibid];
    // What a literal ibid in the next note would repeat.
    let referent: string | undefined;
    let previous: Note | undefined;
    for (const note of doc.notes) {
      const literal = note.generated ? undefined : literalIbid(note, words);
      const first = note.children[0];
      const at: SourceSpan = (first && 'source' in first ? first.source : undefined) ?? note.source ?? { file: input.files.get(doc.meta.lang) ?? doc.meta.id, start: { line: 1, column: 1 } };
      if (literal !== undefined) {
        if (referent === undefined) {
          const before = previous ? `note ${previous.number} before it has no single citation to repeat` : 'it is the first note, with nothing before it to repeat';
          out.push(
            diagnostic(
              'ibid-literal-invalid',
              'error',
              `note ${note.number} is a literal "${literal}", but ${before}`,
              at,
              'write the citation itself as [@key] (同上 / Ibid. is printed automatically where it applies)',
            ),
          );
        } else {
          out.push(
            diagnostic(
              'ibid-literal',
              'warning',
              `note ${note.number} is a literal "${literal}" repeating @${referent} of note ${previous?.number}`,
              at,
              `write [@${referent}] instead (with its locator, e.g. [@${referent}, p. 5]); it is printed as ${words[0]} automatically`,
            ),
          );
        }
        // A chain of literal ibids keeps repeating the same work.
      } else {
        referent = singleKey(note);
      }
      previous = note;
    }
  }
  return out;
}
