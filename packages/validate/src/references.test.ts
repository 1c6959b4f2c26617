import { afterAll, describe, expect, it } from 'vitest';
import { briefYaml, check, errorLines, ofRule, referencesYaml, removeSources } from './test-source.js';

afterAll(removeSources);
import { isbnCheckDigitOk } from './references.js';

/** A body citing each key once, in its own note. */
function citing(...keys: string[]): string {
  return `本文${keys.map((_, i) => `[^n${i}]`).join('')}。\n\n${keys.map((k, i) => `[^n${i}]: [@${k}]\n`).join('\n')}`;
}

const newspaper = 'id: nikkei\ntype: article-newspaper\ncontainer-title: { ja: 日本経済新聞, en: Nikkei }\nissued: 2025-01-29';

describe('reference-required-field', () => {
  const cases: [string, string, string][] = [
    ['article-newspaper', newspaper, 'id: nikkei\ntype: article-newspaper\ncontainer-title: 日本経済新聞'],
    ['webpage', 'id: w\ntype: webpage\npublisher: 首相官邸\nURL: https://www.kantei.go.jp/', 'id: w\ntype: webpage\ntitle: 首相官邸'],
    [
      'book',
      'id: b\ntype: book\ntitle: 本\neditor: [{ family: 中林, given: 美恵子 }]\nissued: 2017\npublisher: 日本評論社',
      'id: b\ntype: book\ntitle: 本\neditor: [{ family: 中林, given: 美恵子 }]\nissued: 2017',
    ],
    ['article-journal', 'id: j\ntype: article-journal\ntitle: 論文\ncontainer-title: 証券レビュー\nissued: 2019-06', 'id: j\ntype: article-journal\ntitle: 論文\nissued: 2019-06'],
    [
      'legislation',
      'id: d\ntype: legislation\nnumber: 219\nchamber: 参議院\ncommittee: 外交防衛委員会\nissue: 2\npage: 6\nissued: 2025-11-20',
      'id: d\ntype: legislation\nnumber: 219\nchamber: 参議院\npage: 6\nissued: 2025-11-20',
    ],
    ['report', 'id: r\ntype: report\ntitle: 不公正貿易報告書\nissued: 2020\nauthority: 経済産業省', 'id: r\ntype: report\ntitle: 不公正貿易報告書\nissued: 2020'],
    // A hearing printed as a document needs its title and date, not a chamber.
    [
      'hearing',
      'id: h\ntype: hearing\ntitle: "Grid Reliability: Hearing Before the H. Comm. on Energy and Commerce"\nnumber: 117th Cong.\nissued: 2022-03-01',
      'id: h\ntype: hearing\ntitle: Grid Reliability\nnumber: 117th Cong.',
    ],
    // A code section may go without a name.
    ['legislation (code)', 'id: c\ntype: legislation\ncontainer-title: Cal. Civ. Code\nsection: "1714"\nissued: 2023', 'id: c\ntype: legislation\nsection: "1714"\nissued: 2023'],
    // An e-mail is named by its genre; it needs no title.
    [
      'personal_communication',
      'id: pc\ntype: personal_communication\nauthor: [{ family: 田中, given: 優子 }]\ngenre: 筆者宛て電子メール\nissued: 2026-01-15',
      'id: pc\ntype: personal_communication\nissued: 2026-01-15',
    ],
  ];
  for (const [type, good, bad] of cases) {
    it(`accepts a complete ${type}`, () => {
      const key = /id: (\S+)/.exec(good)![1]!;
      const result = check({ 'ja.md': citing(key), 'references.yaml': referencesYaml(good) });
      expect(errorLines(result)).toEqual([]);
    });
    it(`reports a ${type} without the fields it needs, at its id line`, () => {
      const key = /id: (\S+)/.exec(bad)![1]!;
      const result = check({ 'ja.md': citing(key), 'references.yaml': referencesYaml(bad) });
      const found = ofRule(result, 'reference-required-field');
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ file: 'references.yaml', line: 2, severity: 'error' });
    });
  }

  it('names every missing field', () => {
    const result = check({ 'ja.md': citing('b'), 'references.yaml': referencesYaml('id: b\ntype: book\ntitle: 本') });
    expect(ofRule(result, 'reference-required-field')[0]!.message).toBe('reference "b" (book) has no issued, no publisher');
  });

  it('warns about a book naming no author or editor (reference-recommended-field)', () => {
    const anonymous = check({ 'ja.md': citing('b'), 'references.yaml': referencesYaml('id: b\ntype: book\ntitle: 本\nissued: 2025\npublisher: 日本経済新聞出版') });
    expect(errorLines(anonymous)).toEqual([]);
    expect(ofRule(anonymous, 'reference-recommended-field')).toMatchObject([{ severity: 'warning', line: 2, message: 'reference "b" (book) has no author or editor' }]);
    const edited = check({ 'ja.md': citing('b'), 'references.yaml': referencesYaml('id: b\ntype: book\ntitle: 本\nissued: 2025\npublisher: 社\neditor: [{ literal: 日本経済新聞社 }]') });
    expect(ofRule(edited, 'reference-recommended-field')).toEqual([]);
  });

  it('accepts an organisation’s own report without a publisher, and prints its date', () => {
    const item = 'id: r\ntype: report\nauthor: [{ literal: 総務省 }]\ntitle: 調査結果\nissued: 2025-03';
    const result = check({ 'ja.md': citing('r'), 'references.yaml': referencesYaml(item) });
    expect(errorLines(result)).toEqual([]);
    expect(ofRule(result, 'reference-field-unprinted')).toEqual([]);
    // A person's report still names its publisher.
    const personal = check({ 'ja.md': citing('r'), 'references.yaml': referencesYaml('id: r\ntype: report\nauthor: [{ family: 田中, given: 一郎 }]\ntitle: 調査結果\nissued: 2025-03') });
    expect(ofRule(personal, 'reference-required-field')).toHaveLength(1);
  });

  it('accepts a plenary sitting (no committee)', () => {
    const item = 'id: p\ntype: legislation\nnumber: 219\nchamber: 参議院\nissue: 2\npage: 5\nissued: 2025-10-24';
    expect(errorLines(check({ 'ja.md': citing('p'), 'references.yaml': referencesYaml(item) }))).toEqual([]);
  });

  it('reports a type that is not a CSL type', () => {
    const bad = check({ 'ja.md': citing('x'), 'references.yaml': referencesYaml('id: x\ntype: newspaper-article\ntitle: x') });
    expect(ofRule(bad, 'reference-type-unknown')).toHaveLength(1);
    expect(ofRule(bad, 'reference-type-unknown')[0]).toMatchObject({ line: 3 });
    const good = check({ 'ja.md': citing('x'), 'references.yaml': referencesYaml('id: x\ntype: speech\ntitle: 記者会見\nissued: 2026-02-20') });
    expect(ofRule(good, 'reference-type-unknown')).toEqual([]);
  });
});

