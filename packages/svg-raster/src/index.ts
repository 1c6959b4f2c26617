/**
 * SVG pictures drawn as PNG with resvg, in the report's own fonts (the
 * DOCX editions' fallback pictures, the EPUB covers).
 *
 * resvg reads a font file afresh for every text element it sets, and the
 * Japanese Noto faces are 5–8 MB each: a figure with thirty labels took a
 * tenth of a second to prepare. The faces are therefore first cut down to
 * the characters the picture holds (`subsetFace`, HarfBuzz's subsetter), which
 * leaves resvg a few kilobytes to read and gives the same pixels (the unit
 * test compares them).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { subsetFace } from '@brief/fonts';

export interface RasterFonts {
  /** Font files (TrueType or OpenType) the picture's text is set in. */
  files: readonly string[];
  /** Family for text that names none (and for unknown names). */
  defaultFamily: string;
  serifFamily?: string;
  sansSerifFamily?: string;
}

export interface RasterOptions {
  fonts: RasterFonts;
  /** Width of the image in pixels (height in proportion); the SVG's own size when absent. */
  width?: number;
  /** Or a multiple of the SVG's own size (when no width is given). */
  scale?: number;
  /** Languages for text that gives none (`xml:lang`), e.g. `['ja']`. */
  languages?: string[];
  /** Cut the fonts down to the picture's characters first (default true). */
  subset?: boolean;
}

/** Every character of the SVG, entities decoded, and a space: a superset of what its text sets. */
export function svgCharacters(svg: string): string {
  const decoded = svg
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e]!);
  return [...new Set(`${decoded} \u00a0`)].join('');
}

function resvgOptions(fonts: RasterFonts, files: readonly string[], options: RasterOptions): ResvgRenderOptions {
  return {
    font: {
      fontFiles: [...files],
      loadSystemFonts: false,
      defaultFontFamily: fonts.defaultFamily,
      ...(fonts.serifFamily ? { serifFamily: fonts.serifFamily } : {}),
      ...(fonts.sansSerifFamily ? { sansSerifFamily: fonts.sansSerifFamily } : {}),
    },
    ...(options.languages ? { languages: options.languages } : {}),
    logLevel: 'off',
    fitTo: options.width ? { mode: 'width', value: options.width } : options.scale ? { mode: 'zoom', value: options.scale } : { mode: 'original' },
  };
}

/** The SVG's own size in pixels (no text is set). */
export function svgSize(svg: string): { width: number; height: number } {
  const probe = new Resvg(svg, { font: { loadSystemFonts: false } });
  return { width: probe.width, height: probe.height };
}

/** Draw an SVG as PNG. */
export async function svgToPng(svg: string, options: RasterOptions): Promise<Uint8Array> {
  const { fonts } = options;
  if (options.subset === false || fonts.files.length === 0) {
    return new Uint8Array(new Resvg(svg, resvgOptions(fonts, fonts.files, options)).render().asPng());
  }
  const text = svgCharacters(svg);
  const subsets = await Promise.all(fonts.files.map((file) => subsetFace(file, text)));
  // resvg takes font files by path; the cut-down faces live in a directory of their own for this drawing only.
  const dir = mkdtempSync(join(tmpdir(), 'brief-raster-'));
  try {
    const files = subsets.map((bytes, i) => {
      const path = join(dir, `${i}-${basename(fonts.files[i]!)}`);
      writeFileSync(path, bytes);
      return path;
    });
    return new Uint8Array(new Resvg(svg, resvgOptions(fonts, files, options)).render().asPng());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
