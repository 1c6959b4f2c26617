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
import { cached } from '@brief/build-cache';
import { subsetFace } from '@brief/fonts';
import { parseSvg, svgText } from '@brief/svg';
import { pngKey } from './cache.js';

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

/**
 * The characters the SVG's text can set (its text nodes, references
 * decoded, from `@brief/svg`'s parser) and a space and a no-break space. A
 * file that does not parse gives all of its characters.
 */
export function svgCharacters(svg: string): string {
  const parsed = parseSvg(svg);
  return [...new Set(`${parsed ? svgText(parsed) : svg} \u00a0`)].join('');
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

/** Draw an SVG as PNG, through the build cache (keyed by the SVG, its fonts' bytes, the options and the code: `./cache.ts`). */
export async function svgToPng(svg: string, options: RasterOptions): Promise<Uint8Array> {
  return cached(pngKey(svg, options), () => drawPng(svg, options));
}

async function drawPng(svg: string, options: RasterOptions): Promise<Uint8Array> {
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
