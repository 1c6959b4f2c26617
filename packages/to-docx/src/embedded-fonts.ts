/**
 * The report's faces embedded in the DOCX package, cut down to the
 * characters the document sets: Word and LibreOffice then set the text in
 * the faces the template names on machines that do not have them installed,
 * instead of substituting faces of other widths (which broke table columns
 * sized for the template's faces, and numbers with them).
 *
 * The package format (ECMA-376 Part 1, §17.8.1 and §17.8.3.3): each face a
 * part `word/fonts/fontN.odttf`, obfuscated by XOR of its first 32 bytes with
 * the bytes of a GUID key in reverse order, named from the font table entry
 * of its family (`w:embedRegular`, `w:embedBold`, … with `r:id` and
 * `w:fontKey`); `w:embedTrueTypeFonts` and `w:saveSubsetFonts` in the
 * settings. The key is derived from the face's bytes, so the package stays
 * byte-identical from build to build.
 */
import { createHash } from 'node:crypto';
import { fontFiles, isKnownFamily, shapingDefaults, subsetFace, type FontVariant } from '@brief/fonts';
import { escapeAttribute } from '@brief/svg';
import { counterSymbols, type CounterStyle } from '@brief/templates';

/** A face to embed: the family as the font table names it, its style, and its bytes (already cut down). */
export interface EmbeddedFace {
  family: string;
  style: 'Regular' | 'Bold' | 'Italic' | 'BoldItalic';
  bytes: Uint8Array;
}

const styles: readonly [FontVariant, EmbeddedFace['style']][] = [
  ['normal', 'Regular'],
  ['bold', 'Bold'],
  ['italics', 'Italic'],
  ['bolditalics', 'BoldItalic'],
];

/** Text as a regular expression matching it literally. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1))) : (entities[e] ?? all),
  );
}

/**
 * Every character the package's parts set: the text of its runs, the
 * numbering's list markers, and the digits Word writes into page number
 * fields when it lays the document out.
 */
/** Word's number formats of list levels and the counter styles whose symbols they draw. */
const numberFormats: readonly [string, CounterStyle][] = [
  ['decimalEnclosedCircle', 'circled-decimal'],
  ['aiueoFullWidth', 'katakana-aiueo'],
  ['lowerLetter', 'lower-alpha'],
  ['upperLetter', 'upper-alpha'],
  ['lowerRoman', 'lower-roman'],
  ['upperRoman', 'upper-roman'],
  ['decimalFullWidth', 'fullwidth-decimal'],
];

export function packageCharacters(parts: ReadonlyMap<string, string>): string {
  const found = new Set('0123456789');
  for (const [name, xml] of parts) {
    if (!/^word\/[^/]+\.xml$/.test(name)) continue;
    // Word draws list numbers (①, ア, a, i) from the paragraph's font: the faces need those glyphs too.
    for (const [format, style] of numberFormats) if (xml.includes(`w:val="${format}"`)) for (const symbol of counterSymbols(style)) found.add(symbol);
    for (const m of xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:lvlText\b[^>]*\bw:val="([^"]*)"/g)) for (const ch of unescapeXml(m[1] ?? m[2] ?? '')) found.add(ch);
  }
  return [...found].sort().join('');
}

/**
 * The faces of the families the font table lists that this machine has
 * files for, each style the family has a file of its own for, cut down to
 * `characters` (through the build cache, as every subset is).
 */
export async function facesToEmbed(families: readonly string[], characters: string): Promise<EmbeddedFace[]> {
  const out: EmbeddedFace[] = [];
  for (const family of families) {
    if (!isKnownFamily(family)) continue;
    const files = fontFiles(family);
    const seen = new Set<string>();
    for (const [variant, style] of styles) {
      const path = files[variant];
      // A style without a file of its own is made by the application from the regular face.
      if (seen.has(path) || (variant !== 'normal' && path === files.normal)) continue;
      seen.add(path);
      // The glyphs of the characters and those the features applied unasked reach (the two-em dash of ――), no alternates.
      out.push({ family, style, bytes: await subsetFace(path, characters, { layoutFeatures: shapingDefaults }) });
    }
  }
  return out;
}

