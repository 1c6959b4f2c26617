import { fontBytes, fontFiles } from '@brief/fonts';
import { reportTemplate } from '@brief/templates';
import { createRequire } from 'node:module';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import {
  drawPdf,
  landedPages,
  loadPdfmake,
  measuringFont,
  rendererPrototype,
  shapedWord,
  spaceGaps,
  type DocDefinition,
  type EmbeddedFont,
  type LaidOutInline,
  type Landed,
  type LaidOutPage,
  type RunFeatures,
} from './pdfmake-adapter.js';

const serif = fontFiles('Noto Serif');

describe('the pdfmake adapter: what it relies on', () => {
  it("loads pdfmake's drawing modules and the PDFKit they build on", () => {
    const { PDFKit, PDFDocument, Renderer, Line, SVGMeasure } = loadPdfmake();
    expect(typeof PDFKit).toBe('function');
    expect(Object.getPrototypeOf(PDFDocument.prototype), "pdfmake's document is a PDFKit document").toBe(PDFKit.prototype);
    for (const method of ['provideFont', 'provideImage']) expect(typeof (PDFDocument.prototype as unknown as Record<string, unknown>)[method], method).toBe('function');
    expect(typeof Renderer.prototype.renderPages).toBe('function');
    for (const method of ['measureSVG', 'writeDimensions']) expect(typeof (SVGMeasure.prototype as unknown as Record<string, unknown>)[method], method).toBe('function');
    // A line places each run after the ones before it.
    const line = new Line(100);
    line.addInline({ text: 'a', x: 0, width: 7, height: 12 });
    line.addInline({ text: 'b', x: 0, width: 5, height: 14 });
    expect(line.inlines.map((i) => i.x)).toEqual([0, 7]);
    expect(line.getHeight()).toBe(14);
  });

  it("finds PDFKit's embedded font and the fontkit methods it patches", () => {
    const { PDFKit } = loadPdfmake();
    const kit = new PDFKit({ autoFirstPage: false, font: null });
    kit.font(serif.normal);
    const font = kit._font as unknown as Record<string, unknown> & { font: Record<string, unknown> & { stream?: { buffer?: unknown } } };
    expect(font, 'PDFKit keeps the current font in doc._font').toBeTruthy();
    expect(typeof font.ascender).toBe('number');
    expect(typeof font.descender).toBe('number');
    expect(typeof font.widthOfString).toBe('function');
    expect(typeof font.font.hasGlyphForCodePoint).toBe('function');
    expect(typeof font.font.postscriptName).toBe('string');
    expect(typeof font.font.numGlyphs).toBe('number');
    expect(font.font.stream?.buffer, 'the font file bytes HarfBuzz opens').toBeInstanceOf(Uint8Array);
    const proto = Object.getPrototypeOf(font) as Record<string, unknown>;
    for (const method of ['layout', 'layoutRun', 'encode']) expect(typeof proto[method], `${method} on the embedded font's prototype`).toBe('function');
    const subset = font.subset as { glyphs?: unknown; includeGlyph?: unknown };
    expect(Array.isArray(subset.glyphs), 'the subset lists its glyphs').toBe(true);
    expect(typeof subset.includeGlyph).toBe('function');
    expect(Array.isArray(font.unicode) && Array.isArray(font.widths), 'the ToUnicode entries and widths by subset glyph').toBe(true);
  });

  it('shapes a word once per process, as PDFKit measures it', () => {
    const font = measuringFont(serif.normal, fontBytes(serif.normal));
    expect(typeof (Object.getPrototypeOf(font) as Record<string, unknown>).layoutCached).toBe('function');
    const run = shapedWord(font, 'Typeset ');
    expect(shapedWord(measuringFont(serif.normal, fontBytes(serif.normal)), 'Typeset ')).toBe(run);
    expect(run.glyphs.length).toBe(8);
    expect(font.widthOfString('Typeset ', 1000)).toBeCloseTo(run.advanceWidth, 6);
  });

  it('lays out a run without features word by word, each word with the space or tab after it, as PDFKit does', () => {
    const font = measuringFont(serif.normal, fontBytes(serif.normal));
    const text = ' Two  words\tand an end ';
    const pieces = [' ', 'Two ', ' ', 'words\t', 'and ', 'an ', 'end '];
    expect(pieces.join('')).toBe(text);
    const words = pieces.map((p) => shapedWord(font, p));
    const run = (font as unknown as { layout(text: string): { glyphs: unknown[]; positions: unknown[]; advanceWidth: number } }).layout(text);
    expect(run.glyphs).toEqual(words.flatMap((w) => w.glyphs));
    expect(run.positions).toEqual(words.flatMap((w) => w.positions));
    expect(run.advanceWidth).toBe(words.reduce((sum, w) => sum + w.advanceWidth, 0));
    expect(font.widthOfString(text, 1000)).toBeCloseTo(run.advanceWidth, 9);
  });

  it('measures a run of words that carries only space gaps word by word, as one without features', () => {
    const font = measuringFont(serif.normal, fontBytes(serif.normal)) as EmbeddedFont & { layoutRun(...args: unknown[]): unknown };
    const text = 'Runs of words drawn at once';
    const plain = font.widthOfString(text, 1000);
    let wholeRuns = 0;
    const layoutRun = font.layoutRun;
    font.layoutRun = function (...args: unknown[]) {
      wholeRuns++;
      return layoutRun.apply(this, args);
    };
    try {
      expect(font.widthOfString(text, 1000, { [spaceGaps]: [12, 12, 12, 12, 12] } as RunFeatures)).toBeCloseTo(plain, 6);
      // Not shaped whole by fontkit, as a run with features is.
      expect(wholeRuns).toBe(0);
    } finally {
      delete (font as Partial<typeof font>).layoutRun;
    }
  });
});

