/**
 * SVG read with an XML parser (`@rgrove/parse-xml`): its size, the font
 * families it names, its text, and whether it may be carried as it is
 * (an allowlist of elements and attributes). No regular expression looks at
 * SVG markup; the few left look at CSS values (a `font-family` list, a
 * `url(…)`) inside attributes and style sheets the parser has found.
 */
import { parseXml, XmlCdata, XmlComment, XmlDeclaration, XmlDocumentType, XmlElement, XmlError, XmlProcessingInstruction, XmlText, type XmlDocument } from './libraries.js';
import type { ElementContent, Root, RootContent } from 'xast';
import { toXml } from './xml.js';

export const svgNamespace = 'http://www.w3.org/2000/svg';
const xlinkNamespace = 'http://www.w3.org/1999/xlink';
const xmlNamespace = 'http://www.w3.org/XML/1998/namespace';

/** A parsed SVG file: its source text, the document and its root `<svg>` element. */
export interface Svg {
  source: string;
  document: XmlDocument;
  root: XmlElement;
  /** The document type declaration, if the file has one. */
  doctype?: XmlDocumentType;
}

/** Deepest nesting of elements accepted (resvg's XML reader stops at 1024 too). */
export const maxSvgDepth = 1024;

/**
 * The files parsed last, most recent last: the reader asks about a file
 * several times (type, check, size), and every writer asks again about each
 * picture of the report (its fonts, its text), in every build of `brief
 * watch`. Kept while their text comes to at most `RECENT_CHARS`.
 */
const recent = new Map<string, Svg | undefined>();
const RECENT_CHARS = 4_000_000;
let recentChars = 0;

/**
 * Parse an SVG file, or undefined when it is not well-formed XML, its root
 * element is not `<svg>`, or its elements nest deeper than `maxSvgDepth`.
 * Entity references the file does not define are left as written (a file
 * that declares entities is refused by `svgProblem`).
 */
export function parseSvg(source: string): Svg | undefined {
  if (recent.has(source)) {
    const svg = recent.get(source);
    recent.delete(source);
    recent.set(source, svg);
    return svg;
  }
  const svg = parse(source);
  recent.set(source, svg);
  recentChars += source.length;
  for (const [kept] of recent) {
    if (recentChars <= RECENT_CHARS || kept === source) break;
    recent.delete(kept);
    recentChars -= kept.length;
  }
  return svg;
}

function parse(source: string): Svg | undefined {
  let document: XmlDocument;
  try {
    document = parseXml(source, {
      includeOffsets: true,
      ignoreUndefinedEntities: true,
      preserveCdata: true,
      preserveComments: true,
      preserveDocumentType: true,
      preserveXmlDeclaration: true,
    });
  } catch (e) {
    // Not well-formed, or nested so deep that the parser ran out of stack.
    if (e instanceof XmlError || e instanceof RangeError) return undefined;
    throw e;
  }
  const root = document.root;
  if (!root || localName(root.name) !== 'svg' || depthOf(root) > maxSvgDepth) return undefined;
  const doctype = document.children.find((n): n is XmlDocumentType => n instanceof XmlDocumentType);
  return { source, document, root, ...(doctype ? { doctype } : {}) };
}

/** How deep elements nest under `root` (root alone: 1), without recursion. */
function depthOf(root: XmlElement): number {
  let deepest = 0;
  const stack: [XmlElement, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [el, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    for (const child of el.children) if (child instanceof XmlElement) stack.push([child, depth + 1]);
  }
  return deepest;
}

const asSvg = (svg: string | Svg): Svg | undefined => (typeof svg === 'string' ? parseSvg(svg) : svg);

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}

function prefixOf(qname: string): string | undefined {
  const colon = qname.indexOf(':');
  return colon < 0 ? undefined : qname.slice(0, colon);
}

/** Elements in document order, each with the namespaces in scope. */
function* elements(el: XmlElement, scope: ReadonlyMap<string, string> = new Map()): Generator<{ el: XmlElement; scope: ReadonlyMap<string, string> }> {
  let own: Map<string, string> | undefined;
  for (const [name, value] of Object.entries(el.attributes)) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      own ??= new Map(scope);
      own.set(name === 'xmlns' ? '' : name.slice(6), value);
    }
  }
  const here = own ?? scope;
  yield { el, scope: here };
  for (const child of el.children) if (child instanceof XmlElement) yield* elements(child, here);
}

