/**
 * The corpus of broken sources (tests/corpus): reading cases.json, making
 * the cases that are generated at test time (large or machine-specific
 * inputs are never committed), and running the real CLI on them.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const corpusDir = join(repoRoot, 'tests/corpus');
export const cliPath = join(repoRoot, 'packages/cli/bin/brief.js');

export interface CorpusCase {
  name: string;
  /** Expected exit status of `brief check`. */
  exit: 0 | 1;
  /** Diagnostics that must be reported: rule id and `file:line:column` (or a prefix of it) relative to the case folder. */
  expect: { rule: string; at: string }[];
  /** Made at test time by the generator of this name. */
  generate?: string;
  /** A valid case that is also built (and must build deterministically). */
  build?: boolean;
  /** CPU time (s) and peak memory (MB) the check must stay within; defaults in corpus.test.ts. */
  maxCpuSeconds?: number;
  maxMB?: number;
}

export function loadCases(): CorpusCase[] {
  return (JSON.parse(readFileSync(join(corpusDir, 'cases.json'), 'utf8')) as { cases: CorpusCase[] }).cases;
}

const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100"><rect x="10" y="10" width="180" height="80" fill="#36c"/></svg>\n';
const figure = (path: string) => `本文。\n\n:::figure{#fig-a source="筆者作成"}\n図の題\n\n![図の説明](${path})\n:::\n`;

/** Make the files of a generated case inside `dir` (which holds the committed brief.yaml). */
export function generateCase(kind: string, dir: string, scratch: string): void {
  const write = (name: string, data: string | Uint8Array) => {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), data);
  };
  switch (kind) {
    case 'paragraph-1mb': {
      // One paragraph of 1,000,000 bytes of Japanese prose (3 bytes a character).
      const sentence = '日米両政府は関税と投資について協議を重ねた。';
      write('ja.md', `${sentence.repeat(Math.floor(999_999 / Buffer.byteLength(sentence)))}\n`);
      return;
    }
    case 'notes-10000': {
      const refs: string[] = [];
      const defs: string[] = [];
      for (let i = 1; i <= 10_000; i++) {
        refs.push(`本文${i}[^n${i}]。`);
        defs.push(`[^n${i}]: 注${i}。`);
      }
      const paras: string[] = [];
      for (let i = 0; i < refs.length; i += 10) paras.push(refs.slice(i, i + 10).join(''));
      write('ja.md', `${paras.join('\n\n')}\n\n${defs.join('\n\n')}\n`);
      return;
    }
    case 'body-too-large':
      write('ja.md', `${'あ'.repeat(400_000)}\n`);
      return;
    case 'list-500': {
      const lines = ['本文。', ''];
      for (let i = 0; i < 500; i++) lines.push(`${'  '.repeat(i)}- 項目${i}`);
      write('ja.md', `${lines.join('\n')}\n`);
      return;
    }
    case 'image-50mb': {
      write('ja.md', figure('figures/a.png'));
      // A PNG signature and header, then 50 MB of zeros (sparse: fast to make).
      const head = Buffer.from('89504e470d0a1a0a0000000d4948445200000064000000640802000000', 'hex');
      const big = Buffer.alloc(50 * 1024 * 1024);
      head.copy(big);
      write('figures/a.png', big);
      return;
    }
    case 'image-symlink-outside': {
      write('ja.md', figure('figures/a.svg'));
      const outside = join(scratch, 'outside.svg');
      writeFileSync(outside, svg);
      mkdirSync(join(dir, 'figures'), { recursive: true });
      symlinkSync(outside, join(dir, 'figures/a.svg'));
      return;
    }
    case 'body-symlink-outside': {
      const outside = join(scratch, 'outside.md');
      writeFileSync(outside, '本文です。\n');
      symlinkSync(outside, join(dir, 'ja.md'));
      return;
    }
    case 'yaml-deep-flow-unclosed':
      writeFileSync(join(dir, 'brief.yaml'), `${readFileSync(join(dir, 'brief.yaml'), 'utf8')}x: ${'['.repeat(20_000)}\n`);
      write('ja.md', '本文。\n');
      return;
    case 'yaml-deep-flow':
      writeFileSync(join(dir, 'brief.yaml'), `${readFileSync(join(dir, 'brief.yaml'), 'utf8')}x: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`);
      write('ja.md', '本文。\n');
      return;
    case 'references-symlink-outside': {
      write('ja.md', '本文[@nikkei]。\n');
      const outside = join(scratch, 'references.yaml');
      writeFileSync(outside, 'references:\n  - id: nikkei\n    type: article-newspaper\n    container-title: 日本経済新聞\n    issued: 2025-01-29\n');
      symlinkSync(outside, join(dir, 'references.yaml'));
      return;
    }
    case 'references-too-large': {
      write('ja.md', '本文[@r0]。\n');
      const items: string[] = ['references:'];
      let size = 0;
      for (let i = 0; size < 1_100_000; i++) {
        const item = `  - id: r${i}\n    type: book\n    title: 本${i}\n    publisher: 出版社\n    issued: 2024`;
        items.push(item);
        size += Buffer.byteLength(item) + 1;
      }
      write('references.yaml', `${items.join('\n')}\n`);
      return;
    }
    // Long runs that made pattern matching quadratic (each would take hours).
    case 'long-space-run':
      write('ja.md', `本文${' '.repeat(900_000)}です。\n`);
      return;
    case 'long-citation-run':
      write('ja.md', `本文[${'@'.repeat(900_000)}\n`);
      return;
    case 'heading-space-run':
      write('ja.md', `## 見出し${' '.repeat(900_000)}終わり\n\n本文。\n`);
      return;
    default:
      throw new Error(`unknown generator ${kind}`);
  }
}

