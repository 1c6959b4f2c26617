/**
 * An ideographic variation sequence (葛 U+845B with U+E0100, the form of
 * 葛飾区) is one character: one atom, never split by a line break, and
 * drawn with the face's glyph for the sequence, which a reader's copy and
 * paste gives back as the sequence. A sequence the face has no glyph for is
 * drawn as its base character.
 */
import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { DocumentModel } from '@brief/document-model';
import { reportTemplate } from '@brief/templates';
import { atomize, clusters } from './inlines.js';
import { renderPdf } from './index.js';
import { textContext } from './test-context.js';

const katsushika = '葛\u{E0100}飾区';

describe('variation sequences', () => {
  it('keep each selector with the character before it', () => {
    expect([...clusters(`東${katsushika}\u{E0101}`)]).toEqual(['東', '葛\u{E0100}', '飾', '区\u{E0101}']);
    expect(atomize([{ kind: 'text', value: `東京都${katsushika}` }], textContext()).map((a) => a.text)).toEqual(['東', '京', '都', '葛\u{E0100}', '飾', '区']);
  });

  it('are drawn with the glyph of the sequence, beside the usual form', async () => {
    const doc: DocumentModel = {
      kind: 'document',
      meta: { id: 'variants', lang: 'ja', languages: ['ja'], title: '異体字', authors: [{ name: '著者' }], published: '2026-03-16', notices: [] },
      sourceDir: '/nonexistent',
      body: [{ kind: 'paragraph', children: [{ kind: 'text', value: `東京都${katsushika}と奈良県葛城市、葛\u{E0101}。` }] }],
      notes: [],
    };
    const pdf = await getDocument({ data: await renderPdf(doc, reportTemplate), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
    let text = '';
    for (let p = 1; p <= pdf.numPages; p++) {
      const content = await (await pdf.getPage(p)).getTextContent();
      text += content.items.map((it) => ('str' in it ? it.str : '')).join('');
    }
    await pdf.destroy();
    // One glyph stands for the sequence, another for the usual form (also drawn for U+E0101, which the face lacks).
    expect(text).toContain(`東京都${katsushika}と奈良県葛城市、葛。`);
  });
});
