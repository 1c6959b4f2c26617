/**
 * The font subsets a PDF embeds, kept in the build cache. PDFKit cuts each
 * face it drew with down to the glyphs used (fontkit's subsetter, glyphs
 * renumbered in the order the text first used them); the result depends only
 * on the face's bytes, that list of glyphs and the code, so a build that
 * draws the same glyphs with the same face (an edition drawn again, after an
 * edit elsewhere in a language) takes the subset from the cache.
 *
 * fontkit copies the face's `head` table, checksum adjustment included, so
 * the subset carried a checksum of the face it was cut from: a working face
 * cut for other text (`@brief/fonts`) gave other bytes. Each subset's
 * checksums are therefore computed afresh (`withChecksums`), which makes them
 * right and the subset a function of the glyphs alone.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { buildCache, cacheKey, codeIdentity, type ContentCache } from '@brief/build-cache';

const digests = new WeakMap<Uint8Array, string>();

/** sha256 (hex) of a font file's bytes, once per copy held. */
export function fontDigestOf(bytes: Uint8Array): string {
  let digest = digests.get(bytes);
  if (digest === undefined) {
    digest = createHash('sha256').update(bytes).digest('hex');
    digests.set(bytes, digest);
  }
  return digest;
}

/** The subset of the face in `bytes` holding `glyphs` in that order: from the build cache, else `encode()`'s with its checksums computed (and kept). */
export function keptSubset(bytes: Uint8Array | undefined, glyphs: readonly number[], encode: () => Uint8Array, cache: ContentCache | undefined = buildCache()): Uint8Array {
  if (!cache || !bytes) return withChecksums(encode());
  let key: string;
  try {
    key = cacheKey('to-pdf.fontSubset', codeIdentity(import.meta.url, ['pdfmake']), fontDigestOf(bytes), glyphs);
  } catch {
    return withChecksums(encode());
  }
  const kept = cache.get(key);
  if (kept) return kept;
  const made = withChecksums(encode());
  cache.put(key, made);
  return made;
}

/** Subsets from this size on (a Japanese face's, hundreds of kilobytes) are kept compressed too; smaller ones compress in under a millisecond. */
const KEEP_COMPRESSED_FROM = 64 * 1024;

/**
 * A large subset compressed as PDFKit compresses a stream (zlib's deflate,
 * default settings), from the build cache when it was compressed before: 10 ms
 * for a Japanese face. Undefined for a small subset or without a cache (PDFKit
 * then compresses it as it writes it). The key names zlib's version, whose
 * output it is.
 */
export function keptCompressed(subset: Uint8Array, cache: ContentCache | undefined = buildCache()): Uint8Array | undefined {
  if (!cache || subset.byteLength < KEEP_COMPRESSED_FROM) return undefined;
  const key = cacheKey('to-pdf.compressedSubset', `zlib ${process.versions.zlib}`, createHash('sha256').update(subset).digest('hex'));
  const kept = cache.get(key);
  if (kept) return kept;
  const made = deflateSync(subset);
  cache.put(key, made);
  return made;
}

/** The sum of a font's big-endian 32-bit words from `start`, over `length` bytes padded with zeros (OpenType's table checksum). */
function wordSum(view: DataView, start: number, length: number): number {
  let sum = 0;
  const end = Math.min(start + length, view.byteLength);
  let at = start;
  for (; at + 4 <= end; at += 4) sum = (sum + view.getUint32(at)) >>> 0;
  let last = 0;
  for (let i = 0; i < 4; i++) last = (last << 8) | (at + i < end ? view.getUint8(at + i) : 0);
  return at < end ? (sum + (last >>> 0)) >>> 0 : sum;
}

/**
 * A copy of a TrueType or OpenType font with each table's checksum and the
 * `head` table's checksum adjustment computed from its own bytes. Bytes that
 * do not read as a table directory are returned as they are.
 */
export function withChecksums(font: Uint8Array): Uint8Array {
  const out = new Uint8Array(font);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  if (out.byteLength < 12) return font;
  const tables = view.getUint16(4);
  if (12 + tables * 16 > out.byteLength) return font;
  let head = -1;
  for (let i = 0; i < tables; i++) {
    const record = 12 + i * 16;
    if (view.getUint32(record) === 0x68656164 && view.getUint32(record + 12) >= 12) head = view.getUint32(record + 8);
  }
  if (head < 0 || head + 12 > out.byteLength) return font;
  view.setUint32(head + 8, 0);
  for (let i = 0; i < tables; i++) {
    const record = 12 + i * 16;
    view.setUint32(record + 4, wordSum(view, view.getUint32(record + 8), view.getUint32(record + 12)));
  }
  view.setUint32(head + 8, (0xb1b0afba - wordSum(view, 0, out.byteLength)) >>> 0);
  return out;
}