/** The families a font table lists, in order. */
export function fontTableFamilies(fontTableXml: string): string[] {
  return [...fontTableXml.matchAll(/<w:font\b[^>]*\bw:name="([^"]*)"/g)].map((m) => unescapeXml(m[1]!));
}

/** A GUID (upper case, with dashes) from the face's bytes. */
export function fontKey(bytes: Uint8Array): string {
  const h = createHash('sha256').update(bytes).digest('hex').slice(0, 32).toUpperCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** A face as its package part holds it: the first 32 bytes XORed with the key's bytes in reverse order. */
export function obfuscateFont(bytes: Uint8Array, key: string): Uint8Array {
  const hex = key.replace(/[{}-]/g, '');
  const keyBytes = (hex.match(/../g) ?? []).map((b) => Number.parseInt(b, 16)).reverse();
  const out = new Uint8Array(bytes);
  for (let i = 0; i < Math.min(32, out.length); i++) out[i] = out[i]! ^ keyBytes[i % keyBytes.length]!;
  return out;
}

const FONT_RELATIONSHIP = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/font';
const OBFUSCATED_FONT = 'application/vnd.openxmlformats-officedocument.obfuscatedFont';

/**
 * Embed the faces: rewrite the font table, its relationships, the content
 * types and the settings in `text` (XML parts by name), and give the font
 * parts to add.
 */
export function embedFaces(text: Map<string, string>, faces: readonly EmbeddedFace[]): Map<string, Uint8Array> {
  const added = new Map<string, Uint8Array>();
  const table = text.get('word/fontTable.xml');
  if (faces.length === 0 || table === undefined) return added;
  const relationships: string[] = [];
  const byFamily = new Map<string, string[]>();
  faces.forEach((face, i) => {
    const id = `rId${i + 1}`;
    const key = fontKey(face.bytes);
    const target = `fonts/font${i + 1}.odttf`;
    added.set(`word/${target}`, obfuscateFont(face.bytes, key));
    relationships.push(`<Relationship Id="${id}" Type="${FONT_RELATIONSHIP}" Target="${target}"/>`);
    byFamily.set(face.family, [...(byFamily.get(face.family) ?? []), `<w:embed${face.style} r:id="${id}" w:fontKey="{${key}}"/>`]);
  });
  let fonts = table;
  for (const [family, elements] of byFamily) {
    // The embed elements come last in a font's entry (CT_Font), in the order Regular, Bold, Italic, BoldItalic.
    fonts = fonts.replace(new RegExp(`(<w:font\\b[^>]*\\bw:name="${escapeRegExp(escapeAttribute(family))}"[^>]*>[\\s\\S]*?)(</w:font>)`), `$1${elements.join('')}$2`);
  }
  text.set('word/fontTable.xml', fonts);
  text.set(
    'word/_rels/fontTable.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relationships.join('')}</Relationships>`,
  );
  const types = text.get('[Content_Types].xml');
  if (types !== undefined && !/Extension="odttf"/.test(types)) text.set('[Content_Types].xml', types.replace('</Types>', `<Default Extension="odttf" ContentType="${OBFUSCATED_FONT}"/></Types>`));
  const settings = text.get('word/settings.xml');
  if (settings !== undefined && !settings.includes('<w:embedTrueTypeFonts')) {
    // CT_Settings: after displayBackgroundShape and the print options, before saveFormsData, mirrorMargins, defaultTabStop.
    text.set(
      'word/settings.xml',
      settings.replace(
        /<w:(?:saveFormsData|mirrorMargins|alignBordersAndEdges|bordersDoNotSurroundHeader|gutterAtTop|hideSpellingErrors|defaultTabStop)\b/,
        '<w:embedTrueTypeFonts/><w:saveSubsetFonts/>$&',
      ),
    );
  }
  return added;
}
