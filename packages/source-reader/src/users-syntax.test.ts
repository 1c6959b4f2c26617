/**
 * The syntax users type, read as they mean it: author-in-text citations
 * (`@key`, `@key [p. 33]`) and `[-@key]`, e-mail addresses and autolinks, a
 * bare URL that stops where Japanese text begins, colons in clock times,
 * note marks attached to the word before them, invalid heading ids at their
 * line, and cross-references that print the context their number needs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inlineText, type Block, type DocumentModel, type Inline } from '@brief/document-model';
import { readSource } from './read-source.js';
import { narrativeName } from './to-model.js';

const brief = `id: test-report
languages: [ja, en]
title: { ja: 試験報告, en: Test report }
authors:
  - name: { ja: 山田 太郎, en: YAMADA Taro }
published: 2026-03-16
`;

const references = `references:
  - id: smith
    type: book
    author: [{ family: Smith, given: Anna }, { family: { ja: 山田, en: Yamada }, given: { ja: 花子, en: Hanako }, static-ordering: true }]
    title: Fiscal Rules
    publisher: Oxford University Press
    issued: 2020
  - id: notice
    type: webpage
    title: Restructuring Policy Notice
    publisher: NTIA
    issued: 2025-06-06
  - id: jones
    type: report
    author: [{ literal: { ja: 財務省, en: Ministry of Finance } }]
    title: Debt
    publisher: MOF
    issued: 2024
`;

const written: string[] = [];
afterAll(() => {
  for (const dir of written) rmSync(dir, { recursive: true, force: true });
});

function read(ja: string, en: string, refs = references) {
  const dir = mkdtempSync(join(tmpdir(), 'brief-syntax-'));
  written.push(dir);
  writeFileSync(join(dir, 'brief.yaml'), brief);
  writeFileSync(join(dir, 'references.yaml'), refs);
  writeFileSync(join(dir, 'ja.md'), ja);
  writeFileSync(join(dir, 'en.md'), en);
  return readSource(dir, { cwd: dir });
}

/** Body paragraphs as text: note marks as ^n, links as <url|text>, cross-references as their label. */
function flat(inlines: readonly Inline[]): string {
  return inlines
    .map((n) => {
      if (n.kind === 'text') return n.value;
      if (n.kind === 'code') return n.value;
      if (n.kind === 'noteRef') return `^${n.number}`;
      if (n.kind === 'crossRef') return n.text;
      if (n.kind === 'link') return `<${n.url}|${flat(n.children)}>`;
      if (n.kind === 'citation') return flat(n.rendered);
      return 'children' in n ? flat(n.children as Inline[]) : '';
    })
    .join('');
}

function paragraphs(model: DocumentModel): string[] {
  return model.body.filter((b): b is Extract<Block, { kind: 'paragraph' }> => b.kind === 'paragraph').map((b) => flat(b.children));
}

function notes(model: DocumentModel): string[] {
  return model.notes.map((n) => n.children.map((b) => (b.kind === 'paragraph' ? flat(b.children) : '')).join(' / '));
}

