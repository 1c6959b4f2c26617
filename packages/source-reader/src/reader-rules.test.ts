/**
 * The reader's own rules: each reported at the right file, line and column
 * for a source that breaks it, and silent for one that does not.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDiagnostic, inlineText, type Diagnostic } from '@brief/document-model';
import { readSource } from './read-source.js';

const brief = `id: test-report
languages: [ja, en]
title: { ja: 試験報告, en: Test report }
authors:
  - name: { ja: 沓脱 和人, en: KUTSUNUGI Kazuhito }
series:
  title: { ja: 立法と調査, en: Legislation and Research }
  issn: 0915-1338
published: 2026-03-16
as-of: 2026-02-25
`;

const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>';

const written: string[] = [];
afterAll(() => {
  for (const dir of written) rmSync(dir, { recursive: true, force: true });
});

function write(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'brief-reader-'));
  written.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** Read a source (brief.yaml and en.md default to valid ones); diagnostics as `brief check` names them. */
function read(files: Record<string, string | Uint8Array>, dir = write({ 'brief.yaml': brief, 'en.md': 'Text.\n', ...files })): Diagnostic[] {
  // BRIEF_DROP_RULE simulates a rule taken out, to show the tests depend on it.
  return readSource(dir, { cwd: dir }).diagnostics.filter((d) => d.ruleId !== process.env.BRIEF_DROP_RULE);
}

function only(list: Diagnostic[], rule: string): string[] {
  return list.filter((d) => d.ruleId === rule).map(formatDiagnostic);
}

const refs = `references:
  - id: nikkei
    type: article-newspaper
    container-title: 日本経済新聞
    issued: 2025-01-29
`;

describe('notes', () => {
  it('accepts notes referenced and defined once', () => {
    expect(read({ 'ja.md': '本文[^a]と[^b]。\n\n[^a]: 注。\n\n[^b]: 注。\n' })).toEqual([]);
  });
  it('note-in-note: a note marked inside another note, at the mark, once (not also as unreferenced)', () => {
    const found = read({ 'ja.md': '本文[^a]と[^b]。\n\n[^a]: 注。\n\n[^b]: 注[^c]。\n\n[^c]: 注の注。\n' });
    expect(found.map(formatDiagnostic)).toEqual(['ja.md:5:8: error: a note cannot mark another note ([^c]); put the text of [^c] into this note, or mark it in the body text [note-in-note]']);
  });
  it('note-undefined: a note referenced but not defined, at the mark', () => {
    const found = only(read({ 'ja.md': '本文[^a]と[^b]。\n\n[^a]: 注。\n' }), 'note-undefined');
    expect(found).toEqual(['ja.md:1:8: error: note [^b] is referenced but never defined; add a definition line `[^b]: …` [note-undefined]']);
  });
  it('note-definition-colon: a definition written without its colon is told once, at its line, not also at its marks', () => {
    const found = read({ 'ja.md': '本文[^a]と[^b]。\n\n[^a]: 注。\n\n[^b] 財務省の資料による。\n' });
    expect(found.map(formatDiagnostic)).toEqual([
      "ja.md:5:1: error: [^b] starts a line with no colon after it, so it is no note's definition and prints as text; write a half-width colon right after it: [^b]: 財務省の資料による。 [note-definition-colon]",
    ]);
    const wide = read({ 'ja.md': '本文[^b]。\n\n[^b]：財務省の資料による。\n' });
    expect(wide.map(formatDiagnostic)).toEqual([
      "ja.md:3:1: error: [^b] starts a line with a full-width colon after it, so it is no note's definition and prints as text; write a half-width colon right after it: [^b]: 財務省の資料による。 [note-definition-colon]",
    ]);
  });
  it('note-undefined: inside another note', () => {
    expect(only(read({ 'ja.md': '本文[^a]。\n\n[^a]: 注[^zz]。\n' }), 'note-undefined')).toHaveLength(1);
  });
  it('note-unreferenced: a note defined but not referenced, at the definition', () => {
    const found = only(read({ 'ja.md': '本文。\n\n[^a]: 注。\n' }), 'note-unreferenced');
    expect(found).toEqual(['ja.md:3:1: error: note [^a] is defined but never referenced; put [^a] where its mark belongs, or delete the definition [note-unreferenced]']);
  });
  it('note-duplicate: a note defined twice, at the second definition', () => {
    const found = only(read({ 'ja.md': '本文[^a]。\n\n[^a]: 注。\n\n[^a]: 注2。\n' }), 'note-duplicate');
    expect(found).toEqual(['ja.md:5:1: error: note [^a] is defined twice (first at line 3); remove or rename one of the definitions [note-duplicate]']);
  });
});

describe('citation-unknown-key', () => {
  it('accepts keys that are in the references', () => {
    expect(only(read({ 'ja.md': '本文[@nikkei]。\n', 'references.yaml': refs }), 'citation-unknown-key')).toEqual([]);
  });
  it('reports an unknown key in running text and in a note, at the citation', () => {
    const found = only(read({ 'ja.md': '本文[@nokey]。\n\n注[^a]\n\n[^a]: 前文[@nikkei; @other, p. 3]。\n', 'references.yaml': refs }), 'citation-unknown-key');
    expect(found).toEqual([
      'ja.md:1:3: error: citation key "@nokey" is not in the references; add it to references.yaml or fix the key [citation-unknown-key]',
      'ja.md:5:9: error: citation key "@other" is not in the references; add it to references.yaml or fix the key [citation-unknown-key]',
    ]);
  });
  it('names the key a slip away, or in another case', () => {
    const found = only(read({ 'ja.md': '本文[@nikei]。本文[@NIKKEI]。\n', 'references.yaml': refs }), 'citation-unknown-key');
    expect(found).toEqual([
      'ja.md:1:3: error: citation key "@nikei" is not in the references; did you mean @nikkei? (keys are matched exactly, case included) [citation-unknown-key]',
      'ja.md:1:14: error: citation key "@NIKKEI" is not in the references; did you mean @nikkei? (keys are matched exactly, case included) [citation-unknown-key]',
    ]);
  });
});

