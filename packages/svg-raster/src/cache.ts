/**
 * The build-cache key of a drawn picture (`svgToPng`): the SVG's text, the
 * bytes of its font files (by content, not by path), every option that
 * reaches resvg, and the code that draws it (this package's compiled files,
 * `@brief/svg`'s, resvg's version and the font subsetter's identity).
 */
import { cacheKey, codeIdentity } from '@brief/build-cache';
import { fontDigest, subsetterIdentity } from '@brief/fonts';
import type { RasterOptions } from './index.js';

export function pngKey(svg: string, options: RasterOptions): string {
  const { fonts } = options;
  return cacheKey('svg-raster.svgToPng', codeIdentity(import.meta.url, ['@brief/svg', '@resvg/resvg-js']), subsetterIdentity(), svg, fonts.files.map(fontDigest), {
    defaultFamily: fonts.defaultFamily,
    serifFamily: fonts.serifFamily ?? null,
    sansSerifFamily: fonts.sansSerifFamily ?? null,
    width: options.width ?? null,
    scale: options.scale ?? null,
    languages: options.languages ?? null,
    subset: options.subset !== false,
  });
}
