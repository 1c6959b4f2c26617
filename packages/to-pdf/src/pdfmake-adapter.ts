/**
 * The bridge to pdfmake, the drawing layer (docs/pdf.md): the one module that
 * loads pdfmake and the PDFKit it builds on, patches their prototypes and
 * reads their internals. Everything else in the writer builds plain
 * document definitions with the types below and calls the functions here.
 *
 * The writer places every run, rule and picture itself, so pdfmake's layout
 * engine (which would measure every node and break lines and pages again)
 * is skipped: `layOut` turns the placed nodes into the pages pdfmake's
 * `Renderer` draws, as pdfmake's layout would have made them.
 *
 * What it relies on, checked by `pdfmake-adapter.test.ts` so that a pdfmake
 * or PDFKit upgrade that changes them fails there first:
 * - pdfmake's `PDFDocument` (a PDFKit document) opens fonts by family and
 *   style with `provideFont`, reading a path its virtual files hold from
 *   there (the writer hands over the bytes the process already holds), and
 *   images with `provideImage`; its `Line` places runs one after another;
 *   its `SVGMeasure` writes an SVG's drawn size; drawing the placed nodes
 *   gives the same bytes as pdfmake's own layout of them;
 * - PDFKit is pdfmake's own dependency; `doc.font(path)` leaves the
 *   embedded font in `doc._font` (ascender, descender, widthOfString, the
 *   fontkit font with its `stream.buffer`); `registerFont(name, bytes)`
 *   names bytes for `doc.font(name)`;
 * - fontkit fonts shape with `layout` and `layoutRun` on their prototype,
 *   and PDFKit calls `layoutCached` for words without features; both are
 *   patched (`shareShaping`) so a run is shaped once per process;
 * - PDFKit's embedded font writes text with `encode`, adding glyphs to its
 *   `subset` (a fontkit subset: `glyphs`, `includeGlyph`) and noting each
 *   one's `widths` and `unicode` (its ToUnicode entry); `encode` is
 *   replaced (`copyAsWritten`) so that every character copies as written;
 * - PDFKit's `doc.text` hands each line to the document's own bound
 *   `_line`, which draws it with `_fragment` and then moves the pen on by
 *   its measured width; `drawAtPlaceOnly` keeps the drawing only;
 * - pdfmake sets superscript at 0.58 of the size (the template's
 *   `proportions.superscript.pdf` must equal it: the writer measures marks
 *   with it);
 * - for tagged PDF (`installTagging`, `writeStructure`): pdfmake passes
 *   `tagged`, `subset` and `lang` to PDFKit; its `Renderer` (module
 *   `js/Renderer.js`) draws laid-out items with `renderLine` (one
 *   `doc.text` per inline, in order), `renderVector`, `renderImage` and
 *   `renderSVG`, and adds pages with `doc.addPage`; PDFKit marks content
 *   with `markStructureContent`/`markContent`/`endMarkedContent`, writes an
 *   annotation when `annotate` is called, keeps the parent tree in
 *   `getStructParentTree()` and the catalog in `_root`.
 *
 * PDFKit is taken from pdfmake's own dependency, so text is measured by
 * exactly the font code that renders it.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';
import * as hb from 'harfbuzzjs';
import { hasVariationSelector, isVariationSelector } from '@brief/fonts';
import { deferUnusedModules } from './deferred-modules.js';
import { encodeSubset } from './subset-glyphs.js';
import { keptCompressed, keptSubset } from './font-subsets.js';
import { keptRuns, saveShapedRuns } from './shaped-runs.js';
import { afterAnswer, afterBuilds, holdsBetweenBuilds } from '@brief/build-cache';

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

/** The PDFKit document pdfmake draws into (after drawing, before it ends). */
export interface PdfKitDocument {
  _font: EmbeddedFont | null;
  /** Set a font: a file, or the name a font was registered under. */
  font(src: string): PdfKitDocument;
  /** Name a font's bytes (`font(name)` then opens them once). */
  registerFont(name: string, src: Buffer): PdfKitDocument;
  outline: PdfKitOutline;
  page: { width: number; height: number };
}

/** A run of text placed on its line, as pdfmake's renderer draws it. */
export interface LaidOutInline {
  text: string;
  x: number;
  width: number;
  [key: string]: unknown;
}

/** A line of runs at its position (pdfmake's `Line`). */
export interface LaidOutLine {
  x: number;
  y: number;
  /** A named destination at the line's first run. */
  id?: string;
  inlines: LaidOutInline[];
  getHeight(): number;
}

/** A picture at its position and size. */
export type LaidOutPicture<T> = Omit<T, 'absolutePosition' | 'pageBreak'> & { x: number; y: number; _width: number; _height: number };

/** A page as pdfmake's renderer draws it: its size and its items in drawing order. */
export interface LaidOutPage {
  pageSize: { width: number; height: number };
  items: (
    | { type: 'line'; item: LaidOutLine }
    | { type: 'vector'; item: CanvasLine | CanvasRect }
    | { type: 'svg'; item: LaidOutPicture<SvgNode> }
    | { type: 'image'; item: LaidOutPicture<ImageNode> }
  )[];
}

type PdfKitConstructor = new (options: Record<string, unknown>) => PdfKitDocument;

/** PDFKit's embedded font as pdfmake's document provides it for a family and style. */
interface ProvidedFont extends EmbeddedFont {
  lineHeight(size: number): number;
}

/** pdfmake's PDFKit document: fonts by family and style, images by source, checked against the local access policy. */
interface PdfMakeDocument extends PdfKitDocument {
  provideFont(family: string, bold: boolean, italics: boolean): ProvidedFont;
  provideImage(src: string): unknown;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'end' | 'error', listener: (e?: Error) => void): unknown;
  end(): void;
}

/** In-memory files pdfmake's document reads a font from instead of the disk. */
interface VirtualFiles {
  existsSync(path: string): boolean;
  readFileSync(path: string): Buffer;
}

type PdfMakeDocumentConstructor = new (
  fonts: Record<string, FontDescriptor>,
  images: Record<string, string>,
  patterns: Record<string, unknown>,
  attachments: Record<string, unknown>,
  options: Record<string, unknown>,
  virtualfs: VirtualFiles | null,
  localAccessPolicy: (path: string) => boolean,
) => PdfMakeDocument;

/** pdfmake's line: `addInline` places each run after the ones before it. */
interface PdfMakeLine extends LaidOutLine {
  addInline(inline: LaidOutInline): void;
}

/** The parts of pdfmake the writer draws with (its document, renderer, line and SVG measure), and the PDFKit under them. */
export interface PdfMakeParts {
  PDFKit: PdfKitConstructor;
  PDFDocument: PdfMakeDocumentConstructor;
  Renderer: new (kit: PdfMakeDocument) => { renderPages(pages: LaidOutPage[]): void };
  Line: new (maxWidth: number) => PdfMakeLine;
  SVGMeasure: new () => { measureSVG(svg: string): { width?: number; height?: number }; writeDimensions(svg: string, size: { width: number; height: number }): string };
}

export interface FontDescriptor {
  normal: string;
  bold: string;
  italics: string;
  bolditalics: string;
}

// ---------------------------------------------------------------------------
// The document definition, as far as this writer builds it.

/**
 * The key under which a run's features carry the extra advance of each of
 * its spaces (thousandths of an em, in order): pdfmake hands the features
 * object to PDFKit's `encode` untouched, which sets them as text adjustments.
 */
export const spaceGaps: unique symbol = Symbol('space gaps');

export type RunFeatures = Record<string, boolean> & { [spaceGaps]?: readonly number[] };