describe('images', () => {
  const figure = (path: string) => `:::figure{#fig-a}\n図\n\n![図](${path})\n:::\n`;
  it('accepts an image inside the source directory', () => {
    expect(read({ 'ja.md': figure('figures/a.svg'), 'figures/a.svg': svg })).toEqual([]);
  });
  it('image-missing: an image that does not exist', () => {
    expect(only(read({ 'ja.md': figure('figures/none.svg') }), 'image-missing')).toEqual([
      'ja.md:4:1: error: image "figures/none.svg" does not exist; check the path (relative to the report folder) [image-missing]',
    ]);
    expect(only(read({ 'ja.md': figure('') }), 'image-missing')).toEqual([
      'ja.md:4:1: error: this image names no file: its parentheses are empty; write the path of its file in them: ![…](figures/x.svg) [image-missing]',
    ]);
  });
  it('image-outside-source: a path out of the source directory', () => {
    const outside = write({ 'x.svg': svg });
    const dir = write({ 'brief.yaml': brief, 'en.md': 'Text.\n', 'ja.md': figure(`../${outside.split('/').pop()}/x.svg`) });
    expect(only(read({}, dir), 'image-outside-source')).toHaveLength(1);
    expect(only(read({ 'ja.md': figure('/etc/hostname') }), 'image-outside-source')).toHaveLength(1);
  });
  it('image-outside-source: a symbolic link to a file outside', () => {
    const outside = write({ 'x.svg': svg });
    const dir = write({ 'brief.yaml': brief, 'en.md': 'Text.\n', 'ja.md': figure('figures/link.svg') });
    mkdirSync(join(dir, 'figures'));
    symlinkSync(join(outside, 'x.svg'), join(dir, 'figures/link.svg'));
    expect(only(read({}, dir), 'image-outside-source')).toEqual([
      'ja.md:4:1: error: image "figures/link.svg" is a link to a file outside the source directory; copy the file into the report folder [image-outside-source]',
    ]);
  });
});

describe('raw-html', () => {
  it('accepts escaped angle brackets', () => {
    expect(read({ 'ja.md': '首相官邸\\<https://www.kantei.go.jp/\\>\n' }).filter((d) => d.severity === 'error')).toEqual([]);
  });
  it('reports inline and block HTML', () => {
    const found = only(read({ 'ja.md': '本文<b>太字</b>。\n\n<div>x</div>\n' }), 'raw-html');
    expect(found.map((l) => l.split(': error')[0])).toEqual(['ja.md:1:3', 'ja.md:1:8', 'ja.md:3:1']);
  });
});

describe('links in bodies', () => {
  it('accepts https links', () => {
    expect(read({ 'ja.md': '[外務省](https://www.mofa.go.jp/)\n' })).toEqual([]);
  });
  it('url-scheme, url-malformed (errors) and url-http (warning)', () => {
    const list = read({ 'ja.md': '[x](ftp://a.example/c) [y](http://a.example/c) [z](https://nohost)\n' });
    expect(only(list, 'url-scheme')).toHaveLength(1);
    expect(only(list, 'url-malformed')).toHaveLength(1);
    expect(only(list, 'url-http')).toEqual(['ja.md:1:24: warning: URL "http://a.example/c" is plain http; use https:// if the site supports it [url-http]']);
  });
});

