/**
 * HarfBuzz's subsetter (`harfbuzzjs/dist/harfbuzz-subset.wasm`) driven
 * directly, with the calls and flags the npm package `subset-font` makes for
 * the options below, so the bytes are the same (`subset.test.ts` compares
 * them) without loading what `subset-font` brings along (fontverter, the WOFF2
 * converter, brotli: 32 MB that a TrueType-to-TrueType cut never uses).
 *
 * The WebAssembly module is compiled once per thread, when first needed, and
 * its instance serves the later calls until it is let go of
 * (`letGoOfSubsetter`); each font file is read once per thread
 * (`fontBytes`).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { buildCache, cacheKey, codeIdentity } from '@brief/build-cache';

const require = createRequire(import.meta.url);

/** What this module needs of the WebAssembly global (the project's `lib` has no DOM or WebAssembly types). */
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, never>) => { exports: unknown };
};

/** The exports of harfbuzz-subset.wasm this module calls (pointers and handles are numbers). */
interface HbSubset {
  memory: { buffer: ArrayBuffer };
  _initialize(): void;
  malloc(size: number): number;
  free(ptr: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, value: number): void;
  hb_set_del(set: number, value: number): void;
  hb_set_clear(set: number): void;
  hb_set_invert(set: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_get_flags(input: number): number;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_subset_input_set(input: number, which: number): number;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}

const HB_MEMORY_MODE_WRITABLE = 2;
const HB_SUBSET_SETS_NAME_ID = 4;
const HB_SUBSET_SETS_LAYOUT_FEATURE_TAG = 6;
const HB_SUBSET_FLAGS_NO_LAYOUT_CLOSURE = 0x00000200;

/** The subsetter's WebAssembly file. */
const subsetWasmPath: string = require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm');

let hbModule: object | undefined;
let hbSubset: HbSubset | undefined;

/** The subsetter's instance: compiled once per thread, instantiated again after `letGoOfSubsetter`. */
function subsetter(): HbSubset {
  if (!hbSubset) {
    hbModule ??= new WebAssembly.Module(readFileSync(subsetWasmPath));
    const exports = new WebAssembly.Instance(hbModule, {}).exports as HbSubset;
    exports._initialize();
    hbSubset = exports;
  }
  return hbSubset;
}

/**
 * Let go of the subsetter's instance (its compiled module stays): the next
 * cut instantiates it afresh, in a few milliseconds. A WebAssembly memory
 * never gives back a page it has touched: cutting the whole Japanese faces
 * (5–8 MB each) touches some 60 MB, which the thread would hold to its end,
 * though the cuts after them (of working faces, for embedding and
 * pictures: under 1 MB each) need little.
 */
export function letGoOfSubsetter(): void {
  hbSubset = undefined;
}

/** Whether this thread holds an instance of the subsetter, for tests. */
export function holdsSubsetter(): boolean {
  return hbSubset !== undefined;
}

const bytesByPath = new Map<string, Uint8Array>();
const digestByPath = new Map<string, string>();

/** A working face (see `workingFont`): the file it is cut from, what identifies that file's bytes, and the ideographs it keeps. */
export interface WorkingFace {
  file: string;
  /** The npm package (name and version) the file comes from and its path there: its bytes, as npm's lockfile pins them. */
  identity: string;
  ideographs: string;
}

/** Working faces by the path that names them. */
const workingFaces = new Map<string, WorkingFace>();

/**
 * Name a working face: `path` then stands for the file cut down to every
 * character it has except the ideographs not kept (`fontBytes` makes it
 * when first read, through the build cache).
 */
export function nameWorkingFace(path: string, face: WorkingFace): void {
  workingFaces.set(path, face);
}

/** The working face a path names (`nameWorkingFace`), if it names one. */
export function workingFaceAt(path: string): WorkingFace | undefined {
  return workingFaces.get(path);
}

/** Whether a working face's bytes are at hand without cutting it: read in this thread, or stored in the build cache. */
export function workingFaceKept(path: string): boolean {
  const face = workingFaces.get(path);
  return bytesByPath.has(path) || (face !== undefined && buildCache()?.has(workingKey(face)) === true);
}

/** The build-cache key of a working face. */
function workingKey(face: WorkingFace): string {
  return cacheKey('fonts.workingFont', codeIdentity(import.meta.url, ['harfbuzzjs']), face.identity, face.ideographs);
}

/** A font file's bytes (or a working face's), read (or cut) once per thread. */
export function fontBytes(path: string): Uint8Array {
  let bytes = bytesByPath.get(path);
  if (!bytes) {
    const working = workingFaces.get(path);
    bytes = working ? workingBytes(working) : readFileSync(path);
    bytesByPath.set(path, bytes);
  }
  return bytes;
}

/** A working face's bytes: from the build cache, else cut (and kept there). The whole file is read only to cut it. */
function workingBytes(face: WorkingFace): Uint8Array {
  const cache = buildCache();
  const key = workingKey(face);
  const kept = cache?.get(key);
  if (kept) return kept;
  const bytes = workingFont(readFileSync(face.file), face.ideographs);
  cache?.put(key, bytes);
  return bytes;
}

/** sha256 (hex) of a font file's bytes, computed once per thread. */
export function fontDigest(path: string): string {
  let digest = digestByPath.get(path);
  if (!digest) {
    digest = createHash('sha256').update(fontBytes(path)).digest('hex');
    digestByPath.set(path, digest);
  }
  return digest;
}

export interface SubsetOptions {
  /** Leave out glyphs that only features would reach (ligatures, alternates); default false. */
  noLayoutClosure?: boolean;
  /**
   * Keep only these layout features (OpenType tags), with the glyphs they
   * reach from the characters; default every feature the face has.
   */
  layoutFeatures?: readonly string[];
  /** Name records to keep besides the family names (e.g. 0, 13, 14: copyright and licence). */
  preserveNameIds?: number[];
}

/** An OpenType tag (four ASCII characters, padded with spaces) as the number HarfBuzz takes. */
function openTypeTag(tag: string): number {
  const padded = `${tag}    `.slice(0, 4);
  return ((padded.charCodeAt(0) << 24) | (padded.charCodeAt(1) << 16) | (padded.charCodeAt(2) << 8) | padded.charCodeAt(3)) >>> 0;
}

/**
 * The features a reading system or word processor applies to horizontal text
 * without being asked (HarfBuzz's defaults), with the glyphs they reach: a
 * face cut for them keeps its composed forms, as the two-em dash that ――
 * becomes in a Japanese face (its \`ccmp\`), and no alternates (\`aalt\`, \`jp78\`,
 * \`vert\`) no one asks for. \`halt\`, \`palt\` and \`chws\` position only.
 */
export const shapingDefaults: readonly string[] = ['ccmp', 'locl', 'rlig', 'rvrn', 'mark', 'mkmk', 'calt', 'clig', 'curs', 'kern', 'liga', 'rclt', 'frac', 'numr', 'dnom', 'halt', 'palt', 'chws'];

/** Whether the bytes start as a TrueType or OpenType file (not WOFF, WOFF2 or a collection). */
function isSfnt(font: Uint8Array): boolean {
  const tag = String.fromCharCode(...font.subarray(0, 4));
  return tag === 'true' || tag === 'OTTO' || tag === '\x00\x01\x00\x00';
}

/** The ranges of CJK ideographs (unified, extension A, compatibility, and the supplementary planes' extensions). */
const ideographRanges: readonly (readonly [number, number])[] = [
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
  [0x20000, 0x323af],
];

/** Whether a code point is a CJK ideograph (kanji): the characters that make a Japanese face large. */
export function isIdeograph(cp: number): boolean {
  return ideographRanges.some(([from, to]) => cp >= from && cp <= to);
}

/**
 * Cut a TrueType or OpenType font down to the characters of `text`, keeping
 * every layout feature, as `subset-font` does with `targetFormat:
 * 'truetype'` and the same options. Synchronous: the subsetter runs in this
 * thread.
 */
export function subsetFont(font: Uint8Array, text: string, options: SubsetOptions = {}): Uint8Array {
  return runSubsetter(font, (hb, input) => {
    if (options.preserveNameIds) {
      const nameIds = hb.hb_subset_input_set(input, HB_SUBSET_SETS_NAME_ID);
      for (const id of options.preserveNameIds) hb.hb_set_add(nameIds, id);
    }
    if (options.layoutFeatures) {
      const features = hb.hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG);
      hb.hb_set_clear(features);
      for (const tag of options.layoutFeatures) hb.hb_set_add(features, openTypeTag(tag));
    }
    if (options.noLayoutClosure) {
      const flags = hb.hb_subset_input_get_flags(input);
      const wanted = flags | HB_SUBSET_FLAGS_NO_LAYOUT_CLOSURE;
      if (wanted !== flags) hb.hb_subset_input_set_flags(input, wanted);
    }
    const unicodes = hb.hb_subset_input_unicode_set(input);
    for (const ch of text) hb.hb_set_add(unicodes, ch.codePointAt(0)!);
  });
}

