/**
 * EPUB editions checked with outside tools: EPUBCheck (Java), Pandoc's EPUB
 * reader, and headless Chromium rendering one chapter and following a note
 * mark. EPUBCheck and Pandoc also read the sample rendered with hand-made
 * print pages (page-break markers, the page list in the navigation document
 * and the NCX, the print-source metadata).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildEpubs, readEpub, type BuiltEdition } from '../helpers/epub.js';
import { epubsWithPages } from '../helpers/print-pages.js';

const sources = [
  { dir: 'sources/trump-second-term-year-one', id: 'trump-second-term-year-one', notes: 62 },
  { dir: 'tests/fixtures/contract-example', id: 'sample-one', notes: 2 },
];

let out: string;
const editions: (BuiltEdition & { id: string; notes: number })[] = [];

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'epub-interop-'));
  for (const s of sources) for (const built of buildEpubs(s.dir, out, s.id)) editions.push({ ...built, id: s.id, notes: s.notes });
  const sample = sources[0]!;
  for (const paged of await epubsWithPages(sample.dir, out)) editions.push({ lang: paged.lang, path: paged.path, id: `${sample.id} with print pages`, notes: sample.notes });
});

function run(cmd: string, args: string[], timeout = 180_000) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return r;
}

interface EpubCheckReport {
  messages: { ID: string; severity: string; message: string; locations?: { path: string; line: number }[] }[];
  checker: { nFatal: number; nError: number; nWarning: number };
}

function countNotes(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + countNotes(v), 0);
  if (value && typeof value === 'object') {
    const node = value as Record<string, unknown>;
    return (node.t === 'Note' ? 1 : 0) + Object.values(node).reduce((n: number, v) => n + countNotes(v), 0);
  }
  return 0;
}

/** Unzip an edition into a directory (for a browser to open its files). */
function unpack(path: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'epub-unpacked-'));
  for (const [name, bytes] of Object.entries(readEpub(path).files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), bytes);
  }
  return dir;
}

function chromium(args: string[]) {
  const profile = mkdtempSync(join(tmpdir(), 'epub-chromium-'));
  return run('chromium', [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--hide-scrollbars',
    `--user-data-dir=${profile}`,
    ...args,
  ]);
}

describe('EPUB with outside tools', () => {
  it('EPUBCheck reports no errors and no warnings for every edition', () => {
    expect(editions.length).toBeGreaterThanOrEqual(3);
    for (const e of editions) {
      // JVM flags for a quicker start (client compiler, serial collector); the checks are the same.
      const r = run('java', ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-jar', '/usr/share/java/epubcheck.jar', e.path, '--json', '-']);
      const json = r.stdout.slice(r.stdout.indexOf('{'));
      const report = JSON.parse(json) as EpubCheckReport;
      const problems = report.messages
        .filter((m) => ['FATAL', 'ERROR', 'WARNING'].includes(m.severity))
        .map((m) => `${m.severity} ${m.ID} ${m.locations?.[0]?.path ?? ''}:${m.locations?.[0]?.line ?? ''} ${m.message}`);
      expect(problems, e.path).toEqual([]);
      expect([report.checker.nFatal, report.checker.nError, report.checker.nWarning], e.path).toEqual([0, 0, 0]);
      expect(r.status, e.path).toBe(0);
    }
  });

  it('the editions with print pages have their page list and every marker it names', () => {
    const paged = editions.filter((e) => e.id.endsWith('with print pages'));
    expect(paged.length).toBe(2);
    for (const e of paged) {
      const epub = readEpub(e.path);
      const nav = new TextDecoder().decode(epub.files[`${epub.root}nav.xhtml`]);
      const targets = [...nav.matchAll(/<li><a href="([^"#]+)#(page-[^"]+)">/g)];
      expect(targets.length, e.path).toBeGreaterThan(5);
      for (const [, file, id] of targets) {
        const xhtml = new TextDecoder().decode(epub.files[`${epub.root}${file}`]);
        expect(xhtml, `${e.path}: ${file}#${id}`).toMatch(new RegExp(`<span role="doc-pagebreak" epub:type="pagebreak" id="${id}" aria-label="[^"]+"`));
      }
    }
  });

  it('Pandoc reads every edition back with all its notes', () => {
    for (const e of editions) {
      const r = run('pandoc', ['-f', 'epub', '-t', 'json', e.path]);
      expect(r.status, r.stderr).toBe(0);
      expect(countNotes(JSON.parse(r.stdout)), e.path).toBe(e.notes);
    }
  });

  it('Chromium renders a chapter with a figure and finds the note of a mark', () => {
    const edition = editions.find((e) => e.id === 'trump-second-term-year-one')!;
    const dir = unpack(edition.path);
    const epub = readEpub(edition.path);
    const withFigure = epub.spine.find((d) => d.xhtml.includes('<img src="images/figure-'))!;
    expect(withFigure).toBeDefined();

    const shot = join(out, 'chapter.png');
    const r = chromium([`--screenshot=${shot}`, '--window-size=800,1400', `file://${join(dir, epub.root, withFigure.href)}`]);
    expect(r.status, r.stderr).toBe(0);
    const png = readFileSync(shot);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(800);
    expect(png.length).toBeGreaterThan(20_000);

    // The DOM Chromium builds from the chapter holds the target of its first mark.
    const first = epub.spine.find((d) => d.xhtml.includes('epub:type="noteref"'))!;
    const dom = chromium(['--dump-dom', `file://${join(dir, epub.root, first.href)}`]);
    expect(dom.status, dom.stderr).toBe(0);
    const mark = /<a [^>]*epub:type="noteref"[^>]*href="([^"]*)"/.exec(dom.stdout);
    expect(mark).not.toBeNull();
    const [file, id] = mark![1]!.split('#');
    expect(file).toBe('');
    expect(dom.stdout).toMatch(new RegExp(`<aside [^>]*id="${id}"`));
    const back = new RegExp(`<aside [^>]*id="${id}"[^>]*>[\\s\\S]*?role="doc-backlink" href="#([^"]+)"`).exec(dom.stdout);
    expect(dom.stdout).toContain(`id="${back![1]}"`);
  });
});
