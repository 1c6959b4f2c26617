/**
 * `brief build` against an output folder in an odd state, and stopped by a
 * signal: the real command line. A file where the report's folder or its
 * lock folder goes, a folder where its manifest goes, an output folder no
 * folder can be made in: each is told in words naming the path, with exit
 * status 1, and nothing is written. A build stopped by SIGINT or SIGTERM
 * exits 130 or 143 and leaves no temporary file and no lock; the files it
 * finished are whole and match the manifest.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath } from '../helpers/corpus.js';

const id = 'out-state';
let work: string;
let src: string;

function brief(args: string[]): { status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [cliPath, ...args], { cwd: work, encoding: 'utf8', env: { ...process.env, BRIEF_DEBUG: '' } });
  return { status: r.status, stderr: r.stderr };
}

/** Every path under `dir`, relative to it. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'brief-out-'));
  src = join(work, 'src');
  mkdirSync(src);
  writeFileSync(join(src, 'brief.yaml'), `id: ${id}\nlanguages: [en]\ntitle:\n  en: Output folders\nauthors:\n  - name: { en: A. Author }\npublished: 2026-03-16\n`);
  writeFileSync(join(src, 'en.md'), `## Introduction\n\n${'A paragraph of the report, long enough to be set on a few lines. '.repeat(40)}\n\n### More\n\nThe end.\n`);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('an output folder in an odd state', () => {
  const cases: { name: string; make: (out: string) => void; path: string; says: string }[] = [
    { name: 'a file where the report’s folder goes', make: (out) => writeFileSync(join(out, id), 'x'), path: id, says: 'is a file, not a folder' },
    { name: 'a file where the lock folder goes', make: (out) => writeFileSync(join(out, `.${id}.lock`), 'x'), path: `.${id}.lock`, says: 'is a file, not a folder' },
    {
      name: 'a folder where the manifest goes',
      make: (out) => mkdirSync(join(out, id, 'manifest.json'), { recursive: true }),
      path: join(id, 'manifest.json'),
      says: 'is a folder, not a file',
    },
  ];
  for (const c of cases) {
    for (const force of [false, true]) {
      it(`${c.name}${force ? ' (--force)' : ''}: told with the path, exit 1, nothing written`, () => {
        const out = mkdtempSync(join(work, 'out-'));
        c.make(out);
        const before = tree(out);
        const r = brief(['build', src, '--out', out, '--format', 'docx', ...(force ? ['--force'] : [])]);
        expect(r.status, r.stderr).toBe(1);
        expect(r.stderr).toContain(`${join(out, c.path)} ${c.says}`);
        expect(r.stderr).toContain('build into another --out');
        expect(r.stderr).not.toMatch(/internal error|\n {4}at /);
        expect(r.stderr).not.toMatch(/^wrote /m);
        expect(tree(out)).toEqual(before);
      });
    }
  }

  it.runIf(existsSync('/proc/self'))('an output folder no folder can be made in: the failed operation and its path, exit 1', () => {
    const r = brief(['build', src, '--out', '/proc/self', '--format', 'docx']);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/cannot make the folder \/proc\/self\/\S+: no such file or folder/);
    expect(r.stderr).not.toMatch(/internal error|\n {4}at /);
  });
});

describe('a build stopped by a signal', () => {
  const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

  for (const [signal, status] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`${signal}: exit ${status}, no temporary file and no lock left, the finished files whole`, async () => {
      const out = mkdtempSync(join(work, 'sig-'));
      expect(brief(['build', src, '--out', out]).status).toBe(0);
      const names = readdirSync(join(out, id)).sort();
      // Rebuilt with --force; stopped once it holds its lock, while it renders.
      const child = spawn(process.execPath, [cliPath, 'build', src, '--out', out, '--force'], { cwd: work, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, BRIEF_DEBUG: '' } });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const lock = join(out, `.${id}.lock`);
      const poll = setInterval(() => {
        if (existsSync(lock)) {
          clearInterval(poll);
          child.kill(signal);
        }
      }, 5);
      const code = await exited;
      clearInterval(poll);
      expect(code, stderr).toBe(status);
      expect(stderr).toContain(`stopped by ${signal}`);
      expect(stderr).not.toMatch(/internal error|\n {4}at /);
      expect(readdirSync(out)).toEqual([id]);
      expect(readdirSync(join(out, id)).sort()).toEqual(names);
      const manifest = JSON.parse(readFileSync(join(out, id, 'manifest.json'), 'utf8')) as { artifacts: { file: string; sha256: string }[] };
      for (const a of manifest.artifacts) expect(sha(join(out, id, a.file)), a.file).toBe(a.sha256);
    }, 60_000);
  }
});
