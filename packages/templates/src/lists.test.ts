/** List markers by depth: the first level's bullet or number, then the language's nested ones. */
import { describe, expect, it } from 'vitest';
import { languageStyle, listMarker, reportTemplate } from './index.js';

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
