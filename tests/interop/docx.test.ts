/**
 * DOCX editions of the sample read by real readers: LibreOffice converts
 * each to PDF (the text holds the chapter titles), Pandoc reads each back
 * with every heading, the 62 notes, the table, the pictures and the text of
 * the model's paragraphs and notes. The page numbers the contents are
 * written with are those LibreOffice sets the chapters on.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { headings, inlineText, type DocumentModel } from '@brief/document-model';
import { buildDocx, models, normalize, readDocx, sample, sampleId, type BuiltDocx } from '../helpers/docx.js';
import { npmFontsEnv } from '../helpers/fontconfig.js';

interface PandocNode {
  t: string;
  c?: unknown;
}

let built: BuiltDocx[] = [];
let expected = new Map<string, DocumentModel>();
const pdfText = new Map<string, string>();
/** Each edition's pages as LibreOffice sets them (pdftotext -layout, one string per page). */
const pdfPages = new Map<string, string[]>();
const pandoc = new Map<string, { blocks: PandocNode[] }>();
let convertLog = '';

function run(cmd: string, args: string[], env?: NodeJS.ProcessEnv) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...(env ? { env } : {}) });
  if (r.error) throw r.error;
  return r;
}

beforeAll(() => {
  const out = mkdtempSync(join(tmpdir(), 'docx-interop-'));
  built = buildDocx(sample, out, sampleId);
  expected = models(sample);
  const pdfDir = join(out, 'pdf');
  const profile = mkdtempSync(join(tmpdir(), 'docx-lo-profile-'));
  // One LibreOffice run converts every edition (starting it is the slow part),
  // with the fonts the DOCX names, from the npm font packages.
  const lo = run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', pdfDir, ...built.map((b) => b.path)], npmFontsEnv());
  convertLog = `${lo.status}\n${lo.stdout}\n${lo.stderr}`;
  for (const b of built) {
    const pdf = join(pdfDir, basename(b.path).replace(/\.docx$/, '.pdf'));
    if (existsSync(pdf)) {
      pdfText.set(b.lang, run('pdftotext', ['-enc', 'UTF-8', pdf, '-']).stdout);
      pdfPages.set(b.lang, run('pdftotext', ['-enc', 'UTF-8', '-layout', pdf, '-']).stdout.split('\f'));
    }
    const p = run('pandoc', ['-f', 'docx', '-t', 'json', b.path]);
    if (p.status !== 0) throw new Error(`pandoc failed on ${b.path}: ${p.stderr}`);
    pandoc.set(b.lang, JSON.parse(p.stdout) as { blocks: PandocNode[] });
  }
});

/** Every node of a Pandoc AST (depth first), optionally not descending into notes. */
function walk(value: unknown, visit: (node: PandocNode) => void, intoNotes = true): void {
  if (Array.isArray(value)) {
    for (const v of value) walk(v, visit, intoNotes);
    return;
  }
  if (value && typeof value === 'object' && 't' in value) {
    const node = value as PandocNode;
    visit(node);
    if (node.t === 'Note' && !intoNotes) return;
    walk(node.c, visit, intoNotes);
  }
}

/** Plain text of Pandoc inlines/blocks (notes left out unless asked). */
function plain(value: unknown, intoNotes = false): string {
  let out = '';
  walk(
    value,
    (node) => {
      if (node.t === 'Str') out += node.c as string;
      else if (node.t === 'Space' || node.t === 'SoftBreak' || node.t === 'LineBreak') out += ' ';
    },
    intoNotes,
  );
  return out;
}

function collect(value: unknown, type: string, intoNotes = true): PandocNode[] {
  const found: PandocNode[] = [];
  walk(value, (n) => n.t === type && found.push(n), intoNotes);
  return found;
}

/** Every n-th element, always with the first and the last. */
function sampleOf<T>(items: T[], n: number): T[] {
  return items.filter((_, i) => i % n === 0 || i === items.length - 1);
}

describe('LibreOffice', () => {
  it('converts every edition to PDF', () => {
    expect(built.length).toBeGreaterThan(0);
    for (const b of built) expect(pdfText.has(b.lang), `${b.lang}: ${convertLog}`).toBe(true);
  });

  it('prints the chapter titles', () => {
    for (const [lang, text] of pdfText) {
      const flat = normalize(text);
      for (const h of headings(expected.get(lang)!).filter((h) => h.level === 1)) {
        expect(flat, `${lang}: ${inlineText(h.children)}`).toContain(normalize(h.number + inlineText(h.children)));
      }
    }
  });
});

