/**
 * One item of every CSL 1.0.2 type (test/every-type/references.yaml), each
 * with the variables a reader needs to find it, rendered in the ja house
 * style and the en Chicago-notes style of the report template. The expected
 * strings were checked by hand against CMOS 17 (notes: 14.x; legal works in
 * the Bluebook form CMOS 14.269–14.305 refers to) and the house style
 * (docs/citations.md). Then: no field of any item is lost without a warning —
 * deleting any field changes what prints, or the field is one the style
 * declares unprinted (and so is reported when present).
 */
import { join } from 'node:path';
import { languageStyle, reportTemplate } from '@brief/templates';
import type { Inline } from '@brief/document-model';
import { describe, expect, it } from 'vitest';
import { loadReferences } from './load.js';
import { neverPrinted, renderCitation, unprintedFields, type CitationRenderContext } from './render.js';
import { cslItemTypes, type CslItem, type ReferenceLibrary } from './types.js';

const { library, diagnostics } = loadReferences(join(import.meta.dirname, '../test/every-type'));

const cslTypes = cslItemTypes;

/** Text with `*emphasis*`; links print their text (the URL). */
function flat(inlines: readonly Inline[]): string {
  return inlines.map((n) => (n.kind === 'text' ? n.value : n.kind === 'emphasis' ? `*${flat(n.children)}*` : 'children' in n ? flat(n.children as Inline[]) : '')).join('');
}

/** Each language's own layouts, for every work (the works here are English: in ja they would be cited as foreign works, tested apart). */
function ownStyle(lang: 'ja' | 'en') {
  const { foreign: _foreign, ...own } = languageStyle(reportTemplate, lang);
  return own;
}

function ctx(lang: 'ja' | 'en', lib: ReferenceLibrary = library): CitationRenderContext {
  return { lang, style: ownStyle(lang), library: lib, endsParagraph: true };
}

function render(id: string, lang: 'ja' | 'en', lib: ReferenceLibrary = library): string {
  return flat(renderCitation([{ key: id }], false, ctx(lang, lib)));
}

