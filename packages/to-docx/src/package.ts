/**
 * The DOCX package, byte-stable. The docx library writes the current time
 * into docProps/core.xml, gives external hyperlinks random relationship ids,
 * and numbers bookmarks from counters that live as long as the process. This
 * pass rewrites all of them from the document itself (dates from the
 * publication date, ids in order of appearance) and zips the parts in a
 * fixed order with a fixed time.
 *
 * `packageDocument` takes the parts as the docx library's compiler writes
 * them (text, not yet zipped) and zips them once. The library's own `Packer`
 * would zip them, and the fixes would then have to unzip and zip again; it
 * is used only if a version of the library no longer has the compiler
 * (`normalizePackage` then fixes the zipped package, with the same bytes).
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Packer, type File } from 'docx';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { zipArchive, type ZipEntry } from '@brief/zip-archive';
import { embedFaces, escapeRegExp, fontTableFamilies, packageCharacters, type EmbeddedFace } from './embedded-fonts.js';

export interface PackageFixes {
  /** ISO date `YYYY-MM-DD` written as created and modified date. */
  date: string;
  /** Language of the edition for `dc:language`. */
  language: string;
  /** Further rewrites of XML parts by name, applied last. */
  parts?: Record<string, (xml: string) => string>;
  /** Pictures' bytes by the hex of the stand-ins the document was given for them (`standIn` in `figures.ts`). */
  media?: ReadonlyMap<string, Uint8Array>;
  /** The faces to embed, for the families of the font table and the characters the parts set (`embedded-fonts.ts`). */
  faces?: (families: readonly string[], characters: string) => Promise<readonly EmbeddedFace[]>;
}

const xmlLike = /\.(xml|rels)$/;

/** Owner part of a relationships part: `word/_rels/document.xml.rels` → `word/document.xml`. */
export function relsOwner(path: string): string | undefined {
  const m = /^(.*?)_rels\/([^/]+)\.rels$/.exec(path);
  return m ? `${m[1]}${m[2]}` : undefined;
}

/**
 * Give relationships that do not have a plain `rIdN` id the next free
 * numbers, in the order their ids first appear in the part that uses them.
 */
export function renumberRelationships(rels: string, owner: string): { rels: string; owner: string } {
  const ids = [...rels.matchAll(/<Relationship\b[^>]*?\bId="([^"]+)"/g)].map((m) => m[1]!);
  const taken = ids.filter((id) => /^rId\d+$/.test(id)).map((id) => Number(id.slice(3)));
  const odd = ids.filter((id) => !/^rId\d+$/.test(id));
  if (odd.length === 0) return { rels, owner };
  const position = (id: string) => {
    const at = owner.indexOf(`"${id}"`);
    return at < 0 ? Number.MAX_SAFE_INTEGER : at;
  };
  const ordered = odd.map((id, index) => ({ id, index, at: position(id) })).sort((a, b) => a.at - b.at || a.index - b.index);
  let next = Math.max(0, ...taken) + 1;
  const map = new Map<string, string>();
  for (const { id } of ordered) map.set(id, `rId${next++}`);
  const pattern = new RegExp(`"(${[...map.keys()].map(escapeRegExp).join('|')})"`, 'g');
  const replace = (s: string) => s.replace(pattern, (_all, id: string) => `"${map.get(id)}"`);
  return { rels: replace(rels), owner: replace(owner) };
}

/**
 * Number bookmarks 1, 2, 3… and `_TocN` bookmark names in order of first
 * appearance, across the given parts (in that order).
 */
export function renumberBookmarks(parts: string[]): string[] {
  let counter = 0;
  const tocNames = new Map<string, string>();
  return parts.map((xml) => {
    // A start and its end share an id within one part; ids stay unique across parts.
    const local = new Map<string, string>();
    const out = xml.replace(/(<w:bookmark(?:Start|End)\b[^>]*?\bw:id=")(\d+)(")/g, (_all, a: string, id: string, b: string) => {
      let fresh = local.get(id);
      if (fresh === undefined) {
        fresh = String(++counter);
        local.set(id, fresh);
      }
      return `${a}${fresh}${b}`;
    });
    return out.replace(/_Toc(\d+)\b/g, (_all, n: string) => {
      let fresh = tocNames.get(n);
      if (fresh === undefined) {
        fresh = String(tocNames.size + 1);
        tocNames.set(n, fresh);
      }
      return `_Toc${fresh}`;
    });
  });
}

