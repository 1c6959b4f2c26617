/**
 * A table that goes on at the top of a page repeats its header row there,
 * with a line naming it above (`strings.figureContinued`: Figure 1
 * (continued), 図表1（続き）), as a typesetter sets a long table; neither is
 * on the table's first page, and both are artifacts (not read twice).
 */
import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Block, LanguageTag } from '@brief/document-model';
import { reportTemplate } from '@brief/templates';
import { renderPdf } from './index.js';
import { testDocument } from './test-context.js';

const text = (value: string) => ({ kind: 'text', value });
const longTable = (label: string, rows: number): Block =>
  ({
    kind: 'figure',
    id: 'tab-long',
    number: 1,
    label,
    caption: [text('Costs')],
    body: {
      kind: 'table',
      table: {
        align: [null, 'right'],
        header: { cells: [{ children: [text('Year')] }, { children: [text('Cost')] }] },
        rows: Array.from({ length: rows }, (_, k) => ({ cells: [{ children: [text(String(1900 + k))] }, { children: [text(String(k * 7))] }] })),
      },
    },
  }) as unknown as Block;

/** Per page: its text items in drawing order, and which of them are marked as artifacts. */
async function pages(lang: LanguageTag, label: string): Promise<{ items: { str: string; y: number; artifact: boolean }[] }[]> {
  const doc = testDocument(lang, [{ kind: 'paragraph', children: [text('Before.')] } as Block, longTable(label, 90)]);
  const pdf = await getDocument({ data: await renderPdf(doc, reportTemplate), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const out = [];
  for (let p = 1; p <= pdf.numPages; p++) {
    const content = await (await pdf.getPage(p)).getTextContent({ includeMarkedContent: true });
    const items: { str: string; y: number; artifact: boolean }[] = [];
    let artifact = 0;
    for (const it of content.items) {
      if ('type' in it) {
        if (it.type === 'beginMarkedContent' || it.type === 'beginMarkedContentProps') artifact = (it as { tag?: string }).tag === 'Artifact' || artifact > 0 ? artifact + 1 : 0;
        else if (it.type === 'endMarkedContent' && artifact > 0) artifact--;
        continue;
      }
      if (it.str.trim()) items.push({ str: it.str, y: it.transform[5]!, artifact: artifact > 0 });
    }
    out.push({ items });
  }
  await pdf.destroy();
  return out;
}

describe('a table continued on the next page', () => {
  for (const [lang, label, line] of [
    ['en', 'Figure 1', 'Figure 1 (continued)'],
    ['ja', '図表1', '図表1（続き）'],
  ] as const) {
    it(`is named above its repeated header (${lang}: ${line})`, async () => {
      const all = await pages(lang, label);
      const withRows = all.filter((p) => p.items.some((i) => /^19\d\d$/.test(i.str)));
      expect(withRows.length).toBeGreaterThan(1);
      expect(withRows[0]!.items.some((i) => i.str.includes(line))).toBe(false);
      for (const page of withRows.slice(1)) {
        // A line's runs of one script and style are drawn as items of their own.
        const onLine = (y: number) => page.items.filter((i) => Math.abs(i.y - y) < 0.01);
        const named = page.items.find(
          (i) =>
            onLine(i.y)
              .map((j) => j.str)
              .join('') === line,
        );
        const head = page.items.find((i) => i.str === 'Year');
        expect(named, 'the line naming the table').toBeDefined();
        expect(onLine(named!.y).every((i) => i.artifact)).toBe(true);
        expect(head!.artifact).toBe(true);
        // Above the header (PDF y grows upwards).
        expect(named!.y).toBeGreaterThan(head!.y);
      }
    });
  }
});
