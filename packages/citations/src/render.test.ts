import { describe, expect, it } from 'vitest';
import { inlineText, type CitationItem, type Inline } from '@brief/document-model';
import { languageStyle, reportTemplate } from '@brief/templates';
import { genreAfterWords, renderCitation, layoutKind, ordinal, datePattern, type CitationRenderContext } from './render.js';
import { emptyLibrary, type CslItem, type ReferenceLibrary } from './types.js';

const items: CslItem[] = [
  { id: 'nikkei', type: 'article-newspaper', 'container-title': { ja: '日本経済新聞', en: 'Nikkei' }, issued: '2025-01-29' },
  {
    id: 'nikkei-evening',
    type: 'article-newspaper',
    'container-title': { ja: '日本経済新聞', en: 'Nikkei' },
    edition: { ja: '夕刊', en: 'evening edition' },
    issued: '2026-01-23',
  },
  { id: 'asahi-keyword', type: 'article-newspaper', 'container-title': { ja: '朝日新聞', en: 'Asahi Shimbun' }, edition: 'evening', issued: '2025-10-31' },
  {
    id: 'reuters',
    type: 'article-newspaper',
    'container-title': { ja: 'ロイター通信', en: 'Reuters' },
    issued: '2025-10-30',
    URL: 'https://jp.reuters.com/world/us/x/',
  },
  {
    id: 'jiji',
    type: 'webpage',
    'container-title': { ja: '時事ドットコム', en: 'Jiji Press' },
    issued: '2025-11-14',
    URL: 'https://www.jiji.com/jc/article?k=1&g=int',
  },
  { id: 'mofa', type: 'webpage', publisher: { ja: '外務省', en: 'Ministry of Foreign Affairs of Japan' }, URL: 'https://www.mofa.go.jp/mofaj/a.html' },
  {
    id: 'mofa-press',
    type: 'webpage',
    title: { ja: '茂木外務大臣記者会見', en: '[Press Conference by Foreign Minister Motegi]' },
    publisher: { ja: '外務省', en: 'Ministry of Foreign Affairs of Japan' },
    issued: '2026-02-20',
    URL: 'https://www.mofa.go.jp/mofaj/press/b.html',
  },
  {
    id: 'nakabayashi-2017',
    type: 'book',
    author: [{ family: { ja: '中林', en: 'Nakabayashi' }, given: { ja: '美恵子', en: 'Mieko' }, 'static-ordering': true }],
    title: { ja: 'トランプ大統領とアメリカ議会', 'ja-Latn': 'Toranpu daitōryō to Amerika gikai', en: '[President Trump and the U.S. Congress]' },
    publisher: { ja: '日本評論社', en: 'Nippon Hyōronsha' },
    'publisher-place': { ja: '東京', en: 'Tokyo' },
    issued: 2017,
  },
  {
    id: 'english-book',
    type: 'book',
    author: [
      { family: 'Smith', given: 'Jane' },
      { family: 'Doe', given: 'John' },
    ],
    title: 'Trade Wars',
    publisher: 'Example Press',
    issued: '2020',
  },
  {
    id: 'report',
    type: 'report',
    title: { ja: '2020年版不公正貿易報告書', en: '2020 Report on Compliance by Major Trading Partners with Trade Agreements' },
    publisher: { ja: '経済産業省', en: 'Ministry of Economy, Trade and Industry' },
    issued: '2020',
    URL: 'https://www.meti.go.jp/report.pdf',
  },
  {
    id: 'simms-2019',
    type: 'article-journal',
    author: [{ literal: { ja: 'ジェームス・シムズ', en: 'James Simms' } }],
    title: { ja: 'トランプ大統領誕生の背景と政権の展望', 'ja-Latn': 'Toranpu daitōryō tanjō no haikei to seiken no tenbō', en: '[The Background to President Trump’s Election]' },
    'container-title': { ja: '証券レビュー', 'ja-Latn': 'Shōken rebyū', en: '[Securities Review]' },
    publisher: { ja: '日本証券経済研究所', en: 'Japan Securities Research Institute' },
    volume: 59,
    issue: 6,
    issued: '2019-06',
    URL: 'https://www.jsri.or.jp/x.pdf',
  },
  { id: 'english-article', type: 'article-journal', author: [{ family: 'Roe', given: 'Ann' }], title: 'Tariffs', 'container-title': 'Trade Review', volume: 3, issue: 2, issued: '2021-05' },
  { id: 'ranged', type: 'book', author: [{ family: 'Roe', given: 'Ann' }], title: 'Survey', publisher: 'Pub', issued: '2019/2020' },
  { id: 'dated-issue', type: 'article-journal', author: [{ family: 'Roe', given: 'Ann' }], title: 'Sorption', 'container-title': 'Water Research', volume: 56, issue: 16, issued: '2022-08-02' },
  {
    id: 'kiuchi-2026',
    type: 'post-weblog',
    author: [{ family: { ja: '木内', en: 'Kiuchi' }, given: { ja: '登英', en: 'Takahide' }, 'static-ordering': true }],
    title: { ja: '米国国家安全保障戦略', en: '[The U.S. National Security Strategy]' },
    'container-title': { ja: '木内登英のGlobal Economy & Policy Insight', 'ja-Latn': 'Kiuchi Takahide no Global Economy & Policy Insight' },
    issued: '2026-01-06',
  },
  {
    id: 'diet-219-kanji',
    type: 'legislation',
    number: '第二百十九回',
    chamber: { ja: '参議院', en: 'House of Councillors' },
    committee: { ja: '外交防衛委員会', en: 'Committee on Foreign Affairs and Defense' },
    issue: 2,
    page: 6,
    issued: '2025-11-20',
  },
  {
    id: 'diet-219-hc-fad-2',
    type: 'legislation',
    number: 219,
    chamber: { ja: '参議院', en: 'House of Councillors' },
    committee: { ja: '外交防衛委員会', en: 'Committee on Foreign Affairs and Defense' },
    issue: 2,
    page: 6,
    issued: '2025-11-20',
  },
  {
    id: 'diet-219-hr-budget-4',
    type: 'legislation',
    number: 219,
    chamber: { ja: '衆議院', en: 'House of Representatives' },
    committee: { ja: '予算委員会', en: 'Committee on Budget' },
    issue: 4,
    page: 24,
    issued: '2025-11-11',
  },
  { id: 'diet-221-hr-plenary-4', type: 'legislation', number: 221, chamber: { ja: '衆議院', en: 'House of Representatives' }, issue: 4, issued: '2026-02-25' },
  {
    id: 'diet-218-closed',
    type: 'legislation',
    number: 218,
    genre: { ja: '閉会後', en: 'intersession' },
    chamber: { ja: '参議院', en: 'House of Councillors' },
    committee: { ja: '予算委員会', en: 'Committee on Budget' },
    issue: 1,
    page: 6,
    issued: '2025-09-12',
  },
  { id: 'thing', type: 'dataset', title: 'Tariff Data', 'container-title': 'Open Data', issued: '2024-03-01' },
  {
    id: 'four-authors',
    type: 'article-journal',
    author: [
      { family: 'Adams', given: 'Ann' },
      { family: 'Brown', given: 'Ben' },
      { family: 'Clark', given: 'Cara' },
      { family: 'Davis', given: 'Dan' },
    ],
    title: 'Retention Schedules: An Empirical Study of 214 Agencies',
    'container-title': 'Journal of Information Law',
    volume: 12,
    issued: '2024',
  },
  { id: 'with-short', type: 'book', editor: [{ family: 'Martínez', given: 'Lucía' }], title: 'The Governance of Public Records in a Cloud-First State', 'title-short': 'Public Records', issued: 2023 },
  { id: 'statute', type: 'legislation', title: 'Data Protection Act 2018', section: 's. 45', issued: 2018 },
  { id: 'own-report', type: 'report', author: [{ literal: { ja: '総務省', en: 'Ministry of Internal Affairs' } }], title: { ja: '調査結果', en: 'Survey Results' }, issued: '2026-03' },
];