describe('the pdfmake adapter: what it draws', () => {
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20"><rect x="1" y="1" width="38" height="18" fill="#cccccc"/><text x="4" y="14" font-family="Noto Serif" font-size="10">Fig</text></svg>';
  const definition: DocDefinition = {
    content: [
      { text: [{ text: 'Hello', noWrap: true, font: 'Noto Serif', fontSize: 10 }], absolutePosition: { x: 72, y: 100 }, id: 'hello' },
      {
        text: [
          { text: ' lead', noWrap: true, font: 'Noto Serif', fontSize: 10, bold: true },
          { text: '\u3000kept', noWrap: true, font: 'Noto Serif', fontSize: 9, preserveLeadingSpaces: true, characterSpacing: 0.5, color: '#333333', link: 'https://example.org/' },
        ],
        absolutePosition: { x: 72, y: 150 },
      },
      { svg, width: 80, height: 40, font: 'Noto Serif', absolutePosition: { x: 150, y: 20 } },
      { text: [{ text: '7', noWrap: true, font: 'Noto Serif', fontSize: 10, sup: true, _mark: 7 }], absolutePosition: { x: 100, y: 100 } },
      { canvas: [{ type: 'line', x1: 72, y1: 130, x2: 172, y2: 130, lineWidth: 0.5, lineColor: '#000000' }], absolutePosition: { x: 0, y: 0 } },
      { text: [{ text: 'Page two', noWrap: true, font: 'Noto Serif', fontSize: 10, _noteStart: 3 }], absolutePosition: { x: 72, y: 100 }, pageBreak: 'before' },
    ],
    pageSize: { width: 300, height: 200 },
    pageMargins: [0, 0, 0, 0],
    defaultStyle: { font: 'Noto Serif', fontSize: 10 },
    info: { title: 'Adapter', creationDate: new Date('2026-01-01T00:00:00Z'), modDate: new Date('2026-01-01T00:00:00Z') },
    language: 'en',
    version: '1.7',
    displayTitle: true,
    compress: true,
  };

  it('draws text at its positions, superscript at the template scale, and gives back the laid-out pages', async () => {
    const laidOut: LaidOutPage[] = [];
    let landed: Landed | undefined;
    let outline = false;
    const bytes = await drawPdf(definition, {
      fonts: { 'Noto Serif': { ...serif } },
      allowLocal: () => true,
      onPage: (page) => laidOut.push(page),
      beforeEnd: (where, kit) => {
        landed = where;
        outline = typeof kit.outline.addItem === 'function';
      },
    });
    expect(outline, 'the PDFKit outline is reachable before the document ends').toBe(true);
    expect(laidOut, 'the drawn pages').toHaveLength(2);
    const inlines = laidOut[0]!.items.flatMap((i): LaidOutInline[] => (i.type === 'line' ? i.item.inlines : []));
    const mark = inlines.find((i) => i._mark === 7);
    expect(mark, 'custom _keys survive layout').toBeDefined();
    expect(mark!.fontSize).toBeCloseTo(10 * reportTemplate.proportions.superscript.pdf, 9);
    expect(landedPages(laidOut)).toEqual({ marks: new Map([[7, 0]]), notes: new Map([[3, 1]]) });
    expect(landed).toEqual({ pages: 2, marks: new Map([[7, 0]]), notes: new Map([[3, 1]]) });

    expect(new TextDecoder().decode(bytes.subarray(0, 8))).toBe('%PDF-1.7');
    const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
    expect(pdf.numPages).toBe(2);
    const page = await pdf.getPage(1);
    const items = (await page.getTextContent()).items.filter((i) => 'str' in i && i.str.trim()) as { str: string; transform: number[] }[];
    const hello = items.find((i) => i.str === 'Hello')!;
    expect(hello.transform[4]).toBeCloseTo(72, 3);
    const seven = items.find((i) => i.str === '7')!;
    expect(seven.transform[4]).toBeCloseTo(100, 3);
    // Raised above the baseline of the text beside it (PDF y grows upwards).
    expect(seven.transform[5]).toBeGreaterThan(hello.transform[5]!);
    const ops = await page.getOperatorList();
    expect(ops.fnArray.length).toBeGreaterThan(0);
    const meta = await pdf.getMetadata();
    expect((meta.info as Record<string, unknown>).Title).toBe('Adapter');
  });

  it("draws the same bytes as pdfmake's own layout of the placed nodes (which it skips)", async () => {
    // pdfmake measures every node and breaks lines and pages again; for nodes
    // that are all placed it must find what the adapter's `layOut` gives.
    type Printer = { addFonts(f: unknown): void; setUrlAccessPolicy(f: unknown): void; setLocalAccessPolicy(f: unknown): void; createPdf(d: unknown): { getBuffer(): Promise<Buffer> } };
    const pdfmake = createRequire(import.meta.url)('pdfmake') as Printer;
    pdfmake.addFonts({ 'Noto Serif': { ...serif } });
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy(() => true);
    const theirs = await pdfmake.createPdf(structuredClone(definition)).getBuffer();
    const ours = await drawPdf(structuredClone(definition), { fonts: { 'Noto Serif': { ...serif } }, allowLocal: () => true });
    expect(Buffer.from(ours).equals(theirs)).toBe(true);
    // Again, with the picture's size written in once already (kept by size and picture).
    const again = await drawPdf(structuredClone(definition), { fonts: { 'Noto Serif': { ...serif } }, allowLocal: () => true });
    expect(Buffer.from(again).equals(theirs)).toBe(true);
  });

  it('draws each placed run without measuring it again', async () => {
    const proto = loadPdfmake().PDFKit.prototype as unknown as { widthOfString(...args: unknown[]): number };
    const widthOfString = proto.widthOfString;
    let measured = 0;
    proto.widthOfString = function (this: unknown, ...args: unknown[]) {
      measured++;
      return widthOfString.apply(this, args);
    };
    try {
      const bytes = await drawPdf(structuredClone(definition), { fonts: { 'Noto Serif': { ...serif } }, allowLocal: () => true });
      expect(bytes.length).toBeGreaterThan(0);
    } finally {
      proto.widthOfString = widthOfString;
    }
    expect(measured).toBe(0);
  });

  it('draws with font bytes handed over, reading no font file', async () => {
    // Paths no file is at: only the bytes given can make the font.
    const at = (variant: string) => `/nowhere/adapter-test/NotoSerif-${variant}.ttf`;
    const fonts = { 'Noto Serif': { normal: at('normal'), bold: at('bold'), italics: at('italics'), bolditalics: at('bolditalics') } };
    const bytesOf = (path: string) => fontBytes(serif[path.slice(path.lastIndexOf('-') + 1, -'.ttf'.length) as keyof typeof serif]);
    const read: string[] = [];
    const bytes = await drawPdf(definition, {
      fonts,
      fontBytes: (path) => {
        read.push(path);
        return bytesOf(path);
      },
      allowLocal: () => false,
    });
    expect(read).toContain(at('normal'));
    const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
    const text = await (await pdf.getPage(1)).getTextContent();
    expect(text.items.some((i) => 'str' in i && i.str === 'Hello')).toBe(true);
  });

  it("opens each font of a later document from the process's copy of its file, drawing the same bytes", async () => {
    const fonts = { 'Noto Serif': { ...serif } };
    // The fontkit copy behind each font a document opened, by font id.
    const facesOf = (kit: unknown) => {
      const families = (kit as { _fontFamilies: Record<string, { id: string; font: object }> })._fontFamilies;
      return new Map(Object.values(families).map((f) => [f.id, f.font]));
    };
    const draw = async () => {
      let faces = new Map<string, object>();
      const bytes = await drawPdf(structuredClone(definition), { fonts, fontBytes, allowLocal: () => false, beforeEnd: (_, kit) => (faces = facesOf(kit)) });
      return { bytes, faces };
    };
    const first = await draw();
    const second = await draw();
    expect(first.faces.size, 'regular, bold and the SVG text face').toBeGreaterThanOrEqual(2);
    expect([...second.faces.keys()]).toEqual([...first.faces.keys()]);
    for (const [id, face] of second.faces) expect(face, `font ${id}`).toBe(first.faces.get(id));
    expect(Buffer.from(second.bytes).equals(Buffer.from(first.bytes))).toBe(true);
  });
});