/** [ja, en], checked by hand. */
const expected: Record<string, [string, string]> = {
  article: [
    'Ken Okada「Preprint on Local Taxes」(Lucy Brown訳)『SSRN』第5巻第2号(2024.3.1)10～20頁〈https://doi.org/10.2139/ssrn.1234567〉〈https://papers.ssrn.com/abstract=1234567〉',
    'Ken Okada, “Preprint on Local Taxes,” trans. Lucy Brown, *SSRN* 5, no. 2, March 1, 2024, 10–20, https://doi.org/10.2139/ssrn.1234567, https://papers.ssrn.com/abstract=1234567.',
  ],
  'article-journal': [
    '佐藤一郎「『骨太の方針』の分析」(Lucy Brown訳)『財政研究』第12巻第3号(2020.3)1～20頁〈https://doi.org/10.1234/zk.12.3.1〉〈https://example.org/zk/12/3/1〉',
    'Satō Ichirō, “‘Honebuto no hōshin’ no bunseki” [An Analysis of the “Basic Policy”], trans. Lucy Brown, *Zaisei kenkyū* [Public Finance Studies] 12, no. 3 (March 2020): 1–20, https://doi.org/10.1234/zk.12.3.1, https://example.org/zk/12/3/1.',
  ],
  'article-magazine': [
    'Jill Lepore「The Last Archive」『New Yorker』第96巻第12号(2020.5.18)30～35頁〈https://www.newyorker.com/magazine/2020/05/18/last-archive〉',
    'Jill Lepore, “The Last Archive,” *New Yorker* 96, no. 12, May 18, 2020, 30–35, https://www.newyorker.com/magazine/2020/05/18/last-archive.',
  ],
  'article-newspaper': [
    'Peter Walker「Ministers unveil plan for social care」『The Guardian』(夕刊)Society(2026.2.14)3頁〈https://www.theguardian.com/society/2026/feb/14/social-care〉',
    'Peter Walker, “Ministers unveil plan for social care,” *The Guardian*, evening edition, Society, February 14, 2026, p. 3, https://www.theguardian.com/society/2026/feb/14/social-care.',
  ],
  bill: [
    'Lower Costs, More Transparency Act（H.R. 5378）§ 2（118th Cong.）〈https://www.congress.gov/bill/118th-congress/house-bill/5378〉',
    'Lower Costs, More Transparency Act, H.R. 5378, 118th Cong. § 2 (2023), https://www.congress.gov/bill/118th-congress/house-bill/5378.',
  ],
  book: [
    'Anna Smith著、Bob Jones編『Fiscal Rules』(Carol Lee訳)第2版第3巻(Studies in Public Finance 12)(Oxford University Press、2020年)Kindle〈https://doi.org/10.1093/oso/9780198000000.001.0001〉〈https://global.oup.com/fiscal-rules〉',
    'Anna Smith, *Fiscal Rules*, ed. Bob Jones, trans. Carol Lee, 2nd ed., vol. 3, Studies in Public Finance 12 (Oxford: Oxford University Press, 2020), Kindle, https://doi.org/10.1093/oso/9780198000000.001.0001, https://global.oup.com/fiscal-rules.',
  ],
  broadcast: [
    '「The Budget Debate」『Newsnight』(BBC Two、2025.3.12)Television broadcast〈https://www.bbc.co.uk/programmes/b006mk25〉',
    '“The Budget Debate,” *Newsnight* (BBC Two, March 12, 2025), Television broadcast, https://www.bbc.co.uk/programmes/b006mk25.',
  ],
  chapter: [
    'Anna Smith「Fiscal Rules in Practice」Bob Jones・Carol Lee編『Handbook of Public Finance』(Lucy Brown訳)第2版第1巻(Oxford Handbooks)(Oxford University Press、2020年)45～67頁〈https://doi.org/10.1093/oxfordhb/9780190000000.013.3〉',
    'Anna Smith, “Fiscal Rules in Practice,” in *Handbook of Public Finance*, ed. Bob Jones and Carol Lee, trans. Lucy Brown, 2nd ed., vol. 1, Oxford Handbooks (Oxford: Oxford University Press, 2020), 45–67, https://doi.org/10.1093/oxfordhb/9780190000000.013.3.',
  ],
  classic: ['Adam Smith『The Wealth of Nations』第5版(Methuen、1904年)', 'Adam Smith, *The Wealth of Nations*, 5th ed. (London: Methuen, 1904).'],
  collection: ['Alan Auerbach編『Fiscal Policy Collection』第2巻(NBER、2019年)', 'Alan Auerbach, ed., *Fiscal Policy Collection*, vol. 2 (Cambridge, MA: NBER, 2019).'],
  dataset: [
    'Statistics Bureau of Japan「Population Census 2020」『e-Stat』T-2020-01（バージョン1.2）(Ministry of Internal Affairs and Communications、2021.6.25)CSV〈https://doi.org/10.5555/estat.2020〉',
    'Statistics Bureau of Japan, “Population Census 2020,” *e-Stat*, T-2020-01, version 1.2 (Ministry of Internal Affairs and Communications, June 25, 2021), CSV, https://doi.org/10.5555/estat.2020.',
  ],
  document: [
    'Cabinet Office『Annual Economic Report』(Briefing paper 7、Cabinet Office、2025年)〈https://www.cao.go.jp/report〉',
    'Cabinet Office, *Annual Economic Report*, Briefing paper 7 (Tokyo: Cabinet Office, 2025), https://www.cao.go.jp/report.',
  ],
  entry: [
    '「Fiscal Policy」Steven Durlauf編『Palgrave Dictionary of Economics』(Palgrave Macmillan、2008年)100～105頁',
    '“Fiscal Policy,” in *Palgrave Dictionary of Economics*, ed. Steven Durlauf (London: Palgrave Macmillan, 2008), 100–105.',
  ],
  'entry-dictionary': [
    '「austerity」『Oxford English Dictionary』第3版(Oxford University Press、2022年)〈https://www.oed.com/dictionary/austerity_n〉',
    '“austerity,” in *Oxford English Dictionary*, 3rd ed. (Oxford University Press, 2022), https://www.oed.com/dictionary/austerity_n.',
  ],
  'entry-encyclopedia': [
    'Harvey Rosen「Public Finance」David Henderson編『Encyclopedia of Economics』第2版第4巻(Liberty Fund、2008年)412～418頁',
    'Harvey Rosen, “Public Finance,” in *Encyclopedia of Economics*, ed. David Henderson, 2nd ed., vol. 4 (Indianapolis: Liberty Fund, 2008), 412–18.',
  ],
  event: ['『Budget Forum 2025』Public forum(Japan Center for Economic Research、2025.10.1)', '*Budget Forum 2025*, public forum (Tokyo: Japan Center for Economic Research, October 1, 2025).'],
  figure: [
    'OECD「Government debt, 2000–2024」『Government at a Glance 2025』(2025)〈https://www.oecd.org/gov/figure-1〉',
    'OECD, “Government debt, 2000–2024,” *Government at a Glance 2025*, 2025, https://www.oecd.org/gov/figure-1.',
  ],
  graphic: ["Edward Tufte『Minard's Map Redrawn』(Graphics Press、2001)Poster", "Edward Tufte, *Minard's Map Redrawn* (Graphics Press, 2001), Poster."],
  hearing: [
    '『Tariffs and the American Economy』（U.S. Senate Committee on Finance）118th Cong. 23頁(2024.5.1)〈https://www.finance.senate.gov/hearings/tariffs〉',
    '*Tariffs and the American Economy: Hearing Before the Committee on Finance, U.S. Senate*, 118th Cong. 23 (2024), https://www.finance.senate.gov/hearings/tariffs.',
  ],
  interview: [
    'Janet Yellen「Interview on Fiscal Policy」『Financial Times』(2024.9.10)Podcast audio〈https://www.ft.com/yellen-interview〉',
    'Janet Yellen, “Interview on Fiscal Policy,” *Financial Times*, September 10, 2024, Podcast audio, https://www.ft.com/yellen-interview.',
  ],
  legal_case: [
    'Brown v. Board of Education、U.S. Supreme Court(1954.5.17)U.S. 347巻483頁〈https://supreme.justia.com/cases/federal/us/347/483/〉',
    '*Brown v. Board of Education*, 347 U.S. 483 (1954), https://supreme.justia.com/cases/federal/us/347/483/.',
  ],
  legislation: [
    '個人情報の保護に関する法律（平成15年法律第57号）第3条（日本）〈https://laws.e-gov.go.jp/law/415AC0000000057〉',
    'Act on the Protection of Personal Information, Act No. 57 of 2003, art. 3 (Japan), https://laws.e-gov.go.jp/law/415AC0000000057.',
  ],
  manuscript: [
    "John Maynard Keynes「Notes on the Budget」(King's College Archive Unpublished manuscript、1939年)",
    "John Maynard Keynes, “Notes on the Budget” (unpublished manuscript, King's College Archive, 1939).",
  ],
  map: [
    'Geospatial Information Authority of Japan『汐見台市全図』地形図第2版(国土地理院、2020)',
    'Geospatial Information Authority of Japan, *Map of Shiomidai City*, topographic map, 2nd ed. (Tsukuba: Geospatial Information Authority of Japan, 2020).',
  ],
  motion_picture: ['『Inside Job』(Sony Pictures Classics、2010)DVD', '*Inside Job* (New York: Sony Pictures Classics, 2010), DVD.'],
  musical_score: ['Tōru Takemitsu『November Steps』第2版(C. F. Peters、1967年)', 'Tōru Takemitsu, *November Steps*, 2nd ed. (New York: C. F. Peters, 1967).'],
  pamphlet: [
    "Ministry of Finance『Japan's Fiscal Condition』(Ministry of Finance、2025年)〈https://www.mof.go.jp/english/pamphlet.pdf〉",
    "Ministry of Finance, *Japan's Fiscal Condition* (Tokyo: Ministry of Finance, 2025), https://www.mof.go.jp/english/pamphlet.pdf.",
  ],
  'paper-conference': [
    'Takatoshi Ito「Fiscal Sustainability in Japan」Takeo Hoshi編『Proceedings of the NBER Japan Conference』(NBER、2019年)11～40頁〈https://doi.org/10.3386/w25000〉',
    'Takatoshi Ito, “Fiscal Sustainability in Japan,” in *Proceedings of the NBER Japan Conference*, ed. Takeo Hoshi (Cambridge, MA: NBER, 2019), 11–40, https://doi.org/10.3386/w25000.',
  ],
  patent: [
    'Iwao Kusano「Method of Producing Synthetic Leather」（US特許7,654,321）(2010.2.2)〈https://patents.google.com/patent/US7654321〉',
    'Iwao Kusano, Method of Producing Synthetic Leather, US Patent 7,654,321, issued February 2, 2010, https://patents.google.com/patent/US7654321.',
  ],
  performance: ['Oriza Hirata『Tokyo Notes』Play(Seinendan、2024.11.3)', 'Oriza Hirata, *Tokyo Notes*, play (Tokyo: Seinendan, November 3, 2024).'],
  periodical: ['『Economic Survey of Japan』第2025巻第1号(OECD、2025.1)', '*Economic Survey of Japan*, vol. 2025, no. 1 (OECD, January 2025).'],
  personal_communication: ['Yūko Tanaka Email message to the author(2026.1.15)', 'Yūko Tanaka, email message to the author, January 15, 2026.'],
  post: [
    'Paul Krugman、Debt and Deficits, Again(2025.12.1)〈https://bsky.app/profile/krugman/post/1〉',
    'Paul Krugman, “Debt and Deficits, Again,” Bluesky, December 1, 2025, https://bsky.app/profile/krugman/post/1.',
  ],
  'post-weblog': [
    'Takahide Kiuchi「Fiscal Outlook for 2026」『Global Economy & Policy Insight』(2026.1.6)〈https://www.nri.com/en/knowledge/blog/2026-01-06〉',
    'Takahide Kiuchi, “Fiscal Outlook for 2026,” *Global Economy & Policy Insight*, January 6, 2026, https://www.nri.com/en/knowledge/blog/2026-01-06.',
  ],
  regulation: [
    'General Data Protection Regulation（Regulation (EU) 2016/679）EU『O.J.』L 119、1頁(2016.5.4)〈https://eur-lex.europa.eu/eli/reg/2016/679/oj〉',
    'General Data Protection Regulation, Regulation (EU) 2016/679, 2016 O.J. (L 119)\u00a01 (EU), https://eur-lex.europa.eu/eli/reg/2016/679/oj.',
  ],
  report: [
    'Stuart Adam著、Helen Miller編『Taxing Wealth』(Working Paper W24/12、IFS Working Papers、Institute for Fiscal Studies、2024年)4～9頁〈https://doi.org/10.1920/wp.ifs.2024.1224〉〈https://ifs.org.uk/publications/taxing-wealth〉',
    'Stuart Adam, *Taxing Wealth*, ed. Helen Miller, Working Paper W24/12, IFS Working Papers (London: Institute for Fiscal Studies, 2024), 4–9, https://doi.org/10.1920/wp.ifs.2024.1224, https://ifs.org.uk/publications/taxing-wealth.',
  ],
  review: [
    'Lawrence Summers「The Fiscal Question」『Journal of Economic Perspectives』第38巻第1号(2024)3～8頁〈https://doi.org/10.1257/jep.38.1.3〉',
    'Lawrence Summers, “The Fiscal Question,” *Journal of Economic Perspectives* 38, no. 1 (2024): 3–8, https://doi.org/10.1257/jep.38.1.3.',
  ],
  'review-book': [
    'Olivier Blanchard「Review of Fiscal Rules, by Anna Smith」『Economic Journal』第131巻第4号(2021)200～202頁',
    'Olivier Blanchard, “Review of Fiscal Rules, by Anna Smith,” *Economic Journal* 131, no. 4 (2021): 200–202.',
  ],
  software: [
    'R Core Team『R: A Language and Environment for Statistical Computing』（バージョン4.3.1）Computer software(R Foundation for Statistical Computing、2023年)〈https://doi.org/10.5555/r.4.3.1〉〈https://www.R-project.org/〉',
    'R Core Team, *R: A Language and Environment for Statistical Computing*, version 4.3.1, Computer software (Vienna: R Foundation for Statistical Computing, 2023), https://doi.org/10.5555/r.4.3.1, https://www.R-project.org/.',
  ],
  song: ['Kyu Sakamoto「Ue o muite arukō」『Sukiyaki and Other Japanese Hits』(Capitol、1963)LP', 'Kyu Sakamoto, “Ue o muite arukō,” *Sukiyaki and Other Japanese Hits* (Capitol, 1963), LP.'],
  speech: [
    'Shigeru Ishiba「Policy Speech to the 216th Session of the Diet」Speech(2024.11.29)〈https://japan.kantei.go.jp/103/statement/202411/29shoshinhyomei.html〉',
    'Shigeru Ishiba, “Policy Speech to the 216th Session of the Diet,” speech, Tokyo, November 29, 2024, https://japan.kantei.go.jp/103/statement/202411/29shoshinhyomei.html.',
  ],
  standard: [
    'International Organization for Standardization『Information and Documentation — Guidelines for Bibliographic References』（ISO 690:2021）（バージョン4）Published(ISO、2021年)〈https://www.iso.org/standard/72642.html〉',
    'International Organization for Standardization, *Information and Documentation — Guidelines for Bibliographic References*, ISO 690:2021, version 4, Published (Geneva: ISO, 2021), https://www.iso.org/standard/72642.html.',
  ],
  thesis: [
    '山田花子「地方財政と少子化」(東京大学博士論文、2021年)〈https://repository.dl.itc.u-tokyo.ac.jp/thesis/1〉',
    'Yamada Hanako, “Chihō zaisei to shōshika” [Local Public Finance and the Falling Birth Rate] (PhD diss., University of Tokyo, 2021), https://repository.dl.itc.u-tokyo.ac.jp/thesis/1.',
  ],
  treaty: [
    'Treaty of Mutual Cooperation and Security between Japan and the United States of America（1960.1.19）『U.N.T.S.』第373巻186頁',
    'Treaty of Mutual Cooperation and Security between Japan and the United States of America, 373 U.N.T.S. 186 (1960).',
  ],
  webpage: [
    'Toshimitsu Motegi、Press Conference by Foreign Minister Motegi(2026.2.20)〈https://www.mofa.go.jp/press/kaiken/kaikenw_000001_00209.html〉',
    'Toshimitsu Motegi, “Press Conference by Foreign Minister Motegi,” MOFA website, Ministry of Foreign Affairs of Japan, February 20, 2026, https://www.mofa.go.jp/press/kaiken/kaikenw_000001_00209.html.',
  ],
};

