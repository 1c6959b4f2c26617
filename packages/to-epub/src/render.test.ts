import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Block, DocumentModel, Inline, Note } from '@brief/document-model';
import { policyBriefTemplate, reportTemplate } from '@brief/templates';
import { renderEpub } from './index.js';

const text = (value: string): Inline => ({ kind: 'text', value });
const mark = (n: number): Inline => ({ kind: 'noteRef', noteId: `n${n}`, number: n });
const para = (...children: Inline[]): Block => ({ kind: 'paragraph', children });
const note = (n: number, chapterId: string, ...children: Inline[]): Note => ({
  id: `n${n}`,
  number: n,
  chapterId,
  children: [para(...children)],
  generated: false,
});

function model(dir: string, lang: 'ja' | 'en'): DocumentModel {
  const svg = join(dir, 'f.svg');
  writeFileSync(svg, '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
  const body: Block[] = [
    para(text('Before the first chapter.')),
    { kind: 'blockquote', children: [para(text('Quoted words.')), { kind: 'paragraph', attribution: true, children: [text('— A. Person')] }] },
    { kind: 'heading', level: 1, id: 'sec-a', number: '1.', label: '1. ', refLabel: '1.', children: [text('First')] },
    para(
      text('Text'),
      mark(1),
      text(' and a '),
      { kind: 'link', url: 'https://example.org/?a=1&b=2', children: [text('link'), mark(2)] },
      text(' see '),
      { kind: 'crossRef', targetId: 'fig-b', targetKind: 'figure', text: 'Figure 2' },
      text(' and '),
      { kind: 'foreign', lang: 'fr', children: [text('déjà vu')] },
      text(' 日本語 text.'),
    ),
    {
      kind: 'figure',
      id: 'fig-a',
      number: 1,
      label: 'Figure 1',
      caption: [text('An image')],
      sourceNote: [text('Made up')],
      alt: 'A black square',
      body: { kind: 'image', image: { path: svg, src: 'f.svg', mediaType: 'image/svg+xml', alt: 'A black square', width: 10, height: 10 } },
    },
    { kind: 'heading', level: 2, id: 'sec-a-1', number: '1.1', label: lang === 'ja' ? '1.1' : '1.1 ', refLabel: '1.1', children: [text('Section on '), { kind: 'emphasis', children: [text('Roe')] }] },
    { kind: 'list', ordered: true, start: 3, items: [[para(text('three'))], [para(text('four'))]] },
    { kind: 'list', ordered: false, start: 1, items: [[para(text('done'))], [para(text('open'))], [para(text('plain'))]], checked: [true, false, null] },
    { kind: 'heading', level: 1, id: 'sec-b', number: '2.', label: '2. ', refLabel: '2.', children: [text('Second')] },
    para(text('Again'), mark(1), text(' and new'), mark(3), text('.')),
    {
      kind: 'figure',
      id: 'fig-b',
      number: 2,
      label: 'Figure 2',
      caption: [text('A table')],
      body: {
        kind: 'table',
        table: { align: [null, 'right'], header: { cells: [{ children: [text('A')] }, { children: [text('B')] }] }, rows: [{ cells: [{ children: [text('x < y')] }, { children: [text('1')] }] }] },
      },
    },
  ];
  return {
    kind: 'document',
    sourceDir: dir,
    meta: {
      id: 'unit',
      lang,
      languages: ['ja', 'en'],
      title: 'A & B',
      subtitle: 'Sub',
      authors: [{ name: 'Author', affiliation: 'Office' }],
      series: { title: 'Series', issue: 7, firstPage: 1, lastPage: 9 },
      publisher: 'Publisher',
      published: '2026-03-16',
      notices: ['A notice.'],
    },
    body,
    notes: [note(1, 'sec-a', text('One.')), note(2, 'sec-a', text('Two.')), note(3, 'sec-b', text('Three.'))],
  };
}

const decode = (b: Uint8Array) => new TextDecoder().decode(b);

describe('renderEpub', () => {
  let bytes: Uint8Array;
  let files: Record<string, Uint8Array>;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'to-epub-'));
    bytes = await renderEpub(model(dir, 'en'), reportTemplate);
    files = unzipSync(bytes);
  });

  it('is deterministic', async () => {
    const again = await renderEpub(model(dir, 'en'), reportTemplate);
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });

  it('sets each code line as a block whose wrapped part hangs at its indentation, the line ends kept', async () => {
    const doc = model(dir, 'en');
    doc.body.push({ kind: 'codeBlock', lang: 'yaml', value: 'model:\n\tfeatures: [a, b]\n\n    deep: x\n' });
    const chapters = Object.entries(unzipSync(await renderEpub(doc, reportTemplate))).filter(([name]) => /chapter-\d\d\.xhtml$/.test(name));
    const xhtml = decode(chapters.at(-1)![1]);
    expect(xhtml).toContain(
      '<pre><code class="language-yaml"><span class="code-line" style="padding-left: 2ch; text-indent: -2ch">model:\n</span><span class="code-line" style="padding-left: 6ch; text-indent: -6ch">\tfeatures: [a, b]\n</span><span class="code-line" style="padding-left: 2ch; text-indent: -2ch">\n</span><span class="code-line" style="padding-left: 6ch; text-indent: -6ch">    deep: x</span></code></pre>',
    );
  });

  it('gives an image whole-pixel width and height, and none for a size no attribute can hold (1e30)', async () => {
    const doc = model(dir, 'en');
    const figure = doc.body.find((b) => b.kind === 'figure' && b.body.kind === 'image');
    if (figure?.kind !== 'figure' || figure.body.kind !== 'image') throw new Error('no image figure');
    figure.body.image = { ...figure.body.image, width: 1e30, height: 1e30 };
    const ch2 = decode(unzipSync(await renderEpub(doc, reportTemplate))['EPUB/chapter-02.xhtml']!);
    expect(ch2).toContain('<img src="images/figure-1.svg" alt="A black square"/>');
    figure.body.image = { ...figure.body.image, width: 10.4, height: 9.6 };
    expect(decode(unzipSync(await renderEpub(doc, reportTemplate))['EPUB/chapter-02.xhtml']!)).toContain('alt="A black square" width="10" height="10"/>');
  });

  it('draws as PNG an SVG it cannot carry (an event handler), text included', async () => {
    const unsafe = join(dir, 'unsafe.svg');
    writeFileSync(unsafe, '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" onload="x()"><text x="4" y="28" font-family="Noto Sans JP" font-size="20">図の文字</text></svg>');
    const doc = model(dir, 'ja');
    const figure = doc.body.find((b) => b.kind === 'figure' && b.body.kind === 'image');
    if (figure?.kind !== 'figure' || figure.body.kind !== 'image') throw new Error('no image figure');
    figure.body.image = { ...figure.body.image, path: unsafe, src: 'unsafe.svg', width: 120, height: 40 };
    const out = unzipSync(await renderEpub(doc, reportTemplate));
    const pngs = Object.keys(out).filter((n) => /^EPUB\/images\/(?!cover).*\.png$/.test(n));
    expect(pngs).toHaveLength(1);
    expect(Object.keys(out).some((n) => n.endsWith('.svg'))).toBe(false);
    const png = out[pngs[0]!]!;
    expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    // Twice the SVG's size.
    expect(new DataView(png.buffer, png.byteOffset).getUint32(16)).toBe(240);
  });

  it('breaks a URL shown as itself at its Chicago points only, and code where it would overflow', async () => {
    const url = 'https://example.org/data_sets/table.csv?id=1';
    const doc = model(dir, 'en');
    doc.body.push(para(text('At '), { kind: 'link', url, children: [text(url)] }, text(' and '), { kind: 'link', url, children: [text('the table')] }, text('.')));
    const out = unzipSync(await renderEpub(doc, reportTemplate));
    const chapter = Object.entries(out).find(([n, b]) => n.endsWith('.xhtml') && decode(b).includes('data_sets'));
    const xhtml = decode(chapter![1]);
    expect(xhtml).toContain('>https://<wbr/>example<wbr/>.org<wbr/>/data<wbr/>_sets<wbr/>/table<wbr/>.csv<wbr/>?id<wbr/>=1</a>');
    // Named as written: browsers read each <wbr> of the text as a space.
    expect(xhtml).toContain(`aria-label="${url}">https://<wbr/>`);
    // Words a link carries are text as any other.
    expect(xhtml).toContain('>the table</a>');
    const css = Object.entries(out).find(([n]) => n.endsWith('.css'))![1];
    expect(decode(css)).not.toContain('break-all');
    expect(decode(css)).toMatch(/code \{ overflow-wrap: anywhere; \}/);
    // The text's first paragraph before any heading is not indented, in English practice.
    expect(decode(css)).toContain('section.preamble > p:first-child { text-indent: 0; }');
  });

  it('starts with a stored mimetype entry', () => {
    expect(decode(bytes.subarray(30, 38))).toBe('mimetype');
    expect(bytes[8]).toBe(0); // compression method: stored
    expect(decode(bytes.subarray(38, 58))).toBe('application/epub+zip');
  });

  it('writes well-formed XML without scripts', () => {
    for (const [path, data] of Object.entries(files)) {
      if (!/\.(xhtml|opf|ncx|xml|svg)$/.test(path)) continue;
      const xml = decode(data);
      expect(XMLValidator.validate(xml), path).toBe(true);
      expect(xml).not.toMatch(/<script/i);
    }
  });

  it('puts each chapter in its own document, with its notes after its text', () => {
    const names = Object.keys(files);
    expect(names.filter((n) => /chapter-\d\d\.xhtml$/.test(n))).toEqual(['EPUB/chapter-01.xhtml', 'EPUB/chapter-02.xhtml', 'EPUB/chapter-03.xhtml']);
    const ch2 = decode(files['EPUB/chapter-02.xhtml']!);
    expect(ch2.match(/<aside epub:type="footnote" role="doc-footnote" id="fn-(\d+)"/g)).toHaveLength(2);
    expect(ch2.indexOf('id="fn-1"')).toBeGreaterThan(ch2.indexOf('</figure>'));
  });

  it('links every mark to its note and every note back to its first mark', () => {
    const ch2 = decode(files['EPUB/chapter-02.xhtml']!);
    const ch3 = decode(files['EPUB/chapter-03.xhtml']!);
    expect(ch2).toContain('id="fnref-1" href="#fn-1"');
    expect(ch3).toContain('id="fnref-1-2" href="chapter-02.xhtml#fn-1"');
    expect(ch2).toContain('href="#fnref-1" aria-label="1 Back to text">1</a>');
    // A mark inside a link is written after the link: no nested links.
    expect(ch2).toMatch(/link<\/a>\u2060<a epub:type="noteref"[^>]*href="#fn-2"/);
    expect(ch2).toContain('rel="external"');
    expect(ch2).toContain('href="https://example.org/?a=1&amp;b=2"');
  });

  it('resolves every internal link', () => {
    const ids = new Map<string, Set<string>>();
    for (const [path, data] of Object.entries(files)) {
      if (!path.endsWith('.xhtml')) continue;
      ids.set(path.replace('EPUB/', ''), new Set([...decode(data).matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!)));
    }
    for (const [path, data] of Object.entries(files)) {
      if (!path.endsWith('.xhtml')) continue;
      const here = path.replace('EPUB/', '');
      for (const m of decode(data).matchAll(/\shref="([^"]+)"/g)) {
        const href = m[1]!;
        if (/^(https?|mailto):/.test(href) || href.endsWith('.css')) continue;
        const [file, id] = href.split('#');
        const target = file ? file : here;
        expect(ids.has(target), `${here}: ${href}`).toBe(true);
        if (id) expect(ids.get(target)!.has(id), `${here}: ${href}`).toBe(true);
      }
    }
  });

  it('marks languages and carries figures with their captions and sources', () => {
    const ch2 = decode(files['EPUB/chapter-02.xhtml']!);
    expect(ch2).toContain('<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en" xml:lang="en">');
    expect(ch2).toContain('<span lang="fr" xml:lang="fr">déjà vu</span>');
    expect(ch2).toContain('<span lang="ja" xml:lang="ja">日本語</span>');
    expect(ch2).toContain('<figcaption><span class="figure-label">Figure 1</span>. An image</figcaption>');
    expect(ch2).toContain('<img src="images/figure-1.svg" alt="A black square" width="10" height="10"/>');
    expect(ch2).toContain('<p class="figure-source">Source: Made up</p>');
    expect(ch2).toContain('<ol start="3">');
    const ch3 = decode(files['EPUB/chapter-03.xhtml']!);
    // A table's caption line stands outside its scrolling box, and names the table.
    expect(ch3).toMatch(/<figcaption id="([\w-]+)-caption"><span class="figure-label">Figure 2<\/span>. A table<\/figcaption>\s*<div class="table-wrap">\s*<table aria-labelledby="\1-caption">/);
    expect(ch3).not.toContain('<caption>');
    expect(ch3).toContain('<td>x &lt; y</td><td class="align-right">1</td>');
    expect(files['EPUB/images/figure-1.svg']).toBeDefined();
    expect(files['EPUB/images/cover.png']).toBeDefined();
  });

  it('writes package metadata and navigation', () => {
    const opf = decode(files['EPUB/package.opf']!);
    expect(opf).toMatch(/<dc:identifier id="pub-id">urn:uuid:[0-9a-f-]{36}<\/dc:identifier>/);
    expect(opf).toContain('<dc:title id="title">A &amp; B</dc:title>');
    expect(opf).toContain('<meta property="dcterms:modified">2026-03-16T00:00:00Z</meta>');
    expect(opf).toContain('<meta refines="#series" property="group-position">7</meta>');
    expect(opf).toContain('properties="cover-image"');
    expect(opf).toContain('href="fonts/NotoSerif-Regular.ttf" media-type="font/ttf"');
    expect(decode(files['EPUB/styles/book.css']!)).toContain('@font-face { font-family: "Noto Serif";');
    // Code is not hyphenated (the paragraphs around it are); a list item's later paragraphs are indented.
    expect(decode(files['EPUB/styles/book.css']!)).toMatch(/code, pre \{[^}]*hyphens: manual;/);
    expect(decode(files['EPUB/styles/book.css']!)).toMatch(/pre \{[^}]*tab-size: 4;/);
    // A quotation's attribution is set flush right, never at a page's top away from the words it names.
    expect(decode(files['EPUB/styles/book.css']!)).toMatch(/p\.attribution \{ text-align: right;[^}]* break-before: avoid;/);
    expect(Object.entries(files).some(([name, f]) => name.endsWith('.xhtml') && decode(f).includes('<p class="attribution">— A. Person</p>'))).toBe(true);
    expect(decode(files['EPUB/styles/book.css']!)).toMatch(/li p \+ p \{ text-indent: [1-9]/);
    expect(opf).toContain('<meta property="schema:accessibilityHazard">none</meta>');
    const nav = decode(files['EPUB/nav.xhtml']!);
    expect(nav).toContain('<a href="chapter-02.xhtml#sec-a">1. First</a>');
    // The contents keep a heading's italics; the NCX, text only, its words.
    expect(nav).toContain('<a href="chapter-02.xhtml#sec-a-1">1.1 Section on <em>Roe</em></a>');
    expect(decode(files['EPUB/toc.ncx']!)).toContain('<text>1.1 Section on Roe</text>');
    expect(nav).toContain('epub:type="landmarks"');
  });

  it('marks a task list’s boxes for screen readers and sets them in place of the bullet', () => {
    const chapter = Object.entries(files)
      .filter(([name]) => name.endsWith('.xhtml'))
      .map(([, f]) => decode(f))
      .find((t) => t.includes('>done<') || t.includes('> done<'))!;
    expect(chapter).toContain('<li class="task"><span class="task-box" role="img" aria-label="Done">☑</span> done</li>');
    expect(chapter).toContain('<li class="task"><span class="task-box" role="img" aria-label="Not done">☐</span> open</li>');
    expect(chapter).toContain('<li>plain</li>');
    expect(decode(files['EPUB/styles/book.css']!)).toContain('ul > li.task { list-style-type: none; }');
  });

  it('gives each edition its own stable identifier', async () => {
    const ja = unzipSync(await renderEpub(model(dir, 'ja'), reportTemplate));
    const id = (f: Record<string, Uint8Array>) => /urn:uuid:[0-9a-f-]+/.exec(decode(f['EPUB/package.opf']!))![0];
    expect(id(ja)).not.toBe(id(files));
  });
});

