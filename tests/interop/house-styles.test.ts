/**
 * The sample in the policy-brief house style read by real readers:
 * LibreOffice converts the DOCX editions (US Letter pages, each chapter's
 * notes printed after its text and before the next chapter), Pandoc reads
 * the 62 notes back from the DOCX (numbered paragraphs with their anchors,
 * and the marks linking to them) and from the EPUB (notes), and EPUBCheck
 * finds nothing to report in the EPUB editions.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chapters, inlineText, type DocumentModel } from '@brief/document-model';
import { languageStyle, policyBriefTemplate as template } from '@brief/templates';
import { cli, models, normalize, sample, sampleId } from '../helpers/docx.js';
import { npmFontsEnv } from '../helpers/fontconfig.js';

interface PandocNode {
  t: string;
  c?: unknown;
}

const docxPaths = new Map<string, string>();
const epubPaths = new Map<string, string>();
const pdfText = new Map<string, string>();
const pdfInfo = new Map<string, string>();
const pandocDocx = new Map<string, { blocks: PandocNode[] }>();
let expected = new Map<string, DocumentModel>();
let convertLog = '';

function run(cmd: string, args: string[], timeout = 300_000, env?: NodeJS.ProcessEnv) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024, ...(env ? { env } : {}) });
  if (r.error) throw r.error;
  return r;
}

beforeAll(() => {
  const out = mkdtempSync(join(tmpdir(), 'house-styles-interop-'));
  const built = run(process.execPath, [cli, 'build', sample, '--out', out, '--format', 'docx,epub', '--template', 'policy-brief']);
  if (built.status !== 0) throw new Error(`brief build failed (${built.status}):\n${built.stderr}`);
  const dir = join(out, sampleId);
  for (const f of readdirSync(dir)) {
    const lang = f.split('.').slice(-2)[0]!;
    if (f.endsWith('.docx')) docxPaths.set(lang, join(dir, f));
    if (f.endsWith('.epub')) epubPaths.set(lang, join(dir, f));
  }
  expected = models(sample, template);
  const pdfDir = join(out, 'pdf');
  const profile = mkdtempSync(join(tmpdir(), 'house-styles-lo-'));
  const lo = run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', pdfDir, ...docxPaths.values()], 300_000, npmFontsEnv());
  convertLog = `${lo.status}\n${lo.stdout}\n${lo.stderr}`;
  for (const [lang, path] of docxPaths) {
    const pdf = join(pdfDir, basename(path).replace(/\.docx$/, '.pdf'));
    if (existsSync(pdf)) {
      pdfText.set(lang, run('pdftotext', ['-raw', '-enc', 'UTF-8', pdf, '-']).stdout);
      pdfInfo.set(lang, run('pdfinfo', [pdf]).stdout);
    }
    const p = run('pandoc', ['-f', 'docx', '-t', 'json', path]);
    if (p.status !== 0) throw new Error(`pandoc failed on ${path}: ${p.stderr}`);
    pandocDocx.set(lang, JSON.parse(p.stdout) as { blocks: PandocNode[] });
  }
});

function walk(value: unknown, visit: (node: PandocNode) => void): void {
  if (Array.isArray(value)) {
    for (const v of value) walk(v, visit);
    return;
  }
  if (value && typeof value === 'object') {
    if ('t' in value) visit(value as PandocNode);
    for (const v of Object.values(value)) walk(v, visit);
  }
}

function plain(value: unknown): string {
  let out = '';
  walk(value, (n) => {
    if (n.t === 'Str') out += n.c as string;
    else if (n.t === 'Space' || n.t === 'SoftBreak' || n.t === 'LineBreak') out += ' ';
  });
  return out;
}

/** The first words of a note as printed (its first paragraph), normalized. */
function noteStart(model: DocumentModel, number: number, length = 24): string {
  const first = model.notes.find((n) => n.number === number)?.children[0];
  return first?.kind === 'paragraph' ? normalize(inlineText(first.children)).slice(0, length) : '';
}

