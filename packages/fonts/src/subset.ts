/**
 * HarfBuzz's subsetter (`harfbuzzjs/dist/harfbuzz-subset.wasm`) driven
 * directly, with the calls and flags the npm package `subset-font` makes for
 * the options below, so the bytes are the same (`subset.test.ts` compares
 * them) without loading what `subset-font` brings along (fontverter, the WOFF2
 * converter, brotli: 32 MB that a TrueType-to-TrueType cut never uses).
 *
 * The WebAssembly module is compiled once per thread, when first needed, and
 * its instance serves every later call; each font file is read once per
 * thread (`fontBytes`).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

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

let hbSubset: HbSubset | undefined;

/** The subsetter's instance: compiled and instantiated once per thread. */
function subsetter(): HbSubset {
  if (!hbSubset) {
    const module = new WebAssembly.Module(readFileSync(subsetWasmPath));
    const exports = new WebAssembly.Instance(module, {}).exports as HbSubset;
    exports._initialize();
    hbSubset = exports;
  }
  return hbSubset;
}

const bytesByPath = new Map<string, Uint8Array>();
const digestByPath = new Map<string, string>();

/** A font file's bytes, read once per thread. */
export function fontBytes(path: string): Uint8Array {
  let bytes = bytesByPath.get(path);
  if (!bytes) {
    bytes = readFileSync(path);
    bytesByPath.set(path, bytes);
  }
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
  /** Name records to keep besides the family names (e.g. 0, 13, 14: copyright and licence). */
  preserveNameIds?: number[];
}

/** Whether the bytes start as a TrueType or OpenType file (not WOFF, WOFF2 or a collection). */
function isSfnt(font: Uint8Array): boolean {
  const tag = String.fromCharCode(...font.subarray(0, 4));
  return tag === 'true' || tag === 'OTTO' || tag === '\x00\x01\x00\x00';
}

/**
 * Cut a TrueType or OpenType font down to the characters of `text`, keeping
 * every layout feature, as `subset-font` does with `targetFormat:
 * 'truetype'` and the same options. Synchronous: the subsetter runs in this
 * thread.
 */
export function subsetFont(font: Uint8Array, text: string, options: SubsetOptions = {}): Uint8Array {
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

  if (options.preserveNameIds) {
    const nameIds = hb.hb_subset_input_set(input, HB_SUBSET_SETS_NAME_ID);
    for (const id of options.preserveNameIds) hb.hb_set_add(nameIds, id);
  }

  if (options.noLayoutClosure) {
    const flags = hb.hb_subset_input_get_flags(input);
    const wanted = flags | HB_SUBSET_FLAGS_NO_LAYOUT_CLOSURE;
    if (wanted !== flags) hb.hb_subset_input_set_flags(input, wanted);
  }

  const unicodes = hb.hb_subset_input_unicode_set(input);
  for (const ch of text) hb.hb_set_add(unicodes, ch.codePointAt(0)!);

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
