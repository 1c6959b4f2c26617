/** Zip archives read back by another implementation (fflate), byte for byte. */
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipArchive } from './zip.js';

const text = (s: string) => new TextEncoder().encode(s);
const when = new Date(2026, 2, 16, 12, 0, 0);

describe('zipArchive', () => {
  it('gives back every entry, compressed or stored, with names in UTF-8', () => {
    const long = text('<w:p>repeated text </w:p>'.repeat(2000));
    const bytes = zipArchive(
      [
        { path: 'mimetype', bytes: text('application/epub+zip'), stored: true },
        { path: 'word/document.xml', bytes: long },
        { path: 'media/図1.png', bytes: new Uint8Array([137, 80, 78, 71, 0, 1, 2]), stored: true },
        { path: 'empty.txt', bytes: new Uint8Array() },
      ],
      when,
    );
    const back = unzipSync(bytes);
    expect(Object.keys(back)).toEqual(['mimetype', 'word/document.xml', 'media/図1.png', 'empty.txt']);
    expect(back['word/document.xml']).toEqual(long);
    expect(back['media/図1.png']).toEqual(new Uint8Array([137, 80, 78, 71, 0, 1, 2]));
    expect(back['empty.txt']).toEqual(new Uint8Array());
    // Compressed: the repeated text takes a small part of its size.
    expect(bytes.length).toBeLessThan(long.length / 20);
  });

  it('puts a stored first entry where an EPUB reader looks for it: the name at 30, the data at 38, no descriptor', () => {
    const bytes = zipArchive([{ path: 'mimetype', bytes: text('application/epub+zip'), stored: true }], when);
    const view = Buffer.from(bytes);
    expect(view.readUInt32LE(0)).toBe(0x04034b50);
    expect(view.readUInt16LE(6) & 0x08).toBe(0);
    expect(view.readUInt16LE(8)).toBe(0);
    expect(view.toString('latin1', 30, 58)).toBe('mimetypeapplication/epub+zip');
  });

  it('writes the same bytes for the same entries and time, and the time as local fields', () => {
    const entries = [{ path: 'a.xml', bytes: text('<a/>') }];
    expect(zipArchive(entries, when)).toEqual(zipArchive(entries, new Date(when)));
    const view = Buffer.from(zipArchive(entries, when));
    const time = view.readUInt16LE(10);
    const date = view.readUInt16LE(12);
    expect([time >> 11, (time >> 5) & 63, (date >> 9) + 1980, (date >> 5) & 15, date & 31]).toEqual([12, 0, 2026, 3, 16]);
  });

  it('refuses an entry named twice', () => {
    expect(() =>
      zipArchive(
        [
          { path: 'a', bytes: text('1') },
          { path: 'a', bytes: text('2') },
        ],
        when,
      ),
    ).toThrow(/duplicate zip entry a/);
  });
});
