/** A source's check kept in the build cache: used while every input is the same, made again when one changes. */
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkedSource } from './checked.js';

const checks = vi.hoisted(() => ({ count: 0 }));
vi.mock('./check.js', async (original) => {
  const real = await original<typeof import('./check.js')>();
  return {
    ...real,
    checkSource: (...args: Parameters<typeof real.checkSource>) => {
      checks.count++;
      return real.checkSource(...args);
    },
  };
});

const example = fileURLToPath(new URL('../../../tests/fixtures/contract-example', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'brief-checked-'));
const source = join(root, 'report');
const house = join(root, 'house.yaml');
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(() => {
  process.env.BRIEF_CACHE = 'on';
  process.env.BRIEF_CACHE_DIR = join(root, 'cache');
  cpSync(example, source, { recursive: true });
  // A template outside the report's folder.
  writeFileSync(house, 'extends: report\ncolors:\n  heading: "#7a1f1f"\n');
  appendFileSync(join(source, 'brief.yaml'), 'template: ../house.yaml\n');
});
beforeEach(() => {
  checks.count = 0;
});

describe('checkedSource', () => {
  it('checks an unchanged source once, and gives the same editions, template and messages again', async () => {
    const first = await checkedSource(source);
    expect(first.id).toBe('sample-one');
    expect(first.outsideFiles).toEqual([house]);
    const again = await checkedSource(source);
    expect(checks.count).toBe(1);
    expect(again).toEqual(first);
    expect(again.template.colors.heading).toBe('#7a1f1f');
  });

  it('checks again when a file of the source changes, or the languages asked for', async () => {
    await checkedSource(source);
    const en = join(source, 'en.md');
    writeFileSync(en, `${readFileSync(en, 'utf8')}\nA paragraph added later.\n`);
    const edited = await checkedSource(source);
    expect(checks.count).toBe(1);
    expect(JSON.stringify(edited.editions.find((d) => d.meta.lang === 'en'))).toContain('A paragraph added later.');
    const one = await checkedSource(source, { languages: ['en'] });
    expect(checks.count).toBe(2);
    expect(one.editions.map((d) => d.meta.lang)).toEqual(['en']);
  });

  it('checks a copy of the source in another folder as that folder, not as the original', async () => {
    await checkedSource(source);
    const copy = join(root, 'copy');
    cpSync(source, copy, { recursive: true });
    const copied = await checkedSource(copy);
    expect(checks.count).toBe(1);
    expect(copied.sourceDir).toBe(copy);
    rmSync(copy, { recursive: true });
  });

  it('checks again when a template file outside the source changes', async () => {
    await checkedSource(source);
    writeFileSync(house, 'extends: report\ncolors:\n  heading: "#1f4e8c"\n');
    const changed = await checkedSource(source);
    expect(checks.count).toBe(1);
    expect(changed.template.colors.heading).toBe('#1f4e8c');
    await checkedSource(source);
    expect(checks.count).toBe(1);
  });

  it('keeps no check with errors', async () => {
    const ja = join(source, 'ja.md');
    const before = readFileSync(ja, 'utf8');
    writeFileSync(ja, `${before}\n本文[@no-such-key]。\n`);
    const broken = await checkedSource(source);
    expect(broken.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    await checkedSource(source);
    expect(checks.count).toBe(2);
    writeFileSync(ja, before);
  });
});