function library(): ReferenceLibrary {
  const lib = emptyLibrary();
  for (const item of items) lib.items.set(item.id, item);
  return lib;
}

/** Each language's own layouts (in ja an English-only work would be cited as a foreign work, tested apart). */
function ownStyle(lang: 'ja' | 'en') {
  const { foreign: _foreign, ...own } = languageStyle(reportTemplate, lang);
  return own;
}

function ctx(lang: 'ja' | 'en', endsParagraph = true, citedBefore?: ReadonlySet<string>): CitationRenderContext {
  return { lang, style: ownStyle(lang), library: library(), endsParagraph, ...(citedBefore ? { citedBefore } : {}) };
}

/** Rendered text with emphasis as *…* and links as <…>. */
function shown(inlines: readonly Inline[]): string {
  return inlines
    .map((n) => {
      if (n.kind === 'text') return n.value;
      if (n.kind === 'emphasis') return `*${shown(n.children)}*`;
      if (n.kind === 'link') return `<${shown(n.children)}>`;
      return inlineText([n]);
    })
    .join('');
}

function cite(key: string, locator?: string, lang: 'ja' | 'en' = 'ja', endsParagraph = true): string {
  const item: CitationItem = { key, ...(locator ? { locator } : {}) };
  return shown(renderCitation([item], false, ctx(lang, endsParagraph)));
}