describe('every CSL item type, every variable', () => {
  it('has one item of each CSL 1.0.2 type, read without a diagnostic', () => {
    expect(diagnostics).toEqual([]);
    expect([...library.items.values()].map((i) => i.type).sort()).toEqual([...cslTypes].sort());
    expect(Object.keys(expected).sort()).toEqual([...library.items.keys()].sort());
  });

  it.each(Object.entries(expected))('%s prints in full in ja and en', (id, [ja, en]) => {
    expect(render(id, 'ja')).toBe(ja);
    expect(render(id, 'en')).toBe(en);
  });

  it('prints DOIs as https://doi.org/ links', () => {
    const out = renderCitation([{ key: 'review' }], false, ctx('en'));
    expect(out).toContainEqual({ kind: 'link', url: 'https://doi.org/10.1257/jep.38.1.3', children: [{ kind: 'text', value: 'https://doi.org/10.1257/jep.38.1.3' }] });
  });

  it('leaves no field of these items unprinted, in either edition', () => {
    for (const item of library.items.values()) for (const lang of ['ja', 'en'] as const) expect(unprintedFields(item, ctx(lang)), `${item.id} ${lang}`).toEqual([]);
  });

  it('a per-language value set to "" leaves the field out of that edition, without a warning', () => {
    const page = {
      id: 'page',
      type: 'webpage',
      title: { ja: '', en: '[Press Conference]' },
      'container-title': { ja: '外務省', en: 'Ministry of Foreign Affairs' },
      URL: 'https://example.org/a',
    } as unknown as CslItem;
    const lib = { ...library, items: new Map([['page', page]]) } as ReferenceLibrary;
    expect(unprintedFields(page, ctx('ja', lib))).toEqual([]);
    expect(render('page', 'ja', lib)).not.toContain('Press');
    expect(render('page', 'en', lib)).toContain('[Press Conference]');
    // Without the empty value, the ja edition falls back to the English title.
    const untitled = { ...page, title: { en: '[Press Conference]' } } as unknown as CslItem;
    expect(render('page', 'ja', { ...lib, items: new Map([['page', untitled]]) })).toContain('[Press Conference]');
  });

  it('changes the output, or warns, when any field of any item is deleted', () => {
    const silent: string[] = [];
    for (const item of library.items.values()) {
      for (const field of Object.keys(item)) {
        if (field === 'id' || field === 'type' || neverPrinted.has(field)) continue;
        const reduced: CslItem = { ...item };
        delete reduced[field];
        const lib: ReferenceLibrary = { ...library, items: new Map(library.items).set(item.id, reduced) };
        for (const lang of ['ja', 'en'] as const) {
          const ignored = languageStyle(reportTemplate, lang).strings.terms.unprintedFields ?? [];
          const declared = ignored.includes(field) || ignored.includes(`${item.type}.${field}`);
          // The U.S. Supreme Court's reporter names the court, which en then leaves out (347 U.S. 483 (1954)).
          const courtImplied = lang === 'en' && item.type === 'legal_case' && field === 'authority' && item['container-title'] === 'U.S.';
          // A case in a reporter is cited there, not by its docket number (Bluebook 10.8.1): shown by the unreported case below.
          const docketImplied = item.type === 'legal_case' && field === 'number' && item.volume !== undefined && item.page !== undefined;
          const implied = courtImplied || docketImplied;
          // A field the style leaves out on purpose is declared so; any other must show.
          if (!declared && !implied && render(item.id, lang, lib) === render(item.id, lang)) silent.push(`${item.id}.${field} (${lang})`);
        }
      }
    }
    expect(silent).toEqual([]);
  });

  it('prints the access date in a house style whose layout has {accessed}', () => {
    const base = languageStyle(reportTemplate, 'en');
    const terms = { ...base.strings.terms, layouts: { ...base.strings.terms.layouts, webpage: `${base.strings.terms.layouts.webpage}[, {accessed}]` }, unprintedFields: [] };
    const style = { ...base, strings: { ...base.strings, terms } };
    const context = { lang: 'en', style, library, endsParagraph: true };
    expect(flat(renderCitation([{ key: 'webpage' }], false, context))).toMatch(/, accessed February 25, 2026\.$/);
    expect(unprintedFields(library.items.get('webpage')!, context)).toEqual([]);
  });

  it('reports a field no layout prints (no silent loss), naming it', () => {
    const item: CslItem = { ...library.items.get('book')!, composer: [{ family: 'Lee', given: 'Ang' }], scale: '1:25,000' };
    const lib: ReferenceLibrary = { ...library, items: new Map(library.items).set('book', item) };
    expect(unprintedFields(item, ctx('ja', lib))).toEqual(['composer', 'scale']);
    expect(unprintedFields(item, ctx('en', lib))).toEqual(['composer', 'scale']);
  });

  it("prints the other people a work names in their roles, and a speech's event", () => {
    const items = new Map(library.items);
    items.set('motion_picture', { ...library.items.get('motion_picture')!, director: [{ family: 'Ferguson', given: 'Charles' }] });
    items.set('interview', { ...library.items.get('interview')!, interviewer: [{ family: 'Giles', given: 'Chris' }] });
    items.set('speech', { ...library.items.get('speech')!, 'event-title': { ja: '衆議院本会議', en: 'Plenary Session of the House of Representatives' } });
    const lib: ReferenceLibrary = { ...library, items };
    const cite = (id: string, lang: 'ja' | 'en') => flat(renderCitation([{ key: id }], false, ctx(lang, lib)));
    expect(cite('motion_picture', 'en')).toContain('Inside Job*, directed by Charles Ferguson (New York: Sony Pictures Classics, 2010)');
    expect(cite('motion_picture', 'ja')).toContain('『Inside Job』(Charles Ferguson監督)');
    expect(cite('interview', 'en')).toContain('“Interview on Fiscal Policy,” interview by Chris Giles, *Financial Times*');
    expect(cite('interview', 'ja')).toContain('(聞き手：Chris Giles)');
    expect(cite('speech', 'en')).toContain('speech, Plenary Session of the House of Representatives, Tokyo, November 29, 2024');
    expect(cite('speech', 'ja')).toContain('(衆議院本会議)');
    // The place of the event, as Zotero gives a presentation's, where no place of publication is given.
    const { 'publisher-place': _, ...speech } = items.get('speech')!;
    items.set('talk', { ...speech, id: 'talk', 'event-place': { ja: '東京', en: 'Tokyo' } });
    expect(cite('talk', 'en')).toContain('speech, Plenary Session of the House of Representatives, Tokyo, November 29, 2024');
    for (const id of ['motion_picture', 'interview', 'speech', 'talk']) for (const lang of ['ja', 'en'] as const) expect(unprintedFields(items.get(id)!, ctx(lang, lib)), `${id} ${lang}`).toEqual([]);
  });
});

