/**
 * EPUBCheck on a small sample of generated sources (tests/helpers/gen-source.ts):
 * the first accepted sources of a fixed seed (FC_SEED overrides it) are
 * rendered to EPUB in-process and every file must pass EPUBCheck with no
 * error or fatal message.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSource } from '@brief/build-orchestrator/check';
import { renderEpub } from '@brief/to-epub';
import { sourceArb, writeGenerated } from '../helpers/gen-source.js';

const jar = '/usr/share/java/epubcheck.jar';
const seed = Number(process.env.FC_SEED ?? 20260316);
const sampleSize = Number(process.env.FC_EPUBCHECK ?? 8);
const root = mkdtempSync(join(tmpdir(), 'brief-prop-epubcheck-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe.skipIf(!existsSync(jar))('EPUBCheck on generated sources', () => {
  it(`${sampleSize} accepted generated sources give EPUBs without errors`, async () => {
    const files: string[] = [];
    for (const source of fc.sample(sourceArb(), { seed, numRuns: 400 })) {
      if (files.length >= sampleSize) break;
      const dir = writeGenerated(source, root);
      const { read, template, diagnostics } = checkSource(dir);
      if (diagnostics.some((d) => d.severity === 'error')) continue;
      for (const doc of read.editions) {
        const file = join(dir, `${doc.meta.lang}.epub`);
        writeFileSync(file, await renderEpub(doc, template));
        files.push(file);
      }
    }
    expect(files.length).toBeGreaterThanOrEqual(Math.min(sampleSize, 4));
    for (const file of files) {
      const run = spawnSync('java', ['-jar', jar, '-q', file], { encoding: 'utf8', timeout: 300_000 });
      const problems = `${run.stdout}\n${run.stderr}`.split('\n').filter((l) => /^(ERROR|FATAL)/.test(l));
      expect(problems, file).toEqual([]);
      expect(run.status, `${file}\n${run.stdout}\n${run.stderr}`).toBe(0);
    }
  }, 900_000);
});
