import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { buildCache, cacheKey } from '@brief/build-cache';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSource } from './check.js';
import { renderFormat, type RenderJob } from './formats.js';
import { artifactInputHash } from './input-hash.js';

const example = fileURLToPath(new URL('../../../tests/fixtures/contract-example', import.meta.url));

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
});
