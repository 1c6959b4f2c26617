/**
 * The bridge to pdfmake, the drawing layer (docs/pdf.md): the one module that
 * loads pdfmake and the PDFKit it builds on, patches their prototypes and
 * reads their internals. Everything else in the writer builds plain
 * document definitions with the types below and calls the functions here.
 *
 * What it relies on, checked by `pdfmake-adapter.test.ts` so that a pdfmake
 * or PDFKit upgrade that changes them fails there first:
 * - PDFKit is pdfmake's own dependency; `doc.font(path)` leaves the
 *   embedded font in `doc._font` (ascender, descender, widthOfString, the
 *   fontkit font with its `stream.buffer`);
 * - fontkit fonts shape with `layout` and `layoutRun` on their prototype,
 *   and PDFKit calls `layoutCached` for words without features; both are
 *   patched (`shareShaping`) so a run is shaped once per process;
 * - `getStream()` gives the PDFKit document after layout and before it ends
 *   (the outline is added then), with pdfmake's laid-out pages in
 *   `_pdfMakePages`, where custom `_keys` of inlines are kept;
 * - pdfmake sets superscript at 0.58 of the size (the template's
 *   `proportions.superscript.pdf` must equal it: the writer measures marks
 *   with it).
 *
 * PDFKit is taken from pdfmake's own dependency, so text is measured by
 * exactly the font code that renders it.
 */
import { createRequire } from 'node:module';
import * as hb from 'harfbuzzjs';

const require = createRequire(import.meta.url);

/** PDFKit's embedded font (only what measuring uses). */
export interface EmbeddedFont {
  ascender: number;
  descender: number;
  lineGap: number;
  widthOfString(text: string, size: number, features?: Record<string, boolean> | null): number;
  font: { hasGlyphForCodePoint(cp: number): boolean };
}

export interface PdfKitOutline {
  addItem(title: string, options?: { pageNumber?: number; top?: number; left?: number; expanded?: boolean; zoom?: number }): PdfKitOutline;
}

/** The PDFKit document pdfmake renders into (after layout, before it ends). */
export interface PdfKitDocument {
  _font: EmbeddedFont | null;
  font(src: string): PdfKitDocument;
  outline: PdfKitOutline;
  /** pdfmake's laid-out pages (undocumented: read only to check the layout). */
  _pdfMakePages?: LaidOutPage[];
  page: { width: number; height: number };
}

export interface LaidOutInline {
  text: string;
  x: number;
  width: number;
  [key: string]: unknown;
}

export interface LaidOutPage {
  items: { type: string; item: { x?: number; y?: number; inlines?: LaidOutInline[]; getHeight?: () => number } }[];
}

type PdfKitConstructor = new (options: Record<string, unknown>) => PdfKitDocument;

export interface CreatedPdf {
  getStream(): Promise<PdfKitDocument>;
  getBuffer(): Promise<Buffer>;
}

export interface PdfMake {
  addFonts(fonts: Record<string, FontDescriptor>): void;
  setUrlAccessPolicy(fn: (url: string) => boolean): void;
  setLocalAccessPolicy(fn: (path: string) => boolean): void;
  createPdf(definition: DocDefinition, options?: Record<string, unknown>): CreatedPdf;
}

export interface FontDescriptor {
  normal: string;
  bold: string;
  italics: string;
  bolditalics: string;
}

// ---------------------------------------------------------------------------
// The document definition, as far as this writer builds it.

export interface TextInline {
  text: string;
  noWrap: true;
  font: string;
  bold?: boolean;
  italics?: boolean;
  fontSize: number;
  color?: string;
  characterSpacing?: number;
  fontFeatures?: Record<string, boolean>;
  sup?: boolean;
  link?: string;
  linkToDestination?: string;
  decoration?: 'lineThrough' | 'underline';
  /** Custom keys copied onto laid-out inlines; read back to check the layout. */
  [custom: `_${string}`]: unknown;
}