/**
 * Number drawing object ids (`wp:docPr`) 1, 2, 3… in order, across the given
 * parts; and write a line break in a picture's description (`descr`) as a
 * character reference, which an XML reader keeps (a raw one it reads as a space).
 */
export function renumberDrawings(parts: string[]): string[] {
  let counter = 0;
  return parts.map((xml) =>
    xml
      .replace(/(<wp:docPr\b[^>]*?\bid=")(\d+)(")/g, (_all, a: string, _id: string, b: string) => `${a}${++counter}${b}`)
      .replace(/<(?:wp:docPr|pic:cNvPr)\b[^>]*>/g, (tag) => tag.replace(/\r?\n/g, '&#10;')),
  );
}

/** Rewrite created/modified dates and add the language to docProps/core.xml. */
export function fixCoreProperties(core: string, fixes: PackageFixes): string {
  const stamp = `${fixes.date}T00:00:00Z`;
  let out = core.replace(/(<dcterms:created\b[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${stamp}$2`).replace(/(<dcterms:modified\b[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${stamp}$2`);
  if (!/<dc:language>/.test(out)) {
    out = out.replace(/<\/cp:coreProperties>/, `<dc:language>${fixes.language}</dc:language></cp:coreProperties>`);
  }
  return out;
}

/** Separator footnotes hold the separator line only, not a note mark. */
export function fixFootnoteSeparators(footnotes: string): string {
  return footnotes.replace(
    /(<w:footnote w:type="(?:separator|continuationSeparator)"[^>]*>)([\s\S]*?)(<\/w:footnote>)/g,
    (_all, open: string, body: string, close: string) => open + body.replace(/<w:r><w:rPr><w:rStyle w:val="FootnoteReference"\/><\/w:rPr><w:footnoteRef\/><\/w:r>/g, '') + close,
  );
}

/** Local-time fields of the zip entries: noon of the publication date, in every time zone. */
function zipTime(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y ?? 1980, (m ?? 1) - 1, d ?? 1, 12, 0, 0);
}

/** Parts in a fixed order: content types first, then package relationships, then by name. */
export function partOrder(names: string[]): string[] {
  const rank = (n: string) => (n === '[Content_Types].xml' ? 0 : n === '_rels/.rels' ? 1 : 2);
  return [...names].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** A part as the docx library's compiler gives it: XML as text, media as bytes. */
export type PartData = string | Uint8Array | ArrayBufferView | ArrayBuffer;

/** The part of the docx library's `Packer` that writes a document's parts without zipping them. */
interface PartCompiler {
  compile(file: File): Map<string, PartData>;
}

/** The compiler `Packer` uses (not part of the library's typed API), if this version has one. */
function partCompiler(): PartCompiler | undefined {
  const compiler: unknown = Reflect.get(Packer, 'compiler');
  if (typeof compiler !== 'object' || compiler === null) return undefined;
  return typeof (compiler as Partial<PartCompiler>).compile === 'function' ? (compiler as PartCompiler) : undefined;
}

/** Whether `packageDocument` zips the compiler's parts directly (else it unzips the library's zip). */
export function zipsOnce(): boolean {
  return partCompiler() !== undefined;
}

/** A document as a byte-stable DOCX package: its parts are written, fixed and zipped once. */
export async function packageDocument(document: File, fixes: PackageFixes): Promise<Uint8Array> {
  const compiler = partCompiler();
  let parts: ReadonlyMap<string, PartData>;
  // Each step below takes a long report's package some hundreds of milliseconds: between them the
  // thread's other work gets a turn (a build that renders here hands a worker that finished its job the next one).
  await nextTurn();
  if (compiler) parts = compiler.compile(document);
  else {
    const bytes = await Packer.toBuffer(document);
    parts = new Map(Object.entries(unzipSync(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))));
  }
  let faces: readonly EmbeddedFace[] = [];
  if (fixes.faces) {
    await nextTurn();
    const text = textParts(parts);
    // The families as the font table lists them once it is finished (the library writes it empty).
    const table = text.get('word/fontTable.xml') ?? '';
    faces = await fixes.faces(fontTableFamilies(fixes.parts?.['word/fontTable.xml']?.(table) ?? table), packageCharacters(text));
  }
  await nextTurn();
  return normalizeParts(parts, fixes, faces);
}

/** Make a zipped DOCX package byte-stable (see `normalizeParts`). */
export function normalizePackage(bytes: Uint8Array, fixes: PackageFixes): Uint8Array {
  return normalizeParts(new Map(Object.entries(unzipSync(bytes))), fixes);
}

function partBytes(data: PartData): Uint8Array {
  if (typeof data === 'string') return strToU8(data);
  if (data instanceof Uint8Array) return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

/** A picture's bytes for its stand-in (`PackageFixes.media`); any other part as it is. */
function mediaBytes(name: string, bytes: Uint8Array, media: ReadonlyMap<string, Uint8Array> | undefined): Uint8Array {
  if (!media || bytes.length !== 32 || !name.startsWith('word/media/')) return bytes;
  return media.get(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')) ?? bytes;
}

/** The XML parts of a package as text, by name. */
function textParts(parts: ReadonlyMap<string, PartData>): Map<string, string> {
  const text = new Map<string, string>();
  for (const [name, data] of parts) if (xmlLike.test(name)) text.set(name, typeof data === 'string' ? data : strFromU8(partBytes(data)));
  return text;
}

/** The parts of a package, fixed and zipped in a fixed order with a fixed time. */
export function normalizeParts(parts: ReadonlyMap<string, PartData>, fixes: PackageFixes, faces: readonly EmbeddedFace[] = []): Uint8Array {
  const text = textParts(parts);

  for (const name of [...text.keys()]) {
    const owner = relsOwner(name);
    if (!owner || !text.has(owner)) continue;
    const fixed = renumberRelationships(text.get(name)!, text.get(owner)!);
    text.set(name, fixed.rels);
    text.set(owner, fixed.owner);
  }

  const storyParts = ['word/document.xml', 'word/footnotes.xml', 'word/endnotes.xml'].filter((p) => text.has(p));
  const renumbered = renumberBookmarks(storyParts.map((p) => text.get(p)!));
  storyParts.forEach((p, i) => text.set(p, renumbered[i]!));

  const drawingParts = partOrder([...text.keys()]).filter((p) => /^word\/[^/]+\.xml$/.test(p));
  const drawn = renumberDrawings(drawingParts.map((p) => text.get(p)!));
  drawingParts.forEach((p, i) => text.set(p, drawn[i]!));

  const core = text.get('docProps/core.xml');
  if (core !== undefined) text.set('docProps/core.xml', fixCoreProperties(core, fixes));
  const footnotes = text.get('word/footnotes.xml');
  if (footnotes !== undefined) text.set('word/footnotes.xml', fixFootnoteSeparators(footnotes));

  for (const [name, rewrite] of Object.entries(fixes.parts ?? {})) {
    const xml = text.get(name);
    if (xml !== undefined) text.set(name, rewrite(xml));
  }

  const added = embedFaces(text, faces);
  const names = new Set([...parts.keys(), ...text.keys(), ...added.keys()]);
  const entries: ZipEntry[] = partOrder([...names]).map((name) => ({
    path: name,
    bytes: added.get(name) ?? (text.has(name) ? strToU8(text.get(name)!) : mediaBytes(name, partBytes(parts.get(name)!), fixes.media)),
    stored: /\.(png|jpe?g|gif)$/i.test(name),
  }));
  return zipArchive(entries, zipTime(fixes.date));
}