describe('brief.yaml', () => {
  const ja = { 'ja.md': '本文。\n' };
  it('accepts a valid brief', () => {
    expect(read(ja)).toEqual([]);
  });
  it('meta-missing-language: a per-language value without a declared language', () => {
    const found = only(read({ ...ja, 'brief.yaml': brief.replace('title: { ja: 試験報告, en: Test report }', 'title: { ja: 試験報告 }') }), 'meta-missing-language');
    expect(found).toEqual(['brief.yaml:3:8: error: `title` has no value for "en"; add `en: …` to `title`, or give one plain string for every edition [meta-missing-language]']);
  });
  it('meta-missing-language: not for a plain string', () => {
    expect(only(read({ ...ja, 'brief.yaml': brief.replace('title: { ja: 試験報告, en: Test report }', 'title: 試験報告') }), 'meta-missing-language')).toEqual([]);
  });
  it('issn-check-digit: a wrong ISSN check digit', () => {
    expect(only(read({ ...ja, 'brief.yaml': brief.replace('0915-1338', '0915-1337') }), 'issn-check-digit')).toEqual([
      'brief.yaml:8:9: error: ISSN "0915-1337" has a wrong check digit; copy the ISSN again from the publication [issn-check-digit]',
    ]);
  });
  it('brief-required: a title left blank; brief-id: an id written as a mapping is shown as written', () => {
    expect(only(read({ ...ja, 'brief.yaml': brief.replace('title: { ja: 試験報告, en: Test report }', 'title: ""') }), 'brief-required')).toEqual([
      'brief.yaml:3:8: error: `title` is empty; write the title, a string or one value per language [brief-required]',
    ]);
    expect(only(read({ ...ja, 'brief.yaml': brief.replace('id: test-report', 'id: { a: b }') }), 'brief-id')).toEqual([expect.stringContaining('id "{"a":"b"}" is not valid')]);
  });
  it('heading-empty: a heading with no text, or only its attributes', () => {
    for (const heading of ['##', '## {#sec-x}', '###   ']) {
      expect(only(read({ 'ja.md': `本文。\n\n${heading}\n\n本文。\n` }), 'heading-empty'), heading).toEqual([
        'ja.md:3:1: error: this heading has no text: it would print as its number alone, and name nothing in the contents; write its title after the #s, or delete the line [heading-empty]',
      ]);
    }
  });
  it('brief-id: an invalid id', () => {
    expect(only(read({ ...ja, 'brief.yaml': brief.replace('id: test-report', 'id: Test_Report') }), 'brief-id')).toHaveLength(1);
    // Files are named after it: a file name holds 255 bytes.
    expect(only(read({ ...ja, 'brief.yaml': brief.replace('id: test-report', `id: ${'a'.repeat(101)}`) }), 'brief-id')).toEqual([
      expect.stringMatching(/error: id is 101 characters long: the editions' files are named after it; shorten it to 100 characters at most \[brief-id\]$/),
    ]);
    expect(only(read({ ...ja, 'brief.yaml': brief.replace('id: test-report', `id: ${'a'.repeat(100)}`) }), 'brief-id')).toEqual([]);
  });
  it('language-tag: accepts tags with a region in either case', () => {
    const list = read({ 'ja.md': '本文。\n', 'en-gb.md': 'Text.\n', 'brief.yaml': brief.replace('languages: [ja, en]', 'languages: [ja, en-gb]').replace(/en: /g, 'en-gb: ') });
    expect(only(list, 'language-tag')).toEqual([]);
  });
  it('language-tag: a language in capitals is told with the tag to write', () => {
    const found = only(read({ ...ja, 'brief.yaml': brief.replace('languages: [ja, en]', 'languages: [ja, EN-gb]').replace('en: ', 'EN: ') }), 'language-tag');
    expect(found).toEqual([
      'brief.yaml:2:17: error: language tag "EN-gb" is not written in its case (en-GB): the language is in lower case; write en-GB, and name its body en-GB.md [language-tag]',
      expect.stringMatching(/: error: "EN" in `title` is a language tag not written in its case \(en\); write en: … \[language-tag\]$/),
    ]);
  });
  it('language-tag: a lang attribute in capitals is told with the tag to write', () => {
    const found = only(read({ ...ja, 'ja.md': '本文:lang[Text]{lang=EN}。\n' }), 'language-tag');
    expect(found).toEqual([expect.stringMatching(/: error: :lang has lang=EN, a language tag not written in its case \(en\); write lang=en \[language-tag\]$/)]);
  });
  it('language-tag: an invalid language tag', () => {
    const found = only(read({ ...ja, 'brief.yaml': brief.replace('languages: [ja, en]', 'languages: [ja, english]') }), 'language-tag');
    expect(found).toEqual(['brief.yaml:2:17: error: "english" is not a valid language tag; use a BCP 47 tag such as ja, en, en-GB [language-tag]']);
  });
  it('brief-value, brief-pages, brief-series, issn-format: a list, a mapping or a yes/no where one value belongs is named, with its rule', () => {
    const with_ = (line: string) => read({ ...ja, 'brief.yaml': brief.replace('published: 2026-03-16', line) }).map(formatDiagnostic);
    expect(with_('published: [2026]')).toEqual(['brief.yaml:9:12: error: published is a list: write one date, YYYY-MM-DD [brief-value]']);
    expect(with_('published: true')).toEqual(['brief.yaml:9:12: error: published is "true": write one date, YYYY-MM-DD [brief-value]']);
    const series = (value: string) => read({ ...ja, 'brief.yaml': brief.replace('  issn: 0915-1338', `  ${value}`) }).map(formatDiagnostic);
    expect(series('issue: [1, 2]')).toEqual([expect.stringMatching(/: error: series issue is a list: write one number or text \[brief-series\]$/)]);
    // A number that is no issue number would print as written (No. 1e+26, No. Infinity).
    for (const issue of ['99999999999999999999999999', '.inf', '4.5', '0'])
      expect(series(`issue: ${issue}`)).toEqual([
        expect.stringMatching(/: error: series issue \S+ is no issue number; write a whole number \(482\), or the issue as text in quotes \("482-2"\) \[brief-series\]$/),
      ]);
    expect(series('issue: "482-2"')).toEqual([]);
    expect(series('pages: { a: 1 }')).toEqual([expect.stringMatching(/: error: pages is a mapping: write a number or a range like 45-59 \[brief-pages\]$/)]);
    expect(series('issn: [1]')).toEqual([expect.stringMatching(/: error: ISSN is a list: write one, of the form NNNN-NNNC \[issn-format\]$/)]);
  });
  it('date-impossible: a published date that does not exist', () => {
    expect(only(read({ ...ja, 'brief.yaml': brief.replace('published: 2026-03-16', 'published: 2026-02-30') }), 'date-impossible')).toEqual([
      'brief.yaml:9:12: error: published date "2026-02-30" is not a real YYYY-MM-DD date [date-impossible]',
    ]);
  });
  it('an error in brief.yaml leaves the bodies still read and checked, when it says what to read', () => {
    const list = read({ 'ja.md': '本文。\n\n[^x]: 使われない注。\n', 'brief.yaml': brief.replace('published: 2026-03-16', 'published: 2026-02-30') });
    expect(list.map((d) => d.ruleId).sort()).toEqual(['date-impossible', 'note-unreferenced']);
    // Without languages, nothing more is read.
    expect(read({ 'ja.md': '本文。\n\n[^x]: 使われない注。\n', 'brief.yaml': brief.replace('languages: [ja, en]\n', '') }).map((d) => d.ruleId)).toEqual(['brief-required']);
  });
  it('yaml-syntax: a syntax error with its line', () => {
    const found = read({ ...ja, 'brief.yaml': brief.replace('authors:\n', 'authors:\n  - name: "unclosed\n') }).filter((d) => d.ruleId === 'yaml-syntax');
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatchObject({ file: 'brief.yaml' });
    expect(found[0]!.line).toBeGreaterThanOrEqual(5);
  });
  it('yaml-syntax: a plain value holding ": " is told to be quoted', () => {
    const found = read({ ...ja, 'brief.yaml': brief.replace(/^title:.*$/m, 'title: Algorithms and Collusion: Policy Options') }).filter((d) => d.ruleId === 'yaml-syntax');
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]!.hint).toBe('a value that holds ": " must be quoted: title: "Algorithms and Collusion: Policy Options"');
  });
  it('yaml-duplicate-key: a key written twice', () => {
    expect(only(read({ ...ja, 'brief.yaml': `${brief}id: again\n` }), 'yaml-duplicate-key').map((l) => l.split(': error')[0])).toEqual(['brief.yaml:11:1']);
  });
});