describe('date-impossible (references)', () => {
  it('reports an issued date that does not exist, at its line', () => {
    const result = check({ 'ja.md': citing('nikkei'), 'references.yaml': referencesYaml(newspaper.replace('2025-01-29', '2025-02-30')) });
    const found = ofRule(result, 'date-impossible');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: 'references.yaml', line: 5, column: 13 });
  });

  it('reports an impossible accessed date in date-parts and an unreadable one', () => {
    const result = check({
      'ja.md': citing('w', 'v'),
      'references.yaml': referencesYaml(
        'id: w\ntype: webpage\ntitle: x\nURL: https://example.org/\naccessed: { date-parts: [[2026, 13, 1]] }',
        'id: v\ntype: webpage\ntitle: y\nURL: https://example.org/y\naccessed: yesterday',
      ),
    });
    expect(ofRule(result, 'date-impossible').map((d) => d.line)).toEqual([6, 11]);
  });

  it('is the only thing said about the field: no warning that it is not printed, or of its access date', () => {
    const result = check({
      'ja.md': citing('nikkei', 'w'),
      'references.yaml': referencesYaml(
        newspaper.replace('2025-01-29', '令和7年2月7日'),
        'id: w\ntype: webpage\ntitle: 会見\npublisher: 首相官邸\nURL: https://www.kantei.go.jp/\naccessed: 2026-13-02',
      ),
    });
    expect(ofRule(result, 'date-impossible').map((d) => d.message)).toEqual([
      'reference "nikkei": issued 令和7年2月7日 is not a date',
      'reference "w": accessed 2026-13-02 is not a real calendar date',
    ]);
    expect(result.diagnostics.filter((d) => d.file === 'references.yaml' && d.severity === 'warning').map((d) => d.ruleId)).toEqual([]);
  });

  it('accepts real dates in every CSL form', () => {
    const result = check({
      'ja.md': citing('a', 'b', 'c'),
      'references.yaml': referencesYaml(
        'id: a\ntype: article-newspaper\ncontainer-title: 朝日新聞\nissued: 2024-02-29',
        'id: b\ntype: article-newspaper\ncontainer-title: 毎日新聞\nissued: { date-parts: [[2025, 1, 19]] }',
        'id: c\ntype: book\ntitle: 本\nauthor: [{ literal: 日本経済新聞社 }]\npublisher: 日本経済新聞出版\nissued: 2025',
      ),
    });
    expect(errorLines(result)).toEqual([]);
  });
});

