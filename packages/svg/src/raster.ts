/**
 * The size of a PNG or JPEG picture from its header, by `image-size`: the
 * one header parser of the reader and the writers.
 */
import { imageSize } from './libraries.js';

/** Width and height in pixels of a PNG or JPEG file, or undefined (another format, or a header that cannot be read). */
export function rasterSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  try {
    // image-size reads through a DataView over the whole underlying buffer: give it one that ends where the file
    // does (a copy when the bytes are a view into a larger buffer, as small files read by Node are; Buffer#slice would not copy), so a truncated
    // header fails instead of reading what lies beyond.
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
    const size = imageSize(own);
    if (size.type !== 'png' && size.type !== 'jpg') return undefined;
    const { width, height } = size;
    return Number.isFinite(width) && Number.isFinite(height) ? { width, height } : undefined;
  } catch {
    return undefined;
  }
}
