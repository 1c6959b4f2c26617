/**
 * Embedded fonts: the template's Noto faces, subset to the characters each
 * face sets in this edition (`subsetFace`, HarfBuzz's subsetter), so the book
 * looks the same in every reading system. The faces keep their family
 * names, so the style sheet's font stacks pick them first; when the subsets
 * would make the book too large, nothing is embedded and the stacks fall
 * back to the reader's fonts.
 */
import { fontFiles, hasGlyph, hasOwnVariant, isVariationSelector, shapingDefaults, stackOrder, subsetFace, type SubsetOptions } from '@brief/fonts';
import { citationItalicRole, codeFonts, type FontRole, type LanguageStyle } from '@brief/templates';
import type { Element, Nodes, Root } from 'xast';

/**
 * How a face is cut for the book (its embedded fonts, and the faces inside
 * its SVG pictures): the glyphs of its characters and those the features a
 * reading system applies unasked reach from them (`shapingDefaults`: the
 * unbroken two-em dash that ―― is in a Japanese face), and the copyright,
 * licence and licence URL records kept (SIL Open Font License).
 */
export const embeddedSubset: SubsetOptions = { layoutFeatures: shapingDefaults, preserveNameIds: [0, 13, 14] };

/** Whether font bytes are OpenType with PostScript outlines (CFF), not TrueType. */
export function isCff(bytes: Uint8Array): boolean {
  return bytes[0] === 0x4f && bytes[1] === 0x54 && bytes[2] === 0x54 && bytes[3] === 0x4f;
}

/** Above this many bytes of subset fonts, the edition carries none. */
export const fontBudget = 1_500_000;

export interface EmbeddedFont {
  id: string;
  /** Path inside the publication directory, e.g. `fonts/NotoSerifJP-Regular.ttf`. */
  href: string;
  mediaType: 'font/ttf' | 'font/otf';
  family: string;
  weight: 'normal' | 'bold';
  style: 'normal' | 'italic';
  bytes: Uint8Array;
}

/** Text as the faces will set it, from the trees of the edition's own content documents. */
export interface TextByFace {
  /** All text (set in the body face, regular). */
  all: string;
  /** Text in the heading face (headings, captions, table headers, title lines). */
  heading: string;
  /** Text in the bold body face. */
  bold: string;
  /** Text in the italic body face. */
  italic: string;
  /** Text in emphasis inside headings and strong text: the heading face's and the body face's bold italics. */
  headingItalic?: string;
  boldItalic?: string;
  /** Text in the code face (code blocks and inline code). */
  code: string;
}

/** Elements whose text is set in the heading face. */
const headingFace = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'caption', 'figcaption', 'th']);

type Faces = { heading: boolean; bold: boolean; italic: boolean; code: boolean };

/** Which faces, besides the regular body face, set an element's text. */
function facesOf(el: Element): Faces {
  const cls = el.attributes.class;
  return {
    heading: headingFace.has(el.name) || (el.name === 'p' && (cls === 'series' || cls === 'subtitle')),
    bold: el.name === 'strong' || el.name === 'b' || (el.name === 'a' && cls === 'note-number'),
    italic: el.name === 'em' || el.name === 'i',
    code: el.name === 'code' || el.name === 'pre',
  };
}

/** Split the text of content documents (the trees this package writes) by the face that sets it. */
export function textByFace(documents: readonly Root[], out: TextByFace = { all: '', heading: '', bold: '', italic: '', code: '' }): TextByFace {
  const walk = (nodes: readonly Nodes[], inBody: boolean, face: Faces) => {
    for (const node of nodes) {
      if (node.type === 'text' && inBody) {
        out.all += node.value;
        if (face.heading) out.heading += node.value;
        if (face.bold) out.bold += node.value;
        if (face.italic) out.italic += node.value;
        if (face.heading && face.italic) out.headingItalic = (out.headingItalic ?? '') + node.value;
        else if (face.bold && face.italic) out.boldItalic = (out.boldItalic ?? '') + node.value;
        if (face.code) out.code += node.value;
      } else if (node.type === 'element') {
        const own = facesOf(node);
        walk(node.children, inBody || node.name === 'body', {
          heading: face.heading || own.heading,
          bold: face.bold || own.bold,
          italic: face.italic || own.italic,
          code: face.code || own.code,
        });
      }
    }
  };
  for (const doc of documents) walk(doc.children, false, { heading: false, bold: false, italic: false, code: false });
  return out;
}

/**
 * Characters of a text that a family sets: those it has and no earlier
 * family of its stack has, each with the variation selectors that follow it
 * (so the cut keeps its variation sequences).
 */
function charsFor(clusters: ReadonlySet<string>, family: string, earlier: readonly string[]): string {
  const chars = new Set<string>();
  for (const cluster of clusters) {
    const cp = cluster.codePointAt(0) ?? 0;
    if (isVariationSelector(cp) || cp < 0x20 || cp === 0x2060 || cp === 0xa0) continue;
    if (!earlier.some((f) => hasGlyph(f, cp)) && hasGlyph(family, cp)) for (const ch of cluster) chars.add(ch);
  }
  return [...chars].sort().join('');
}

/** Each character of a text once, with the variation selectors that follow it (a book's text has a few thousand). */
function uniqueClusters(text: string): Set<string> {
  const out = new Set<string>();
  let current = '';
  for (const ch of text) {
    if (current && isVariationSelector(ch.codePointAt(0) ?? 0)) current += ch;
    else {
      if (current) out.add(current);
      current = ch;
    }
  }
  if (current) out.add(current);
  return out;
}