describe('date-after-as-of', () => {
  it('reports an issued date after as-of, naming the as-of line', () => {
    const result = check({ 'ja.md': citing('nikkei'), 'references.yaml': referencesYaml(newspaper.replace('2025-01-29', '2026-02-26')) });
    const found = ofRule(result, 'date-after-as-of');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain("later than the report's as-of date 2026-02-25 (brief.yaml:7:8)");
    expect(found[0]).toMatchObject({ file: 'references.yaml', line: 5 });
  });

  it('reports an accessed date after as-of', () => {
    const result = check({ 'ja.md': citing('w'), 'references.yaml': referencesYaml('id: w\ntype: webpage\ntitle: x\nURL: https://example.org/\naccessed: 2026-03-01') });
    expect(ofRule(result, 'date-after-as-of')).toHaveLength(1);
  });

  it('accepts dates on the as-of day and a year that may be before it', () => {
    const result = check({
      'ja.md': citing('w', 'b'),
      'references.yaml': referencesYaml(
        'id: w\ntype: webpage\ntitle: x\nURL: https://example.org/\naccessed: 2026-02-25\nissued: 2026-02-25',
        'id: b\ntype: book\ntitle: 本\neditor: [{ family: 編 }]\npublisher: 社\nissued: 2026',
      ),
    });
    expect(ofRule(result, 'date-after-as-of')).toEqual([]);
  });
});

describe('date ranges in references', () => {
  const book = (issued: string) => referencesYaml(`id: w\ntype: book\ntitle: x\npublisher: P\nissued: ${issued}`);
  it('reports a range that runs backwards, and accepts one that runs forwards', () => {
    const found = ofRule(check({ 'ja.md': citing('w'), 'references.yaml': book('2020/2019') }), 'date-impossible');
    expect(found.map((d) => d.message)).toEqual(['reference "w": the range issued 2020/2019 runs backwards']);
    expect(ofRule(check({ 'ja.md': citing('w'), 'references.yaml': book('2019/2020') }), 'date-impossible')).toEqual([]);
  });
});

describe('DOIs in references', () => {
  const article = (doi: string) => referencesYaml(`id: w\ntype: article-journal\ntitle: x\ncontainer-title: J\nissued: 2022\nDOI: "${doi}"`);
  it('reports a DOI that is none, at its line, and accepts one written with its address or doi:', () => {
    const found = ofRule(check({ 'ja.md': citing('w'), 'references.yaml': article('not a doi') }), 'doi-malformed');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', line: 7 });
    for (const doi of ['10.1021/acs.est.2c02765', 'https://doi.org/10.1021/acs.est.2c02765', 'doi:10.1000/182']) {
      expect(ofRule(check({ 'ja.md': citing('w'), 'references.yaml': article(doi) }), 'doi-malformed'), doi).toEqual([]);
    }
  });
});

describe('URLs in references', () => {
  const page = (url: string) => referencesYaml(`id: w\ntype: webpage\ntitle: x\nURL: "${url}"`);
  it('reports a malformed URL as an error at the URL line', () => {
    const found = ofRule(check({ 'ja.md': citing('w'), 'references.yaml': page('www.mofa.go.jp/page') }), 'url-malformed');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', line: 5 });
  });
  it('reports a URL that is not http(s) as an error', () => {
    expect(ofRule(check({ 'ja.md': citing('w'), 'references.yaml': page('ftp://example.org/a') }), 'url-scheme')).toHaveLength(1);
  });
  it('warns about plain http', () => {
    const found = ofRule(check({ 'ja.md': citing('w'), 'references.yaml': page('http://example.org/a') }), 'url-http');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('warning');
  });
  it('accepts https', () => {
    const result = check({ 'ja.md': citing('w'), 'references.yaml': page('https://www.mofa.go.jp/mofaj/press/kaiken/kaikenw_000001_00209.html#topic3') });
    expect(result.diagnostics).toEqual([]);
  });
});

