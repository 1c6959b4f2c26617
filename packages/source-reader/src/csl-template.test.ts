/**
 * A template may name a CSL style file per language (`cslStyles`): that
 * edition's citations come from citeproc-js with it; the other editions keep
 * the house style. A path that is not a CSL style is a `template-csl` error.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Inline } from '@brief/document-model';
import { readSource } from './read-source.js';

const cslFile = resolve(import.meta.dirname, '../../citations/test/csl/simple-note.csl');
const written: string[] = [];
afterAll(() => {
  for (const dir of written) rmSync(dir, { recursive: true, force: true });
});

function source(template: string) {
  const dir = mkdtempSync(join(tmpdir(), 'brief-csl-'));
  written.push(dir);
  copyFileSync(cslFile, join(dir, 'simple-note.csl'));
  writeFileSync(join(dir, 'house.yaml'), template);
  writeFileSync(
    join(dir, 'brief.yaml'),
    'id: csl-report\nlanguages: [ja, en]\ntitle: { ja: 試験, en: Test }\nauthors:\n  - name: { ja: 山田 太郎, en: YAMADA Taro }\npublished: 2026-03-16\ntemplate: house.yaml\n',
  );
  writeFileSync(
    join(dir, 'references.yaml'),
    'references:\n  - id: smith\n    type: book\n    author: [{ family: Smith, given: Anna }]\n    title: Fiscal Rules\n    publisher: Oxford University Press\n    issued: 2020\n',
  );
  writeFileSync(join(dir, 'ja.md'), '本文[@smith, p. 33]。\n');
  writeFileSync(join(dir, 'en.md'), 'Text.[@smith, p. 33]\n');
  return readSource(dir, { cwd: dir });
}

function flat(inlines: readonly Inline[]): string {
  return inlines
    .map((n) => (n.kind === 'text' ? n.value : n.kind === 'emphasis' ? `*${flat(n.children)}*` : n.kind === 'citation' ? flat(n.rendered) : 'children' in n ? flat(n.children as Inline[]) : ''))
    .join('');
}

describe('cslStyles in a template', () => {
  it('renders the named language with the CSL style, the others in the house style', () => {
    const r = source('extends: report\ncslStyles: { en: simple-note.csl }\n');
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const note = (lang: number) => r.editions[lang]!.notes[0]!.children.map((b) => (b.kind === 'paragraph' ? flat(b.children) : '')).join('');
    expect(note(1)).toBe('Anna Smith, *Fiscal Rules*, Oxford University Press (2020), p.\u00a033.');
    // In ja, an English book is a foreign work, cited in the en house style (not the CSL file, which is en's own).
    expect(note(0)).toBe('Anna Smith, *Fiscal Rules* (Oxford University Press, 2020), 33');
  });

  it('reports a file that is not a CSL style at its line', () => {
    const r = source('extends: report\ncslStyles:\n  en: house.yaml\n');
    const errors = r.diagnostics.filter((d) => d.ruleId === 'template-csl');
    expect(errors.map((d) => `${d.file}:${d.line}`)).toEqual(['house.yaml:3']);
    expect(errors[0]!.message).toContain('is not a CSL style file');
  });
});
