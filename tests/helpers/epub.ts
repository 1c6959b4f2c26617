/**
 * Build EPUB editions with the real CLI and read them back: entries, the
 * spine's content documents in reading order, notes and their marks.
 */
import { readFileSync } from 'node:fs';
import { buildFormat, type BuiltEdition } from './build.js';
import { unzipSync } from 'fflate';

export { cli, type BuiltEdition } from './build.js';

/** `brief build <source> --out <out> --format epub [args]`; throws with the CLI's messages when it fails. */
export function buildEpubs(source: string, out: string, id: string, args: string[] = []): BuiltEdition[] {
  return buildFormat(source, out, id, 'epub', args);
}

const decoder = new TextDecoder();
export const text = (b: Uint8Array): string => decoder.decode(b);

export interface Epub {
  bytes: Uint8Array;
  files: Record<string, Uint8Array>;
  /** Entry names in zip order. */
  order: string[];
  /** The package document's directory (with a trailing slash, or ''). */
  root: string;
  opf: string;
  /** Content documents in spine order: path in the zip and text. */
  spine: { path: string; href: string; xhtml: string }[];
}

/** Entry names in the order of the local file headers. */
function zipOrder(bytes: Uint8Array): string[] {
  const names: string[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let p = 0;
  while (p + 30 <= bytes.length && view.getUint32(p, true) === 0x04034b50) {
    const compressed = view.getUint32(p + 18, true);
    const nameLength = view.getUint16(p + 26, true);
    const extraLength = view.getUint16(p + 28, true);
    names.push(text(bytes.subarray(p + 30, p + 30 + nameLength)));
    p += 30 + nameLength + extraLength + compressed;
  }
  return names;
}

export function readEpub(path: string): Epub {
  const bytes = new Uint8Array(readFileSync(path));
  const files = unzipSync(bytes);
  const container = text(files['META-INF/container.xml']!);
  const opfPath = /full-path="([^"]+)"/.exec(container)![1]!;
  const root = opfPath.includes('/') ? opfPath.slice(0, opfPath.lastIndexOf('/') + 1) : '';
  const opf = text(files[opfPath]!);
  const hrefs = new Map([...opf.matchAll(/<item\s[^>]*id="([^"]+)"[^>]*href="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
  const spine = [...opf.matchAll(/<itemref\s[^>]*idref="([^"]+)"/g)].map((m) => {
    const href = hrefs.get(m[1]!)!;
    return { path: root + href, href, xhtml: text(files[root + href]!) };
  });
  return { bytes, files, order: zipOrder(bytes), root, opf, spine };
}

export interface NoteInfo {
  number: number;
  id: string;
  file: string;
}

/** Footnote asides in reading order, with the number their back-link prints. */
export function notesOf(epub: Epub): NoteInfo[] {
  const out: NoteInfo[] = [];
  for (const doc of epub.spine) {
    for (const m of doc.xhtml.matchAll(/<aside\s[^>]*>[\s\S]*?<\/aside>/g)) {
      const aside = m[0];
      if (!/role="doc-footnote"/.test(aside) || !/epub:type="footnote"/.test(aside)) continue;
      const id = /\sid="([^"]+)"/.exec(aside)![1]!;
      const number = Number(/class="note-number"[^>]*>(\d+)</.exec(aside)?.[1]);
      out.push({ number, id, file: doc.href });
    }
  }
  return out;
}

/** Note marks in reading order: their printed number and target. */
export function marksOf(epub: Epub): { number: number; href: string; file: string }[] {
  const out: { number: number; href: string; file: string }[] = [];
  for (const doc of epub.spine) {
    for (const m of doc.xhtml.matchAll(/<a\s([^>]*epub:type="noteref"[^>]*)>([\s\S]*?)<\/a>/g)) {
      const href = /href="([^"]+)"/.exec(m[1]!)![1]!;
      out.push({ number: Number(m[2]!.replace(/<[^>]+>/g, '')), href, file: doc.href });
    }
  }
  return out;
}