describe('ISSN and ISBN check digits', () => {
  it('reports a wrong ISSN check digit and accepts a right one', () => {
    const item = (issn: string) => referencesYaml(`id: j\ntype: article-journal\ntitle: 論文\ncontainer-title: 立法と調査\nissued: 2026-03-16\nISSN: ${issn}`);
    expect(ofRule(check({ 'ja.md': citing('j'), 'references.yaml': item('0915-1337') }), 'issn-check-digit')).toHaveLength(1);
    expect(ofRule(check({ 'ja.md': citing('j'), 'references.yaml': item('0915-1338') }), 'issn-check-digit')).toEqual([]);
  });
  it('reports a wrong ISBN check digit and accepts right ones', () => {
    expect(isbnCheckDigitOk('978-0-306-40615-8')).toBe(false);
    expect(isbnCheckDigitOk('978-0-306-40615-7')).toBe(true);
    expect(isbnCheckDigitOk('0-306-40615-2')).toBe(true);
    const item = (isbn: string) => referencesYaml(`id: b\ntype: book\ntitle: 本\neditor: [{ family: 編 }]\npublisher: 社\nissued: 2017\nISBN: ${isbn}`);
    expect(ofRule(check({ 'ja.md': citing('b'), 'references.yaml': item('978-0-306-40615-8') }), 'isbn-check-digit')).toHaveLength(1);
    expect(ofRule(check({ 'ja.md': citing('b'), 'references.yaml': item('978-0-306-40615-7') }), 'isbn-check-digit')).toEqual([]);
  });
});

describe('reference-uncited', () => {
  it('warns about a reference no edition cites, at its id line', () => {
    const result = check({ 'ja.md': citing('nikkei'), 'references.yaml': referencesYaml(newspaper, 'id: spare\ntype: webpage\ntitle: x\nURL: https://example.org/') });
    const found = ofRule(result, 'reference-uncited');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', line: 6, message: 'reference "spare" is never cited' });
  });
  it('counts citations in running text and in notes', () => {
    const result = check({
      'ja.md': '本文[@nikkei]と[^a]。\n\n[^a]: [@w, p. 3]\n',
      'references.yaml': referencesYaml(newspaper, 'id: w\ntype: webpage\ntitle: x\nURL: https://example.org/'),
    });
    expect(ofRule(result, 'reference-uncited')).toEqual([]);
  });
});

describe('reference-id-duplicate (loader)', () => {
  it('reports an id defined twice at the second id line', () => {
    const result = check({ 'ja.md': citing('nikkei'), 'references.yaml': referencesYaml(newspaper, newspaper) });
    const found = ofRule(result, 'reference-id-duplicate');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 6, severity: 'error' });
    expect(ofRule(check({ 'ja.md': citing('nikkei'), 'references.yaml': referencesYaml(newspaper) }), 'reference-id-duplicate')).toEqual([]);
  });
});

describe('reference-duplicate-likely', () => {
  it('warns about two items of the same type, paper and day, naming both lines', () => {
    const other = newspaper.replace('id: nikkei', 'id: nikkei-again');
    const result = check({ 'ja.md': citing('nikkei', 'nikkei-again'), 'references.yaml': referencesYaml(newspaper, other) });
    const found = ofRule(result, 'reference-duplicate-likely');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', line: 6 });
    expect(found[0]!.message).toContain('"nikkei" (references.yaml:2:9)');
  });
  it('does not warn about the morning and evening editions of one day', () => {
    const evening = `${newspaper.replace('id: nikkei', 'id: nikkei-evening')}\nedition: 夕刊`;
    const result = check({ 'ja.md': citing('nikkei', 'nikkei-evening'), 'references.yaml': referencesYaml(newspaper, evening) });
    expect(ofRule(result, 'reference-duplicate-likely')).toEqual([]);
  });
  it('does not warn about two papers of the same day', () => {
    const asahi = newspaper.replace('id: nikkei', 'id: asahi').replace('{ ja: 日本経済新聞, en: Nikkei }', '朝日新聞');
    const result = check({ 'ja.md': citing('nikkei', 'asahi'), 'references.yaml': referencesYaml(newspaper, asahi) });
    expect(ofRule(result, 'reference-duplicate-likely')).toEqual([]);
  });
  it('warns about two items with the same URL', () => {
    const result = check({
      'ja.md': citing('a', 'b'),
      'references.yaml': referencesYaml('id: a\ntype: webpage\ntitle: x\nURL: https://example.org/p', 'id: b\ntype: webpage\ntitle: x\nURL: https://example.org/p/'),
    });
    expect(ofRule(result, 'reference-duplicate-likely')).toHaveLength(1);
  });
});