// ---------------------------------------------------------------------------
// Size

/** CSS pixels per unit (96 to the inch). */
const pxPerUnit: Record<string, number> = { '': 1, px: 1, pt: 96 / 72, pc: 16, mm: 96 / 25.4, cm: 96 / 2.54, in: 96, q: 96 / 101.6 };
/** `em` and `ex` are relative to the font size, 16px when the file does not set one on its root. */
const fontRelative: Record<string, number> = { em: 1, rem: 1, ex: 0.5 };

/** A length in CSS pixels: a number with an absolute or font-relative unit, or undefined (percentages, `auto`, nonsense). */
export function svgLength(value: string | undefined, fontSizePx = 16): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  let end = 0;
  while (end < v.length && '+-.0123456789eE'.includes(v[end]!)) end++;
  // An exponent needs a digit after it: "1em" is 1 em, not 1×10^m.
  if (end > 0 && (v[end - 1] === 'e' || v[end - 1] === 'E')) end--;
  const number = Number(v.slice(0, end));
  if (end === 0 || !Number.isFinite(number)) return undefined;
  const unit = v.slice(end).trim().toLowerCase();
  if (unit in pxPerUnit) return number * pxPerUnit[unit]!;
  if (unit in fontRelative) return number * fontRelative[unit]! * fontSizePx;
  return undefined;
}

/** `min-x min-y width height` of a viewBox (spaces and/or commas), or undefined. */
export function viewBox(value: string | undefined): { x: number; y: number; width: number; height: number } | undefined {
  if (value === undefined) return undefined;
  const parts = value
    .trim()
    .split(/[\s,]+/)
    .map((p) => Number(p));
  if (parts.length !== 4 || parts.some((p) => !Number.isFinite(p))) return undefined;
  const [x, y, width, height] = parts as [number, number, number, number];
  return width > 0 && height > 0 ? { x, y, width, height } : undefined;
}

/**
 * The intrinsic size of an SVG in CSS pixels, from its root's `width` and
 * `height` (in any absolute unit, or em/ex) and `viewBox`: a missing or
 * relative (%) dimension is taken from the viewBox, in proportion to the
 * other dimension when that one is given. Empty when neither says.
 */
export function svgSize(svg: string | Svg): { width?: number; height?: number } {
  const parsed = asSvg(svg);
  if (!parsed) return {};
  const a = parsed.root.attributes;
  const fontSize = svgLength(a['font-size']) ?? 16;
  const w = svgLength(a.width, fontSize);
  const h = svgLength(a.height, fontSize);
  const vb = viewBox(a.viewBox);
  let width = w;
  let height = h;
  if (vb) {
    if (width === undefined && height === undefined) {
      width = vb.width;
      height = vb.height;
    } else if (width === undefined) width = (height! * vb.width) / vb.height;
    else if (height === undefined) height = (width * vb.height) / vb.width;
  }
  return { ...(width !== undefined ? { width } : {}), ...(height !== undefined ? { height } : {}) };
}

/**
 * The largest side an SVG may give itself, in CSS pixels (its user units at
 * one to the pixel): 100,000, about 26 metres at 96 to the inch. Every page
 * and screen scales a picture down to its text's width; a larger size is a
 * slip (`1e30`, a width in thousandths of a millimetre) that the writers
 * would print as written (an EPUB's `<img width="1e+30">` is no integer).
 */
export const maxSvgSide = 100_000;

/**
 * Why an SVG's size cannot be used, in words that follow `SVG image "x" `,
 * or undefined when its width and height (as `svgSize` reads them) are
 * positive finite sizes of at most `maxSvgSide` pixels. Its size cannot be
 * read when a side is neither a length (`NaN`, `Infinity`, `auto`) nor, as a
 * percentage or missing, given by a viewBox with an area; a viewBox that
 * is not four numbers with a width and height above zero draws nothing.
 */
