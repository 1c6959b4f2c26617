/**
 * The font subsets a PDF embeds, kept in the build cache. PDFKit cuts each
 * face it drew with down to the glyphs used (fontkit's subsetter, glyphs
 * renumbered in the order the text first used them); the result depends only
 * on the face's bytes, that list of glyphs and the code, so a build that
 * draws the same glyphs with the same face (an edition drawn again, after an
 * edit elsewhere in a language) takes the subset from the cache.
 */
import { createHash } from 'node:crypto';
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

/** The subset of the face in `bytes` holding `glyphs` in that order: from the build cache, else `encode()`'s (and kept). */
export function keptSubset(bytes: Uint8Array | undefined, glyphs: readonly number[], encode: () => Uint8Array, cache: ContentCache | undefined = buildCache()): Uint8Array {
  if (!cache || !bytes) return encode();
  let key: string;
  try {
    key = cacheKey('to-pdf.fontSubset', codeIdentity(import.meta.url, ['pdfmake']), fontDigestOf(bytes), glyphs);
  } catch {
    return encode();
  }
  const kept = cache.get(key);
  if (kept) return kept;
  const made = encode();
  cache.put(key, made);
  return made;
}
