import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import type { Block, DocumentModel, Inline, Note } from '@brief/document-model';
import { languageStyle, mergeTemplate, policyBriefTemplate, reportTemplate, type Template } from '@brief/templates';
import { bookmarkNames, finishSettings, horizontalMargins, renderDocx, runningHead } from './index.js';
import { columnWidths, faceMeasure } from './tables.js';
import { balancedLines } from './title.js';
import { bookmarkName, latinLocale, twips, wordLocale } from './units.js';
import { indentsPt } from './style.js';
import { hyphenatorFor } from '@brief/fonts';

const t = (value: string): Inline => ({ kind: 'text', value });

let svgPath = '';

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'docx-unit-'));
  svgPath = join(dir, 'f.svg');
  writeFileSync(
    svgPath,
    '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">' +
      '<rect width="200" height="100" fill="#eef"/><text x="10" y="50" font-family="Noto Sans JP" font-size="20">図の文字</text></svg>',
  );
});

function model(lang: 'ja' | 'en'): DocumentModel {
  const notes: Note[] = [
    { id: 'a', number: 1, generated: false, children: [{ kind: 'paragraph', children: [t('注の本文'), { kind: 'link', url: 'https://example.org/a', children: [t('link')] }] }] },
    {
      id: 'b',
      number: 2,
      generated: true,
      children: [
        { kind: 'paragraph', children: [{ kind: 'citation', items: [{ key: 'k' }], ibid: false, rendered: [{ kind: 'emphasis', children: [t('Nikkei')] }, t(', 2025.')] }] },
        { kind: 'paragraph', children: [t('second paragraph')] },
      ],
    },
    { id: 'c', number: 3, generated: false, children: [{ kind: 'paragraph', children: [{ kind: 'link', url: 'https://example.org/c', children: [t('another')] }] }] },
  ];
  const body: Block[] = [
    { kind: 'heading', level: 1, id: 'sec-intro', number: '1.', label: '1. ', refLabel: '1.', children: [t(lang === 'ja' ? 'はじめに' : 'Introduction')] },
    {
      kind: 'paragraph',
      children: [
        t(lang === 'ja' ? '本文です' : 'Body text with 日本語 inside'),
        { kind: 'noteRef', noteId: 'a', number: 1 },
        t(' and '),
        { kind: 'strong', children: [t('strong')] },
        { kind: 'noteRef', noteId: 'b', number: 2 },
        { kind: 'crossRef', targetId: 'fig-x', targetKind: 'figure', text: lang === 'ja' ? '図表1' : 'Figure 1' },
        { kind: 'noteRef', noteId: 'a', number: 1 },
        { kind: 'link', url: 'https://example.org/body', children: [t('a link')] },
      ],
    },
    { kind: 'heading', level: 2, id: 'sec-1-1', number: lang === 'ja' ? '（1）' : '1.1', label: lang === 'ja' ? '（1）' : '1.1 ', refLabel: '', children: [t('Sub')] },
    {
      kind: 'figure',
      id: 'fig-x',
      number: 1,
      label: lang === 'ja' ? '図表1' : 'Figure 1',
      caption: [t('Caption')],
      sourceNote: [t('Source text')],
      body: { kind: 'image', image: { path: svgPath, src: 'figures/f.svg', mediaType: 'image/svg+xml', alt: 'alt', width: 200, height: 100 } },
    },
    {
      kind: 'figure',
      id: 'tab-y',
      number: 2,
      label: lang === 'ja' ? '図表2' : 'Figure 2',
      caption: [t('Table caption')],
      body: {
        kind: 'table',
        table: {
          align: [null, 'right'],
          header: { cells: [{ children: [t('H1')] }, { children: [t('H2')] }] },
          rows: [{ cells: [{ children: [t('a')] }, { children: [t('1'), { kind: 'noteRef', noteId: 'c', number: 3 }] }] }],
        },
      },
    },
    { kind: 'list', ordered: true, start: 3, items: [[{ kind: 'paragraph', children: [t('item')] }]] },
    { kind: 'blockquote', children: [{ kind: 'paragraph', children: [t('quoted')] }] },
    { kind: 'codeBlock', value: 'line 1\n\tline 2' },
    { kind: 'thematicBreak' },
  ];
  return {
    kind: 'document',
    meta: {
      id: 'unit',
      lang,
      languages: ['ja', 'en'],
      title: lang === 'ja' ? '試験報告' : 'Test report',
      authors: [{ name: 'Author', affiliation: 'Office' }],
      series: { title: lang === 'ja' ? '立法と調査' : 'Legislation and Research', issue: 482, firstPage: 45, lastPage: 59 },
      published: '2026-03-16',
      notices: ['Notice one'],
    },
    sourceDir: '/nonexistent',
    body,
    notes,
  };
}

function parts(bytes: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, data] of Object.entries(unzipSync(bytes))) if (/\.(xml|rels)$/.test(name)) out[name] = strFromU8(data);
  return out;
}

