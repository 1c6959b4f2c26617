import { describe, expect, it } from 'vitest';
import { languageStyle, policyBriefTemplate, reportTemplate } from '@brief/templates';
import { toXml } from '@brief/svg';
import type { Metadata } from '@brief/document-model';
import { x } from 'xastscript';
import { cjkRuns, textNodes, type Ctx } from './inlines.js';
import { contrast, coverColors, coverSvg } from './cover.js';
import { fontStack, stylesheet } from './style.js';
import { embeddedFonts, fontFaceRules, textByFace } from './fonts.js';
import { uuidV5 } from './identifier.js';
import { unsafeSvg } from './figures.js';
import { modifiedStamp } from './package.js';
import { fillXhtml, xhtml, xhtmlTree } from './markup.js';
import { entryTime } from './zip.js';

const links = { fileOf: new Map(), noteFile: new Map(), markId: new Map(), firstMark: new Map(), imageHref: new Map() };
const ctx = (lang: string): Ctx => ({ style: languageStyle(reportTemplate, lang), links, file: 'a.xhtml', lang, inLink: false });

describe('xhtml trees', () => {
  it('fills a pattern with XHTML values and escapes its literal parts', () => {
    expect(toXml(fillXhtml('{label} & {caption}', { label: [x('b', '1')], caption: [{ type: 'text', value: 'x' }] }))).toBe('<b>1</b> &amp; x');
    expect(toXml(fillXhtml('（出所）{text}', { text: [{ type: 'text', value: 'A' }] }))).toBe('（出所）A');
    expect(toXml(fillXhtml('{unknown}', {}))).toBe('{unknown}');
  });

  it('writes a content document as XHTML: void elements closed, others open and closed, text and attributes escaped', () => {
    const tree = xhtmlTree({ lang: 'en', title: 'A & B', css: ['book.css'], body: [x('p', { title: 'say "hi"' }, 'x < y', x('br')), '\n', x('td')], bodyType: 'bodymatter' });
    expect(xhtml(tree)).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n' +
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en" xml:lang="en">\n' +
        '<head>\n<meta charset="UTF-8"/>\n<title>A &amp; B</title>\n<link rel="stylesheet" type="text/css" href="book.css"/>\n</head>\n' +
        '<body epub:type="bodymatter">\n<p title="say &quot;hi&quot;">x &lt; y<br/></p>\n<td></td></body>\n</html>\n',
    );
  });
});

describe('identifier', () => {
  it('makes RFC 9562 version-5 UUIDs', () => {
    // The DNS-namespace example of RFC 9562, appendix A.4.
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });
});

describe('dates', () => {
  it('gives dcterms:modified as CCYY-MM-DDThh:mm:ssZ', () => {
    expect(modifiedStamp('2026-03-16')).toBe('2026-03-16T00:00:00Z');
    expect(modifiedStamp('2026-03')).toBe('2026-03-01T00:00:00Z');
  });

  it('gives zip times from local fields, whatever the time zone', () => {
    const d = entryTime('2026-03-16');
    expect([d.getFullYear(), d.getMonth(), d.getDate(), d.getHours()]).toEqual([2026, 2, 16, 0]);
    expect(entryTime('1970-01-01').getFullYear()).toBe(1980);
  });
});

describe('Japanese runs', () => {
  it('splits text into CJK and other runs, keeping spaces between CJK characters inside', () => {
    expect(cjkRuns('Prime Minister 石破 茂 said')).toEqual([
      { text: 'Prime Minister ', cjk: false },
      { text: '石破 茂', cjk: true },
      { text: ' said', cjk: false },
    ]);
  });

  it('marks Japanese runs lang="ja" in an English edition, English runs lang="en" in a Japanese one', () => {
    expect(toXml(textNodes('the 日本経済新聞 daily', ctx('en')))).toBe('the <span lang="ja" xml:lang="ja">日本経済新聞</span> daily');
    expect(toXml(textNodes('日本経済新聞 and Nikkei', ctx('ja')))).toBe('日本経済新聞 <span lang="en" xml:lang="en">and Nikkei</span>');
    // A variation selector stays in the run of the kanji it selects a form of.
    expect(toXml(textNodes('in 葛\u{E0100}飾区 ward', ctx('en')))).toBe('in <span lang="ja" xml:lang="ja">葛\u{E0100}飾区</span> ward');
  });

  it('keeps dashes in a row on one line', () => {
    expect(toXml(textNodes('秘密――重要 Act——', ctx('ja')))).toBe('秘密<span class="dashes">――</span>重要 <span lang="en" xml:lang="en">Act</span><span class="dashes">——</span>');
    expect(toXml(textNodes('一つ―だけ', ctx('ja')))).toBe('一つ―だけ');
  });
});