export function svgSizeProblem(svg: string | Svg): { kind: 'unreadable' | 'viewBox' | 'empty' | 'too-large'; message: string } | undefined {
  const parsed = asSvg(svg);
  if (!parsed) return undefined;
  const a = parsed.root.attributes;
  const size = svgSize(parsed);
  const written = (name: string) => (a[name] === undefined ? `no ${name}` : `${name} ${JSON.stringify(a[name])}`);
  if (size.width === undefined || size.height === undefined) {
    const box = a.viewBox === undefined ? 'no viewBox' : viewBox(a.viewBox) ? `viewBox ${JSON.stringify(a.viewBox)}` : `a viewBox with no area (${JSON.stringify(a.viewBox)})`;
    return { kind: 'unreadable', message: `has no size that can be read (${written('width')}, ${written('height')}, ${box})` };
  }
  // A viewBox with no area (or not four numbers) draws nothing, whatever the size: SVG viewers show an empty box.
  if (a.viewBox !== undefined && !viewBox(a.viewBox)) return { kind: 'viewBox', message: `has a viewBox with no area (${JSON.stringify(a.viewBox)}), so nothing of it is drawn` };
  if (!(size.width > 0 && size.height > 0 && Number.isFinite(size.width) && Number.isFinite(size.height))) return { kind: 'empty', message: `has no size (${size.width}×${size.height})` };
  if (Math.max(size.width, size.height) > maxSvgSide)
    return { kind: 'too-large', message: `is ${shownSide(size.width)}×${shownSide(size.height)} pixels, more than ${maxSvgSide.toLocaleString('en')} on a side` };
  return undefined;
}

/** A side as a reader writes it: whole pixels with thousands separated, or a power of ten past a billion. */
function shownSide(px: number): string {
  return px >= 1e9 ? px.toExponential(0).replace('e+', 'e') : Math.round(px).toLocaleString('en');
}

// ---------------------------------------------------------------------------
// Fonts and text

/** The names of a CSS `font-family` list, unquoted, in order. */
export function familyNames(list: string): string[] {
  return list
    .split(',')
    .map((f) => f.trim().replace(/^["']|["']$/g, ''))
    .filter((f) => f.length > 0);
}

/**
 * The face a `font-family` list asks for when it names no family the
 * writers have: `sans` for a sans-serif list (or one naming no generic
 * serif, Mincho or 明朝 face), else `serif`.
 */
export function genericFace(names: readonly string[], sans: string, serif: string): string {
  return names.some((n) => /sans/i.test(n)) || !names.some((n) => /serif|mincho|明朝/i.test(n)) ? sans : serif;
}

/** `font-family` values of the declarations in a CSS text (a style attribute or a style sheet), in order. */
function cssFontFamilies(css: string): string[] {
  return [...css.matchAll(/font-family\s*:\s*([^;}]+)/gi)].map((m) => m[1]!.trim());
}

function textContent(el: XmlElement): string {
  return el.children.map((c) => (c instanceof XmlText || c instanceof XmlCdata ? c.text : c instanceof XmlElement ? textContent(c) : '')).join('');
}

/** Every `font-family` list the SVG names (attributes, style attributes, style sheets), in document order. */
export function svgFontLists(svg: string | Svg): string[] {
  const parsed = asSvg(svg);
  if (!parsed) return [];
  const out: string[] = [];
  for (const { el } of elements(parsed.root)) {
    for (const [name, value] of Object.entries(el.attributes)) {
      if (name === 'font-family') out.push(value);
      else if (name === 'style') out.push(...cssFontFamilies(value));
    }
    if (localName(el.name) === 'style') out.push(...cssFontFamilies(textContent(el)));
  }
  return out;
}

/**
 * Whether some of the SVG's text is set in a font the file does not name:
 * text with no `font-family` on its element or any element around it, in a
 * file whose style sheets name none (its face is then the viewer's default,
 * or whatever the root is given).
 */
export function svgTextUnnamed(svg: string | Svg): boolean {
  const parsed = asSvg(svg);
  if (!parsed) return false;
  const names = (el: XmlElement) => el.attributes['font-family'] !== undefined || cssFontFamilies(el.attributes.style ?? '').length > 0;
  for (const { el } of elements(parsed.root)) if (localName(el.name) === 'style' && cssFontFamilies(textContent(el)).length > 0) return false;
  const unnamed = (el: XmlElement, named: boolean): boolean => {
    if (localName(el.name) === 'style') return false;
    const here = named || names(el);
    return el.children.some((c) => (c instanceof XmlText ? !here && c.text.trim() !== '' : c instanceof XmlElement && unnamed(c, here)));
  };
  return unnamed(parsed.root, false);
}

/** The font families the SVG names, each once, in document order. */
export function svgFontFamilies(svg: string | Svg): string[] {
  return [...new Set(svgFontLists(svg).flatMap(familyNames))];
}

/** The text the SVG holds (its text nodes, references decoded, style sheets left out), in document order. */
export function svgText(svg: string | Svg): string {
  const parsed = asSvg(svg);
  const text = (el: XmlElement): string => (localName(el.name) === 'style' ? '' : el.children.map((c) => (c instanceof XmlText ? c.text : c instanceof XmlElement ? text(c) : '')).join(''));
  return parsed ? text(parsed.root) : '';
}

/** `font-size` declarations of a style sheet's rules, with the simple selectors (the last of each compound) they apply to. */
function sheetFontSizes(css: string): { selectors: string[]; value: string }[] {
  const out: { selectors: string[]; value: string }[] = [];
  for (const m of css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{([^}]*)\}/g)) {
    const size = /(?:^|;)\s*font-size\s*:\s*([^;]+)/i.exec(m[2]!)?.[1]?.trim();
    if (!size) continue;
    const selectors = m[1]!.split(',').map(
      (sel) =>
        sel
          .trim()
          .split(/[\s>+~]+/)
          .pop() ?? '',
    );
    out.push({ selectors, value: size });
  }
  return out;
}

