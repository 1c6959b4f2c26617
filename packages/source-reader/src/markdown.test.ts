import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { keepParses, parseBySections, parseMarkdown } from './markdown.js';
import { readSource } from './read-source.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Freeze a tree and everything in it: a change to it then throws (modules are strict). */
function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}

describe('parsed bodies kept by the process', () => {
  it('gives the same tree for the same text, a new one for another text', () => {
    const a = parseMarkdown('# Title\n\nText[^1].\n\n[^1]: Note.\n');
    expect(parseMarkdown('# Title\n\nText[^1].\n\n[^1]: Note.\n')).toBe(a);
    expect(parseMarkdown('# Title\n\nOther text.\n')).not.toBe(a);
  });

  it('keeps none when told not to (a one-off build), and parses to the same tree', () => {
    const text = '# One\n\nFirst[^a].\n\n# Two\n\nSecond.\n\n[^a]: Note.\n';
    const kept = parseMarkdown(text);
    try {
      keepParses(false);
      const first = parseMarkdown(text);
      const again = parseMarkdown(text);
      expect(first).not.toBe(kept);
      expect(again).not.toBe(first);
      expect(again).toEqual(kept);
      // Nor are its sections kept: every one is parsed again.
      expect(parseBySections(text).children[0]).not.toBe(first.children[0]);
    } finally {
      keepParses(true);
    }
    const later = parseMarkdown(text);
    expect(parseMarkdown(text)).toBe(later);
  });

  it('keeps a few texts only, the most recently used', () => {
    const first = parseMarkdown('first\n');
    for (let i = 0; i < 8; i++) parseMarkdown(`text ${i}\n`);
    const again = parseMarkdown('first\n');
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  it('are never changed by reading: a source read from frozen trees reads the same', () => {
    for (const dir of [join(root, 'sources/trump-second-term-year-one'), join(root, 'tests/fixtures/contract-example')]) {
      const fresh = readSource(dir, { cwd: root });
      for (const body of fresh.bodies) deepFreeze(parseMarkdown(readFileSync(join(dir, `${body.lang}.md`), 'utf8')));
      const kept = readSource(dir, { cwd: root });
      expect(kept.bodies.map((b) => b.mdast)).toEqual(fresh.bodies.map((b) => b.mdast));
      expect(Object.isFrozen(kept.bodies[0]?.mdast)).toBe(true);
      expect(JSON.stringify(kept.editions)).toBe(JSON.stringify(fresh.editions));
      expect(kept.diagnostics).toEqual(fresh.diagnostics);
    }
  });
});
