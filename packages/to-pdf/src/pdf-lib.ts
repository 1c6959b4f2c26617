/**
 * pdfmake (the renderer) and the PDFKit it builds on, with the few types this
 * writer uses. PDFKit is taken from pdfmake's own dependency, so text is
 * measured by exactly the font code that renders it.
 */
import { createRequire } from 'node:module';

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
export function pdfLib(): { pdfmake: PdfMake; PDFKit: PdfKitConstructor } {
  if (!loaded) {
    const pdfmake = require('pdfmake') as PdfMake;
    const fromPdfmake = createRequire(require.resolve('pdfmake'));
    const PDFKit = fromPdfmake('pdfkit') as PdfKitConstructor;
    loaded = { pdfmake, PDFKit };
  }
  return loaded;
}