describe('locators on legal works', () => {
  const cite = (id: string, lang: 'ja' | 'en', locator: string) => flat(renderCitation([{ key: id, locator }], false, ctx(lang)));

  it('a case: the page cited after the page the case starts on', () => {
    expect(cite('legal_case', 'en', 'p. 495')).toContain('347 U.S. 483, 495 (1954)');
    // Another court's case names its court with the year.
    const appeals: ReferenceLibrary = { ...library, items: new Map(library.items).set('legal_case', { ...library.items.get('legal_case')!, authority: '9th Cir.', 'container-title': 'F.3d' }) };
    expect(flat(renderCitation([{ key: 'legal_case' }], false, ctx('en', appeals)))).toContain('347 F.3d 483 (9th Cir. 1954)');
    // A court's own reporter names it too, in any series: the court is not repeated (Bluebook 10.4).
    const withCourt = (authority: string, reporter: string): ReferenceLibrary => ({
      ...library,
      items: new Map(library.items).set('legal_case', { ...library.items.get('legal_case')!, authority, 'container-title': reporter }),
    });
    expect(flat(renderCitation([{ key: 'legal_case' }], false, ctx('en', withCourt('Mass.', 'Mass.'))))).toContain('347 Mass. 483 (1954)');
    expect(flat(renderCitation([{ key: 'legal_case' }], false, ctx('en', withCourt('Cal.', 'Cal. 4th'))))).toContain('347 Cal. 4th 483 (1954)');
    expect(flat(renderCitation([{ key: 'legal_case' }], false, ctx('en', withCourt('Mass.', 'N.E.3d'))))).toContain('347 N.E.3d 483 (Mass. 1954)');
    expect(flat(renderCitation([{ key: 'legal_case' }], false, ctx('en', withCourt('N.Y.', 'N.Y.3d'))))).toContain('347 N.Y.3d 483 (1954)');
    expect(cite('legal_case', 'ja', 'p. 495')).toContain('U.S. 347巻483頁（495頁）');
    // A neutral citation names its court and year: neither is repeated after it.
    const neutral: ReferenceLibrary = {
      ...library,
      items: new Map(library.items).set('bridges', {
        id: 'bridges',
        type: 'legal_case',
        title: 'R (Bridges) v Chief Constable of South Wales Police',
        number: '[2020] EWCA Civ 1058',
        authority: 'Court of Appeal (England and Wales)',
        issued: '2020-08-11',
      }),
    };
    expect(flat(renderCitation([{ key: 'bridges' }], false, ctx('en', neutral)))).toBe('*R (Bridges) v Chief Constable of South Wales Police* [2020] EWCA Civ 1058.');
    // A case in no reporter: its docket number, its court and its full date (Bluebook 10.8.1); ja keeps the 事件番号 too.
    const unreported: ReferenceLibrary = {
      ...library,
      items: new Map(library.items).set('smith', { id: 'smith', type: 'legal_case', title: 'Doe v. Smith', authority: 'S.D.N.Y.', number: 'No. 20-cv-1234', issued: '2021-02-03' }),
    };
    expect(flat(renderCitation([{ key: 'smith' }], false, ctx('en', unreported)))).toBe('*Doe v. Smith*, No. 20-cv-1234 (S.D.N.Y. Feb. 3, 2021).');
    // The month in a case's date is abbreviated as Bluebook table T12 does (Sept., June); other works keep the full name.
    const docketed = (issued: string): ReferenceLibrary => ({
      ...library,
      items: new Map(library.items).set('la', { id: 'la', type: 'legal_case', title: 'Louisiana v. EPA', authority: 'E.D. La.', number: 'No. 2:23-cv-01839', issued }),
    });
    expect(flat(renderCitation([{ key: 'la' }], false, ctx('en', docketed('2023-10-10'))))).toBe('*Louisiana v. EPA*, No. 2:23-cv-01839 (E.D. La. Oct. 10, 2023).');
    expect(flat(renderCitation([{ key: 'la' }], false, ctx('en', docketed('2023-09-05'))))).toContain('(E.D. La. Sept. 5, 2023)');
    expect(flat(renderCitation([{ key: 'la' }], false, ctx('en', docketed('2023-06-05'))))).toContain('(E.D. La. June 5, 2023)');
    expect(flat(renderCitation([{ key: 'la' }], false, ctx('en', docketed('2023-10'))))).toContain('(E.D. La. Oct. 2023)');
    // A case named by its court prints its date so too; ja dates are unchanged.
    const unnamed: ReferenceLibrary = { ...library, items: new Map(library.items).set('bgh', { id: 'bgh', type: 'legal_case', authority: 'BGH', issued: '2019-12-17' }) };
    expect(flat(renderCitation([{ key: 'bgh' }], false, ctx('en', unnamed)))).toContain('(Dec. 17, 2019)');
    expect(flat(renderCitation([{ key: 'la' }], false, ctx('ja', docketed('2023-10-10'))))).toContain('(2023.10.10)');
    expect(flat(renderCitation([{ key: 'smith' }], false, ctx('ja', unreported)))).toContain('（No. 20-cv-1234）');
    expect(unprintedFields(unreported.items.get('smith')!, ctx('en', unreported))).toEqual([]);
  });

  it("ja: a report's genre joins the bracket of its date or publisher, and editors of a whole book go before its title", () => {
    const report: CslItem = { id: 'rep', type: 'report', author: [{ family: '山田', given: '太郎' }], title: '米国の関税政策', genre: '随時報告', issued: { 'date-parts': [[2024, 10]] } };
    const book: CslItem = {
      id: 'ed',
      type: 'book',
      author: [
        { family: '田中', given: '花子' },
        { family: '佐藤', given: '次郎' },
      ],
      editor: [{ family: '高橋', given: '健' }],
      title: '交通まちづくりの理論と実践',
      edition: '2',
      publisher: '学芸出版社',
      issued: { 'date-parts': [[2019]] },
    };
    const lib: ReferenceLibrary = {
      ...library,
      items: new Map(library.items)
        .set('rep', report)
        .set('rep2', { ...report, id: 'rep2', publisher: '国立国会図書館', 'collection-title': '調査資料' })
        .set('ed', book)
        .set('edonly', { ...book, id: 'edonly', author: undefined }),
    };
    const ja = (key: string, suppressAuthor = false) => flat(renderCitation([{ key, ...(suppressAuthor ? { suppressAuthor } : {}) }], false, ctx('ja', lib)));
    expect(ja('rep')).toBe('山田太郎『米国の関税政策』(随時報告、2024.10)');
    expect(ja('rep2')).toBe('山田太郎『米国の関税政策』(随時報告、調査資料、国立国会図書館、2024年)');
    expect(ja('ed')).toBe('田中花子・佐藤次郎著、高橋健編『交通まちづくりの理論と実践』第2版(学芸出版社、2019年)');
    // Editors alone stand in the author's place; with the author left out (`[-@key]`), they follow the title.
    expect(ja('edonly')).toBe('高橋健編『交通まちづくりの理論と実践』第2版(学芸出版社、2019年)');
    expect(ja('ed', true)).toBe('『交通まちづくりの理論と実践』(高橋健編)第2版(学芸出版社、2019年)');
    for (const key of ['rep', 'rep2', 'ed']) expect(unprintedFields(lib.items.get(key)!, ctx('ja', lib))).toEqual([]);
    // en is unchanged.
    expect(flat(renderCitation([{ key: 'rep' }], false, ctx('en', lib)))).toBe('山田太郎, *米国の関税政策*, 随時報告 (October 2024).');
  });

  it('a case in a reporter numbered by issue (判例時報): the issue counts as the volume, and no 事件番号 prints', () => {
    const hanji: CslItem = {
      id: 'hanji',
      type: 'legal_case',
      authority: '最高裁判所第三小法廷',
      genre: '判決',
      number: '平成13年(オ)第1234号',
      'container-title': '判例時報',
      issue: '1771',
      page: '61',
      issued: { 'date-parts': [[2001, 10, 16]] },
    };
    const minshu: CslItem = { ...hanji, id: 'minshu', 'container-title': '民集', volume: '55', issue: '7', page: '1603' };
    const lib: ReferenceLibrary = { ...library, items: new Map(library.items).set('hanji', hanji).set('minshu', minshu) };
    expect(flat(renderCitation([{ key: 'hanji' }], false, ctx('ja', lib)))).toBe('最高裁判所第三小法廷判決(2001.10.16)判例時報1771号61頁');
    expect(flat(renderCitation([{ key: 'hanji', locator: '62' }], false, ctx('ja', lib)))).toBe('最高裁判所第三小法廷判決(2001.10.16)判例時報1771号61頁（62頁）');
    // A reporter with volumes prints both volume and issue, and no 事件番号 either.
    expect(flat(renderCitation([{ key: 'minshu' }], false, ctx('ja', lib)))).toBe('最高裁判所第三小法廷判決(2001.10.16)民集55巻7号1603頁');
    // In en the issue stands where a volume would (Bluebook: 1771 Hanji 61).
    expect(flat(renderCitation([{ key: 'hanji' }], false, ctx('en', lib)))).toContain('1771 判例時報 61');
    expect(flat(renderCitation([{ key: 'hanji' }], false, ctx('en', lib)))).not.toContain('第1234');
    expect(unprintedFields(hanji, ctx('ja', lib))).toEqual([]);
    expect(unprintedFields(hanji, ctx('en', lib))).toEqual([]);
    // Without a page it is no reported case: the 事件番号 prints.
    const docket: ReferenceLibrary = { ...library, items: new Map(library.items).set('hanji', { ...hanji, page: undefined }) };
    expect(flat(renderCitation([{ key: 'hanji' }], false, ctx('ja', docket)))).toContain('（平成13年(オ)第1234号）');
  });

  it('a statute: the section cited in place of the one in references.yaml', () => {
    expect(cite('legislation', 'en', '§ 17')).toContain('Act No. 57 of 2003, § 17 (Japan)');
    expect(cite('legislation', 'en', '§ 17')).not.toContain('art. 3');
    expect(cite('legislation', 'ja', '第17条')).toContain('（平成15年法律第57号）第17条（日本）');
    // A page, for a statute printed in no volume, is not lost either.
    expect(cite('legislation', 'en', 'p. 33')).toContain('Act No. 57 of 2003, p. 33 (Japan)');
  });

  it('a regulation in the Official Journal: an article cited after its number, a page cited after its first page', () => {
    expect(cite('regulation', 'en', 'art. 9')).toContain('Regulation (EU) 2016/679, art. 9, 2016 O.J. (L 119)\u00a01 (EU)');
    expect(cite('regulation', 'en', 'p. 5')).toContain('Regulation (EU) 2016/679, 2016 O.J. (L 119)\u00a01, 5 (EU)');
    expect(cite('regulation', 'ja', '第9条')).toContain('（Regulation (EU) 2016/679）第9条、EU『O.J.』L 119、1頁(2016.5.4)');
    expect(cite('regulation', 'ja', 'p. 5')).toContain('EU『O.J.』L 119、1頁（5頁）(2016.5.4)');
    const ordinance: CslItem = { id: 'ord', type: 'regulation', title: 'Enforcement Ordinance', number: 'Ordinance No. 12 of 2020', issued: { 'date-parts': [[2020, 4, 1]] } };
    const lib: ReferenceLibrary = { ...library, items: new Map(library.items).set('ord', ordinance) };
    expect(flat(renderCitation([{ key: 'ord', locator: 'p. 3' }], false, ctx('en', lib)))).toBe('Enforcement Ordinance, Ordinance No. 12 of 2020, p. 3, April 1, 2020.');
    // In ja, a locator with nothing after it but the date takes no delimiter of its own.
    expect(flat(renderCitation([{ key: 'ord', locator: 'p. 3' }], false, ctx('ja', lib)))).toBe('Enforcement Ordinance（Ordinance No. 12 of 2020）3頁(2020.4.1)');
  });

  it('a statute in a code: its section follows the code with no comma', () => {
    const usc: CslItem = { id: 'usc', type: 'legislation', title: 'Civil Rights Act of 1871', 'container-title': 'U.S.C.', volume: '42', section: '§ 1983', issued: { 'date-parts': [[2018]] } };
    const lib: ReferenceLibrary = { ...library, items: new Map(library.items).set('usc', usc) };
    expect(flat(renderCitation([{ key: 'usc' }], false, ctx('en', lib)))).toBe('Civil Rights Act of 1871, 42 U.S.C. § 1983 (2018).');
    expect(flat(renderCitation([{ key: 'usc', locator: '§ 1985' }], false, ctx('en', lib)))).toBe('Civil Rights Act of 1871, 42 U.S.C. § 1985 (2018).');
    // In ja, the code's citation in brackets after the title, not the code as a journal's volume.
    expect(flat(renderCitation([{ key: 'usc' }], false, ctx('ja', lib)))).toBe('Civil Rights Act of 1871（2018）（42 U.S.C. § 1983）');
    // A section written as a bare number gets its sign, as a regulation's does.
    const bare: ReferenceLibrary = { ...library, items: new Map(library.items).set('usc', { ...usc, section: '254' }) };
    expect(flat(renderCitation([{ key: 'usc' }], false, ctx('en', bare)))).toBe('Civil Rights Act of 1871, 42 U.S.C. § 254 (2018).');
    expect(flat(renderCitation([{ key: 'usc' }], false, ctx('ja', bare)))).toBe('Civil Rights Act of 1871（2018）（42 U.S.C. § 254）');
  });

  it('a state code named without a title number: the code, its chapter and the section (Bluebook 12.3)', () => {
    const cal: CslItem = {
      id: 'cal',
      type: 'legislation',
      title: 'California Consumer Privacy Act of 2018',
      'container-title': 'Cal. Civ. Code',
      section: '1798.100',
      issued: { 'date-parts': [[2024]] },
    };
    const mgl: CslItem = {
      id: 'mgl',
      type: 'legislation',
      title: 'Security Breaches',
      'container-title': 'Mass. Gen. Laws',
      'chapter-number': '93H',
      section: '3',
      issued: { 'date-parts': [[2024]] },
    };
    const lib: ReferenceLibrary = { ...library, items: new Map(library.items).set('cal', cal).set('mgl', mgl) };
    const cite = (key: string, lang: 'en' | 'ja', locator?: string, l = lib) => flat(renderCitation([{ key, ...(locator ? { locator } : {}) }], false, ctx(lang, l)));
    expect(cite('cal', 'en')).toBe('California Consumer Privacy Act of 2018, Cal. Civ. Code § 1798.100 (2024).');
    expect(cite('cal', 'en', '§ 1798.150')).toBe('California Consumer Privacy Act of 2018, Cal. Civ. Code § 1798.150 (2024).');
    expect(cite('mgl', 'en')).toBe('Security Breaches, Mass. Gen. Laws ch. 93H, § 3 (2024).');
    expect(cite('mgl', 'ja')).toBe('Security Breaches（2024）（Mass. Gen. Laws ch. 93H, § 3）');
    // A chapter written into the code's name takes the comma before the section too.
    const inName: ReferenceLibrary = { ...library, items: new Map(library.items).set('mgl', { ...mgl, 'container-title': 'Mass. Gen. Laws ch. 93H', 'chapter-number': undefined }) };
    expect(cite('mgl', 'en', undefined, inName)).toBe('Security Breaches, Mass. Gen. Laws ch. 93H, § 3 (2024).');
    // Cited again: the code citation alone.
    const again = flat(renderCitation([{ key: 'mgl' }], false, { ...ctx('en', lib), citedBefore: new Set(['mgl']) }));
    expect(again).toBe('Mass. Gen. Laws ch. 93H, § 3.');
    // A locator that names the chapter is not given it again.
    expect(cite('mgl', 'en', 'ch. 93H, § 4')).toBe('Security Breaches, Mass. Gen. Laws ch. 93H, § 4 (2024).');
    // The code's publisher goes before its year (Bluebook 12.3.1(d)); a section cited without a name is named by its code.
    const tex: CslItem = { id: 'tex', type: 'legislation', 'container-title': 'Tex. Util. Code Ann.', section: '39.151', publisher: 'West', issued: { 'date-parts': [[2023]] } };
    const texLib: ReferenceLibrary = { ...library, items: new Map(library.items).set('tex', tex) };
    expect(cite('tex', 'en', undefined, texLib)).toBe('Tex. Util. Code Ann. § 39.151 (West 2023).');
    expect(cite('tex', 'ja', undefined, texLib)).toBe('Tex. Util. Code Ann. § 39.151（2023）');
  });

  it('a hearing printed as a document: its title, the body it was held before, the Congress and page (Bluebook 13.3)', () => {
    const named: CslItem = {
      id: 'named',
      type: 'hearing',
      title: "Protecting Americans' Data: Hearing Before the S. Comm. on Commerce, Sci., & Transp.",
      authority: 'S. Comm. on Commerce, Sci., & Transp.',
      number: '118th Cong.',
      issued: { 'date-parts': [[2024, 5, 2]] },
    };
    const byAuthority: CslItem = { id: 'auth', type: 'hearing', title: 'Oversight of the FTC', authority: 'S. Comm. on the Judiciary', number: '118th Cong.', issued: { 'date-parts': [[2023]] } };
    const lib: ReferenceLibrary = { ...library, items: new Map(library.items).set('named', named).set('auth', byAuthority) };
    const cite = (key: string, locator?: string, c = ctx('en', lib)) => flat(renderCitation([{ key, ...(locator ? { locator } : {}) }], false, c));
    // A title that names the hearing is not given the words again.
    expect(cite('named', 'p. 14')).toBe("*Protecting Americans' Data: Hearing Before the S. Comm. on Commerce, Sci., & Transp.*, 118th Cong. 14 (2024).");
    expect(cite('auth')).toBe('*Oversight of the FTC: Hearing Before the S. Comm. on the Judiciary*, 118th Cong. (2023).');
    // The page cited, not after the item's own page.
    const paged: ReferenceLibrary = { ...library, items: new Map(library.items).set('auth', { ...byAuthority, page: '12' }) };
    expect(cite('auth', 'p. 14', ctx('en', paged))).toBe('*Oversight of the FTC: Hearing Before the S. Comm. on the Judiciary*, 118th Cong. 14 (2023).');
    // Cited again: by its title, not as minutes in full.
    expect(cite('auth', 'p. 12', { ...ctx('en', lib), citedBefore: new Set(['auth']) })).toBe('*Oversight of the FTC*, 12.');
    // Minutes of an assembly (a minutes issue) keep their form.
    const minutes: ReferenceLibrary = { ...library, items: new Map(library.items).set('auth', { ...byAuthority, issue: 3 }) };
    expect(cite('auth', undefined, ctx('en', minutes))).toContain('Minutes of the Plenary Session');
  });

  it('a session law: the section cited after its public law number, then the volume and first page (Bluebook 12.4)', () => {
    const iija: CslItem = {
      id: 'iija',
      type: 'legislation',
      title: 'Infrastructure Investment and Jobs Act',
      number: 'Pub. L. No. 117-58',
      'container-title': 'Stat.',
      volume: '135',
      page: '429',
      issued: { 'date-parts': [[2021, 11, 15]] },
    };
    const lib: ReferenceLibrary = { ...library, items: new Map(library.items).set('iija', iija) };
    const en = (locator?: string, item: CslItem = iija) =>
      flat(renderCitation([{ key: 'iija', ...(locator ? { locator } : {}) }], false, ctx('en', { ...lib, items: new Map(lib.items).set('iija', item) })));
    expect(en('§ 60102')).toBe('Infrastructure Investment and Jobs Act, Pub. L. No. 117-58, § 60102, 135 Stat. 429 (2021).');
    // A page cited follows the first page; a section of the item stands where a section cited does.
    expect(en('p. 1200')).toBe('Infrastructure Investment and Jobs Act, Pub. L. No. 117-58, 135 Stat. 429, 1200 (2021).');
    expect(en('p. 1200', { ...iija, section: '§ 60102' })).toBe('Infrastructure Investment and Jobs Act, Pub. L. No. 117-58, § 60102, 135 Stat. 429, 1200 (2021).');
    expect(en()).toBe('Infrastructure Investment and Jobs Act, Pub. L. No. 117-58, 135 Stat. 429 (2021).');
  });

  it('cited again in en: a statute or regulation by its code citation, a case at its reporter', () => {
    const usc: CslItem = { id: 'usc', type: 'legislation', title: 'Universal Service', 'container-title': 'U.S.C.', volume: '47', section: '254', issued: { 'date-parts': [[2018]] } };
    const cfr: CslItem = { id: 'cfr', type: 'regulation', title: 'Protection of Human Subjects', 'container-title': 'C.F.R.', volume: '45', section: '46.116', issued: { 'date-parts': [[2023]] } };
    const act: CslItem = { id: 'act', type: 'legislation', title: 'Act on the Protection of Personal Information', number: 'Act No. 57 of 2003', issued: { 'date-parts': [[2003]] } };
    const lib: ReferenceLibrary = { ...library, items: new Map(library.items).set('usc', usc).set('cfr', cfr).set('act', act) };
    const again = (key: string, locator?: string) => flat(renderCitation([{ key, ...(locator ? { locator } : {}) }], false, { ...ctx('en', lib), citedBefore: new Set([key]) }));
    expect(again('usc', '§ 254(b)')).toBe('47 U.S.C. § 254(b).');
    expect(again('usc')).toBe('47 U.S.C. § 254.');
    expect(again('cfr', '§ 46.116(d)')).toBe('45 C.F.R. § 46.116(d).');
    expect(again('legal_case', 'p. 495')).toBe('*Brown v. Board of Education*, 347 U.S. at 495.');
    expect(again('legal_case')).toBe('*Brown v. Board of Education*, 347 U.S. 483.');
    // A statute in no code: the general short form.
    expect(again('act', 'art. 3')).toBe('Act on the Protection of Personal Information, art. 3.');
  });

  it('a U.S. regulation: the volume first, then the code and section dated by year, or the register and page dated in full', () => {
    const cfr: CslItem = { id: 'cfr', type: 'regulation', title: 'Protection of Human Subjects', 'container-title': 'C.F.R.', volume: '45', section: '46.116', issued: { 'date-parts': [[2023]] } };
    const fedReg: CslItem = {
      id: 'fed-reg',
      type: 'regulation',
      title: 'Medicare Program; Hospital Inpatient Prospective Payment Systems',
      'container-title': 'Fed. Reg.',
      volume: '88',
      page: '58640',
      issued: { 'date-parts': [[2023, 8, 28]] },
    };
    const lib: ReferenceLibrary = { ...library, items: new Map(library.items).set('cfr', cfr).set('fed-reg', fedReg) };
    const us = (id: string, locator?: string) => flat(renderCitation([{ key: id, ...(locator ? { locator } : {}) }], false, ctx('en', lib)));
    expect(us('cfr')).toBe('Protection of Human Subjects, 45 C.F.R. § 46.116 (2023).');
    expect(us('cfr', '§ 46.116(b)(1)')).toBe('Protection of Human Subjects, 45 C.F.R. § 46.116(b)(1) (2023).');
    expect(us('fed-reg')).toBe('Medicare Program; Hospital Inpatient Prospective Payment Systems, 88 Fed. Reg. 58640 (August 28, 2023).');
    expect(us('fed-reg', '58642')).toBe('Medicare Program; Hospital Inpatient Prospective Payment Systems, 88 Fed. Reg. 58640, 58642 (August 28, 2023).');
    // In ja the same citation, in brackets after the title.
    const ja = (id: string, locator?: string) => flat(renderCitation([{ key: id, ...(locator ? { locator } : {}) }], false, ctx('ja', lib)));
    expect(ja('cfr')).toBe('Protection of Human Subjects（45 C.F.R. § 46.116）(2023)');
    expect(ja('fed-reg', '58642-43')).toBe('Medicare Program; Hospital Inpatient Prospective Payment Systems（88 Fed. Reg. 58640, 58642–43）(2023.8.28)');
    // Nothing either of them holds goes unprinted.
    for (const lang of ['en', 'ja'] as const) {
      expect(unprintedFields(cfr, ctx(lang, lib))).toEqual([]);
      expect(unprintedFields(fedReg, ctx(lang, lib))).toEqual([]);
    }
  });
});