describe('text encoding', () => {
  it('control-character: a control character, at its place', () => {
    expect(only(read({ 'ja.md': '本文\u0007です。\n' }), 'control-character')).toEqual([
      'ja.md:1:3: error: control character U+0007 in text; delete it (it is invisible and prints as nothing or a box) [control-character]',
    ]);
  });
  it('control-character: a character reference that makes a control character, a non-character or none, at the reference; not in code', () => {
    const en = '## Intro&#x8;\n\nA&#1;B &#xFFFE; x&#x7F; y&#x85; z&#x1B; w&#0; ok &amp; &#65; &#x1F600; \\&#1; `&#1;`\n\n```\n&#1;\n```\n\n> [link](https://example.org/) &#xFDD0;\n';
    const says = (at: string, ref: string, what: string) =>
      `en.md:${at}: error: the character reference "${ref}" makes ${what}, which prints as "\uFFFD" or not at all; delete the reference (it is invisible and prints as nothing or a box) [control-character]`;
    expect(only(read({ 'ja.md': '本文。\n', 'en.md': en }), 'control-character')).toEqual([
      says('1:9', '&#x8;', 'control character U+0008'),
      says('3:2', '&#1;', 'control character U+0001'),
      says('3:8', '&#xFFFE;', 'non-character U+FFFE'),
      says('3:18', '&#x7F;', 'control character U+007F'),
      says('3:26', '&#x85;', 'control character U+0085'),
      says('3:34', '&#x1B;', 'control character U+001B'),
      says('3:42', '&#0;', 'no character (U+0000)'),
      says('9:32', '&#xFDD0;', 'non-character U+FDD0'),
    ]);
  });
  it('encoding: bytes that are not UTF-8', () => {
    expect(only(read({ 'ja.md': new Uint8Array([0xe6, 0x9c, 0xac, 0x0a, 0xff, 0xfe, 0x0a]) }), 'encoding')).toEqual([
      'ja.md:2:1: error: the file is not valid UTF-8 text; save it as UTF-8 [encoding]',
    ]);
  });
});

describe('heading levels', () => {
  it('heading-skip: a level left out, at the heading that skips it', () => {
    const found = only(read({ 'en.md': '## One\n\n#### Deep\n\nText.\n\n### Fine\n\n#### Fine too\n\n## Two\n\n### Fine\n' }), 'heading-skip');
    expect(found).toEqual([
      'en.md:3:1: warning: this #### subsection follows a ## chapter with no ### heading between: a level is missing from the outline; make it ###, or add the heading it belongs under [heading-skip]',
    ]);
    // A body that starts below the chapter level is told so at its first heading only.
    expect(only(read({ 'en.md': '### Alone\n\nText.\n\n### Again\n' }), 'heading-skip')).toEqual([
      'en.md:1:1: warning: this ### section follows the title with no ## heading between: a level is missing from the outline; make it ##, or add the heading it belongs under [heading-skip]',
    ]);
  });
});

describe('headings and figures below the top level', () => {
  it('heading-nested: a heading in a quotation or a list item, at the heading; its text kept as bold, its id not told again as unknown', () => {
    const dir = write({ 'brief.yaml': brief, 'ja.md': '本文。\n', 'en.md': '## Intro\n\n> ### Quoted heading {#sec-q}\n\n- ### Listed heading\n\nSee :ref{#sec-q}.\n' });
    const result = readSource(dir, { cwd: dir });
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'en.md:3:3: error: a heading stands in a quotation: headings belong at the top level of the body, where they are numbered and listed in the contents; write it as bold text (**Quoted heading**), or move it out of the quotation (no > before the #s) [heading-nested]',
      'en.md:5:3: error: a heading stands in a list item: headings belong at the top level of the body, where they are numbered and listed in the contents; write it as bold text (**Listed heading**), or move it out of the list (no indent or list marker before the #s) [heading-nested]',
    ]);
    const body = result.editions.find((e) => e.meta.lang === 'en')!.body;
    // No heading block (which would print with an empty id) is left inside the quotation or the list.
    expect(JSON.stringify(body.slice(1))).not.toContain('"kind":"heading"');
    expect(body[1]).toMatchObject({ kind: 'blockquote', children: [{ kind: 'paragraph', children: [{ kind: 'strong', children: [{ kind: 'text', value: 'Quoted heading' }] }] }] });
  });
  it('figure-nested: a figure in a list item or a quotation, at its opening line; references to its id not told again as unknown', () => {
    const table = (indent: string) => `${indent}:::figure{#fig-X}\n${indent}A table\n${indent}\n${indent}| a | b |\n${indent}| - | - |\n${indent}| 1 | 2 |\n${indent}:::\n`;
    const en = `## Intro\n\nSee :ref{#fig-t} and :ref{#fig-u}.\n\n- item\n\n${table('  ').replace('X', 't')}\n${table('> ').replace('X', 'u')}`;
    expect(read({ 'ja.md': '本文。\n', 'en.md': en }).map(formatDiagnostic)).toEqual([
      'en.md:7:3: error: this figure stands in a list item: a figure stands at the top level of the body, where it is numbered and cross-references find it; move it out of the list (its fences at the start of the line, not indented), after the paragraph that refers to it [figure-nested]',
      'en.md:15:3: error: this figure stands in a quotation: a figure stands at the top level of the body, where it is numbered and cross-references find it; move it out of the quotation (no > before its lines), after the paragraph that refers to it [figure-nested]',
    ]);
  });
});

describe('id-reserved', () => {
  it('an id of a form the writers give notes, note marks, page markers or a figure’s description, at the heading or figure', () => {
    const table = (id: string) => `:::figure{#${id}}\nCap\n\n| a | b |\n| - | - |\n| 1 | 2 |\n:::\n`;
    const en = `## Intro {#fn-1}\n\nText[^a].\n\n### Sub {#fnref-1}\n\n### Again {#fnref-2-3}\n\n### Page {#page-iv}\n\n### Notes {#notes-chapter-01}\n\n### Desc {#fig-a-description}\n\n### Cap {#fig-a-caption}\n\n${table('fig-a')}\n${table('fn-7')}\n### Fine {#sec-fnref}\n\n### Fine too {#sec-x-description-text}\n\n[^a]: A note.\n`;
    expect(only(read({ 'ja.md': '本文。\n', 'en.md': en }), 'id-reserved')).toEqual([
      'en.md:1:1: error: id "fn-1" has the form fn-N, which the writers give the e-book\'s notes: it would stand twice in the e-book; give it another id, such as sec-fn-1 [id-reserved]',
      'en.md:5:1: error: id "fnref-1" has the form fnref-N, which the writers give the e-book\'s note marks: it would stand twice in the e-book; give it another id, such as sec-fnref-1 [id-reserved]',
      'en.md:7:1: error: id "fnref-2-3" has the form fnref-N, which the writers give the e-book\'s note marks: it would stand twice in the e-book; give it another id, such as sec-fnref-2-3 [id-reserved]',
      'en.md:9:1: error: id "page-iv" has the form page-…, which the writers give the e-book\'s page markers: it would stand twice in the e-book; give it another id, such as sec-page-iv [id-reserved]',
      'en.md:11:1: error: id "notes-chapter-01" has the form notes-chapter-…, which the writers give the headings of the e-book\'s chapter-end notes: it would stand twice in the e-book; give it another id, such as sec-notes-chapter-01 [id-reserved]',
      'en.md:13:1: error: id "fig-a-description" has the form <figure id>-description, which the e-book gives the description of figure #fig-a; give it another id, such as sec-fig-a-description [id-reserved]',
      'en.md:15:1: error: id "fig-a-caption" has the form <figure id>-caption, which the e-book gives the caption line of figure #fig-a; give it another id, such as sec-fig-a-caption [id-reserved]',
      'en.md:25:1: error: id "fn-7" has the form fn-N, which the writers give the e-book\'s notes: it would stand twice in the e-book; give it another id, such as fig-fn-7 [id-reserved]',
    ]);
  });
});