/** A role's families in the order of its font stack (`stackOrder`). */
function familiesOf(role: FontRole): string[] {
  return stackOrder(role);
}

const fileStem = (family: string) => family.replace(/[^A-Za-z0-9]/g, '');

interface FaceRequest {
  family: string;
  weight: 'normal' | 'bold';
  style: 'normal' | 'italic';
  text: string;
  /** Families before this one in its stack. */
  earlier: string[];
}

function requests(style: LanguageStyle, text: TextByFace): FaceRequest[] {
  const out: FaceRequest[] = [];
  const headingWeight = style.typography.headingBold === false ? 'normal' : 'bold';
  const add = (role: FontRole, weight: 'normal' | 'bold', fontStyle: 'normal' | 'italic', t: string) => {
    const fams = familiesOf(role);
    fams.forEach((family, i) => out.push({ family, weight, style: fontStyle, text: t, earlier: fams.slice(0, i) }));
  };
  add(style.fonts.body, 'normal', 'normal', text.all);
  add(style.fonts.body, 'bold', 'normal', text.bold);
  // Italics in the body's face, or where it has none (ja), a citation's and Latin emphasis in the Latin face that has
  // them (`.citation em`, `em [lang]`), and emphasis in the heading face, upright (`em`).
  add(citationItalicRole(style.fonts.body) ?? style.fonts.body, 'normal', 'italic', text.italic);
  const emphasisInHeadingFace = !hasOwnVariant(style.fonts.body.latin, 'italics');
  add(style.fonts.heading, headingWeight, 'normal', text.heading);
  // Emphasis in the heading face is set in its regular weight (`em` asks for none).
  if (emphasisInHeadingFace) add(style.fonts.heading, 'normal', 'normal', text.italic);
  // Emphasis in a heading, and in strong text, in their faces' own italics (where they have them), not slanted by the reader.
  if (!emphasisInHeadingFace) {
    if (text.headingItalic) add(style.fonts.heading, headingWeight, 'italic', text.headingItalic);
    if (text.boldItalic) add(style.fonts.body, 'bold', 'italic', text.boldItalic);
  }
  add(codeFonts(style.fonts), 'normal', 'normal', text.code);
  return out;
}

function variantFile(family: string, weight: 'normal' | 'bold', fontStyle: 'normal' | 'italic'): string | undefined {
  const files = fontFiles(family);
  if (fontStyle === 'italic') {
    const file = weight === 'bold' ? files.bolditalics : files.italics;
    // Families without italics map them to upright faces: let the reader slant those.
    return file === files.normal || file === files.bold ? undefined : file;
  }
  return weight === 'bold' ? files.bold : files.normal;
}

/** Subsets of every face the edition sets, or none when they exceed the budget. */
export async function embeddedFonts(style: LanguageStyle, text: TextByFace): Promise<EmbeddedFont[]> {
  const merged = new Map<string, { family: string; weight: 'normal' | 'bold'; style: 'normal' | 'italic'; file: string; chars: Set<string> }>();
  // Every family of a stack is asked about the same text: its characters are listed once.
  const clustersOf = new Map<string, Set<string>>();
  for (const r of requests(style, text)) {
    const file = variantFile(r.family, r.weight, r.style);
    if (!file) continue;
    let clusters = clustersOf.get(r.text);
    if (!clusters) {
      clusters = uniqueClusters(r.text);
      clustersOf.set(r.text, clusters);
    }
    const chars = charsFor(clusters, r.family, r.earlier);
    if (!chars) continue;
    const key = `${r.family}|${r.weight}|${r.style}`;
    const entry = merged.get(key) ?? { family: r.family, weight: r.weight, style: r.style, file, chars: new Set<string>() };
    for (const ch of chars) entry.chars.add(ch);
    merged.set(key, entry);
  }
  const fonts: EmbeddedFont[] = [];
  for (const [, face] of [...merged].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const chars = [...face.chars].sort().join('');
    const bytes = await subsetFace(face.file, chars, embeddedSubset);
    const variant = `${face.weight === 'bold' ? 'Bold' : 'Regular'}${face.style === 'italic' ? 'Italic' : ''}`;
    const stem = `${fileStem(face.family)}-${variant}`;
    // A face with PostScript outlines (from a template's own files) stays OpenType/CFF.
    const cff = isCff(bytes);
    fonts.push({
      id: `font-${stem}`,
      href: `fonts/${stem}.${cff ? 'otf' : 'ttf'}`,
      mediaType: cff ? 'font/otf' : 'font/ttf',
      family: face.family,
      weight: face.weight,
      style: face.style,
      bytes: new Uint8Array(bytes),
    });
  }
  const total = fonts.reduce((n, f) => n + f.bytes.length, 0);
  return total > fontBudget ? [] : fonts;
}

/** `@font-face` rules for the embedded faces, relative to the style sheet at `styles/`. */
export function fontFaceRules(fonts: readonly EmbeddedFont[]): string {
  return fonts
    .map(
      (f) => `@font-face { font-family: "${f.family}"; font-weight: ${f.weight}; font-style: ${f.style}; src: url("../${f.href}") format("${f.mediaType === 'font/otf' ? 'opentype' : 'truetype'}"); }`,
    )
    .join('\n');
}
