/**
 * Both built-in house styles build the sample and the contract example in
 * every format and language; the policy-brief PDF is US Letter with notes
 * gathered at the end of each chapter (the report style's A4 pages are
 * checked in pdf.test.ts, on the sample built in that style).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = join(process.cwd(), 'packages/cli/bin/brief.js');

function build(source: string, template: string, format: string, lang?: string): string {
  const out = mkdtempSync(join(tmpdir(), `styles-${template}-`));
  const r = spawnSync(process.execPath, [cli, 'build', source, '--out', out, '--template', template, '--format', format, ...(lang ? ['--lang', lang] : [])], {
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
  });
  expect(r.stderr).not.toMatch(/error|failed/);
  expect(r.status).toBe(0);
  return out;
}

/** Page size and text of every page, from pdf.js in a child process. */
function pdfPages(path: string): { width: number; height: number; text: string }[] {
  const r = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { readFileSync } from 'node:fs';
       const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
       const doc = await getDocument({ data: new Uint8Array(readFileSync(process.argv[1])) }).promise;
       const pages = [];
       for (let i = 1; i <= doc.numPages; i++) {
         const page = await doc.getPage(i);
         const [, , width, height] = page.view;
         const text = (await page.getTextContent()).items.map((x) => x.str).join('');
         pages.push({ width, height, text });
       }
       console.log(JSON.stringify(pages));`,
      path,
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(r.stdout) as { width: number; height: number; text: string }[];
}

describe('built-in house styles', () => {
  it('sets the sample in the policy-brief style: Letter pages, notes after each chapter', () => {
    const out = build('sources/trump-second-term-year-one', 'policy-brief', 'pdf');
    for (const lang of ['ja', 'en']) {
      const pages = pdfPages(join(out, 'trump-second-term-year-one', `trump-second-term-year-one.${lang}.pdf`));
      expect(Math.round(pages[0]!.width)).toBe(612);
      expect(Math.round(pages[0]!.height)).toBe(792);
      const all = pages.map((p) => p.text).join('\n');
      // The notes heading of the style appears once per chapter (7 chapters).
      const heading = lang === 'ja' ? '注' : 'Notes';
      const headings = pages.flatMap((p) => p.text.split(heading).length - 1).reduce((a, b) => a + b, 0);
      expect(headings).toBeGreaterThanOrEqual(7);
      expect(all).toMatch(lang === 'ja' ? /第\s*1\s*章/ : /I\.\s*Introduction/);
    }
  });

  it('builds the contract example in both styles, every format and language', () => {
    for (const template of ['report', 'policy-brief']) {
      const out = build('tests/fixtures/contract-example', template, 'pdf,docx,epub');
      const manifest = JSON.parse(readFileSync(join(out, 'sample-one', 'manifest.json'), 'utf8')) as { artifacts: unknown[] };
      expect(manifest.artifacts).toHaveLength(6);
    }
  });
});
