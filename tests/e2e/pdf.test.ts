/**
 * PDF editions of the sample, built with the real CLI and read back line by
 * line with pdfjs-dist: no line breaks the Japanese line-breaking rules, full
 * lines of the body end flush right, every note starts at the foot of the
 * page that holds its mark, no page but the last is left with a blank band
 * over 0.3 of its height, and the editions carry their metadata.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { reportTemplate } from '@brief/templates';
import type { DocumentModel } from '@brief/document-model';
import { blankBands } from '../helpers/blank-band.js';
import { buildPdf, editions, sample, sampleId } from '../helpers/pdf-build.js';
import { flushRight, kinsokuViolations, notesOnTheirPage, readLines, type PdfText } from '../helpers/pdf-lines.js';

const sizes = reportTemplate.sizes;
let built = new Map<string, string>();
const texts = new Map<string, PdfText>();
let models = new Map<string, DocumentModel>();

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), 'pdf-e2e-'));
  built = buildPdf(sample, out, sampleId);
  models = editions(sample);
  for (const [lang, path] of built) texts.set(lang, await readLines(path));
});

describe('PDF editions of the sample', () => {
  it('builds one edition per declared language', () => {
    expect([...built.keys()].sort()).toEqual([...models.keys()].sort());
    expect(built.has('ja')).toBe(true);
  });

  it('breaks no line against the kinsoku rules (body and notes)', () => {
    for (const [lang, text] of texts) {
      const bad = kinsokuViolations(text.lines, [sizes.body, sizes.note]);
      expect(bad, lang).toEqual([]);
    }
  });

  it('ends at least 98 % of the full body lines flush right', () => {
    for (const [lang, text] of texts) {
      const report = flushRight(text, sizes.body);
      expect(report.full, lang).toBeGreaterThan(200);
      expect(report.ratio, `${lang}: ${report.ragged.map((l) => l.text.slice(0, 30)).join(' | ')}`).toBeGreaterThanOrEqual(0.98);
    }
  });

  it('leaves no page but the last with a blank band over 0.3 of the page (figures float; lines keep their places)', async () => {
    for (const [lang, path] of built) {
      const bands = await blankBands(path);
      // A quarter of the text block at most, and the space down to the folio.
      const max = 0.3;
      const tall = bands.slice(0, -1).flatMap((b, p) => (b > max ? [`page ${p + 1}: ${b.toFixed(3)}`] : []));
      expect(tall, lang).toEqual([]);
    }
  });

  it('starts every note on the page of its mark', () => {
    for (const [lang, text] of texts) {
      const notes = models.get(lang)!.notes;
      const { onPage, elsewhere } = notesOnTheirPage(text);
      expect(elsewhere, lang).toEqual([]);
      expect(onPage.length, lang).toBe(notes.length);
    }
    expect(models.get('ja')!.notes.length).toBe(62);
  });

  it('numbers pages from the first page of the printed edition', () => {
    for (const [lang, text] of texts) {
      const first = models.get(lang)!.meta.series?.firstPage ?? 1;
      const folios = text.lines.filter((l) => Math.abs(l.size - sizes.folio) < 0.2 && /^\d+$/.test(l.text.trim())).map((l) => Number(l.text));
      expect(folios[0], lang).toBe(first);
      expect(folios, lang).toEqual(folios.map((_, k) => first + k));
    }
  });

  it('records title, author, language, bookmarks and the publication date', async () => {
    for (const [lang, path] of built) {
      const pdf = await getDocument({ data: new Uint8Array(readFileSync(path)), verbosity: 0 }).promise;
      const info = (await pdf.getMetadata()).info as Record<string, string>;
      const meta = models.get(lang)!.meta;
      expect(info.Title, lang).toBe(meta.title);
      expect(info.Author, lang).toContain(meta.authors[0]!.name);
      expect(info.Language, lang).toBe(lang);
      expect(info.CreationDate, lang).toBe(`D:${meta.published.replace(/-/g, '')}000000Z`);
      // The report style (the sample names no other) sets A4 pages.
      const [, , width, height] = (await pdf.getPage(1)).view;
      expect([Math.round(width!), Math.round(height!)], lang).toEqual([595, 842]);
      const outline = (await pdf.getOutline()) ?? [];
      const chapters = [...models.get(lang)!.body].filter((b) => b.kind === 'heading' && b.level === 1);
      expect(outline.length, lang).toBe(chapters.length);
      await pdf.destroy();
    }
  });
});
