/**
 * An SVG picture carries the faces of its text: each one the PDF would set
 * it in, cut to the picture's characters, as an `@font-face` rule with a
 * `data:` URL (a picture shown with `<img>` sees none of the book's fonts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openFace } from '@brief/fonts';
import { parseSvg, svgText } from '@brief/svg';
import { languageStyle, reportTemplate } from '@brief/templates';
import { svgWithOwnFaces } from './svg-fonts.js';

const dir = mkdtempSync(join(tmpdir(), 'brief-svg-fonts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ns = 'xmlns="http://www.w3.org/2000/svg"';

/** The faces carried: family, weight and the font's bytes. */
function carried(svg: string): { family: string; weight: string; bytes: Buffer }[] {
  return [...svg.matchAll(/@font-face\{font-family:"([^"]+)";font-weight:(normal|bold);src:url\(data:font\/(?:ttf|otf);base64,([A-Za-z0-9+/=]+)\)\}/g)].map((m) => ({
    family: m[1]!,
    weight: m[2]!,
    bytes: Buffer.from(m[3]!, 'base64'),
  }));
}

/** Whether the font bytes have a glyph for every character of `text` but spaces. */
function setsAll(bytes: Buffer, text: string, name: string): boolean {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const face = openFace(path);
  return [...text].filter((ch) => ch.trim() !== '').every((ch) => face.hasGlyph(ch.codePointAt(0)!));
}

describe('an SVG picture in the e-book', () => {
  const ja = languageStyle(reportTemplate, 'ja');
  const en = languageStyle(reportTemplate, 'en');

  it('carries the Japanese sans-serif face, regular and bold, cut to its characters', async () => {
    const svg = `<svg ${ns} width="200" height="60"><text x="4" y="20" font-family="sans-serif">防災庁 2026</text><text x="4" y="40" font-family="sans-serif" font-weight="bold">内閣</text></svg>`;
    const out = await svgWithOwnFaces(svg, ja);
    expect(parseSvg(out)).toBeDefined();
    expect(svgText(out)).toBe(svgText(svg));
    const faces = carried(out);
    expect(faces.map((f) => `${f.family} ${f.weight}`)).toEqual([`${ja.fonts.heading.cjk} normal`, `${ja.fonts.heading.cjk} bold`]);
    for (const [k, f] of faces.entries()) expect(setsAll(f.bytes, '防災庁 2026内閣', `ja-${k}.ttf`)).toBe(true);
    // Each list is led by the face carried, as the PDF sets it.
    expect(out).toContain(`font-family="${ja.fonts.heading.cjk}, sans-serif"`);
    // Nothing else: no face the text does not use, no glyphs beyond its characters.
    expect(faces[0]!.bytes.length).toBeLessThan(60_000);
  });

  it('sets text that names no font in the serif face, as the PDF does', async () => {
    const out = await svgWithOwnFaces(`<svg ${ns} width="200" height="40"><text x="4" y="20">Urban areas</text></svg>`, en);
    expect(carried(out).map((f) => f.family)).toEqual([en.fonts.body.latin]);
    expect(out).toContain(`:root{font-family:"${en.fonts.body.latin}"}`);
    expect(setsAll(carried(out)[0]!.bytes, 'Urban areas', 'en.ttf')).toBe(true);
  });

  it('leaves a picture without text as it is', async () => {
    const svg = `<svg ${ns} width="20" height="20"><rect width="10" height="10"/><text> </text></svg>`;
    expect(await svgWithOwnFaces(svg, en)).toBe(svg);
  });
});