describe('newspapers', () => {
  it('ja: 『paper』(yyyy.m.d), the edition in parentheses', () => {
    expect(cite('nikkei')).toBe('『日本経済新聞』(2025.1.29)');
    expect(cite('nikkei-evening')).toBe('『日本経済新聞』(夕刊)(2026.1.23)');
    expect(cite('asahi-keyword')).toBe('『朝日新聞』(夕刊)(2025.10.31)');
    expect(cite('reuters')).toBe('『ロイター通信』(2025.10.30)〈<https://jp.reuters.com/world/us/x/>〉');
  });
  it('en: italic paper, month day, year; the note ends with a full stop', () => {
    expect(cite('nikkei', undefined, 'en')).toBe('*Nikkei*, January 29, 2025.');
    expect(cite('nikkei-evening', undefined, 'en')).toBe('*Nikkei*, evening edition, January 23, 2026.');
    expect(cite('asahi-keyword', undefined, 'en')).toBe('*Asahi Shimbun*, evening edition, October 31, 2025.');
    expect(cite('reuters', undefined, 'en')).toBe('*Reuters*, October 30, 2025, <https://jp.reuters.com/world/us/x/>.');
  });
  it('en: no full stop when the citation does not end its note', () => {
    expect(cite('nikkei', undefined, 'en', false)).toBe('*Nikkei*, January 29, 2025');
  });
});

describe('web pages', () => {
  it('ja: site (date) 〈URL〉, an organisation as 〇〇ウェブサイト, a title instead of the site', () => {
    expect(cite('jiji')).toBe('時事ドットコム(2025.11.14)〈<https://www.jiji.com/jc/article?k=1&g=int>〉');
    expect(cite('mofa')).toBe('外務省ウェブサイト〈<https://www.mofa.go.jp/mofaj/a.html>〉');
    expect(cite('mofa-press')).toBe('茂木外務大臣記者会見(2026.2.20)〈<https://www.mofa.go.jp/mofaj/press/b.html>〉');
  });
  it('en: title (a translation in brackets), site, date, URL', () => {
    expect(cite('jiji', undefined, 'en')).toBe('Jiji Press, November 14, 2025, <https://www.jiji.com/jc/article?k=1&g=int>.');
    expect(cite('mofa', undefined, 'en')).toBe('Ministry of Foreign Affairs of Japan website, <https://www.mofa.go.jp/mofaj/a.html>.');
    expect(cite('mofa-press', undefined, 'en')).toBe(
      '[Press Conference by Foreign Minister Motegi], Ministry of Foreign Affairs of Japan, February 20, 2026, <https://www.mofa.go.jp/mofaj/press/b.html>.',
    );
  });
  it('a URL is a link inline', () => {
    const out = renderCitation([{ key: 'mofa' }], false, ctx('ja'));
    expect(out.some((n) => n.kind === 'link' && n.url === 'https://www.mofa.go.jp/mofaj/a.html')).toBe(true);
  });
});

