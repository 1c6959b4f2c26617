/**
 * Tagged PDF (PDF/UA-1): the sample and the contract example, both
 * editions, in both built-in house styles, checked with the helper
 * `tests/helpers/pdf-ua.ts` (the Matterhorn conditions it can check without
 * veraPDF; docs/accessibility.md), and read in structure order against the
 * model's reading order (notes after the paragraph of their first mark).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentModel } from '@brief/document-model';
import { readSource } from '@brief/source-reader';
import { policyBriefTemplate, reportTemplate, type Template } from '@brief/templates';
import { buildFormat } from '../helpers/build.js';
import { checkPdfUa, modelReadingOrder, outOfOrder, type StructElem, type UaReport } from '../helpers/pdf-ua.js';

const sources = [
  { source: 'sources/trump-second-term-year-one', id: 'trump-second-term-year-one' },
  { source: 'tests/fixtures/contract-example', id: 'sample-one' },
];
const styles: { name: string; template: Template }[] = [
  { name: 'report', template: reportTemplate },
  { name: 'policy-brief', template: policyBriefTemplate },
];

interface Case {
  label: string;
  doc: DocumentModel;
  report: UaReport;
}

const cases: Case[] = [];

/** A source with what the sample lacks: lists (nested, with a note), a quotation, code, a rule, a plain table, strike-through, a run in another language, a long URL, hyphenated words. */
function kitchenSink(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-tagged-source-'));
  writeFileSync(join(dir, 'brief.yaml'), 'id: kitchen-sink\nlanguages: [en]\ntitle: Kitchen sink\nauthors: [{name: A. Author}]\npublished: 2026-01-01\n');
  writeFileSync(
    join(dir, 'en.md'),
    [
      '## First chapter',
      '',
      'A paragraph with a note[^a], a [link](https://example.org/a/very/long/path/that/keeps/going/on/and/on/for/a/while/to/break/across/lines), ~~struck text~~ and :lang[ein deutsches Wort]{lang=de}. Extraordinarily long hyphenatable vocabulary: internationalization, institutionalization, characteristically, incomprehensibilities, counterrevolutionaries, uncharacteristically.',
      '',
      '### A section',
      '',
      '- First item with a note[^b]',
      '- Second item',
      '  1. Nested one',
      '  2. Nested two',
      '',
      '> A quotation long enough to wrap over the line at least once or twice in the column of text.',
      '',
      '```',
      'code line one',
      '    indented code',
      '```',
      '',
      '---',
      '',
      '| Head A | Head B |',
      '| --- | --- |',
      '| a1 | b1 |',
      '| a2 | b2 |',
      '',
      '#### A subsection',
      '',
      'Last paragraph.',
      '',
      '[^a]: The first note, with some text.',
      '[^b]: The second note.',
      '',
    ].join('\n'),
  );
  return dir;
}

beforeAll(async () => {
  sources.push({ source: kitchenSink(), id: 'kitchen-sink' });
  for (const { source, id } of sources) {
    for (const { name, template } of styles) {
      const out = mkdtempSync(join(tmpdir(), `pdf-tagged-${name}-`));
      const built = buildFormat(source, out, id, 'pdf', ['--template', name]);
      const read = readSource(source, { template });
      for (const { lang, path } of built) {
        const doc = read.editions.find((d) => d.meta.lang === lang)!;
        const report = await checkPdfUa(path, { lang, firstPage: doc.meta.series?.firstPage ?? 1 });
        cases.push({ label: `${id} ${lang} (${name})`, doc, report });
      }
    }
  }
});

describe('tagged PDF (PDF/UA-1)', () => {
  it('builds every edition of the sources in both house styles', () => {
    expect(cases.map((c) => c.label)).toHaveLength(10);
  });

  it('meets every checked Matterhorn condition', () => {
    for (const c of cases) expect(c.report.problems, c.label).toEqual([]);
  });

  it('reads in the model’s order, each note after the paragraph of its first mark', () => {
    for (const c of cases) expect(outOfOrder(c.report.text, modelReadingOrder(c.doc)), c.label).toEqual([]);
  });

  it('has a Document with a Sect per chapter and the elements of the content', () => {
    for (const c of cases) {
      const types = new Set(c.report.types);
      expect(c.report.types[0], c.label).toBe('Document');
      for (const t of ['Sect', 'H1', 'P']) expect(types.has(t), `${c.label}: ${t}`).toBe(true);
      if (c.doc.notes.length > 0) {
        expect(
          c.report.types.filter((t) => t === 'Note'),
          c.label,
        ).toHaveLength(c.doc.notes.length);
        expect(types.has('Reference'), c.label).toBe(true);
      }
    }
  });

  it('names note marks as notes and note numbers as the way back to the text', () => {
    const names = (label: string) => cases.find((c) => c.label === label)!.report.linkNames;
    expect(names('kitchen-sink en (report)')).toEqual(expect.arrayContaining(['Note 1', 'Note 2', '1 Back to text', '2 Back to text']));
    expect(names('trump-second-term-year-one ja (report)')).toEqual(expect.arrayContaining(['注1', '注62', '1 本文へ戻る']));
  });

  it('tags lists, quotations, code, tables and languages', () => {
    const sink = cases.find((c) => c.label === 'kitchen-sink en (report)')!;
    for (const t of ['L', 'LI', 'Lbl', 'LBody', 'BlockQuote', 'Code', 'Table', 'TH', 'TD', 'H2', 'H3', 'Span', 'Link']) expect(sink.report.types, t).toContain(t);
  });

  it('marks the English words of the Japanese edition as English', () => {
    const sample = cases.find((c) => c.label === 'trump-second-term-year-one ja (report)')!;
    const english: string[] = [];
    const walk = (e: StructElem) => {
      if (e.type === 'Span' && typeof e.dict.Lang === 'string' && e.dict.Lang === 'en') english.push(e.type);
      for (const k of e.kids) if ('kids' in k) walk(k);
    };
    walk(sample.report.root!);
    expect(english.length).toBeGreaterThan(10);
  });

  it('marks the Japanese words of the English edition as Japanese', () => {
    const sample = cases.find((c) => c.label === 'trump-second-term-year-one en (report)')!;
    const japanese: string[] = [];
    const walk = (e: StructElem) => {
      if (e.type === 'Span' && e.dict.Lang === 'ja') japanese.push(e.type);
      for (const k of e.kids) if ('kids' in k) walk(k);
    };
    walk(sample.report.root!);
    // 違憲判決 in the English text.
    expect(japanese.length).toBeGreaterThan(0);
  });

  it('labels the pages from the series’ first page', () => {
    const sample = cases.filter((c) => c.label.startsWith('trump-second-term-year-one ja (report)'));
    expect(sample).toHaveLength(1);
    expect(sample[0]!.report.pageLabels?.[0]).toBe('45');
  });
});
