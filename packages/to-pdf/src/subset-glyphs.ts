/**
 * fontkit's TrueType subsetter (which PDFKit cuts each embedded face with)
 * decodes every glyph's outline, point by point, only to learn whether the
 * glyph is made of other glyphs, then copies the glyph's bytes as they are:
 * two thirds of the time of cutting a Japanese face for an edition (some
 * 150 ms of a cold build of the sample). A glyph's header says as much:
 * below zero contours, it is composite. Here a simple or empty glyph is
 * copied without decoding it, with the metrics fontkit gives it; a composite
 * glyph, and every glyph of a variable font (whose outlines fontkit draws
 * anew), go through fontkit's own code. The subset's bytes are the same
 * (`subset-glyphs.test.ts` compares them).
 */

/** The parts of fontkit's TrueType font a subset reads. */
interface TrueTypeFont {
  loca?: { offsets: ArrayLike<number> };
  _variationProcessor?: unknown;
  _getTableStream(tag: string): { pos: number; readBuffer(length: number): Uint8Array };
  getGlyph(id: number): { advanceWidth: number; _getMetrics(): { leftBearing: number } };
}

/** fontkit's TrueType subset (`TTFSubset`) while it encodes. */
export interface TrueTypeSubset {
  font: TrueTypeFont;
  glyphs: number[];
  encode(): Uint8Array;
  _addGlyph(id: number): number;
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
}

/** Whether a subset is fontkit's TrueType subset of a face without variations (one `encodeSubset` cuts quickly). */
function quickly(subset: object): subset is TrueTypeSubset {
  const s = subset as Partial<TrueTypeSubset>;
  return typeof s._addGlyph === 'function' && s.font?.loca !== undefined && !s.font._variationProcessor;
}

/** Encode a PDFKit font subset: fontkit's encoder, its TrueType glyphs copied without decoding them. */
export function encodeSubset(subset: { encode(): Uint8Array }, encode: () => Uint8Array): Uint8Array {
  if (!quickly(subset)) return encode();
  const own = subset._addGlyph;
  const ownProperty = Object.hasOwn(subset, '_addGlyph');
  subset._addGlyph = function (this: TrueTypeSubset, id: number) {
    return addGlyph(this, id, own);
  };
  try {
    return encode();
  } finally {
    if (ownProperty) subset._addGlyph = own;
    else delete (subset as Partial<TrueTypeSubset>)._addGlyph;
  }
}

/** fontkit's `_addGlyph` for a simple or empty glyph: its bytes, its place and its metrics; `own` for a composite one. */
function addGlyph(subset: TrueTypeSubset, id: number, own: (id: number) => number): number {
  const { font } = subset;
  const offsets = font.loca!.offsets;
  const from = offsets[id]!;
  const length = offsets[id + 1]! - from;
  const stream = font._getTableStream('glyf');
  stream.pos += from;
  const bytes = stream.readBuffer(length);
  // numberOfContours, a signed 16-bit number: below zero, the glyph is made of others.
  if (length >= 2 && (bytes[0]! & 0x80) !== 0) return own.call(subset, id);
  const glyph = font.getGlyph(id);
  subset.glyf.push(bytes);
  subset.loca.offsets.push(subset.offset);
  subset.hmtx.metrics.push({ advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing });
  subset.offset += bytes.length;
  return subset.glyf.length - 1;
}