describe('LibreOffice and the policy-brief DOCX', () => {
  it('converts both editions to US Letter pages', () => {
    expect(docxPaths.size).toBeGreaterThanOrEqual(2);
    for (const lang of docxPaths.keys()) {
      expect(pdfText.has(lang), `${lang}: ${convertLog}`).toBe(true);
      expect(pdfInfo.get(lang)).toMatch(/Page size:\s+612 x 792 pts/);
    }
  });

  it('prints each chapter notes after its text, before the next chapter', () => {
    for (const [lang, raw] of pdfText) {
      const model = expected.get(lang)!;
      const ls = languageStyle(template, lang);
      const flat = normalize(raw);
      const parts = chapters(model).filter((c) => c.heading);
      let from = 0;
      parts.forEach((chapter, k) => {
        const h = chapter.heading!;
        const title = normalize(h.number + (ls.numbering.separator?.[0] ?? '') + inlineText(h.children));
        const at = flat.indexOf(title, from);
        expect(at, `${lang}: ${title}`).toBeGreaterThanOrEqual(0);
        const next = parts[k + 1]?.heading;
        const end = next ? flat.indexOf(normalize(next.number + (ls.numbering.separator?.[0] ?? '') + inlineText(next.children)), at) : flat.length;
        const text = flat.slice(at, end);
        if (chapter.notes.length > 0) expect(text, `${lang}: notes heading of ${title}`).toContain(normalize(ls.strings.notes));
        for (const note of chapter.notes) {
          const start = noteStart(model, note.number);
          if (start.length < 12) continue;
          expect(text, `${lang}: note ${note.number} in ${title}`).toContain(start);
        }
        from = at;
      });
    }
  });
});

describe('Pandoc and the policy-brief editions', () => {
  it('reads the 62 numbered notes and their marks back from the DOCX', () => {
    for (const [lang, ast] of pandocDocx) {
      const model = expected.get(lang)!;
      const anchors: string[] = [];
      const links: string[] = [];
      const paragraphOf = new Map<number, string>();
      walk(ast.blocks, (node) => {
        if (node.t === 'Para') {
          walk(node.c, (inner) => {
            if (inner.t !== 'Span') return;
            const id = (inner.c as [[string]])[0][0];
            const m = /^_Note(\d+)$/.exec(id);
            if (m) paragraphOf.set(Number(m[1]), normalize(plain(node.c)));
          });
        }
        if (node.t === 'Span') {
          const id = (node.c as [[string]])[0][0];
          if (/^_Note\d+$/.test(id)) anchors.push(id);
        }
        if (node.t === 'Link') {
          const [, inlines, [target]] = node.c as [unknown, unknown, [string]];
          if (/^#_Note\d+$/.test(target)) {
            links.push(target);
            expect(normalize(plain(inlines))).toBe(target.slice('#_Note'.length));
          }
        }
      });
      const numbers = Array.from({ length: 62 }, (_, i) => i + 1);
      expect(anchors, lang).toEqual(numbers.map((n) => `_Note${n}`));
      expect([...new Set(links)], lang).toEqual(numbers.map((n) => `#_Note${n}`));
      for (const n of numbers.filter((x) => x % 5 === 1)) {
        expect(paragraphOf.get(n), `${lang} note ${n}`).toContain(noteStart(model, n));
      }
    }
  });

  it('reads the 62 notes back from the EPUB', () => {
    for (const [lang, path] of epubPaths) {
      const r = run('pandoc', ['-f', 'epub', '-t', 'json', path]);
      expect(r.status, r.stderr).toBe(0);
      let notes = 0;
      walk(JSON.parse(r.stdout), (n) => {
        if (n.t === 'Note') notes++;
      });
      expect(notes, lang).toBe(62);
    }
  });
});

describe('EPUBCheck and the policy-brief EPUB', () => {
  it('reports no errors and no warnings', () => {
    expect(epubPaths.size).toBeGreaterThanOrEqual(2);
    for (const path of epubPaths.values()) {
      const r = run('java', ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-jar', '/usr/share/java/epubcheck.jar', path, '--json', '-']);
      const report = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))) as {
        messages: { ID: string; severity: string; message: string }[];
        checker: { nFatal: number; nError: number; nWarning: number };
      };
      const problems = report.messages.filter((m) => ['FATAL', 'ERROR', 'WARNING'].includes(m.severity)).map((m) => `${m.severity} ${m.ID} ${m.message}`);
      expect(problems, path).toEqual([]);
      expect([report.checker.nFatal, report.checker.nError, report.checker.nWarning], path).toEqual([0, 0, 0]);
    }
  });
});