describe('the pdfmake adapter: tagging', () => {
  it("finds pdfmake's renderer methods and PDFKit's marked-content API it wraps", () => {
    const proto = rendererPrototype() as unknown as Record<string, unknown>;
    for (const method of ['renderPages', 'renderLine', 'renderVector', 'renderImage', 'renderSVG']) expect(typeof proto[method], `Renderer.${method}`).toBe('function');
    const { PDFKit } = loadPdfmake();
    const kit = new PDFKit({ autoFirstPage: false, font: null, tagged: true }) as unknown as Record<string, unknown>;
    for (const method of [
      'markStructureContent',
      'markContent',
      'endMarkedContent',
      'getStructTreeRoot',
      'getStructParentTree',
      'createStructParentTreeNextKey',
      'annotate',
      'addPage',
      'text',
      'ref',
    ]) {
      expect(typeof kit[method], `PDFKit ${method}`).toBe('function');
    }
    expect(kit._root, 'the catalog (doc._root) for page labels').toBeDefined();
  });

  it('draws a tagged document: marked content, artifacts, a Link with its annotation, the tree in the order given', async () => {
    const inline = { noWrap: true as const, font: 'Noto Serif', fontSize: 10 };
    const definition: DocDefinition = {
      content: [
        { text: [{ ...inline, text: 'Head', _tag: { artifact: 'Pagination' } }], absolutePosition: { x: 72, y: 20 } },
        // Drawn first, read second: the tree decides the order.
        { text: [{ ...inline, text: 'Second', _tag: { key: 'b' } }], absolutePosition: { x: 72, y: 60 } },
        { text: [{ ...inline, text: 'First', _tag: { key: 'a' } }], absolutePosition: { x: 72, y: 100 } },
        { text: [{ ...inline, text: 'link', link: 'https://example.org/', _tag: { key: 'a' } }], absolutePosition: { x: 120, y: 100 } },
        { canvas: [{ type: 'line', x1: 72, y1: 130, x2: 172, y2: 130, lineWidth: 0.5, lineColor: '#000000', _tag: { artifact: 'Layout' } }], absolutePosition: { x: 0, y: 0 } },
      ],
      pageSize: { width: 300, height: 200 },
      pageMargins: [0, 0, 0, 0],
      defaultStyle: { font: 'Noto Serif', fontSize: 10 },
      info: { title: 'Tagged & <checked>', creationDate: new Date('2026-01-01T00:00:00Z'), modDate: new Date('2026-01-01T00:00:00Z') },
      language: 'en',
      version: '1.7',
      displayTitle: true,
      compress: false,
      tagged: true,
      subset: 'PDF/UA',
    };
    const tree = {
      type: 'Document',
      children: [
        { type: 'P', key: 'a', children: [] },
        { type: 'P', key: 'b', children: [] },
      ],
    };
    const bytes = await drawPdf(definition, { fonts: { 'Noto Serif': { ...serif } }, allowLocal: () => true, tagging: { tree, firstPageLabel: 45 } });
    const raw = new TextDecoder('latin1').decode(bytes);
    expect(raw).toContain('/Tabs /S');
    expect(raw).toMatch(/\/Artifact <<\s*\/Type \/Pagination/);
    expect(raw).toMatch(/\/StructParent \d+/);
    expect(raw).toContain('/Type /OBJR');
    expect(raw).toContain('pdfuaid:part');
    // The XMP stays well-formed: the title is escaped there (PDFKit writes it raw).
    expect(raw).toContain('<rdf:li xml:lang="x-default">Tagged &amp; &lt;checked&gt;</rdf:li>');
    const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
    expect(await pdf.getPageLabels()).toEqual(['45']);
    expect((await pdf.getMarkInfo())?.Marked).toBe(true);
    const page = await pdf.getPage(1);
    type Node = { role?: string; type?: string; id?: string; children?: Node[] };
    const struct = (await page.getStructTree()) as unknown as Node;
    const roles = (n: Node): string[] => [...(n.role ? [n.role] : []), ...(n.children ?? []).flatMap(roles)];
    expect(roles(struct)).toEqual(['Root', 'Document', 'P', 'Link', 'P']);
    // Each P's content in the tree's order: "First" (with its link), then "Second".
    const content = await page.getTextContent({ includeMarkedContent: true });
    const byId = new Map<string, string>();
    let open = '';
    for (const item of content.items) {
      if ('type' in item) open = item.type === 'beginMarkedContentProps' ? (item.id ?? '') : open;
      else if (open) byId.set(open, (byId.get(open) ?? '') + item.str);
    }
    const text = (n: Node): string => (n.type === 'content' ? (byId.get(n.id!) ?? '') : (n.children ?? []).map(text).join('|'));
    expect(text(struct).replace(/\s+/g, '').replace(/\|+/g, '|')).toBe('First|link|Second');
  });
});
