import { afterAll, describe, expect, it } from 'vitest';
import { briefYaml, check, ofRule, referencesYaml, removeSources } from './test-source.js';

afterAll(removeSources);

const refs = referencesYaml('id: yomiuri\ntype: article-newspaper\ncontainer-title: 読売新聞\nissued: 2025-01-23', 'id: asahi\ntype: article-newspaper\ncontainer-title: 朝日新聞\nissued: 2025-10-31');

describe('ibid-literal (warning)', () => {
  it('warns about a literal 同上 after a note with a single citation, naming the key to write', () => {
    const result = check({ 'ja.md': '本文[^1][^2]。\n\n[^1]: [@yomiuri]\n\n[^2]: 同上\n', 'references.yaml': refs });
    const found = ofRule(result, 'ibid-literal').filter((d) => d.file === 'ja.md');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', line: 5, column: 7 });
    expect(found[0]!.hint).toContain('[@yomiuri]');
    expect(found[0]!.hint).toContain('printed as 同上 automatically');
    expect(ofRule(result, 'ibid-literal-invalid')).toEqual([]);
    // After a note with words of its own, [@key] prints in full, and the hint says so.
    const prose = check({ 'ja.md': '本文[^1][^2]。\n\n[^1]: 詳しくは[@yomiuri]を参照。\n\n[^2]: 同上\n', 'references.yaml': refs });
    expect(ofRule(prose, 'ibid-literal')[0]!.hint).toContain('it then prints in full, as note 1 has words of its own');
    // A foreign work, cited as English notes cite it, is cited again as Ibid.
    const foreign = referencesYaml('id: mob\ntype: article-journal\ntitle: Mobility as a Service\nauthor: [{ family: Jittrapirom, given: Peraphan }]\ncontainer-title: Urban Planning\nissued: 2017');
    const again = check({ 'ja.md': '本文[^1][^2]。\n\n[^1]: [@mob, p. 15]\n\n[^2]: 同上\n', 'references.yaml': foreign });
    expect(ofRule(again, 'ibid-literal')[0]!.hint).toContain('it is printed as Ibid. automatically');
  });

  it('warns about Ibid. with a locator in English, and a chain of literal ibids', () => {
    const result = check({
      'brief.yaml': briefYaml({ languages: ['en'] }),
      'en.md': 'Text[^1][^2][^3].\n\n[^1]: [@asahi, p. 3]\n\n[^2]: Ibid., p. 4.\n\n[^3]: ibid.\n',
      'references.yaml': refs,
    });
    expect(ofRule(result, 'ibid-literal').map((d) => d.line)).toEqual([5, 7]);
    expect(ofRule(result, 'ibid-literal-invalid')).toEqual([]);
  });

  it('says nothing when ibid is left to the pipeline', () => {
    const result = check({ 'ja.md': '本文[^1][^2]。\n\n[^1]: [@yomiuri]\n\n[^2]: [@yomiuri, 5頁]\n', 'references.yaml': refs });
    expect(ofRule(result, 'ibid-literal')).toEqual([]);
    expect(ofRule(result, 'ibid-literal-invalid')).toEqual([]);
  });

  it('does not take prose that starts with 同上 for an ibid', () => {
    const result = check({ 'ja.md': '本文[^1][^2]。\n\n[^1]: 説明。\n\n[^2]: 同上の理由により、本稿では扱わない。\n' });
    expect(ofRule(result, 'ibid-literal-invalid')).toEqual([]);
  });
});

describe('ibid-literal-invalid (error)', () => {
  it('reports a literal 同上 after a note without a citation', () => {
    const result = check({ 'ja.md': '本文[^1][^2]。\n\n[^1]: 『読売新聞』(2025. 1. 23)\n\n[^2]: 同上\n' });
    const found = ofRule(result, 'ibid-literal-invalid').filter((d) => d.file === 'ja.md');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', line: 5, column: 7 });
    expect(found[0]!.message).toBe('note 2 is a literal "同上", but note 1 before it has no single citation to repeat');
  });

  it('reports a literal 同上 after a note citing two works', () => {
    const result = check({ 'ja.md': '本文[^1][^2]。\n\n[^1]: [@yomiuri; @asahi]\n\n[^2]: 同上、5頁\n', 'references.yaml': refs });
    expect(ofRule(result, 'ibid-literal-invalid').filter((d) => d.file === 'ja.md')).toHaveLength(1);
  });

  it('reports a literal ibid in the first note', () => {
    const result = check({ 'ja.md': '本文[^1]。\n\n[^1]: 同上\n' });
    expect(ofRule(result, 'ibid-literal-invalid').filter((d) => d.file === 'ja.md')[0]!.message).toContain('first note');
  });
});

