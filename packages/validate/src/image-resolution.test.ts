import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { briefYaml, checkDir, ofRule, removeSources, writeSource } from './test-source.js';

afterAll(removeSources);

/** A whole PNG of the given size (signature, IHDR, IDAT, IEND; its data is not inflated). */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr), chunk('IDAT', Buffer.alloc(20)), chunk('IEND', Buffer.alloc(0))]);
}

/** A whole JPEG of the given size (JFIF at 300 dpi, SOF0, a scan). */
function jpeg(width: number, height: number): Buffer {
  const segment = (marker: number, data: Buffer) => Buffer.concat([Buffer.from([0xff, marker, (data.length + 2) >> 8, (data.length + 2) & 0xff]), data]);
  const sof = Buffer.from([8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.from('JFIF\0\x01\x01\x01\x01\x2c\x01\x2c\0\0', 'latin1')),
    segment(0xc0, sof),
    segment(0xda, Buffer.alloc(8)),
    Buffer.alloc(16),
    Buffer.from([0xff, 0xd9]),
  ]);
}

const body = (file: string) => `本文。\n\n:::figure{#fig-a alt="図"}\n概要\n\n![図](figures/${file})\n:::\n`;

function checkPicture(file: string, bytes: Buffer | string, languages = ['ja', 'en']) {
  const files: Record<string, string> = { 'brief.yaml': briefYaml({ languages }) };
  for (const lang of languages) files[`${lang}.md`] = body(file);
  const dir = writeSource(files);
  mkdirSync(join(dir, 'figures'), { recursive: true });
  writeFileSync(join(dir, 'figures', file), bytes);
  return checkDir(dir);
}

describe('image-resolution', () => {
  it('warns at the image of a PNG the PDF prints below 150 ppi, with its ppi and the width that prints at 300', () => {
    const found = ofRule(checkPicture('a.png', png(600, 300), ['en']), 'image-resolution');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: 'en.md', line: 6, column: 1, severity: 'warning' });
    // 600 px at 96 to the inch: 159 mm wide, 96 ppi; the text block is 166 mm wide, 1,961 px at 300 ppi.
    expect(found[0]!.message).toBe('figures/a.png: the PDF prints this 600×300-pixel picture 159 mm wide, at 96 pixels per inch, below 150: it prints soft');
    expect(found[0]!.hint).toBe('export it at least 1,961 pixels wide (300 ppi at 166 mm, the width it then prints at), or draw it as SVG');
  });

  it('counts the width a picture is scaled down to, and once per picture in two editions', () => {
    // 1,200 px scaled down to the text block's 166 mm: 184 ppi.
    expect(ofRule(checkPicture('a.png', png(1200, 600)), 'image-resolution')).toEqual([]);
    // 900 px at 166 mm in en: 138 ppi (140 at the ja edition's 163 mm, a whole number of characters): told once, at the lower.
    const found = ofRule(checkPicture('a.png', png(900, 450)), 'image-resolution');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: 'en.md', line: 6 });
    expect(found[0]!.message).toContain('166 mm wide, at 138 pixels per inch');
    // A tall picture is held by the page's height: 300 ppi of that height is fewer pixels across.
    const tall = ofRule(checkPicture('a.png', png(300, 900), ['en']), 'image-resolution');
    expect(tall[0]!.message).toContain('at 122 pixels per inch');
    expect(tall[0]!.hint).toMatch(/^export it at least 739 pixels wide \(300 ppi at 63 mm/);
  });

  it('reads JPEGs too; a density the file declares does not change how the PDF sizes it', () => {
    const found = ofRule(checkPicture('a.jpg', jpeg(600, 300), ['en']), 'image-resolution');
    expect(found[0]!.message).toContain('at 96 pixels per inch');
  });

  it('leaves SVG pictures alone', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="30"><rect width="60" height="30"/></svg>';
    expect(ofRule(checkPicture('a.svg', svg), 'image-resolution')).toEqual([]);
  });
});