describe('cover colours', () => {
  it('measures contrast as WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#0b5394', '#0b5394')).toBe(1);
  });

  it('keeps the title block above the foot however many authors, and draws no band without a series line', () => {
    const style = languageStyle(policyBriefTemplate, 'en');
    const author = (name: string) => ({ name, affiliation: 'Legislative Research Service, Commonwealth Policy Institute' });
    const meta = {
      id: 'cover',
      lang: 'en',
      languages: ['en'],
      title: 'Consent After Carpenter: An Analysis of Senate Bill 2608, the Massachusetts Data Privacy Act',
      subtitle: 'Bill Analysis for the Joint Committee on Advanced Information Technology, the Internet and Cybersecurity',
      authors: [author('Eleanor M. Whitcombe'), author('Daniel R. Okafor'), author('Priya Raman')],
      publisher: 'Commonwealth Policy Institute',
      published: '2026-03-02',
      notices: [],
    } as Metadata;
    const { svg } = coverSvg(meta, policyBriefTemplate, style);
    const baselines = [...svg.matchAll(/<text[^>]* y="([\d.]+)"[^>]*>([^<]*)</g)].map((m) => ({ y: Number(m[1]), text: m[2]! }));
    const lastAuthorLine = Math.max(...baselines.filter((b) => /Whitcombe|Okafor|Raman|Legislative/.test(b.text)).map((b) => b.y));
    const foot = baselines.find((b) => b.text.includes('Commonwealth Policy Institute') && !b.text.includes('Legislative'))!.y;
    expect(lastAuthorLine).toBeLessThan(foot - 60);
    // The policy brief shows no series line: no empty band across the top.
    expect(svg).not.toMatch(/<rect x="0" y="0" width="\d+" height="\d+" fill="#ffffff"/);
  });

  it('keeps the band, its text and the rules visible whatever the template colours', () => {
    // Report: accent band on a light cover, its text in the cover colour.
    expect(coverColors(reportTemplate.colors)).toEqual({ band: '#1f3a5f', bandText: '#f4f1ea', rule: '#1f3a5f' });
    // Policy brief: the cover is in the accent colour, so the band and rules take the text colour.
    expect(coverColors(policyBriefTemplate.colors)).toEqual({ band: '#ffffff', bandText: '#0b5394', rule: '#ffffff' });
  });
});