describe('books and reports', () => {
  it('ja: author『title』(publisher、year年) pages', () => {
    expect(cite('nakabayashi-2017', 'p. 89')).toBe('中林美恵子『トランプ大統領とアメリカ議会』(日本評論社、2017年)89頁');
    expect(cite('nakabayashi-2017', 'pp. 47-54')).toBe('中林美恵子『トランプ大統領とアメリカ議会』(日本評論社、2017年)47～54頁');
    expect(cite('nakabayashi-2017', '89頁')).toBe('中林美恵子『トランプ大統領とアメリカ議会』(日本評論社、2017年)89頁');
    expect(cite('report')).toBe('『2020年版不公正貿易報告書』(経済産業省、2020年)〈<https://www.meti.go.jp/report.pdf>〉');
  });
  it('en: Chicago note form, romanised title in italics then the translation', () => {
    expect(cite('nakabayashi-2017', 'p. 89', 'en')).toBe('Nakabayashi Mieko, *Toranpu daitōryō to Amerika gikai* [President Trump and the U.S. Congress] (Tokyo: Nippon Hyōronsha, 2017), 89.');
    expect(cite('nakabayashi-2017', 'pp. 47-54', 'en')).toContain('2017), 47–54.');
    expect(cite('english-book', 'p. 3', 'en')).toBe('Jane Smith and John Doe, *Trade Wars* (Example Press, 2020), 3.');
    expect(cite('report', undefined, 'en')).toBe(
      '*2020 Report on Compliance by Major Trading Partners with Trade Agreements* (Ministry of Economy, Trade and Industry, 2020), <https://www.meti.go.jp/report.pdf>.',
    );
  });
  it('a book or chapter that names no publisher keeps its year', () => {
    expect(cite('with-short', 'p. 4', 'en')).toBe('Lucía Martínez, ed., *The Governance of Public Records in a Cloud-First State* (2023), 4.');
    expect(cite('with-short', 'p. 4')).toBe('Lucía Martínez編『The Governance of Public Records in a Cloud-First State』(2023年)4頁');
  });
  it('ja: several authors joined with ・, names in Latin letters given name first', () => {
    expect(cite('english-book')).toBe('Jane Smith・John Doe『Trade Wars』(Example Press、2020年)');
  });
});

describe('articles', () => {
  it('ja: author「title」publisher『journal』第N巻第N号(yyyy.m)〈URL〉', () => {
    expect(cite('simms-2019')).toBe('ジェームス・シムズ「トランプ大統領誕生の背景と政権の展望」日本証券経済研究所『証券レビュー』第59巻第6号(2019.6)〈<https://www.jsri.or.jp/x.pdf>〉');
    expect(cite('kiuchi-2026')).toBe('木内登英「米国国家安全保障戦略」『木内登英のGlobal Economy & Policy Insight』(2026.1.6)');
  });
  it('en: “title” [translation], *journal* volume, no. issue (Month year)', () => {
    expect(cite('simms-2019', undefined, 'en')).toBe(
      'James Simms, “Toranpu daitōryō tanjō no haikei to seiken no tenbō” [The Background to President Trump’s Election], *Shōken rebyū* [Securities Review] 59, no. 6 (June 2019), <https://www.jsri.or.jp/x.pdf>.',
    );
    expect(cite('english-article', 'p. 12', 'en')).toBe('Ann Roe, “Tariffs,” *Trade Review* 3, no. 2 (May 2021): 12.');
    // A range of dates prints both ends, as a range of pages is joined.
    expect(cite('ranged', undefined, 'en')).toBe('Ann Roe, *Survey* (Pub, 2019–2020).');
    expect(cite('ranged', undefined, 'ja')).toContain('2019～2020年');
    // A numbered issue is dated by its month at most (CMOS 14.171), though the day is known.
    expect(cite('dated-issue', 'p. 11175', 'en')).toBe('Ann Roe, “Sorption,” *Water Research* 56, no. 16 (August 2022): 11175.');
    expect(cite('kiuchi-2026', undefined, 'en')).toBe('Kiuchi Takahide, [The U.S. National Security Strategy], *Kiuchi Takahide no Global Economy & Policy Insight*, January 6, 2026.');
  });
});