describe('a locator written in a citation', () => {
  it('is printed for every type, in both languages (nothing the author wrote is dropped)', () => {
    const dropped: string[] = [];
    for (const key of library.items.keys())
      for (const lang of ['ja', 'en'] as const) {
        const without = flat(renderCitation([{ key }], false, ctx(lang)));
        const withLocator = flat(renderCitation([{ key, locator: 'p. 7' }], false, ctx(lang)));
        if (without === withLocator || !/7/.test(withLocator.replace(without, ''))) dropped.push(`${lang} ${key}: ${withLocator}`);
      }
    expect(dropped).toEqual([]);
  });
});

describe('quotation marks in a title', () => {
  it('nests straight or curly double quotes inside a quoted title as single ones (Chicago 13.30)', () => {
    const report = (title: string) => ({ id: 'flint', type: 'article-journal', title, 'container-title': 'Journal of Water', volume: 3, issued: '2019' }) as unknown as CslItem;
    for (const title of ['Investigating "Ground Zero" Homes', 'Investigating “Ground Zero” Homes']) {
      const lib: ReferenceLibrary = { ...library, items: new Map(library.items).set('flint', report(title)) };
      expect(flat(renderCitation([{ key: 'flint' }], false, ctx('en', lib)))).toContain('“Investigating ‘Ground Zero’ Homes,”');
    }
  });
});