describe('ids hold letters, digits, - and _', () => {
  const table = (open: string) => `${open}\nCap\n\n| a | b |\n| - | - |\n| 1 | 2 |\n:::\n`;
  it('heading-id, figure-id: an id with "." or ":" is told at its heading or figure, with the id written with -; the attribute block is never heading text', () => {
    const en = `## Intro\n\n### A {#sec:a}\n\n### B {#sec.b}\n\n${table(':::figure{#fig:a}')}\n${table(':::figure{#fig.b .wide}')}\n${table(':::figure{#fig-c .wide}')}\nSee :ref{#sec:a}, :ref{#fig-c}.\n\n## At 15:00, Note:abc {#sec-t}\n`;
    const dir = write({ 'brief.yaml': brief, 'ja.md': '本文。\n', 'en.md': en });
    const result = readSource(dir, { cwd: dir });
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'en.md:3:1: error: the id "sec:a" of this heading has ":" in it: an id is letters, digits, - and _; write {#sec-a}, and :ref{#sec-a} where it is referred to [heading-id]',
      'en.md:5:1: error: the id "sec.b" of this heading has "." in it: an id is letters, digits, - and _; write {#sec-b}, and :ref{#sec-b} where it is referred to [heading-id]',
      'en.md:7:1: error: the id "fig:a" of this figure has ":" in it: an id is letters, digits, - and _; write {#fig-a}, and :ref{#fig-a} where it is referred to [figure-id]',
      'en.md:15:1: error: the id "fig.b" of this figure has "." in it: an id is letters, digits, - and _; write {#fig-b}, and :ref{#fig-b} where it is referred to [figure-id]',
    ]);
    const headings = result.editions.find((e) => e.meta.lang === 'en')!.body.flatMap((b) => (b.kind === 'heading' ? [inlineText(b.children)] : []));
    expect(headings).toEqual(['Intro', 'A', 'B', 'At 15:00, Note:abc']);
  });
  it('ref-syntax: a reference whose id has a "." (read as a class) is told at the reference, not as a reference to another id', () => {
    expect(read({ 'ja.md': '本文。\n', 'en.md': '## Intro {#sec}\n\nSee :ref{#sec.b}.\n' }).map(formatDiagnostic)).toEqual([
      'en.md:3:5: error: ":ref{#sec.b}" reads as the id "sec" with "b" after a ".": an id is letters, digits, - and _; write :ref{#sec-b}, and {#sec-b} on the heading or figure it names [ref-syntax]',
    ]);
  });
});

