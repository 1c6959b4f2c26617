import { afterAll, describe, expect, it } from 'vitest';
import { reportTemplate, svgFaces } from '@brief/templates';
import { check, ofRule, removeSources } from './test-source.js';

afterAll(removeSources);

const svg = (label: string, family = 'sans-serif') => `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="4" y="20" font-family="${family}" font-size="12">${label}</text></svg>`;
const body = '本文。\n\n:::figure{#fig-a alt="図"}\n概要\n\n![](f.svg)\n:::\n';

describe('figure-font-missing-glyph', () => {
  it('warns of characters in an SVG’s text that neither its face nor a fallback face can print (Hangul)', () => {
    const result = check({ 'ja.md': body, 'f.svg': svg('韓国（한국）✱') });
    // One warning per picture and edition.
    expect(
      ofRule(result, 'figure-font-missing-glyph')
        .map((d) => d.file)
        .sort(),
    ).toEqual(['en.md', 'ja.md']);
    const found = ofRule(result, 'figure-font-missing-glyph').filter((d) => d.file === 'ja.md');
    expect(found[0]).toMatchObject({ file: 'ja.md', line: 3, severity: 'warning' });
    expect(found[0]!.message).toContain('"한" U+D55C');
    // A dingbat is set in a fallback face (Noto Sans Symbols 2), as in body text.
    expect(found[0]!.message).not.toContain('✱');
    expect(found[0]!.message).not.toContain('韓');
  });

  it('is silent about signs a fallback face prints (≥ ✱)', () => {
    expect(ofRule(check({ 'ja.md': body, 'f.svg': svg('EBCT ≥ 10 min ✱', 'Noto Sans') }), 'figure-font-missing-glyph')).toEqual([]);
  });

  it('is silent when the faces have every character', () => {
    expect(ofRule(check({ 'ja.md': body, 'f.svg': svg('日本と米国 (2025)') }), 'figure-font-missing-glyph')).toEqual([]);
  });

  it('draws with a named family the fonts package has, else the style’s sans or serif face', () => {
    const fonts = reportTemplate.fonts.ja!;
    expect(svgFaces(svg('x'), fonts.heading.cjk, fonts.body.cjk)).toEqual([fonts.heading.cjk]);
    expect(svgFaces(svg('x', 'Georgia, serif'), fonts.heading.cjk, fonts.body.cjk)).toEqual([fonts.body.cjk]);
    expect(svgFaces(svg('x', 'Noto Sans Mono, monospace'), fonts.heading.cjk, fonts.body.cjk)).toEqual(['Noto Sans Mono']);
  });
});

describe('figure-text-small', () => {
  const picture = (width: number, size: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="200"><text x="4" y="20" font-size="${size}">2015</text></svg>`;

  it('warns once per picture of text that prints below the style’s least size once scaled to the text block', () => {
    // 1400px (1050 pt) scaled to the A4 text block: 16px prints at some 5.5 pt.
    const found = ofRule(check({ 'ja.md': body, 'f.svg': picture(1400, '16') }), 'figure-text-small');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 3, severity: 'warning' });
    expect(found[0]!.message).toMatch(
      /^f\.svg: its smallest text \("2015", 16px\) prints at 5\.\d pt in the PDF, below 6 pt \(proportions\.figureTextMinPt\): the picture, 1400×200px, is scaled to \d+% to fit the page$/,
    );
    expect(found[0]!.hint).toMatch(/^set that text larger in the drawing, or draw the picture smaller \(\d+px wide at most prints it at full size\)$/);
  });

  it('names the height as the bound for a tall picture', () => {
    const tall = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="2400"><text x="4" y="20" font-size="10">2015</text></svg>`;
    const found = ofRule(check({ 'ja.md': body, 'f.svg': tall }), 'figure-text-small');
    expect(found.map((d) => d.hint)).toEqual([expect.stringMatching(/^set that text larger in the drawing, or draw the picture smaller \(\d+px high at most prints it at full size\)$/)]);
  });

  it('is silent for text that prints large enough, and reports small text at full size without a scale', () => {
    expect(ofRule(check({ 'ja.md': body, 'f.svg': picture(600, '11') }), 'figure-text-small')).toEqual([]);
    const tiny = ofRule(check({ 'ja.md': body, 'f.svg': picture(300, '6px') }), 'figure-text-small');
    expect(tiny.map((d) => [d.message, d.hint])).toEqual([
      ['f.svg: its smallest text ("2015", 6px) prints at 4.5 pt in the PDF, below 6 pt (proportions.figureTextMinPt)', 'set that text larger in the drawing'],
    ]);
  });
});
