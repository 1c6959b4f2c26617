/**
 * Generated reports (tests/helpers/gen-stress.ts) of 1 to 300 pages, in
 * Japanese and English, with long words and URLs, code, wide tables and
 * tables longer than a page, figures after headings, several in a row,
 * before their first mention and at the report's end. For each PDF:
 * no glyph lies outside the text block (pdfjs-dist positions), the text of
 * every heading, paragraph and note is in the tagged structure in reading
 * order (nothing lost), and no page but the last has a blank band taller
 * than 0.3 of the page (rendered at 40 dpi; figures float, so only a heading
 * that does not fit with its first lines, or a figure set before the next
 * chapter, leaves a page short).
 *
 * `npm test` builds the sizes in BRIEF_STRESS_PAGES (default 1 and 12
 * pages); `npm run test:slow` adds 100 and 300.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportTemplate } from '@brief/templates';
import type { DocumentModel } from '@brief/document-model';
import { blankBands } from '../helpers/blank-band.js';
import { writeStressReport, type StressFigures } from '../helpers/gen-stress.js';
import { buildPdf, editions } from '../helpers/pdf-build.js';
import { glyphsOutside, readItems, type Item } from '../helpers/pdf-lines.js';
import { checkPdfUa, modelReadingOrder, outOfOrder, type UaReport } from '../helpers/pdf-ua.js';

const sizes = (process.env.BRIEF_STRESS_PAGES ?? '1,12').split(',').map(Number);
/**
 * The largest blank band allowed on any page but the last, as a fraction of
 * the page height. A page keeps its lines in place: one that ends early (a
 * chapter's heading and first lines do not fit, or a figure must go before
 * the next chapter) leaves its blank at the foot, at most
 * `proportions.flushBottomMax` of the text block; the band also holds the
 * space down to the folio.
 */
const maxBand = 0.3;

const mm = (v: number) => (v * 72) / 25.4;
const margin = reportTemplate.page.margin;
const hung = (it: Item) => /^\d+$/.test(it.str.trim()) && it.size < reportTemplate.sizes.note;

interface Built {
  doc: DocumentModel;
  placed: StressFigures;
  items: Item[][];
  width: number;
  report: UaReport;
  bands: number[];
}
const built = new Map<string, Built>();

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'pdf-stress-'));
  for (const pages of sizes) {
    const id = `stress-${pages}`;
    const source = join(root, id);
    const placed = writeStressReport(source, id, { pages, seed: pages });
    const docs = editions(source);
    for (const [lang, path] of buildPdf(source, join(root, 'out'), id)) {
      const read = await readItems(path);
      built.set(`${pages}/${lang}`, {
        doc: docs.get(lang)!,
        placed,
        items: read.items,
        width: read.width,
        report: await checkPdfUa(path, { lang, firstPage: 1 }),
        bands: await blankBands(path),
      });
    }
  }
}, 1_800_000);

describe.each(sizes.flatMap((pages) => ['ja', 'en'].map((lang) => ({ pages, lang }))))('a generated report of about $pages pages, $lang', ({ pages, lang }) => {
  const get = () => built.get(`${pages}/${lang}`)!;

  it('has about the pages asked for', () => {
    const { items } = get();
    expect(items.length).toBeGreaterThanOrEqual(Math.max(1, Math.floor(pages / 2)));
    expect(items.length).toBeLessThanOrEqual(Math.max(3, pages * 2));
  });

  it('sets no glyph outside the text block', () => {
    const { items, width } = get();
    // A Japanese measure is a whole number of characters, centred between the margins.
    const full = width - mm(margin.inner) - mm(margin.outer);
    const size = reportTemplate.sizes.body;
    const inset = reportTemplate.typography[lang as 'ja' | 'en']!.gridMeasure ? (full - Math.floor(full / size + 1e-9) * size) / 2 : 0;
    expect(glyphsOutside(items, width, { inner: mm(margin.inner), outer: mm(margin.outer) }, hung, inset)).toEqual([]);
  });

  it('loses no text: every heading, paragraph and note in the structure, in reading order', () => {
    const { doc, report } = get();
    expect(report.problems).toEqual([]);
    expect(outOfOrder(report.text, modelReadingOrder(doc))).toEqual([]);
  });

  it('sets every figure on or after the page of its first mention, and by the page after its chapter ends', () => {
    const { items, placed } = get();
    const pages = items.map((page) =>
      page
        .map((it) => it.str)
        .join('')
        .replace(/\s+/g, ''),
    );
    const lastPage = (text: string) => pages.findLastIndex((p) => p.includes(text.replace(/\s+/g, '')));
    const ja = lang === 'ja';
    const late: string[] = [];
    for (const f of placed.figures) {
      const at = lastPage(ja ? `図表${f.n}の題` : `Caption of figure ${f.n} (`);
      expect(at, `figure ${f.n}`).toBeGreaterThanOrEqual(0);
      if (f.mentionedAfter) {
        const mention = lastPage(ja ? `図のとおり（図表${f.n}）` : `As the figure shows (Figure ${f.n})`);
        expect(mention, `mention of figure ${f.n}`).toBeGreaterThanOrEqual(0);
        if (at < mention) late.push(`figure ${f.n} on page ${at + 1}, before its mention on page ${mention + 1}`);
      }
      // The chapter ends on the page where the next one begins (or the one before it).
      if (f.chapter < placed.chapters) {
        const next = lastPage(ja ? `第${f.chapter + 1}章の論点` : `Chapter ${f.chapter + 1} on trade`);
        if (at > next + 1) late.push(`figure ${f.n} of chapter ${f.chapter} on page ${at + 1}, the next chapter begins on page ${next + 1}`);
      }
    }
    expect(late).toEqual([]);
  });

  it('leaves no page but the last with a blank band over 0.3 of the page', () => {
    const { bands } = get();
    const tall = bands.slice(0, -1).flatMap((b, p) => (b > maxBand ? [`page ${p + 1}: ${b.toFixed(3)}`] : []));
    expect(tall).toEqual([]);
  });
});