describe('what users type out of habit', () => {
  it('heading-number-typed: a numbered heading that starts with a number of its own', () => {
    const found = only(
      read({ 'en.md': '## 1. Introduction\n\nText.\n\n## 2025 in review\n\nText.\n\n### 2.1 Scope\n\nText.\n\n## Numbered by hand {-}\n\nText.\n\n## 1.5 Million Jobs\n\nText.\n' }),
      'heading-number-typed',
    );
    expect(found).toEqual([
      'en.md:1:1: warning: this heading starts with a number of its own ("1."), and the style numbers it too: it prints as "1. 1. Introduction"; delete "1." (the style prints "1."), or write {-} after the heading to print it unnumbered with the number as typed [heading-number-typed]',
      'en.md:9:1: warning: this heading starts with a number of its own ("2.1"), and the style numbers it too: it prints as "2.1 2.1 Scope"; delete "2.1" (the style prints "2.1"), or write {-} after the heading to print it unnumbered with the number as typed [heading-number-typed]',
    ]);
  });
  it('paragraph-indent-typed: a full-width space typed to indent a paragraph is left out', () => {
    const dir = write({ 'brief.yaml': brief, 'en.md': 'Text.\n', 'ja.md': '\u3000本文。\n\n次の段落。\n' });
    expect(only(read({}, dir), 'paragraph-indent-typed')).toEqual([
      'ja.md:1:1: warning: this paragraph starts with a full-width space, typed to indent it: the style indents paragraphs itself, so it is left out; delete the space [paragraph-indent-typed]',
    ]);
  });
  it('paragraph-lines-joined: items typed a line each in one paragraph, told once at the first joined line', () => {
    const dir = write({ 'brief.yaml': brief, 'en.md': 'Text.\n', 'ja.md': '本文。\n\n主な施策は次のとおり。\n  ① 鉄道の再構築\n② バスの連携\n' });
    expect(only(read({}, dir), 'paragraph-lines-joined')).toEqual([
      'ja.md:4:3: warning: the line starting "① 鉄道の再構築" is joined to the line before it: lines of one paragraph print as one run of text; write the items as a list, a line each (1. for ① ②, - for ・), or end the line before with a backslash (\\) to break it there [paragraph-lines-joined]',
    ]);
  });
  it("paragraph-lines-joined: a figure's notes typed a line each, told with the blank line that parts them", () => {
    const table = '| a | b |\n| --- | --- |\n| 1 | 2 |\n';
    const dir = write({ 'brief.yaml': brief, 'en.md': 'Text.\n', 'ja.md': `:::figure{#fig-a}\n表\n\n${table}\n（注1）速報値。\n（注2）概数。\n:::\n` });
    expect(only(read({}, dir), 'paragraph-lines-joined')).toEqual([
      'ja.md:9:1: warning: the line starting "（注2）概数。" is joined to the line before it: lines of one paragraph print as one run of text; leave a blank line between a figure\'s notes: each paragraph after the image or table is a note line of its own [paragraph-lines-joined]',
    ]);
  });
  it('fullwidth-alphanumeric: digits and letters typed full-width, two or more, each run told', () => {
    const dir = write({ 'brief.yaml': brief, 'en.md': 'Text.\n', 'ja.md': '１９６０年代のＬＲＴ。\n\nＡ案は１年で終わる。\n\n`ＬＲＴ`は符号。\n' });
    expect(only(read({}, dir), 'fullwidth-alphanumeric')).toEqual([
      'ja.md:1:1: warning: "１９６０" is typed in full-width characters, which print wider than the half-width ones around them; write 1960 [fullwidth-alphanumeric]',
      'ja.md:1:8: warning: "ＬＲＴ" is typed in full-width characters, which print wider than the half-width ones around them; write LRT [fullwidth-alphanumeric]',
    ]);
  });
  it('figure-nested: a figure inside another closed by a longer fence, told at the inner one, references to either not unknown', () => {
    const table = '| a | b |\n| --- | --- |\n| 1 | 2 |\n';
    const dir = write({ 'brief.yaml': brief, 'en.md': 'Text.\n', 'ja.md': `:ref{#fig-a}と:ref{#fig-b}。\n\n::::figure{#fig-a}\n外\n\n:::figure{#fig-b}\n内\n\n${table}:::\n\n::::\n` });
    const found = read({}, dir).filter((d) => d.file === 'ja.md');
    expect(found.map(formatDiagnostic)).toEqual([
      'ja.md:6:1: error: a figure cannot hold another figure: this one is inside #fig-a at line 3; figures have no panels: make each a figure of its own, one after the other, or combine the panels into one image [figure-nested]',
    ]);
  });
  it('image-path-space: an image path with a space, which Markdown reads as text, told with the brackets that make it a path', () => {
    const dir = write({ 'brief.yaml': brief, 'en.md': 'Text.\n', 'ja.md': ':::figure{#fig-a}\n図\n\n![図](figures/my chart.svg)\n:::\n', 'figures/my chart.svg': svg });
    expect(
      read({}, dir)
        .filter((d) => d.file === 'ja.md')
        .map(formatDiagnostic),
    ).toEqual([
      'ja.md:4:1: error: the image path "figures/my chart.svg" has a space in it, so Markdown reads the line as text, not as an image; write the path in angle brackets, ![…](<figures/my chart.svg>), or rename the file without spaces [image-path-space]',
    ]);
  });
  it('figure-body: two images on adjacent lines in one figure', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>';
    const dir = write({ 'brief.yaml': brief, 'ja.md': '本文。\n', 'en.md': ':::figure{#fig-a alt="Bars"}\nCaption\n\n![a](a.svg)\n![b](b.svg)\n:::\n', 'a.svg': svg, 'b.svg': svg });
    expect(only(read({}, dir), 'figure-body')).toEqual([
      'en.md:5:1: error: a figure holds one image, but this one has 2; give each image a figure of its own, or combine the panels into one drawing [figure-body]',
    ]);
  });
  it('note-continuation-indent: a note paragraph indented too little to belong to the note', () => {
    const body = 'Text.[^a]\n\n[^a]: First paragraph of the note.\n\n  Second paragraph, two spaces in.\n\n    Third, four spaces: part of the note.\n';
    expect(only(read({ 'en.md': body }), 'note-continuation-indent')).toEqual([
      'en.md:5:3: warning: this paragraph, indented 2 spaces after note [^a], is read as body text, not as part of the note; indent it four spaces to continue the note, or not at all to leave it in the body [note-continuation-indent]',
    ]);
  });
  it('ref-unknown-target: an id that differs by case is suggested', () => {
    expect(only(read({ 'en.md': '## Probe {#sec-probe}\n\nSee :ref{#sec-Probe}.\n' }), 'ref-unknown-target')).toEqual([
      'en.md:3:5: error: cross-reference to unknown id "#sec-Probe"; did you mean #sec-probe? (ids are matched exactly, case included) [ref-unknown-target]',
    ]);
  });
});

describe('table-row-cells', () => {
  it('a row wider or narrower than the header is told at the row, and made as wide as the header', () => {
    const body = ['Intro.', '', ':::figure{#tab-a}', 'Caption', '', '| A | B | C |', '| - | - | - |', '| 1 | 2 | 3 | 4 | 5 |', '| 1 |', '| 1 | 2 | 3 |', ':::', ''].join('\n');
    const dir = write({ 'brief.yaml': brief, 'ja.md': '本文。\n', 'en.md': body });
    expect(only(read({}, dir), 'table-row-cells')).toEqual([
      "en.md:8:1: warning: this row has 5 cells; the table's header has 3: the last 2 are dropped; give every row as many cells as the header (3 cells); a | inside a cell is written \\| [table-row-cells]",
      "en.md:9:1: warning: this row has 1 cell; the table's header has 3: it is filled with 2 empty cells; give every row as many cells as the header (3 cells); a | inside a cell is written \\| [table-row-cells]",
    ]);
    const model = readSource(dir, { cwd: dir }).editions.find((e) => e.meta.lang === 'en')!;
    const figure = model.body.find((b) => b.kind === 'figure');
    const table = figure?.kind === 'figure' && figure.body.kind === 'table' ? figure.body.table : undefined;
    expect(table?.rows.map((r) => r.cells.map((c) => c.children.map((n) => (n.kind === 'text' ? n.value : '')).join('')))).toEqual([
      ['1', '2', '3'],
      ['1', '', ''],
      ['1', '2', '3'],
    ]);
  });
});

describe('table-groups-unheaded', () => {
  it('a table whose blank first cells group its rows is told once, unless its first column heads the rows', () => {
    const table = (attrs: string) =>
      ['Intro.', '', `:::figure{#tab-a${attrs}}`, 'Caption', '', '| Stage | Measure |', '| - | - |', '| Ordinary | Plans |', '|  | Drills |', '| Response | Shelters |', ':::', ''].join('\n');
    expect(only(read({ 'en.md': table('') }), 'table-groups-unheaded')).toEqual([
      'en.md:6:1: warning: this table groups rows under a first cell left blank below it, which prints as one group; read aloud, those rows have an empty first cell; put the table in a figure with row-headers=1 (:::figure{#… row-headers=1}), which makes the first cells row headers and a blank one part of the group above [table-groups-unheaded]',
    ]);
    expect(only(read({ 'en.md': table(' row-headers=1') }), 'table-groups-unheaded')).toEqual([]);
  });
});

