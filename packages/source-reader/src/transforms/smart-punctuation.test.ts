import { describe, expect, it } from 'vitest';
import type { Inline } from '@brief/document-model';
import { smartenMetadata, smartenPunctuation, smartPunctuation } from './smart-punctuation.js';

describe('smartPunctuation', () => {
  it('opens and closes double and single quotes, and sets apostrophes', () => {
    expect(smartPunctuation(`He said "no" and 'yes'.`)).toBe('He said “no” and ‘yes’.');
    expect(smartPunctuation(`It's the model's output, from the '90s.`)).toBe('It’s the model’s output, from the ’90s.');
    expect(smartPunctuation(`("quoted") ["a"] —"b"`)).toBe('(“quoted”) [“a”] —“b”');
    expect(smartPunctuation(`「"引用"」`)).toBe('「“引用”」');
    // A quotation inside a quotation, both opening at once and both closing at once.
    expect(smartPunctuation(`says that "'no burden' means 'no rise'" here`)).toBe('says that “‘no burden’ means ‘no rise’” here');
    expect(smartPunctuation(`'"Nested" first,' she said`)).toBe('‘“Nested” first,’ she said');
  });

  it('continues from the character before the text', () => {
    expect(smartPunctuation(`" says`, 'd')).toBe('” says');
    expect(smartPunctuation(`"so"`, ' ')).toBe('“so”');
  });
});

describe('typed dashes', () => {
  it('become an em dash (---) and an en dash (--); a quote after one opens', () => {
    expect(smartPunctuation('pp. 12--15 --- and "so" ---"this"')).toBe('pp.\u00a012–15 — and “so” —“this”');
    expect(smartPunctuation('a - b')).toBe('a - b');
  });
});

describe('typed ellipses and page ranges', () => {
  it('set three full stops as an ellipsis, and leave four and spaced ones as typed', () => {
    expect(smartPunctuation('per year... a figure')).toBe('per year… a figure');
    expect(smartPunctuation('the end.... Next')).toBe('the end.... Next');
    expect(smartPunctuation('as . . . said')).toBe('as . . . said');
  });

  it('set the hyphen of a range of pages after pp. as an en dash, and leave p. 5-3 one page', () => {
    expect(smartPunctuation('(and pp. 101-108 of the appendix)')).toBe('(and pp.\u00a0101–108 of the appendix)');
    expect(smartPunctuation('see p. 5-3')).toBe('see p.\u00a05-3');
    expect(smartPunctuation('pp. 12-15a')).toBe('pp.\u00a012-15a');
  });
});

describe('a hyphen before a number', () => {
  it('becomes a minus sign where it starts a word, and stays a hyphen in ranges, dates and words', () => {
    expect(smartPunctuation('-2.9 and (-12%) from -3 to -5, =-1')).toBe('−2.9 and (−12%) from −3 to −5, =−1');
    expect(smartPunctuation('pages 12-15 on 2026-01-28, COVID-19, A-1')).toBe('pages 12-15 on 2026-01-28, COVID-19, A-1');
    expect(smartPunctuation('-1', 'x')).toBe('-1');
    expect(smartPunctuation('-1', ' ')).toBe('−1');
    // The end of a range of hyphenated section numbers keeps its hyphen; a temperature range its minus.
    expect(smartPunctuation('§§ 14-4601 to -4613, from 3 to -5 °C')).toBe('§§\u00a014-4601 to -4613, from 3 to −5\u00a0°C');
  });
});

describe('an amount and its scale word', () => {
  it('are joined by a no-break space', () => {
    expect(smartPunctuation('$8 billion and ¥330 million, 2 thousand')).toBe('$8\u00a0billion and ¥330\u00a0million, 2\u00a0thousand');
  });
});