/** The contents' entries as written in the document: text and page number. */
function contentsEntries(path: string): { text: string; page: number }[] {
  const xml = readDocx(path).xml('word/document.xml');
  const entries = [...xml.matchAll(/w:anchor="_Toc\d+">(.*?)PAGEREF _Toc\d+ \\h<\/w:instrText><w:fldChar w:fldCharType="separate"\/><w:t[^>]*>(\d+)<\/w:t>/g)];
  return entries.map((m) => ({ text: normalize([...m[1]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')), page: Number(m[2]) }));
}

describe('the contents', () => {
  it('are written with the pages LibreOffice sets the chapters on', () => {
    for (const b of built) {
      const pages = pdfPages.get(b.lang)!;
      const first = expected.get(b.lang)!.meta.series?.firstPage ?? 1;
      const entries = contentsEntries(b.path);
      expect(entries.length, b.lang).toBe(headings(expected.get(b.lang)!).filter((h) => h.level === 1).length);
      const found = entries.map((e) => {
        // The last page with a line that starts with the heading (the contents come before the chapter).
        const index = pages.findLastIndex((page) =>
          page.split('\n').some((line) => {
            const l = normalize(line);
            return l.length > 0 && l.startsWith(e.text.slice(0, 20));
          }),
        );
        return { ...e, laidOut: first + index };
      });
      const summary = found.map((f) => `${f.text.slice(0, 12)} ${f.page}/${f.laidOut}`).join(', ');
      for (const f of found) expect(Math.abs(f.page - f.laidOut), `${b.lang}: ${summary}`).toBeLessThanOrEqual(1);
      expect(found.filter((f) => f.page === f.laidOut).length, `${b.lang}: ${summary}`).toBeGreaterThanOrEqual(found.length - 1);
    }
  });
});

describe('Pandoc', () => {
  it('reads every heading back, with its number', () => {
    for (const [lang, ast] of pandoc) {
      const model = expected.get(lang)!;
      const read = collect(ast.blocks, 'Header', false).map((h) => {
        const [level, , inlines] = h.c as [number, unknown, unknown];
        return { level, text: normalize(plain(inlines)) };
      });
      const want = headings(model).map((h) => ({ level: h.level, text: normalize(h.number + inlineText(h.children)) }));
      expect(read, lang).toEqual(want);
    }
  });

  it('reads the 62 notes back, with their text', () => {
    for (const [lang, ast] of pandoc) {
      const model = expected.get(lang)!;
      const notes = collect(ast.blocks, 'Note');
      expect(notes, lang).toHaveLength(62);
      expect(model.notes).toHaveLength(62);
      for (const note of sampleOf(model.notes, 5)) {
        const first = note.children[0];
        if (first?.kind !== 'paragraph') continue;
        expect(normalize(plain(notes[note.number - 1]!.c, true)), `${lang} note ${note.number}`).toContain(normalize(inlineText(first.children)));
      }
    }
  });

  it('reads the table and the pictures back', () => {
    for (const [lang, ast] of pandoc) {
      const model = expected.get(lang)!;
      const figures = model.body.filter((b) => b.kind === 'figure');
      const images = figures.filter((f) => f.kind === 'figure' && f.body.kind === 'image').length;
      expect(collect(ast.blocks, 'Table'), lang).toHaveLength(figures.length - images);
      expect(collect(ast.blocks, 'Image'), lang).toHaveLength(images);
      const table = figures.find((f) => f.kind === 'figure' && f.body.kind === 'table');
      if (table?.kind === 'figure' && table.body.kind === 'table') {
        const text = normalize(plain(collect(ast.blocks, 'Table')[0]));
        for (const cell of table.body.table.header.cells) expect(text).toContain(normalize(inlineText(cell.children)));
      }
    }
  });

  it('reads the text of the paragraphs back', () => {
    for (const [lang, ast] of pandoc) {
      const model = expected.get(lang)!;
      const text = normalize(plain(ast.blocks));
      const paragraphs = model.body.flatMap((b) => (b.kind === 'paragraph' ? [inlineText(b.children)] : []));
      expect(paragraphs.length).toBeGreaterThan(10);
      for (const p of sampleOf(paragraphs, 4)) expect(text, `${lang}: ${p.slice(0, 40)}`).toContain(normalize(p));
    }
  });
});
