/**
 * Isolation: a build reaches no network and reads no file outside the
 * source directory, the output directory and the installed packages (code
 * and fonts); symbolic links out of the source are refused before the file
 * they point to is read; raw HTML never reaches an output and HTML-looking
 * text is escaped; no EPUB holds a script.
 *
 * The CLI runs with tests/helpers/isolation-trap.cjs preloaded, which logs
 * every file opened through node:fs and refuses any network access. Each
 * build makes one artifact, so it renders in the main thread where the trap
 * sees everything.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { spawn } from 'node:child_process';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, parseDiagnostics, repoRoot, unsafeTags } from '../helpers/corpus.js';

const trap = join(repoRoot, 'tests/helpers/isolation-trap.cjs');
let work: string;

beforeAll(() => {
  work = realpathSync(mkdtempSync(join(tmpdir(), 'brief-isolation-')));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function trapped(args: string[], name: string, env: Record<string, string> = {}): Promise<{ code: number | null; stderr: string; reads: string[]; net: string[] }> {
  const log = join(work, `${name}.log`);
  writeFileSync(log, '');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', trap, cliPath, ...args], {
      cwd: repoRoot,
      // Two rendering slots: the trap holds in the worker thread too.
      env: { ...process.env, BRIEF_TRAP_LOG: log, BRIEF_DEBUG: '', BRIEF_JOBS: '2', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
      resolve({
        code,
        stderr,
        reads: lines.filter((l) => l.startsWith('read ')).map((l) => l.slice(5)),
        net: lines.filter((l) => l.startsWith('net ')),
      });
    });
  });
}

const inside = (dir: string, path: string) => path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);

describe('a build reads only its source, its output and the installed packages, and reaches no network', () => {
  it.each(['pdf', 'docx', 'epub'])(
    '%s',
    async (format) => {
      const src = join(work, `sample-${format}`);
      cpSync(join(repoRoot, 'sources/trump-second-term-year-one'), src, { recursive: true });
      const out = join(work, `out-${format}`);
      // Rendered, not taken from the build cache: the writers' reads are what is watched.
      const run = await trapped(['build', src, '--out', out, '--lang', 'ja', '--format', format, '--force'], `build-${format}`);
      expect(run.code, run.stderr).toBe(0);
      expect(run.net).toEqual([]);
      const allowed = [src, out, join(repoRoot, 'packages'), join(repoRoot, 'node_modules')].map((d) => realpathSync(d));
      const outside = [...new Set(run.reads)].filter((p) => {
        let real = p;
        try {
          real = realpathSync(p);
        } catch {
          /* a file that was not there */
        }
        return !allowed.some((d) => inside(d, real));
      });
      expect(outside).toEqual([]);
      // The source was really read through the trap.
      expect(run.reads.some((p) => p.endsWith(`${sep}ja.md`))).toBe(true);
    },
    300_000,
  );
});

