/**
 * Text copied from the PDF is the text written: characters a face draws
 * with one glyph (～ U+FF5E and 〜 U+301C in Noto Serif JP) each copy as
 * themselves.
 */
import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { reportTemplate } from '@brief/templates';
import { renderPdf } from './index.js';
import { testDocument } from './test-context.js';

async function copiedText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocument({ data: bytes, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  let text = '';
  for (let p = 1; p <= pdf.numPages; p++) {
    const content = await (await pdf.getPage(p)).getTextContent();
    text += content.items.map((it) => ('str' in it ? it.str : '')).join('');
  }
  await pdf.destroy();
  return text;
}

describe('copied text', () => {
  it('gives back each of two characters drawn with one glyph', async () => {
    const doc = testDocument('ja', [{ kind: 'paragraph', children: [{ kind: 'text', value: '3～5日、10〜12日、再び7～8日と9〜10日。' }] }]);
    // The space between a digit and a kanji is a gap on the page, which text extraction reads as a space.
    const copied = (await copiedText(await renderPdf(doc, reportTemplate))).replace(/ /g, '');
    expect(copied).toContain('3～5日、10〜12日、再び7～8日と9〜10日。');
  });
});
