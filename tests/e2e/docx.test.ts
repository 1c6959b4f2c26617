/**
 * DOCX editions of the sample, built with the real CLI and read back with
 * fflate only: well-formed parts, native footnotes, Word styles, East Asian
 * settings, contents, running heads, page numbers, figures and the table.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { XMLValidator } from 'fast-xml-parser';
import { blockText, headings, type DocumentModel } from '@brief/document-model';
import { buildDocx, models, readDocx, sample, sampleId, type BuiltDocx, type Docx } from '../helpers/docx.js';

let built: BuiltDocx[] = [];
const docs = new Map<string, Docx>();
let expected = new Map<string, DocumentModel>();

beforeAll(() => {
  const out = mkdtempSync(join(tmpdir(), 'docx-e2e-'));
  built = buildDocx(sample, out, sampleId);
  for (const b of built) docs.set(b.lang, readDocx(b.path));
  expected = models(sample);
});

describe('DOCX editions of the sample', () => {
  it('builds one edition per declared language', () => {
    expect(built.map((b) => b.lang).sort()).toEqual([...expected.keys()].sort());
    expect(built.map((b) => b.lang)).toContain('ja');
  });

  it('has only well-formed XML parts', () => {
    for (const [lang, doc] of docs) {
      const names = Object.keys(doc.files).filter((n) => /\.(xml|rels)$/.test(n));
      expect(names).toContain('word/document.xml');
      for (const name of names) {
        const result = XMLValidator.validate(doc.xml(name));
        expect(result, `${lang} ${name}`).toBe(true);
      }
    }
  });

  it('has 62 native footnotes, referenced in order, numbered as the model', () => {
    for (const [lang, doc] of docs) {
      const model = expected.get(lang)!;
      expect(model.notes).toHaveLength(62);
      const notes = [...doc.xml('word/footnotes.xml').matchAll(/<w:footnote w:id="(\d+)">/g)].map((m) => Number(m[1]));
      expect(notes, lang).toEqual(model.notes.map((n) => n.number));
      const refs = [...doc.xml('word/document.xml').matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((m) => Number(m[1]));
      // Word numbers footnotes in the order of their references: the same order gives the model's numbers.
      expect(refs, lang).toEqual(Array.from({ length: 62 }, (_, i) => i + 1));
    }
  });

  it('defines the Word styles the paragraphs use', () => {
    for (const [lang, doc] of docs) {
      const styles = doc.xml('word/styles.xml');
      for (const id of ['Normal', 'Title', 'Heading1', 'Heading2', 'Heading3', 'FootnoteText', 'FootnoteReference', 'Caption', 'ReportTable']) {
        expect(styles, `${lang} ${id}`).toContain(`w:styleId="${id}"`);
      }
      const body = doc.xml('word/document.xml');
      const used = new Set([...body.matchAll(/<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"\/>/g)].map((m) => m[1]!));
      for (const id of used) expect(styles, `${lang} uses ${id}`).toContain(`w:styleId="${id}"`);
      const model = expected.get(lang)!;
      const styled = (level: number) => body.split(`<w:pStyle w:val="Heading${level}"/>`).length - 1;
      for (const level of [1, 2, 3] as const) {
        expect(styled(level), `${lang} heading ${level}`).toBe(headings(model).filter((h) => h.level === level).length);
      }
    }
  });

  it('sets East Asian fonts and languages', () => {
    for (const [lang, doc] of docs) {
      const styles = doc.xml('word/styles.xml');
      expect(styles).toMatch(/<w:lang w:val="[a-z]{2}-[A-Z]{2}" w:eastAsia="ja-JP"\/>/);
      expect(styles).toMatch(/<w:rFonts w:ascii="Noto Serif(?: JP)?" w:cs="[^"]+" w:eastAsia="Noto Serif JP"/);
      expect(styles).toMatch(/<w:rFonts w:ascii="Noto Sans(?: JP)?" w:cs="[^"]+" w:eastAsia="Noto Sans JP"/);
      if (lang === 'ja') expect(styles).toContain('<w:ind w:firstLine="210"/>');
      // Japanese text inside an English edition: runs in the Japanese face and language.
      const model = expected.get(lang)!;
      if (lang !== 'ja' && /[\u3040-\u30ff\u4e00-\u9fff]/.test(blockText(model.body))) {
        expect(doc.xml('word/document.xml')).toMatch(/<w:rFonts w:ascii="Noto Serif JP"[^>]*w:eastAsia="Noto Serif JP"[^>]*\/><w:lang w:val="ja-JP" w:eastAsia="ja-JP"\/>/);
      }
      expect(doc.xml('docProps/core.xml')).toContain(`<dc:language>${lang === 'ja' ? 'ja-JP' : 'en-US'}</dc:language>`);
    }
  });

  it('writes the title block, contents, running head and page numbers from 45', () => {
    for (const [lang, doc] of docs) {
      const model = expected.get(lang)!;
      const body = doc.xml('word/document.xml');
      expect(body).toContain('<w:pStyle w:val="Title"/>');
      expect(body).toMatch(/<w:instrText xml:space="preserve">TOC \\h \\o &quot;1-1&quot;<\/w:instrText>/);
      // The contents are written out: one entry per chapter, each with a page number.
      const entries = body.split('<w:pStyle w:val="TOC1"/>').length - 1;
      expect(entries).toBe(headings(model).filter((h) => h.level === 1).length);
      expect([...body.matchAll(/PAGEREF _Toc\d+ \\h<\/w:instrText><w:fldChar w:fldCharType="separate"\/><w:t xml:space="preserve">(\d+)</g)]).toHaveLength(entries);
      expect(body).toContain(`<w:pgNumType w:start="${model.meta.series!.firstPage}"/>`);
      const headers = Object.keys(doc.files)
        .filter((n) => /^word\/header\d*\.xml$/.test(n))
        .map((n) => doc.xml(n));
      expect(headers.some((h) => h.includes(model.meta.series!.title))).toBe(true);
      const core = doc.xml('docProps/core.xml');
      expect(core).toContain(`<dc:title>${model.meta.title}</dc:title>`);
      expect(core).toContain(`${model.meta.published}T00:00:00Z</dcterms:created>`);
      expect(core).toContain(`${model.meta.published}T00:00:00Z</dcterms:modified>`);
    }
  });

  it('has the figures as SVG with PNG fallbacks and the table with a repeated header row', () => {
    for (const [lang, doc] of docs) {
      const model = expected.get(lang)!;
      const figures = model.body.filter((b) => b.kind === 'figure');
      const images = figures.filter((f) => f.kind === 'figure' && f.body.kind === 'image').length;
      const tables = figures.length - images;
      const body = doc.xml('word/document.xml');
      expect(body.split('<asvg:svgBlip').length - 1, lang).toBe(images);
      expect(body.split('<w:tbl>').length - 1, lang).toBe(tables);
      expect(body.split('<w:tblHeader/>').length - 1, lang).toBe(tables);
      const media = Object.keys(doc.files).filter((n) => n.startsWith('word/media/'));
      expect(media.filter((n) => n.endsWith('.svg'))).toHaveLength(images);
      expect(media.filter((n) => n.endsWith('.png'))).toHaveLength(images);
      expect(body.split('<w:pStyle w:val="Caption"/>').length - 1).toBe(figures.length);
    }
  });
});