describe('Diet minutes', () => {
  it('ja: 第N回国会 chamber committee 会議録 第N号 page (date), as each chamber names its minutes', () => {
    expect(cite('diet-219-hc-fad-2')).toBe('第219回国会参議院外交防衛委員会会議録第2号6頁(2025.11.20)');
    expect(cite('diet-219-hr-budget-4')).toBe('第219回国会衆議院予算委員会議録第4号24頁(2025.11.11)');
    expect(cite('diet-221-hr-plenary-4')).toBe('第221回国会衆議院本会議録第4号(2026.2.25)');
    expect(cite('diet-218-closed')).toBe('第218回国会閉会後参議院予算委員会会議録第1号6頁(2025.9.12)');
    // A session written in kanji is read as its number, in both editions.
    expect(cite('diet-219-kanji')).toBe('第219回国会参議院外交防衛委員会会議録第2号6頁(2025.11.20)');
    expect(cite('diet-219-kanji', undefined, 'en')).toContain('219th Diet session');
  });
  it('en: Minutes of the committee, chamber, Nth Diet session, No., date, page', () => {
    expect(cite('diet-219-hc-fad-2', undefined, 'en')).toBe('Minutes of the Committee on Foreign Affairs and Defense, House of Councillors, 219th Diet session, No. 2, November 20, 2025, p. 6.');
    expect(cite('diet-221-hr-plenary-4', undefined, 'en')).toBe('Minutes of the Plenary Session, House of Representatives, 221st Diet session, No. 4, February 25, 2026.');
    expect(cite('diet-218-closed', undefined, 'en')).toBe('Minutes of the Committee on Budget, House of Councillors, 218th Diet session (intersession), No. 1, September 12, 2025, p. 6.');
  });
  it('a locator replaces the page of the item', () => {
    expect(cite('diet-219-hc-fad-2', 'p. 8')).toBe('第219回国会参議院外交防衛委員会会議録第2号8頁(2025.11.20)');
    expect(cite('diet-219-hc-fad-2', 'pp. 8-9', 'en')).toContain('November 20, 2025, pp. 8–9.');
  });
  it('is the minutes layout only with a session number', () => {
    expect(layoutKind({ id: 'a', type: 'legislation', number: 219, issue: 2 })).toBe('minutes');
    expect(layoutKind({ id: 'a', type: 'legislation', number: '第219回国会', chamber: '参議院' })).toBe('minutes');
    expect(layoutKind({ id: 'b', type: 'legislation', title: 'Act' })).toBe('statute');
    // A law number holds digits too (昭和39年), but it is not a Diet session.
    expect(layoutKind({ id: 'c', type: 'legislation', title: '汐見台市条例', number: '昭和39年汐見台市条例第21号' })).toBe('statute');
    expect(layoutKind({ id: 'd', type: 'hearing', chamber: '汐見台市議会', committee: '総務委員会', issue: 3 })).toBe('assembly');
  });
});

describe('other types and several works', () => {
  it('falls back to a generic layout', () => {
    expect(cite('thing')).toBe('「Tariff Data」『Open Data』(2024.3.1)');
    expect(cite('thing', undefined, 'en')).toBe('“Tariff Data,” *Open Data*, March 1, 2024.');
  });
  it('joins several works with the template separator', () => {
    const c = ctx('ja');
    expect(shown(renderCitation([{ key: 'nikkei' }, { key: 'jiji' }], false, c))).toBe('『日本経済新聞』(2025.1.29)、時事ドットコム(2025.11.14)〈<https://www.jiji.com/jc/article?k=1&g=int>〉');
    expect(shown(renderCitation([{ key: 'nikkei' }, { key: 'nikkei-evening' }], false, ctx('en')))).toBe('*Nikkei*, January 29, 2025; *Nikkei*, evening edition, January 23, 2026.');
  });
  it('prints prefixes and suffixes', () => {
    expect(shown(renderCitation([{ key: 'nikkei', prefix: 'see' }], false, ctx('en')))).toBe('see *Nikkei*, January 29, 2025.');
    expect(shown(renderCitation([{ key: 'nikkei', prefix: '例えば' }], false, ctx('ja')))).toBe('例えば『日本経済新聞』(2025.1.29)');
  });
  it('shows an unknown key as written', () => {
    expect(shown(renderCitation([{ key: 'nope' }], false, ctx('ja')))).toBe('[@nope]');
  });
});

describe('an organisation’s own report, without a publisher', () => {
  it('prints its date where the publisher and year would be', () => {
    expect(cite('own-report')).toBe('総務省『調査結果』(2026.3)');
    expect(cite('own-report', undefined, 'en')).toBe('Ministry of Internal Affairs, *Survey Results* (March 2026).');
  });
});

