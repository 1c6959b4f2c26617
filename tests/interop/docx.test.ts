/**
 * DOCX editions of the sample read by real readers: LibreOffice converts
 * each to PDF (the text holds the chapter titles), Pandoc reads each back
 * with every heading, the 62 notes, the table, the pictures and the text of
 * the model's paragraphs and notes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { headings, inlineText, type DocumentModel } from '@brief/document-model';
import { buildDocx, models, normalize, sample, sampleId, type BuiltDocx } from '../helpers/docx.js';

interface PandocNode {
  t: string;
  c?: unknown;
}

let built: BuiltDocx[] = [];
let expected = new Map<string, DocumentModel>();
const pdfText = new Map<string, string>();
const pandoc = new Map<string, { blocks: PandocNode[] }>();
let convertLog = '';

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return r;
}

beforeAll(() => {
  const out = mkdtempSync(join(tmpdir(), 'docx-interop-'));
  built = buildDocx(sample, out, sampleId);
  expected = models(sample);
  const pdfDir = join(out, 'pdf');
  const profile = mkdtempSync(join(tmpdir(), 'docx-lo-profile-'));
  // One LibreOffice run converts every edition (starting it is the slow part).
  const lo = run('soffice', [
    `-env:UserInstallation=file://${profile}`,
    '--headless',
    '--convert-to',
    'pdf',
    '--outdir',
    pdfDir,
    ...built.map((b) => b.path),
  ]);
  convertLog = `${lo.status}\n${lo.stdout}\n${lo.stderr}`;
  for (const b of built) {
    const pdf = join(pdfDir, basename(b.path).replace(/\.docx$/, '.pdf'));
    if (existsSync(pdf)) pdfText.set(b.lang, run('pdftotext', ['-enc', 'UTF-8', pdf, '-']).stdout);
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
