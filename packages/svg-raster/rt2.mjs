import { readFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { fontFiles } from '@brief/fonts';
const sans = fontFiles('Noto Sans JP');
const svg = readFileSync(process.argv[2], 'utf8');
for (const w of [1600, 2400]) {
  const t = performance.now();
  const r = new Resvg(svg, { font: { fontFiles: [sans.normal], loadSystemFonts: false, defaultFontFamily: 'Noto Sans JP' }, fitTo: { mode: 'width', value: w } });
  const t1 = performance.now();
  const img = r.render();
  const t2 = performance.now();
  const png = img.asPng();
  const t3 = performance.now();
  console.log(w, img.width, img.height, 'new', (t1 - t).toFixed(0), 'render', (t2 - t1).toFixed(0), 'png', (t3 - t2).toFixed(0), png.length);
}