describe('renderEpub in the policy-brief style', () => {
  let files: Record<string, Uint8Array>;
  let reportFiles: Record<string, Uint8Array>;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'to-epub-pb-'));
    files = unzipSync(await renderEpub(model(dir, 'en'), policyBriefTemplate));
    reportFiles = unzipSync(await renderEpub(model(dir, 'en'), reportTemplate));
  });

  it('opens chapter-end notes with a heading, and page-foot notes with a rule', () => {
    const ch2 = decode(files['EPUB/chapter-02.xhtml']!);
    expect(ch2).toContain('<section class="footnotes chapter-end" epub:type="footnotes" aria-labelledby="notes-chapter-02">\n<h2 id="notes-chapter-02" class="notes-heading">Notes</h2>');
    expect(ch2.indexOf('class="notes-heading"')).toBeLessThan(ch2.indexOf('id="fn-1"'));
    const report = decode(reportFiles['EPUB/chapter-02.xhtml']!);
    expect(report).toContain('<section class="footnotes" epub:type="footnotes" aria-label="Notes">');
    expect(report).not.toContain('notes-heading');
    expect(decode(files['EPUB/styles/book.css']!)).toContain('h2.notes-heading');
    expect(decode(reportFiles['EPUB/styles/book.css']!)).toContain('section.footnotes::before');
  });

  it('takes the style sheet values from the template', () => {
    const css = decode(files['EPUB/styles/book.css']!);
    expect(css).toContain(`color: ${policyBriefTemplate.colors.heading};`);
    expect(css).toContain(`background-color: ${policyBriefTemplate.colors.tableHeaderFill};`);
    expect(css).toContain('line-height: 1.5;');
    expect(css).toContain('p { margin: 0.6em 0 0 0; text-indent: 0em;');
    expect(css).toMatch(/figcaption, caption \{[^}]*color: #0b5394;/);
  });

  it('keeps the contents page out of the reading order without a contents list', () => {
    expect(decode(files['EPUB/package.opf']!)).toContain('<itemref idref="nav" linear="no"/>');
    expect(decode(reportFiles['EPUB/package.opf']!)).toContain('<itemref idref="nav"/>');
  });
});
