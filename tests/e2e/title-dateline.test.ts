/**
 * A report without a series line (which carries the date) prints its
 * publisher and date after the authors on the title page, in every format;
 * words its title sets in italics in brief.yaml (`*…*`) print in italics
 * there, and the metadata holds the title without the marks.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';

const cli = join(process.cwd(), 'packages/cli/bin/brief.js');

async function firstPageText(path: string): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(readFileSync(path)), useSystemFonts: false, isEvalSupported: false }).promise;
  const content = await (await pdf.getPage(1)).getTextContent();
  await pdf.destroy();
  return content.items.map((item) => ('str' in item ? item.str : '')).join('');
}

describe('the title page of a report without a series', () => {
  const src = mkdtempSync(join(tmpdir(), 'dateline-src-'));
  const out = mkdtempSync(join(tmpdir(), 'dateline-out-'));
  const file = (lang: string, format: string) => join(out, 'memo', `memo.${lang}.${format}`);

  beforeAll(() => {
    writeFileSync(
      join(src, 'brief.yaml'),
      `id: memo
languages: [ja, en]
title: { ja: 試験メモ, en: 'Test memo on *Marbury v. Madison*' }
authors:
  - name: { ja: 山田 花子, en: Yamada Hanako }
publisher: { ja: 政策研究所, en: Institute for Policy Studies }
published: 2026-02-20
`,
    );
    writeFileSync(join(src, 'ja.md'), '## はじめに {#sec-intro}\n\n本文です。\n');
    writeFileSync(join(src, 'en.md'), '## Introduction {#sec-intro}\n\nThe text.\n');
    const r = spawnSync(process.execPath, [cli, 'build', src, '--out', out], { encoding: 'utf8', env: { ...process.env, CI: '1' } });
    expect(r.status, r.stderr).toBe(0);
  }, 120_000);

  it.each([
    ['ja', '政策研究所', '2026年2月20日'],
    ['en', 'Institute for Policy Studies', 'February 20, 2026'],
  ])('prints the %s publisher and date after the authors', async (lang, publisher, date) => {
    const pdf = (await firstPageText(file(lang, 'pdf'))).replace(/\s+/g, '');
    const squash = (s: string) => s.replace(/\s+/g, '');
    expect(pdf.indexOf(squash(publisher))).toBeGreaterThan(pdf.indexOf(squash(lang === 'ja' ? '山田花子' : 'Yamada Hanako')));
    expect(pdf).toContain(squash(date));
    const docx = strFromU8(unzipSync(new Uint8Array(readFileSync(file(lang, 'docx'))))['word/document.xml']!).replace(/<[^>]+>/g, '');
    expect(docx).toContain(publisher);
    expect(docx).toContain(date);
    const epub = unzipSync(new Uint8Array(readFileSync(file(lang, 'epub'))));
    const title = Object.entries(epub).find(([name]) => /title/.test(name) && name.endsWith('.xhtml'));
    expect(strFromU8(title![1])).toContain(publisher);
  });

  it('sets the words the title marks with asterisks in italics, and leaves the marks out of its metadata', async () => {
    const pdf = await getDocument({ data: new Uint8Array(readFileSync(file('en', 'pdf'))), useSystemFonts: false, isEvalSupported: false }).promise;
    const info = (await pdf.getMetadata()).info as { Title?: string };
    const items = (await (await pdf.getPage(1)).getTextContent()).items.flatMap((item) => ('str' in item && item.str.trim() !== '' ? [item] : []));
    const italicName = items.find((item) => item.str.includes('Marbury'))?.fontName;
    const romanName = items.find((item) => item.str.includes('Test'))?.fontName;
    await pdf.destroy();
    expect(info.Title).toBe('Test memo on Marbury v. Madison');
    expect(italicName).toBeDefined();
    expect(italicName).not.toBe(romanName);
    const docx = strFromU8(unzipSync(new Uint8Array(readFileSync(file('en', 'docx'))))['word/document.xml']!);
    expect(docx).toMatch(/<w:rStyle w:val="Emphasis"\/>(?:(?!<\/w:r>).)*<w:t[^>]*>Marbury v\. Madison<\/w:t>/s);
    expect(docx).not.toContain('*Marbury');
    const epub = unzipSync(new Uint8Array(readFileSync(file('en', 'epub'))));
    const title = Object.entries(epub).find(([name]) => /title\.xhtml$/.test(name));
    expect(strFromU8(title![1])).toContain('<h1 class="title">Test memo on <em>Marbury v. Madison</em></h1>');
    expect(strFromU8(Object.entries(epub).find(([name]) => name.endsWith('.opf'))![1])).toContain('>Test memo on Marbury v. Madison<');
  });
});