/** The folder to run a case on: the committed folder, or a temporary copy completed by its generator. */
export function caseDir(c: CorpusCase): string {
  const committed = join(corpusDir, c.name);
  if (!c.generate) return committed;
  const scratch = mkdtempSync(join(tmpdir(), `brief-corpus-${c.name}-`));
  const dir = join(scratch, c.name);
  cpSync(committed, dir, { recursive: true });
  generateCase(c.generate, dir, scratch);
  return dir;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall time from spawn to exit as seen by this process (for reports, never for assertions). */
  seconds: number;
  /** CPU time (user + system) of the child, s (from /usr/bin/time, else undefined). */
  cpuSeconds?: number;
  /** Peak resident memory of the child, MB (from /usr/bin/time, else undefined). */
  peakMB?: number;
}

const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/**
 * Run the CLI in a child process, measuring its CPU time and peak RSS with
 * /usr/bin/time. Wall time is recorded too, but it counts whatever else the
 * machine (and this process's event loop) is doing, so tests bound work by
 * CPU time only.
 */
export function runCli(args: string[], options: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  const started = process.hrtime.bigint();
  const stats = timeBin ? join(mkdtempSync(join(tmpdir(), 'brief-time-')), 'time.txt') : undefined;
  const [cmd, argv] = timeBin && stats ? [timeBin, ['-o', stats, '-f', '%e %U %S %M', process.execPath, cliPath, ...args]] : [process.execPath, [cliPath, ...args]];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, argv, { cwd: options.cwd ?? repoRoot, env: { ...process.env, BRIEF_DEBUG: '', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      let measured: { cpuSeconds: number; peakMB: number } | undefined;
      if (stats && existsSync(stats)) {
        // The last line; earlier lines say how the child ended if it was killed.
        const m = /([\d.]+) ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(readFileSync(stats, 'utf8'));
        if (m) measured = { cpuSeconds: Number(m[2]) + Number(m[3]), peakMB: Number(m[4]) / 1024 };
      }
      if (stats) rmSync(dirname(stats), { recursive: true, force: true });
      resolvePromise({ code, stdout, stderr, seconds, ...measured });
    });
  });
}

/** Parse `path:line:column: severity: message [rule]` lines. */
export function parseDiagnostics(stderr: string): { file: string; line: number; column: number; severity: string; rule: string; text: string }[] {
  const out = [];
  for (const text of stderr.split('\n')) {
    const m = /^(.*?):(\d+):(\d+): (error|warning): .* \[([a-z0-9-]+)\]$/.exec(text);
    if (m) out.push({ file: m[1]!, line: Number(m[2]), column: Number(m[3]), severity: m[4]!, rule: m[5]!, text });
  }
  return out;
}

/** Tags that could run code: script elements, event handler attributes, javascript: links. */
export function unsafeTags(xml: string): string[] {
  const unsafe: string[] = [];
  for (const [tag, name, attrs] of xml.matchAll(/<([A-Za-z][\w:.-]*)((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/g)) {
    if (/^script$/i.test(name!)) unsafe.push(tag);
    for (const [, attr, value] of attrs!.matchAll(/\s+([^\s=>/]+)\s*=\s*("[^"]*"|'[^']*')/g)) {
      if (/^on/i.test(attr!) || (/(?:^|:)(?:href|src)$/i.test(attr!) && /^["']\s*javascript:/i.test(value!))) unsafe.push(tag);
    }
  }
  return unsafe;
}
