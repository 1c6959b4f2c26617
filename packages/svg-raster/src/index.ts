/**
 * SVG pictures drawn as PNG with resvg, in the report's own fonts (the
 * DOCX editions' fallback pictures, the EPUB covers).
 *
 * resvg reads a font file afresh for every text element it sets, and the
 * Japanese Noto faces are 5–8 MB each: a figure with thirty labels took a
 * tenth of a second to prepare. The faces are therefore first cut down to
 * the characters the pictures hold (`subsetFace`, HarfBuzz's subsetter), once
 * for all the pictures drawn together, which leaves resvg a few kilobytes to
 * read and gives the same pixels (the unit test compares them).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { buildCache } from '@brief/build-cache';
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
  const { width, ...rest } = options;
  return (await svgsToPngs([{ svg, ...(width === undefined ? {} : { width }) }], rest))[0]!;
}

/** A picture to draw: the SVG, and the width of its image in pixels (else `RasterOptions.scale` or its own size). */
export interface Picture {
  svg: string;
  width?: number;
}

/**
 * Draw SVGs set in the same fonts as PNG, each through the build cache as
 * `svgToPng` draws one. Those not in it are drawn together, with the faces
 * cut once to the characters of them all (a report's figures share most of
 * theirs) and written once for resvg: the pixels are those of faces cut for
 * each picture alone.
 */
export async function svgsToPngs(pictures: readonly Picture[], options: Omit<RasterOptions, 'width'>): Promise<Uint8Array[]> {
  const cache = buildCache();
  const each = pictures.map((p): RasterOptions => (p.width === undefined ? options : { ...options, width: p.width }));
  const keys = pictures.map((p, i) => pngKey(p.svg, each[i]!));
  const pngs = keys.map((key) => cache?.get(key));
  const missing = pictures.flatMap((_, i) => (pngs[i] ? [] : [i]));
  if (missing.length > 0) {
    const drawn = await drawPngs(
      missing.map((i) => pictures[i]!.svg),
      missing.map((i) => each[i]!),
    );
    missing.forEach((i, k) => {
      pngs[i] = drawn[k]!;
      cache?.put(keys[i]!, drawn[k]!);
    });
  }
  return pngs as Uint8Array[];
}

/**
 * Pixels drawn (bytes) after which the images resvg drew are freed: each
 * keeps its pixels outside V8's heap until it is collected, and V8, which
 * does not see their size, would let sixty figures drawn at three times
 * their size hold 200 MB.
 */
const FREE_AFTER = 24 * 2 ** 20;
let drawnSinceFreed = 0;
let collect: ((options: { type: 'minor' }) => void) | undefined;

/**
 * Count an image's pixels; past `FREE_AFTER`, collect the young generation
 * (where the images drawn since the last collection are: a few
 * milliseconds, where a full collection of a large heap takes fifty) and
 * let the finalizers that free them run. After every image the thread's
 * other work gets a turn: a build that draws in the thread that hands out
 * its jobs answers a worker that finished one within a picture, not after
 * the whole edition (some 100–200 ms of the worker's idle time per cold
 * build of the sample).
 */
async function drawn(width: number, height: number): Promise<void> {
  drawnSinceFreed += width * height * 4;
  if (drawnSinceFreed < FREE_AFTER) {
    await nextTurn();
    return;
  }
  drawnSinceFreed = 0;
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as (options: { type: 'minor' }) => void;
    setFlagsFromString('--no-expose-gc');
  }
  collect({ type: 'minor' });
  await nextTurn();
}

/** Draw each SVG with its options (the same fonts for all). */
async function drawPngs(svgs: readonly string[], each: readonly RasterOptions[]): Promise<Uint8Array[]> {
  const { fonts } = each[0]!;
  const draw = async (files: readonly string[]) => {
    const pngs: Uint8Array[] = [];
    for (const [i, svg] of svgs.entries()) {
      const image = new Resvg(svg, resvgOptions(fonts, files, each[i]!)).render();
      pngs.push(new Uint8Array(image.asPng()));
      await drawn(image.width, image.height);
    }
    return pngs;
  };
  if (each[0]!.subset === false || fonts.files.length === 0) return draw(fonts.files);
  const text = [...new Set(svgs.map(svgCharacters).join(''))].join('');
  const subsets = await Promise.all(fonts.files.map((file) => subsetFace(file, text)));
  // resvg takes font files by path; the cut-down faces live in a directory of their own for these drawings only.
  const dir = mkdtempSync(join(tmpdir(), 'brief-raster-'));
  try {
    const files = subsets.map((bytes, i) => {
      const path = join(dir, `${i}-${basename(fonts.files[i]!)}`);
      writeFileSync(path, bytes);
      return path;
    });
    return await draw(files);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
