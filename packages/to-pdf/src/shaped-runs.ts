/**
 * Shaped runs kept from one build to the next. A PDF edition whose
 * paragraphs come composed from the build cache (atom-store) still has its
 * words shaped when they are drawn; the runs a font file gave (glyph ids,
 * advances, offsets and the characters each glyph stands for) depend only
 * on the file's bytes, the text, its features and the shaping code, so they
 * are kept too: one build cache entry per font file (by the sha256 of its
 * bytes), read when the file is first used and written after a document is
 * drawn, when it shaped anything new.
 *
 * Two builds may draw with one file at once: each merges what the entry
 * holds by then into what it writes. An entry keeps at most `MAX_RUNS` runs;
 * past that, the runs this process used win.
 */
import { buildCache, cacheKey, codeIdentity, type ContentCache } from '@brief/build-cache';
import { fontDigestOf } from './font-subsets.js';
import type { ShapedRun } from './pdfmake-adapter.js';

const MAX_RUNS = 40_000;

/**
 * A run as stored: its numbers in one string, read only when the run is
 * first asked for (`decodeRun`). An entry is thus a list of pairs of strings:
 * reading it makes two strings a run, where arrays of numbers would make a
 * dozen objects a run for the garbage collector to copy, most of them for
 * runs the document never draws.
 */
type StoredRun = string;
/**
 * The runs of one copy of a font file: those read from the build cache stay
 * as stored until a run is asked for (a document draws with a few of a
 * file's runs), those shaped here are counted as new.
 */
class RunTable extends Map<string, ShapedRun> {
  /** Runs shaped in this process since the table was read or written. */
  added = 0;
  constructor(readonly stored: Map<string, StoredRun>) {
    super();
  }
  override get(text: string): ShapedRun | undefined {
    let run = super.get(text);
    if (run === undefined) {
      const kept = this.stored.get(text);
      if (kept !== undefined) {
        run = decodeRun(kept);
        if (run) super.set(text, run);
        // A run that does not read is shaped again, and counts as new.
        else this.stored.delete(text);
      }
    }
    return run;
  }
  override has(text: string): boolean {
    return super.has(text) || this.stored.has(text);
  }
  override set(text: string, run: ShapedRun): this {
    if (!this.has(text)) this.added++;
    return super.set(text, run);
  }
  /** Every run, as stored. */
  storedRuns(): Map<string, StoredRun> {
    const out = new Map(this.stored);
    for (const [text, run] of super.entries()) if (!out.has(text)) out.set(text, encodeRun(run));
    return out;
  }
}

interface Kept {
  key: string;
  /** The entry's stamp when this process last read or wrote it: while it is the same, the entry holds nothing these tables lack. */
  stamp?: string | undefined;
  /** The runs of every copy of the file opened in this process (each copy's table). */
  tables: RunTable[];
}

const byDigest = new Map<string, Kept>();

/**
 * The numbers of a run, comma-separated: its advance, the number of glyphs
 * and of positions, each glyph as id, advance, the number of its code points
 * and the code points, then each position as x advance, y advance, x offset,
 * y offset and advance width. Numbers are written as JavaScript writes them,
 * which reads back as the same number.
 */
function encodeRun(run: ShapedRun): StoredRun {
  const out: number[] = [run.advanceWidth, run.glyphs.length, run.positions.length];
  for (const g of run.glyphs) out.push(g.id, g.advanceWidth, g.codePoints.length, ...g.codePoints);
  for (const p of run.positions) out.push(p.xAdvance, p.yAdvance, p.xOffset, p.yOffset, p.advanceWidth);
  return out.join(',');
}

/** A stored run as the shaper gives it, or undefined when it does not read as one (it is then shaped again). */
function decodeRun(stored: StoredRun): ShapedRun | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(`[${stored}]`);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed)) return undefined;
  const n = parsed as number[];
  // The numbers in the order `encodeRun` wrote them (an object's fields are read left to right).
  let i = 0;
  const advanceWidth = n[i++]!;
  const glyphs = new Array<ShapedRun['glyphs'][number]>(n[i++]!);
  const positions = new Array<ShapedRun['positions'][number]>(n[i++]!);
  for (let k = 0; k < glyphs.length; k++) {
    const id = n[i++]!;
    const advance = n[i++]!;
    const count = n[i++]!;
    glyphs[k] = { id, advanceWidth: advance, codePoints: n.slice(i, i + count) };
    i += count;
  }
  for (let k = 0; k < positions.length; k++) {
    positions[k] = { xAdvance: n[i++]!, yAdvance: n[i++]!, xOffset: n[i++]!, yOffset: n[i++]!, advanceWidth: n[i++]! };
  }
  return i === n.length ? { advanceWidth, glyphs, positions } : undefined;
}

function readEntry(cache: ContentCache, key: string): [string, StoredRun][] {
  const bytes = cache.get(key);
  if (!bytes) return [];
  try {
    const parsed: unknown = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
    if (!Array.isArray(parsed)) return [];
    return (parsed as unknown[]).filter((e): e is [string, StoredRun] => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'string');
  } catch {
    return [];
  }
}

/**
 * The table of shaped runs for one copy of a font file, filled with the
 * runs kept from earlier builds (empty without a build cache).
 */
export function keptRuns(bytes: Uint8Array | undefined, cache: ContentCache | undefined = buildCache()): Map<string, ShapedRun> {
  if (!cache || !bytes) return new Map();
  let key: string;
  try {
    key = cacheKey('to-pdf.shapedRuns', codeIdentity(import.meta.url, ['pdfmake', 'harfbuzzjs']), fontDigestOf(bytes));
  } catch {
    return new Map();
  }
  let kept = byDigest.get(key);
  if (!kept) {
    kept = { key, tables: [] };
    byDigest.set(key, kept);
  }
  if (kept.tables.length === 0) kept.stamp = cache.stamp(key);
  const table = new RunTable(new Map(readEntry(cache, key)));
  kept.tables.push(table);
  return table;
}

/** Forget the tables read in this process (a later call reads the build cache as a new process would). */
export function forgetShapedRuns(): void {
  byDigest.clear();
}

/** Write the runs of every font file that shaped something new since it was read or last written. */
export function saveShapedRuns(cache: ContentCache | undefined = buildCache()): void {
  if (!cache) return;
  for (const kept of byDigest.values()) {
    if (!kept.tables.some((t) => t.added > 0)) continue;
    const runs = new Map<string, StoredRun>();
    for (const table of kept.tables) for (const [text, run] of table.storedRuns()) if (!runs.has(text)) runs.set(text, run);
    // What another build wrote since (a process drawing again after an edit mostly finds its own entry).
    if (kept.stamp === undefined || cache.stamp(kept.key) !== kept.stamp) {
      for (const [text, run] of readEntry(cache, kept.key)) {
        if (runs.size >= MAX_RUNS) break;
        if (!runs.has(text)) runs.set(text, run);
      }
    }
    cache.put(kept.key, Buffer.from(JSON.stringify([...runs].slice(0, MAX_RUNS)), 'utf8'));
    kept.stamp = cache.stamp(kept.key);
    for (const table of kept.tables) table.added = 0;
  }
}
