/**
 * A team shares build results through a self-hosted turbo remote cache: one
 * clone builds, a second clean clone gets every task from the cache and ends
 * with byte-identical outputs.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = process.cwd();
const report = '@report/trump-second-term-year-one';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForServer(url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`cache server did not start at ${url}`);
}

function makeClone(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clone-'));
  const r = spawnSync('git', ['clone', '--quiet', root, dir], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  // Installed packages, hard-linked (what `npm ci` would install): the root's
  // and those npm nests in a workspace (another version than the root's).
  expect(spawnSync('cp', ['-al', join(root, 'node_modules'), join(dir, 'node_modules')]).status).toBe(0);
  for (const group of ['packages', 'sources'])
    for (const name of readdirSync(join(root, group))) {
      const nested = join(root, group, name, 'node_modules');
      if (existsSync(nested) && existsSync(join(dir, group, name))) expect(spawnSync('cp', ['-al', nested, join(dir, group, name, 'node_modules')]).status).toBe(0);
    }
  return dir;
}

function outputs(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const base = join(dir, 'output', 'trump-second-term-year-one');
  for (const name of readdirSync(base).sort())
    out[name] = createHash('sha256')
      .update(readFileSync(join(base, name)))
      .digest('hex');
  return out;
}

describe('self-hosted turbo remote cache', () => {
  let server: ChildProcess | undefined;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    const port = await freePort();
    const storage = mkdtempSync(join(tmpdir(), 'turbo-cache-'));
    server = spawn(process.execPath, [join(root, 'node_modules/turborepo-remote-cache/dist/cli.js')], {
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), TURBO_TOKEN: 'test-token', STORAGE_PROVIDER: 'local', STORAGE_PATH: storage, LOG_LEVEL: 'error' },
      stdio: 'ignore',
    });
    await waitForServer(`http://127.0.0.1:${port}/v8/artifacts/status`);
    env = {
      ...process.env,
      TURBO_API: `http://127.0.0.1:${port}`,
      TURBO_TOKEN: 'test-token',
      TURBO_TEAM: 'team',
      TURBO_TELEMETRY_DISABLED: '1',
      DO_NOT_TRACK: '1',
      CI: '1',
    };
  });

  afterAll(() => {
    server?.kill();
  });

  it('gives a second clean clone full cache hits and identical outputs', () => {
    const run = (dir: string) => spawnSync(join(dir, 'node_modules/.bin/turbo'), ['run', 'build', `--filter=${report}`, '--output-logs=hash-only'], { cwd: dir, env, encoding: 'utf8' });
    const first = makeClone();
    const a = run(first);
    expect(a.status, a.stderr + a.stdout).toBe(0);
    expect(a.stdout).toMatch(/cache miss/);
    const second = makeClone();
    const b = run(second);
    expect(b.status, b.stderr + b.stdout).toBe(0);
    expect(b.stdout).not.toMatch(/cache miss/);
    expect(b.stdout).toMatch(/FULL TURBO/);
    const built = outputs(first);
    expect(Object.keys(built)).toContain('manifest.json');
    expect(Object.keys(built).length).toBe(7);
    expect(outputs(second)).toEqual(built);
  });
});
