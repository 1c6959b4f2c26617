/**
 * An SVG picture's text in the edition's own faces. A picture shown with
 * `<img>` is a document of its own: it sees none of the book's embedded
 * fonts, so its labels would be set in whatever the reading system has (on
 * one with no Japanese font, a Japanese label prints as boxes). Each face
 * the picture's text is set in — chosen as the PDF writer chooses it
 * (`svgFaces`, `svgWithFaces`) — is cut to the picture's characters and
 * carried inside the picture, as an `@font-face` rule with a `data:` URL.
 */
import { fontFiles, knownFamilies, subsetFace } from '@brief/fonts';
import { svgText, svgTextUnnamed, withStyleSheet } from '@brief/svg';
import { svgCharacters } from '@brief/svg-raster';
import { svgFaces, svgGenericFaces, svgWithFaces, svgWithFontFallbacks, type LanguageStyle } from '@brief/templates';
import { embeddedSubset, isCff } from './fonts.js';

/** A `font-weight` of bold (`bold`, `bolder`, 600–900) anywhere in the file, as an attribute or in CSS. */
const boldWeight = /font-weight\s*(?::|=\s*["'])\s*(?:bold|bolder|[6-9]00)\b/i;

/** The weights a picture's faces are carried in (CSS keywords, and the fonts package's variants). */
type Weight = 'normal' | 'bold';

/** The `@font-face` rule of a face cut for a picture. */
function faceRule(family: string, weight: Weight, bytes: Uint8Array): string {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  return `@font-face{font-family:"${family}";font-weight:${weight};src:url(data:font/${isCff(bytes) ? 'otf' : 'ttf'};base64,${data})}`;
}

/**
 * The SVG with the faces of its text inside it (and each `font-family`
 * list led by the face that sets it); a picture without text as it is.
 */
export async function svgWithOwnFaces(svg: string, style: LanguageStyle): Promise<string> {
  const text = svgText(svg);
  if (text.trim() === '') return svg;
  const { sans, serif } = svgGenericFaces(style.fonts, text);
  const named = svgWithFaces(svg, sans, serif, new Set(knownFamilies()));
  // Text that names no font is set in the serif face, as the PDF sets it.
  const unnamed = svgTextUnnamed(named);
  const own = [...new Set([...svgFaces(named, sans, serif), ...(unnamed ? [serif] : [])])];
  // Characters none of its faces has are set in the fallback faces, as the PDF sets them.
  const fallen = svgWithFontFallbacks(named, own, style.fonts);
  const faces = [...new Set([...own, ...fallen.used])].sort();
  const characters = svgCharacters(fallen.svg);
  const weights: Weight[] = boldWeight.test(named) ? ['normal', 'bold'] : ['normal'];
  const rules: string[] = [];
  for (const family of faces) {
    const files = fontFiles(family);
    for (const weight of weights) rules.push(faceRule(family, weight, await subsetFace(files[weight], characters, embeddedSubset)));
  }
  if (unnamed) rules.push(`:root{font-family:"${serif}"}`);
  return withStyleSheet(fallen.svg, rules.join(''));
}