describe('a case in no reporter', () => {
  it('is cited at a page of its slip opinion, in full and in the short form (Bluebook 10.8.1)', () => {
    const lib: ReferenceLibrary = {
      ...library,
      items: new Map(library.items).set('vita', {
        id: 'vita',
        type: 'legal_case',
        title: 'Vita v. New England Baptist Hospital',
        number: 'No. SJC-13440',
        authority: 'Mass.',
        issued: '2024-11-19',
      } as unknown as CslItem),
    };
    expect(flat(renderCitation([{ key: 'vita', locator: 'p. 18' }], false, ctx('en', lib)))).toBe('*Vita v. New England Baptist Hospital*, No. SJC-13440, slip op. at 18 (Mass. Nov. 19, 2024).');
    const later = { ...ctx('en', lib), citedBefore: new Set(['vita']) };
    expect(flat(renderCitation([{ key: 'vita', locator: 'p. 20' }], false, later))).toBe('*Vita v. New England Baptist Hospital*, slip op. at 20.');
  });
});

describe('a bill cited again', () => {
  it('is cited by its number and section, never as if it were law (S. 2608 § 3(b))', () => {
    const lib: ReferenceLibrary = {
      ...library,
      items: new Map(library.items).set('s2608', {
        id: 's2608',
        type: 'bill',
        title: 'Massachusetts Data Privacy Act',
        number: 'S. 2608',
        authority: '194th Gen. Ct.',
        issued: '2025',
      } as unknown as CslItem),
    };
    const later = { ...ctx('en', lib), citedBefore: new Set(['s2608']) };
    expect(flat(renderCitation([{ key: 's2608', locator: '§ 3(b)' }], false, later))).toBe('S. 2608 § 3(b).');
    expect(flat(renderCitation([{ key: 's2608' }], false, later))).toBe('S. 2608.');
  });
});

