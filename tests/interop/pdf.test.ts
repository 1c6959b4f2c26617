/**
 * PDF editions of the sample checked with poppler: every font embedded as a
 * subset with a Unicode map, the text extracted by pdftotext holds the
 * chapter titles and the notes, and the document information is set. A
 * code line continued on the next line copies whole, without the
 * continuation mark.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { blockText, headings, inlineText, type DocumentModel } from '@brief/document-model';
import { buildPdf, editions, sample, sampleId, squash } from '../helpers/pdf-build.js';

let built = new Map<string, string>();
let models = new Map<string, DocumentModel>();

beforeAll(() => {
  const out = mkdtempSync(join(tmpdir(), 'pdf-interop-'));
  built = buildPdf(sample, out, sampleId);
  models = editions(sample);
});

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

describe('PDF editions read by poppler', () => {
  it('embeds every font as a subset with a ToUnicode map (pdffonts)', () => {
    expect(built.size).toBeGreaterThan(0);
    for (const [lang, path] of built) {
      const rows = run('pdffonts', [path]).trim().split('\n').slice(2);
      expect(rows.length, lang).toBeGreaterThan(0);
      for (const row of rows) {
        const cols = row.trim().split(/\s+/);
        // name type… encoding emb sub uni object ID
        const [emb, sub, uni] = cols.slice(-5, -2);
        expect([emb, sub, uni], `${lang}: ${row}`).toEqual(['yes', 'yes', 'yes']);
        expect(cols[0], row).toMatch(/^[A-Z]{6}\+/);
      }
    }
  });

  it('gives back the chapter titles and every note (pdftotext)', () => {
    for (const [lang, path] of built) {
      const text = squash(run('pdftotext', ['-enc', 'UTF-8', path, '-']));
      const doc = models.get(lang)!;
      for (const h of headings(doc).filter((h) => h.level === 1)) {
        expect(text, `${lang}: ${inlineText(h.children)}`).toContain(squash(inlineText(h.children)));
      }
      for (const note of doc.notes) {
        const body = squash(blockText(note.children));
        // A note continued on the next page is interrupted by that page's body text.
        const whole = text.includes(body);
        const ends = text.includes(body.slice(0, 24)) && text.includes(body.slice(-24));
        expect(whole || ends, `${lang} note ${note.number}: ${body.slice(0, 40)}`).toBe(true);
      }
    }
  });

  it('sets title, author, subject and the publication date (pdfinfo)', () => {
    for (const [lang, path] of built) {
      const info = run('pdfinfo', ['-enc', 'UTF-8', path]);
      const meta = models.get(lang)!.meta;
      expect(
        info
          .split('\n')
          .find((l) => l.startsWith('Title:'))
          ?.replace(/^Title:\s+/, ''),
        lang,
      ).toBe(meta.title);
      expect(info, lang).toContain(meta.authors[0]!.name);
      expect(info, lang).toMatch(/CreationDate:\s+Mon Mar 16 00:00:00 2026 UTC/);
      expect(info, lang).toMatch(/Subject:\s+\S/);
      expect(info, lang).toMatch(/Keywords:\s+\S/);
    }
  });
});

describe('code copied from the PDF (pdftotext)', () => {
  it('gives a wrapped line back whole, without the continuation mark', () => {
    const root = mkdtempSync(join(tmpdir(), 'pdf-interop-code-'));
    const source = join(root, 'code-copy');
    mkdirSync(source);
    writeFileSync(join(source, 'brief.yaml'), 'id: code-copy\nlanguages: [en]\ntitle: Code\nauthors:\n  - name: A. Tester\npublished: 2026-03-16\n');
    const line = `    digest = "sha256:${'0123456789abcdef'.repeat(8)}"  # ${'a long comment '.repeat(5)}end`;
    writeFileSync(join(source, 'en.md'), `## Code\n\nThe check:\n\n\`\`\`\n${line}\n\`\`\`\n`);
    const path = buildPdf(source, join(root, 'out'), 'code-copy').get('en')!;
    const text = run('pdftotext', ['-enc', 'UTF-8', path, '-']);
    expect(text).not.toContain('→');
    expect(squash(text)).toContain(squash(line));
  });
});
