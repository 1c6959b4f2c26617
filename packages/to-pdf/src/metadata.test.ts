/** The PDF's document title joins title and subtitle with the template's `titleWithSubtitle`. */
import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { DocumentModel, LanguageTag } from '@brief/document-model';
import { reportTemplate } from '@brief/templates';
import { renderPdf } from './index.js';

const doc = (lang: LanguageTag, title: string, subtitle: string, authors = ['A. Tester']): DocumentModel => ({
  kind: 'document',
  meta: { id: 'meta', lang, languages: [lang], title, subtitle, authors: authors.map((name) => ({ name })), published: '2026-03-16', notices: [] },
  sourceDir: '/nonexistent',
  body: [{ kind: 'paragraph', children: [{ kind: 'text', value: 'Text.' }] }],
  notes: [],
});

async function metadataOf(model: DocumentModel) {
  const pdf = await getDocument({ data: await renderPdf(model, reportTemplate), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const { info, metadata } = await pdf.getMetadata();
  await pdf.destroy();
  return { info: info as Record<string, string>, xmp: metadata };
}

const titleOf = async (model: DocumentModel) => (await metadataOf(model)).info.Title ?? '';

describe('the PDF document title', () => {
  it('joins title and subtitle as the language does', async () => {
    expect(await titleOf(doc('en', 'Algorithmic Tariffs', 'Options for Oversight'))).toBe('Algorithmic Tariffs: Options for Oversight');
    expect(await titleOf(doc('ja', '自治体のデジタル化', '個人情報保護の論点'))).toBe('自治体のデジタル化―個人情報保護の論点―');
    // A subtitle typed with dashes of its own does not get a second pair.
    expect(await titleOf(doc('ja', '地域経済の課題', '〜RCEPと観光の行方〜'))).toBe('地域経済の課題―RCEPと観光の行方―');
    expect(await titleOf(doc('ja', '地域経済の課題', '――RCEPと観光の行方――'))).toBe('地域経済の課題―RCEPと観光の行方―');
  });
});

describe('the XMP metadata', () => {
  it('names each author in an entry of dc:creator, escaped', async () => {
    const { info, xmp } = await metadataOf(doc('en', 'R&D <Policy>', 'Notes', ['Ann Lee', 'Bo Kim & Co']));
    expect(info.Author).toBe('Ann Lee, Bo Kim & Co');
    expect(xmp?.get('dc:creator')).toEqual(['Ann Lee', 'Bo Kim & Co']);
    expect(xmp?.get('dc:title')).toBe('R&D <Policy>: Notes');
  });
});