export interface Position {
  x: number;
  y: number;
}

export interface TextNode {
  text: TextInline[];
  absolutePosition: Position;
  id?: string;
  pageBreak?: 'before';
}

export interface CanvasLine {
  type: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  lineWidth: number;
  lineColor: string;
}

export interface CanvasRect {
  type: 'rect';
  x: number;
  y: number;
  w: number;
  h: number;
  color?: string;
  lineColor?: string;
  lineWidth?: number;
}

export interface CanvasNode {
  canvas: (CanvasLine | CanvasRect)[];
  absolutePosition: Position;
  pageBreak?: 'before';
}

export interface SvgNode {
  svg: string;
  width: number;
  height: number;
  font: string;
  absolutePosition: Position;
  pageBreak?: 'before';
}

export interface ImageNode {
  image: string;
  width: number;
  height: number;
  absolutePosition: Position;
  pageBreak?: 'before';
}

export type ContentNode = TextNode | CanvasNode | SvgNode | ImageNode;

export interface DocDefinition {
  content: ContentNode[];
  pageSize: { width: number; height: number };
  pageMargins: [number, number, number, number];
  defaultStyle: { font: string; fontSize: number };
  info: Record<string, string | Date>;
  language: string;
  version: string;
  displayTitle: boolean;
  compress: boolean;
}

let loaded: { pdfmake: PdfMake; PDFKit: PdfKitConstructor } | undefined;

/** pdfmake (server build) and the PDFKit class it uses. */
export function loadPdfmake(): { pdfmake: PdfMake; PDFKit: PdfKitConstructor } {
  if (!loaded) {
    const pdfmake = require('pdfmake') as PdfMake;
    const fromPdfmake = createRequire(require.resolve('pdfmake'));
    const PDFKit = fromPdfmake('pdfkit') as PdfKitConstructor;
    loaded = { pdfmake, PDFKit };
  }
  return loaded;
}

/** A shaped run as PDFKit's fonts give it: glyphs and their positions (in 1/1000 em). */
export interface ShapedRun {
  glyphs: { id: number; advanceWidth: number; codePoints: number[] }[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }[];
  advanceWidth: number;
}

export interface LayoutFont {
  font: { postscriptName: string; numGlyphs: number; stream?: { buffer?: Uint8Array } };
  layout(text: string, features?: Record<string, boolean> | null, onlyWidth?: boolean): ShapedRun;
  layoutCached(text: string): ShapedRun;
  layoutRun(text: string, features?: Record<string, boolean> | null): ShapedRun;
}

/** Characters set one at a time (see `shapeByCharacter`): CJK ideographs, kana and full-width forms, not combining marks. */
const singly = /^[\u3000-\u3098\u309b-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60]+$/u;

const patched = new WeakSet<object>();

/**
 * What is kept of a shaped run: fontkit's glyphs hold on to the font copy
 * that made them (with its tables), which would keep every document's fonts
 * alive for as long as the process runs.
 */
function plain(run: ShapedRun): ShapedRun {
  return {
    glyphs: run.glyphs.map((g) => ({ id: g.id, advanceWidth: g.advanceWidth, codePoints: g.codePoints })),
    positions: run.positions.map((p) => ({ xAdvance: p.xAdvance, yAdvance: p.yAdvance, xOffset: p.xOffset, yOffset: p.yOffset, advanceWidth: p.advanceWidth })),
    advanceWidth: run.advanceWidth,
  };
}

let harfbuzzBuffer: hb.Buffer | undefined;

/** HarfBuzz's copy of a font file, opened once per process. */
const harfbuzzFonts = new Map<string, { font: hb.Font; scale: number }>();

