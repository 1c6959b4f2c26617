/**
 * One temporary folder per test run: `TMPDIR` points into it, so every
 * temporary file of the tests and of the CLIs and tools they start lands
 * there, and it is removed when the run ends (a test need not clean up
 * after itself, and an interrupted test leaves nothing behind the next run).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const root = mkdtempSync(join(tmpdir(), 'brief-tests-'));
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(root, { recursive: true, force: true });
  };
}
