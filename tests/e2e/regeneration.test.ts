/**
 * Regenerate only what changed: the real CLI on a real source, checking which
 * files are rewritten (by content and mtime) after each kind of edit.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const cli = join(process.cwd(), 'packages/cli/bin/brief.js');
const id = 'sample-one';

function brief(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, CI: '1' } });
  return { status: r.status, stderr: r.stderr, stdout: r.stdout };
}

function snapshot(dir: string): Map<string, { sha: string; mtime: number }> {
  const out = new Map<string, { sha: string; mtime: number }>();
  for (const lang of ['ja', 'en'])
    for (const fmt of ['pdf', 'docx', 'epub']) {
      const p = join(dir, id, `${id}.${lang}.${fmt}`);
      out.set(`${lang}.${fmt}`, { sha: createHash('sha256').update(readFileSync(p)).digest('hex'), mtime: statSync(p).mtimeMs });
    }
  return out;
}

function changed(a: Map<string, { sha: string; mtime: number }>, b: Map<string, { sha: string; mtime: number }>): string[] {
  return [...a.keys()].filter((k) => a.get(k)!.sha !== b.get(k)!.sha || a.get(k)!.mtime !== b.get(k)!.mtime).sort();
}

describe('incremental builds', () => {
  const src = mkdtempSync(join(tmpdir(), 'regen-src-'));
  const out = mkdtempSync(join(tmpdir(), 'regen-out-'));
  let first: Map<string, { sha: string; mtime: number }>;

  beforeAll(() => {
    cpSync('tests/fixtures/contract-example', src, { recursive: true });
    const r = brief(['build', src, '--out', out]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.status).toBe(0);
    first = snapshot(out);
  });

  it('writes a manifest describing every artifact', () => {
    const manifest = JSON.parse(readFileSync(join(out, id, 'manifest.json'), 'utf8'));
    expect(manifest.id).toBe(id);
    expect(manifest.artifacts).toHaveLength(6);
    for (const a of manifest.artifacts) {
      const bytes = readFileSync(join(out, id, a.file));
      expect(a.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(a.size).toBe(bytes.length);
      expect(['ja', 'en']).toContain(a.lang);
      expect(['pdf', 'docx', 'epub']).toContain(a.format);
      expect(a.inputHash).toMatch(/^[0-9a-f]{64}$/);
      expect(a.file).toBe(`${id}.${a.lang}.${a.format}`);
    }
  });

  it('rewrites nothing on a rebuild without changes', () => {
    const r = brief(['build', src, '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/current/);
    // Recognised by the manifest's fingerprint, without reading the source again.
    expect(r.stderr).toMatch(/unchanged since the last build/);
    expect(r.stderr).not.toMatch(/^wrote/m);
    expect(changed(first, snapshot(out))).toEqual([]);
  });

  it('rebuilds only the en editions after an edit of en.md', () => {
    const before = snapshot(out);
    const en = join(src, 'en.md');
    writeFileSync(en, readFileSync(en, 'utf8').replace('改行をまたぐ文。', 'An edited sentence.'));
    expect(brief(['build', src, '--out', out]).status).toBe(0);
    expect(changed(before, snapshot(out))).toEqual(['en.docx', 'en.epub', 'en.pdf']);
  });

  it('rebuilds what cites a reference after an edit of references.yaml', () => {
    const before = snapshot(out);
    const refs = join(src, 'references.yaml');
    writeFileSync(refs, readFileSync(refs, 'utf8').replace('en: Nikkei', 'en: Nikkei Asia'));
    expect(brief(['build', src, '--out', out]).status).toBe(0);
    // Only the English rendering of the newspaper's name changed.
    expect(changed(before, snapshot(out))).toEqual(['en.docx', 'en.epub', 'en.pdf']);
  });

  it('rewrites what a template override changes, and nothing else', () => {
    const before = snapshot(out);
    const yaml = join(src, 'brief.yaml');
    writeFileSync(yaml, `${readFileSync(yaml, 'utf8')}template-overrides:\n  strings.ja.contents: 目　次\n`);
    expect(brief(['build', src, '--out', out]).status).toBe(0);
    const diff = changed(before, snapshot(out));
    expect(diff.every((k) => k.startsWith('ja.'))).toBe(true);
    expect(diff.length).toBeGreaterThan(0);
  });

  it('keeps the last good outputs when the source has errors', () => {
    const before = snapshot(out);
    const ja = join(src, 'ja.md');
    const text = readFileSync(ja, 'utf8');
    writeFileSync(ja, `${text}\n本文[^missing]。\n`);
    const r = brief(['build', src, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/ja\.md:\d+:\d+: error: .*\[note-undefined\]/);
    expect(changed(before, snapshot(out))).toEqual([]);
    writeFileSync(ja, text);
  });

  it('rebuilds on save in watch mode, keeping outputs on errors', async () => {
    const before = snapshot(out);
    const child = spawn(process.execPath, [cli, 'watch', src, '--out', out], { env: { ...process.env, CI: '1' } });
    let log = '';
    const waitFor = (re: RegExp, from: number) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${re}: ${log}`)), 60_000);
        const check = () => {
          if (re.test(log.slice(from))) {
            clearTimeout(timer);
            resolve();
          } else setTimeout(check, 20);
        };
        check();
      });
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    try {
      await waitFor(/watching/, 0);
      let mark = log.length;
      const en = join(src, 'en.md');
      writeFileSync(en, readFileSync(en, 'utf8').replace('An edited sentence.', 'Edited again on save.'));
      await waitFor(/rebuilt in \d+ ms/, mark);
      expect(changed(before, snapshot(out))).toEqual(['en.docx', 'en.epub', 'en.pdf']);
      const good = snapshot(out);
      mark = log.length;
      writeFileSync(en, `${readFileSync(en, 'utf8')}\n<b>raw</b>\n`);
      await waitFor(/not rebuilt/, mark);
      expect(log.slice(mark)).toMatch(/\[raw-html\]/);
      expect(changed(good, snapshot(out))).toEqual([]);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('never leaves temporary files behind', () => {
    const names = spawnSync('ls', ['-a', join(out, id)], { encoding: 'utf8' }).stdout;
    expect(names).not.toMatch(/\.tmp/);
    expect(existsSync(join(out, `.${id}.lock`))).toBe(false);
  });
});
