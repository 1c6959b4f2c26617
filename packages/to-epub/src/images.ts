/**
 * Figure images as package items. SVG files are carried as they are unless
 * they hold scripts, event handlers, foreign objects or references to other
 * files; those are drawn as PNG instead (the package has no scripts and
 * no remote or missing resources).
 */
import { readFileSync } from 'node:fs';
import { svgToPng } from '@brief/svg-raster';
import { fontFiles, knownFamilies } from '@brief/fonts';
import type { LanguageStyle } from '@brief/templates';
import type { PlannedImage } from './plan.js';

export interface ImageItem {
  id: string;
  href: string;
  mediaType: 'image/svg+xml' | 'image/png' | 'image/jpeg';
  bytes: Uint8Array;
}

/** Why an SVG cannot be carried as it is, or undefined. */
export function unsafeSvg(svg: string): string | undefined {
  if (/<script\b/i.test(svg)) return 'script';
  if (/<foreignObject\b/i.test(svg)) return 'foreignObject';
  if (/\son[a-z]+\s*=/i.test(svg)) return 'event handler';
  if (/<!ENTITY\b/i.test(svg)) return 'entity declaration';
  if (/\b(?:xlink:)?href\s*=\s*["'](?!#)/i.test(svg)) return 'reference to another resource';
  if (/url\(\s*["']?(?!#)/i.test(svg)) return 'reference to another resource';
  if (/@import\b/i.test(svg)) return 'style import';
  return undefined;
}

/** Drop an external document type declaration (its DTD would be a remote resource). */
function dropDoctype(svg: string): string {
  return svg.replace(/<!DOCTYPE\s+svg[^>[]*>\s*/i, '');
}

/** An SVG that cannot be carried drawn as PNG at twice its size, in any of the known families. */
function rasterize(svg: string, style: LanguageStyle): Promise<Uint8Array> {
  const files = knownFamilies().flatMap((f) => [fontFiles(f).normal, fontFiles(f).bold]);
  return svgToPng(svg, {
    fonts: { files: [...new Set(files)], defaultFamily: style.fonts.body.family, serifFamily: style.fonts.body.family, sansSerifFamily: style.fonts.heading.family },
    scale: 2,
    languages: [style.lang],
  });
}

export async function imageItem(planned: PlannedImage, style: LanguageStyle): Promise<ImageItem> {
  const bytes = new Uint8Array(readFileSync(planned.image.path));
  if (planned.image.mediaType !== 'image/svg+xml') {
    return { id: planned.id, href: planned.href, mediaType: planned.image.mediaType, bytes };
  }
  const svg = new TextDecoder('utf-8').decode(bytes);
  if (unsafeSvg(svg) === undefined) {
    return { id: planned.id, href: planned.href, mediaType: 'image/svg+xml', bytes: new TextEncoder().encode(dropDoctype(svg)) };
  }
  return {
    id: planned.id,
    href: planned.href.replace(/\.svg$/, '.png'),
    mediaType: 'image/png',
    bytes: await rasterize(svg, style),
  };
}
