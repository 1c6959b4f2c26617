import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { buildCache, cacheKey, writeDeferred } from '@brief/build-cache';
import { holdsSubsetter, workingIdeographs } from '@brief/fonts';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { checkSource } from './check.js';
import { editionText, renderFormat, workingSetOf, type RenderJob } from './formats.js';
import { artifactInputHash } from './input-hash.js';

const example = fileURLToPath(new URL('../../../tests/fixtures/contract-example', import.meta.url));
const sample = fileURLToPath(new URL('../../../sources/trump-second-term-year-one', import.meta.url));

/** The labels of the EPUB's page list. */
function pageList(epub: Uint8Array): string[] {
  const files = unzipSync(epub);
  const nav = Object.entries(files).find(([name]) => name.endsWith('nav.xhtml'));
  const list = /<nav[^>]*epub:type="page-list"[^>]*>([\s\S]*?)<\/nav>/.exec(strFromU8(nav![1]))?.[1] ?? '';
  return [...list.matchAll(/<a [^>]*>([^<]*)<\/a>/g)].map((m) => m[1]!);
}

describe('printed pages for the e-book', () => {
  let job: Omit<RenderJob, 'format'>;
  beforeAll(() => {
    // This file's own cache (each test file runs in a fresh module graph).
    process.env.BRIEF_CACHE = 'on';
    process.env.BRIEF_CACHE_DIR = mkdtempSync(join(tmpdir(), 'brief-cache-'));
    const { read, template } = checkSource(example, { languages: ['en'] });
    const doc = read.editions[0]!;
    job = { doc, template, printKey: artifactInputHash(doc, template, 'pdf') };
  });

  it('are laid out by the PDF job and read by the EPUB job, with the same e-book as without them', async () => {
    const alone = await renderFormat({ ...job, format: 'epub', printKey: undefined });
    await renderFormat({ ...job, format: 'pdf' });
    const after = await renderFormat({ ...job, format: 'epub' });
    expect(pageList(alone).length).toBeGreaterThan(0);
    expect(Buffer.from(after).equals(Buffer.from(alone))).toBe(true);
  }, 60_000);

  it('leave no font subsetter behind: an e-book job cuts its faces, and lets the subsetter go when it ends', async () => {
    // A title of its own: the faces embedded are cut for it, not taken from the cache.
    await renderFormat({ ...job, format: 'epub', printKey: undefined, doc: { ...job.doc, meta: { ...job.doc.meta, title: `${job.doc.meta.title} (subset)` } } });
    expect(holdsSubsetter()).toBe(false);
  }, 60_000);

  it('come from the cache when it holds them, and are laid out again when what it holds is not a page list', async () => {
    const key = cacheKey('print-pages', job.printKey!);
    const alone = await renderFormat({ ...job, format: 'epub', printKey: undefined });
    buildCache()!.put(
      key,
      Buffer.from(
        JSON.stringify([
          { label: '101', block: -1, offset: 0 },
          { label: '102', block: 0, offset: 0 },
        ]),
      ),
    );
    expect(pageList(await renderFormat({ ...job, format: 'epub' }))).toEqual(['101', '102']);
    buildCache()!.put(key, Buffer.from('[{"label": 1}]'));
    expect(pageList(await renderFormat({ ...job, format: 'epub' }))).toEqual(pageList(alone));
  }, 60_000);

  it('laid out by an EPUB job beside its PDF job leave the composed paragraphs for the PDF job to keep', async () => {
    const cache = buildCache()!;
    // An edition of its own (its paragraphs are kept under its id), whose fonts and cover a first job keeps.
    const edition = { ...job, doc: { ...job.doc, meta: { ...job.doc.meta, id: 'kept-beside' } } };
    await renderFormat({ ...edition, format: 'epub', printKey: 'first', pdfAlongside: true });
    const put = vi.spyOn(cache, 'put');
    await renderFormat({ ...edition, format: 'epub', printKey: 'beside', pdfAlongside: true });
    expect(put.mock.calls.map(([key]) => key)).toEqual([cacheKey('print-pages', 'beside')]);
    put.mockClear();
    await renderFormat({ ...edition, format: 'epub', printKey: 'alone' });
    // The composed paragraphs are kept after the job's answer.
    expect(put.mock.calls.map(([key]) => key)).toEqual([cacheKey('print-pages', 'alone')]);
    writeDeferred();
    expect(put.mock.calls.map(([key]) => key)).toHaveLength(2);
    expect(put.mock.calls.map(([key]) => key)).toContain(cacheKey('print-pages', 'alone'));
    put.mockRestore();
  }, 60_000);
});

describe('working faces', () => {
  it("hold every character an edition can set: its model's, its template's and its pictures'", () => {
    const { read, template } = checkSource(sample, { languages: ['ja'] });
    const text = editionText(read.editions[0]!, template);
    expect(text).toContain('原則：加盟国間では最恵国待遇'); // in figure 1's SVG only
    expect(text).toContain(template.strings.ja!.contents);
  });

  it('are cut to the ideographs of all the editions together, each edition written out once', () => {
    const { read, template } = checkSource(sample);
    const all = workingIdeographs(read.editions.map((doc) => editionText(doc, template)).join('\n'));
    expect(all.length).toBeGreaterThan(100);
    expect(workingSetOf(read.editions, template)).toBe(all);
    // Again, from what each model gave the first time.
    expect(workingSetOf(read.editions, template)).toBe(all);
    expect(workingSetOf(read.editions.slice(1), template)).toBe(workingIdeographs(editionText(read.editions[1]!, template)));
  });

  it('set the Japanese edition as the whole faces do: the same Word document, the same text at the same places in the PDF', async () => {
    const { read, template } = checkSource(example, { languages: ['ja'] });
    const doc = read.editions[0]!;
    const [{ renderPdf }, { renderDocx }] = await Promise.all([import('@brief/to-pdf'), import('@brief/to-docx')]);
    const docx = await renderFormat({ format: 'docx', doc, template });
    expect(Buffer.from(docx).equals(Buffer.from(await renderDocx(doc, template)))).toBe(true);
    const placed = async (bytes: Uint8Array) => {
      const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
      const pages: string[] = [];
      for (let n = 1; n <= pdf.numPages; n++) {
        const items = (await (await pdf.getPage(n)).getTextContent()).items as { str?: string; transform?: number[]; width?: number }[];
        pages.push(items.map((i) => `${i.str} ${i.transform?.map((v) => v.toFixed(3)).join(',')} ${i.width?.toFixed(3)}`).join('\n'));
      }
      return pages;
    };
    const working = await placed(await renderFormat({ format: 'pdf', doc, template }));
    expect(working.join('')).toMatch(/[\u4e00-\u9fff]/);
    expect(working).toEqual(await placed(await renderPdf(doc, template)));
  }, 60_000);
});