describe('control characters in references', () => {
  it('reports a control character in references.yaml', () => {
    const result = check({ 'ja.md': citing('nikkei'), 'references.yaml': referencesYaml(newspaper.replace('日本経済新聞', '日本経済\u0007新聞')) });
    const found = ofRule(result, 'control-character').filter((d) => d.file === 'references.yaml');
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBe(4);
    expect(ofRule(check({ 'ja.md': citing('nikkei'), 'references.yaml': referencesYaml(newspaper) }), 'control-character')).toEqual([]);
  });
});

describe('reference-access-date-unprinted', () => {
  const page = (accessed: string) => `id: w\ntype: webpage\ntitle: 会見\npublisher: 首相官邸\nURL: https://www.kantei.go.jp/\naccessed: ${accessed}`;

  it('warns when an undated page was read on another day than the as-of date, which the house style does not print', () => {
    const result = check({ 'ja.md': citing('w'), 'references.yaml': referencesYaml(page('2026-01-20')) });
    const found = ofRule(result, 'reference-access-date-unprinted');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/^reference "w" \(webpage\) has no date of its own, and its access date 2026-01-20 is not printed/);
    expect(found[0]!.severity).toBe('warning');
  });

  it('says nothing for a page read on the as-of date, or one with a date of its own', () => {
    expect(ofRule(check({ 'ja.md': citing('w'), 'references.yaml': referencesYaml(page('2026-02-25')) }), 'reference-access-date-unprinted')).toEqual([]);
    const dated = `${page('2026-01-20')}\nissued: 2026-01-19`;
    expect(ofRule(check({ 'ja.md': citing('w'), 'references.yaml': referencesYaml(dated) }), 'reference-access-date-unprinted')).toEqual([]);
  });

  it('says nothing when every note citing the page writes the day it was read, and warns when one does not', () => {
    const stated = (note: string) => ({ 'ja.md': `本文[^a]。\n\n[^a]: [@w]${note}\n`, 'references.yaml': referencesYaml(page('2026-01-20')) });
    expect(ofRule(check(stated('（2026年1月20日最終アクセス）')), 'reference-access-date-unprinted')).toEqual([]);
    expect(ofRule(check(stated('（2026.1.20最終アクセス）')), 'reference-access-date-unprinted')).toEqual([]);
    expect(ofRule(check(stated('（2026年1月21日最終アクセス）')), 'reference-access-date-unprinted')).toHaveLength(1);
    const twice = { 'ja.md': '本文[^a]と[^b]。\n\n[^a]: [@w]（2026年1月20日最終アクセス）\n\n[^b]: [@w]\n', 'references.yaml': referencesYaml(page('2026-01-20')) };
    expect(ofRule(check(twice), 'reference-access-date-unprinted')).toHaveLength(1);
  });
});