/**
 * A working face: the font with every character, glyph, layout feature and
 * name it has, except the ideographs not in `ideographs`. A Japanese face
 * holds some 14,000 ideographs (most of its 5–8 MB); a report uses a few
 * hundred. Every font operation on the working face (opening, shaping,
 * measuring, subsetting, embedding) is several times cheaper, and sets
 * every character the report holds exactly as the whole face does.
 */
export function workingFont(font: Uint8Array, ideographs: string): Uint8Array {
  const keep = new Set([...ideographs].map((ch) => ch.codePointAt(0)!));
  return runSubsetter(font, (hb, input) => {
    const nameIds = hb.hb_subset_input_set(input, HB_SUBSET_SETS_NAME_ID);
    hb.hb_set_clear(nameIds);
    hb.hb_set_invert(nameIds);
    // Every character of the face (an inverted empty set), less the ideographs not kept.
    const unicodes = hb.hb_subset_input_unicode_set(input);
    hb.hb_set_clear(unicodes);
    hb.hb_set_invert(unicodes);
    for (const cp of ideographsOf(font)) if (!keep.has(cp)) hb.hb_set_del(unicodes, cp);
  });
}

/**
 * The ideographs a font maps, from its character map's format 12 subtable
 * (every code point in groups), else every code point of the ideograph
 * ranges (which the subsetter then finds missing).
 */
