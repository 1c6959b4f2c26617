/**
 * A raster figure (PNG, JPEG) the PDF prints at too few pixels per inch.
 * The PDF writer sets a picture at its pixel size as CSS pixels (96 to the
 * inch: 0.75 pt each; a density the file declares, PNG pHYs or JPEG JFIF,
 * is not read), scaled down, never up, to the text block's width and to
 * `proportions.figureMaxHeight.pdf` of its height (less its caption and
 * source line, which this leaves out: the size taken here is never smaller
 * than the writer's, nor the resolution higher). Below `minimumPpi` a
 * warning at the image, once per picture (at the edition that prints it
 * at the fewest), with the width in pixels that
 * prints at `targetPpi` at the size it is printed when it is that large.
 * SVG pictures print at any size.
 */
import { blocksOfKind, diagnostic, type Diagnostic } from '@brief/document-model';
import { languageStyle } from '@brief/templates';
import type { ValidationInput } from './index.js';

const PT_PER_PX = 0.75;
const PT_PER_MM = 72 / 25.4;
/** Below this, a picture prints visibly soft. */
export const minimumPpi = 150;
/** What print asks of a picture. */
export const targetPpi = 300;

export function checkImageResolution(input: ValidationInput): Diagnostic[] {
  const worst = new Map<string, { ppi: number; told: Diagnostic }>();
  const { page, proportions, sizes } = input.template;
  for (const doc of input.editions) {
    // The text block's width, as the PDF writer takes it (a whole number of characters when the language sets on a grid).
    const full = (page.widthMm - page.margin.inner - page.margin.outer) * PT_PER_MM;
    const grid = languageStyle(input.template, doc.meta.lang).typography.gridMeasure;
    const roomWidth = grid ? Math.floor(full / sizes.body + 1e-9) * sizes.body : full;
    const roomHeight = (page.heightMm - page.margin.top - page.margin.bottom) * PT_PER_MM * proportions.figureMaxHeight.pdf;
    for (const figure of blocksOfKind(doc.body, 'figure')) {
      if (figure.body.kind !== 'image') continue;
      const image = figure.body.image;
      if (image.mediaType === 'image/svg+xml') continue;
      const { width, height } = image;
      if (!width || !height) continue;
      const scale = Math.min(1, roomWidth / (width * PT_PER_PX), roomHeight / (height * PT_PER_PX));
      const printedIn = (width * PT_PER_PX * scale) / 72;
      const ppi = width / printedIn;
      if (ppi >= minimumPpi || (worst.get(image.path)?.ppi ?? Number.POSITIVE_INFINITY) <= ppi) continue;
      // A picture with more pixels prints larger, up to the room it is scaled down to: the width that fills it at the target.
      const fullIn = Math.min(roomWidth, (roomHeight * width) / height) / 72;
      const needed = Math.ceil(fullIn * targetPpi);
      const mm = (inches: number) => Math.round(inches * 25.4);
      worst.set(image.path, {
        ppi,
        told: diagnostic(
          'image-resolution',
          'warning',
          `${image.src}: the PDF prints this ${width}×${height}-pixel picture ${mm(printedIn)} mm wide, at ${Math.round(ppi)} pixels per inch, below ${minimumPpi}: it prints soft`,
          image.source ?? figure.source ?? { file: input.files.get(doc.meta.lang) ?? doc.meta.id, start: { line: 1, column: 1 } },
          `export it at least ${needed.toLocaleString('en')} pixels wide (${targetPpi} ppi at ${mm(fullIn)} mm, the width it then prints at), or draw it as SVG`,
        ),
      });
    }
  }
  return [...worst.values()].map((w) => w.told);
}
