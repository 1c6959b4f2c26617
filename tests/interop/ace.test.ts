/**
 * DAISY Ace (the accessibility checker of EPUB Accessibility 1.1, axe-core
 * in a browser plus the EPUB checks) on the EPUB editions: the sample in
 * both languages and the contract example as the CLI builds them, and the
 * sample with hand-made print pages (page-break markers and a page list).
 * Every edition must have no violation at all, of any impact.
 *
 * Ace runs headless Chromium through Puppeteer, which downloads no browser
 * here: the system's Chromium is used (PUPPETEER_EXECUTABLE_PATH, by
 * default /usr/bin/chromium).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildEpubs } from '../helpers/epub.js';
import { epubsWithPages } from '../helpers/print-pages.js';

const ace = join(process.cwd(), 'node_modules/.bin/ace-cli');
const chromium = process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium';

const sources = [
  { dir: 'sources/trump-second-term-year-one', id: 'trump-second-term-year-one' },
  { dir: 'tests/fixtures/contract-example', id: 'sample-one' },
];

interface AceReport {
  'earl:result': { 'earl:outcome': string };
  assertions: { 'earl:testSubject': { url: string }; assertions: { 'earl:test': { 'dct:title': string; 'earl:impact': string }; 'earl:result': { 'earl:outcome': string; html?: string } }[] }[];
  'a11y-metadata': { present: string[] };
}

let out: string;
const editions: { name: string; path: string }[] = [];

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'ace-'));
  for (const s of sources) for (const built of buildEpubs(s.dir, out, s.id)) editions.push({ name: `${s.id}.${built.lang}`, path: built.path });
  for (const paged of await epubsWithPages(sources[0]!.dir, out)) editions.push({ name: `${sources[0]!.id}.${paged.lang} with print pages`, path: paged.path });
});

function runAce(path: string, name: string): AceReport {
  const report = join(out, `ace-${name.replace(/[^a-z0-9.-]+/gi, '_')}`);
  const r = spawnSync(ace, ['--force', '--silent', '--outdir', report, path], {
    encoding: 'utf8',
    timeout: 300_000,
    env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: chromium },
  });
  if (r.error) throw r.error;
  expect(r.status, `${name}: ace exited ${r.status}\n${r.stderr}`).toBe(0);
  return JSON.parse(readFileSync(join(report, 'report.json'), 'utf8')) as AceReport;
}

describe('DAISY Ace', () => {
  it('is installed and finds Chromium', () => {
    expect(existsSync(ace)).toBe(true);
    expect(existsSync(chromium)).toBe(true);
  });

  it('reports no violation in any edition', { timeout: 900_000 }, () => {
    expect(editions.length).toBe(6);
    for (const { name, path } of editions) {
      const report = runAce(path, name);
      const violations = report.assertions.flatMap((doc) =>
        doc.assertions
          .filter((a) => a['earl:result']['earl:outcome'] !== 'pass')
          .map((a) => `${doc['earl:testSubject'].url}: ${a['earl:test']['dct:title']} (${a['earl:test']['earl:impact']}) ${a['earl:result'].html ?? ''}`),
      );
      expect(violations, name).toEqual([]);
      expect(report['earl:result']['earl:outcome'], name).toBe('pass');
      expect(report['a11y-metadata'].present, name).toEqual(
        expect.arrayContaining(['schema:accessMode', 'schema:accessModeSufficient', 'schema:accessibilityFeature', 'schema:accessibilityHazard', 'schema:accessibilitySummary', 'dcterms:conformsTo']),
      );
    }
  });
});
