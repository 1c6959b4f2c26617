import { describe, expect, it } from 'vitest';
import { languageStyle, reportTemplate } from '@brief/templates';
import { chicagoRangeEnd, formatLocator, parseLocator } from './locator.js';

describe('page ranges', () => {
  it('shorten the last page as Chicago 9.61 does', () => {
    const cases: [string, string, string][] = [
      ['3', '10', '10'],
      ['71', '72', '72'],
      ['96', '117', '117'],
      ['100', '104', '104'],
      ['1100', '1113', '1113'],
      ['101', '108', '8'],
      ['808', '833', '33'],
      ['1103', '1104', '4'],
      ['321', '328', '28'],
      ['498', '532', '532'],
      ['1087', '1089', '89'],
      ['1496', '1500', '500'],
      ['11564', '11615', '615'],
      ['12991', '13001', '3001'],
      ['132', '133', '33'],
      ['xii', 'xiv', 'xiv'],
    ];
    for (const [from, to, end] of cases) expect(chicagoRangeEnd(from, to), `${from}–${to}`).toBe(end);
  });

  it('are printed so in English, in full in Japanese', () => {
    const pages = parseLocator('pp. 132-133')!;
    expect(formatLocator(pages, languageStyle(reportTemplate, 'en').strings.terms)).toBe('132–33');
    expect(formatLocator(pages, languageStyle(reportTemplate, 'ja').strings.terms)).toBe('132～133頁');
  });

  it('read a hyphen after a label for one page, or before a lower number, as part of one page number', () => {
    const en = languageStyle(reportTemplate, 'en').strings.terms;
    const ja = languageStyle(reportTemplate, 'ja').strings.terms;
    expect(formatLocator(parseLocator('p. 5-3')!, en)).toBe('5-3');
    expect(formatLocator(parseLocator('p. 1-2')!, en)).toBe('1-2');
    expect(formatLocator(parseLocator('5-3')!, ja)).toBe('5-3頁');
    expect(formatLocator(parseLocator('pp. 1-2')!, en)).toBe('1–2');
    expect(formatLocator(parseLocator('1496-500')!, en)).toBe('1496–500');
    expect(formatLocator(parseLocator('p. 5–7')!, en)).toBe('5–7');
  });

  it("print every page of a list in the edition's form, without the label", () => {
    const en = languageStyle(reportTemplate, 'en').strings.terms;
    const ja = languageStyle(reportTemplate, 'ja').strings.terms;
    const list = parseLocator('pp. 6-12, 6-14')!;
    expect(formatLocator(list, en)).toBe('6–12, 6–14');
    expect(formatLocator(list, ja)).toBe('6～12、6～14頁');
    expect(formatLocator(parseLocator('6, 9')!, ja)).toBe('6、9頁');
    expect(formatLocator(parseLocator('pp. 3, 7')!, en, true)).toBe('pp. 3, 7');
    expect(parseLocator('chap. 3, sec. 2')).toEqual({ kind: 'other', text: 'chap. 3, sec. 2' });
  });
});
