import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { DocumentModel } from '@brief/document-model';
import { reportTemplate } from '@brief/templates';
import { fontKey, obfuscateFont, packageCharacters } from './embedded-fonts.js';
import { renderDocx } from './index.js';

function memo(text: string, lang: 'ja' | 'en'): DocumentModel {
  return {
    kind: 'document',
    meta: { id: 'memo', lang, languages: [lang], title: lang === 'ja' ? '覚書' : 'Memo', authors: [{ name: 'Writer' }], published: '2026-03-16', notices: [] },
    sourceDir: '/nonexistent',
    body: [{ kind: 'paragraph', children: [{ kind: 'text', value: text }] }],
    notes: [],
  } as unknown as DocumentModel;
}

/** The sfnt tag a font file starts with (TrueType or OpenType). */
const sfnt = (bytes: Uint8Array) => [...bytes.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join('');

describe('faces embedded in the DOCX', () => {
  it('obfuscates the first 32 bytes with the key read backwards, and undoes it the same way', () => {
    const font = new Uint8Array(40).map((_, i) => i);
    const key = '00112233-4455-6677-8899-AABBCCDDEEFF';
    const hidden = obfuscateFont(font, key);
    expect(hidden[0]).toBe(0 ^ 0xff);
    expect(hidden[15]).toBe(15 ^ 0x00);
    expect(hidden[16]).toBe(16 ^ 0xff);
    expect([...hidden.subarray(32)]).toEqual([...font.subarray(32)]);
    expect([...obfuscateFont(hidden, `{${key}}`)]).toEqual([...font]);
    expect(fontKey(font)).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
  });

  it('collects the characters runs and list markers set, and the digits of page numbers', () => {
    const parts = new Map([
      ['word/document.xml', '<w:p><w:r><w:t xml:space="preserve">A&amp;b 字</w:t></w:r></w:p>'],
      ['word/numbering.xml', '<w:lvlText w:val="–"/>'],
      ['docProps/core.xml', '<dc:title>Zq</dc:title>'],
    ]);
    expect(packageCharacters(parts)).toBe([...' &0123456789Ab–字'].sort().join(''));
    // The symbols Word numbers list levels with (ア イ, a b) are set too.
    const numbered = packageCharacters(new Map([['word/numbering.xml', '<w:numFmt w:val="aiueoFullWidth"/><w:numFmt w:val="lowerLetter"/>']]));
    for (const ch of 'アイウzb') expect(numbered).toContain(ch);
  });

  it('embeds the report faces an English edition sets, cut down, and no Japanese face', async () => {
    const files = unzipSync(await renderDocx(memo('Plain English text.', 'en'), reportTemplate));
    const table = strFromU8(files['word/fontTable.xml']!);
    const rels = strFromU8(files['word/_rels/fontTable.xml.rels']!);
    expect(strFromU8(files['word/settings.xml']!)).toContain('<w:embedTrueTypeFonts/><w:saveSubsetFonts/>');
    const embedded = [...table.matchAll(/<w:font w:name="([^"]+)">((?:(?!<\/w:font>).)*)<\/w:font>/g)].filter((m) => m[2]!.includes('<w:embed')).map((m) => m[1]);
    expect(embedded).toContain('Noto Serif');
    expect(embedded).not.toContain('Noto Serif JP');
    // Each embedded face: its part, named by the relationship, whose bytes read as a font once the key is applied.
    for (const m of table.matchAll(/<w:embedRegular r:id="(rId\d+)" w:fontKey="\{([0-9A-F-]+)\}"\/>/g)) {
      const target = new RegExp(`Id="${m[1]}"[^>]*Target="([^"]+)"`).exec(rels)![1]!;
      const face = obfuscateFont(files[`word/${target}`]!, m[2]!);
      expect(['00010000', '74727565', '4f54544f']).toContain(sfnt(face));
      expect(fontKey(face)).toBe(m[2]);
      // Cut down: far smaller than the whole face (Noto Serif is some 300 KB).
      expect(face.length).toBeLessThan(60_000);
    }
  });

  it('embeds the Japanese faces when the edition sets Japanese text', async () => {
    const table = strFromU8(unzipSync(await renderDocx(memo('日本語の本文です。', 'ja'), reportTemplate))['word/fontTable.xml']!);
    expect(table).toMatch(/<w:font w:name="Noto Serif JP">(?:(?!<\/w:font>).)*<w:embedRegular /);
  });
});