describe('symbolic links out of the source are refused before anything is read', () => {
  it('a linked body, a linked references file and a linked image', async () => {
    const secret = join(work, 'secret');
    cpSync(join(repoRoot, 'tests/corpus/bom-accepted'), secret, { recursive: true });
    writeFileSync(join(secret, 'ja.md'), '秘密の本文。\n');
    writeFileSync(join(secret, 'x.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    const src = join(work, 'linked');
    cpSync(join(repoRoot, 'tests/fixtures/contract-example'), src, { recursive: true });
    unlinkSync(join(src, 'ja.md'));
    symlinkSync(join(secret, 'ja.md'), join(src, 'ja.md'));
    writeFileSync(join(src, 'en.md'), `${readFileSync(join(repoRoot, 'tests/fixtures/contract-example/en.md'), 'utf8')}\n:::figure{#fig-linked}\nLinked\n\n![a picture](figures/x.svg)\n:::\n`);
    mkdirSync(join(src, 'figures'), { recursive: true });
    symlinkSync(join(secret, 'x.svg'), join(src, 'figures/x.svg'));
    cpSync(join(src, 'references.yaml'), join(secret, 'references.yaml'));
    unlinkSync(join(src, 'references.yaml'));
    symlinkSync(join(secret, 'references.yaml'), join(src, 'references.yaml'));
    const out = join(work, 'out-linked');
    // Without the build cache and with it (its key hashes the source's files before they are read).
    const envs: Record<string, string>[] = [{}, { BRIEF_CACHE: 'on', BRIEF_CACHE_DIR: join(work, 'linked-cache') }];
    for (const env of envs) {
      const run = await trapped(['build', src, '--out', out, '--format', 'epub'], 'linked', env);
      expect(run.code).toBe(1);
      const rules = parseDiagnostics(run.stderr).map((d) => d.rule);
      expect(rules).toContain('file-outside-source');
      expect(rules).toContain('image-outside-source');
      expect(
        parseDiagnostics(run.stderr)
          .filter((d) => d.rule === 'file-outside-source')
          .map((d) => d.file.split('/').pop()),
      ).toEqual(['ja.md', 'references.yaml']);
      expect(run.reads.filter((p) => inside(secret, p) || (existsSync(p) && inside(secret, realpathSync(p))))).toEqual([]);
      expect(run.stderr).not.toContain('\n    at ');
    }
  }, 120_000);
});

describe('HTML in a source never reaches an output', () => {
  it('raw HTML is an error; escaped HTML-looking text is printed as text', async () => {
    const src = join(work, 'html');
    cpSync(join(repoRoot, 'tests/corpus/bom-accepted'), src, { recursive: true });
    writeFileSync(join(src, 'ja.md'), '本文に &lt;script&gt;alert(1)&lt;/script&gt; と \\<img src=x onerror=alert(1)> という文字列。\n');
    const outHtml = join(work, 'out-html');
    const built = await trapped(['build', src, '--out', outHtml, '--format', 'epub,docx'], 'html');
    expect(built.code, built.stderr).toBe(0);
    for (const format of ['epub', 'docx']) {
      const files = unzipSync(readFileSync(join(outHtml, 'corpus-case', `corpus-case.ja.${format}`)));
      const texts = Object.entries(files)
        .filter(([name]) => /\.(xhtml|xml|opf|ncx|svg|css)$/.test(name))
        .map(([name, bytes]) => [name, new TextDecoder().decode(bytes)] as const);
      const all = texts.map(([, t]) => t).join('\n');
      // The text as a reader gets it (English words in a Japanese edition sit in language spans).
      const read = all.replace(/<\/?span\b[^>]*>/g, '');
      expect(read).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(read).toContain('&lt;img src=x onerror=alert(1)&gt;');
      for (const [name, text] of texts) {
        expect(text, name).not.toMatch(/<script\b/i);
        expect(text, name).not.toMatch(/<img\b[^>]*\sonerror/i);
      }
    }
    const broken = join(work, 'html-raw');
    cpSync(join(repoRoot, 'tests/corpus/raw-html-script'), broken, { recursive: true });
    const out = join(work, 'out-html-raw');
    const run = await trapped(['build', broken, '--out', out, '--format', 'epub'], 'html-raw');
    expect(run.code).toBe(1);
    expect(parseDiagnostics(run.stderr).filter((d) => d.rule === 'raw-html').length).toBe(2);
  }, 120_000);

  it('the sample EPUB holds no script and no event handler', async () => {
    const out = join(work, 'out-sample-epub');
    const run = await trapped(['build', 'sources/trump-second-term-year-one', '--out', out, '--format', 'epub'], 'sample-epub');
    expect(run.code, run.stderr).toBe(0);
    for (const lang of ['ja', 'en']) {
      const files = unzipSync(readFileSync(join(out, 'trump-second-term-year-one', `trump-second-term-year-one.${lang}.epub`)));
      for (const [name, bytes] of Object.entries(files)) {
        expect(name).not.toMatch(/\.js$/);
        if (!/\.(xhtml|svg|opf)$/.test(name)) continue;
        const text = new TextDecoder().decode(bytes);
        expect(text, name).not.toMatch(/<script\b|scripted/i);
        expect(unsafeTags(text), name).toEqual([]);
      }
    }
  }, 300_000);
});