describe('a work cited again (short notes)', () => {
  const again = (key: string, lang: 'ja' | 'en', extra: Partial<CitationItem> = {}) => shown(renderCitation([{ key, ...extra }], false, ctx(lang, true, new Set([key]))));
  it('en: family names, the title without its subtitle, the locator', () => {
    expect(again('english-book', 'en', { locator: 'p. 12' })).toBe('Smith and Doe, *Trade Wars*, 12.');
    expect(again('four-authors', 'en')).toBe('Adams et al., “Retention Schedules.”');
    expect(again('four-authors', 'en', { locator: 'pp. 201-208' })).toBe('Adams et al., “Retention Schedules,” 201–8.');
  });
  it('en: title-short when given; editors in the authors’ place without “ed.”', () => {
    expect(again('with-short', 'en')).toBe('Martínez, *Public Records*.');
  });
  it('en: a romanised title without its translation; a statute by its title and section cited', () => {
    expect(again('nakabayashi-2017', 'en', { locator: 'p. 89' })).toBe('Nakabayashi, *Toranpu daitōryō to Amerika gikai*, 89.');
    expect(again('statute', 'en', { locator: 's. 46' })).toBe('Data Protection Act 2018, s. 46.');
  });
  it('en: Diet minutes and works without a title print in full again', () => {
    expect(again('diet-221-hr-plenary-4', 'en')).toBe(cite('diet-221-hr-plenary-4', undefined, 'en'));
    expect(again('nikkei', 'en')).toBe('*Nikkei*, January 29, 2025.');
  });
  it('en: `[-@key]` leaves the names out of the short form too', () => {
    expect(again('english-book', 'en', { suppressAuthor: true, locator: 'p. 3' })).toBe('*Trade Wars*, 3.');
  });
  it('ja: the house style repeats the full citation (an empty `subsequent`)', () => {
    expect(again('nakabayashi-2017', 'ja')).toBe(cite('nakabayashi-2017'));
  });
  it('the first citation of a work prints in full', () => {
    expect(shown(renderCitation([{ key: 'english-book' }], false, ctx('en', true, new Set(['nikkei']))))).toBe('Jane Smith and John Doe, *Trade Wars* (Example Press, 2020).');
  });
});

describe('ibid', () => {
  it('prints 同上 / Ibid.', () => {
    expect(shown(renderCitation([{ key: 'nikkei' }], true, ctx('ja')))).toBe('同上');
    expect(shown(renderCitation([{ key: 'nikkei' }], true, ctx('en')))).toBe('Ibid.');
  });
  it('with a locator: 同上、89頁 / Ibid., 89.', () => {
    expect(shown(renderCitation([{ key: 'nakabayashi-2017', locator: 'p. 89' }], true, ctx('ja')))).toBe('同上、89頁');
    expect(shown(renderCitation([{ key: 'nakabayashi-2017', locator: 'p. 89' }], true, ctx('en')))).toBe('Ibid., 89.');
    expect(shown(renderCitation([{ key: 'nakabayashi-2017', locator: 'pp. 47-54' }], true, ctx('ja')))).toBe('同上、47～54頁');
  });
});

describe('dates and numbers', () => {
  it('drops the parts a date lacks, with what joins them', () => {
    expect(datePattern('{yyyy}.{m}.{d}', { month: 6 })).toBe('{yyyy}.{m}');
    expect(datePattern('{month} {d}, {yyyy}', { month: 6 })).toBe('{month} {yyyy}');
    expect(datePattern('{yyyy}年{m}月{d}日', { month: 6 })).toBe('{yyyy}年{m}月');
    expect(datePattern('{yyyy}.{m}.{d}', {})).toBe('{yyyy}');
  });
  it('formats ordinals from the template by plural category', () => {
    const en = languageStyle(reportTemplate, 'en').strings.terms;
    const ja = languageStyle(reportTemplate, 'ja').strings.terms;
    expect([1, 2, 3, 4, 11, 12, 13, 21, 200, 219, 221, 222, 223].map((n) => ordinal(n, 'en', en))).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '200th',
      '219th',
      '221st',
      '222nd',
      '223rd',
    ]);
    expect(ordinal(219, 'ja', ja)).toBe('219');
  });
});