function ideographsOf(font: Uint8Array): number[] {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tables = view.getUint16(4);
  let cmap = -1;
  for (let i = 0; i < tables; i++) {
    const at = 12 + i * 16;
    if (view.getUint32(at) === 0x636d6170) cmap = view.getUint32(at + 8);
  }
  if (cmap >= 0) {
    const subtables = view.getUint16(cmap + 2);
    for (let i = 0; i < subtables; i++) {
      const at = cmap + 4 + i * 8;
      const offset = cmap + view.getUint32(at + 4);
      if (view.getUint16(offset) !== 12) continue;
      const out: number[] = [];
      const groups = view.getUint32(offset + 12);
      for (let g = 0; g < groups; g++) {
        const from = view.getUint32(offset + 16 + g * 12);
        const to = view.getUint32(offset + 20 + g * 12);
        for (let cp = from; cp <= to; cp++) if (isIdeograph(cp)) out.push(cp);
      }
      return out;
    }
  }
  return ideographRanges.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => from + i));
}

/** Run the subsetter on a font with every layout feature kept; `configure` sets the rest of the input. */
function runSubsetter(font: Uint8Array, configure: (hb: HbSubset, input: number) => void): Uint8Array {
  if (!isSfnt(font)) throw new Error(`not a TrueType or OpenType font (signature "${String.fromCharCode(...font.subarray(0, 4))}")`);
  const hb = subsetter();
  // The memory can grow while subsetting, which detaches earlier views: take a fresh one at each use.
  const heap = () => new Uint8Array(hb.memory.buffer);
  const input = hb.hb_subset_input_create_or_fail();
  if (input === 0) throw new Error('hb_subset_input_create_or_fail (harfbuzz) returned zero, indicating failure');
  const fontBuffer = hb.malloc(font.byteLength);
  heap().set(font, fontBuffer);
  const blob = hb.hb_blob_create(fontBuffer, font.byteLength, HB_MEMORY_MODE_WRITABLE, 0, 0);
  const face = hb.hb_face_create(blob, 0);
  hb.hb_blob_destroy(blob);

  // Every layout feature (hb-subset --layout-features='*').
  const features = hb.hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG);
  hb.hb_set_clear(features);
  hb.hb_set_invert(features);
  configure(hb, input);

  let subset: number;
  try {
    subset = hb.hb_subset_or_fail(face, input);
  } finally {
    hb.hb_subset_input_destroy(input);
  }
  if (subset === 0) {
    hb.hb_face_destroy(face);
    hb.free(fontBuffer);
    throw new Error('hb_subset_or_fail (harfbuzz) returned zero, indicating failure. Maybe the input file is corrupted?');
  }
  const result = hb.hb_face_reference_blob(subset);
  const offset = hb.hb_blob_get_data(result, 0);
  const length = hb.hb_blob_get_length(result);
  const bytes = length > 0 ? heap().slice(offset, offset + length) : undefined;
  hb.hb_blob_destroy(result);
  hb.hb_face_destroy(subset);
  hb.hb_face_destroy(face);
  hb.free(fontBuffer);
  if (!bytes) throw new Error('Failed to create subset font, maybe the input file is corrupted?');
  return bytes;
}
