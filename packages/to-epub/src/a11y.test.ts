/**
 * Accessibility of the EPUB: page-break markers at their offsets, the page
 * list and its metadata, English runs in Japanese text, row headers, a
 * figure's alternative text and long description.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Block, DocumentModel, Inline, PrintPage } from '@brief/document-model';
import { reportTemplate } from '@brief/templates';
import { renderEpub } from './index.js';
import { latinRuns } from './inlines.js';
import { text as textNode, xhtml } from './markup.js';
import { withPageMarks } from './pages.js';
import { rowHeaderSpans, walkBlocks } from '@brief/document-model';
import { x } from 'xastscript';

const t = (value: string): Inline => ({ kind: 'text', value });
const para = (...children: Inline[]): Block => ({ kind: 'paragraph', children });

function model(lang: 'ja' | 'en'): DocumentModel {
  const dir = mkdtempSync(join(tmpdir(), 'epub-a11y-'));
  const svg = join(dir, 'f.svg');
  writeFileSync(svg, '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
  const body: Block[] = [
    { kind: 'heading', level: 1, id: 'sec-a', number: '1.', label: '1. ', refLabel: '1.', children: [t('はじめに')] },
    para(t('日米はWTOの場で'), { kind: 'noteRef', noteId: 'n1', number: 1 }, t('協議した。')),
    { kind: 'blockquote', children: [para(t('引用の本文'))] },
    {
      kind: 'figure',
      id: 'fig-a',
      number: 1,
      label: '図表1',
      caption: [t('概要')],
      alt: '矢印で結ばれた三つの箱',
      description: [para(t('左から右へ、調査、協議、合意。'))],
      sourceNote: [t('内閣府資料')],
      remarks: [[t('（注）矢印は手続の順。')]],
      body: { kind: 'image', image: { path: svg, src: 'f.svg', mediaType: 'image/svg+xml', alt: '', width: 10, height: 10 } },
    },
    {
      kind: 'figure',
      id: 'fig-b',
      number: 2,
      label: '図表2',
      caption: [t('表')],
      body: {
        kind: 'table',
        table: {
          align: [null, null],
          header: { cells: [{ children: [t('区分')] }, { children: [t('内容')] }] },
          rows: [
            { cells: [{ children: [t('関税')] }, { children: [t('15%')] }] },
            { cells: [{ children: [] }, { children: [t('無税')] }] },
            { cells: [{ children: [t('投資')] }, { children: [t('5,500億ドル')] }] },
          ],
          rowHeaderColumns: 1,
        },
      },
    },
  ];
  return {
    kind: 'document',
    sourceDir: dir,
    meta: {
      id: 'a11y',
      lang,
      languages: ['ja', 'en'],
      title: '試験',
      authors: [{ name: '著者' }],
      published: '2026-03-16',
      notices: [],
      url: 'https://example.org/report.pdf',
      series: { title: '立法と調査', issue: 482, firstPage: 45, lastPage: 59 },
    },
    body,
    notes: [{ id: 'n1', number: 1, chapterId: 'sec-a', children: [para(t('注。'))], generated: false }],
  };
}

async function files(doc: DocumentModel, printPages?: PrintPage[]): Promise<Record<string, string>> {
  const zip = unzipSync(await renderEpub(doc, reportTemplate, printPages ? { printPages } : {}));
  return Object.fromEntries(Object.entries(zip).map(([k, v]) => [k, strFromU8(v)]));
}

describe('page-break markers', () => {
  it('splits text at the offset, leaves note marks and the word joiner uncounted, puts offset 0 first and a late one last', () => {
    const fragment = [textNode('ab'), x('em', 'cd'), textNode('\u2060'), x('a', { role: 'doc-noteref' }, [x('sup', '1')]), textNode('ef')];
    const mark = (label: string, offset: number) => ({ label, id: `page-${label}`, offset, file: 'c.xhtml' });
    const out = xhtml(x(null, [x('p', withPageMarks(fragment, [mark('1', 0), mark('2', 3), mark('3', 4), mark('4', 99)]))]));
    const span = (n: string) => `<span role="doc-pagebreak" epub:type="pagebreak" id="page-${n}" aria-label="${n}"></span>`;
    expect(out).toBe(`<p>${span('1')}ab<em>c${span('2')}d</em>\u2060<a role="doc-noteref"><sup>1</sup></a>${span('3')}ef${span('4')}</p>`);
  });

  it('marks a page that begins at a later row of a table in that row, not before the table', async () => {
    const doc = model('ja');
    let table = -1;
    let k = 0;
    walkBlocks(doc.body, (block) => {
      if (block.kind === 'figure' && block.id === 'fig-b') table = k;
      k++;
    });
    const chapter = (
      await files(doc, [
        { label: '45', block: -1, offset: 0 },
        { label: '46', block: table, offset: 0, row: 2 },
      ])
    )['EPUB/chapter-01.xhtml']!;
    // The third body row (投資): its row header holds the marker.
    expect(chapter).toMatch(/<tr><th scope="row"[^>]*><span role="doc-pagebreak" epub:type="pagebreak" id="page-46" aria-label="46"><\/span>投資<\/th>/);
    expect(chapter).not.toMatch(/id="page-46" aria-label="46"><\/span><figure/);
  });

  it('puts the marker of a page that begins with a heading before the heading, so its label is no part of the heading’s name', async () => {
    const chapter = (await files(model('en'), [{ label: '46', block: 0, offset: 0 }]))['EPUB/chapter-01.xhtml']!;
    expect(chapter).toContain('<span role="doc-pagebreak" epub:type="pagebreak" id="page-46" aria-label="46"></span><h1 id="sec-a"');
    expect(chapter).not.toMatch(/<h1[^>]*>(?:(?!<\/h1>).)*doc-pagebreak/s);
  });

  it('keeps the page list in reading order: a page that begins with a figure floated past the page before is marked where that page is', async () => {
    const doc = model('ja');
    // Page 48 begins with a figure (block 2) floated past the text page 47 begins with (block 4).
    const f = await files(doc, [
      { label: '46', block: 1, offset: 3 },
      { label: '47', block: 4, offset: 0 },
      { label: '48', block: 2, offset: 0 },
    ]);
    const chapter = f['EPUB/chapter-01.xhtml']!;
    const at = (n: string) => chapter.indexOf(`id="page-${n}"`);
    expect(at('46')).toBeGreaterThan(0);
    expect(at('46')).toBeLessThan(at('47'));
    expect(at('47')).toBeLessThan(at('48'));
    // 48 is marked where 47 is, right after it.
    expect(chapter).toContain('id="page-47" aria-label="47"></span><span role="doc-pagebreak" epub:type="pagebreak" id="page-48" aria-label="48"></span>');
  });

  it('sets a paragraph that continues a sentence past a display flush, by its class', async () => {
    const doc = model('en');
    doc.body = [
      { kind: 'paragraph', children: [{ kind: 'text', value: 'The run is launched with:' }] },
      { kind: 'codeBlock', value: 'run --now' },
      { kind: 'paragraph', continues: true, children: [{ kind: 'text', value: 'and the log is kept.' }] },
    ];
    const f = await files(doc);
    const xhtml = Object.entries(f).find(([name, xml]) => name.endsWith('.xhtml') && xml.includes('the log'))![1];
    expect(xhtml).toContain('<p class="continues">and the log is kept.</p>');
    expect(f['EPUB/styles/book.css']).toContain('p.continues { text-indent: 0; }');
  });

  it('names the print edition by its name when the report has no URL', async () => {
    const doc = model('ja');
    const { url: _url, ...meta } = doc.meta;
    const opf = (await files({ ...doc, meta }, [{ label: '45', block: 0, offset: 0 }]))['EPUB/package.opf']!;
    expect(opf).toContain('<dc:source id="print-source">試験（PDF版）</dc:source>');
  });

  it('writes markers, the page list (nav and NCX) and the print-edition metadata', async () => {
    const doc = model('ja');
    // Page 45 before the body, 46 inside the paragraph (after 日米は), 47 with the quotation, 48 with the figure.
    const pages: PrintPage[] = [
      { label: '45', block: -1, offset: 0 },
      { label: '46', block: 1, offset: 3 },
      { label: '47', block: 2, offset: 0 },
      { label: '48', block: 4, offset: 0 },
    ];
    const f = await files(doc, pages);
    for (const [name, xml] of Object.entries(f)) if (/\.(xhtml|opf|ncx)$/.test(name)) expect(XMLValidator.validate(xml), name).toBe(true);
    const chapter = f['EPUB/chapter-01.xhtml']!;
    expect(chapter).toContain('<p>日米は<span lang="en" xml:lang="en"><span role="doc-pagebreak" epub:type="pagebreak" id="page-46" aria-label="46"></span>WTO</span>の場で');
    expect(chapter).toMatch(/id="page-47" aria-label="47"><\/span><blockquote>/);
    expect(chapter).toMatch(/id="page-48" aria-label="48"><\/span><figure id="fig-a"/);
    expect(f['EPUB/title.xhtml']).toContain('id="page-45"');
    const nav = f['EPUB/nav.xhtml']!;
    expect(nav).toContain('<nav epub:type="page-list" id="page-list" role="doc-pagelist"');
    expect(nav).toContain('<h2 id="page-list-title">ページ一覧</h2>');
    expect([...nav.matchAll(/<li><a href="([^"]+)">(\d+)<\/a><\/li>/g)].map((m) => `${m[2]} ${m[1]}`)).toEqual([
      '45 title.xhtml#page-45',
      '46 chapter-01.xhtml#page-46',
      '47 chapter-01.xhtml#page-47',
      '48 chapter-01.xhtml#page-48',
    ]);
    const ncx = f['EPUB/toc.ncx']!;
    expect(ncx).toContain('<meta name="dtb:totalPageCount" content="4"/>');
    expect(ncx).toContain('<meta name="dtb:maxPageNumber" content="48"/>');
    expect(ncx.match(/<pageTarget /g)).toHaveLength(4);
    expect(ncx).toContain('<content src="chapter-01.xhtml#page-46"/>');
    const opf = f['EPUB/package.opf']!;
    expect(opf).toContain('<dc:source id="print-source">https://example.org/report.pdf</dc:source>');
    expect(opf).toContain('<meta refines="#print-source" property="source-of">pagination</meta>');
    expect(opf).toContain('<meta property="schema:accessibilityFeature">pageNavigation</meta>');
    expect(opf).toContain('<meta property="schema:accessibilityFeature">pageBreakMarkers</meta>');
    expect(opf).toContain('<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>');
  });

  it('names its own PDF edition as the source of a translation’s pages, not the URL of the printed original', async () => {
    const opf = (await files(model('en'), [{ label: '45', block: -1, offset: 0 }]))['EPUB/package.opf']!;
    expect(opf).not.toContain('https://example.org/report.pdf</dc:source>');
    expect(opf).toMatch(/<dc:source id="print-source">[^<]*PDF[^<]*<\/dc:source>/);
  });

  it('writes no page list, markers or pageBreakSource without print pages', async () => {
    const f = await files(model('ja'));
    expect(Object.values(f).join('')).not.toContain('doc-pagebreak');
    expect(f['EPUB/nav.xhtml']).not.toContain('page-list');
    expect(f['EPUB/toc.ncx']).not.toContain('pageList');
    expect(f['EPUB/package.opf']).not.toContain('dc:source');
    expect(f['EPUB/package.opf']).not.toContain('source-of');
    expect(f['EPUB/package.opf']).not.toContain('pageNavigation');
    expect(f['EPUB/package.opf']).toContain('<meta property="schema:accessibilityFeature">tableOfContents</meta>');
    expect(f['EPUB/package.opf']).toContain('<meta property="schema:accessibilityFeature">alternativeText</meta>');
    expect(f['EPUB/package.opf']).toContain('<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>');
  });
});

describe('figures and tables', () => {
  it("writes the figure's alternative text and its long description: its text as the description, the disclosure widget as details", async () => {
    const chapter = (await files(model('ja')))['EPUB/chapter-01.xhtml']!;
    expect(chapter).toContain('alt="矢印で結ばれた三つの箱" aria-describedby="fig-a-description-text" aria-details="fig-a-description"');
    // Browsers give a closed disclosure's summary alone as a description: the description is its text, hidden.
    expect(chapter).toContain('<div hidden="hidden" id="fig-a-description-text">左から右へ、調査、協議、合意。</div>');
    expect(chapter).toMatch(/<details class="figure-description" id="fig-a-description">\s*<summary>図表の説明<\/summary>\s*<p>左から右へ、調査、協議、合意。<\/p>/);
    // The source line stays with the image it names; the description, closed, comes after it.
    expect(chapter.indexOf('class="figure-source"')).toBeGreaterThan(chapter.indexOf('<img'));
    expect(chapter.indexOf('class="figure-source"')).toBeLessThan(chapter.indexOf('<details'));
    // A note on the figure comes between the image and its source line.
    expect(chapter).toMatch(/<img[^>]*\/>\s*<\/div>\s*<p class="figure-note">（注）矢印は手続の順。<\/p>\s*<p class="figure-source">/);
  });

  it('writes row headers, a blank cell of the column continuing the header above', async () => {
    const chapter = (await files(model('ja')))['EPUB/chapter-01.xhtml']!;
    // Short Japanese cells are kept whole (class `whole`: not broken between their characters).
    expect(chapter).toContain('<tr><th scope="row" rowspan="2" class="whole">関税</th><td>15%</td></tr>');
    // Japanese column heads are centred (表頭).
    expect(chapter).toContain('<th scope="col" class="align-center whole">区分</th>');
    expect(chapter).toContain('<tr><td class="whole">無税</td></tr>');
    expect(chapter).toContain('<tr><th scope="row" class="whole">投資</th><td class="whole">5,500億ドル</td></tr>');
    expect(rowHeaderSpans({ align: [], header: { cells: [] }, rows: [{ cells: [{ children: [] }] }], rowHeaderColumns: 1 })).toEqual([[1]]);
  });
});

describe('English in Japanese text', () => {
  it('marks runs of Latin-script words, not digits, symbols, single letters or addresses', () => {
    const marked = (s: string) =>
      latinRuns(s)
        .filter((r) => r.latin)
        .map((r) => r.text);
    expect(marked('日米はWTOとGATT（関税）で')).toEqual(['WTO', 'GATT']);
    expect(marked('「National Security Strategy」を公表')).toEqual(['National Security Strategy']);
    expect(marked('(a) 約900億円、10%、G7')).toEqual([]);
    expect(marked('https://www.example.org/a を参照')).toEqual([]);
    expect(marked('research@example.org')).toEqual([]);
  });

  it('leaves the English edition to its Japanese runs', async () => {
    const chapter = (await files(model('en')))['EPUB/chapter-01.xhtml']!;
    expect(chapter).not.toContain('lang="en"><');
    expect(chapter).toContain('<span lang="ja" xml:lang="ja">');
  });
});
