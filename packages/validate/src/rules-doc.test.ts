/**
 * docs/rules.md lists every rule id the packages report.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && name !== 'test-source.ts') out.push(path);
  }
  return out;
}

/** Rule ids passed to `diagnostic(…)` or the reader's `err`/`warn` helpers. */
function ruleIds(): Set<string> {
  const ids = new Set<string>();
  for (const file of sources(join(root, 'packages'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:\bdiagnostic\(\s*|\b(?:err|warn)\(\s*(?:ctx,\s*)?)'([a-z][a-z0-9]*(?:-[a-z0-9]+)*)'/g)) ids.add(m[1]!);
    for (const m of text.matchAll(/\brule = [^;]*'([a-z]+(?:-[a-z0-9]+)+)'[^;]*'([a-z]+(?:-[a-z0-9]+)+)'/g)) {
      ids.add(m[1]!);
      ids.add(m[2]!);
    }
  }
  return ids;
}

describe('docs/rules.md', () => {
  it('documents every rule id', () => {
    const doc = readFileSync(join(root, 'docs/rules.md'), 'utf8');
    const ids = ruleIds();
    expect(ids.size).toBeGreaterThan(60);
    expect([...ids].filter((id) => !doc.includes(`\`${id}\``)).sort()).toEqual([]);
  });
});
