/**
 * Pictures: SVG is embedded as SVG with a PNG fallback (drawn by
 * @brief/svg-raster with the Noto fonts from npm, so Japanese labels
 * render); PNG and JPEG are embedded as they are. Sizes are CSS pixels (96
 * to the inch), scaled down to fit the text block.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rasterSize, svgFontFamilies, svgText } from '@brief/svg';
import { svgSize, svgsToPngs, type Picture, type RasterFonts } from '@brief/svg-raster';
import { fontFiles, isKnownFamily } from '@brief/fonts';
import type { Image } from '@brief/document-model';
import { svgFaces, svgGenericFaces, svgWithFontFallbacks, type LanguageStyle } from '@brief/templates';
import type { IImageOptions } from 'docx';

/** Pixels of the PNG fallback per display pixel (3 × 96 = 288 dpi). */
const fallbackScale = 3;

export interface Box {
  width: number;
  height: number;
}

/** Scale a size down (never up) to fit a box, keeping its proportions. */
export function fitInto(size: Box, box: Box): Box {
  const scale = Math.min(1, box.width / size.width, box.height / size.height);
  return { width: Math.round(size.width * scale), height: Math.round(size.height * scale) };
}

/**
 * Fonts for drawing an SVG: the faces of the families it names (regular and
 * bold), else the edition's Japanese and Latin faces. Loading only these
 * keeps a render from reading every font file of the edition.
 */
function svgFonts(ls: LanguageStyle, svg: string): { fonts: RasterFonts; svg: string } {
  const named = svgFontFamilies(svg).filter((f) => isKnownFamily(f));
  const { sans, serif } = svgGenericFaces(ls.fonts, svgText(svg));
  const families = named.length > 0 ? [...new Set(named)] : [...new Set([sans, serif])];
  // Characters none of its faces has are set in the fallback faces, as the PDF sets them.
  const faces = svgFaces(svg, sans, serif);
  const fallen = svgWithFontFallbacks(svg, faces, ls.fonts);
  return {
    fonts: {
      files: [...new Set([...families, ...fallen.used].flatMap((f) => [fontFiles(f).normal, fontFiles(f).bold]))],
      defaultFamily: families[0] ?? serif,
      serifFamily: serif,
      sansSerifFamily: sans,
    },
    svg: fallen.svg,
  };
}

/** The size an image is shown at, fitted into `box` (CSS px). Throws when its size cannot be known. */
export function shownSize(image: Image, box: Box): Box {
  if (image.width && image.height) return fitInto({ width: image.width, height: image.height }, box);
  const data = readFileSync(image.path);
  const intrinsic = image.mediaType === 'image/svg+xml' ? svgSize(data.toString('utf8')) : rasterSize(new Uint8Array(data));
  if (!intrinsic) throw new Error(`cannot read the size of ${image.src}`);
  return fitInto(intrinsic, box);
}

/** PNG fallbacks of an edition's SVG pictures, by file: drawn before the document is put together. */
export type Fallbacks = ReadonlyMap<string, Uint8Array>;

/**
 * Draw the PNG fallback of every SVG picture, at three times the size it is
 * shown at: the pictures set in the same fonts together (`svgsToPngs`).
 */
export async function drawFallbacks(images: readonly Image[], box: Box, ls: LanguageStyle): Promise<Fallbacks> {
  const groups = new Map<string, { fonts: RasterFonts; paths: string[]; pictures: Picture[] }>();
  const seen = new Set<string>();
  for (const image of images) {
    if (image.mediaType !== 'image/svg+xml' || seen.has(image.path)) continue;
    seen.add(image.path);
    const width = shownSize(image, box).width * fallbackScale;
    const { fonts, svg } = svgFonts(ls, readFileSync(image.path, 'utf8'));
    const key = JSON.stringify(fonts);
    const group = groups.get(key) ?? { fonts, paths: [], pictures: [] };
    groups.set(key, group);
    group.paths.push(image.path);
    group.pictures.push({ svg, width });
  }
  const out = new Map<string, Uint8Array>();
  for (const { fonts, paths, pictures } of groups.values()) {
    const pngs = await svgsToPngs(pictures, { fonts });
    paths.forEach((path, i) => out.set(path, pngs[i]!));
  }
  return out;
}

/**
 * The pictures' bytes by the stand-ins the docx library is given for them
 * (`standIn`), as hex: the package gets the bytes (`PackageFixes.media`).
 */
export type MediaBytes = Map<string, Uint8Array>;

/**
 * A picture's bytes as the docx library is given them: their SHA-256, 32
 * bytes, noted in `media`. The library names each picture by a SHA-1 of its
 * bytes that it works out in JavaScript, which for the fallback pictures of
 * a few figures took 15–20 ms a document; only its name for the picture
 * depends on them, and that is gone from the package (pictures are
 * numbered image1, image2…). The same bytes give the same stand-in, so a
 * picture used twice is still stored once.
 */
export function standIn(bytes: Uint8Array, media: MediaBytes): Uint8Array {
  const digest = createHash('sha256').update(bytes).digest();
  media.set(digest.toString('hex'), bytes);
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
}

/**
 * The options of an `ImageRun` for a model image, fitted into `box` (CSS px),
 * with its PNG fallback from `fallbacks` when it is an SVG; the bytes are
 * given as stand-ins noted in `media`.
 * Throws when the file cannot be read or its size cannot be known.
 */
export function imageRunOptions(image: Image, box: Box, fallbacks: Fallbacks, media: MediaBytes, alt: { text: string; description?: string } = { text: image.alt }): IImageOptions {
  const data = standIn(readFileSync(image.path), media);
  // Word's alt text: the figure's alternative text as title and description, the long description after it.
  const altText = { name: image.src, description: alt.description ? `${alt.text}\n\n${alt.description}` : alt.text, title: alt.text };
  const shown = shownSize(image, box);
  if (image.mediaType === 'image/svg+xml') {
    const png = fallbacks.get(image.path);
    if (!png) throw new Error(`no fallback drawn for ${image.src}`);
    return { type: 'svg', data, fallback: { type: 'png', data: standIn(png, media) }, transformation: shown, altText };
  }
  return { type: image.mediaType === 'image/png' ? 'png' : 'jpg', data, transformation: shown, altText };
}
