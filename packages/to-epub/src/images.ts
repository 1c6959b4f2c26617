/**
 * Figure images as package items. SVG files are carried as they are unless
 * they hold scripts, event handlers, foreign objects or references to other
 * files; those are rendered to PNG instead (the package has no scripts and
 * no remote or missing resources).
 */
import { readFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
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

function rasterize(svg: string, style: LanguageStyle): Uint8Array {
  const files = knownFamilies().flatMap((f) => [fontFiles(f).normal, fontFiles(f).bold]);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: 2 },
    font: {
      loadSystemFonts: false,
      fontFiles: [...new Set(files)],
      defaultFontFamily: style.fonts.body.family,
      serifFamily: style.fonts.body.family,
      sansSerifFamily: style.fonts.heading.family,
    },
    languages: [style.lang],
    logLevel: 'off',
  });
  return new Uint8Array(resvg.render().asPng());
}

export function imageItem(planned: PlannedImage, style: LanguageStyle): ImageItem {
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
    bytes: rasterize(svg, style),
  };
}