describe('style sheet', () => {
  it('sets rules, cell padding and list bullets from the template', () => {
    const ja = stylesheet({ template: reportTemplate, style: languageStyle(reportTemplate, 'ja') });
    expect(ja).toContain('th, td { border: 0.5pt solid #555555; padding: 0.2857em;');
    expect(ja).toContain('ul { list-style-type: "・"; }');
    const en = stylesheet({ template: reportTemplate, style: languageStyle(reportTemplate, 'en') });
    expect(en).toContain('ul { list-style-type: "• "; }');
    // Lists inside list items.
    expect(en).toContain('ul ul, ol ul { list-style-type: "– "; }');
    expect(en).toContain('ul ol, ol ol { list-style-type: lower-alpha; }');
    expect(ja).toContain('ul ul, ol ul { list-style-type: "・"; }');
  });

  it('sets emphasis as the PDF does: upright in the heading faces where the body face has no italics', () => {
    const ja = stylesheet({ template: reportTemplate, style: languageStyle(reportTemplate, 'ja') });
    expect(ja).toContain('em { font-style: normal; font-family: "Noto Sans JP"');
    // A citation's italics (a foreign work's title) stay italic, in the first Latin face of the stack that has them.
    expect(ja).toContain('.citation em { font-style: italic; font-family: "Noto Serif", ');
    // So do Latin words in emphasis elsewhere (their runs carry lang="en"); nested numbered items are ア イ.
    expect(ja).toContain('em [lang]:not([lang|="ja"]) { font-style: italic; font-family: "Noto Serif", ');
    expect(ja).toContain('ul ol, ol ol { list-style-type: katakana-aiueo; }');
    expect(ja).toContain('@counter-style katakana-aiueo { system: extends katakana; suffix: " "; }');
    const en = stylesheet({ template: reportTemplate, style: languageStyle(reportTemplate, 'en') });
    expect(en).not.toMatch(/^em \{/m);
    expect(en).not.toContain('.citation em');
  });

  it('leaves a paragraph after a figure indented unless a heading stands just before the figure (en)', () => {
    const en = stylesheet({ template: reportTemplate, style: languageStyle(reportTemplate, 'en') });
    expect(en).toContain('h2 + p, h2 + figure + p,');
    expect(en).not.toMatch(/(^|, )figure \+ p/m);
  });

  it('builds font stacks: the families of the role, its fallback families, a generic family', () => {
    // In English, signs the Latin face lacks come from the fallback families without Japanese before the full-width Japanese forms.
    expect(fontStack(reportTemplate.fonts.en!.body)).toBe('"Noto Serif", "Noto Sans", "Noto Sans Math", "Noto Sans Symbols 2", "Noto Serif JP", "Noto Sans JP", serif');
    expect(fontStack(reportTemplate.fonts.ja!.heading)).toBe('"Noto Sans JP", "Noto Sans", "Noto Serif JP", "Noto Sans Math", "Noto Sans Symbols 2", sans-serif');
  });

  it('takes indent, justification and line breaking from the template', () => {
    const ja = stylesheet({ template: reportTemplate, style: languageStyle(reportTemplate, 'ja') });
    expect(ja).toContain(`text-indent: ${reportTemplate.typography.ja!.firstLineIndentEm}em`);
    expect(ja).toContain('text-align: justify');
    expect(ja).toContain('line-break: strict');
    expect(ja).not.toContain(':lang(ja)');
    const en = stylesheet({ template: reportTemplate, style: languageStyle(reportTemplate, 'en') });
    expect(en).toContain(':lang(ja) { font-family: "Noto Serif JP"');
    expect(en).toContain('h1 + p');
  });
});

describe('figure images', () => {
  it('carries plain SVG and refuses scripts and outside references', () => {
    expect(unsafeSvg('<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url(#g)"/></svg>')).toBeUndefined();
    expect(unsafeSvg('<svg><script>alert(1)</script></svg>')).toBe('script');
    expect(unsafeSvg('<svg><rect onclick="x()"/></svg>')).toBe('eventHandler');
    expect(unsafeSvg('<svg><image href="https://example.org/a.png"/></svg>')).toBe('external');
    expect(unsafeSvg('<svg><image href="data:image/png;base64,AAAA"/></svg>')).toBe('external');
  });
});

describe('embedded fonts', () => {
  it('splits text by the face that sets it', () => {
    const page = x(null, [
      x('html', [
        x('head', [x('title', 'x')]),
        x('body', [
          x('h1', { id: 'a' }, [x('span', { class: 'heading-number' }, '1.'), ' Title']),
          x('p', ['Body ', x('strong', ['bold', x('em', 'both')]), ' ', x('em', 'it'), ' & more']),
          x('h2', ['A ', x('em', 'Grid'), ' head']),
          x('aside', [x('p', [x('a', { class: 'note-number', href: '#x' }, '12'), ' note'])]),
          x('pre', [x('code', 'x = 1')]),
        ]),
      ]),
    ]);
    const t = textByFace([page]);
    expect(t.heading).toBe('1. TitleA Grid head');
    expect(t.bold).toBe('boldboth12');
    expect(t.italic).toBe('bothitGrid');
    expect(t.boldItalic).toBe('both');
    expect(t.headingItalic).toBe('Grid');
    expect(t.code).toBe('x = 1');
    expect(t.all).toContain('Body boldboth it & more');
  });

  it('subsets each face to its characters and declares it under its family name', async () => {
    const style = languageStyle(reportTemplate, 'en');
    const fonts = await embeddedFonts(style, { all: 'Abc 日本 x = 1', heading: 'Title', bold: '12', italic: 'it', code: 'x = 1' });
    const names = fonts.map((f) => f.href);
    expect(names).toEqual(expect.arrayContaining(['fonts/NotoSerif-Regular.ttf', 'fonts/NotoSerifJP-Regular.ttf', 'fonts/NotoSans-Bold.ttf', 'fonts/NotoSansMono-Regular.ttf']));
    for (const f of fonts) expect(f.bytes.length).toBeLessThan(60_000);
    // Emphasis in a heading is set in the heading face's own bold italic.
    const italicHead = await embeddedFonts(style, { all: 'Abc', heading: 'Title', bold: '', italic: 'Grid', code: '', headingItalic: 'Grid' });
    expect(italicHead.map((f) => f.href)).toContain('fonts/NotoSans-BoldItalic.ttf');
    expect(fontFaceRules(fonts)).toContain('@font-face { font-family: "Noto Serif JP"; font-weight: normal; font-style: normal; src: url("../fonts/NotoSerifJP-Regular.ttf")');
  });

  it('sets Japanese emphasis in the heading face’s regular weight', async () => {
    const fonts = await embeddedFonts(languageStyle(reportTemplate, 'ja'), { all: '本文と交通権', heading: '見出し', bold: '', italic: '交通権', code: '' });
    expect(fonts.map((f) => f.href)).toEqual(expect.arrayContaining(['fonts/NotoSansJP-Regular.ttf', 'fonts/NotoSansJP-Bold.ttf']));
  });

  it('embeds no face for characters it lacks: the reading system finds a font for them', async () => {
    const style = languageStyle(reportTemplate, 'ja');
    const fonts = await embeddedFonts(style, { all: '日本と한국', heading: '', bold: '', italic: '', code: '' });
    expect(fonts.map((f) => f.href)).toEqual(['fonts/NotoSerifJP-Regular.ttf']);
  });
});