describe('renderDocx', () => {
  it('sets a note holding a long URL flush left (Word breaks no URL), the others justified', async () => {
    const doc = model('en');
    const url = 'https://www.example.gov/statistics/housing/2026/tables/completions-by-city-and-tenure.xlsx';
    doc.body = [{ kind: 'paragraph', children: [t('One'), { kind: 'noteRef', noteId: 'u', number: 1 }, t(' two'), { kind: 'noteRef', noteId: 'v', number: 2 }, t('.')] }];
    doc.notes = [
      { id: 'u', number: 1, generated: false, children: [{ kind: 'paragraph', children: [t('Statistics Office, Completions, 2026, '), { kind: 'link', url, children: [t(url)] }, t('.')] }] },
      { id: 'v', number: 2, generated: false, children: [{ kind: 'paragraph', children: [t('A note of words alone.')] }] },
    ];
    const notes = parts(await renderDocx(doc, reportTemplate))['word/footnotes.xml']!;
    const footnote = /<w:footnote w:id="(\d+)"[^>]*>([\s\S]*?)<\/w:footnote>/g;
    const bodies = [...notes.matchAll(footnote)].map((m) => m[2]!).filter((b) => b.includes('<w:t'));
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toContain('<w:jc w:val="left"/>');
    expect(bodies[1]).not.toContain('<w:jc ');
  });

  it('sets a paragraph holding a long identifier flush left (Word breaks it nowhere), not one of Japanese or hyphenated words', async () => {
    const doc = model('en');
    const identifier = 'supercalifragilisticexpialidociouslylongcompoundidentifier_for_cluster_study';
    doc.body = [
      { kind: 'paragraph', children: [t(`Filings name the ${identifier} in their tables.`)] },
      { kind: 'paragraph', children: [t('A state-of-the-art-and-well-understood-and-widely-used-method of words and hyphens.')] },
      { kind: 'paragraph', children: [t('日米両政府は相互関税の引き下げと対米投資の枠組みについて合意し、その内容を共同声明として公表したが、詳細は今後の協議に委ねられた。')] },
    ];
    const xml = parts(await renderDocx(doc, reportTemplate))['word/document.xml']!;
    const paragraph = (text: string) => [...xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>|<w:p [^>]*>([\s\S]*?)<\/w:p>/g)].map((m) => m[0]).find((p) => p.includes(text))!;
    expect(paragraph('Filings name')).toContain('<w:jc w:val="left"/>');
    expect(paragraph('state-of-the-art')).not.toContain('<w:jc ');
    expect(paragraph('日米両政府')).not.toContain('<w:jc ');
  });

  it('sets a paragraph that continues a sentence past a display flush (First Paragraph), the next one indented', async () => {
    const doc = model('en');
    doc.body = [
      { kind: 'paragraph', children: [t('The run is launched with:')] },
      { kind: 'codeBlock', value: 'run --now' },
      { kind: 'paragraph', continues: true, children: [t('and the log is kept.')] },
      { kind: 'paragraph', children: [t('A new paragraph.')] },
    ];
    const xml = parts(await renderDocx(doc, reportTemplate))['word/document.xml']!;
    const paragraph = (text: string) => [...xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>|<w:p [^>]*>([\s\S]*?)<\/w:p>/g)].map((m) => m[0]).find((p) => p.includes(text))!;
    expect(paragraph('and the log')).toContain('<w:pStyle w:val="FirstParagraph"/>');
    expect(paragraph('A new paragraph')).not.toContain('FirstParagraph');
  });

  it('sets Japanese emphasis upright in the heading face and Latin emphasis in italics in a Latin face that has them', async () => {
    const doc = model('ja');
    doc.body = [{ kind: 'paragraph', children: [t('前文'), { kind: 'emphasis', children: [t('地域の足 Human Transit')] }, t('後文')] }];
    const files = parts(await renderDocx(doc, reportTemplate));
    const xml = files['word/document.xml']!;
    const run = (text: string) => [...xml.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((m) => m[1]!).find((r) => r.includes(text))!;
    expect(run('地域の足')).toMatch(/<w:rStyle w:val="Emphasis"\/>/);
    expect(run('地域の足')).toMatch(/<w:rFonts [^>]*w:eastAsia="Noto Sans JP"/);
    expect(run('地域の足')).toMatch(/<w:i w:val="false"\/>/);
    expect(run('Human Transit')).toMatch(/<w:rFonts [^>]*w:ascii="Noto Serif"/);
    expect(run('Human Transit')).not.toMatch(/<w:i w:val="false"\/>/);
    // The Latin face is in the font table (and so embedded).
    expect(files['word/fontTable.xml']).toContain('w:name="Noto Serif"');
  });

  it('aligns a column’s heading as its cells', async () => {
    const doc = model('en');
    doc.body = [
      {
        kind: 'table',
        table: { align: [null, 'right'], header: { cells: [{ children: [t('City')] }, { children: [t('Rent')] }] }, rows: [{ cells: [{ children: [t('Denver')] }, { children: [t('1,250')] }] }] },
      },
    ];
    const xml = parts(await renderDocx(doc, reportTemplate))['word/document.xml']!;
    expect(xml).toMatch(/<w:pStyle w:val="TableHeading"\/>(?:<w:keepNext\/>)?<w:jc w:val="left"\/>[\s\S]*?City/);
    expect(xml).toMatch(/<w:pStyle w:val="TableHeading"\/>(?:<w:keepNext\/>)?<w:jc w:val="right"\/>[\s\S]*?Rent/);
    // Japanese column heads are centred (表頭), whatever their column's alignment.
    const ja = model('ja');
    ja.body = doc.body;
    const jaXml = parts(await renderDocx(ja, reportTemplate))['word/document.xml']!;
    expect([...jaXml.matchAll(/<w:pStyle w:val="TableHeading"\/>(?:<w:keepNext\/>)?<w:jc w:val="(\w+)"\/>/g)].map((m) => m[1])).toEqual(['center', 'center']);
  });

  it('sets the notes under a figure in its source line’s style, before the source line', async () => {
    const doc = model('ja');
    const fig = doc.body.find((b) => b.kind === 'figure' && b.body.kind === 'table');
    if (fig?.kind !== 'figure') throw new Error('no table figure');
    fig.remarks = [[t('（注1）当初予算額。')], [t('（注2）△はマイナス。')]];
    fig.sourceNote = [t('Ａ市資料')];
    const xml = parts(await renderDocx(doc, reportTemplate))['word/document.xml']!;
    expect(xml).toMatch(
      /<\/w:tbl><w:p><w:pPr><w:pStyle w:val="FigureSource"\/>[\s\S]*?（注1）当初予算額。[\s\S]*?<w:pStyle w:val="FigureSource"\/>[\s\S]*?（注2）△はマイナス。[\s\S]*?<w:pStyle w:val="FigureSource"\/>[\s\S]*?Ａ市資料/,
    );
  });

  it('indents code in a list item from the item’s text', async () => {
    const doc = model('en');
    doc.body = [
      {
        kind: 'list',
        ordered: false,
        start: 1,
        items: [
          [
            { kind: 'paragraph', children: [t('Item.')] },
            { kind: 'codeBlock', value: 'x = 1\n    y = 2\n\nz' },
          ],
        ],
      },
    ];
    const xml = parts(await renderDocx(doc, reportTemplate))['word/document.xml']!;
    const { sizes, proportions } = reportTemplate;
    const left = Math.round(sizes.body * 20 * (proportions.indents.list + proportions.indents.code));
    // A paragraph a line: each starts at the code's indent, its wrapped part hanging at its own indentation and two characters more.
    const lines = [...xml.matchAll(/<w:pStyle w:val="SourceCode"\/>(?:<w:spacing[^>]*\/>)?<w:ind w:left="(\d+)"(?: w:hanging="(\d+)")?\/>/g)].map((m) => [
      Number(m[1]) - Number(m[2] ?? 0),
      Number(m[2] ?? 0),
    ]);
    expect(lines.map(([start]) => start)).toEqual([left, left, left, left]);
    const digit = lines[0]![1]! / 2;
    expect(lines.map(([, hang]) => hang)).toEqual([2 * digit, expect.closeTo(6 * digit, 0), 0, 2 * digit]);
    // The block's spacing before its first line and after its last only.
    expect(xml).toMatch(/<w:pStyle w:val="SourceCode"\/><w:spacing w:after="0"\/>[\s\S]*?x = 1/);
    expect(xml).toMatch(/<w:pStyle w:val="SourceCode"\/><w:spacing w:before="0"\/>[\s\S]*?>z</);
  });

  it('sets a quotation’s first paragraph flush, indents the later ones and sets its attribution flush right', async () => {
    const doc = model('en');
    doc.body = [
      {
        kind: 'blockquote',
        children: [
          { kind: 'paragraph', children: [t('First.')] },
          { kind: 'paragraph', children: [t('Second.')] },
          { kind: 'paragraph', attribution: true, children: [t('— A. Person')] },
        ],
      },
    ];
    const p = parts(await renderDocx(doc, reportTemplate));
    const styles = [...p['word/document.xml']!.matchAll(/<w:pStyle w:val="(Quote\w*)"\/>/g)].map((m) => m[1]);
    expect(styles).toEqual(['Quote', 'QuoteContinued', 'QuoteAttribution']);
    // The paragraph before the attribution, and only it, keeps with the next: the two share a page.
    const keeps = [...p['word/document.xml']!.matchAll(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<w:pStyle w:val="(Quote\w*)"\/>((?:(?!<\/w:pPr>)[\s\S])*)/g)].map((m) => [m[1], /<w:keepNext\/>/.test(m[2]!)]);
    expect(keeps).toEqual([
      ['Quote', false],
      ['QuoteContinued', true],
      ['QuoteAttribution', false],
    ]);
    // Each paragraph followed by another of the quotation has no space after it.
    const after = [...p['word/document.xml']!.matchAll(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<w:pStyle w:val="(Quote\w*)"\/>((?:(?!<\/w:pPr>)[\s\S])*)/g)].map((m) => [
      m[1],
      /<w:spacing w:after="0"\/>/.test(m[2]!),
    ]);
    expect(after).toEqual([
      ['Quote', true],
      ['QuoteContinued', true],
      ['QuoteAttribution', false],
    ]);
    expect(p['word/styles.xml']).toMatch(/w:styleId="QuoteAttribution"[\s\S]*?<w:jc w:val="right"\/>/);
    // No gap between a quotation's words and their attribution: no space after the one, none before the other.
    expect(p['word/styles.xml']).toMatch(/w:styleId="QuoteAttribution"(?:(?!<\/w:style>)[\s\S])*?<w:spacing w:before="0"\/>/);
    expect(p['word/styles.xml']).toMatch(/w:styleId="QuoteContinued"[\s\S]*?<w:ind [^>]*w:firstLine="[1-9]/);
  });

  it('sets a task list’s boxes as the bullets of an unordered list and after the number of an ordered one', async () => {
    const doc = model('en');
    const item = (value: string) => [{ kind: 'paragraph' as const, children: [t(value)] }];
    doc.body = [
      { kind: 'list', ordered: false, start: 1, items: [item('Done'), item('Open'), item('Plain')], checked: [true, false, null] },
      { kind: 'list', ordered: true, start: 1, items: [item('First')], checked: [false] },
    ];
    const p = parts(await renderDocx(doc, reportTemplate));
    const numbering = p['word/numbering.xml']!;
    // The numbering of each item's paragraph, by its text.
    const numIdOf = (text: string) => new RegExp(`<w:numId w:val="(\\d+)"/>(?:(?!</w:p>)[\\s\\S])*?<w:t(?: [^>]*)?>${text}</w:t>`).exec(p['word/document.xml']!)?.[1];
    const bulletOf = (numId: string | undefined) => {
      const abstract = new RegExp(`<w:num w:numId="${numId}"[^>]*>(?:(?!</w:num>)[\\s\\S])*?<w:abstractNumId w:val="(\\d+)"/>`).exec(numbering)?.[1];
      return new RegExp(`<w:abstractNum [^>]*w:abstractNumId="${abstract}"[^>]*>(?:(?!</w:abstractNum>)[\\s\\S])*?<w:lvlText w:val="([^"]*)"/>`).exec(numbering)?.[1];
    };
    expect(bulletOf(numIdOf('Done'))).toBe('☑');
    expect(bulletOf(numIdOf('Open'))).toBe('☐');
    expect(bulletOf(numIdOf('Plain'))).toBe('•');
    // In an ordered list the item keeps its number and its text starts with the box.
    expect(bulletOf(numIdOf('First'))).toBe('%1.');
    expect(p['word/document.xml']).toMatch(/<w:t xml:space="preserve">☐ <\/w:t>(?:(?!<\/w:p>)[\s\S])*?<w:t(?: [^>]*)?>First<\/w:t>/);
  });

  it('gives a list whose numbers run past 9 room for the widest, and a short list the style’s indents', async () => {
    const doc = model('en');
    const item = (value: string) => [{ kind: 'paragraph' as const, children: [t(value)] }];
    doc.body = [
      { kind: 'list', ordered: true, start: 8, items: [item('Eight'), item('Nine'), item('Ten'), item('Eleven')] },
      { kind: 'list', ordered: true, start: 1, items: [item('One'), item('Two')] },
    ];
    const xml = parts(await renderDocx(doc, reportTemplate))['word/document.xml']!;
    const indentOf = (text: string) => new RegExp(`<w:ind ([^>]*)/>(?:(?!</w:p>)[\\s\\S])*?<w:t(?: [^>]*)?>${text}</w:t>`).exec(xml)?.[1];
    const hanging = (text: string) => Number(/w:hanging="(\d+)"/.exec(indentOf(text) ?? '')?.[1]);
    // 10. and 11. set in 10.5 pt body text need more than the style's 1.5 em hanging (315 twips).
    expect(hanging('Eight')).toBeGreaterThan(315);
    expect(hanging('Eleven')).toBe(hanging('Eight'));
    // A list of one-digit numbers keeps the numbering's own indents.
    expect(indentOf('One')).toBeUndefined();
  });

  it('leaves a justified line that ends in a hard line break unstretched, as the PDF and the e-book set it', async () => {
    const doc = model('en');
    doc.body = [{ kind: 'paragraph', children: [t('A short line'), { kind: 'lineBreak' }, t('then the rest of the paragraph.')] }];
    const p = parts(await renderDocx(doc, reportTemplate));
    expect(p['word/document.xml']).toMatch(/<w:br\/>/);
    expect(p['word/settings.xml']).toMatch(/<w:compat>(?:(?!<\/w:compat>)[\s\S])*<w:doNotExpandShiftReturn\/>/);
  });

  it('is byte-identical across renders and time zones', async () => {
    const tz = process.env.TZ;
    try {
      process.env.TZ = 'Asia/Tokyo';
      const a = await renderDocx(model('en'), reportTemplate);
      process.env.TZ = 'America/Los_Angeles';
      const b = await renderDocx(model('en'), reportTemplate);
      expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('defines the Word styles from the template and uses them', async () => {
    const p = parts(await renderDocx(model('ja'), reportTemplate));
    const styles = p['word/styles.xml']!;
    for (const id of ['Normal', 'Title', 'Subtitle', 'Heading1', 'Heading2', 'Heading3', 'FootnoteText', 'FootnoteReference', 'Caption', 'ReportTable', 'TOC1', 'Header', 'Footer']) {
      expect(styles).toContain(`w:styleId="${id}"`);
    }
    // Body size 10.5 pt = 21 half-points; one-em indent = 210 twips; justified.
    const normal = /<w:style w:type="paragraph" w:styleId="Normal"[\s\S]*?<\/w:style>/.exec(styles)![0];
    expect(normal).toContain('<w:jc w:val="both"/>');
    expect(normal).toContain('<w:ind w:firstLine="210"/>');
    expect(normal).toContain('<w:sz w:val="21"/>');
    expect(styles).toMatch(/<w:rFonts w:ascii="Noto Serif JP" w:cs="Noto Serif JP" w:eastAsia="Noto Serif JP" w:hAnsi="Noto Serif JP"\/>/);
    expect(styles).toContain('w:eastAsia="ja-JP"');
    expect(styles).toContain('<w:widowControl/>');
    const doc = p['word/document.xml']!;
    expect(doc).toContain('<w:pStyle w:val="Heading1"/>');
    expect(doc).toContain('1. </w:t>');
    expect(doc).toContain('<w:tblStyle w:val="ReportTable"/>');
    expect(doc).toContain('<w:tblHeader/>');
    expect(doc).toContain('<w:pgNumType w:start="45"/>');
    expect(doc).toContain('TOC \\h \\o &quot;1-1&quot;');
    expect(p['word/fontTable.xml']).toContain('<w:font w:name="Noto Serif JP"><w:charset w:val="80"/><w:family w:val="roman"/>');
    // Code in the template's code face: Noto Sans Mono, with Noto Sans JP for Japanese.
    const code = /<w:style w:type="paragraph" w:styleId="SourceCode"[\s\S]*?<\/w:style>/.exec(styles)![0];
    expect(code).toMatch(/<w:rFonts w:ascii="Noto Sans Mono" w:cs="Noto Sans Mono" w:eastAsia="Noto Sans JP" w:hAnsi="Noto Sans Mono"\/>/);
    expect(p['word/fontTable.xml']).toContain('<w:font w:name="Noto Sans Mono"><w:charset w:val="00"/><w:family w:val="modern"/><w:pitch w:val="fixed"/>');
    // Captions in the heading face, bold as the PDF's and the EPUB's.
    const caption = /<w:style w:type="paragraph" w:styleId="Caption"[\s\S]*?<\/w:style>/.exec(styles)![0];
    expect(caption).toContain('<w:b/>');
    // No direct fonts in the Japanese edition: the styles carry them.
    expect(doc).not.toContain('<w:rFonts');
  });

  it('writes native footnotes numbered as the model, a repeated mark as a NOTEREF field to the first', async () => {
    const p = parts(await renderDocx(model('ja'), reportTemplate));
    const doc = p['word/document.xml']!;
    const refs = [...doc.matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(refs).toEqual([1, 2, 3]);
    // The first mark of note 1 (marked twice) is bookmarked; notes marked once are not.
    expect(doc).toMatch(/<w:bookmarkStart w:name="_NoteRef1" w:id="\d+"\/><w:r><w:rPr><w:rStyle w:val="FootnoteReference"\/><\/w:rPr><w:footnoteReference w:id="1"\/>/);
    expect(doc).not.toContain('_NoteRef2');
    // The later mark: a field Word renumbers with the notes, its result the number in the mark's style.
    expect(doc).toMatch(
      /<w:fldChar w:fldCharType="begin"\/><\/w:r><w:r><w:instrText xml:space="preserve"> NOTEREF _NoteRef1 \\f \\h <\/w:instrText><\/w:r><w:r><w:fldChar w:fldCharType="separate"\/><\/w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"\/><\/w:rPr><w:t xml:space="preserve">1<\/w:t><\/w:r><w:r><w:fldChar w:fldCharType="end"\/>/,
    );
    const notes = p['word/footnotes.xml']!;
    const ids = [...notes.matchAll(/<w:footnote w:id="(\d+)">/g)].map((m) => Number(m[1]));
    expect(ids).toEqual([1, 2, 3]);
    expect(notes).toContain('<w:pStyle w:val="FootnoteTextContinued"/>');
    expect(notes).toContain('<w:rStyle w:val="Emphasis"/>');
    // Hyperlinks in notes and body got plain, consistent relationship ids.
    const rels = p['word/_rels/footnotes.xml.rels']!;
    for (const m of notes.matchAll(/r:id="([^"]+)"/g)) {
      expect(m[1]).toMatch(/^rId\d+$/);
      expect(rels).toContain(`Id="${m[1]}"`);
    }
    expect(p['word/_rels/document.xml.rels']).not.toMatch(/Id="rId[^0-9"]/);
  });

  it('sets Japanese runs of the English edition in the Japanese face and language', async () => {
    const p = parts(await renderDocx(model('en'), reportTemplate));
    const doc = p['word/document.xml']!;
    expect(doc).toMatch(
      /<w:rFonts w:ascii="Noto Serif JP" w:cs="Noto Serif JP" w:eastAsia="Noto Serif JP" w:hAnsi="Noto Serif JP" w:hint="eastAsia"\/><w:lang w:val="ja-JP" w:eastAsia="ja-JP"\/><\/w:rPr><w:t xml:space="preserve">日本語 <\/w:t>/,
    );
    const styles = p['word/styles.xml']!;
    expect(styles).toContain('w:ascii="Noto Serif"');
    expect(styles).toContain('<w:lang w:val="en-US" w:eastAsia="ja-JP"/>');
    // 1.5 em indent at 10.5 pt = 315 twips.
    expect(styles).toContain('<w:ind w:firstLine="315"/>');
  });

  it('stores a picture shown twice once', async () => {
    const doc = model('en');
    const figure = doc.body.find((b) => b.kind === 'figure' && b.body.kind === 'image')!;
    doc.body.push({ ...figure, id: 'fig-again', number: 3 } as Block);
    const files = unzipSync(await renderDocx(doc, reportTemplate));
    expect(
      Object.keys(files)
        .filter((n) => n.startsWith('word/media/'))
        .sort(),
    ).toEqual(['word/media/image1.png', 'word/media/image1.svg']);
    expect(strFromU8(files['word/document.xml']!).match(/<a:blip r:embed="/g)).toHaveLength(2);
  });

  it('embeds SVG with a PNG fallback, and writes captions, source lines and core properties', async () => {
    const bytes = await renderDocx(model('en'), reportTemplate);
    const files = unzipSync(bytes);
    const media = Object.keys(files).filter((n) => n.startsWith('word/media/'));
    expect(media.sort()).toEqual(['word/media/image1.png', 'word/media/image1.svg']);
    // The pictures' own bytes (the docx library was given stand-ins for them).
    expect(Buffer.from(files['word/media/image1.svg']!).equals(readFileSync(svgPath))).toBe(true);
    expect([...files['word/media/image1.png']!.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const p = parts(bytes);
    const doc = p['word/document.xml']!;
    expect(doc).toContain('asvg:svgBlip');
    expect(doc).toContain('Figure 1. </w:t>');
    expect(doc).toContain('Source: </w:t>');
    expect(doc).toContain('w:anchor="fig_x"');
    const core = p['docProps/core.xml']!;
    expect(core).toContain('<dc:title>Test report</dc:title>');
    expect(core).toContain('<dc:creator>Author</dc:creator>');
    expect(core).toContain('2026-03-16T00:00:00Z</dcterms:created>');
    expect(core).toContain('<dc:language>en-US</dc:language>');
    const header = Object.entries(p).find(([n, x]) => /^word\/header\d+\.xml$/.test(n) && x.includes('Legislation'));
    expect(header?.[1]).toContain('Legislation and Research, No. 482 (March 16, 2026)');
  });

  it('sets the paragraph after a figure indented, as the text it continues, unless a heading stands just before the figure (en)', async () => {
    const para = (value: string): Block => ({ kind: 'paragraph', children: [t(value)] });
    const figure = (id: string): Block =>
      ({
        kind: 'figure',
        id,
        number: 1,
        label: 'Figure 1',
        caption: [t('Caption')],
        body: { kind: 'table', table: { align: [null], header: { cells: [{ children: [t('H')] }] }, rows: [{ cells: [{ children: [t('1')] }] }] } },
      }) as Block;
    const heading = (id: string): Block => ({ kind: 'heading', level: 1, id, number: '1.', label: '1. ', refLabel: '1.', children: [t('Head')] });
    const doc: DocumentModel = { ...model('en'), body: [heading('h1'), para('Opening'), para('Continued'), figure('f1'), para('Following'), heading('h2'), figure('f2'), para('Leading')], notes: [] };
    const xml = parts(await renderDocx(doc, reportTemplate))['word/document.xml']!;
    const style = (word: string) => new RegExp(`<w:p><w:pPr><w:pStyle w:val="(\\w+)"/>(?:(?!</w:p>).)*${word}`, 's').exec(xml)?.[1];
    expect(style('Opening')).toBe('FirstParagraph');
    expect(style('Continued')).toBe('Normal');
    expect(style('Following')).toBe('Normal');
    expect(style('Leading')).toBe('FirstParagraph');
  });
});

describe('renderDocx in the policy-brief style', () => {
  it('gathers the notes after each chapter, numbered as the model and linked both ways', async () => {
    const p = parts(await renderDocx(model('en'), policyBriefTemplate));
    const doc = p['word/document.xml']!;
    expect(doc).not.toContain('<w:footnoteReference');
    expect(p['word/footnotes.xml'] ?? '').not.toMatch(/<w:footnote w:id="[1-9]/);
    // Marks link to the notes; the first mark of each note carries the bookmark the note links back to.
    const marks = [...doc.matchAll(/w:anchor="_Note(\d+)"><w:r><w:rPr><w:rStyle w:val="NoteReference"\/><\/w:rPr><w:t xml:space="preserve">(\d+)<\/w:t>/g)];
    expect(marks.map((m) => [m[1], m[2]])).toEqual([
      ['1', '1'],
      ['2', '2'],
      ['1', '1'],
      ['3', '3'],
    ]);
    expect([...doc.matchAll(/w:name="_NoteRef(\d+)"/g)].map((m) => m[1])).toEqual(['1', '2', '3']);
    expect([...doc.matchAll(/<w:bookmarkStart w:name="_Note(\d+)"[^>]*\/><w:hyperlink [^>]*w:anchor="_NoteRef\1"/g)].map((m) => m[1])).toEqual(['1', '2', '3']);
    // The heading, then the notes, after the chapter's last block.
    expect(doc).toMatch(/<w:pStyle w:val="NotesHeading"\/><\/w:pPr><w:r><w:t xml:space="preserve">Notes<\/w:t>/);
    expect(doc.indexOf('NotesHeading')).toBeGreaterThan(doc.indexOf('line 2'));
    // A tab in code goes to the template's next tab stop, as in the PDF.
    expect(doc).toContain(`>${' '.repeat(reportTemplate.proportions.codeTabColumns)}line 2<`);
    expect(doc).toContain('<w:pStyle w:val="NoteTextContinued"/>');
    const styles = p['word/styles.xml']!;
    for (const id of ['NotesHeading', 'NoteText', 'NoteTextContinued', 'NoteReference']) expect(styles).toContain(`w:styleId="${id}"`);
  });

  it('has no contents heading or field when the report has no heading to list (as the PDF and the e-book)', async () => {
    const m = model('en');
    m.body = m.body.filter((b) => b.kind !== 'heading');
    const doc = parts(await renderDocx(m, reportTemplate))['word/document.xml']!;
    expect(doc).not.toContain('TOC \\');
    expect(doc).not.toContain('<w:pStyle w:val="TOCHeading"/>');
    expect(parts(await renderDocx(model('en'), reportTemplate))['word/document.xml']).toContain('<w:pStyle w:val="TOCHeading"/>');
  });

  it('writes a mark inside a link after the link', async () => {
    const m = model('en');
    m.body.push({ kind: 'paragraph', children: [{ kind: 'link', url: 'https://example.org/x', children: [t('linked'), { kind: 'noteRef', noteId: 'c', number: 3 }] }] });
    const doc = parts(await renderDocx(m, policyBriefTemplate))['word/document.xml']!;
    expect(doc).toMatch(/linked<\/w:t><\/w:r><\/w:hyperlink><w:r><w:t xml:space="preserve">\u2060<\/w:t><\/w:r><w:hyperlink [^>]*w:anchor="_Note3"/);
  });

  it('sets Letter pages, no contents, the template heading colour and the series line over an accent rule', async () => {
    const p = parts(await renderDocx(model('ja'), policyBriefTemplate));
    const doc = p['word/document.xml']!;
    expect(doc).toContain('<w:pgSz w:w="12240" w:h="15840" w:orient="portrait"/>');
    expect(doc).not.toContain('TOC \\');
    expect(doc).toContain('<w:titlePg/>');
    const styles = p['word/styles.xml']!;
    expect(/<w:style w:type="paragraph" w:styleId="Heading1"[\s\S]*?<\/w:style>/.exec(styles)![0]).toContain('<w:color w:val="0B5394"/>');
    expect(styles).toMatch(/w:styleId="TitlePageHeader"[\s\S]*?<w:bottom w:val="single" w:color="0B5394"/);
    // Japanese edition: the body face of the style, the list bullet of the language.
    expect(styles).toContain('w:ascii="Noto Sans JP"');
    expect(p['word/numbering.xml']).toContain('<w:lvlText w:val="・"/>');
    const first = Object.entries(p).find(([n, x]) => /^word\/header\d+\.xml$/.test(n) && x.includes('TitlePageHeader'));
    expect(first?.[1]).toContain('立法と調査');
  });

  it('leaves out the rule between rows of one group and keeps the last row with the source line', async () => {
    const m = model('en');
    m.body.push({
      kind: 'figure',
      id: 'tab-z',
      number: 3,
      label: 'Exhibit 3',
      caption: [t('Groups')],
      sourceNote: [t('Somewhere')],
      body: {
        kind: 'table',
        table: {
          align: [null, null],
          header: { cells: [{ children: [t('Group')] }, { children: [t('Item')] }] },
          rows: [
            { cells: [{ children: [t('A')] }, { children: [t('one')] }] },
            { cells: [{ children: [] }, { children: [t('two')] }] },
            { cells: [{ children: [t('B')] }, { children: [t('three')] }] },
          ],
        },
      },
    });
    const doc = parts(await renderDocx(m, policyBriefTemplate))['word/document.xml']!;
    const table = doc.slice(doc.lastIndexOf('<w:tbl>'));
    expect(table.match(/<w:tcBorders>[\s\S]*?<\/w:tcBorders>/g)).toEqual([
      '<w:tcBorders><w:bottom w:val="nil" w:color="auto" w:sz="0"/></w:tcBorders>',
      '<w:tcBorders><w:top w:val="nil" w:color="auto" w:sz="0"/></w:tcBorders>',
    ]);
    // A table of three rows is not broken, and its last row keeps with the source line.
    const rows = [...table.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].slice(1).map((r) => r[0]);
    expect(rows.map((r) => r.includes('<w:keepNext/>'))).toEqual([true, true, true]);
  });

  it('breaks a longer table only where two rows at least stand on either side', async () => {
    const m = model('en');
    m.body = [
      {
        kind: 'table',
        table: {
          align: [null, null],
          header: { cells: [{ children: [t('Group')] }, { children: [t('Item')] }] },
          rows: Array.from({ length: 8 }, (_, k) => ({ cells: [{ children: [t(`G${k}`)] }, { children: [t(`item ${k}`)] }] })),
        },
      },
    ];
    const doc = parts(await renderDocx(m, reportTemplate))['word/document.xml']!;
    const rows = [...doc.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].slice(1).map((r) => r[0]);
    expect(rows.map((r) => r.includes('<w:keepNext/>'))).toEqual([true, false, false, false, false, false, true, false]);
    for (const r of rows) expect(r).toContain('<w:cantSplit/>');
  });
});

describe('helpers', () => {
  it('narrows the Japanese text block to whole characters and mirrors unequal margins', () => {
    const ja = horizontalMargins(reportTemplate, languageStyle(reportTemplate, 'ja'));
    expect(ja.textWidth % 210).toBe(0);
    expect(ja.left + ja.right + ja.textWidth).toBe(11906);
    const en = horizontalMargins(reportTemplate, languageStyle(reportTemplate, 'en'));
    expect(en).toEqual({ left: 1247, right: 1247, textWidth: 11906 - 2494 });
    const settings = '<w:settings><w:displayBackgroundShape/><w:defaultTabStop w:val="720"/><w:compat><w:doNotExpandShiftReturn/></w:compat></w:settings>';
    const compressed = '<w:characterSpacingControl w:val="compressPunctuation"/>';
    const finished = finishSettings(settings, reportTemplate);
    expect(finished).toContain(`${compressed}<w:noLineBreaksAfter w:lang="ja-JP"`);
    // Word's kinsoku: the strict set, with the leaders of a pair (……) and small kana never starting a line.
    const before = /<w:noLineBreaksBefore w:lang="ja-JP" w:val="([^"]*)"\/><w:compat>/.exec(finished)?.[1] ?? '';
    for (const ch of '」、。ッーゃ…‥―') expect(before).toContain(ch);
    expect(before).not.toContain('「');
    const after = /<w:noLineBreaksAfter w:lang="ja-JP" w:val="([^"]*)"\/>/.exec(finished)?.[1] ?? '';
    for (const ch of '「（『【') expect(after).toContain(ch);
    expect(after).not.toContain('」');
    const bound: Template = mergeTemplate(reportTemplate, { page: { margin: { inner: 25, outer: 18 } } });
    expect(finishSettings(settings, bound)).toContain('<w:mirrorMargins/><w:defaultTabStop');
    expect(finishSettings(settings, bound)).toContain(compressed);
  });

  it('balances title lines and breaks Japanese by kinsoku', () => {
    const width = (s: string) => [...s].length;
    expect(balancedLines('Short title', width, 30)).toEqual(['Short title']);
    expect(balancedLines('The First Year of the Second Trump Administration', width, 40)).toEqual(['The First Year of the', 'Second Trump Administration']);
    expect(balancedLines('第2次トランプ政権発足後1年間の動向と日本外交', width, 22)).toEqual(['第2次トランプ政権発足後', '1年間の動向と日本外交']);
  });

  it('sizes columns by their text and fills the width', () => {
    const widths = columnWidths(
      {
        align: [null, null],
        header: { cells: [{ children: [t('区分')] }, { children: [t('内容')] }] },
        rows: [{ cells: [{ children: [t('米国の関税措置')] }, { children: [t('長い説明'.repeat(20))] }] }],
      },
      9000,
      faceMeasure(languageStyle(reportTemplate, 'ja'), reportTemplate),
      reportTemplate,
    );
    expect(widths.reduce((a, b) => a + b, 0)).toBe(9000);
    expect(widths[0]!).toBeLessThan(widths[1]!);
  });

  it('keeps short Japanese cells, a bracketed unit and a head’s phrases whole, the space after Latin letters counted', () => {
    const measure = faceMeasure(languageStyle(reportTemplate, 'ja'), reportTemplate);
    const row = (values: string[]) => ({ cells: values.map((v) => ({ children: [t(v)] })) });
    const body = [
      ['JR北海道', '根室本線（富良野～新得）', '152', '再構築協議会', '2024年3月廃止、バス転換'],
      ['JR東日本', '吾妻線（長野原草津口～大前）', '214', '地域の協議', '2024年にバス・乗合タクシー転換合意'],
      ['JR西日本', '美祢線（厚狭～長門市）', '1,062', '再構築協議会（要請中）', '被災により運休、BRT化の方針'],
    ];
    const table = { align: body[0]!.map(() => null), header: row(['事業者', '路線・区間', '輸送密度（人/日）', '協議の枠組み', '状況']), rows: body.map(row) } as Parameters<typeof columnWidths>[0];
    const widths = columnWidths(table, 8600, measure, reportTemplate);
    expect(widths.reduce((a, b) => a + b, 0)).toBe(8600);
    // Word puts a quarter em between JR and 北海道: the column is wider than the glyphs.
    expect(measure('JR北海道', false)).toBeGreaterThan(measure('JR', false) + measure('北海道', false));
    expect(widths[0]!).toBeGreaterThanOrEqual(measure('JR北海道', false));
    expect(widths[1]!).toBeGreaterThanOrEqual(measure('（富良野～新得）', false));
    // 輸送密度 / （人/日）: the head wraps between its phrases, not inside the bracket.
    expect(widths[2]!).toBeGreaterThanOrEqual(measure('（人/日）', true));
    expect(widths[2]!).toBeLessThan(measure('輸送密度（人/日）', true));
    expect(widths[3]!).toBeGreaterThanOrEqual(measure('協議の枠組み', true));
  });

  it('gives a column its widest word as set in its faces, and a URL only its widest piece', () => {
    const measure = faceMeasure(languageStyle(reportTemplate, 'en'), reportTemplate);
    const url = 'https://github.com/slsa-framework/slsa-verifier/blob/main/README.md#verification-for-github-builders';
    const table = {
      align: [null, null, null],
      header: { cells: [{ children: [t('Date')] }, { children: [t('Purpose')] }, { children: [t('Repository')] }] },
      rows: [
        { cells: [{ children: [t('2026-01-28')] }, { children: [t('Verifying SLSA provenance from GitHub Actions builders')] }, { children: [t(url)] }] },
        { cells: [{ children: [t('2026-02-14')] }, { children: [t('Generating SBOMs from images and file systems')] }, { children: [t(url)] }] },
      ],
    } as Parameters<typeof columnWidths>[0];
    const widths = columnWidths(table, 9000, measure, reportTemplate);
    expect(widths[0]!).toBeGreaterThanOrEqual(measure('2026-01-28', false));
    expect(widths[2]!).toBeLessThan(measure(url, false));
    expect(widths[1]!).toBeGreaterThan(measure('provenance', false) * 2);
  });

  /** A table of plain text cells, its head first; and the English table faces' measure. */
  const plainTable = (head: string[], body: string[][]) => {
    const row = (values: string[]) => ({ cells: values.map((v) => ({ children: [t(v)] })) });
    return { align: head.map(() => null), header: row(head), rows: body.map(row) } as Parameters<typeof columnWidths>[0];
  };
  const enMeasure = () => faceMeasure(languageStyle(reportTemplate, 'en'), reportTemplate);

  it('lets long column heads wrap rather than the short rows under them', () => {
    const measure = enMeasure();
    const body = [
      ['Fibre-to-the-premises', '$4,000–$25,000', '$65–$90', '1,000 / 1,000', '30–40 years', '5–15 ms'],
      ['Low-earth-orbit satellite', '$600–$1,200', '$80–$120', '100–250 / 10–20', '5 years', '25–60 ms'],
    ];
    const table = plainTable(['Technology', 'Capital cost per location', 'Monthly cost to subscriber', 'Typical download and upload (Mbps)', 'Expected asset life', 'Latency'], body);
    const widths = columnWidths(table, 8000, measure, reportTemplate);
    for (const values of body) values.forEach((v, i) => expect(widths[i]!, v).toBeGreaterThanOrEqual(measure(v, false)));
    expect(widths.reduce((a, b) => a + b, 0)).toBe(8000);
  });

  it('keeps a number with its unit, and breaks compounds at their hyphens, in a table too wide for its words', () => {
    const measure = enMeasure();
    const table = plainTable(
      ['Region', 'Installed capacity', 'Average duration', 'Capacity accreditation method', 'Decommissioning-assurance requirement', 'Typical revenue stack'],
      [
        ['CAISO', '11,200\u00a0MW', '4.0\u00a0h', 'Slice-of-day resource adequacy', 'County-level (Kern, Riverside)', 'Resource-adequacy contracts, energy arbitrage'],
        ['ERCOT', '8,900\u00a0MW', '1.6\u00a0h', 'None (energy-only market)', 'None statewide', 'Ancillary services, scarcity pricing'],
      ],
    );
    const widths = columnWidths(table, 4200, measure, reportTemplate, hyphenatorFor('en'));
    expect(widths.reduce((a, b) => a + b, 0)).toBe(4200);
    expect(widths[1]!).toBeGreaterThanOrEqual(measure('11,200\u00a0MW', false));
    expect(widths[2]!).toBeGreaterThanOrEqual(measure('4.0\u00a0h', false));
  });

  /** The document XML of an English edition that is one quotation: a sentence, a list of two items, and what follows them. */
  const quotedList = async (after: Block[] = []) => {
    const item = (value: string) => [{ kind: 'paragraph', children: [t(value)] }] as Block[];
    const children = [
      { kind: 'paragraph', children: [t('A controller shall:')] },
      { kind: 'list', ordered: true, start: 1, items: [item('limit collection;'), item('secure data.')] },
      ...after,
    ] as Block[];
    const doc: DocumentModel = { ...model('en'), body: [{ kind: 'blockquote', children } as Block], notes: [] };
    return parts(await renderDocx(doc, reportTemplate))['word/document.xml']!;
  };

  it('keeps a list inside a quotation within the quotation’s indents', async () => {
    const xml = await quotedList();
    const left = /<w:p><w:pPr><w:pStyle w:val="ListParagraph"\/><w:numPr>(?:(?!<\/w:pPr>).)*<w:ind w:left="(\d+)"[^>]*w:right="(\d+)"/s.exec(xml);
    const quote = twips(indentsPt(reportTemplate).quote);
    expect(Number(left?.[1])).toBeGreaterThan(quote);
    expect(Number(left?.[2])).toBe(quote);
  });

  it('keeps a quotation’s last list item on the page of its attribution', async () => {
    const xml = await quotedList([{ kind: 'paragraph', attribution: true, children: [t('— FERC, Order No. 841')] } as Block]);
    const paragraph = (text: string) => [...xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>/g)].map((m) => m[1]!).find((p) => p.includes(text))!;
    expect(paragraph('secure data.')).toContain('<w:keepNext/>');
    expect(paragraph('limit collection;')).not.toContain('<w:keepNext/>');
  });

  it('gives a table with a long description that description as its alternative text (w:tblDescription), and none to a table without', async () => {
    const table = { align: [null], header: { cells: [{ children: [t('H')] }] }, rows: [{ cells: [{ children: [t('1')] }] }] } as Parameters<typeof columnWidths>[0];
    const figure = (id: string, description?: string): Block =>
      ({
        kind: 'figure',
        id,
        number: 1,
        label: 'Figure 1',
        caption: [t('Chronology')],
        body: { kind: 'table', table },
        ...(description ? { description: [{ kind: 'paragraph', children: [t(description)] }] } : {}),
      }) as Block;
    const doc: DocumentModel = { ...model('en'), body: [figure('tab-a', 'Twenty-eight events from 2011 to 2026 in order.'), figure('tab-b')], notes: [] };
    const xml = parts(await renderDocx(doc, reportTemplate))['word/document.xml']!;
    expect([...xml.matchAll(/<w:tblDescription w:val="([^"]*)"\/><\/w:tblPr>/g)].map((m) => m[1])).toEqual(['Twenty-eight events from 2011 to 2026 in order.']);
  });

  it('hyphenates the longest words of a table too wide for them, never cutting a column below its widest syllable', async () => {
    const ls = languageStyle(reportTemplate, 'en');
    const measure = faceMeasure(ls, reportTemplate);
    const hyphenate = hyphenatorFor('en')!;
    const row = (values: string[]) => ({ cells: values.map((v) => ({ children: [t(v)] })) });
    const heads = ['Model', 'Owner', 'Operator', 'Construction risk', 'Demand risk', 'Typical WACC (%)', 'Target IRR (%)', 'Payback (years)', 'Example'];
    const table = {
      align: heads.map(() => null),
      header: row(heads),
      rows: [row(['Concession (PPP)', 'Council', 'Concessionaire', 'Concessionaire', 'Concessionaire', '6.9', '9.5', '11.0', 'Aldermoor–Northam Fibre'])],
    } as Parameters<typeof columnWidths>[0];
    const total = 8000;
    const whole = columnWidths(table, total, measure, reportTemplate);
    const hyphenated = columnWidths(table, total, measure, reportTemplate, hyphenate);
    expect(hyphenated.reduce((a, b) => a + b, 0)).toBe(total);
    // Without hyphenation some column is narrower than a word of it; with it, none is narrower than a syllable.
    expect(whole.some((w, i) => w < measure(i === 4 ? 'Concessionaire' : heads[i]!.split(' ')[0]!, i === 0) * 0.95)).toBe(true);
    heads.forEach((_, i) => {
      const words = [...heads[i]!.split(' '), ...(table.rows[0]!.cells[i]!.children as { value: string }[])[0]!.value.split(' ')];
      for (const word of words) for (const syllable of hyphenate(word)) expect(hyphenated[i]!, `${i} ${syllable}`).toBeGreaterThanOrEqual(measure(syllable, true));
    });
    // The cells break those words at soft hyphens (Con-ces-sion-aire), not between any two letters.
    const doc: DocumentModel = { ...model('en'), body: [{ kind: 'figure', id: 'tab-m', number: 1, label: 'Figure 1', caption: [t('Models')], body: { kind: 'table', table } } as Block], notes: [] };
    const xml = parts(await renderDocx(doc, reportTemplate))['word/document.xml']!;
    expect(xml).toMatch(/>Con<\/w:t><w:softHyphen\/><w:t[^>]*>ces<\/w:t><w:softHyphen\/><w:t[^>]*>sion<\/w:t><w:softHyphen\/><w:t[^>]*>aire</);
  });

  it('keeps a short cell whole (a Japanese row header) where the table has the room', () => {
    const measure = faceMeasure(languageStyle(reportTemplate, 'ja'), reportTemplate);
    const rows: [string, string, string][] = [
      [
        '事前防災',
        '全国の災害リスクを評価し、「事前防災計画」を策定する。関係省庁に対し、必要な施策の実施を勧告することができる（勧告を受けた省庁は、講じた措置を報告しなければならない）。',
        '防災基本計画の作成は中央防災会議が担い、各省庁の施策は各省庁の判断に委ねられていた。',
      ],
      [
        '応急対応',
        '発災直後から防災庁が司令塔となり、物資・人員・輸送の調整を一元的に行う。地方拠点から職員を被災地に派遣する。',
        '非常災害対策本部を都度設置し、各省庁からの併任職員で対応していた。',
      ],
      ['復旧・復興', '被災者生活再建支援、災害ケースマネジメント等を一貫して担う。', '復興庁（東日本大震災）や各省庁に分散していた。'],
    ];
    const table = {
      align: [null, null, null],
      rowHeaderColumns: 1,
      header: { cells: [{ children: [t('区分')] }, { children: [t('防災庁設置後')] }, { children: [t('従来（内閣府防災担当）')] }] },
      rows: rows.map((cells) => ({ cells: cells.map((c) => ({ children: [t(c)] })) })),
    } as Parameters<typeof columnWidths>[0];
    const widths = columnWidths(table, 9000, measure, reportTemplate);
    for (const head of ['事前防災', '応急対応', '復旧・復興']) expect(widths[0]!, head).toBeGreaterThanOrEqual(measure(head, true));
    expect(widths.reduce((a, b) => a + b, 0)).toBe(9000);
  });

  it('makes Word names and locales', () => {
    expect(bookmarkName('sec-intro')).toBe('sec_intro');
    expect(bookmarkName('1st')).toBe('b_1st');
    expect(bookmarkName('x'.repeat(50))).toHaveLength(40);
    expect(wordLocale('ja')).toBe('ja-JP');
    expect(wordLocale('en-GB')).toBe('en-GB');
    expect(latinLocale('ja')).toBe('en-US');
    expect(latinLocale('en')).toBe('en-US');
    const names = bookmarkNames(model('ja'));
    expect(names.get('sec-intro')).toBe('sec_intro');
    expect(runningHead(model('ja'), reportTemplate, languageStyle(reportTemplate, 'ja'))).toBe('立法と調査　第482号　2026年3月16日');
  });
});
