import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { fontFiles } from '@brief/fonts';
import { encodeSubset, type TrueTypeSubset } from './subset-glyphs.js';

const require = createRequire(import.meta.url);
// fontkit as PDFKit (under pdfmake) loads it.
const fontkit = createRequire(createRequire(require.resolve('pdfmake')).resolve('pdfkit'))('fontkit') as {
  openSync(path: string): { numGlyphs: number; createSubset(): TrueTypeSubset & { includeGlyph(id: number): number } };
};

/** The ids of a face's glyphs of each kind, read from their headers. */
function kinds(font: { numGlyphs: number }): { simple: number[]; composite: number[]; empty: number[] } {
  const f = font as unknown as { loca?: { offsets: ArrayLike<number> }; _getTableStream(tag: string): { pos: number; readInt16BE(): number } };
  const offsets = f.loca!.offsets;
  const out = { simple: [] as number[], composite: [] as number[], empty: [] as number[] };
  for (let id = 0; id < font.numGlyphs; id++) {
    if (offsets[id + 1] === offsets[id]) {
      out.empty.push(id);
      continue;
    }
    const stream = f._getTableStream('glyf');
    stream.pos += offsets[id]!;
    (stream.readInt16BE() < 0 ? out.composite : out.simple).push(id);
  }
  return out;
}

/** A subset holding `ids` in that order, encoded by fontkit alone or by `encodeSubset`, and how often fontkit's own `_addGlyph` ran. */
function cut(path: string, ids: readonly number[], quick: boolean): { bytes: Buffer; own: number } {
  const subset = fontkit.openSync(path).createSubset();
  for (const id of ids) subset.includeGlyph(id);
  const proto = Object.getPrototypeOf(subset) as TrueTypeSubset;
  const original = proto._addGlyph;
  let own = 0;
  proto._addGlyph = function (this: TrueTypeSubset, id: number) {
    own++;
    return original.call(this, id);
  };
  try {
    return { bytes: Buffer.from(quick ? encodeSubset(subset, () => subset.encode()) : subset.encode()), own };
  } finally {
    proto._addGlyph = original;
  }
}

describe('encodeSubset', () => {
  it('cuts a Latin face with composite glyphs to the bytes fontkit gives, decoding only the composite glyphs', () => {
    const path = fontFiles('Noto Sans').normal;
    const { simple, composite, empty } = kinds(fontkit.openSync(path));
    expect(composite.length).toBeGreaterThan(100);
    // Out of order, with a glyph twice, as a PDF's text first uses them.
    const ids = [composite[40]!, simple[7]!, empty[1]!, simple[300]!, composite[3]!, simple[7]!, composite[900]!, simple[2000]!];
    const theirs = cut(path, ids, false);
    const ours = cut(path, ids, true);
    expect(ours.bytes.equals(theirs.bytes)).toBe(true);
    expect(ours.bytes.length).toBeGreaterThan(500);
    // fontkit's own code ran for every glyph, and here for the three composite glyphs alone.
    expect(theirs.own).toBeGreaterThan(ids.length);
    expect(ours.own).toBe(3);
  });

  it('cuts a Japanese face to the bytes fontkit gives without decoding any glyph', () => {
    const path = fontFiles('Noto Serif JP').bold;
    const { simple } = kinds(fontkit.openSync(path));
    const ids = [0, ...Array.from({ length: 400 }, (_, i) => simple[(i * 37) % simple.length]!)];
    const theirs = cut(path, ids, false);
    const ours = cut(path, ids, true);
    expect(ours.bytes.equals(theirs.bytes)).toBe(true);
    expect(ours.own).toBe(0);
  });
});
