import { afterAll, describe, expect, it } from 'vitest';
import { reportTemplate, svgFaces } from '@brief/templates';
import { check, ofRule, removeSources } from './test-source.js';

afterAll(removeSources);

const svg = (label: string, family = 'sans-serif') => `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="4" y="20" font-family="${family}" font-size="12">${label}</text></svg>`;
const body = '本文。\n\n:::figure{#fig-a alt="図"}\n概要\n\n![](f.svg)\n:::\n';

describe('figure-font-missing-glyph', () => {
  it('warns of characters in an SVG’s text that its face cannot print (Hangul, dingbats)', () => {
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
    expect(found[0]!.message).toContain('"✱" U+2731');
    expect(found[0]!.message).not.toContain('韓');
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
