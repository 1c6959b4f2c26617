/**
 * The text of an SVG figure is drawn in the face its `font-family` names
 * when the fonts package has that family, else in the house style's
 * heading face (sans-serif) or body face (anything else), Japanese or Latin
 * as the picture's text is (`svgGenericFaces`), as the PDF writer sets it; the DOCX's picture of it is drawn from the same
 * fonts. A character none of those faces has prints blank, with nothing in
 * the source to show it: a warning, one per picture and language.
 */
import { readFileSync } from 'node:fs';
import { blocksOfKind, diagnostic, type Diagnostic, type DocumentModel, type FigureBlock, type Image } from '@brief/document-model';
import { faceHasGlyph, isInvisible, isVariationSelector } from '@brief/fonts';
import { svgSize, svgSmallestText, svgText } from '@brief/svg';
import { languageStyle, svgFaces, svgFallbackFaces, svgGenericFaces } from '@brief/templates';
import { listedCodePoints } from './font-coverage.js';
import type { ValidationInput } from './index.js';

/** An edition's SVG figures with their text, each picture once (`seen` holds the paths given already). */
function* svgFigures(doc: DocumentModel, seen: Set<string>): Generator<{ figure: FigureBlock; image: Image; svg: string }> {
  for (const figure of blocksOfKind(doc.body, 'figure')) {
    if (figure.body.kind !== 'image' || figure.body.image.mediaType !== 'image/svg+xml') continue;
    const image = figure.body.image;
    if (seen.has(image.path)) continue;
    seen.add(image.path);
    let svg: string;
    try {
      svg = readFileSync(image.path, 'utf8');
    } catch {
      continue; // An unreadable picture is reported where figures are read.
    }
    yield { figure, image, svg };
  }
}

export function checkFigureText(input: ValidationInput): Diagnostic[] {
  const out: Diagnostic[] = [...checkFigureTextSize(input)];
  for (const doc of input.editions) {
    const fonts = languageStyle(input.template, doc.meta.lang).fonts;
    for (const { figure, image, svg } of svgFigures(doc, new Set())) {
      const generic = svgGenericFaces(fonts, svgText(svg));
      const faces = svgFaces(svg, generic.sans, generic.serif);
      // A character its faces lack is set in a fallback face (`svgWithFallbacks`): missing only when none has it.
      const drawnWith = [...faces, ...svgFallbackFaces(fonts, faces)];
      const missing = new Set<number>();
      for (const ch of svgText(svg)) {
        const cp = ch.codePointAt(0) ?? 0;
        if (/\s/u.test(ch) || isInvisible(cp) || isVariationSelector(cp)) continue;
        if (!drawnWith.some((face) => faceHasGlyph(face, 'normal', cp))) missing.add(cp);
      }
      if (missing.size === 0) continue;
      const chars = [...missing];
      const { listed, more } = listedCodePoints(chars);
      const one = chars.length === 1;
      out.push(
        diagnostic(
          'figure-font-missing-glyph',
          'warning',
          `${image.src}: ${chars.length} character${one ? '' : 's'} of its text (${listed}${more}) cannot be printed with ${faces.join(' or ')} or the fallback faces: ${one ? 'it prints' : 'they print'} blank in the PDF and DOCX`,
          figure.source ?? { file: input.files.get(doc.meta.lang) ?? doc.meta.id, start: { line: 1, column: 1 } },
          `replace ${one ? 'it' : 'them'}, convert that text to paths in the drawing program, or name a font-family that has ${one ? 'it' : 'them'} (the families of the fonts package or the template's fontFiles)`,
        ),
      );
    }
  }
  return out;
}

/** Points per CSS pixel. */
const PT_PER_PX = 0.75;
const PT_PER_MM = 72 / 25.4;

/**
 * Text in an SVG picture too small to read in print: the PDF scales a
 * picture down to the text block's width and to `proportions.figureMaxHeight`
 * of its height (less its caption, which this leaves out, so the scale
 * taken here is never smaller than the writer's), and the smallest text of
 * the picture (`svgSmallestText`) then prints at that scale. Below
 * `proportions.figureTextMinPt`, a warning, once per picture.
 */
/** The bound that scales a picture down: its width or its height (`room` in px), whichever is tighter. */
function fullSize(width: number, height: number, roomWidth: number, roomHeight: number): string {
  return roomWidth / width <= roomHeight / height ? `${Math.floor(roomWidth)}px wide at most` : `${Math.floor(roomHeight)}px high at most`;
}

function checkFigureTextSize(input: ValidationInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { page, proportions } = input.template;
  const width = (page.widthMm - page.margin.inner - page.margin.outer) * PT_PER_MM;
  const height = (page.heightMm - page.margin.top - page.margin.bottom) * PT_PER_MM * proportions.figureMaxHeight.pdf;
  const least = proportions.figureTextMinPt;
  const seen = new Set<string>();
  for (const doc of input.editions) {
    for (const { figure, image, svg } of svgFigures(doc, seen)) {
      const smallest = svgSmallestText(svg);
      const size = svgSize(svg);
      if (!smallest || !size.width || !size.height) continue;
      const scale = Math.min(1, width / (size.width * PT_PER_PX), height / (size.height * PT_PER_PX));
      const printed = smallest.px * PT_PER_PX * scale;
      if (printed >= least) continue;
      const quoted = [...smallest.text].length > 30 ? `${[...smallest.text].slice(0, 29).join('')}…` : smallest.text;
      const round = (n: number) => Math.round(n * 10) / 10;
      out.push(
        diagnostic(
          'figure-text-small',
          'warning',
          `${image.src}: its smallest text ("${quoted}", ${round(smallest.px)}px) prints at ${round(printed)} pt in the PDF, below ${least} pt (proportions.figureTextMinPt)${scale < 1 ? `: the picture, ${Math.round(size.width)}×${Math.round(size.height)}px, is scaled to ${Math.round(scale * 100)}% to fit the page` : ''}`,
          figure.source ?? { file: input.files.get(doc.meta.lang) ?? doc.meta.id, start: { line: 1, column: 1 } },
          `set that text larger in the drawing${scale < 1 ? `, or draw the picture smaller (${fullSize(size.width, size.height, width / PT_PER_PX, height / PT_PER_PX)} prints it at full size)` : ''}`,
        ),
      );
    }
  }
  return out;
}
