/**
 * Where a note mark stands against punctuation. Japanese sets it before the
 * full stop or comma (侵害である¹。); English sets it after (infringements.¹),
 * as Chicago (14.26) and Pandoc's note styles do. With the template's
 * `typography.noteMarkAfterPunctuation`, a mark written before full stops,
 * commas, colons, semicolons, question and exclamation marks or a closing
 * quotation mark is moved after them: `infringements [@key].` prints
 * infringements.¹ and `"polite" [^2].` “polite”.² A mark is not moved past
 * a closing bracket (a note on the words in brackets), nor next to another
 * mark (¹² would read as one number).
 */
import { forEachInlines, type Block, type Inline, type Note } from '@brief/document-model';

const trailing = /^[.,;:!?…”’"']+/u;

function moveMarks(inlines: Inline[]): void {
  for (let i = 0; i + 1 < inlines.length; i++) {
    const node = inlines[i]!;
    if ('children' in node && Array.isArray(node.children)) moveMarks(node.children as Inline[]);
    const next = inlines[i + 1]!;
    if (node.kind !== 'noteRef' || next.kind !== 'text') continue;
    const m = trailing.exec(next.value);
    if (!m) continue;
    const rest = next.value.slice(m[0].length);
    if (rest === '' && inlines[i + 2]?.kind === 'noteRef') continue;
    const after: Inline[] = rest === '' ? [] : [{ ...next, value: rest }];
    // The punctuation joins the text before the mark, so that the word and its full stop are one
    // run (kerned together: far.¹, not far. ¹ with the kerning's room left before the mark).
    const before = inlines[i - 1];
    if (before?.kind === 'text') {
      inlines.splice(i - 1, 3, { ...before, value: before.value + m[0] }, node, ...after);
      continue;
    }
    inlines.splice(i, 2, { kind: 'text', value: m[0] }, node, ...after);
    i++;
  }
}

/** Move note marks after the punctuation that follows them, in the body (notes hold no marks of their own). */
export function placeMarksAfterPunctuation(body: readonly Block[], notes: readonly Note[]): void {
  forEachInlines(body, moveMarks);
  for (const note of notes) forEachInlines(note.children, moveMarks);
}
