#!/usr/bin/env node
/**
 * The largest blank band of each page of a PDF: the page rendered at 40 dpi
 * (pdfjs-dist drawing on @napi-rs/canvas), the tallest run of blank rows
 * between the running head and the folio (the first and last runs of inked
 * rows), as a fraction of the page height. A half-empty page has a band near
 * 0.5; a full page only the gaps between its lines and above its notes.
 *
 *   node scripts/blank-band.mjs output/<id>/<id>.ja.pdf …
 *
 * prints, per file, the band of every page and the largest one on a page
 * other than the last. The tests use the same function (tests/helpers/blank-band.ts).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Rows darker than this (0–255, the darkest pixel of the row) hold ink. */
const INK = 200;
const DPI = 40;

/** @param {readonly boolean[]} inked @returns {number} the tallest run of blank rows after the first run of inked rows and before the last one */
export function largestBand(inked) {
  let top = inked.indexOf(true);
  if (top < 0) return 0;
  while (top < inked.length && inked[top]) top++;
  let bottom = inked.lastIndexOf(true);
  while (bottom > 0 && inked[bottom]) bottom--;
  let best = 0;
  let run = 0;
  for (let y = top; y <= bottom; y++) {
    run = inked[y] ? 0 : run + 1;
    if (run > best) best = run;
  }
  return best;
}

/** @param {string} path @returns {Promise<number[]>} the largest blank band of every page, in order */
export async function blankBands(path) {
  const pdf = await getDocument({ data: new Uint8Array(readFileSync(path)), disableFontFace: true, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const out = [];
  try {
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p);
      const viewport = page.getViewport({ scale: DPI / 72 });
      const width = Math.ceil(viewport.width);
      const height = Math.ceil(viewport.height);
      const { context } = pdf.canvasFactory.create(width, height);
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, width, height);
      await page.render({ canvasContext: context, viewport }).promise;
      const pixels = context.getImageData(0, 0, width, height).data;
      const inked = [];
      for (let y = 0; y < height; y++) {
        let darkest = 255;
        for (let x = 0; x < width; x++) {
          const i = (y * width + x) * 4;
          const gray = (pixels[i] * 299 + pixels[i + 1] * 587 + pixels[i + 2] * 114) / 1000;
          if (gray < darkest) darkest = gray;
        }
        inked.push(darkest < INK);
      }
      out.push(largestBand(inked) / height);
      page.cleanup();
    }
  } finally {
    await pdf.destroy();
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const path of process.argv.slice(2)) {
    const bands = await blankBands(path);
    const largest = Math.max(0, ...bands.slice(0, -1));
    console.log(`${path}: largest ${largest.toFixed(3)} (pages: ${bands.map((b) => b.toFixed(3)).join(' ')})`);
  }
}
