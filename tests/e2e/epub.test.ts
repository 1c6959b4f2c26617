/**
 * EPUB editions of the sample report and of the contract example, built by
 * the real CLI and checked with npm-installed tools only: the container,
 * well-formed XML, notes, marks and links, no scripts, and EPUBCheck's
 * TypeScript port.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { EpubCheck } from '@likecoin/epubcheck-ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildEpubs, marksOf, notesOf, readEpub, text, type Epub } from '../helpers/epub.js';

const sources = [
  { dir: 'sources/trump-second-term-year-one', id: 'trump-second-term-year-one', notes: 62 },
  { dir: 'tests/fixtures/contract-example', id: 'sample-one', notes: 2 },
];

const editions: { name: string; notes: number; epub: Epub }[] = [];

beforeAll(() => {
  const out = mkdtempSync(join(tmpdir(), 'epub-e2e-'));
  for (const s of sources) {
    for (const built of buildEpubs(s.dir, out, s.id)) {
      editions.push({ name: `${s.id}.${built.lang}`, notes: s.notes, epub: readEpub(built.path) });
    }
  }
});

describe('EPUB editions', () => {
  it('builds every declared edition', () => {
    expect(editions.map((e) => e.name)).toContain('trump-second-term-year-one.ja');
    expect(editions.map((e) => e.name)).toEqual(expect.arrayContaining(['sample-one.ja', 'sample-one.en']));
  });

  it('starts with the mimetype entry, stored', () => {
    for (const { name, epub } of editions) {
      expect(epub.order[0], name).toBe('mimetype');
      const view = new DataView(epub.bytes.buffer, epub.bytes.byteOffset);
      expect(view.getUint16(8, true), `${name}: compression method`).toBe(0);
      expect(view.getUint16(28, true), `${name}: extra field`).toBe(0);
      expect(text(epub.bytes.subarray(38, 58)), name).toBe('application/epub+zip');
    }
  });

  it('has only well-formed XML and no scripts', () => {
    for (const { name, epub } of editions) {
      for (const [path, data] of Object.entries(epub.files)) {
        if (!/\.(xhtml|opf|ncx|xml|svg)$/.test(path)) continue;
        const xml = text(data);
        const valid = XMLValidator.validate(xml);
        expect(valid, `${name}: ${path}: ${JSON.stringify(valid)}`).toBe(true);
        expect(xml, `${name}: ${path}`).not.toMatch(/<script\b/i);
        expect(xml, `${name}: ${path}`).not.toMatch(/\son[a-z]+="/i);
      }
      expect(epub.opf, name).not.toContain('scripted');
    }
  });

  it('has every note as a footnote aside, numbered 1…N in reading order', () => {
    for (const { name, notes, epub } of editions) {
      const found = notesOf(epub);
      expect(found.length, name).toBe(notes);
      expect(
        found.map((n) => n.number),
        name,
      ).toEqual(Array.from({ length: notes }, (_, i) => i + 1));
    }
  });

  it('links every mark to its note and every note back to a mark', () => {
    for (const { name, epub } of editions) {
      const notes = new Map(notesOf(epub).map((n) => [n.number, n]));
      const marks = marksOf(epub);
      expect(new Set(marks.map((m) => m.number)).size, name).toBe(notes.size);
      // First marks appear in note order.
      const firsts = [...new Map(marks.map((m) => [m.number, m])).keys()];
      expect(firsts, name).toEqual([...firsts].sort((a, b) => a - b));
      for (const mark of marks) {
        const note = notes.get(mark.number)!;
        const [file, id] = mark.href.split('#');
        expect(file || mark.file, `${name}: mark ${mark.number}`).toBe(note.file);
        expect(id, `${name}: mark ${mark.number}`).toBe(note.id);
      }
      for (const doc of epub.spine) {
        for (const m of doc.xhtml.matchAll(/role="doc-backlink" href="#([^"]+)"/g)) {
          expect(doc.xhtml, `${name}: back-link to ${m[1]}`).toContain(`id="${m[1]}"`);
        }
      }
    }
  });

  it('declares the languages and the package metadata', () => {
    for (const { name, epub } of editions) {
      const lang = name.split('.').pop()!;
      expect(epub.opf, name).toContain(`<dc:language>${lang}</dc:language>`);
      expect(epub.opf, name).toMatch(/<meta property="dcterms:modified">\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/meta>/);
      expect(epub.opf, name).toContain('properties="cover-image"');
      expect(epub.opf, name).toContain('<meta property="schema:accessibilitySummary">');
      for (const doc of epub.spine) expect(doc.xhtml, `${name}: ${doc.href}`).toContain(`lang="${lang}" xml:lang="${lang}"`);
    }
  });

  it('passes the TypeScript port of EPUBCheck', async () => {
    for (const { name, epub } of editions) {
      const result = await EpubCheck.validate(epub.bytes);
      const problems = result.messages.filter((m) => ['fatal', 'error', 'warning'].includes(m.severity));
      expect(
        problems.map((m) => `${m.id} ${m.location?.path ?? ''}: ${m.message}`),
        name,
      ).toEqual([]);
    }
  });
});