export interface TextInline {
  text: string;
  noWrap: true;
  font: string;
  bold?: boolean;
  italics?: boolean;
  fontSize: number;
  color?: string;
  characterSpacing?: number;
  /** OpenType features; under `spaceGaps`, what each space adds to its advance. */
  fontFeatures?: RunFeatures;
  sup?: boolean;
  link?: string;
  linkToDestination?: string;
  decoration?: 'lineThrough' | 'underline';
  /**
   * pdfmake cuts whitespace (JavaScript's \s, which includes U+3000 IDEOGRAPHIC
   * SPACE and NBSP) at the start of an inline and moves the inline left by its
   * width; a run that starts with one keeps it where it stands.
   */
  preserveLeadingSpaces?: boolean;
  /** Where the run goes in the structure tree (set by `tagNodes`). */
  _tag?: Tag;
  /** An inline element around the run inside its block's element (a note mark, a span in another language, a hyphenated word). */
  _sub?: InlineTag;
  /** What a link annotation on this run says (`/Contents`); else its URL or text. */
  _contents?: string;
  /** The run's width as composed (its link's and strike's extent): not measured again. */
  _width?: number;
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
  _tag?: Tag;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  lineWidth: number;
  lineColor: string;
}

export interface CanvasRect {
  type: 'rect';
  _tag?: Tag;
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
  _tag?: Tag;
}

export interface ImageNode {
  image: string;
  width: number;
  height: number;
  absolutePosition: Position;
  pageBreak?: 'before';
  _tag?: Tag;
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
  /** Tagged PDF (PDF/UA-1): marked content, structure tree, `/Tabs /S`, the PDF/UA identifier in XMP. */
  tagged?: boolean;
  subset?: 'PDF/UA';
}

// ---------------------------------------------------------------------------
// Tagging: what the writer attaches to nodes and the tree it describes.

/** Where drawn content goes: into the structure element `key`, or an artifact. */
/**
 * Where a drawn item goes in the structure tree: under an element (`key`),
 * or outside it as an artifact; an artifact's text may also be kept out of
 * copied text (`uncopied`: an empty ActualText around it, which text
 * extraction reads in its place).
 */
export type Tag = { key: string } | { artifact: 'Pagination' | 'Layout'; uncopied?: true };

/** An inline element wrapped around one run (inside its block's element). */
export interface InlineTag {
  type: 'Reference' | 'Span' | 'Lbl' | 'Quote' | 'Code';
  lang?: string;
  /** Replacement text (a word hyphenated at a line's end, without the hyphen). */
  actual?: string;
}

/**
 * A structure element in logical order. Content drawn with `{ key }` becomes
 * its marked content, in drawing order (page by page), placed before its
 * child elements; links drawn in it become Link elements with their
 * annotations (OBJR).
 */
export interface StructNode {
  type: string;
  key?: string;
  alt?: string;
  lang?: string;
  /** Element identifier (`/ID`, in the IDTree): notes. */
  id?: string;
  /** Table header cells. */
  scope?: 'Row' | 'Column';
  /** A row header heading a group of rows: how many (the rows after its own leave the cell blank). */
  rowSpan?: number;
  /** Give the element a Layout BBox attribute from the images drawn in it (figures). */
  bbox?: boolean;
  /** A table's `/Summary` attribute (PDF 1.7): its figure's long description, which the page does not print. */
  summary?: string;
  children: StructNode[];
}

export interface Tagging {
  tree: StructNode;
  /** Page labels: decimal numbers from this one. */
  firstPageLabel: number;
}

let loaded: PdfMakeParts | undefined;

/**
 * pdfmake's drawing modules and the PDFKit class they use. Its layout
 * engine (measuring, line breaking, page breaking) is never loaded: the
 * writer places every run itself (see `layOut`).
 */