describe('table-delimiter-missing', () => {
  it('lines of cells without a delimiter row are told as that, at their first line, in a figure and in the text', () => {
    const figure = ['Intro.', '', ':::figure{#tab-a}', 'Caption', '', '| A | B | C |', '| 1 | 2 | 3 |', ':::', ''].join('\n');
    const said = read({ 'en.md': figure });
    expect(said.filter((d) => d.file === 'en.md').map(formatDiagnostic)).toEqual([
      'en.md:6:1: error: these lines look like a table, but it has no delimiter row under its header, so they are read as a paragraph of text; add a row under the first line: | --- | --- | --- | [table-delimiter-missing]',
    ]);
    expect(only(read({ 'en.md': 'Intro.\n\n> | A | B |\n> | 1 | 2 |\n' }), 'table-delimiter-missing')).toEqual([
      'en.md:3:3: error: these lines look like a table, but it has no delimiter row under its header, so they are read as a paragraph of text; add a row under the first line: | --- | --- | [table-delimiter-missing]',
    ]);
    // A table with its delimiter row, and a line of text with bars in it, are not told.
    expect(only(read({ 'en.md': '| A | B |\n| - | - |\n| 1 | 2 |\n\nA | B and | C.\n\n| one line |\n' }), 'table-delimiter-missing')).toEqual([]);
  });
});

describe('code fences', () => {
  it('code-fence-unclosed: a code block no fence closes is told at its opening fence', () => {
    const body = ['Intro.', '', '```', 'code', '', 'Body text.[^a]', '', '[^a]: Note.', ''].join('\n');
    expect(only(read({ 'en.md': body }), 'code-fence-unclosed')).toEqual([
      'en.md:3:1: error: this code block is not closed: the "```" that opens it has no matching "```" after it, so the 6 lines after it (to the end of the file, or of the quotation or list it is in) are code; add a line "```" where the code ends [code-fence-unclosed]',
    ]);
    expect(only(read({ 'en.md': '> ~~~~\n> code\n\nAfter.\n' }), 'code-fence-unclosed')).toHaveLength(1);
    // Closed ones, with a longer fence, in a quotation, or indented code, are not told.
    expect(only(read({ 'en.md': '```js\nx\n```\n\n````\n```\n````\n\n> ~~~\n> y\n> ~~~\n\n    indented\n' }), 'code-fence-unclosed')).toEqual([]);
  });

  it('code-indented: a paragraph indented by a tab is told it reads as code', () => {
    expect(only(read({ 'en.md': 'Intro.\n\n\tA paragraph typed with a tab.\n' }), 'code-indented')).toEqual([
      'en.md:3:1: warning: these lines are read as code because they are indented by a tab or four spaces; for a paragraph, remove the indentation (the style indents paragraphs); for code, fence it with ``` lines [code-indented]',
    ]);
    expect(only(read({ 'en.md': 'Intro.\n\n```\ncode\n```\n' }), 'code-indented')).toEqual([]);
  });
});