describe('names', () => {
  const three: CslItem = {
    id: 'three',
    type: 'book',
    author: [
      { family: 'Whitacre', given: 'Brian' },
      { family: 'Gallardo', given: 'Roberto' },
      { family: 'Strover', given: 'Sharon' },
    ],
    title: 'Broadband and Rural Growth',
    publisher: 'MIT Press',
    issued: { 'date-parts': [[2014]] },
  };
  const two: CslItem = { ...three, id: 'two', author: three.author!.slice(0, 2) };
  const context = (lang: 'ja' | 'en', citedBefore?: ReadonlySet<string>): CitationRenderContext => {
    const lib = library();
    lib.items.set('three', three).set('two', two);
    return { ...ctx(lang, true, citedBefore), library: lib };
  };
  const render = (key: string, lang: 'ja' | 'en', citedBefore?: ReadonlySet<string>) => shown(renderCitation([{ key }], false, context(lang, citedBefore)));

  it('en: three names or more with the serial comma, two joined by "and" alone', () => {
    expect(render('three', 'en')).toMatch(/^Brian Whitacre, Roberto Gallardo, and Sharon Strover, /);
    expect(render('three', 'en', new Set(['three']))).toMatch(/^Whitacre, Gallardo, and Strover, /);
    expect(render('two', 'en')).toMatch(/^Brian Whitacre and Roberto Gallardo, /);
  });

  it('ja: joined by the middle dot', () => {
    expect(render('three', 'ja')).toMatch(/^Brian Whitacre・Roberto Gallardo・Sharon Strover/);
  });
});

describe('a genre in an English note', () => {
  it('is lower case after other words unless its first word has capitals of its own, and capitalised when it opens the note', () => {
    expect(genreAfterWords('Email message to the author', 'en')).toBe('email message to the author');
    expect(genreAfterWords('PhD dissertation', 'en')).toBe('PhD dissertation');
    expect(genreAfterWords('BBC interview', 'en')).toBe('BBC interview');
    expect(genreAfterWords('Email message to the author', 'ja')).toBe('Email message to the author');
    const ls = languageStyle(reportTemplate, 'en');
    const library: ReferenceLibrary = { ...emptyLibrary(), items: new Map() };
    library.items.set('mail', { id: 'mail', type: 'personal_communication', genre: 'email message to the author', issued: { 'date-parts': [[2026, 1, 15]] } } as CslItem);
    const ctx: CitationRenderContext = { library, style: ls, lang: 'en' };
    expect(inlineText(renderCitation([{ key: 'mail' } as CitationItem], false, ctx))).toMatch(/^Email message to the author, January 15, 2026/);
  });
});

describe('British legislation in an English note', () => {
  const ls = languageStyle(reportTemplate, 'en');
  const note = (item: CslItem) => {
    const library: ReferenceLibrary = { ...emptyLibrary(), items: new Map([[item.id, item]]) };
    return inlineText(renderCitation([{ key: item.id } as CitationItem], false, { library, style: ls, lang: 'en' }));
  };

  it('does not print the year again after a short title that holds it', () => {
    expect(note({ id: 'a', type: 'legislation', title: 'Deregulation Act 2015', number: 'c. 20', authority: 'UK', issued: '2015-03-26' } as CslItem)).toBe('Deregulation Act 2015, c. 20 (UK)');
    expect(note({ id: 'b', type: 'legislation', title: 'Clean Air Act', number: 'Pub. L. No. 88-206', authority: 'U.S.', issued: '1963-12-17' } as CslItem)).toBe(
      'Clean Air Act, Pub. L. No. 88-206 (U.S. 1963)',
    );
  });

  it('prints a regulation in a series cited at no page with its date, not as an official journal', () => {
    const order = {
      id: 'c',
      type: 'regulation',
      title: 'The Licensing Order 2022',
      number: 'SSI 2022/32',
      authority: 'Scotland',
      'container-title': 'Scottish Statutory Instruments',
      issued: '2022-01-19',
    } as CslItem;
    expect(note(order)).toBe('The Licensing Order 2022, SSI 2022/32, January 19, 2022 (Scotland)');
  });
});
