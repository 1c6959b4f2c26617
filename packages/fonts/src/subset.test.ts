/**
 * The subsetter gives the very bytes `subset-font` gave (it stays a dev
 * dependency for this comparison only) for every kind of call the pipeline
 * makes: the pictures' faces (layout closure on, default names) and the EPUB
 * faces (no layout closure, copyright and licence names kept).
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as hb from 'harfbuzzjs';
import { fontFiles } from './index.js';
import { fontBytes, fontDigest, holdsSubsetter, letGoOfSubsetter, shapingDefaults, subsetFont } from './subset.js';

const require = createRequire(import.meta.url);
const reference = require('subset-font') as (font: Uint8Array, text: string, options?: { targetFormat?: 'truetype'; noLayoutClosure?: boolean; preserveNameIds?: number[] }) => Promise<Uint8Array>;

const texts = [
  '第2次トランプ政権発足後1年間の動向と日本外交 \u00a0',
  'The First Year of the Second Trump Administration — “tariffs”, 2026; ﬁ ffi fl',
  '関税（IEEPA）、日米首脳会談。「同上」①②③ ABC abc 0123456789 ％＆',
  'A',
];
const faces = [fontFiles('Noto Serif JP').normal, fontFiles('Noto Sans JP').bold, fontFiles('Noto Serif').normal, fontFiles('Noto Sans').italics];
const optionSets = [{}, { noLayoutClosure: true, preserveNameIds: [0, 13, 14] }, { noLayoutClosure: true }];

describe('subsetFont', () => {
  it('gives the same bytes as subset-font', async () => {
    for (const face of faces)
      for (const text of texts)
        for (const options of optionSets) {
          const bytes = fontBytes(face);
          const expected = await reference(bytes, text, { targetFormat: 'truetype', ...options });
          const actual = subsetFont(bytes, text, options);
          expect(Buffer.from(actual).equals(Buffer.from(expected)), `${face} ${JSON.stringify(options)} ${text}`).toBe(true);
        }
  });

  it('reads each file once and hashes its bytes', () => {
    const face = faces[0]!;
    expect(fontBytes(face)).toBe(fontBytes(face));
    expect(Buffer.from(fontBytes(face)).equals(readFileSync(face))).toBe(true);
    expect(fontDigest(face)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is instantiated afresh after it was let go of, and gives the same bytes', () => {
    const whole = fontBytes(fontFiles('Noto Sans JP').normal);
    const small = subsetFont(whole, texts[0]!);
    expect(holdsSubsetter()).toBe(true);
    letGoOfSubsetter();
    expect(holdsSubsetter()).toBe(false);
    expect(Buffer.from(subsetFont(whole, texts[0]!)).equals(Buffer.from(small))).toBe(true);
    expect(holdsSubsetter()).toBe(true);
  });

  it('keeps the glyphs the features applied unasked reach: the two-em dash a Japanese face composes of ――', () => {
    // The glyphs HarfBuzz shapes a text into, with its default features, in a face.
    const glyphs = (font: Uint8Array, text: string) => {
      const buffer = new hb.Buffer();
      buffer.addText(text);
      buffer.guessSegmentProperties();
      hb.shape(new hb.Font(new hb.Face(new hb.Blob(font), 0)), buffer);
      return buffer.getGlyphInfos().length;
    };
    const whole = fontBytes(fontFiles('Noto Serif JP').normal);
    expect(glyphs(whole, '――')).toBe(1);
    expect(glyphs(subsetFont(whole, '秘密――重要', { layoutFeatures: shapingDefaults }), '――')).toBe(1);
    expect(glyphs(subsetFont(whole, '秘密――重要', { noLayoutClosure: true }), '――')).toBe(2);
    // No alternates: smaller than a cut that keeps every feature's glyphs.
    expect(subsetFont(whole, texts[2]!, { layoutFeatures: shapingDefaults }).byteLength).toBeLessThan(subsetFont(whole, texts[2]!).byteLength);
  });

  it('refuses what is not a TrueType or OpenType file', () => {
    expect(() => subsetFont(new TextEncoder().encode('wOF2 and more'), 'a')).toThrow(/not a TrueType or OpenType font/);
  });
});