/** CSS text with its escapes decoded: `\\72` (hex digits, and one white space after them) and `\\r` (any other character) stand for the character. */
function cssUnescaped(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(/\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|([^\n0-9a-fA-F]))/g, (_, hex: string | undefined, char: string | undefined) => {
    if (char !== undefined) return char;
    const cp = Number.parseInt(hex!, 16);
    return cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? '\ufffd' : String.fromCodePoint(cp);
  });
}

/** Whether a simple selector (`text`, `.label`, `text.label`, `#title`, `*`) matches an element. */
function selects(selector: string, el: XmlElement): boolean {
  const m = /^([\w-]+|\*)?((?:[.#][\w-]+)*)$/.exec(selector);
  if (!m || (!m[1] && !m[2])) return false;
  if (m[1] && m[1] !== '*' && m[1] !== localName(el.name)) return false;
  const classes = (el.attributes.class ?? '').split(/\s+/);
  for (const part of m[2]!.match(/[.#][\w-]+/g) ?? []) {
    if (part[0] === '.' ? !classes.includes(part.slice(1)) : el.attributes.id !== part.slice(1)) return false;
  }
  return true;
}

/** How much a `transform` scales lengths (the square root of its determinant), 1 when it says nothing readable. */
function transformScale(value: string | undefined): number {
  if (!value) return 1;
  let scale = 1;
  for (const m of value.matchAll(/(scale|matrix)\s*\(([^)]*)\)/g)) {
    const n = m[2]!
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    if (n.some((x) => !Number.isFinite(x))) continue;
    if (m[1] === 'scale' && n.length >= 1) scale *= Math.sqrt(Math.abs(n[0]! * (n[1] ?? n[0]!)));
    else if (m[1] === 'matrix' && n.length === 6) scale *= Math.sqrt(Math.abs(n[0]! * n[3]! - n[1]! * n[2]!));
  }
  return scale;
}

/**
 * The smallest text the SVG sets, in CSS pixels of the picture at its
 * intrinsic size (`svgSize`): each run of text at the `font-size` of its
 * element or the nearest around it (a `style` attribute over a style
 * sheet's rule over the attribute; 16px where none says), times the scale
 * of the viewBox and of the transforms around it. Undefined for a picture
 * with no text.
 */
export function svgSmallestText(svg: string | Svg): { px: number; text: string } | undefined {
  const parsed = asSvg(svg);
  if (!parsed) return undefined;
  const rules = [...elements(parsed.root)].filter(({ el }) => localName(el.name) === 'style').flatMap(({ el }) => sheetFontSizes(textContent(el)));
  const a = parsed.root.attributes;
  const size = svgSize(parsed);
  const vb = viewBox(a.viewBox);
  const viewScale = vb && size.width ? size.width / vb.width : 1;
  let smallest: { px: number; text: string } | undefined;
  const visit = (el: XmlElement, inherited: number, scale: number) => {
    if (localName(el.name) === 'style' || localName(el.name) === 'defs') return;
    const own =
      (el.attributes.style && /(?:^|;)\s*font-size\s*:\s*([^;]+)/i.exec(el.attributes.style)?.[1]) ??
      rules.findLast((r) => r.selectors.some((sel) => selects(sel, el)))?.value ??
      el.attributes['font-size'];
    const px = own === undefined ? inherited : own.trim().endsWith('%') ? (inherited * Number.parseFloat(own)) / 100 : (svgLength(own, inherited) ?? inherited);
    const here = scale * (el === parsed.root ? 1 : transformScale(el.attributes.transform));
    for (const child of el.children) {
      if (child instanceof XmlText && child.text.trim() !== '' && px > 0) {
        const printed = px * here * viewScale;
        if (!smallest || printed < smallest.px) smallest = { px: printed, text: child.text.trim() };
      } else if (child instanceof XmlElement) visit(child, px, here);
    }
  };
  visit(parsed.root, 16, 1);
  return smallest;
}

/**
 * The SVG with each `font-family` list replaced by `fix(list)`, or the
 * source itself when nothing changes. A changed file is written again from
 * its tree (the same document: comments, CDATA and the declarations kept).
 */
export function mapFontFamilies(svg: string, fix: (list: string) => string): string {
  return rewriteSvg(svg, { fontFamily: fix });
}

/** Elements whose text nodes are drawn as text. */
const textElements = new Set(['text', 'tspan', 'textPath']);

/**
 * The SVG with the characters of its drawn text that `familyFor` names a
 * family for set in that family: each run of them in a `<tspan
 * font-family="…">` of its own, in place (a `tspan` without a position
 * continues where the text before it ends). The source itself when no
 * character is named.
 */
export function svgTextInFamilies(svg: string, familyFor: (ch: string) => string | undefined): string {
  return rewriteSvg(svg, {
    text: (text, tspan) => {
      const runs: { family: string | undefined; text: string }[] = [];
      for (const ch of text) {
        const family = familyFor(ch);
        const last = runs[runs.length - 1];
        if (last && last.family === family) last.text += ch;
        else runs.push({ family, text: ch });
      }
      if (!runs.some((r) => r.family !== undefined)) return undefined;
      return runs.map(
        (r): ElementContent =>
          r.family === undefined ? { type: 'text', value: r.text } : { type: 'element', name: tspan, attributes: { 'font-family': r.family }, children: [{ type: 'text', value: r.text }] },
      );
    },
  });
}

interface SvgRewrite {
  /** A `font-family` list (an attribute, or a declaration in a style sheet or a `style` attribute) as it is to be written. */
  fontFamily?: (list: string) => string;
  /** What replaces a text node of a text element (`tspan`: the element's name, prefixed as the root's), or undefined to keep it. */
  text?: (text: string, tspan: string) => ElementContent[] | undefined;
}

/** The SVG rewritten from its tree with `rewrite` applied, or the source itself when nothing changes. */
function rewriteSvg(svg: string, rewrite: SvgRewrite): string {
  const parsed = parseSvg(svg);
  if (!parsed) return svg;
  let changed = false;
  const fix = (list: string) => {
    const fixed = rewrite.fontFamily ? rewrite.fontFamily(list) : list;
    if (fixed !== list) changed = true;
    return fixed;
  };
  const fixCss = (css: string) =>
    css.replace(/(font-family\s*:\s*)([^;}]+)/gi, (all, head: string, list: string) => {
      const fixed = fix(list.trim());
      return fixed === list.trim() ? all : `${head}${fixed}`;
    });
  const prefix = prefixOf(parsed.root.name);
  const tspan = prefix ? `${prefix}:tspan` : 'tspan';
  const convert = (node: XmlElement['children'][number]): ElementContent[] => {
    // XmlCdata is a kind of XmlText: ask for it first.
    if (node instanceof XmlCdata) return [{ type: 'cdata', value: localName((node.parent as XmlElement).name) === 'style' ? fixCss(node.text) : node.text }];
    if (node instanceof XmlText) {
      const parent = node.parent instanceof XmlElement ? localName(node.parent.name) : '';
      const replaced = textElements.has(parent) ? rewrite.text?.(node.text, tspan) : undefined;
      if (replaced === undefined) return [{ type: 'text', value: node.text }];
      changed = true;
      return replaced;
    }
    if (node instanceof XmlComment) return [{ type: 'comment', value: node.content }];
    if (node instanceof XmlProcessingInstruction) return [{ type: 'instruction', name: node.name, value: node.content }];
    const attributes: Record<string, string> = {};
    for (const [name, value] of Object.entries(node.attributes)) attributes[name] = name === 'font-family' ? fix(value) : name === 'style' ? fixCss(value) : value;
    const isStyle = localName(node.name) === 'style';
    const children = node.children.flatMap((c) => (isStyle && c instanceof XmlText && !(c instanceof XmlCdata) ? [{ type: 'text' as const, value: fixCss(c.text) }] : convert(c)));
    return [{ type: 'element', name: node.name, attributes, children }];
  };
  const children: RootContent[] = parsed.document.children.flatMap((node): RootContent[] => {
    if (node instanceof XmlDeclaration) {
      const value = [`version="${node.version}"`, node.encoding ? `encoding="${node.encoding}"` : '', node.standalone ? `standalone="${node.standalone}"` : ''].filter(Boolean).join(' ');
      return [{ type: 'instruction', name: 'xml', value }];
    }
    if (node instanceof XmlDocumentType) return [{ type: 'doctype', name: node.name, ...(node.publicId ? { public: node.publicId } : {}), ...(node.systemId ? { system: node.systemId } : {}) }];
    return convert(node as XmlElement['children'][number]);
  });
  if (!changed) return svg;
  const tree: Root = { type: 'root', children };
  return toXml(tree);
}

/**
 * The SVG with a style sheet (`<style>` holding `css`, which must hold no
 * `<` or `&`) as the first thing in its root element; the rest as written.
 */
export function withStyleSheet(svg: string | Svg, css: string): string {
  const parsed = asSvg(svg);
  const source = typeof svg === 'string' ? svg : svg.source;
  if (!parsed || /[<&]/.test(css)) return source;
  const root = parsed.root;
  const prefix = prefixOf(root.name);
  const style = `<${prefix ? `${prefix}:` : ''}style>${css}</${prefix ? `${prefix}:` : ''}style>`;
  const tag = /^<[^\s>/]+(?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(\/?)>/.exec(parsed.source.slice(root.start));
  if (!tag) return source;
  const end = root.start + tag[0].length;
  if (tag[1] === '/') return `${parsed.source.slice(0, end - 2)}>${style}</${root.name}>${parsed.source.slice(end)}`;
  return parsed.source.slice(0, end) + style + parsed.source.slice(end);
}

/**
 * The SVG without a document type declaration naming `svg` (its DTD would
 * be a remote resource), and the space after it; the rest as written.
 */
export function withoutDoctype(svg: string | Svg): string {
  const parsed = asSvg(svg);
  if (!parsed) return typeof svg === 'string' ? svg : svg.source;
  const d = parsed.doctype;
  if (d === undefined) return parsed.source;
  if (d.name.toLowerCase() !== 'svg' || d.internalSubset) return parsed.source;
  return parsed.source.slice(0, d.start) + parsed.source.slice(d.end).trimStart();
}

// ---------------------------------------------------------------------------
// The allowlist

/** Elements an SVG may hold: shapes, text, paint servers, structure, filters, style sheets. */
const allowedElements = new Set([
  'svg',
  'g',
  'defs',
  'symbol',
  'use',
  'title',
  'desc',
  'metadata',
  'switch',
  'a',
  'view',
  'style',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'path',
  'text',
  'tspan',
  'textPath',
  'image',
  'linearGradient',
  'radialGradient',
  'stop',
  'pattern',
  'clipPath',
  'mask',
  'marker',
  'filter',
  'feBlend',
  'feColorMatrix',
  'feComponentTransfer',
  'feComposite',
  'feConvolveMatrix',
  'feDiffuseLighting',
  'feDisplacementMap',
  'feDistantLight',
  'feDropShadow',
  'feFlood',
  'feFuncA',
  'feFuncB',
  'feFuncG',
  'feFuncR',
  'feGaussianBlur',
  'feImage',
  'feMerge',
  'feMergeNode',
  'feMorphology',
  'feOffset',
  'fePointLight',
  'feSpecularLighting',
  'feSpotLight',
  'feTile',
  'feTurbulence',
]);

/** Attributes without a namespace that an SVG element may carry: core, geometry, presentation, text, paint servers, filters. */
const allowedAttributes = new Set(
  // core and structure
  (
    'id class style lang tabindex role focusable version baseProfile viewBox preserveAspectRatio transform x y width height href ' +
    'requiredFeatures requiredExtensions systemLanguage zoomAndPan type media title ' +
    // shapes
    'x1 y1 x2 y2 cx cy r rx ry d points pathLength ' +
    // text
    'dx dy rotate textLength lengthAdjust startOffset method spacing side ' +
    // paint servers, clipping, masking, markers
    'fx fy fr offset gradientUnits gradientTransform spreadMethod patternUnits patternContentUnits patternTransform ' +
    'clipPathUnits maskUnits maskContentUnits markerUnits markerWidth markerHeight refX refY orient ' +
    // filters
    'filterUnits primitiveUnits in in2 result stdDeviation mode operator k1 k2 k3 k4 values tableValues slope intercept amplitude exponent ' +
    'order kernelMatrix divisor bias targetX targetY edgeMode kernelUnitLength preserveAlpha surfaceScale diffuseConstant specularConstant ' +
    'specularExponent scale xChannelSelector yChannelSelector radius baseFrequency numOctaves seed stitchTiles azimuth elevation z ' +
    'pointsAtX pointsAtY pointsAtZ limitingConeAngle ' +
    // presentation attributes
    'alignment-baseline baseline-shift clip clip-path clip-rule color color-interpolation color-interpolation-filters color-rendering ' +
    'direction display dominant-baseline enable-background fill fill-opacity fill-rule filter flood-color flood-opacity font font-family ' +
    'font-size font-size-adjust font-stretch font-style font-variant font-weight glyph-orientation-horizontal glyph-orientation-vertical ' +
    'image-rendering kerning letter-spacing lighting-color marker marker-start marker-mid marker-end mask opacity overflow paint-order ' +
    'pointer-events shape-rendering stop-color stop-opacity stroke stroke-dasharray stroke-dashoffset stroke-linecap stroke-linejoin ' +
    'stroke-miterlimit stroke-opacity stroke-width text-anchor text-decoration text-rendering unicode-bidi visibility word-spacing ' +
    'writing-mode vector-effect mix-blend-mode isolation transform-origin white-space'
  ).split(' '),
);

/** Attributes in the XLink and XML namespaces an SVG element may carry. */
const allowedXlink = new Set(['href', 'title', 'type', 'role', 'arcrole', 'show', 'actuate']);
const allowedXml = new Set(['lang', 'space']);

export type SvgProblemKind =
  /** A `<script>` element. */
  | 'script'
  /** A `<foreignObject>` element (embedded HTML). */
  | 'foreignObject'
  /** A document type declaration with entity declarations. */
  | 'entity'
  /** A document type declaration with other declarations of its own (attribute defaults, notations). */
  | 'doctype'
  /** An `on…` attribute. */
  | 'eventHandler'
  /** A `javascript:` link. */
  | 'javascript'
  /** A reference (href, url()) to anything outside the file. */
  | 'external'
  /** An `@import` in a style sheet. */
  | 'import'
  /** An element not on the allowlist. */
  | 'element'
  /** An attribute not on the allowlist. */
  | 'attribute';

export interface SvgProblem {
  kind: SvgProblemKind;
  /** The element (qualified name) where it was found. */
  element?: string;
  /** The attribute (qualified name), for attribute problems and references. */
  attribute?: string;
  /** The reference, for external references and javascript: links. */
  target?: string;
}

/** Which problem is reported when a file has several (the most telling first). */
const rank: Record<SvgProblemKind, number> = {
  script: 0,
  foreignObject: 1,
  entity: 2,
  eventHandler: 3,
  javascript: 4,
  external: 5,
  import: 6,
  doctype: 7,
  element: 8,
  attribute: 9,
};

export interface SvgCheckOptions {
  /** Accept `data:image/png|jpeg|gif;base64,` images (the only references allowed besides `#id`). Default false. */
  dataImages?: boolean;
}

/** A reference's target with the spaces and controls a browser would ignore removed. */
const bare = (target: string): string => target.replace(/[\u0000-\u0020]/g, '');

/**
 * Why an SVG may not be carried as it is, or undefined: an element or an
 * attribute not on the allowlist (scripts, event handlers and embedded HTML
 * among them), entity or other declarations, and references to anything
 * outside the file (which a reading system or renderer would fetch).
 * A file that is not an SVG document at all is for the caller to report
 * (`parseSvg` gives undefined); it is refused here as an `element` problem.
 */
export function svgProblem(svg: string | Svg, options: SvgCheckOptions = {}): SvgProblem | undefined {
  const parsed = asSvg(svg);
  if (!parsed) return { kind: 'element' };
  const problems: SvgProblem[] = [];
  const add = (p: SvgProblem) => problems.push(p);
  const subset = parsed.doctype?.internalSubset;
  if (subset?.trim()) add({ kind: subset.includes('<!ENTITY') ? 'entity' : 'doctype' });

  const reference = (target: string, element: string, attribute: string) => {
    const t = bare(target);
    if (t.startsWith('#')) return;
    if (/^javascript:/i.test(t)) add({ kind: 'javascript', element, attribute, target });
    else if (!(options.dataImages && /^data:image\/(png|jpeg|gif);base64,/i.test(t))) add({ kind: 'external', element, attribute, target });
  };
  const css = (written: string, element: string, attribute: string) => {
    if (!written.includes('(') && !written.includes('@') && !written.includes('\\')) return;
    // As a CSS reader reads it: escapes decoded (u\72l( is url(), comments left out.
    const text = cssUnescaped(written.replace(/\/\*[\s\S]*?\*\//g, ''));
    for (const m of text.matchAll(/url\(\s*["']?\s*([^"')\s]*)/gi)) {
      if (!m[1]!.startsWith('#')) add({ kind: 'external', element, attribute, target: m[1]! });
    }
    // Pictures named by a string (image-set("…" 1x), image("…"), src("…")) are fetched as url() is.
    for (const m of text.matchAll(/(?:image-set|image|cross-fade|src)\(\s*(?:[^"'()]*\(\s*)?["']\s*([^"']*)/gi)) {
      if (!m[1]!.startsWith('#')) add({ kind: 'external', element, attribute, target: m[1]! });
    }
    if (/@import\b/i.test(text)) add({ kind: 'import', element, attribute });
  };

  const walk = (el: XmlElement, scope: ReadonlyMap<string, string>, inMetadata: boolean) => {
    let here = scope;
    for (const [name, value] of Object.entries(el.attributes)) {
      if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
      if (here === scope) here = new Map(scope);
      (here as Map<string, string>).set(name === 'xmlns' ? '' : name.slice(6), value);
    }
    const prefix = prefixOf(el.name);
    const ns = prefix === undefined ? here.get('') : here.get(prefix);
    const local = localName(el.name);
    // Inside <metadata> (RDF and the like: never drawn) anything is allowed but scripts and embedded HTML.
    if (local.toLowerCase() === 'script') add({ kind: 'script', element: el.name });
    else if (local === 'foreignObject') add({ kind: 'foreignObject', element: el.name });
    else if (!inMetadata && (!(ns === undefined || ns === '' || ns === svgNamespace) || !allowedElements.has(local))) add({ kind: 'element', element: el.name });

    for (const [name, value] of Object.entries(el.attributes)) {
      const attrPrefix = prefixOf(name);
      const attrLocal = localName(name);
      if (attrPrefix === undefined && (name[0] === 'o' || name[0] === 'O') && (name[1] === 'n' || name[1] === 'N') && !allowedAttributes.has(name)) {
        add({ kind: 'eventHandler', element: el.name, attribute: name });
        continue;
      }
      if (name === 'xmlns' || attrPrefix === 'xmlns') continue;
      const attrNs = attrPrefix === undefined ? undefined : attrPrefix === 'xml' ? xmlNamespace : (here.get(attrPrefix) ?? (attrPrefix === 'xlink' ? xlinkNamespace : undefined));
      if (attrLocal === 'href' && (attrPrefix === undefined || attrNs === xlinkNamespace)) reference(value, el.name, name);
      else if (!inMetadata) {
        const allowed =
          attrPrefix === undefined
            ? allowedAttributes.has(name) || name.startsWith('aria-') || name.startsWith('data-')
            : attrNs === xlinkNamespace
              ? allowedXlink.has(attrLocal)
              : attrNs === xmlNamespace
                ? allowedXml.has(attrLocal)
                : false;
        if (!allowed) add({ kind: 'attribute', element: el.name, attribute: name });
      }
      if (attrLocal !== 'href') css(value, el.name, name);
    }
    if (local === 'style') css(textContent(el), el.name, 'style');
    for (const child of el.children) if (child instanceof XmlElement) walk(child, here, inMetadata || local === 'metadata');
  };
  walk(parsed.root, new Map(), false);

  let first: SvgProblem | undefined;
  for (const p of problems) if (!first || rank[p.kind] < rank[first.kind]) first = p;
  return first;
}
