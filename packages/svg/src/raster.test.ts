import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rasterSize } from './raster.js';

/** A PNG signature and IHDR chunk of the given size (enough for the header). */
function png(width: number, height: number): Uint8Array {
  const b = Buffer.alloc(33);
  Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').copy(b);
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  b.writeUInt8(8, 24);
  b.writeUInt8(2, 25);
  return b;
}

/** A segment: marker and payload with its length. */
const segment = (marker: number, payload: Buffer) => Buffer.concat([Buffer.from([0xff, marker]), Buffer.from([(payload.length + 2) >> 8, (payload.length + 2) & 0xff]), payload]);

/** A JPEG: SOI, the given segments, a start-of-frame of the given kind and size, EOI. */
function jpeg(width: number, height: number, sof = 0xc0, before: Buffer[] = []): Uint8Array {
  const frame = Buffer.from([8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), ...before, segment(sof, frame), Buffer.from([0xff, 0xd9])]);
}

const jfif = segment(0xe0, Buffer.from('4a46494600010100000100010000', 'hex'));
const exif = segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'binary'), Buffer.from('4d4d002a00000008000101120003000000010006000000000000', 'hex')]));

describe('rasterSize', () => {
  it('reads a PNG header', () => {
    expect(rasterSize(png(640, 480))).toEqual({ width: 640, height: 480 });
    expect(rasterSize(png(100_000, 100_000))).toEqual({ width: 100_000, height: 100_000 });
  });

  it('reads a JPEG frame header after other segments, baseline, extended or progressive', () => {
    expect(rasterSize(jpeg(800, 600, 0xc0, [jfif]))).toEqual({ width: 800, height: 600 });
    expect(rasterSize(jpeg(1024, 768, 0xc1, [jfif]))).toEqual({ width: 1024, height: 768 });
    expect(rasterSize(jpeg(320, 240, 0xc2, [jfif, segment(0xdb, Buffer.alloc(65))]))).toEqual({ width: 320, height: 240 });
  });

  it('gives the stored size of a JPEG with an EXIF orientation (as the writers place it)', () => {
    expect(rasterSize(jpeg(300, 200, 0xc0, [exif]))).toEqual({ width: 300, height: 200 });
  });

  it('gives undefined for truncated headers and other formats', () => {
    expect(rasterSize(png(640, 480).subarray(0, 20))).toBeUndefined();
    expect(rasterSize(jpeg(800, 600).subarray(0, 6))).toBeUndefined();
    expect(rasterSize(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00', 'binary'))).toBeUndefined();
    expect(rasterSize(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'))).toBeUndefined();
    expect(rasterSize(Buffer.from('not a picture at all'))).toBeUndefined();
    expect(rasterSize(new Uint8Array())).toBeUndefined();
  });

  it('reads the pixel-bomb corpus case', () => {
    const file = readFileSync(join(import.meta.dirname, '../../../tests/corpus/image-pixel-bomb/figures/a.png'));
    const size = rasterSize(file);
    expect((size?.width ?? 0) * (size?.height ?? 0)).toBeGreaterThan(50_000_000);
  });
});
