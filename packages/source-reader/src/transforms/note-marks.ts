/**
 * Where a note mark stands against punctuation. Japanese sets it before the
 * full stop or comma (侵害である¹。); English sets it after (infringements.¹),
 * as Chicago (14.26) and Pandoc's note styles do. With the template's
 * `typography.noteMarkAfterPunctuation`, a mark written before full stops,
 * commas, colons, semicolons, question and exclamation marks or a closing
 * quotation mark is moved after them: `infringements [@key].` prints
 * infringements.¹ and `"polite" [^2].` “polite”.² A mark is not moved past
 * a closing bracket (a note on the words in brackets), nor next to another
 * mark (¹² would read as one number). In a style that sets full stops and
 * commas inside closing quotation marks (en: `terms.punctuationInQuote`), a
 * full stop or comma so moved goes inside a closing double quotation mark
 * before it, as Chicago (6.9) sets it: `"possible" [@key].` prints
 * “possible.”¹, not “possible”.¹ (not after a question or exclamation mark,
 * which ends the quotation itself).
 */
import { forEachInlines, type Block, type Inline, type Note } from '@brief/document-model';

const trailing = /^[.,;:!?…”’"']+/u;

/** A closing double quotation mark, straight or curly, after the quotation's last character (not after its own punctuation). */
const closingQuote = /[^\s.,;:!?…]["”]$/u;

function moveMarks(inlines: Inline[], intoQuotes: boolean): void {
  for (let i = 0; i + 1 < inlines.length; i++) {
    const node = inlines[i]!;
    if ('children' in node && Array.isArray(node.children)) moveMarks(node.children as Inline[], intoQuotes);
    const next = inlines[i + 1]!;
    if (node.kind !== 'noteRef' || next.kind !== 'text') continue;
    const m = trailing.exec(next.value);
    if (!m) continue;
    const rest = next.value.slice(m[0].length);
    if (rest === '' && inlines[i + 2]?.kind === 'noteRef') continue;
    let moved = m[0];
    const before = inlines[i - 1];
    if (intoQuotes && before?.kind === 'text') {
      // The quotation closes after the mark (“polite¹”.): its full stop goes inside it.
      if (/^["”][.,]$/u.test(moved) && /[^\s.,;:!?…]$/u.test(before.value)) moved = `${moved[1]}${moved[0]}`;
      // The quotation closes before the mark (“possible”¹.): the full stop goes inside it.
      else if (/^[.,]$/u.test(moved) && closingQuote.test(before.value)) {
        inlines[i - 1] = { ...before, value: `${before.value.slice(0, -1)}${moved}${before.value.slice(-1)}` };
        moved = '';
      }
    }
    const after: Inline[] = rest === '' ? [] : [{ ...next, value: rest }];
    // The punctuation joins the text before the mark, so that the word and its full stop are one
    // run (kerned together: far.¹, not far. ¹ with the kerning's room left before the mark).
    const prior = inlines[i - 1];
    if (moved !== '' && prior?.kind === 'text') {
      inlines.splice(i - 1, 3, { ...prior, value: prior.value + moved }, node, ...after);
      continue;
    }
    const punctuation: Inline[] = moved === '' ? [] : [{ kind: 'text', value: moved }];
    inlines.splice(i, 2, ...punctuation, node, ...after);
    if (moved !== '') i++;
  }
}

/**
 * Move note marks after the punctuation that follows them, in the body (notes hold no marks of their own);
 * with `intoQuotes`, a full stop or comma goes inside a closing quotation mark too.
 */
export function placeMarksAfterPunctuation(body: readonly Block[], notes: readonly Note[], intoQuotes = false): void {
  const move = (inlines: Inline[]) => moveMarks(inlines, intoQuotes);
  forEachInlines(body, move);
  for (const note of notes) forEachInlines(note.children, move);
}
