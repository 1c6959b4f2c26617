/**
 * Nothing leaves the text block: a generated source puts long tokens (a URL,
 * a 160-character hash, a German compound, a chemical name) in a paragraph,
 * a heading, a figure caption, a table cell, a note and a code block, in
 * Japanese and English (and the URL in the title, a series name too long for
 * the running head). Each PDF is read back with pdfjs-dist: no glyph lies
 * outside the left and right margins of the page, and the text, joined across
 * line ends, gives every token back whole (no hyphen inserted inside it).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportTemplate } from '@brief/templates';
import { buildPdf } from '../helpers/pdf-build.js';
import { glyphsOutside, readItems, type Item } from '../helpers/pdf-lines.js';
import { checkPdfUa, type UaReport } from '../helpers/pdf-ua.js';

const url = 'https://www.example.org/research/reports/2026/policy_brief-trade.html?lang=ja&section=tariffs#summary';
const hash = `sha256:${'0123456789abcdef'.repeat(10)}`;
const german = 'Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichenherstellungsverfahren';
const chemical = '2,3,3,3-tetrafluoro-2-(1,1,2,2,3,3,3-heptafluoropropoxy)propanoicacid';
const tokens = [url, hash, german, chemical];

const yaml = `id: long-tokens
languages: [ja, en]
title:
  ja: 長い語の試験 ${url}
  en: Long tokens ${url}
authors:
  - name: { ja: 試験 太郎, en: SHIKEN Taro }
series:
  title: { ja: 立法と調査 ${german} ${german}, en: Legislation and Research ${german} ${german} }
  issue: 1
published: 2026-03-16
as-of: 2026-02-25
`;

function body(lang: 'ja' | 'en'): string {
  const ja = lang === 'ja';
  const all = tokens.join(' ');
  return `## ${ja ? '見出し' : 'Heading'} ${hash} {#sec-one}

${ja ? '試算の詳細は' : 'The details of the estimate are at'} ${url} ${ja ? 'にある。ハッシュは' : 'and the hash is'} ${hash}${ja ? '、複合語は' : ', the compound'} ${german}${ja ? '、化合物は' : ', the compound'} ${chemical}${ja ? 'である' : ''}[^a]。:ref{#fig-one}

:::figure{#fig-one source="${ja ? '筆者作成' : 'Prepared by the author'}"}
${ja ? '長い語' : 'Long tokens'} ${all}

| ${ja ? '項目' : 'Item'} | ${ja ? '内容' : 'Content'} |
| --- | --- |
| ${ja ? '語' : 'Tokens'} ${all} | ${all} |
:::

\`\`\`
${all}
\`\`\`

[^a]: ${ja ? '注の本文' : 'The note'} ${all}.
`.replace(/。:ref/, ja ? '。:ref' : '. :ref');
}

const mm = (v: number) => (v * 72) / 25.4;
const margin = reportTemplate.page.margin;
/** Glyphs of the note numbers hung in the margin, and of marks (superscript digits). */
const hung = (it: Item) => /^\d+$/.test(it.str.trim()) && it.size < reportTemplate.sizes.note;

const built = new Map<string, string>();
const tagged = new Map<string, UaReport>();
const pages = new Map<string, { items: Item[][]; width: number; height: number }>();

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'pdf-long-tokens-'));
  const source = join(root, 'long-tokens');
  mkdirSync(source);
  writeFileSync(join(source, 'brief.yaml'), yaml);
  writeFileSync(join(source, 'ja.md'), body('ja'));
  writeFileSync(join(source, 'en.md'), body('en'));
  writeFileSync(join(source, 'references.yaml'), 'references: []\n');
  for (const [lang, path] of buildPdf(source, join(root, 'out'), 'long-tokens')) {
    built.set(lang, path);
    tagged.set(lang, await checkPdfUa(path, { lang, firstPage: 1 }));
    const read = await readItems(path);
    pages.set(lang, { items: read.items, width: read.width, height: read.height });
  }
}, 120_000);

describe.each(['ja', 'en'])('long tokens in the %s PDF', (lang) => {
  it('builds', () => {
    expect(built.has(lang)).toBe(true);
  });

  it('sets no glyph outside the text block', () => {
    const { items, width } = pages.get(lang)!;
    expect(glyphsOutside(items, width, { inner: mm(margin.inner), outer: mm(margin.outer) }, hung)).toEqual([]);
  });

  it('ends a running head too long for its line in an ellipsis', () => {
    const { items } = pages.get(lang)!;
    // The running head of page 2: the line at the top, above the text block.
    const head = items[1]!
      .filter((it) => it.y < mm(margin.top))
      .map((it) => it.str)
      .join('');
    expect(head.trim().endsWith('…'), head).toBe(true);
  });

  it('gives every token back whole in every place it stands', () => {
    const { items } = pages.get(lang)!;
    // Text with a newline where a line ends, then joined across line ends (no space or hyphen inserted where a token breaks).
    // Reading order across pages: the body of every page (running heads and folios left out), then the notes
    // (from the first note number at the left edge down). The continuation mark of wrapped code is an
    // artifact: left out, as a tagged-PDF reader leaves it out.
    const mark = reportTemplate.strings[lang]!.codeContinuation;
    const { height } = pages.get(lang)!;
    const left = Math.min(mm(margin.inner), mm(margin.outer));
    const textOf = (list: Item[]) => list.map((it, k) => (k > 0 && Math.abs(it.y - list[k - 1]!.y) > 1 ? '\n' : '') + it.str).join('');
    const bodies: string[] = [];
    const notes: string[] = [];
    for (const page of items) {
      const inBlock = page.filter((it) => it.y > mm(margin.top) && it.y < height - mm(margin.bottom));
      const noteTop = Math.min(...inBlock.filter((it) => hung(it) && it.x < left + 1).map((it) => it.y));
      bodies.push(textOf(inBlock.filter((it) => it.y < noteTop - 1)));
      notes.push(textOf(inBlock.filter((it) => it.y >= noteTop - 1)));
    }
    const lines = [...bodies, ...notes].join('\n').split(mark).join('');
    const joined = lines.replace(/[ \t]+/g, '').replace(/\n/g, '');
    // English words may be hyphenated (the hyphen is in the drawing, the word whole in /ActualText).
    const dehyphenated = lines
      .replace(/[ \t]+/g, '')
      .replace(/-\n/g, '')
      .replace(/\n/g, '');
    for (const token of tokens) {
      const text = token === german && lang === 'en' ? dehyphenated : joined;
      const count = text.split(token).length - 1;
      // Paragraph, caption, two table cells, note, code block (and the heading for the hash).
      expect(count, token).toBeGreaterThanOrEqual(token === hash ? 7 : 6);
    }
  });

  it('is tagged (PDF/UA), every token whole in the structure (a hyphenated word by its /ActualText)', () => {
    const report = tagged.get(lang)!;
    expect(report.problems).toEqual([]);
    const text = report.text.replace(/\s+/g, '');
    for (const token of tokens) expect(text.split(token).length - 1, token).toBeGreaterThanOrEqual(6);
  });
});
