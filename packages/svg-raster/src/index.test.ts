import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fontFiles } from '@brief/fonts';
import { svgCharacters, svgSize, svgsToPngs, svgToPng } from './index.js';

const figures = join(import.meta.dirname, '../../../sources/trump-second-term-year-one/figures');
const sans = fontFiles('Noto Sans JP');
const fonts = { files: [sans.normal, sans.bold], defaultFamily: 'Noto Sans JP' };

describe('svgToPng', () => {
  it('draws the same pixels with the fonts cut down to the picture as with the whole fonts', async () => {
    const svgs = readdirSync(figures).filter((f) => f.endsWith('.svg'));
    expect(svgs.length).toBeGreaterThanOrEqual(4);
    for (const name of svgs) {
      const svg = readFileSync(join(figures, name), 'utf8');
      const cut = await svgToPng(svg, { fonts, width: 1200 });
      const whole = await svgToPng(svg, { fonts, width: 1200, subset: false });
      expect(Buffer.from(cut).equals(Buffer.from(whole)), name).toBe(true);
    }
  });

  it('draws pictures together as it draws each alone, each at its own width', async () => {
    const svgs = readdirSync(figures)
      .filter((f) => f.endsWith('.svg'))
      .map((name) => readFileSync(join(figures, name), 'utf8'));
    const widths = svgs.map((_, i) => 400 + 100 * i);
    const together = await svgsToPngs(
      svgs.map((svg, i) => ({ svg, width: widths[i]! })),
      { fonts },
    );
    expect(together).toHaveLength(svgs.length);
    for (const [i, svg] of svgs.entries()) {
      const alone = await svgToPng(svg, { fonts, width: widths[i]!, subset: false });
      expect(Buffer.from(together[i]!).equals(Buffer.from(alone)), `picture ${i}`).toBe(true);
    }
    // Different pictures give different images (the comparison above can fail).
    expect(Buffer.from(together[0]!).equals(Buffer.from(together[1]!))).toBe(false);
  });

  it('frees the pixels of the images it drew as it goes (thirty pictures of 9 MB do not stay in memory)', async () => {
    const pictures = Array.from({ length: 30 }, (_, i) => ({
      svg: `<svg xmlns="http://www.w3.org/2000/svg" width="1500" height="1500"><rect width="1500" height="${1000 + i}" fill="#${(0x102030 + i * 0x010101).toString(16)}"/></svg>`,
    }));
    const before = process.memoryUsage().rss;
    const pngs = await svgsToPngs(pictures, { fonts: { files: [], defaultFamily: 'Noto Sans JP' } });
    const grown = (process.memoryUsage().rss - before) / 2 ** 20;
    expect(pngs).toHaveLength(30);
    expect(new Set(pngs.map((png) => Buffer.from(png).toString('base64'))).size).toBe(30);
    // Kept, their pixels alone would be 257 MB.
    expect(grown).toBeLessThan(120);
  });

  it("gives the thread's other work a turn after each picture it draws", async () => {
    const pictures = Array.from({ length: 3 }, (_, i) => ({ svg: `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><rect width="${50 + i}" height="50"/></svg>` }));
    // A task queued before the drawing begins (as a worker's answer would be) and how many turns it gets meanwhile.
    let turns = 0;
    let drawing = true;
    const tick = () => {
      if (!drawing) return;
      turns++;
      setImmediate(tick);
    };
    setImmediate(tick);
    const pngs = await svgsToPngs(pictures, { fonts: { files: [], defaultFamily: 'Noto Sans JP' } });
    drawing = false;
    expect(pngs).toHaveLength(3);
    expect(turns).toBeGreaterThanOrEqual(3);
  });

  it('sets text that is written as character references', async () => {
    const svg = (text: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><text x="10" y="40" font-family="Noto Sans JP" font-size="24">${text}</text></svg>`;
    const referenced = await svgToPng(svg('&#x65E5;&#26412; &amp; A'), { fonts });
    const plain = await svgToPng(svg('日本 &amp; A'), { fonts, subset: false });
    expect(Buffer.from(referenced).equals(Buffer.from(plain))).toBe(true);
  });

  it('collects the characters of the text and reads the size without setting text', () => {
    const chars = svgCharacters('<svg xmlns="http://www.w3.org/2000/svg"><text font-family="Q">&#x3042;&lt;</text></svg>');
    expect(chars).toContain('あ');
    expect(chars).toContain('<');
    expect(chars).toContain(' ');
    expect(chars).not.toContain('Q');
    expect(svgSize('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 150"></svg>')).toEqual({ width: 300, height: 150 });
  });
});
