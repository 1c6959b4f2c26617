/**
 * A source read again in the same process (`brief watch`): an edition whose
 * inputs did not change is the model read before, with what reading it said;
 * a change to its body, brief.yaml or another file of the folder reads it
 * again.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSource } from './read-source.js';

const brief = `id: again-report
languages: [ja, en]
title: { ja: 再読, en: Read again }
authors:
  - name: { ja: 著者, en: Author }
published: 2026-03-16
`;

const svg = (width: number) => `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20"><rect width="${width}" height="20"/></svg>`;
const body = (heading: string, extra = '') => `## ${heading}\n\n@fig-a は図です。${extra}\n\n:::figure{#fig-a}\nCaption\n\n![a](figures/a.svg)\n:::\n`;

const written: string[] = [];
afterAll(() => {
  for (const dir of written) rmSync(dir, { recursive: true, force: true });
});

function write(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

describe('a source read again', () => {
  it('gives an unchanged edition as read before, and reads again one whose body, brief or pictures changed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'brief-read-again-'));
    written.push(dir);
    write(dir, { 'brief.yaml': brief, 'ja.md': body('見出し'), 'en.md': body('Heading'), 'figures/a.svg': svg(40) });
    const first = readSource(dir);
    const ja = first.editions.find((e) => e.meta.lang === 'ja')!;
    const en = first.editions.find((e) => e.meta.lang === 'en')!;
    const warnings = (r: typeof first, file: string) => r.diagnostics.filter((d) => d.file.endsWith(file)).map((d) => `${d.ruleId} ${d.line}:${d.column}`);
    expect(warnings(first, 'ja.md')).toContain('ref-at-syntax 3:1');

    write(dir, { 'en.md': body('Heading', ' An edit.') });
    const second = readSource(dir);
    expect(second.editions.find((e) => e.meta.lang === 'ja')).toBe(ja);
    expect(second.editions.find((e) => e.meta.lang === 'en')).not.toBe(en);
    // What reading the unchanged edition said is said again.
    expect(warnings(second, 'ja.md')).toEqual(warnings(first, 'ja.md'));

    write(dir, { 'figures/a.svg': svg(60) });
    const third = readSource(dir);
    const jaAgain = third.editions.find((e) => e.meta.lang === 'ja')!;
    expect(jaAgain).not.toBe(ja);
    expect(JSON.stringify(jaAgain.body)).toContain('"width":60');

    write(dir, { 'brief.yaml': brief.replace('title: { ja: 再読', 'title: { ja: 再読の二') });
    const fourth = readSource(dir);
    expect(fourth.editions.find((e) => e.meta.lang === 'ja')!.meta.title).toBe('再読の二');
  });
});