describe('short-form-literal (warning) and short-form-literal-invalid (error)', () => {
  it('warns about a literal 前掲注9, naming the work of the note it points to', () => {
    const result = check({ 'ja.md': '本文[^1][^2][^3]。\n\n[^1]: [@yomiuri]\n\n[^2]: 説明。\n\n[^3]: 前掲注1、5頁\n', 'references.yaml': refs });
    const found = ofRule(result, 'short-form-literal').filter((d) => d.file === 'ja.md');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', line: 7, column: 7 });
    expect(found[0]!.message).toBe('note 3 is a literal "前掲注1" pointing to @yomiuri of note 1');
    expect(found[0]!.hint).toContain('write [@yomiuri] instead');
    expect(found[0]!.hint).toContain('prints a work cited again itself');
  });

  it('warns about 前掲, 前掲書, 前掲論文, 上掲 (after an author too), supra and op. cit., and a literal ibid after one repeats its work', () => {
    const result = check({
      'ja.md': '本文[^1][^2][^3][^4][^5][^6]。\n\n[^1]: [@yomiuri]\n\n[^2]: 前掲書、12頁\n\n[^3]: 中林・前掲論文\n\n[^4]: 上掲\n\n[^5]: 前掲注（1）\n\n[^6]: 同上、3頁\n',
      'references.yaml': refs,
    });
    expect(
      ofRule(result, 'short-form-literal')
        .filter((d) => d.file === 'ja.md')
        .map((d) => d.message),
    ).toEqual([
      'note 2 is a literal "前掲書", a short form for a work cited before, typed by hand',
      'note 3 is a literal "前掲論文", a short form for a work cited before, typed by hand',
      'note 4 is a literal "上掲", a short form for a work cited before, typed by hand',
      'note 5 is a literal "前掲注(1)" pointing to @yomiuri of note 1',
    ]);
    expect(
      ofRule(result, 'ibid-literal')
        .filter((d) => d.file === 'ja.md')
        .map((d) => d.message),
    ).toEqual(['note 6 is a literal "同上" repeating @yomiuri of note 5']);
    expect(ofRule(result, 'ibid-literal-invalid')).toEqual([]);
    const en = check({
      'brief.yaml': briefYaml({ languages: ['en'] }),
      'en.md': 'Text[^1][^2][^3].\n\n[^1]: [@asahi, p. 3]\n\n[^2]: Asahi, supra note 1, at 4.\n\n[^3]: Op. cit.\n',
      'references.yaml': refs,
    });
    expect(ofRule(en, 'short-form-literal').map((d) => d.message)).toEqual([
      'note 2 is a literal "supra note 1" pointing to @asahi of note 1',
      'note 3 is a literal "Op. cit.", a short form for a work cited before, typed by hand',
    ]);
  });

  it('reports a literal 前掲注 that points to no note before it', () => {
    const result = check({ 'ja.md': '本文[^1][^2]。\n\n[^1]: [@yomiuri]\n\n[^2]: 前掲注9\n', 'references.yaml': refs });
    const found = ofRule(result, 'short-form-literal-invalid').filter((d) => d.file === 'ja.md');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', line: 5, column: 7, message: 'note 2 is a literal "前掲注9", but note 9 is not a note before it' });
  });

  it('does not take prose that starts with 前掲 or 上掲 for a short form', () => {
    const result = check({ 'ja.md': '本文[^1][^2][^3]。\n\n[^1]: [@yomiuri]\n\n[^2]: 前掲の表によれば、増加している。\n\n[^3]: 上掲図1を参照。\n', 'references.yaml': refs });
    expect(ofRule(result, 'short-form-literal')).toEqual([]);
    expect(ofRule(result, 'short-form-literal-invalid')).toEqual([]);
  });
});
