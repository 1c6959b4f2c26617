/** What every writer takes from the language: list markers by depth, and the faces of an SVG picture's generic families. */
import { describe, expect, it } from 'vitest';
import { languageStyle, listMarker, reportTemplate, svgGenericFaces } from './index.js';

describe('listMarker', () => {
  it('en: •, –, ◦ and 1., a., i., the third level’s marks going on deeper', () => {
    const en = languageStyle(reportTemplate, 'en');
    expect([0, 1, 2, 3].map((d) => listMarker(en, false, 1, d))).toEqual(['•', '–', '◦', '◦']);
    expect([0, 1, 2, 3].map((d) => listMarker(en, true, 4, d))).toEqual(['4.', 'd.', 'iv.', 'iv.']);
  });

  it('ja: every level as the printed report marks it', () => {
    const ja = languageStyle(reportTemplate, 'ja');
    expect([0, 1, 2].map((d) => listMarker(ja, false, 1, d))).toEqual(['・', '・', '・']);
    expect([0, 1, 2].map((d) => listMarker(ja, true, 2, d))).toEqual(['2.', '2.', '2.']);
  });
});

describe('svgGenericFaces', () => {
  it('sets a picture with Japanese text in the Japanese faces, and one without in the Latin faces', () => {
    const fonts = languageStyle(reportTemplate, 'en').fonts;
    expect(svgGenericFaces(fonts, '東京 80%')).toEqual({ sans: fonts.heading.cjk, serif: fonts.body.cjk });
    expect(svgGenericFaces(fonts, 'Urban 80%')).toEqual({ sans: fonts.heading.latin, serif: fonts.body.latin });
  });
});