describe('author-in-text citations', () => {
  const r = read('@smith によれば規律は重要である。@jones [p. 33] も同様[-@smith, p. 40]。\n', 'According to @smith, rules matter; @jones [p. 33] agrees. Smith says so [-@smith, p. 40].\n');
  const [ja, en] = r.editions;

  it('print the family names in the text and the full citation in a note', () => {
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(paragraphs(en!)).toEqual(['According to Smith and Yamada,^1 rules matter; Ministry of Finance^2 agrees. Smith says so.^3']);
    expect(paragraphs(ja!)).toEqual(['Smith・山田^1によれば規律は重要である。財務省^2も同様^3。']);
    expect(notes(en!)[0]).toBe('Anna Smith and Yamada Hanako, Fiscal Rules (Oxford University Press, 2020).');
    expect(notes(en!)[1]).toBe('Ministry of Finance, Debt (MOF, 2024), 33.');
    expect(notes(ja!)[1]).toBe('財務省『Debt』(MOF、2024年)33頁');
  });

  it('[-@key] leaves the author out of the citation (in en the short form: the work was cited in note 1)', () => {
    expect(notes(en!)[2]).toBe('Fiscal Rules, 40.');
    expect(notes(ja!)[2]).toBe('『Fiscal Rules』(Oxford University Press、2020年)40頁');
  });

  it('leaves an e-mail address and an unknown @word alone', () => {
    const r2 = read('連絡先 research@example.org、@nobody 宛。\n', 'Write to research@example.org or @nobody.\n');
    expect(r2.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(paragraphs(r2.editions[1]!)).toEqual(['Write to <mailto:research@example.org|research@example.org> or @nobody.']);
  });
});

describe('citations as users type them', () => {
  it('read a locator after a space (Pandoc: [@key p. 33]), and the full-width comma, semicolon and brackets of Japanese input', () => {
    const r = read('本文[@smith、p. 61]、他[@jones；@notice]。\n\n[^a]: ［@smith］\n\n本文[^a]。\n', 'A claim [@smith p. 545]. Another [see @jones pp. 25-27].\n');
    expect(r.diagnostics.filter((d) => d.ruleId.startsWith('citation') || d.ruleId === 'reference-uncited')).toEqual([]);
    const [ja, en] = r.editions;
    expect(notes(en!)).toEqual(['Anna Smith and Yamada Hanako, Fiscal Rules (Oxford University Press, 2020), 545.', 'See Ministry of Finance, Debt (MOF, 2024), 25–27.']);
    expect(notes(ja!)[0]).toBe('Anna Smith・山田花子『Fiscal Rules』(Oxford University Press、2020年)61頁');
    expect(notes(ja!)[1]).toMatch(/^財務省『Debt』.*、“Restructuring Policy Notice,” NTIA/);
    expect(paragraphs(ja!).join('')).not.toContain('@');
  });

  it('read a key with punctuation inside it (Pandoc: smith:2020, doe.2020a), bracketed, author-in-text and before a locator', () => {
    const keyed = `${references}  - { id: "smith:2020", type: book, title: Keys, publisher: P, issued: 2020, author: [{ family: Roe, given: Ann }] }
  - { id: doe.2020a, type: book, title: Dots, publisher: P, issued: 2020, author: [{ family: Doe, given: Jo }] }
`;
    const r = read('本文[@smith:2020]。@doe.2020a によれば。\n', 'A claim [@smith:2020]. As @doe.2020a says. Again [@smith:2020, p. 3]. Unknown [@smith:2021]. A time, 15:00.\n', keyed);
    expect(r.diagnostics.filter((d) => d.ruleId === 'citation-unknown-key').map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([
      'en.md:1:79 citation key "@smith:2021" is not in the references',
    ]);
    const [ja, en] = r.editions;
    expect(paragraphs(en!)).toEqual(['A claim.^1 As Doe^2 says. Again.^3 Unknown.^4 A time, 15:00.']);
    expect(notes(en!)[0]).toBe('Ann Roe, Keys (P, 2020).');
    expect(notes(en!)[2]).toBe('Roe, Keys, 3.');
    expect(paragraphs(ja!).join('')).not.toContain('@');
  });

  it('read words after a page locator as a suffix (Pandoc): printed after the page, and no ibid', () => {
    const r = read('本文[@smith, p. 61]。[@smith, p. 62、強調は引用者]\n', 'A claim [@smith, p. 545]. Again [@smith, p. 546, emphasis added]. Pages [@smith, pp. 3, 7].\n');
    const [ja, en] = r.editions;
    expect(notes(en!)).toEqual(['Anna Smith and Yamada Hanako, Fiscal Rules (Oxford University Press, 2020), 545.', 'Smith and Yamada, Fiscal Rules, 546, emphasis added.', 'Ibid., 3, 7.']);
    expect(notes(ja!)[1]).toBe('Anna Smith・山田花子『Fiscal Rules』(Oxford University Press、2020年)62頁、強調は引用者');
  });

  it('name a work with neither names nor a title, in author-in-text citations, by its publisher', () => {
    const page = { id: 'mofa', type: 'webpage', publisher: { ja: '外務省', en: 'MOFA' }, URL: 'https://www.mofa.go.jp/' } as const;
    expect(narrativeName(page, 'ja', undefined)).toBe('外務省');
    expect(narrativeName(page, 'en', undefined)).toBe('MOFA');
    expect(narrativeName({ id: 'bare', type: 'webpage' }, 'en', undefined)).toBe('bare');
  });

  it('read brackets of mixed width, and full-width letters in a key, as a citation', () => {
    const r = read('本文［@smith]。別に[@ｓmith, p. 3］。\n', 'Text [＠ｊones].\n');
    expect(r.diagnostics.filter((d) => d.ruleId.startsWith('citation') || d.ruleId === 'reference-uncited')).toEqual([]);
    const [ja, en] = r.editions;
    expect(paragraphs(ja!)).toEqual(['本文^1。別に^2。']);
    expect(paragraphs(en!)).toEqual(['Text.^1']);
  });

  it('read a full-width at sign (＠) as @, in brackets and in author-in-text citations, in both editions', () => {
    const r = read(
      '本文[＠smith, p. 61]。別に［＠jones］。＠smith によれば。\n\n[^a]: [＠notice]\n\n本文[^a]。\n',
      'A claim [＠smith, p. 545]. According to ＠jones, rules matter. Mail a＠example.org.\n',
    );
    expect(r.diagnostics.filter((d) => d.ruleId.startsWith('citation') || d.ruleId === 'reference-uncited')).toEqual([]);
    const [ja, en] = r.editions;
    expect(notes(ja!)[0]).toBe('Anna Smith・山田花子『Fiscal Rules』(Oxford University Press、2020年)61頁');
    expect(notes(ja!)).toHaveLength(4);
    expect(paragraphs(ja!).join('')).not.toMatch(/[@＠]/);
    expect(notes(en!)[0]).toBe('Anna Smith and Yamada Hanako, Fiscal Rules (Oxford University Press, 2020), 545.');
    expect(paragraphs(en!)).toEqual(['A claim.^1 According to Ministry of Finance,^2 rules matter. Mail a＠example.org.']);
    // An unknown key typed with ＠ is told as one typed with @.
    const unknown = read('本文[＠nokey]。\n', 'Text.\n');
    expect(unknown.diagnostics.filter((d) => d.ruleId === 'citation-unknown-key').map((d) => `${d.file}:${d.line}:${d.column}`)).toEqual(['ja.md:1:3']);
  });

  it('warn at a bracket group that names a reference but is no citation as written, and at a full-width colon before ref', () => {
    const r = read('本文。図表：ref{#x}参照。\n', 'A claim [@smith and @jones]. Text.\n');
    const said = r.diagnostics.filter((d) => d.ruleId === 'citation-unread' || d.ruleId === 'directive-unknown').map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}: ${d.message}`);
    expect(said).toEqual([
      'en.md:1:9 citation-unread: "[@smith and @jones]" names @smith but is not read as a citation: it prints as text',
      'ja.md:1:6 directive-unknown: "：ref" starts with a full-width colon, so it is no directive and prints as text',
    ]);
    expect(paragraphs(r.editions[1]!)).toEqual(['A claim [@smith and @jones]. Text.']);
    // An e-mail address in brackets is no citation.
    const mail = read('本文。\n', 'Questions [write to research@example.org] are welcome.\n');
    expect(mail.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // A reference's key in brackets without its @ is told; other bracketed words are not.
    const bare = read('本文。\n', 'A claim [smith, p. 4]. A word [sic] and [1].\n');
    expect(bare.diagnostics.filter((d) => d.ruleId === 'citation-unread').map((d) => `${d.line}:${d.column} ${d.hint}`)).toEqual(['1:9 write [@smith] to cite it']);
    // So is a citation whose bracket is never closed.
    const open = read('本文。\n', 'A claim [@smith, p. 4. More text.\n');
    expect(open.diagnostics.filter((d) => d.ruleId === 'citation-unread').map((d) => `${d.line}:${d.column} ${d.hint}`)).toEqual(['1:9 close it: [@smith]']);
  });
});

describe('notes under a figure', () => {
  it('are the paragraphs after its table, each as written; a paragraph between caption and table is an error', () => {
    const figure = (between: string, after: string) => `本文。\n\n:::figure{#tab-a source="Ａ市資料"}\n経費\n\n${between}| 年度 | 経費 |\n| --- | ---: |\n| 2025 | 1 |\n\n${after}:::\n`;
    const r = read(figure('', '（注1）当初予算額。\n\n（注2）△はマイナス。\n'), 'Text.\n');
    const fig = r.editions[0]!.body.find((b) => b.kind === 'figure');
    expect(fig?.kind === 'figure' && fig.remarks?.map((p) => flat(p))).toEqual(['（注1）当初予算額。', '（注2）△はマイナス。']);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const wrong = read(figure('（注）表の前。\n\n', ''), 'Text.\n');
    expect(wrong.diagnostics.filter((d) => d.ruleId === 'figure-body').map((d) => d.message)).toEqual(['a figure holds a caption paragraph, then one image or one table, then any notes on it']);
  });
});

describe('punctuation typed after a citation that ends with a quoted title', () => {
  it('goes inside the closing quotation mark in en, and stays after the citation in ja', () => {
    // Cited again: the short form is the quoted title alone.
    const r = read(
      '本文。[^a]更に。[^b]\n\n[^a]: [@notice]\n[^b]: 告示[@notice]、及び他の資料を参照。\n',
      'Text.[^a] More.[^b]\n\n[^a]: See [@notice].\n[^b]: See the notice itself [@notice], and the report [@jones].\n',
    );
    expect(notes(r.editions[1]!)[1]).toMatch(/itself “Restructuring Policy Notice,” and the report/);
    expect(notes(r.editions[0]!)[1]).toMatch(/告示.*、及び/);
  });
});

describe('a prefix that begins a note', () => {
  it('is capitalised there, and only there', () => {
    const r = read('本文[see @smith, p. 4]。\n', 'A claim [see @smith, p. 4]. Another.[^a]\n\n[^a]: As argued, see [@smith].\n');
    const en = notes(r.editions[1]!);
    expect(en[0]).toMatch(/^See Anna Smith/);
    // Cited again: Chicago's short form.
    expect(en[1]).toMatch(/^As argued, see Smith and Yamada, Fiscal Rules\.$/);
  });
});

describe('a citation written straight after a sentence of a note', () => {
  it('is a sentence of its own: set apart by a space, closed by a point when a sentence follows', () => {
    const r = read(
      '本文[^a]。\n\n[^a]: 調査を参照。[@jones] 次の文。\n',
      'A claim.[^a] Another.[^b]\n\n[^a]: See the survey.[@jones] A single operator grew fast.\n\n[^b]: Compare e.g.[@smith, p. 4] and the rest.\n',
    );
    const en = notes(r.editions[1]!);
    expect(en[0]).toBe('See the survey. Ministry of Finance, Debt (MOF, 2024). A single operator grew fast.');
    // An abbreviation's point: a space, and no point after the citation (the sentence goes on).
    expect(en[1]).toBe('Compare e.g. Anna Smith and Yamada Hanako, Fiscal Rules (Oxford University Press, 2020), 4 and the rest.');
    // Japanese sets no space after 。.
    expect(notes(r.editions[0]!)[0]).toBe('調査を参照。財務省『Debt』(MOF、2024年) 次の文。');
  });

  it('is one too after a space, or at the start of a note or of its paragraph: closed by a point when a sentence follows', () => {
    const r = read(
      '本文[^a]。別[^b]。\n\n[^a]: [@jones, p. 7] 本書は重なる。\n\n[^b]: 調査を参照。 [@smith, p. 9] 次の文。\n',
      'A claim.[^a] Another.[^b] More.[^c]\n\n[^a]: [@jones, p. 7] The book overlaps ours.\n\n[^b]: See the survey. [@smith, p. 9] A second sentence.\n\n[^c]: A first paragraph.\n\n    [@smith, p. 11] A second paragraph.\n',
    );
    const en = notes(r.editions[1]!);
    expect(en[0]).toBe('Ministry of Finance, Debt (MOF, 2024), 7. The book overlaps ours.');
    expect(en[1]).toBe('See the survey. Anna Smith and Yamada Hanako, Fiscal Rules (Oxford University Press, 2020), 9. A second sentence.');
    expect(en[2]).toContain('A first paragraph.');
    expect(en[2]).toContain('Smith and Yamada, Fiscal Rules, 11. A second paragraph.');
    // The Japanese house style closes a note with no point: none is added.
    expect(notes(r.editions[0]!)).toEqual(['財務省『Debt』(MOF、2024年)7頁 本書は重なる。', '調査を参照。Anna Smith・山田花子『Fiscal Rules』(Oxford University Press、2020年)9頁 次の文。']);
  });
});

describe('spaces beside full-width brackets', () => {
  it('are dropped: the bracket holds its own space', () => {
    const r = read('【相互関税】 15%と 「日本」、 次。\n', 'Text.\n');
    expect(paragraphs(r.editions[0]!)[0]).toBe('【相互関税】15%と「日本」、次。');
  });
});

describe('fences, ids and directives typed a little off', () => {
  const table = '\n経費\n\n| 年度 | 経費 |\n| --- | ---: |\n| 2025 | 1 |\n';
  it('read a figure fence with a space after its colons, or of full-width colons, as the figure', () => {
    const plain = read(`図表:ref{#fig-a}を参照。\n\n:::figure{#fig-a}${table}:::\n`, 'Text.\n');
    for (const typed of [`::: figure{#fig-a}${table}:::`, `::: figure {#fig-a}${table}:::`, `：：：figure{#fig-a}${table}：：：`]) {
      const r = read(`図表:ref{#fig-a}を参照。\n\n${typed}\n`, 'Text.\n');
      expect(r.diagnostics, typed).toEqual([]);
      expect(r.editions[0]!.body, typed).toEqual(plain.editions[0]!.body);
    }
  });

  it('read a heading’s attribute blocks written one after another, and a full-width ＃, as one block', () => {
    const r = read('## はじめに {#sec-intro}{-}\n\n本文。\n\n## 次 {＃sec-next}\n\n本文。\n', 'Text.\n');
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const headings = r.editions[0]!.body.filter((b) => b.kind === 'heading');
    expect(headings.map((h) => (h.kind === 'heading' ? [h.id, inlineText(h.children), h.unnumbered ?? false] : []))).toEqual([
      ['sec-intro', 'はじめに', true],
      ['sec-next', '次', false],
    ]);
  });

  it('tell an inline directive with two colons, or a misspelt one with an id, as errors', () => {
    const r = read('本文。\n', 'See ::ref{#fig-a} and :rfe{#fig-a}.\n');
    expect(r.diagnostics.filter((d) => d.ruleId === 'directive-unknown').map((d) => `${d.severity} ${d.line}:${d.column} ${d.hint}`)).toEqual([
      'error 1:5 write one colon: :ref{#id}',
      'error 1:23 write :ref{#fig-a} for a cross-reference',
    ]);
  });
});

describe('note marks and definitions typed with a full-width caret or brackets', () => {
  it('are read as [^label], at the columns they were typed', () => {
    const r = read(
      '警察庁[＾npa]。戦略［＾kokka］。コード`[＾x]`。\n\n[＾npa]: 警察庁資料。\n\n[＾kokka]: 国家安全保障戦略。\n\n    二段落目。\n',
      'Police[^npa]. Strategy[^kokka].\n\n[^npa]: Police data.\n\n[^kokka]: The strategy.\n',
    );
    expect(r.diagnostics).toEqual([]);
    const [ja] = r.editions;
    expect(paragraphs(ja!)).toEqual(['警察庁^1。戦略^2。コード[＾x]。']);
    expect(notes(ja!)).toEqual(['警察庁資料。', '国家安全保障戦略。 / 二段落目。']);
    const marks = ja!.body.flatMap((b) => (b.kind === 'paragraph' ? b.children : [])).filter((n) => n.kind === 'noteRef');
    expect(marks.map((n) => (n.kind === 'noteRef' ? `${n.source?.start.line}:${n.source?.start.column}` : ''))).toEqual(['1:4', '1:13']);
    expect(ja!.notes.map((n) => `${n.source?.start.line}:${n.source?.start.column}`)).toEqual(['3:1', '5:1']);
  });

  it('report a mark whose note is not defined at the mark, as [^label]', () => {
    const r = read('警察庁[＾npa]。\n', 'Police.\n');
    expect(r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}: ${d.message}`)).toEqual(['ja.md:1:4 note-undefined: note [^npa] is referenced but never defined']);
  });
});

describe('a block directive with a space before its attributes', () => {
  it('is read as the directive, as a heading with a space before its id is', () => {
    const figure = (open: string) => `図表:ref{#fig-a}を参照。\n\n${open}\n経費\n\n| 年度 | 経費 |\n| --- | ---: |\n| 2025 | 1 |\n:::\n`;
    const spaced = read(figure(':::figure {#fig-a source="Ａ市資料"}'), 'Text.\n');
    const plain = read(figure(':::figure{#fig-a source="Ａ市資料"}'), 'Text.\n');
    expect(spaced.diagnostics).toEqual([]);
    expect(spaced.editions[0]!.body).toEqual(plain.editions[0]!.body);
    expect(paragraphs(spaced.editions[0]!)).toEqual(['図表1を参照。']);
    // In fenced code it stays as written.
    const code = read('本文。\n\n```\n:::figure {#fig-a}\n```\n', 'Text.\n');
    expect(code.editions[0]!.body.find((b) => b.kind === 'codeBlock')).toMatchObject({ value: ':::figure {#fig-a}' });
  });
});

describe('links, colons and note marks', () => {
  const r = read(
    '詳細はhttps://www.mhlw.go.jp/2026.html）を参照。<https://example.org/a> も。15:00に3:2（Note:abc）。侵害である [^a]。\n\n[^a]: 注。\n',
    'See <https://example.org/a> and <research@example.org>. At 15:00 the ratio was 3:2 (Note:abc). These are infringements [^a].\n\n[^a]: A note.\n',
  );
  const [ja, en] = r.editions;

  it('end a bare URL where Japanese text begins', () => {
    expect(paragraphs(ja!)[0]).toContain('詳細は<https://www.mhlw.go.jp/2026.html|https://www.mhlw.go.jp/2026.html>）を参照。');
  });

  it('read note marks, emphasis and citations in the Japanese text a bare URL ran into, at their own columns', () => {
    const r2 = read(
      '公表（https://www.soumu.go.jp/a.html）で**確認**できる[^a]。[^b]\n\n[^a]: 注（https://example.jp/b）[@smith]も。\n\n[^b]: 二つ目。\n',
      'Published.[^a] [^b]\n\n[^a]: See https://example.jp/b [@smith] and.\n\n[^b]: Second.\n',
    );
    const model = r2.editions[0]!;
    expect(r2.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(paragraphs(model)[0]).toBe('公表（<https://www.soumu.go.jp/a.html|https://www.soumu.go.jp/a.html>）で確認できる^1。^2');
    const strong = model.body.flatMap((b) => (b.kind === 'paragraph' ? b.children : [])).find((n) => n.kind === 'strong');
    expect(strong).toEqual({ kind: 'strong', children: [{ kind: 'text', value: '確認' }] });
    expect(notes(model)[0]).toBe('注（<https://example.jp/b|https://example.jp/b>）Anna Smith・山田花子『Fiscal Rules』(Oxford University Press、2020年)も。');
    const r3 = read('公表（https://www.soumu.go.jp/a.html）で確認できる[^zz]。\n', 'Published.\n');
    const undefinedNote = r3.diagnostics.find((d) => d.ruleId === 'note-undefined');
    expect([undefinedNote?.line, undefinedNote?.column]).toEqual([1, 41]);
    expect(r3.diagnostics.filter((d) => d.ruleId === 'note-undefined')).toHaveLength(1);
  });

  it('end a bare URL before a note mark or citation typed right after it, and its stop', () => {
    const r4 = read('本文。\n', 'Data at https://www.eia.gov/data/eia860/.[^a] More at https://example.org/x,[@smith] end.\n\n[^a]: A note.\n');
    expect(r4.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(paragraphs(r4.editions[1]!)[0]).toBe('Data at <https://www.eia.gov/data/eia860/|https://www.eia.gov/data/eia860/>.^1 More at <https://example.org/x|https://example.org/x>,^2 end.');
  });

  it('keep brackets in a bare URL’s query (?f[code][]=1) in its address', () => {
    const r5 = read('本文。\n', 'Query https://x.example.org/api?f[code][]=MWH&s=1, end.\n');
    expect(paragraphs(r5.editions[1]!)[0]).toBe('Query <https://x.example.org/api?f[code][]=MWH&s=1|https://x.example.org/api?f[code][]=MWH&s=1>, end.');
  });

  it('make <…> autolinks and e-mail addresses links, without url-scheme errors', () => {
    expect(paragraphs(en!)[0]).toContain('See <https://example.org/a|https://example.org/a> and <mailto:research@example.org|research@example.org>.');
    expect(r.diagnostics.map((d) => d.ruleId)).not.toContain('url-scheme');
  });

  it('print colons in clock times, ratios and labels as text, without a warning', () => {
    expect(paragraphs(en!)[0]).toContain('At 15:00 the ratio was 3:2 (Note:abc).');
    expect(paragraphs(ja!)[0]).toContain('15:00に3:2（Note:abc）');
    expect(r.diagnostics).toEqual([]);
  });

  it('attach a note mark to the word before it', () => {
    expect(paragraphs(en!)[0]).toContain('These are infringements.^1');
    expect(paragraphs(ja!)[0]).toContain('侵害である^1。');
  });

  it('set Japanese text after a mark without the space typed before it', () => {
    const marks = read('高橋 [^a] は述べた。@smith [p. 12] も同様。\n\n[^a]: 注。\n', 'Text.\n');
    expect(paragraphs(marks.editions[0]!)).toEqual(['高橋^1は述べた。Smith・山田^2も同様。']);
  });

  it('attach a note mark to emphasised, strong or code text before it, and to a closing quote or bracket', () => {
    const marks = read('本文。\n', 'See *Munn v. Illinois* [^a], **bold** [^a], `code` [^a], (a) [^a] and "polite" [^a]. It made "privacy possible" [@smith].\n\n[^a]: A note.\n');
    // (In English the mark then goes after the comma or full stop, and a full stop inside the closing quotation mark: see note-marks.test.ts.)
    expect(paragraphs(marks.editions[1]!)).toEqual(['See Munn v. Illinois,^1 bold,^1 code,^1 (a)^1 and “polite.”^1 It made “privacy possible.”^2']);
  });
});

describe('headings and cross-references', () => {
  it('prints a figure label once after a Japanese word that is already there (図表:ref)', () => {
    const fig = (caption: string) => `:::figure{#fig-a source="x"}\n${caption}\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n:::\n`;
    const r = read(`流れは図表:ref{#fig-a}を参照（図表:ref{#fig-a}）。\n\n${fig('表')}`, `See Figure :ref{#fig-a}, and :ref{#fig-a}.\n\n${fig('Table')}`);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(paragraphs(r.editions[0]!)[0]).toBe('流れは図表1を参照（図表1）。');
    expect(paragraphs(r.editions[1]!)[0]).toBe('See Figure\u00a01, and Figure\u00a01.');
    // The word joins the label: one link, one unit a line does not break.
    const first = r.editions[0]!.body.find((b) => b.kind === 'paragraph');
    const refs = first?.kind === 'paragraph' ? first.children.filter((n) => n.kind === 'crossRef').map((n) => n.text) : [];
    expect(refs).toEqual(['図表1', '図表1']);
  });

  it('prints a heading’s number alone after any word naming a heading (chapter, sections), and lists of references alike', () => {
    const fig = (id: string) => `:::figure{#${id} source="x"}\nCaption\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n:::\n`;
    const r = read(
      `## 序 {#sec-a}\n\n図表:ref{#fig-a}と:ref{#fig-b}を参照。\n\n${fig('fig-a')}\n${fig('fig-b')}\n## 次 {#sec-b}\n\n本文。\n`,
      `## Intro {#sec-a}\n\nSee chapter :ref{#sec-a}, Chapters :ref{#sec-a} and :ref{#sec-b}, figures :ref{#fig-a} and :ref{#fig-b}.\n\n${fig('fig-a')}\n${fig('fig-b')}\n## Next {#sec-b}\n\nText.\n`,
    );
    expect(r.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning')).toEqual([]);
    expect(paragraphs(r.editions[0]!)[0]).toBe('図表1と2を参照。');
    expect(paragraphs(r.editions[1]!)[0]).toBe('See chapter\u00a01, Chapters\u00a01 and\u00a02, figures\u00a01 and\u00a02.');
    // A word typed in the singular joins the link; a label printed without its word names the whole label.
    const refs = (i: number) => {
      const first = r.editions[i]!.body.find((b) => b.kind === 'paragraph');
      return first?.kind === 'paragraph' ? first.children.flatMap((n) => (n.kind === 'crossRef' ? [[n.text, n.name]] : [])) : [];
    };
    expect(refs(0)).toEqual([
      ['図表1', undefined],
      ['2', '図表2'],
    ]);
    expect(refs(1)).toEqual([
      ['chapter\u00a01', undefined],
      ['1', 'Section\u00a01'],
      ['2', 'Section\u00a02'],
      ['1', 'Figure\u00a01'],
      ['2', 'Figure\u00a02'],
    ]);
  });

  it('keeps a figure’s label after another word (figures and tables share a counter) and warns', () => {
    const fig = `:::figure{#fig-a source="x"}\nCaption\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n:::\n`;
    const r = read(`表:ref{#fig-a}を参照。\n\n${fig}`, `See table :ref{#fig-a}.\n\n${fig}`);
    expect(paragraphs(r.editions[0]!)[0]).toBe('表図表1を参照。');
    expect(paragraphs(r.editions[1]!)[0]).toBe('See table Figure\u00a01.');
    const warned = r.diagnostics.filter((d) => d.ruleId === 'ref-word-mismatch');
    expect(warned.map((d) => `${d.file}:${d.line}`).sort()).toEqual(['en.md:1', 'ja.md:1']);
    expect(warned.find((d) => d.file === 'en.md')!.message).toBe('the text calls #fig-a "table", but its label is "Figure 1": it prints "table Figure 1"');
  });

  it('warns where @id names a heading or figure (a cross-reference as Pandoc writes it) and prints it as written', () => {
    const fig = `:::figure{#fig-a source="x"}\nCaption\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n:::\n`;
    const r = read(`図表（@fig-a）を参照。\n\n${fig}`, `## Intro {#sec-a}\n\nSee @fig-a and @sec-a; as @smith argues; write to @nobody.\n\n${fig}`);
    expect(paragraphs(r.editions[0]!)[0]).toBe('図表（@fig-a）を参照。');
    const warned = r.diagnostics.filter((d) => d.ruleId === 'ref-at-syntax');
    expect(warned.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity}`).sort()).toEqual(['en.md:3:16 warning', 'en.md:3:5 warning', 'ja.md:1:4 warning']);
    expect(warned.find((d) => d.file === 'ja.md')!.message).toBe('"@fig-a" is printed as written: it names #fig-a of this edition, but `@` cites a reference');
    expect(warned.find((d) => d.file === 'ja.md')!.hint).toBe('write :ref{#fig-a} to print its label');
    // In brackets it is a citation of an unknown key, whose hint says the same.
    const bracketed = read(`図表（[@fig-a]）を参照。\n\n${fig}`, `See [@fig-a].\n\n${fig}`).diagnostics.filter((d) => d.ruleId === 'citation-unknown-key');
    expect(bracketed.map((d) => `${d.file} ${d.hint}`).sort()).toEqual([
      'en.md it names #fig-a of this edition: write :ref{#fig-a} to print its label',
      'ja.md it names #fig-a of this edition: write :ref{#fig-a} to print its label',
    ]);
  });

  it('sets a heading written with {-} or {.unnumbered} without a number, the numbering going on past it', () => {
    const r = read(
      '## はじめに\n\n本文。\n\n## 付録 {#sec-appendix -}\n\n本文。\n\n## 次\n\n:ref{#sec-appendix}を参照。\n',
      '## Intro\n\nText.\n\n## Appendix: data {#sec-appendix .unnumbered}\n\nText.\n\n## Next {-}\n\n## Last\n\nSee :ref{#sec-appendix}.\n',
    );
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const heads = (lang: number) => r.editions[lang]!.body.flatMap((b) => (b.kind === 'heading' ? [`${b.label}${flat(b.children)}`] : []));
    expect(heads(0)).toEqual(['1. はじめに', '付録', '2. 次']);
    expect(heads(1)).toEqual(['1. Intro', 'Appendix: data', 'Next', '2. Last']);
    // A heading without a number is referred to by its title, quoted (the full stop inside, in en).
    expect(paragraphs(r.editions[1]!).at(-1)).toBe('See “Appendix: data.”');
    expect(paragraphs(r.editions[0]!).at(-1)).toBe('「付録」を参照。');
  });

  it('numbers the chapter written with {.appendix} and those after it apart, with their sections (Appendix A, A.1; 付録1, （1）)', () => {
    const ja =
      '## はじめに\n\n:ref{#sec-panel}と:ref{#sec-b}を参照。\n\n## 分析\n\n### 費用\n\n本文。\n\n## データ {#sec-a .appendix}\n\n### パネル {#sec-panel}\n\n本文。\n\n## 用語集 {#sec-b}\n\n用語。\n';
    const en =
      '## Intro\n\nSee :ref{#sec-panel} and :ref{#sec-b}.\n\n## Findings\n\n### Costs\n\nText.\n\n## The Data {#sec-a .appendix}\n\n### The Panel {#sec-panel}\n\nText.\n\n## Glossary {#sec-b}\n\nTerms.\n';
    const r = read(ja, en);
    expect(r.diagnostics).toEqual([]);
    const heads = (lang: number) => r.editions[lang]!.body.flatMap((b) => (b.kind === 'heading' ? [`${b.label}${flat(b.children)}${b.appendix ? ' [appendix]' : ''}`] : []));
    expect(heads(0)).toEqual(['1. はじめに', '2. 分析', '（1）費用', '付録1　データ [appendix]', '（1）パネル', '付録2　用語集 [appendix]']);
    expect(heads(1)).toEqual(['1. Intro', '2. Findings', '2.1 Costs', 'Appendix A: The Data [appendix]', 'A.1 The Panel', 'Appendix B: Glossary [appendix]']);
    expect(paragraphs(r.editions[1]!)[0]).toBe('See Section\u00a0A.1 and Appendix\u00a0B.');
    expect(paragraphs(r.editions[0]!)[0]).toBe('付録1（1）と付録2を参照。');
  });

  it('calls a report’s only appendix Appendix (付録), and numbers no section of an unnumbered chapter after the chapter before it', () => {
    const single = read('## はじめに\n\n本文。\n\n## データ {.appendix}\n\n### パネル\n\n本文。\n', '## Intro\n\nText.\n\n## The Data {.appendix}\n\n### The Panel\n\nText.\n');
    const heads = (r: ReturnType<typeof read>, lang: number) => r.editions[lang]!.body.flatMap((b) => (b.kind === 'heading' ? [`${b.label}${flat(b.children)}`] : []));
    expect(heads(single, 0)).toEqual(['1. はじめに', '付録　データ', '（1）パネル']);
    expect(heads(single, 1)).toEqual(['1. Intro', 'Appendix: The Data', 'A.1 The Panel']);
    const orphan = read(
      '## はじめに\n\n:ref{#sec-p}。\n\n### 背景\n\n本文。\n\n## 付録 {-}\n\n### パネル {#sec-p}\n\n本文。\n',
      '## Intro\n\nText.\n\n### Background\n\nText.\n\n## Appendix {-}\n\n### The Panel {#sec-p}\n\nText.\n',
    );
    expect(heads(orphan, 1)).toEqual(['1. Intro', '1.1 Background', 'Appendix', 'The Panel']);
    // In ja, （1） names no chapter: counted from one in the unnumbered chapter, named with it from elsewhere.
    expect(heads(orphan, 0)).toEqual(['1. はじめに', '（1）背景', '付録', '（1）パネル']);
    expect(paragraphs(orphan.editions[0]!)[0]).toBe('「付録」（1）。');
    expect(orphan.diagnostics.filter((d) => d.ruleId === 'heading-under-unnumbered').map((d) => `${d.file}:${d.line}`)).toEqual(['en.md:11']);
    // Deeper too: a subsection under an unnumbered section (1.1.1 would be the section before's).
    const deeper = read(
      '## はじめに\n\n本文。\n\n### 背景\n\n本文。\n\n### 注記 {-}\n\n#### 補足\n\n本文。\n',
      '## Intro\n\nText.\n\n### Background\n\nText.\n\n### Notes {-}\n\n#### More\n\nText.\n',
    );
    expect(heads(deeper, 1)).toEqual(['1. Intro', '1.1 Background', 'Notes', 'More']);
    expect(heads(deeper, 0)).toEqual(['1. はじめに', '（1）背景', '注記', 'ア　補足']);
  });

  it('reports an invalid id block at its line and keeps it out of the heading', () => {
    const r = read('## はじめに\n\n本文。\n\n## 次 {#Sec Intro}\n\n本文。\n', '## Intro\n\nText.\n\n## Next {#Sec Intro}\n\nText.\n');
    const errors = r.diagnostics.filter((d) => d.ruleId === 'heading-id');
    expect(errors.map((d) => `${d.file}:${d.line}`)).toEqual(['en.md:5', 'ja.md:5']);
    const heading = r.editions[1]!.body.find((b) => b.kind === 'heading' && b.level === 1 && flat(b.children).startsWith('Next'));
    expect(heading && heading.kind === 'heading' ? flat(heading.children) : '').toBe('Next');
  });

  it('takes an id written without a space before it', () => {
    const r = read('## はじめに{#sec-a}\n\n:ref{#sec-a}\n', '## Intro{#sec-a}\n\n:ref{#sec-a}\n');
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.editions[1]!.body[0]!.kind === 'heading' && r.editions[1]!.body[0]!.id).toBe('sec-a');
  });

  it('prints the chapter of a section in another chapter, and no repeated word', () => {
    const ja = '## 一 {#c1}\n\n### 節 {#s11}\n\n### 節 {#s12}\n\n#### 項 {#s121}\n\n:ref{#s12}で見た。\n\n## 二 {#c2}\n\n:ref{#s12}と:ref{#s121}で見たとおり。\n';
    const en = '## One {#c1}\n\n### S {#s11}\n\n### S {#s12}\n\n#### T {#s121}\n\nAs in :ref{#s12}.\n\n## Two {#c2}\n\nSee section :ref{#s12} and :ref{#s121}.\n';
    const r = read(ja, en);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(paragraphs(r.editions[0]!)).toEqual(['（2）で見た。', '1.（2）と1.（2）アで見たとおり。']);
    // A label does not break from its word: the spaces are no-break spaces.
    expect(paragraphs(r.editions[1]!)).toEqual(['As in Section\u00a01.2.', 'See section\u00a01.2 and Section\u00a01.2.1.']);
  });
});

describe('task lists', () => {
  it('keep each item’s box: ticked, open, or none', () => {
    const r = read('- [x] 済んだこと\n- [ ] 残ること\n- 項目\n\n1. 一\n2. 二\n', '- [x] done\n- [ ] open\n- plain\n\n1. one\n2. two\n');
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const edition of r.editions) {
      const [tasks, plain] = edition.body.filter((b) => b.kind === 'list');
      expect(tasks?.kind === 'list' && tasks.checked).toEqual([true, false, null]);
      // A list without boxes has none to keep.
      expect(plain?.kind === 'list' && 'checked' in plain).toBe(false);
    }
    const tasks = r.editions[1]!.body.find((b) => b.kind === 'list');
    expect(tasks?.kind === 'list' && tasks.items.map((item) => (item[0]?.kind === 'paragraph' ? flat(item[0].children) : ''))).toEqual(['done', 'open', 'plain']);
  });
});

describe('a citation that ends with a full stop of its own', () => {
  it('takes none more from the text: Ibid., not Ibid..', () => {
    const r = read('本文[^a]。本文[^b]。\n\n[^a]: [@smith, p. 3]\n[^b]: [@smith, p. 3]\n', 'Text.[^a] Text.[^b]\n\n[^a]: [@smith, p. 3].\n[^b]: [@smith, p. 3].\n');
    expect(notes(r.editions[1]!)).toEqual(['Anna Smith and Yamada Hanako, Fiscal Rules (Oxford University Press, 2020), 3.', 'Ibid.']);
  });

  it('and a typed word before a report’s only appendix, which the label is, prints once', () => {
    const r = read('## はじめに\n\n付録:ref{#sec-a}を参照。\n\n## 資料 {#sec-a .appendix}\n\n本文。\n', '## Intro\n\nSee the Appendix :ref{#sec-a}.\n\n## Data {#sec-a .appendix}\n\nText.\n');
    expect(paragraphs(r.editions[1]!)[0]).toBe('See the Appendix.');
    expect(paragraphs(r.editions[0]!)[0]).toBe('付録を参照。');
  });
});

describe('a paragraph that continues a sentence past a display', () => {
  it('is marked after a list, code, quotation or table when it opens in lower case, not after a figure or in Japanese', () => {
    const en = [
      'The configuration is held in JSON:',
      '',
      '```json',
      '{"a": 1}',
      '```',
      '',
      'and the nightly run is launched with a flag.',
      '',
      '- one',
      '- two',
      '',
      'which the operators check.',
      '',
      '> quoted',
      '',
      'A new paragraph after a quotation.',
      '',
      '| a | b |',
      '| - | - |',
      '| 1 | 2 |',
      '',
      'so the totals agree.',
      '',
    ].join('\n');
    const ja = '本文。\n\n```\ncode\n```\n\nそして続く。\n';
    const r = read(ja, en);
    const marked = (model: DocumentModel) => model.body.flatMap((b) => (b.kind === 'paragraph' ? [b.continues === true] : []));
    expect(marked(r.editions[1]!)).toEqual([false, true, true, false, true]);
    expect(marked(r.editions[0]!)).toEqual([false, false]);
  });
});