export function loadPdfmake(): PdfMakeParts {
  if (!loaded) {
    const fromPdfmake = createRequire(require.resolve('pdfmake'));
    deferUnusedModules(fromPdfmake.resolve('pdfkit'));
    const part = <T>(name: string) => (fromPdfmake(name) as { default: T }).default;
    loaded = {
      PDFKit: fromPdfmake('pdfkit') as PdfKitConstructor,
      PDFDocument: part<PdfMakeDocumentConstructor>('./PDFDocument.js'),
      Renderer: part<PdfMakeParts['Renderer']>('./Renderer.js'),
      Line: part<PdfMakeParts['Line']>('./Line.js'),
      SVGMeasure: part<PdfMakeParts['SVGMeasure']>('./SVGMeasure.js'),
    };
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

let harfbuzzBuffer: hb.Buffer | undefined;

/** HarfBuzz's copy of a font file, opened once per process. */
const harfbuzzFonts = new Map<string, { font: hb.Font; scale: number }>();

/**
 * A run of text shaped by HarfBuzz, in the form PDFKit's fonts give
 * (positions in 1/1000 em, glyph advances in font units, the characters
 * each glyph stands for): words without features, and CJK characters with
 * the features set on Japanese text, one at a time. HarfBuzz applies the
 * same default features as fontkit (kerning, ligatures, contextual forms)
 * three to four times faster; `tests/e2e/pdf-shaping.test.ts` checks that
 * both give the same glyphs and positions for every word and every such
 * character of the sample.
 */
/**
 * Features a shaper applies by itself (fontkit adds them to the features
 * object it is handed, HarfBuzz turns them on by default): only the others,
 * and those turned off, are passed on to HarfBuzz.
 */
const defaultFeatures = new Set('rvrn ltra ltrm rtla rtlm ccmp locl rlig mark mkmk calt clig liga rclt curs kern frac numr dnom abvm blwm dist'.split(' '));

function harfBuzzFeatures(features: Record<string, boolean> | null | undefined): hb.Feature[] {
  if (!features) return [];
  return Object.entries(features)
    .filter(([tag, on]) => !on || !defaultFeatures.has(tag))
    .map(([tag, on]) => new hb.Feature(tag, on ? 1 : 0));
}

export function shapeWithHarfBuzz(font: LayoutFont, text: string, features?: Record<string, boolean> | null): ShapedRun {
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
  // A selector the face has no variant for is dropped, not drawn as a blank glyph of its own.
  if (hasVariationSelector(text)) buffer.setFlags(hb.BufferFlag.REMOVE_DEFAULT_IGNORABLES);
  buffer.addText(text);
  buffer.guessSegmentProperties();
  hb.shape(open.font, buffer, harfBuzzFeatures(features));
  const infos = buffer.getGlyphInfos();
  const positions = buffer.getGlyphPositions();
  const run: ShapedRun = { glyphs: [], positions: [], advanceWidth: 0 };
  // Where each glyph's cluster ends: the cluster of the next glyph of another cluster (one pass from the end, not a search per glyph).
  const ends = new Array<number>(infos.length);
  for (let i = infos.length - 1, end = text.length; i >= 0; i--) {
    ends[i] = end;
    if (i > 0 && infos[i - 1]!.cluster !== infos[i]!.cluster) end = infos[i]!.cluster;
  }
  infos.forEach((info, i) => {
    // A cluster's characters go with its first glyph (clusters are UTF-16 offsets).
    const first = i === 0 || infos[i - 1]!.cluster !== info.cluster;
    let codePoints = first ? [...text.slice(info.cluster, ends[i])].map((c) => c.codePointAt(0)!) : [];
    // A selector the face has no variant for leaves the base's usual glyph, which stands for the base alone.
    if (codePoints.length === 2 && isVariationSelector(codePoints[1]!) && open.font.nominalGlyph(codePoints[0]!) === info.codepoint) codePoints = [codePoints[0]!];
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
const memoryIds = new WeakMap<object, number>();
let memories = 0;

/**
 * A font file's key: its PostScript name, glyph count and size (fontkit
 * decodes the name anew on every read), and the memory holding its bytes
 * (two working faces of one file may agree in all three).
 */
function fontKey(font: LayoutFont): string {
  let key = fontKeys.get(font.font);
  if (key === undefined) {
    const bytes = font.font.stream?.buffer;
    let memory = bytes ? memoryIds.get(bytes.buffer) : 0;
    if (memory === undefined && bytes) {
      memory = ++memories;
      memoryIds.set(bytes.buffer, memory);
    }
    key = `${font.font.postscriptName}|${font.font.numGlyphs}|${bytes?.byteLength ?? 0}|${memory ?? 0}:${bytes?.byteOffset ?? 0}`;
    fontKeys.set(font.font, key);
  }
  return key;
}

/**
 * Runs already shaped, by font file (name, glyph count and size) and by
 * features and text; those of earlier builds come from the build cache
 * (`shaped-runs.ts`).
 */
const shaped = new Map<string, Map<string, ShapedRun>>();

function runsOf(font: LayoutFont): Map<string, ShapedRun> {
  const key = fontKey(font);
  let runs = shaped.get(key);
  if (!runs) {
    runs = keptRuns(font.font.stream?.buffer);
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
 * characters, so a run of them is shaped a character at a time (by
 * HarfBuzz, as words are) and put together: the same glyphs and positions
 * as shaping the whole run, which
 * `tests/e2e/pdf-shaping.test.ts` checks for every Japanese run of the
 * sample. Only glyph ids, widths and code points are read from a run, so a
 * run shaped with one copy of a font serves every copy of the same file.
 */
export function shareShaping(font: object): void {
  const proto = Object.getPrototypeOf(font) as LayoutFont;
  if (patched.has(proto)) return;
  patched.add(proto);
  copyAsWritten(proto as unknown as EncodingFont);
  keepSubsets(proto as unknown as EncodingFont);
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
  proto.layout = function (this: LayoutFont, text, given, onlyWidth) {
    // Features that carry only a run's space gaps (a symbol key) are no features: PDFKit measures such a run too.
    const features = given && Object.keys(given).length > 0 ? given : null;
    const runs = runsOf(this);
    const key = `\u0000${JSON.stringify(features)}\u0000`;
    // fontkit finds a variation sequence's glyph only when the face lists no
    // default sequences for the same selector; HarfBuzz finds it always.
    if (features && hasVariationSelector(text)) {
      let run = runs.get(key + text);
      if (!run) {
        run = shapeWithHarfBuzz(this, text, features);
        runs.set(key + text, run);
      }
      return run;
    }
    if (!features) return wordByWord(this, text, onlyWidth);
    if (!singly.test(text)) return whole.call(this, text, features, onlyWidth);
    const out: ShapedRun = { glyphs: [], positions: [], advanceWidth: 0 };
    const byCharacter = characterRuns(runs, key);
    for (const ch of text) {
      let run = byCharacter.get(ch);
      if (!run) {
        run = runs.get(key + ch);
        if (!run) {
          run = shapeWithHarfBuzz(this, ch, features);
          runs.set(key + ch, run);
        }
        byCharacter.set(ch, run);
      }
      for (let g = 0; g < run.glyphs.length; g++) out.glyphs.push(run.glyphs[g]!);
      for (let g = 0; g < run.positions.length; g++) out.positions.push(run.positions[g]!);
      out.advanceWidth += run.advanceWidth;
    }
    return out;
  };
}

/**
 * A font's runs of single characters under one set of features, by the
 * character: in front of its run table, whose keys join the features (a
 * JSON text of some 250 characters) and the character, a string that was
 * made and hashed anew for every character of Japanese text measured or
 * drawn.
 */
const characterTables = new WeakMap<Map<string, ShapedRun>, Map<string, Map<string, ShapedRun>>>();

function characterRuns(runs: Map<string, ShapedRun>, key: string): Map<string, ShapedRun> {
  let byKey = characterTables.get(runs);
  if (!byKey) {
    byKey = new Map();
    characterTables.set(runs, byKey);
  }
  let table = byKey.get(key);
  if (!table) {
    table = new Map();
    byKey.set(key, table);
  }
  return table;
}

/**
 * A run without features as PDFKit lays it out: word by word, each word
 * with the space or tab after it (`layoutCached`), the words' glyphs and
 * positions put one after another. PDFKit copies the glyphs so far for every
 * word it adds, which for a line of text is most of the cost of drawing
 * it; here they are appended. The same glyph and position objects, in the
 * same order, and the same width (added word by word).
 */
function wordByWord(font: LayoutFont, text: string, onlyWidth: boolean | undefined): ShapedRun {
  const glyphs: ShapedRun['glyphs'] = [];
  const positions: ShapedRun['positions'] = [];
  let advanceWidth = 0;
  let last = 0;
  for (let index = 0; index <= text.length; ) {
    const code = text.charCodeAt(index);
    if ((index === text.length && last < index) || code === 0x20 || code === 0x09) {
      index++;
      const run = font.layoutCached(text.slice(last, index));
      if (!onlyWidth) {
        // Index loops: this runs for every word drawn, mostly in code not yet optimised, where
        // `for … of` leaves an iterator result behind for every element.
        for (let g = 0; g < run.glyphs.length; g++) glyphs.push(run.glyphs[g]!);
        for (let g = 0; g < run.positions.length; g++) positions.push(run.positions[g]!);
      }
      advanceWidth += run.advanceWidth;
      last = index;
    } else index++;
  }
  // PDFKit gives no glyphs and positions when asked for the width only.
  return onlyWidth ? ({ glyphs: null, positions: null, advanceWidth } as unknown as ShapedRun) : { glyphs, positions, advanceWidth };
}

/** PDFKit's embedded font as it writes text: its subset, and the characters each subset glyph copies as. */
interface EncodingFont extends LayoutFont {
  subset: { glyphs: number[]; includeGlyph(id: number): number; encode(): Uint8Array };
  /** Write the font's subset into the document (PDFKit, when the document ends). */
  embed(): void;
  document: { ref(...args: unknown[]): StreamRef };
  unicode: number[][];
  widths: number[];
  scale: number;
  encode(text: string, features?: Record<string, boolean> | null): [string[], ShapedRun['positions']];
}

/** Each font's second glyphs: the subset glyph drawn for a glyph that stands for other characters too. */
const twins = new WeakMap<object, Map<string, number>>();

/**
 * A face may draw two characters with one glyph (Noto Serif JP draws ～
 * U+FF5E and 〜 U+301C alike; a variation sequence the face lists as default
 * draws its base's glyph). PDFKit's ToUnicode map gives each subset glyph the
 * characters it was first drawn for, so copying the other character gave the
 * first. Here such a glyph enters the subset once more for each other
 * character it stands for, so that every character copies as written.
 */
function copyAsWritten(proto: EncodingFont): void {
  proto.encode = function (this: EncodingFont, text, features) {
    const gaps = (features as RunFeatures | null | undefined)?.[spaceGaps];
    const shapedRun = this.layout(text, gaps ? null : features);
    const glyphs = shapedRun.glyphs;
    let positions = shapedRun.positions;
    if (gaps) positions = withSpaceGaps(glyphs, positions, gaps);
    const hex: string[] = [];
    for (let g = 0; g < glyphs.length; g++) {
      const glyph = glyphs[g]!;
      let gid = this.subset.includeGlyph(glyph.id);
      const known = this.unicode[gid];
      if (known?.length && glyph.codePoints.length > 0 && !sameNumbers(known, glyph.codePoints)) {
        let own = twins.get(this);
        if (!own) {
          own = new Map();
          twins.set(this, own);
        }
        const key = `${glyph.id}:${glyph.codePoints.join()}`;
        let twin = own.get(key);
        if (twin === undefined) {
          this.subset.glyphs.push(glyph.id);
          twin = this.subset.glyphs.length - 1;
          own.set(key, twin);
        }
        gid = twin;
      }
      hex.push(hex4(gid));
      this.widths[gid] ??= glyph.advanceWidth * this.scale;
      if (!this.unicode[gid]?.length) this.unicode[gid] = glyph.codePoints;
    }
    return [hex, positions];
  };
}

/** Whether two lists of numbers are the same, number for number. */
function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Glyph ids as PDFKit writes them in a text string: four hex digits (made once per id). */
const hexIds: string[] = [];
function hex4(id: number): string {
  let hex = hexIds[id];
  if (hex === undefined) {
    hex = `0000${id.toString(16)}`.slice(-4);
    hexIds[id] = hex;
  }
  return hex;
}

/**
 * PDFKit's subset of a face, written when the document ends, from the build
 * cache when the same glyphs were cut before, and a large one compressed from
 * there too (`font-subsets.ts`). PDFKit's `embed` makes the font file's
 * stream first (`document.ref()`) and ends it with the subset.
 */
function keepSubsets(proto: EncodingFont): void {
  const embed = proto.embed;
  proto.embed = function (this: EncodingFont) {
    const subset = this.subset;
    const encode = subset.encode;
    subset.encode = () => keptSubset(this.font.stream?.buffer, subset.glyphs, () => encodeSubset(subset, () => encode.call(subset)));
    const doc = this.document;
    const ref = doc.ref;
    doc.ref = function (this: typeof doc, ...args: unknown[]) {
      doc.ref = ref;
      return writtenCompressed(ref.apply(this, args));
    };
    try {
      embed.call(this);
    } finally {
      subset.encode = encode;
      doc.ref = ref;
    }
  };
}

/** A PDFKit stream object as `embed` writes the font file into it. */
interface StreamRef {
  data: Record<string, unknown>;
  compress: boolean;
  buffer: unknown[];
  write(chunk: unknown): void;
  end(chunk?: Uint8Array): void;
}

/**
 * The font file's stream, ended with a large subset compressed from the
 * build cache (`keptCompressed`) rather than by PDFKit: written as PDFKit
 * writes a compressed stream (its length, then its filter), the same bytes.
 */
function writtenCompressed(stream: StreamRef): StreamRef {
  const end = stream.end;
  stream.end = function (this: StreamRef, chunk?: Uint8Array) {
    const compressed = chunk && this.compress && this.buffer.length === 0 ? keptCompressed(chunk) : undefined;
    if (!compressed) return end.call(this, chunk);
    this.compress = false;
    this.write(compressed);
    this.data.Filter = 'FlateDecode';
    return end.call(this);
  };
  return stream;
}

/** A PDFKit document as it adds pages: each page's content stream (`page.content`). */
interface PagedKit {
  page: { content: StreamRef };
  addPage(...args: unknown[]): unknown;
}

/**
 * Page contents this thread deflated, by a SHA-256 of their bytes, the
 * latest used last; at most `DEFLATED_PAGES_BYTES` of them.
 */
const deflatedPages = new Map<string, Buffer>();
let deflatedPagesBytes = 0;
const DEFLATED_PAGES_BYTES = 16 * 2 ** 20;
let deflatedPagesFound = 0;

/** How many page contents were found deflated before, in this thread (for tests). */
export function pagesFoundDeflated(): number {
  return deflatedPagesFound;
}

/** A page's content deflated: as deflated before when the same bytes were, else now. */
function deflatedOnce(content: Buffer): Buffer {
  const key = createHash('sha256').update(content).digest('base64');
  const known = deflatedPages.get(key);
  if (known) {
    deflatedPagesFound++;
    deflatedPages.delete(key);
    deflatedPages.set(key, known);
    return known;
  }
  const made = deflateSync(content);
  deflatedPages.set(key, made);
  deflatedPagesBytes += made.byteLength;
  for (const [oldest, bytes] of deflatedPages) {
    if (deflatedPagesBytes <= DEFLATED_PAGES_BYTES) break;
    deflatedPages.delete(oldest);
    deflatedPagesBytes -= bytes.byteLength;
  }
  return made;
}

/**
 * Each page's content written as one buffer, and deflated once per thread
 * that draws the same edition again and again.
 *
 * PDFKit makes a buffer of every operator it adds to a page (`addContent`:
 * the operator and a newline, as Latin-1) and joins them when the page
 * ends; here the operators are kept as strings and made one buffer then,
 * the same bytes (the generated 300-page report's English edition adds
 * some 350,000 operators).
 * PDFKit's own `write` takes that buffer and sets the stream's length and
 * filter; the dictionary holds nothing else, so it is written alike.
 *
 * In a thread that holds between builds (`brief watch`'s workers) a page's
 * content is deflated once: after an edit most pages are as they were, and
 * deflating them was some 15 % of drawing the sample. PDFKit deflates a
 * stream's chunks when it ends (`finalize`); here they are handed over
 * deflated, so the bytes are the same.
 */
function writeEachPageOnce(kit: PagedKit): void {
  const addPage = kit.addPage;
  const deflateOnce = holdsBetweenBuilds();
  kit.addPage = function (this: PagedKit, ...args: unknown[]) {
    const out = addPage.apply(this, args);
    const content = this.page.content;
    const write = content.write;
    const end = content.end;
    let operators: string[] = [];
    const flush = (stream: StreamRef) => {
      if (operators.length === 0) return;
      operators.push('');
      write.call(stream, Buffer.from(operators.join('\n'), 'latin1'));
      operators = [];
    };
    content.write = function (this: StreamRef, chunk: unknown) {
      if (chunk instanceof Uint8Array) {
        flush(this);
        return write.call(this, chunk);
      }
      operators.push(`${chunk}`);
    };
    content.end = function (this: StreamRef, chunk?: Uint8Array) {
      if (chunk) this.write(chunk);
      flush(this);
      if (deflateOnce && this.compress && this.buffer.length > 0) {
        this.buffer = [deflatedOnce(Buffer.concat(this.buffer as Buffer[]))];
        this.compress = false;
      }
      return end.call(this);
    };
    return out;
  };
}

/** Positions with each space moved on by its gap (the positions of a shaped run are shared: copied where changed). */
function withSpaceGaps(glyphs: ShapedRun['glyphs'], positions: ShapedRun['positions'], gaps: readonly number[]): ShapedRun['positions'] {
  const out = positions.slice();
  let next = 0;
  glyphs.forEach((glyph, i) => {
    if (next >= gaps.length || glyph.codePoints.length !== 1 || glyph.codePoints[0] !== 0x20) return;
    const p = out[i]!;
    out[i] = { ...p, xAdvance: p.xAdvance + gaps[next++]! };
  });
  return out;
}

/** The file each font's bytes handed to pdfmake came from. */
const pathOfBytes = new WeakMap<object, string>();
/** The font files a document holds in memory (what `drawPdf` was handed). */
const filesOf = new WeakMap<object, VirtualFiles>();
let byPath = false;

/**
 * pdfmake opens a font it holds as bytes with `doc.font(bytes)`, which PDFKit
 * would parse again for every family using the file, and an SVG's text with
 * `doc.font(path)`, which PDFKit would read from the disk. Both are opened
 * as a font registered under the file's path from the bytes handed over
 * instead: once per document, as a font opened by path is (and numbered the
 * same). A font registered under a path (the measuring document's too) is
 * opened from fontkit's copy of the file that the process already parsed
 * (`sharedFace`).
 */
function fontsByPath(): void {
  if (byPath) return;
  byPath = true;
  const proto = loadPdfmake().PDFKit.prototype as unknown as {
    font(this: PdfKitInternalsForFonts, src: unknown, ...rest: unknown[]): unknown;
  };
  const font = proto.font;
  proto.font = function (this: PdfKitInternalsForFonts, src: unknown, ...rest: unknown[]) {
    const files = filesOf.get(this);
    const held = typeof src === 'string' && files?.existsSync(src) ? src : undefined;
    const registered = typeof src === 'string' && this._registeredFonts[src] ? src : undefined;
    const path = held ?? registered ?? (typeof src === 'object' && src !== null ? pathOfBytes.get(src) : undefined);
    if (path === undefined || rest.length > 0) return font.call(this, src, ...rest);
    if (!this._registeredFonts[path]) this.registerFont(path, held !== undefined && files ? files.readFileSync(held) : (src as Buffer));
    if (!this._fontFamilies[path]) openShared(this, path);
    const out = font.call(this, path);
    keepFace(this, path);
    return out;
  };
}

/** PDFKit's class of an embedded font (taken from the first one opened). */
type EmbeddedFontClass = new (document: unknown, font: FontkitFace, id: string) => { name?: string; font: FontkitFace };
type FontkitFace = object;
let embeddedFontClass: EmbeddedFontClass | undefined;

/** fontkit's copy of each font file the process opened, by the bytes' buffer and their place in it. */
const faces = new WeakMap<ArrayBufferLike, Map<string, FontkitFace>>();
const placeOf = (bytes: Uint8Array) => `${bytes.byteOffset}:${bytes.byteLength}`;

/**
 * fontkit's copy of a font file, as an earlier document of the process
 * opened it. Every PDFKit document would parse each file again (its tables,
 * its glyphs' metrics: tens of milliseconds a document for the Japanese
 * faces), though nothing of a document is kept in it: the subset, the widths
 * and the ToUnicode entries belong to PDFKit's embedded font, which each
 * document still makes for itself.
 */
function sharedFace(bytes: unknown): FontkitFace | undefined {
  return bytes instanceof Uint8Array ? faces.get(bytes.buffer)?.get(placeOf(bytes)) : undefined;
}

/**
 * Open a registered font from the process's copy of its file, as PDFKit's
 * `font` would (the next font id; listed under its path and its PostScript
 * name). A second file with the same PostScript name is left to PDFKit,
 * which compares the two.
 */
function openShared(kit: PdfKitInternalsForFonts, path: string): void {
  const face = sharedFace(kit._registeredFonts[path]?.src);
  if (!face || !embeddedFontClass) return;
  const embedded = new embeddedFontClass(kit, face, `F${kit._fontCount + 1}`);
  if (embedded.name && kit._fontFamilies[embedded.name]) return;
  kit._fontCount += 1;
  kit._fontFamilies[path] = embedded;
  if (embedded.name) kit._fontFamilies[embedded.name] = embedded;
}

/** Keep fontkit's copy of a registered font PDFKit opened itself, for the next documents. */
function keepFace(kit: PdfKitInternalsForFonts, path: string): void {
  const bytes = kit._registeredFonts[path]?.src;
  const opened = kit._fontFamilies[path];
  if (!(bytes instanceof Uint8Array) || !opened || sharedFace(bytes)) return;
  embeddedFontClass ??= opened.constructor as EmbeddedFontClass;
  let placed = faces.get(bytes.buffer);
  if (!placed) {
    placed = new Map();
    faces.set(bytes.buffer, placed);
  }
  placed.set(placeOf(bytes), opened.font);
}

interface PdfKitInternalsForFonts {
  _registeredFonts: Record<string, { src: unknown; family?: string } | undefined>;
  _fontFamilies: Record<string, { font: FontkitFace } | undefined>;
  _fontCount: number;
  registerFont(name: string, src: Buffer): unknown;
}

/** The same bytes as a Buffer (no copy). */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The document fonts are opened in for measuring (never drawn or written). */
let measuring: PdfKitDocument | undefined;

/**
 * The embedded font PDFKit sets a font file with, as pdfmake's drawing will:
 * its metrics, and its shaping shared by every document of the process.
 */
export function measuringFont(path: string, bytes: Uint8Array): EmbeddedFont {
  const { PDFKit } = loadPdfmake();
  fontsByPath();
  measuring ??= new PDFKit({ autoFirstPage: false, font: null, fontLayoutCache: true });
  // Registered under its path: PDFKit opens each face once (keyed by the path) from the bytes given.
  measuring.registerFont(path, asBuffer(bytes));
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

/** Where each note mark (`_mark`) and each note start (`_noteStart`) landed (page index), and how many pages were drawn. */
export interface Landed {
  pages: number;
  marks: Map<number, number>;
  notes: Map<number, number>;
}

/** Record where the marks and note starts of the next drawn page landed. */
function landOn(landed: Landed, page: LaidOutPage): void {
  const index = landed.pages++;
  for (const entry of page.items) {
    if (entry.type !== 'line') continue;
    for (const inline of entry.item.inlines) {
      const mark = inline._mark;
      if (typeof mark === 'number' && !landed.marks.has(mark)) landed.marks.set(mark, index);
      const start = inline._noteStart;
      if (typeof start === 'number' && !landed.notes.has(start)) landed.notes.set(start, index);
    }
  }
}

/** Where each note mark and note start landed on these drawn pages (see `landOn`). */
export function landedPages(pages: readonly LaidOutPage[]): { marks: Map<number, number>; notes: Map<number, number> } {
  const landed: Landed = { pages: 0, marks: new Map(), notes: new Map() };
  for (const page of pages) landOn(landed, page);
  return { marks: landed.marks, notes: landed.notes };
}

export interface DrawOptions {
  /** Font files by family, as pdfmake's document opens them. */
  fonts: Record<string, FontDescriptor>;
  /** The bytes of a font file, as the process already holds them (else each document reads each file again). */
  fontBytes?(path: string): Uint8Array;
  /** Local files the document may read (fonts, images); no URL is ever fetched. */
  allowLocal(path: string): boolean;
  /** Called with each page as pdfmake's renderer is given it, once drawn (the page is let go after). */
  onPage?(page: LaidOutPage): void;
  /**
   * Called with where the marks and notes landed and the PDFKit document
   * after drawing, before it is written: to check the pages and add the outline.
   */
  beforeEnd?(landed: Landed, kit: PdfKitDocument): void;
  /** The structure tree (with `definition.tagged`). */
  tagging?: Tagging;
  /** The authors one by one, for the XMP metadata (the document information has them joined in `Author`). */
  authors?: readonly string[];
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * PDFKit writes the document information into the XMP metadata as it is:
 * unescaped (a title with `&` or `<` would break the XML), and `Author` as
 * one `dc:creator` entry. Here the values are escaped while it writes them,
 * and each author gets an entry of their own.
 */
function fixXmp(kit: PdfKitDocument, authors: readonly string[] | undefined): void {
  const k = kit as unknown as { _addInfo(): unknown; info: Record<string, unknown>; metadata: { _metadata: string } };
  const addInfo = k._addInfo;
  k._addInfo = function (this: typeof k) {
    const saved = { ...this.info };
    for (const key of ['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer']) {
      const value = this.info[key];
      if (typeof value === 'string') this.info[key] = escapeXml(value);
    }
    try {
      return addInfo.call(this);
    } finally {
      Object.assign(this.info, saved);
      if (authors && authors.length > 1) {
        const items = authors.map((a) => `<rdf:li>${escapeXml(a)}</rdf:li>`).join('');
        this.metadata._metadata = this.metadata._metadata.replace(/(<dc:creator>\s*<rdf:Seq>\s*)<rdf:li>[\s\S]*?<\/rdf:li>/, (_all, open: string) => open + items);
      }
    }
  };
}

/** The PDFKit options pdfmake's printer gives its document (document information keys capitalised as PDF names them). */
function kitOptions(definition: DocDefinition): Record<string, unknown> {
  const info: Record<string, unknown> = { Producer: 'pdfmake', Creator: 'pdfmake' };
  const standard = new Set(['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer', 'CreationDate', 'ModDate', 'Trapped']);
  for (const [key, value] of Object.entries(definition.info)) {
    if (!value) continue;
    const capital = key.charAt(0).toUpperCase() + key.slice(1);
    info[standard.has(capital) ? capital : key.replace(/\s+/g, '')] = value;
  }
  return {
    size: [definition.pageSize.width, definition.pageSize.height],
    pdfVersion: definition.version,
    subset: definition.subset,
    tagged: definition.tagged ?? false,
    displayTitle: definition.displayTitle,
    compress: definition.compress,
    lang: definition.language,
    fontLayoutCache: true,
    bufferPages: false,
    autoFirstPage: false,
    info,
    font: null,
  };
}

const leadingSpace = /^\s+/;

/**
 * SVG pictures with the size they are drawn at written in (pdfmake's
 * `writeDimensions`, which parses the picture and writes it out again), by
 * size and picture, the most recently used last: a worker drawing an
 * edition again (`brief watch`) writes each picture once.
 */
const sizedSvgs = new Map<string, string>();
const SIZED_SVGS = 256;

/**
 * Open every font and image of the definition in content order, as
 * pdfmake's measuring opens them (before anything is drawn), so that the
 * PDF's font names and objects come out in the same order as pdfmake's own
 * layout gives them while the pages are laid out one at a time.
 */
function openInContentOrder(definition: DocDefinition, kit: PdfMakeDocument): void {
  for (const node of definition.content) {
    if ('text' in node) for (const run of node.text) kit.provideFont(run.font ?? definition.defaultStyle.font, run.bold ?? false, run.italics ?? false);
    else if ('image' in node) kit.provideImage(node.image);
  }
}

/**
 * The pages as pdfmake's renderer draws them, one at a time (a page drawn
 * is let go), from a definition whose every node is already placed
 * (`absolutePosition`; `pageBreak: 'before'` starts a page): each text node
 * one line of runs set one after another from its position, each rule moved
 * by its node's position, each picture at its position and size. pdfmake's
 * own layout (measuring every node, breaking lines and pages) would only
 * find the same places again. The fonts and images are opened first
 * (`openInContentOrder`).
 */
export function* layOut(definition: DocDefinition, kit: PdfMakeDocument): Generator<LaidOutPage> {
  const { Line, SVGMeasure } = loadPdfmake();
  const pageSize = { width: definition.pageSize.width, height: definition.pageSize.height };
  const ids = new Set<string>();
  let svgMeasure: InstanceType<PdfMakeParts['SVGMeasure']> | undefined;
  let page: LaidOutPage | undefined;
  for (const node of definition.content) {
    if (!page || node.pageBreak === 'before') {
      if (page) yield page;
      page = { pageSize, items: [] };
    }
    const { x, y } = node.absolutePosition;
    if ('text' in node) {
      const line = new Line(pageSize.width - x);
      for (const run of node.text) {
        const sup = run.sup ?? false;
        const fontSize = (run.fontSize ?? definition.defaultStyle.fontSize) * (sup ? 0.58 : 1);
        const font = kit.provideFont(run.font ?? definition.defaultStyle.font, run.bold ?? false, run.italics ?? false);
        const fontFeatures = run.fontFeatures ?? null;
        const characterSpacing = run.characterSpacing ?? 0;
        const widthOf = (text: string) => font.widthOfString(text, fontSize, fontFeatures) + characterSpacing * (text.length - 1);
        const lead = run.preserveLeadingSpaces ? undefined : leadingSpace.exec(run.text)?.[0];
        const inline: LaidOutInline = {
          ...run,
          font,
          fontSize,
          fontFeatures,
          characterSpacing,
          color: run.color ?? 'black',
          alignment: 'left',
          opacity: 1,
          sup,
          width: run._width ?? widthOf(run.text),
          height: font.lineHeight(fontSize),
          leadingCut: lead ? widthOf(lead) : 0,
          x: 0,
        };
        line.addInline(inline);
      }
      line.x = x;
      line.y = y;
      if (node.id) {
        if (ids.has(node.id)) throw new Error(`Node id '${node.id}' already exists`);
        ids.add(node.id);
        line.id = node.id;
      }
      page.items.push({ type: 'line', item: line });
    } else if ('canvas' in node) {
      for (const vector of node.canvas) {
        const moved = vector.type === 'line' ? { ...vector, x1: vector.x1 + x, x2: vector.x2 + x, y1: vector.y1 + y, y2: vector.y2 + y } : { ...vector, x: vector.x + x, y: vector.y + y };
        page.items.push({ type: 'vector', item: moved });
      }
    } else if ('svg' in node) {
      const size = { width: node.width, height: node.height };
      const { absolutePosition: _, pageBreak: __, ...svg } = node;
      const key = `${size.width} ${size.height}\u0000${node.svg}`;
      let sized = sizedSvgs.get(key);
      if (sized === undefined) {
        svgMeasure ??= new SVGMeasure();
        sized = svgMeasure.writeDimensions(node.svg, size);
        if (sizedSvgs.size >= SIZED_SVGS) sizedSvgs.delete(sizedSvgs.keys().next().value as string);
      } else sizedSvgs.delete(key);
      sizedSvgs.set(key, sized);
      page.items.push({ type: 'svg', item: { ...svg, svg: sized, _width: size.width, _height: size.height, x, y } });
    } else {
      kit.provideImage(node.image);
      const { absolutePosition: _, pageBreak: __, ...image } = node;
      page.items.push({ type: 'image', item: { ...image, _width: node.width, _height: node.height, x, y } });
    }
  }
  if (page) yield page;
}

/** In-memory font files: each path's bytes as the process holds them. */
function virtualFiles(options: DrawOptions): VirtualFiles | null {
  const fontBytes = options.fontBytes;
  if (!fontBytes) return null;
  fontsByPath();
  const paths = new Set(Object.values(options.fonts).flatMap((d) => Object.values(d)));
  const files = new Map<string, Buffer>();
  return {
    existsSync: (path) => paths.has(path),
    readFileSync: (path) => {
      let bytes = files.get(path);
      if (!bytes) {
        bytes = asBuffer(fontBytes(path));
        pathOfBytes.set(bytes, path);
        files.set(path, bytes);
      }
      return bytes;
    },
  };
}

/** PDFKit's drawing of one line of text (`doc.text` hands each line to `_line`). */
interface LineDrawing {
  x: number;
  y: number;
  _line(text: string, options?: Record<string, unknown>, wrapper?: unknown): void;
  _fragment(text: string, x: number, y: number, options: Record<string, unknown>): void;
}

/**
 * PDFKit draws a line of text not wrapped to a width, then moves its pen on
 * by the line's width, measured again with fontkit's full shaping (as much
 * as drawing the text took). pdfmake gives every run its own position, so
 * the pen is never read after: such a line is only drawn. The bytes are the
 * same (`pdfmake-adapter.test.ts` compares them with pdfmake's own layout).
 */
function drawAtPlaceOnly(kit: LineDrawing): void {
  // PDFKit calls `_line` unbound (it binds its own when the document is made).
  const line = kit._line;
  kit._line = (text, options = {}, wrapper) => {
    if (wrapper) return line.call(kit, text, options, wrapper);
    kit._fragment(text, kit.x, kit.y, options);
  };
}

/**
 * Write the shaped runs when the thread's builds pause: a function of its
 * own, not a closure made in `drawPdf`, which would hold the document
 * drawn until then.
 */
function saveRunsAfterBuilds(): void {
  afterBuilds('to-pdf.shapedRuns', () => saveShapedRuns());
}

/** Draw a document definition whose nodes are all placed, with pdfmake's renderer: the PDF's bytes. */
export async function drawPdf(definition: DocDefinition, options: DrawOptions): Promise<Uint8Array> {
  const { PDFDocument, Renderer } = loadPdfmake();
  if (definition.tagged) installTagging();
  const files = virtualFiles(options);
  const kit = new PDFDocument(options.fonts, {}, {}, {}, kitOptions(definition), files, options.allowLocal);
  if (files) filesOf.set(kit, files);
  drawAtPlaceOnly(kit as unknown as LineDrawing);
  writeEachPageOnce(kit as unknown as PagedKit);
  fixXmp(kit, options.authors);
  openInContentOrder(definition, kit);
  const renderer = new Renderer(kit);
  const landed: Landed = { pages: 0, marks: new Map(), notes: new Map() };
  for (const page of layOut(definition, kit)) {
    renderer.renderPages([page]);
    landOn(landed, page);
    options.onPage?.(page);
  }
  options.beforeEnd?.(landed, kit);
  if (definition.tagged && options.tagging) writeStructure(kit as unknown as KitInternals, options.tagging);
  const chunks: Buffer[] = [];
  const buffer = await new Promise<Buffer>((resolve, reject) => {
    kit.on('data', (chunk) => chunks.push(chunk));
    kit.on('end', () => resolve(Buffer.concat(chunks)));
    kit.on('error', reject);
    kit.end();
  });
  afterAnswer(saveRunsAfterBuilds);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

// ---------------------------------------------------------------------------
// Tagging inside pdfmake's renderer. pdfmake's Renderer draws each laid-out
// item (a line of inlines, a vector, an image, an SVG) with PDFKit; its
// methods are wrapped (once per process) so that, for a tagged document,
// each inline, vector and picture is drawn inside marked content: an
// artifact, or an MCID recorded for the structure element named by its
// `_tag`. Link annotations made while an inline is drawn get a
// `/StructParent` and `/Contents` at once (PDFKit writes them immediately).
// After rendering, `writeStructure` writes the structure tree the writer
// described, pointing at the recorded content.

interface PdfRef {
  data: Record<string, unknown>;
  end(): void;
}

interface KitInternals {
  page: { dictionary: PdfRef; annotations: PdfRef[]; height: number };
  options: { tagged?: boolean };
  _root: PdfRef;
  ref(data: Record<string, unknown>): PdfRef;
  markStructureContent(tag: string, options?: Record<string, unknown>): { refs: { pageRef: PdfRef; mcid: number }[] };
  markContent(tag: string, options?: Record<string, unknown> | null): unknown;
  endMarkedContent(): unknown;
  addContent(data: string): unknown;
  getStructTreeRoot(): PdfRef;
  getStructParentTree(): { add(key: number, value: unknown): void; get(key: number): unknown[] | undefined };
  createStructParentTreeNextKey(): number;
  text(...args: unknown[]): unknown;
  fill(...args: unknown[]): unknown;
  fillColor(...args: unknown[]): unknown;
  addPage(...args: unknown[]): unknown;
  info: Record<string, unknown>;
  _addInfo(): unknown;
  annotate(x: number, y: number, w: number, h: number, options: Record<string, unknown>): unknown;
  on(event: string, listener: () => void): unknown;
}

/** One marked-content sequence of a structure element. */
interface Marked {
  page: PdfRef;
  mcid: number;
  sub?: InlineTag;
  link?: string;
  annots: { ref: PdfRef; page: PdfRef; key: number }[];
}

interface Recording {
  /** Marked content by structure key, in drawing order. */
  marked: Map<string, Marked[]>;
  /** Pictures drawn per key (page and rectangle in PDF user space), for BBox. */
  rects: Map<string, { page: PdfRef; box: [number, number, number, number] }[]>;
  /** The inlines of the line being drawn, and the next one. */
  inlines?: TextInline[];
  index: number;
  /** Marked content is open; `openKey`: the element whose plain runs it holds (the next plain run of it continues it). */
  open: boolean;
  openKey?: string;
  /** The line being drawn has decorations (strike-through): artifacts around them. */
  decorated: boolean;
  /** The marked content open now (links drawn now belong to it). */
  current?: { marked: Marked; inline?: TextInline };
}

const recordings = new WeakMap<object, Recording>();

type Method = (this: { pdfDocument: KitInternals }, ...args: never[]) => unknown;

interface RendererPrototype {
  renderPages: Method;
  renderLine: Method;
  renderVector: Method;
  renderImage: Method;
  renderSVG: Method;
}

let tagging = false;

/** pdfmake's Renderer, the class `drawPdf` draws with. */
export function rendererPrototype(): RendererPrototype {
  return loadPdfmake().Renderer.prototype as unknown as RendererPrototype;
}

/** Open marked content for `tag` (nothing without one); whether it opened. */
function begin(kit: KitInternals, rec: Recording, tag: Tag | undefined, inline?: TextInline): boolean {
  if (!tag) return false;
  if ('artifact' in tag) {
    kit.markContent('Artifact', { type: tag.artifact });
    rec.open = true;
    return true;
  }
  const sub = inline?._sub;
  const options: Record<string, unknown> = {};
  if (sub?.lang) options.lang = sub.lang;
  // ActualText goes on the Span element only: poppler places the text of a marked-content ActualText
  // at the wrong spot when PDFKit's text sits in its own q/cm (pdftotext -layout would change).
  const content = kit.markStructureContent('Span', options);
  const ref = content.refs[0]!;
  const link = inline?.link ?? inline?.linkToDestination;
  const marked: Marked = { page: ref.pageRef, mcid: ref.mcid, annots: [], ...(sub ? { sub } : {}), ...(link ? { link } : {}) };
  let list = rec.marked.get(tag.key);
  if (!list) {
    list = [];
    rec.marked.set(tag.key, list);
  }
  list.push(marked);
  rec.current = { marked, ...(inline ? { inline } : {}) };
  rec.open = true;
  return true;
}

function close(kit: KitInternals, rec: Recording): void {
  if (rec.open) kit.endMarkedContent();
  rec.open = false;
  rec.openKey = undefined;
  rec.current = undefined;
}

function rectOf(kit: KitInternals, item: { x?: number; y?: number; _width?: number; _height?: number }): [number, number, number, number] {
  const x = item.x ?? 0;
  const y = item.y ?? 0;
  const h = kit.page.height;
  return [x, h - y - (item._height ?? 0), x + (item._width ?? 0), h - y];
}

/**
 * Wrap pdfmake's renderer so tagged documents are drawn as marked content
 * (once per process; untagged documents are drawn as before). Plain runs
 * of one element drawn one after another share one marked-content sequence
 * (closed at a page's end); a run with an inline element or a link, a
 * rule and a picture each have their own.
 */
export function installTagging(): void {
  if (tagging) return;
  tagging = true;
  const proto = rendererPrototype();
  const { renderPages, renderLine, renderVector, renderImage, renderSVG } = proto;
  proto.renderPages = function (...args) {
    const kit = this.pdfDocument;
    if (kit.options.tagged && !recordings.has(kit)) {
      const rec: Recording = { marked: new Map(), rects: new Map(), index: 0, open: false, decorated: false };
      recordings.set(kit, rec);
      const addPage = kit.addPage;
      kit.addPage = function (this: KitInternals, ...pageArgs: unknown[]) {
        close(this, rec);
        const out = addPage.apply(this, pageArgs);
        this.page.dictionary.data.Tabs = 'S';
        return out;
      };
      const text = kit.text;
      kit.text = function (this: KitInternals, ...textArgs: unknown[]) {
        const inlines = rec.inlines;
        if (!inlines) return text.apply(this, textArgs);
        const inline = inlines[rec.index++];
        const tag = inline?._tag;
        const plainKey = tag && 'key' in tag && !inline._sub && !inline.link && !inline.linkToDestination ? tag.key : undefined;
        if (plainKey === undefined || plainKey !== rec.openKey) {
          close(this, rec);
          begin(this, rec, tag, inline);
          rec.openKey = plainKey;
        }
        const uncopied = tag !== undefined && 'artifact' in tag && tag.uncopied === true;
        if (uncopied) this.addContent('/Span <</ActualText ()>> BDC');
        const out = text.apply(this, textArgs);
        if (uncopied) this.addContent('EMC');
        if (plainKey === undefined || rec.decorated) close(this, rec);
        if (rec.decorated) begin(this, rec, { artifact: 'Layout' });
        return out;
      };
      const annotate = kit.annotate;
      kit.annotate = function (this: KitInternals, x, y, w, h, options) {
        const current = rec.current;
        if (!current || options.Subtype !== 'Link') return annotate.call(this, x, y, w, h, options);
        const key = this.createStructParentTreeNextKey();
        const inline = current.inline;
        options.StructParent = key;
        options.Contents = new String(inline?._contents ?? inline?.link ?? inline?.text.trim() ?? '');
        const out = annotate.call(this, x, y, w, h, options);
        const ref = this.page.annotations[this.page.annotations.length - 1]!;
        current.marked.annots.push({ ref, page: this.page.dictionary, key });
        return out;
      };
    }
    return renderPages.apply(this, args);
  };
  proto.renderLine = function (...args) {
    const rec = recordings.get(this.pdfDocument);
    if (!rec) return renderLine.apply(this, args);
    const line = args[0] as unknown as { inlines: (TextInline & { background?: unknown })[] };
    const kit = this.pdfDocument;
    rec.inlines = line.inlines;
    rec.index = 0;
    rec.decorated = line.inlines.some((i) => Boolean(i.decoration) || Boolean(i.background));
    if (rec.decorated) {
      close(kit, rec);
      begin(kit, rec, { artifact: 'Layout' });
    }
    // pdfmake sets each run's colour with fill(colour), which also paints the
    // current path: with none, a bare `f` outside any marked content. The
    // colour alone is set; a decoration's rectangle (fill() with no colour) is
    // painted as before.
    const fill = kit.fill;
    kit.fill = function (this: KitInternals, ...fillArgs: unknown[]) {
      if (fillArgs.length > 0 && fillArgs[0] !== undefined) return this.fillColor(...fillArgs);
      return fill.apply(this, fillArgs);
    };
    try {
      return renderLine.apply(this, args);
    } finally {
      kit.fill = fill;
      if (rec.decorated) close(kit, rec);
      rec.decorated = false;
      rec.inlines = undefined;
    }
  };
  proto.renderVector = function (...args) {
    const rec = recordings.get(this.pdfDocument);
    if (!rec) return renderVector.apply(this, args);
    const vector = args[0] as unknown as { _tag?: Tag };
    close(this.pdfDocument, rec);
    begin(this.pdfDocument, rec, vector._tag);
    try {
      return renderVector.apply(this, args);
    } finally {
      close(this.pdfDocument, rec);
    }
  };
  const picture = (draw: Method): Method =>
    function (...args) {
      const rec = recordings.get(this.pdfDocument);
      if (!rec) return draw.apply(this, args);
      const item = args[0] as unknown as { _tag?: Tag; x?: number; y?: number; _width?: number; _height?: number };
      const kit = this.pdfDocument;
      const tag = item._tag;
      if (tag && 'key' in tag) {
        const list = rec.rects.get(tag.key) ?? [];
        list.push({ page: kit.page.dictionary, box: rectOf(kit, item) });
        rec.rects.set(tag.key, list);
      }
      close(kit, rec);
      begin(kit, rec, tag);
      try {
        return draw.apply(this, args);
      } finally {
        close(kit, rec);
      }
    };
  proto.renderImage = picture(renderImage);
  proto.renderSVG = picture(renderSVG);
}

/**
 * Write the structure tree (after rendering, before the document ends):
 * the elements in logical order with their marked content (MCRs), Link
 * elements with their annotations (OBJR), the parent tree, the IDTree, and
 * the catalog's page labels.
 */
function writeStructure(kit: KitInternals, tagging: Tagging): void {
  const rec = recordings.get(kit);
  if (!rec) throw new Error('tagged document drawn without tagging');
  close(kit, rec);
  const root = kit.getStructTreeRoot();
  const parentTree = kit.getStructParentTree();
  const refs: PdfRef[] = [];
  const ids: [string, PdfRef][] = [];
  const used = new Set<string>();
  const element = (type: string, parent: PdfRef, extra: Record<string, unknown> = {}): PdfRef => {
    const ref = kit.ref({ S: type, P: parent, ...extra });
    refs.push(ref);
    return ref;
  };
  /** A marked-content reference: the MCID alone on the owner's page (its /Pg), else an MCR. */
  const mcr = (m: Marked, owner: PdfRef) => {
    const key = m.page.data.StructParents as number;
    const slots = parentTree.get(key);
    if (slots) slots[m.mcid] = owner;
    owner.data.Pg ??= m.page;
    return owner.data.Pg === m.page ? m.mcid : { Type: 'MCR', Pg: m.page, MCID: m.mcid };
  };
  const contentOf = (key: string, owner: PdfRef): unknown[] => {
    const marked = rec.marked.get(key) ?? [];
    used.add(key);
    const kids: unknown[] = [];
    for (let i = 0; i < marked.length; ) {
      const first = marked[i]!;
      const group = [first];
      // Runs of one link make one Link element (a run of another language in it a Span inside it); runs of
      // one language, one Span (a hyphenated word's Span stands alone).
      const same = (m: Marked) => m.link === first.link && (first.link !== undefined || JSON.stringify(m.sub) === JSON.stringify(first.sub));
      const groups = first.link !== undefined || (first.sub !== undefined && first.sub.actual === undefined && first.sub.type === 'Span');
      while (groups && i + group.length < marked.length && same(marked[i + group.length]!)) group.push(marked[i + group.length]!);
      i += group.length;
      if (first.link === undefined && !first.sub) {
        kids.push(mcr(first, owner));
        continue;
      }
      const linkAnnots = group.flatMap((m) => m.annots);
      if (first.link !== undefined && linkAnnots.length > 0 && group.some((m) => JSON.stringify(m.sub) !== JSON.stringify(first.sub))) {
        const link = element('Link', owner);
        const content = group.map((m) => {
          if (!m.sub) return mcr(m, link);
          const extra: Record<string, unknown> = {};
          if (m.sub.lang) extra.Lang = new String(m.sub.lang);
          if (m.sub.actual !== undefined) extra.ActualText = new String(m.sub.actual);
          const span = element(m.sub.type, link, extra);
          span.data.K = [mcr(m, span)];
          return span;
        });
        link.data.K = [...content, ...linkAnnots.map((a) => ({ Type: 'OBJR', Obj: a.ref, Pg: a.page }))];
        for (const a of linkAnnots) parentTree.add(a.key, link);
        kids.push(link);
        continue;
      }
      let parent = owner;
      let holder: PdfRef | undefined;
      if (first.sub) {
        const extra: Record<string, unknown> = {};
        if (first.sub.lang) extra.Lang = new String(first.sub.lang);
        if (first.sub.actual !== undefined) extra.ActualText = new String(first.sub.actual);
        holder = element(first.sub.type, owner, extra);
        kids.push(holder);
        parent = holder;
      }
      const annots = group.flatMap((m) => m.annots);
      if (first.link !== undefined && annots.length > 0) {
        const link = element('Link', parent);
        link.data.K = [...group.map((m) => mcr(m, link)), ...annots.map((a) => ({ Type: 'OBJR', Obj: a.ref, Pg: a.page }))];
        for (const a of annots) parentTree.add(a.key, link);
        if (holder) holder.data.K = [link];
        else kids.push(link);
      } else if (holder) {
        const h = holder;
        h.data.K = group.map((m) => mcr(m, h));
      } else {
        kids.push(...group.map((m) => mcr(m, owner)));
      }
    }
    return kids;
  };
  const build = (node: StructNode, parent: PdfRef): PdfRef | undefined => {
    const ref = element(node.type, parent);
    const data = ref.data;
    if (node.alt !== undefined) data.Alt = new String(node.alt);
    if (node.lang) data.Lang = new String(node.lang);
    if (node.id) {
      data.ID = new String(node.id);
      ids.push([node.id, ref]);
    }
    const attributes: Record<string, unknown>[] = [];
    if (node.scope) attributes.push({ O: 'Table', Scope: node.scope, ...(node.rowSpan && node.rowSpan > 1 ? { RowSpan: node.rowSpan } : {}) });
    if (node.summary) attributes.push({ O: 'Table', Summary: new String(node.summary) });
    if (node.bbox && node.key) {
      const rects = rec.rects.get(node.key) ?? [];
      const first = rects[0];
      if (first) {
        const on = rects.filter((r) => r.page === first.page).map((r) => r.box);
        const box = [Math.min(...on.map(([x1]) => x1)), Math.min(...on.map(([, y1]) => y1)), Math.max(...on.map(([, , x2]) => x2)), Math.max(...on.map(([, , , y2]) => y2))];
        attributes.push({ O: 'Layout', Placement: 'Block', BBox: box });
      }
    }
    if (attributes.length === 1) data.A = attributes[0];
    else if (attributes.length > 1) data.A = attributes;
    const kids = node.key ? contentOf(node.key, ref) : [];
    for (const child of node.children) {
      const built = build(child, ref);
      if (built) kids.push(built);
    }
    data.K = kids;
    return ref;
  };
  const document = build(tagging.tree, root)!;
  // Content drawn for a key the tree does not name still belongs somewhere: at the document's end.
  const orphans = [...rec.marked.keys()].filter((k) => !used.has(k));
  for (const key of orphans) (document.data.K as unknown[]).push(build({ type: 'Div', key, children: [] }, document)!);
  root.data.K = [document];
  if (ids.length > 0) {
    ids.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    root.data.IDTree = { Names: ids.flatMap(([id, ref]) => [new String(id), ref]) };
  }
  kit._root.data.PageLabels = { Nums: [0, { S: 'D', St: tagging.firstPageLabel }] };
  for (const ref of refs) ref.end();
}
