/**
 * Ibid is decided by the pipeline from the note order; a 同上 or Ibid.
 * typed by hand is checked: an error when the note before has no single
 * citation for it to repeat, a warning otherwise (it could be that
 * citation's key, so it stays right when notes move). So is a short form
 * typed by hand for a work cited before (前掲注9, 前掲書, 上掲, supra note 9,
 * op. cit.): the house style prints a work cited again itself.
 */
import { diagnostic, type Diagnostic, type Inline, type Note, type SourceSpan } from '@brief/document-model';
import { ibidStrings } from '@brief/citations';
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

/** A typed short form and the note it points to (前掲注9: 9), if it names one. */
export interface ShortFormLiteral {
  literal: string;
  target?: number;
}

/**
 * The literal short form a note starts with, if any: 前掲, 前掲書, 前掲論文 or
 * 上掲, with the note it points to (前掲注9, 前掲注(9)), or supra note 9 /
 * op. cit.; an author's name may come before it (中林・前掲注9, Smith, supra
 * note 9), a locator after it ("前掲注9、89頁", "supra note 9, at 5"), but
 * not a sentence (「前掲の表によれば…」).
 */
export function literalShortForm(note: Note): ShortFormLiteral | undefined {
  const first = note.children[0];
  if (first?.kind !== 'paragraph') return undefined;
  const text = ownText(first.children).trim().normalize('NFKC');
  const m =
    /^(?:[^\s、。・,.]{1,20}・\s*)?((?:前掲|上掲)(?:書|論文)?(?:\s*[注註]\s*\(?\s*(\d+)\s*\)?)?)/u.exec(text) ??
    /^(?:[\p{L}.'’ -]{1,40},\s*)?((?:supra(?:\s+note\s+(\d+))?|op\.\s*cit\.?))(?![\p{L}-])/iu.exec(text);
  if (!m) return undefined;
  // What follows may be a locator ("前掲注9、5頁", "supra note 9, at 5"), not a sentence ("前掲の表によれば…") or a figure (上掲図1).
  const rest = text.slice(m[0].length).replace(/^[\s、,.。]+|[\s、,.。]+$/g, '');
  if (/^[のはがをにでとやも図表]/.test(rest) || rest.length > 24) return undefined;
  return { literal: m[1]!, ...(m[2] !== undefined ? { target: Number(m[2]) } : {}) };
}

/** What an edition prints as the ibid of a work (同上, or Ibid. for a foreign work). */
function ibidOf(input: ValidationInput, lang: string, key: string): string {
  return ibidStrings(key, { lang, style: languageStyle(input.template, lang), library: input.library }).ibid;
}

/** Whether a note is one citation and nothing else (what an ibid may follow). */
function citesAlone(note: Note): boolean {
  const only = note.children.length === 1 ? note.children[0] : undefined;
  return only?.kind === 'paragraph' && only.children.every((n) => n.kind === 'citation' || (n.kind === 'text' && /^[\s.。]*$/.test(n.value)));
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
      const shortForm = note.generated || literal !== undefined ? undefined : literalShortForm(note);
      const first = note.children[0];
      const at: SourceSpan = (first && 'source' in first ? first.source : undefined) ?? note.source ?? { file: input.files.get(doc.meta.lang) ?? doc.meta.id, start: { line: 1, column: 1 } };
      if (shortForm !== undefined) {
        out.push(shortFormDiagnostic(note, shortForm, doc.notes, at));
        // A literal ibid after it repeats the work it points to.
        const target = shortForm.target !== undefined && shortForm.target < note.number ? doc.notes.find((n) => n.number === shortForm.target) : undefined;
        referent = target ? singleKey(target) : undefined;
      } else if (literal !== undefined) {
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
              previous && !citesAlone(previous)
                ? `write [@${referent}] instead (with its locator, e.g. [@${referent}, p. 5]); it then prints in full, as note ${previous.number} has words of its own (${words[0]} follows only a note that cites the work alone)`
                : `write [@${referent}] instead (with its locator, e.g. [@${referent}, p. 5]); it is printed as ${ibidOf(input, doc.meta.lang, referent)} automatically`,
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

/** What a typed short form is told: the work of the note it points to, when that note cites one. */
function shortFormDiagnostic(note: Note, shortForm: ShortFormLiteral, notes: readonly Note[], at: SourceSpan): Diagnostic {
  const { literal, target } = shortForm;
  const prints = 'the house style prints a work cited again itself (in full, or in its short form where the style has one), and it stays right when notes move';
  if (target !== undefined && (target >= note.number || !notes.some((n) => n.number === target)))
    return diagnostic(
      'short-form-literal-invalid',
      'error',
      `note ${note.number} is a literal "${literal}", but note ${target} is not a note before it`,
      at,
      `cite the work again as [@key] (with its locator, e.g. [@key, p. 5]); ${prints}`,
    );
  const pointed = target !== undefined ? notes.find((n) => n.number === target) : undefined;
  const key = pointed ? singleKey(pointed) : undefined;
  if (key !== undefined)
    return diagnostic(
      'short-form-literal',
      'warning',
      `note ${note.number} is a literal "${literal}" pointing to @${key} of note ${target}`,
      at,
      `write [@${key}] instead (with its locator, e.g. [@${key}, p. 5]); ${prints}`,
    );
  return diagnostic(
    'short-form-literal',
    'warning',
    `note ${note.number} is a literal "${literal}", a short form for a work cited before, typed by hand`,
    at,
    `cite the work again as [@key] (with its locator, e.g. [@key, p. 5]); ${prints}`,
  );
}
