/**
 * No lost output: builds of a small two-language source are killed with
 * SIGKILL at moments spread over a build's whole duration. After every kill
 * each artifact in output/<id>/ must be byte-identical to the previous
 * version's or to the new version's reference build (never partial), and
 * manifest.json must be one of the two complete manifests; the next build
 * must finish and leave exactly the new reference outputs with no
 * temporaries. Two concurrent builds of one report must end with a
 * manifest that matches the files. Uses the real CLI in child processes.
 *
 * DOCX is used because it is the quickest format to build (an EPUB lays
 * out the printed pages for its page list).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, repoRoot, runCli } from '../helpers/corpus.js';

const trials = Number(process.env.BRIEF_KILL_TRIALS ?? 4);
const id = 'sample-one';
// Rendered every time (not taken from the build cache), so kills land in rendering as well as in writing.
const args = (src: string, out: string) => ['build', src, '--out', out, '--format', 'docx', '--force'];
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

let work: string;
let src: string;
const versions: { ja: string; en: string; files: Map<string, string>; manifest: string }[] = [];
let buildMs = 1000;

function useVersion(v: number): void {
  writeFileSync(join(src, 'ja.md'), versions[v]!.ja);
  writeFileSync(join(src, 'en.md'), versions[v]!.en);
}

/** Every file of output/<id>/ except temporaries, with its sha256. */
function snapshot(out: string): Map<string, string> {
  const dir = join(out, id);
  const files = new Map<string, string>();
  if (!existsSync(dir)) return files;
  for (const name of readdirSync(dir)) if (!name.endsWith('.tmp')) files.set(name, sha(join(dir, name)));
  return files;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'brief-kill-'));
  src = join(work, 'src');
  cpSync(join(repoRoot, 'tests/fixtures/contract-example'), src, { recursive: true });
  const ja = readFileSync(join(src, 'ja.md'), 'utf8');
  const en = readFileSync(join(src, 'en.md'), 'utf8');
  // The second version adds a closing paragraph to both editions.
  const texts = [
    { ja, en },
    { ja: `${ja}\n版を改めて書き足した段落。\n`, en: `${en}\nA paragraph added in the new version.\n` },
  ];
  for (const [v, text] of texts.entries()) {
    const out = join(work, `ref-${v}`);
    writeFileSync(join(src, 'ja.md'), text.ja);
    writeFileSync(join(src, 'en.md'), text.en);
    const started = Date.now();
    const run = await runCli(args(src, out));
    buildMs = Math.max(buildMs, Date.now() - started);
    expect(run.code, run.stderr).toBe(0);
    versions.push({ ...text, files: snapshot(out), manifest: readFileSync(join(out, id, 'manifest.json'), 'utf8') });
  }
  // Both versions differ in every artifact (so a mix would be detected).
  for (const [name, digest] of versions[0]!.files) if (name !== 'manifest.json') expect(versions[1]!.files.get(name)).not.toBe(digest);
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

function spawnBuild(out: string): { child: ReturnType<typeof spawn>; done: Promise<number | null>; output: () => string } {
  const child = spawn(process.execPath, [cliPath, ...args(src, out)], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout?.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (text += d.toString()));
  const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, done, output: () => text };
}

describe('a build killed at any moment loses nothing', () => {
  it(`${trials} SIGKILLs spread over the build leave old or new outputs, never a mix of bytes`, async () => {
    const out = join(work, 'out');
    cpSync(join(work, 'ref-0'), out, { recursive: true });
    let state = 0;
    const outcomes = { killedBeforeWrite: 0, killedAfterWrite: 0, finished: 0 };
    for (let i = 0; i < trials; i++) {
      const next = 1 - state;
      useVersion(next);
      // Delays spread evenly over 0..1.5 × the build time, measured again
      // by every recovery build (a busy machine makes builds slower). The
      // last build is killed as it reports its first file written, whatever
      // the machine's pace, so that one kill surely lands among the writes.
      const last = i === trials - 1;
      const delay = Math.round(((i + 0.5) / trials) * buildMs * 1.5);
      const { child, done, output } = spawnBuild(out);
      const timer = last ? undefined : setTimeout(() => child.kill('SIGKILL'), delay);
      if (last) for (const stream of [child.stdout, child.stderr]) stream?.on('data', () => /^wrote /m.test(output()) && child.kill('SIGKILL'));
      const code = await done;
      clearTimeout(timer);
      const files = snapshot(out);
      // Every artifact is a complete version: the old one or the new one.
      for (const [name, digest] of files) {
        if (name === 'manifest.json') continue;
        const known = [versions[0]!.files.get(name), versions[1]!.files.get(name)];
        expect(known, `trial ${i} (${delay} ms): ${name} is neither version`).toContain(digest);
      }
      expect(files.size, `trial ${i}: files lost`).toBe(versions[0]!.files.size);
      const manifest = readFileSync(join(out, id, 'manifest.json'), 'utf8');
      expect([versions[0]!.manifest, versions[1]!.manifest], `trial ${i}: manifest`).toContain(manifest);
      if (code === 0) outcomes.finished++;
      else if ([...files].every(([n, d]) => n === 'manifest.json' || d === versions[state]!.files.get(n))) outcomes.killedBeforeWrite++;
      else outcomes.killedAfterWrite++;
      if (code === 0) state = next;
      else {
        // Recovery: the next build finishes and leaves exactly the new version, without temporaries.
        const started = Date.now();
        const run = await runCli(args(src, out));
        buildMs = Math.max(buildMs, Date.now() - started);
        expect(run.code, run.stderr).toBe(0);
        expect(snapshot(out), `trial ${i}: after recovery`).toEqual(versions[next]!.files);
        expect(readdirSync(join(out, id)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
        expect(existsSync(join(out, `.${id}.lock`))).toBe(false);
        state = next;
      }
    }
    // The kills really landed at different stages of the build.
    expect(outcomes.killedBeforeWrite).toBeGreaterThan(0);
    expect(outcomes.finished + outcomes.killedAfterWrite).toBeGreaterThan(0);
  }, 900_000);

  it('two concurrent builds of one report end with a manifest that matches the files', async () => {
    const out = join(work, 'concurrent');
    // Two rounds: one per version, so the second overwrites a complete first.
    for (let round = 0; round < 2; round++) {
      useVersion(round % 2);
      const a = spawnBuild(out);
      const b = spawnBuild(out);
      expect(await a.done, a.output()).toBe(0);
      expect(await b.done, b.output()).toBe(0);
      const files = snapshot(out);
      const manifest = JSON.parse(readFileSync(join(out, id, 'manifest.json'), 'utf8')) as { artifacts: { file: string; sha256: string; size: number }[] };
      expect(manifest.artifacts.length).toBe(files.size - 1);
      for (const a of manifest.artifacts) expect(files.get(a.file), a.file).toBe(a.sha256);
      expect(files).toEqual(versions[round % 2]!.files);
      expect(readdirSync(join(out, id)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    }
  }, 300_000);
});
