/**
 * In a style that sets commas and full stops inside closing quotation marks
 * (en: `terms.punctuationInQuote`), one typed right after a citation or a
 * cross-reference that ends with a quoted title moves inside its mark:
 * `see [@notice], and` prints “… Notice,” and; `see :ref{#sec-data}.` prints
 * see “Appendix: Data.”
 */
import { forEachInlines, type Block, type Inline, type Note } from '@brief/document-model';

export function punctuationIntoQuotes(body: Block[], notes: readonly Note[]): void {
  forEachInlines(body, moveInto);
  for (const note of notes) forEachInlines(note.children, moveInto);
}

const endsQuoted = /[^.,]”$/;

function moveInto(inlines: Inline[]): void {
  inlines.forEach((node, i) => {
    const next = inlines[i + 1];
    const mark = next?.kind === 'text' && /^[.,]/.test(next.value) ? next.value[0]! : undefined;
    if (node.kind === 'citation') {
      const last = node.rendered[node.rendered.length - 1];
      if (!mark || last?.kind !== 'text' || !endsQuoted.test(last.value)) return;
      node.rendered = [...node.rendered.slice(0, -1), { ...last, value: `${last.value.slice(0, -1)}${mark}”` }];
    } else if (node.kind === 'crossRef') {
      if (!mark || !endsQuoted.test(node.text)) return;
      node.text = `${node.text.slice(0, -1)}${mark}”`;
    } else {
      if ('children' in node && Array.isArray(node.children)) moveInto(node.children as Inline[]);
      return;
    }
    inlines[i + 1] = { ...(next as Extract<Inline, { kind: 'text' }>), value: (next as Extract<Inline, { kind: 'text' }>).value.slice(1) };
  });
}
