import { describe, expect, it } from 'vitest';
import type { Block, Inline } from '@brief/document-model';
import { placeMarksAfterPunctuation } from './note-marks.js';

const mark = (n: number): Inline => ({ kind: 'noteRef', noteId: `n${n}`, number: n });
const text = (value: string): Inline => ({ kind: 'text', value });
const flat = (inlines: readonly Inline[]): string => inlines.map((n) => (n.kind === 'text' ? n.value : n.kind === 'noteRef' ? `^${n.number}` : '')).join('');

function placed(...inlines: Inline[]): string {
  const body: Block[] = [{ kind: 'paragraph', children: inlines }];
  placeMarksAfterPunctuation(body, []);
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
