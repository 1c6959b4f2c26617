import { describe, expect, it } from 'vitest';
import type { Block, Inline } from '@brief/document-model';
import { placeMarksAfterPunctuation } from './note-marks.js';

const mark = (n: number): Inline => ({ kind: 'noteRef', noteId: `n${n}`, number: n });
const text = (value: string): Inline => ({ kind: 'text', value });
const flat = (inlines: readonly Inline[]): string => inlines.map((n) => (n.kind === 'text' ? n.value : n.kind === 'noteRef' ? `^${n.number}` : '')).join('');

function placed(...inlines: Inline[]): string {
  return placedWith(false, ...inlines);
}

function placedWith(intoQuotes: boolean, ...inlines: Inline[]): string {
  const body: Block[] = [{ kind: 'paragraph', children: inlines }];
  placeMarksAfterPunctuation(body, [], intoQuotes);
  return flat((body[0] as { children: Inline[] }).children);
}

describe('note marks after punctuation', () => {
  it('follow a full stop, comma, colon or closing quote', () => {
    expect(placed(text('infringements'), mark(1), text('. Next'))).toBe('infringements.^1 Next');
    expect(placed(text('first'), mark(2), text(', second'), mark(3), text(';'))).toBe('first,^2 second;^3');
    expect(placed(text('“polite'), mark(4), text('”.'))).toBe('“polite”.^4');
  });

  it('stay before a closing bracket or a dash, and apart from another mark', () => {
    expect(placed(text('(see X'), mark(1), text(').'))).toBe('(see X^1).');
    expect(placed(text('word'), mark(2), text(' — more'))).toBe('word^2 — more');
    expect(placed(text('scales”'), mark(3), text('.'), mark(4))).toBe('scales”^3.^4');
  });

  it('joins the punctuation to the text before the mark, so that the two are set (and kerned) as one run', () => {
    const body: Block[] = [{ kind: 'paragraph', children: [text('Aa far'), mark(1), text('. Bb day'), mark(2), text('.')] }];
    placeMarksAfterPunctuation(body, []);
    expect((body[0] as { children: Inline[] }).children).toEqual([text('Aa far.'), mark(1), text(' Bb day.'), mark(2)]);
  });
});

describe('note marks after punctuation, full stops and commas inside quotation marks (en)', () => {
  it('move a full stop or comma inside the closing quotation mark before the mark, curly or straight', () => {
    expect(placedWith(true, text('invasion of privacy possible”'), mark(17), text('.'))).toBe('invasion of privacy possible.”^17');
    expect(placedWith(true, text('made “possible"'), mark(1), text('. Next'))).toBe('made “possible."^1 Next');
    expect(placedWith(true, text('“polite”'), mark(2), text(', and so on'))).toBe('“polite,”^2 and so on');
    expect(placedWith(true, text('“polite'), mark(4), text('”.'))).toBe('“polite.”^4');
  });

  it('leave other punctuation outside, a quotation that ends with its own, and Japanese brackets', () => {
    expect(placedWith(true, text('“quoted”'), mark(1), text(': colon'))).toBe('“quoted”:^1 colon');
    expect(placedWith(true, text('“Why?”'), mark(2), text('.'))).toBe('“Why?”.^2');
    expect(placedWith(true, text('the states’'), mark(3), text('.'))).toBe('the states’.^3');
    expect(placedWith(true, text('「侵害」'), mark(4), text('.'))).toBe('「侵害」.^4');
    // Without the style's punctuationInQuote (British usage), the full stop stays outside.
    expect(placedWith(false, text('possible”'), mark(5), text('.'))).toBe('possible”.^5');
  });
});
