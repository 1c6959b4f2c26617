/** The PDF's document title joins title and subtitle with the template's `titleWithSubtitle`. */
import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { DocumentModel, LanguageTag } from '@brief/document-model';
import { reportTemplate } from '@brief/templates';
import { renderPdf } from './index.js';

const doc = (lang: LanguageTag, title: string, subtitle: string): DocumentModel => ({
  kind: 'document',
  meta: { id: 'meta', lang, languages: [lang], title, subtitle, authors: [{ name: 'A. Tester' }], published: '2026-03-16', notices: [] },
  sourceDir: '/nonexistent',
  body: [{ kind: 'paragraph', children: [{ kind: 'text', value: 'Text.' }] }],
  notes: [],
});

async function titleOf(model: DocumentModel): Promise<string> {
  const pdf = await getDocument({ data: await renderPdf(model, reportTemplate), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const info = (await pdf.getMetadata()).info as Record<string, string>;
  await pdf.destroy();
  return info.Title ?? '';
}

describe('the PDF document title', () => {
  it('joins title and subtitle as the language does', async () => {
    expect(await titleOf(doc('en', 'Algorithmic Tariffs', 'Options for Oversight'))).toBe('Algorithmic Tariffs: Options for Oversight');
    expect(await titleOf(doc('ja', '自治体のデジタル化', '個人情報保護の論点'))).toBe('自治体のデジタル化―個人情報保護の論点―');
  });
});