describe('a parenthetical written in the brackets', () => {
  it('follows the whole citation, after its date, its locator read as one', () => {
    const lib: ReferenceLibrary = {
      ...library,
      items: new Map(library.items).set('sorrell', {
        id: 'sorrell',
        type: 'legal_case',
        title: 'Sorrell v. IMS Health Inc.',
        'container-title': 'U.S.',
        volume: 564,
        page: 552,
        authority: 'Supreme Court of the United States',
        issued: '2011',
      } as unknown as CslItem),
    };
    expect(flat(renderCitation([{ key: 'sorrell', locator: 'p. 570 (holding that data is speech)' }], false, ctx('en', lib)))).toBe(
      '*Sorrell v. IMS Health Inc.*, 564 U.S. 552, 570 (2011) (holding that data is speech).',
    );
  });
});

describe('italics written in a title', () => {
  const lib = (item: Record<string, unknown>): ReferenceLibrary => ({ ...library, items: new Map(library.items).set('t', { id: 't', issued: '2020', ...item } as unknown as CslItem) });
  const article = lib({ type: 'article-journal', title: 'The Legacy of *Marbury v. Madison*: A Reappraisal', 'container-title': 'Yale Law Journal', volume: 12 });
  const book = lib({ type: 'book', title: 'Reading _The Federalist_ Now', publisher: 'Oxford University Press' });

  it('sets `*…*` or `_…_` in italics in a quoted title, and in roman inside an italic one (Chicago 8.171)', () => {
    expect(render('t', 'en', article)).toContain('“The Legacy of *Marbury v. Madison*: A Reappraisal,”');
    expect(render('t', 'en', book)).toContain('*Reading *The Federalist* Now*');
    expect(flat(renderCitation([{ key: 't' }], false, ctx('en', book)))).not.toMatch(/_/);
  });

  it('keeps the italics in the short title of a later note', () => {
    const c = { ...ctx('en', article), citedBefore: new Set(['t']) };
    expect(flat(renderCitation([{ key: 't', locator: '5' }], false, c))).toBe('“The Legacy of *Marbury v. Madison*,” 5.');
  });

  it('sets a title written wholly in italics as its form sets it (a case name in italics, not in roman)', () => {
    expect(
      render('t', 'en', lib({ type: 'legal_case', title: '*Carpenter v. United States*', 'container-title': 'U.S.', volume: 585, page: 296, authority: 'Supreme Court of the United States' })),
    ).toContain('*Carpenter v. United States*');
  });

  it('leaves out the marks of bold, which a title does not take', () => {
    expect(render('t', 'en', lib({ type: 'book', title: 'The **bold** title and ***Roe***' }))).toContain('*The bold title and *Roe (2020)');
  });

  it('leaves an asterisk inside a word or escaped as it is', () => {
    expect(render('t', 'en', lib({ type: 'book', title: 'M*A*S*H and \\*Stars\\*' }))).toContain('*M*A*S*H and *Stars**');
  });
});