describe('a number and its unit', () => {
  it('are joined by a no-break space', () => {
    expect(smartPunctuation('below -5 °C, over 20 km at 0.35 dB/km, 1.2 Gbps and 40 %')).toBe('below −5\u00a0°C, over 20\u00a0km at 0.35\u00a0dB/km, 1.2\u00a0Gbps and 40\u00a0%');
    expect(smartPunctuation('12 kWh, 3 m², 250 mL, 5 kg/capita')).toBe('12\u00a0kWh, 3\u00a0m², 250\u00a0mL, 5\u00a0kg/capita');
  });

  it('leaves words that look like units alone', () => {
    expect(smartPunctuation('in 2019 millions of homes, 3 minutes, 4 Ministries, 2 A-grade, 5 mapping')).toBe('in 2019 millions of homes, 3 minutes, 4 Ministries, 2 A-grade, 5 mapping');
    expect(smartPunctuation('In 2019 A new law; Figure 2 V shows it; Article 9 N')).toBe('In 2019 A new law; Figure 2 V shows it; Article 9 N');
  });
});

describe('an abbreviation and the number it counts', () => {
  it('are joined by a no-break space', () => {
    expect(smartPunctuation('211th Diet session, No. 12, April 20, 2023, p. 8.')).toBe('211th Diet session, No.\u00a012, April 20, 2023, p.\u00a08.');
    expect(smartPunctuation('12, no. 3 (2024): pp. 201–38; vol. 2, § 17, s. 45')).toBe('12, no.\u00a03 (2024): pp.\u00a0201–38; vol.\u00a02, §\u00a017, s.\u00a045');
    // A code's or a reporter's abbreviation and the number in it: 201 C.M.R. 17.00, 347 U.S. 483, 3 Cal. Rptr. 2d (not two words).
    expect(smartPunctuation('201 C.M.R. 17.00 and 347 U.S. 483; the U.S. economy; Mass. Gen. Laws')).toBe('201 C.M.R.\u00a017.00 and 347 U.S.\u00a0483; the U.S. economy; Mass. Gen. Laws');
  });
  it('only as words of their own, before a number', () => {
    expect(smartPunctuation('in Japan. 12 members; the top. 3 more; see p. A3')).toBe('in Japan. 12 members; the top. 3 more; see p. A3');
  });
});

describe('smartenMetadata', () => {
  it('sets the quotes of names, affiliations and notices', () => {
    const meta = {
      id: 'm',
      lang: 'en',
      languages: ['en'],
      title: "Renters' Rights",
      authors: [{ name: "Aoife O'Connell", affiliation: "Centre's office" }],
      published: '2026-03-16',
      notices: ["The trustees' view"],
    };
    smartenMetadata(meta);
    expect([meta.title, meta.authors[0]!.name, meta.authors[0]!.affiliation, meta.notices[0]]).toEqual(['Renters’ Rights', 'Aoife O’Connell', 'Centre’s office', 'The trustees’ view']);
  });
});

describe('smartenPunctuation', () => {
  it('sets quotes across emphasis and in citations, and leaves code, URLs and labels as written', () => {
    const inlines: Inline[] = [
      { kind: 'text', value: 'The "' },
      { kind: 'emphasis', children: [{ kind: 'text', value: 'model' }] },
      { kind: 'text', value: '" uses ' },
      { kind: 'code', value: `x = "a" --flag` },
      { kind: 'text', value: ' (see ' },
      { kind: 'link', url: `https://example.org/it's`, children: [{ kind: 'text', value: `https://example.org/it's` }] },
      { kind: 'text', value: ')' },
      { kind: 'citation', items: [{ key: 'k' }], rendered: [{ kind: 'text', value: `City's "Bills"` }], ibid: false },
    ];
    smartenPunctuation([{ kind: 'paragraph', children: inlines }], []);
    const flat = (list: readonly Inline[]): string =>
      list.map((n) => (n.kind === 'text' || n.kind === 'code' ? n.value : n.kind === 'citation' ? flat(n.rendered) : 'children' in n ? flat(n.children as Inline[]) : '')).join('');
    expect(flat(inlines)).toBe(`The “model” uses x = "a" --flag (see https://example.org/it's)City’s “Bills”`);
  });
});
