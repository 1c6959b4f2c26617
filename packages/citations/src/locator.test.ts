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
});