/**
 * A run of text without features shaped by HarfBuzz, in the form PDFKit's
 * fonts give (positions in 1/1000 em, glyph advances in font units, the
 * characters each glyph stands for). HarfBuzz applies the same default
 * features as fontkit (kerning, ligatures, contextual forms) three to four
 * times faster; `tests/e2e/pdf-shaping.test.ts` checks that both give the
 * same glyphs and positions for every word of the sample.
 */
export function shapeWithHarfBuzz(font: LayoutFont, text: string): ShapedRun {
  const key = fontKey(font);
  let open = harfbuzzFonts.get(key);
  if (!open) {
    const bytes = font.font.stream?.buffer;
    if (!(bytes instanceof Uint8Array)) throw new Error(`no font data for ${font.font.postscriptName}`);
    const face = new hb.Face(new hb.Blob(bytes), 0);
    open = { font: new hb.Font(face), scale: 1000 / face.upem };
    harfbuzzFonts.set(key, open);
  }
  // One buffer, emptied before each run.
  harfbuzzBuffer ??= new hb.Buffer();
  const buffer = harfbuzzBuffer;
  buffer.reset();
  buffer.addText(text);
  buffer.guessSegmentProperties();
  hb.shape(open.font, buffer);
  const infos = buffer.getGlyphInfos();
  const positions = buffer.getGlyphPositions();
  const run: ShapedRun = { glyphs: [], positions: [], advanceWidth: 0 };
  infos.forEach((info, i) => {
    // A cluster's characters go with its first glyph (clusters are UTF-16 offsets).
    const first = i === 0 || infos[i - 1]!.cluster !== info.cluster;
    const next = infos.slice(i + 1).find((later) => later.cluster !== info.cluster);
    const codePoints = first ? [...text.slice(info.cluster, next?.cluster ?? text.length)].map((c) => c.codePointAt(0)!) : [];
    const p = positions[i]!;
    const advance = open.font.glyphHAdvance(info.codepoint);
    const xAdvance = p.xAdvance * open.scale;
    run.glyphs.push({ id: info.codepoint, advanceWidth: advance, codePoints });
    run.positions.push({ xAdvance, yAdvance: p.yAdvance * open.scale, xOffset: p.xOffset * open.scale, yOffset: p.yOffset * open.scale, advanceWidth: advance * open.scale });
    run.advanceWidth += xAdvance;
  });
  return run;
}

const fontKeys = new WeakMap<object, string>();

/** A font file's key: its PostScript name, glyph count and size (fontkit decodes the name anew on every read). */
function fontKey(font: LayoutFont): string {
  let key = fontKeys.get(font.font);
  if (key === undefined) {
    key = `${font.font.postscriptName}|${font.font.numGlyphs}|${font.font.stream?.buffer?.byteLength ?? 0}`;
    fontKeys.set(font.font, key);
  }
  return key;
}

/** Runs already shaped, by font file (name, glyph count and size) and by features and text. */
const shaped = new Map<string, Map<string, ShapedRun>>();

function runsOf(font: LayoutFont): Map<string, ShapedRun> {
  const key = fontKey(font);
  let runs = shaped.get(key);
  if (!runs) {
    runs = new Map();
    shaped.set(key, runs);
  }
  return runs;
}

/**
 * PDFKit shapes text again for every document (each opens its own copy of
 * a font, with an empty cache) and shapes a run that carries OpenType
 * features in full each time it is measured or drawn; pdfmake measures every
 * run before drawing it. A PDF edition was thus shaped three times over: by
 * the measuring of its lines, by pdfmake's measuring and by the drawing.
 *
 * Shaped runs are remembered here per font file, for every document of the
 * process: words (PDFKit's own unit for text without features) and single
 * characters with features. Under the features set on Japanese text (no
 * kerning; half-width punctuation) nothing is shaped across two CJK
 * characters, so a run of them is shaped a character at a time and put
 * together: the same glyphs and positions as shaping the whole run, which
 * `tests/e2e/pdf-shaping.test.ts` checks for every Japanese run of the
 * sample. Only glyph ids, widths and code points are read from a run, so a
 * run shaped with one copy of a font serves every copy of the same file.
 */