describe('directive fences', () => {
  it('directive-fence-unmatched: a closing fence left over, not printed as text', () => {
    const body = ['Intro.', '', ':::figure{#fig-a alt="Bars"}', 'Caption', '', '| a |', '| - |', '| 1 |', '', ':::description', 'Five bars.', ':::', ':::', '', 'After.', ':::', ''].join('\n');
    expect(only(read({ 'en.md': body }), 'directive-fence-unmatched')).toEqual([
      'en.md:10:1: error: ":::description" opens with 3 colons inside ":::figure", which has 3: the first closing fence closes both; give the figure\'s fences one colon more than the description\'s: ::::figure … :::description … ::: :::: [directive-fence-unmatched]',
      'en.md:16:1: error: ":::" closes no block and would be printed as text; a block inside another (:::description in a figure) needs the outer fence one colon longer: ::::figure … ::::; delete the line if it is left over [directive-fence-unmatched]',
    ]);
    // Nested with the longer outer fence, nothing is left over.
    const nested = body.replace(':::figure', '::::figure').replace(':::\n:::\n', ':::\n::::\n').replace('After.\n:::\n', 'After.\n');
    expect(only(read({ 'en.md': nested }), 'directive-fence-unmatched')).toEqual([]);
    // A description fence longer than its figure's is named with the colons written.
    const longer = body.replace(':::description', '::::description').replace('After.\n:::\n', 'After.\n');
    expect(only(read({ 'en.md': longer }), 'directive-fence-unmatched')).toEqual([
      'en.md:10:1: error: "::::description" opens with 4 colons inside ":::figure", which has 3: the first closing fence closes both; give the figure\'s fences one colon more than the description\'s: :::::figure … ::::description … :::: ::::: [directive-fence-unmatched]',
    ]);
  });

  /** An English body with a picture a.svg beside it: the folder, and what the reader says of the body. */
  const englishWithPicture = (lines: readonly string[]) => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>';
    const dir = write({ 'brief.yaml': brief, 'ja.md': '本文。\n', 'en.md': lines.join('\n'), 'a.svg': svg });
    return { dir, said: read({}, dir).filter((d) => d.file === 'en.md') };
  };

  it('directive-attributes: a figure whose attributes cannot be read is told at its line, not at its image, its fence or the references to it', () => {
    for (const opening of [':::figure{#fig-a alt="Bars" source="Author}', ':::figure{#fig-a alt="Bars\nand lines"}']) {
      const { said } = englishWithPicture([opening, 'Caption', '', '![](a.svg)', ':::', '', 'See :ref{#fig-a}.', '']);
      expect(
        said.map((d) => `${d.ruleId}@${d.line}:${d.column}`),
        opening,
      ).toEqual(['directive-attributes@1:1']);
      expect(said[0]!.message).toBe('the attributes of ":::figure{…}" cannot be read, so it is no figure and prints as text');
    }
  });

  it('directive-fence-unmatched: after a figure left open, the well-written fences that follow are not blamed', () => {
    const { said } = englishWithPicture([
      ':::figure{#fig-a alt="Bars"}',
      'Caption',
      '',
      '![](a.svg)',
      '',
      'Text.',
      '',
      '::::figure{#fig-b alt="Flow"}',
      'Second',
      '',
      '![](a.svg)',
      '',
      ':::description',
      'Four boxes.',
      ':::',
      '::::',
      '',
      'After.',
      '',
    ]);
    expect(said.map(formatDiagnostic)).toEqual([
      'en.md:1:1: error: this figure is not closed, so it would hold everything after it; add a line ":::" after its image or table (before line 6) [directive-fence-unmatched]',
    ]);
  });

  it('directive-fence-unmatched: a figure not closed is told once, at its opening fence, and what follows it is read as the body', () => {
    const lines = [
      'See :ref{#fig-a} and :ref{#sec-two}.',
      '',
      ':::figure{#fig-a alt="Bars"}',
      'Caption',
      '',
      '![](a.svg)',
      '',
      '## Two {#sec-two}',
      '',
      'Text.[^n] See :ref{#fig-b}.',
      '',
      '[^n]: A note.',
      '',
      ':::figure{#fig-b}',
      'Second',
      '',
      '| a | b |',
      '| - | - |',
      '| 1 | 2 |',
      '::::',
      '',
      'After.',
      '',
    ];
    const body = lines.join('\n');
    const { dir, said } = englishWithPicture(lines);
    expect(said.map(formatDiagnostic)).toEqual([
      'en.md:3:1: error: this figure is not closed, so it would hold everything after it; add a line ":::" after its image or table (before line 8) [directive-fence-unmatched]',
    ]);
    const model = readSource(dir, { cwd: dir }).editions.find((e) => e.meta.lang === 'en')!;
    expect(model.body.map((b) => b.kind)).toEqual(['paragraph', 'figure', 'heading', 'paragraph', 'figure', 'paragraph']);
    // Run on to the end of the file, it is told the same way.
    const atEnd = read({ 'en.md': body.slice(0, body.indexOf('## Two')).replace(' and :ref{#sec-two}', ''), 'a.svg': svg });
    expect(atEnd.filter((d) => d.file === 'en.md').map(formatDiagnostic)).toEqual([
      'en.md:3:1: error: this figure is not closed, so it would hold everything after it; add a line ":::" after its image or table [directive-fence-unmatched]',
    ]);
  });

  it('directive-fence-unmatched: a closing fence shorter than the opening one is named, and no message names a parser node', () => {
    const body = [
      'Intro :ref{#sec-two}.',
      '',
      '::::table{#tab-a}',
      'Caption',
      '',
      '| a | b |',
      '| - | - |',
      '| 1 | 2 |',
      ':::',
      '',
      '## Two {#sec-two}',
      '',
      'Text.[^n]',
      '',
      '[^n]: A note.',
      '',
    ].join('\n');
    const said = read({ 'en.md': body });
    expect(said.filter((d) => d.file === 'en.md').map(formatDiagnostic)).toEqual([
      'en.md:3:1: error: this table is not closed: "::::table" opens with 4 colons, but the ":::" at line 9 has 3, too few to close it; close it with as many colons as it opens with: "::::" (or open it with ":::table") [directive-fence-unmatched]',
    ]);
    // A figure that is closed but holds a heading is told so in the format's words.
    const holding = read({ 'en.md': ':::figure{#fig-a}\nCaption\n\n| a |\n| - |\n| 1 |\n\n[^n]: A note.\n\n- item\n:::\n' });
    expect(holding.filter((d) => d.ruleId === 'figure-body').map((d) => d.message)).toEqual(['a figure cannot hold a note definition', 'a figure cannot hold a list']);
    expect(holding.find((d) => d.message === 'a figure cannot hold a note definition')?.hint).toContain('move the definition after the figure’s closing fence');
  });

  it('directive-unknown: a block directive quoted as written, a description outside a figure told where it belongs', () => {
    expect(only(read({ 'en.md': 'Intro.\n\n::::note\nText.\n::::\n' }), 'directive-unknown')).toEqual([
      'en.md:3:1: error: unknown block directive "::::note"; known block directives: :::figure (or :::table), and :::description inside a figure [directive-unknown]',
    ]);
    expect(only(read({ 'en.md': 'Intro.\n\n:::description\nText.\n:::\n' }), 'directive-unknown')).toEqual([
      'en.md:3:1: error: ":::description" stands outside a figure, where it means nothing; put it inside the figure it describes, whose fence is then one colon longer: ::::figure … :::description … ::: :::: [directive-unknown]',
    ]);
  });
});

describe('citation-in-note-prose', () => {
  const en = (note: string) => read({ 'ja.md': '本文[^a]。\n\n[^a]: 注[@nikkei]。\n', 'en.md': `Text.[^a]\n\n[^a]: ${note}\n`, 'references.yaml': refs });
  it('warns about a citation run into a note’s sentence after a word, at the citation', () => {
    const found = only(en('Engineers kept installing lead for its low cost [@nikkei].'), 'citation-in-note-prose');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^en\.md:3:55: warning: this citation follows "cost" in the note's sentence and prints as part of it/);
  });
  it('warns after a number or a section sign too (a statute’s section, a year)', () => {
    const found = only(en('The Court applied 47 U.S.C. § 253 [@nikkei, p. 140].'), 'citation-in-note-prose');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^en\.md:3:41: warning: this citation follows "§ 253" in the note's sentence and prints as part of it \("§ 253 /);
    expect(only(en('The rule was changed in 2019 [@nikkei].'), 'citation-in-note-prose')[0]).toMatch(/follows "2019"/);
    // A bare "again" is no signal (see again is).
    expect(only(en('The price rose again [@nikkei] in 2021.'), 'citation-in-note-prose')).toHaveLength(1);
  });
  it('says nothing for a citation alone, in parentheses, after a signal or a full stop, or named in the sentence', () => {
    for (const note of [
      '[@nikkei].',
      'See [@nikkei].',
      'See again [@nikkei].',
      'The figure is older, citing [@nikkei].',
      'As reported in [@nikkei].',
      'Low cost ([@nikkei]).',
      'It was cheap. [@nikkei]',
      'As @nikkei [p. 3] reports.',
    ])
      expect(only(en(note), 'citation-in-note-prose'), note).toEqual([]);
    // Nor in a Japanese note, which runs citations into its sentences as written.
    expect(only(read({ 'ja.md': '本文[^a]。\n\n[^a]: 低費用とされる[@nikkei]。\n', 'references.yaml': refs }), 'citation-in-note-prose')).toEqual([]);
  });
});