describe('many authors', () => {
  it('names four or more as the first and et al. (ja ほか) in a full note, three in full', () => {
    const names = (n: number) => ['Adams', 'Baker', 'Clark', 'Davis'].slice(0, n).map((family) => ({ family, given: 'Ann' }));
    const book = (n: number) => ({ id: 'many', type: 'book', title: 'Digital Era Governance', author: names(n), publisher: 'Oxford University Press', issued: '2006' }) as unknown as CslItem;
    const cite = (n: number, lang: 'ja' | 'en') => flat(renderCitation([{ key: 'many' }], false, ctx(lang, { ...library, items: new Map(library.items).set('many', book(n)) })));
    expect(cite(4, 'en')).toMatch(/^Ann Adams et al\., \*Digital Era Governance\*/);
    expect(cite(4, 'ja')).toMatch(/^Ann Adamsほか/);
    expect(cite(3, 'en')).toMatch(/^Ann Adams, Ann Baker, and Ann Clark, /);
  });
});

describe('report numbers', () => {
  it('prints a number with a prefix of its own as it is, and a bare one with the label', () => {
    const report = (number: string) => ({ id: 'r', type: 'report', title: 'Lead Service Lines', number, publisher: 'EPA', issued: '2023-04' }) as unknown as CslItem;
    const cite = (number: string, lang: 'ja' | 'en') => flat(renderCitation([{ key: 'r' }], false, ctx(lang, { ...library, items: new Map(library.items).set('r', report(number)) })));
    expect(cite('EPA 816-K-23-001', 'en')).toContain('EPA 816-K-23-001');
    expect(cite('EPA 816-K-23-001', 'en')).not.toContain('no. EPA');
    expect(cite('EPA 816-K-23-001', 'ja')).not.toContain('第EPA');
    expect(cite('362', 'en')).toContain('no. 362');
    expect(cite('362', 'ja')).toContain('第362号');
    // With a genre: a comma before an identifier (Report to Congressional Requesters, GAO-24-106101), none before a number.
    const genred = (number: string) =>
      flat(renderCitation([{ key: 'r' }], false, ctx('en', { ...library, items: new Map(library.items).set('r', { ...report(number), genre: 'Working Paper' } as unknown as CslItem) })));
    expect(genred('GAO-24-106101')).toContain('Working Paper, GAO-24-106101');
    expect(genred('24')).toContain('Working Paper 24');
  });
});

describe('foreign works in a Japanese edition', () => {
  const lib = (item: CslItem): ReferenceLibrary => ({ ...library, items: new Map(library.items).set(item.id, item) });
  const houseCtx = (l: ReferenceLibrary): CitationRenderContext => ({ lang: 'ja', style: languageStyle(reportTemplate, 'ja'), library: l, endsParagraph: true });
  const dunleavy = {
    id: 'deg',
    type: 'book',
    title: 'Digital Era Governance',
    author: ['Dunleavy', 'Margetts', 'Bastow', 'Tinkler'].map((family, i) => ({ family, given: ['Patrick', 'Helen', 'Simon', 'Jane'][i] })),
    publisher: 'Oxford University Press',
    issued: '2006',
  } as unknown as CslItem;
  it('cites a work whose every printed field is in Latin script as English notes do', () => {
    const l = lib(dunleavy);
    expect(flat(renderCitation([{ key: 'deg', locator: 'pp. 227-229' }], false, houseCtx(l)))).toBe('Patrick Dunleavy et al., *Digital Era Governance* (Oxford University Press, 2006), 227–29');
    // Nothing it holds goes unprinted in that style.
    expect(unprintedFields(dunleavy, houseCtx(l))).toEqual([]);
  });
  it('puts the commas of a foreign article inside its quotation marks, and cites it again as Ibid.', () => {
    const article = {
      id: 'mob',
      type: 'article-journal',
      title: 'Mobility as a Service',
      author: [{ family: 'Jittrapirom', given: 'Peraphan' }],
      'container-title': 'Urban Planning',
      volume: '2',
      issue: '2',
      page: '13-25',
      issued: '2017',
    } as unknown as CslItem;
    const l = lib(article);
    expect(flat(renderCitation([{ key: 'mob', locator: 'p. 15' }], false, houseCtx(l)))).toBe('Peraphan Jittrapirom, “Mobility as a Service,” *Urban Planning* 2, no. 2 (2017): 15');
    expect(flat(renderCitation([{ key: 'mob', locator: 'p. 16' }], true, houseCtx(l)))).toBe('Ibid., 16');
    // A Japanese work is still 同上.
    expect(flat(renderCitation([{ key: 'deg', locator: 'p. 16' }], true, houseCtx(lib({ ...dunleavy, title: { ja: 'デジタル時代', en: 'Digital Era' } } as unknown as CslItem))))).toBe('同上、16頁');
  });

  it('cites a work with any Japanese field in the Japanese house style', () => {
    const translated = { ...dunleavy, title: { ja: 'デジタル時代のガバナンス', en: 'Digital Era Governance' } } as unknown as CslItem;
    expect(flat(renderCitation([{ key: 'deg' }], false, houseCtx(lib(translated))))).toContain('『デジタル時代のガバナンス』');
  });
});