describe('reference-label-doubled', () => {
  it('warns about a number given with the label the style prints, at the field', () => {
    const items: [string, string] = [
      'id: j\ntype: article-journal\ntitle: 論文\nauthor: [{ family: 山田, given: 太郎 }]\ncontainer-title: 証券レビュー\nvolume: 59\nissue: 第6号\nissued: 2019-06',
      'id: r\ntype: report\ntitle: Bridging the Rural Digital Divide\nauthor: [{ literal: OECD }]\nnumber: No. 362\npublisher: OECD Publishing\nissued: 2024',
    ];
    const result = check({ 'ja.md': citing('j', 'r'), 'references.yaml': referencesYaml(...items) });
    expect(ofRule(result, 'reference-label-doubled').map((d) => [d.line, d.message])).toEqual([
      [8, 'reference "j" (article-journal): `issue` repeats the label the house style prints with it ("第第6号号")'],
      [14, 'reference "r" (report): `number` repeats the label the house style prints with it ("no. No. 362")'],
    ]);
    const plain = items.map((i) => i.replace('issue: 第6号', 'issue: 6').replace('number: No. 362', 'number: 362'));
    expect(ofRule(check({ 'ja.md': citing('j', 'r'), 'references.yaml': referencesYaml(...plain) }), 'reference-label-doubled')).toEqual([]);
  });
});

describe('reference-field-unprinted', () => {
  it('names the field a value prints only with, when the house style has a place for it', () => {
    const report = 'id: r\ntype: report\ntitle: 報告書\nauthor: [{ literal: 競争当局 }]\npublisher-place: London\nissued: 2024';
    const found = ofRule(check({ 'ja.md': citing('r'), 'references.yaml': referencesYaml(report) }), 'reference-field-unprinted');
    // The en style prints the place before the publisher (the ja one leaves places out, as it means to).
    expect(found.map((d) => d.message.replace(/^.*`publisher-place` is not printed in /, ''))).toEqual([
      'the en edition: the house style prints it in a report only with `publisher`, which the item does not have',
    ]);
    expect(found[0]!.hint).toMatch(/^add `publisher:` if the work names it, or leave `publisher-place` out/);
    // With the publisher, the place prints.
    expect(ofRule(check({ 'ja.md': citing('r'), 'references.yaml': referencesYaml(`${report}\npublisher: 競争当局`) }), 'reference-field-unprinted')).toEqual([]);
  });
});

describe('language-map-key and language-map-other-language', () => {
  const items = referencesYaml(
    'id: a\ntype: article-newspaper\ncontainer-title: { ja: 朝日新聞, en: Asahi Shimbun }\nedition: { ja: 夕刊, en: evening edition }\nissued: 2025-05-16',
    'id: b\ntype: webpage\ntitle: { ja: 会見, en: "[Press Conference]" }\npublisher: { ja: 首相官邸, en: Prime Minister’s Office }\nURL: https://www.kantei.go.jp/\nissued: 2025-05-16',
  );

  it('takes values in a language the report does not declare (en in a report in ja) with one warning for the file, not an error per key', () => {
    const result = check({ 'brief.yaml': briefYaml({ languages: ['ja'] }), 'ja.md': citing('a', 'b'), 'references.yaml': items });
    expect(ofRule(result, 'language-map-key')).toEqual([]);
    const found = ofRule(result, 'language-map-other-language');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: 'references.yaml', line: 4, column: 34, severity: 'warning' });
    expect(found[0]!.message).toBe(
      'per-language values in a language the report does not declare (languages: ja) are printed in no edition: 4 in en (English), the first in reference "a" `container-title`',
    );
    expect(found[0]!.hint).toContain('add en to `languages` in brief.yaml and write en.md');
    expect(errorLines(result)).toEqual([]);
  });

  it('still reports a key that is no language, and a value cut at a comma, as errors', () => {
    const result = check({
      'brief.yaml': briefYaml({ languages: ['ja'] }),
      'ja.md': citing('c'),
      'references.yaml': referencesYaml('id: c\ntype: report\ntitle: { ja: 閣議決定, en: Cabinet decision of June 13, 2025 }\npublisher: { ja: 内閣府, english: Cabinet Office }\nissued: 2025-06-13'),
    });
    expect(ofRule(result, 'language-map-key').map((d) => d.message)).toEqual([
      'reference "c": `title` has "2025" where a language tag belongs: in a { … } map a comma ends the value, so `en` became "Cabinet decision of June 13"',
      'reference "c": `publisher` has the key "english", which is not a language of the report (ja)',
    ]);
    expect(ofRule(result, 'language-map-other-language')).toHaveLength(1);
  });

  it('says nothing when every key is a language of the report', () => {
    const result = check({ 'ja.md': citing('a', 'b'), 'references.yaml': items });
    expect(ofRule(result, 'language-map-key')).toEqual([]);
    expect(ofRule(result, 'language-map-other-language')).toEqual([]);
  });
});