export function shareShaping(font: object): void {
  const proto = Object.getPrototypeOf(font) as LayoutFont;
  if (patched.has(proto)) return;
  patched.add(proto);
  const whole = proto.layout;
  proto.layoutCached = function (this: LayoutFont, text) {
    const runs = runsOf(this);
    let run = runs.get(text);
    if (!run) {
      run = shapeWithHarfBuzz(this, text);
      runs.set(text, run);
    }
    return run;
  };
  proto.layout = function (this: LayoutFont, text, features, onlyWidth) {
    if (!features || !singly.test(text)) return whole.call(this, text, features, onlyWidth);
    const runs = runsOf(this);
    const key = `\u0000${JSON.stringify(features)}\u0000`;
    const out: ShapedRun = { glyphs: [], positions: [], advanceWidth: 0 };
    for (const ch of text) {
      let run = runs.get(key + ch);
      if (!run) {
        run = plain(this.layoutRun(ch, features));
        runs.set(key + ch, run);
      }
      out.glyphs.push(...run.glyphs);
      out.positions.push(...run.positions);
      out.advanceWidth += run.advanceWidth;
    }
    return out;
  };
}

/** The document fonts are opened in for measuring (never drawn or written). */
let measuring: PdfKitDocument | undefined;

/**
 * The embedded font PDFKit sets a font file with, as pdfmake's drawing will:
 * its metrics, and its shaping shared by every document of the process.
 */
export function measuringFont(path: string): EmbeddedFont {
  const { PDFKit } = loadPdfmake();
  measuring ??= new PDFKit({ autoFirstPage: false, font: null, fontLayoutCache: true });
  measuring.font(path);
  const font = measuring._font;
  if (!font) throw new Error(`PDFKit opened no font for ${path}`);
  shareShaping(font);
  return font;
}

/** A word (with the space after it) shaped as PDFKit draws it, from the shared runs. */
export function shapedWord(font: EmbeddedFont, text: string): ShapedRun {
  return (font as unknown as LayoutFont).layoutCached(text);
}

/** Where each note mark (`_mark`) and each note start (`_noteStart`) landed (page index), from pdfmake's laid-out pages. */
export function landedPages(pages: readonly LaidOutPage[]): { marks: Map<number, number>; notes: Map<number, number> } {
  const marks = new Map<number, number>();
  const notes = new Map<number, number>();
  pages.forEach((page, index) => {
    for (const { item } of page.items) {
      for (const inline of item.inlines ?? []) {
        const mark = inline._mark;
        if (typeof mark === 'number' && !marks.has(mark)) marks.set(mark, index);
        const start = inline._noteStart;
        if (typeof start === 'number' && !notes.has(start)) notes.set(start, index);
      }
    }
  });
  return { marks, notes };
}

export interface DrawOptions {
  /** Font files by family, as pdfmake registers them. */
  fonts: Record<string, FontDescriptor>;
  /** Local files pdfmake may read (fonts, SVG images); no URL is ever fetched. */
  allowLocal(path: string): boolean;
  /**
   * Called with pdfmake's laid-out pages and the PDFKit document after
   * layout, before it is written: to check the layout and add the outline.
   */
  beforeEnd?(pages: readonly LaidOutPage[] | undefined, kit: PdfKitDocument): void;
}

/** Draw a document definition with pdfmake: the PDF's bytes. */
export async function drawPdf(definition: DocDefinition, options: DrawOptions): Promise<Uint8Array> {
  const { pdfmake } = loadPdfmake();
  pdfmake.addFonts(options.fonts);
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(options.allowLocal);
  const pdf = pdfmake.createPdf(definition);
  const kit = await pdf.getStream();
  options.beforeEnd?.(kit._pdfMakePages, kit);
  const buffer = await pdf.getBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
