/**
 * Building editions of one format with the real CLI.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const cli = join(process.cwd(), 'packages/cli/bin/brief.js');

export interface BuiltEdition {
  lang: string;
  path: string;
}

/** `brief build <source> --out <out> --format <format> [args]`, the files by language; throws with the CLI's messages when it fails. */
export function buildFormat(source: string, out: string, id: string, format: 'pdf' | 'docx' | 'epub', args: string[] = []): BuiltEdition[] {
  const r = spawnSync(process.execPath, [cli, 'build', source, '--out', out, '--format', format, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`brief build ${source} failed (${r.status}):\n${r.stderr}`);
  const dir = join(out, id);
  if (!existsSync(dir)) throw new Error(`no output in ${dir}`);
  return readdirSync(dir)
    .filter((f) => f.endsWith(`.${format}`))
    .sort()
    .map((f) => ({ lang: f.split('.').slice(-2)[0]!, path: join(dir, f) }));
}
