import { describe, expect, it } from 'vitest';
import { isPossibleDate, isoOf, localized, localizedOrAny, nameText, parseCslDate, titleText } from './text.js';
import { formatLocator, parseLocator, sameLocator } from './locator.js';
import { fillLayout, layoutSlots } from './layout.js';
import { layoutPlaceholders } from './render.js';
import { languageStyle, reportTemplate } from '@brief/templates';

describe('dates', () => {
  it('reads ISO strings, year numbers and date-parts', () => {
    expect(parseCslDate('2025-01-29')).toEqual({ year: 2025, month: 1, day: 29 });
    expect(parseCslDate('2019-06')).toEqual({ year: 2019, month: 6 });
    expect(parseCslDate(2017)).toEqual({ year: 2017 });
    expect(parseCslDate({ 'date-parts': [[2025, 11, 20]] })).toEqual({ year: 2025, month: 11, day: 20 });
    expect(parseCslDate({ raw: '2024-10-17' })).toEqual({ year: 2024, month: 10, day: 17 });
    expect(parseCslDate('29 Jan 2025')).toBeUndefined();
    expect(parseCslDate(2017.5)).toBeUndefined();
  });
  it('knows real calendar dates', () => {
    expect(isPossibleDate({ year: 2024, month: 2, day: 29 })).toBe(true);
    expect(isPossibleDate({ year: 2025, month: 2, day: 29 })).toBe(false);
    expect(isPossibleDate({ year: 2025, month: 13 })).toBe(false);
    expect(isoOf({ year: 2025, month: 1, day: 9 })).toBe('2025-01-09');
    expect(isoOf({ year: 2019, month: 6 })).toBe('2019-06');
  });
});

describe('per-language text', () => {
  it('picks the language, a romanisation, or anything', () => {
    expect(localized({ ja: '日本経済新聞', en: 'Nikkei' }, 'en')).toBe('Nikkei');
    expect(localized({ ja: '日本経済新聞' }, 'en')).toBeUndefined();
    expect(localizedOrAny({ ja: '証券レビュー', 'ja-Latn': 'Shōken rebyū' }, 'en')).toBe('Shōken rebyū');
    expect(localizedOrAny({ ja: '日本評論社' }, 'en')).toBe('日本評論社');
  });
  it('splits a title into romanisation and bracketed translation', () => {
    const t = { ja: 'トランプ大統領とアメリカ議会', 'ja-Latn': 'Toranpu daitōryō to Amerika gikai', en: '[President Trump and the U.S. Congress]' };
    expect(titleText(t, 'ja')).toEqual({ main: 'トランプ大統領とアメリカ議会' });
    expect(titleText(t, 'en')).toEqual({ main: 'Toranpu daitōryō to Amerika gikai', translation: '[President Trump and the U.S. Congress]' });
    expect(titleText({ ja: 'WTOルールの概要', en: '[Overview of WTO Rules]' }, 'en')).toEqual({ translation: '[Overview of WTO Rules]' });
    expect(titleText({ ja: '外交青書', en: 'Diplomatic Bluebook' }, 'en')).toEqual({ main: 'Diplomatic Bluebook' });
  });
  it('orders names by language', () => {
    const name = { family: { ja: '中林', en: 'Nakabayashi' }, given: { ja: '美恵子', en: 'Mieko' } };
    expect(nameText(name, 'ja')).toBe('中林美恵子');
    expect(nameText(name, 'en')).toBe('Mieko Nakabayashi');
    expect(nameText({ ...name, 'static-ordering': true }, 'en')).toBe('Nakabayashi Mieko');
    expect(nameText({ literal: { ja: 'ジェームス・シムズ', en: 'James Simms' } }, 'en')).toBe('James Simms');
    expect(nameText({ family: 'Smith', given: 'Jane' }, 'ja')).toBe('Jane Smith');
  });
});

const terms = (lang: string) => languageStyle(reportTemplate, lang).strings.terms;

describe('locators', () => {
  it('reads pages in either convention', () => {
    expect(parseLocator('p. 89')).toEqual({ kind: 'page', from: '89' });
    expect(parseLocator('89頁')).toEqual({ kind: 'page', from: '89' });
    expect(parseLocator('pp. 47-54')).toEqual({ kind: 'page', from: '47', to: '54' });
    expect(parseLocator('47～54頁')).toEqual({ kind: 'page', from: '47', to: '54' });
    expect(parseLocator('pp. 132–133')).toEqual({ kind: 'page', from: '132', to: '133' });
    expect(parseLocator(6)).toEqual({ kind: 'page', from: '6' });
    expect(parseLocator('chap. 3')).toEqual({ kind: 'other', text: 'chap. 3' });
    expect(parseLocator('')).toBeUndefined();
  });
  it('prints them per language and place', () => {
    expect(formatLocator(parseLocator('p. 89')!, terms('ja'))).toBe('89頁');
    expect(formatLocator(parseLocator('p. 89')!, terms('en'))).toBe('89');
    expect(formatLocator(parseLocator('pp. 47-54')!, terms('ja'))).toBe('47～54頁');
    expect(formatLocator(parseLocator('pp. 47-54')!, terms('en'))).toBe('47–54');
    expect(formatLocator(parseLocator('6')!, terms('en'), true)).toBe('p. 6');
    expect(formatLocator(parseLocator('8-9')!, terms('en'), true)).toBe('pp. 8–9');
    expect(formatLocator(parseLocator('chap. 3')!, terms('ja'))).toBe('chap. 3');
  });
  it('compares them whatever the form', () => {
    expect(sameLocator('p. 89', '89頁')).toBe(true);
    expect(sameLocator('p. 89', 'p. 90')).toBe(false);
    expect(sameLocator(undefined, undefined)).toBe(true);
    expect(sameLocator('p. 89', undefined)).toBe(false);
  });
});

describe('layout patterns', () => {
  const t = (value: string) => [{ kind: 'text' as const, value }];
  it('drops a group whose placeholders have no value, keeps nested ones apart', () => {
    expect(fillLayout('{a}[({b})][〈{c}〉]', { a: t('A'), c: t('C') })).toEqual(t('A〈C〉'));
    expect(fillLayout('[({p}[、{y}年])]', { p: t('P') })).toEqual(t('(P)'));
    expect(fillLayout('[({p}[、{y}年])]', { y: t('2017') })).toEqual([]);
  });
  it('sets emphasis and escapes', () => {
    expect(fillLayout('*{t}*, \\[x\\]', { t: t('T') })).toEqual([
      { kind: 'emphasis', children: t('T') },
      { kind: 'text', value: ', [x]' },
    ]);
  });
  it('lists its placeholders', () => {
    expect(layoutSlots('{a}[({b})*{c}*]')).toEqual(['a', 'b', 'c']);
  });
  it('every layout of the built-in templates uses known placeholders only', () => {
    const known = new Set<string>(layoutPlaceholders);
    for (const lang of ['ja', 'en']) {
      for (const pattern of Object.values(terms(lang).layouts)) for (const slot of layoutSlots(pattern)) expect(known.has(slot), `${lang}: {${slot}}`).toBe(true);
    }
  });
});

describe('malformed dates', () => {
  it('reads malformed CSL dates as unreadable instead of failing', async () => {
    const { parseCslDate } = await import('./text.js');
    expect(parseCslDate({ 'date-parts': 'x' } as never)).toBeUndefined();
    expect(parseCslDate({ 'date-parts': ['2025'] } as never)).toBeUndefined();
    expect(parseCslDate(true as never)).toBeUndefined();
    expect(parseCslDate({ raw: 5 } as never)).toBeUndefined();
  });
});
