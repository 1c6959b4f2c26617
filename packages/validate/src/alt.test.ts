/**
 * Figures' alternative text and long descriptions, and tables' row
 * headers, as the reader resolves them; the `alt-missing` rule.
 */
import { blocksOfKind, formatDiagnostic, type FigureBlock } from '@brief/document-model';
import { readSource } from '@brief/source-reader';
import { mergeTemplate, reportTemplate } from '@brief/templates';
import { afterAll, describe, expect, it } from 'vitest';
import { check, ofRule, removeSources, writeSource } from './test-source.js';

afterAll(removeSources);

const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';
const figures = (result: ReturnType<typeof check>, lang = 'ja'): FigureBlock[] => blocksOfKind(result.read.editions.find((e) => e.meta.lang === lang)!.body, 'figure');

const table = ['| 区分 | 内容 |', '| --- | --- |', '| 関税 | 15% |', '|  | 無税 |', '| 投資 | 5,500億ドル |'].join('\n');

describe('alt-missing (warning)', () => {
  it('warns at the figure, with the rule id, when its image has no alternative text at all', () => {
    const result = check({ 'ja.md': '本文。\n\n:::figure{#fig-a}\n概要\n\n![](f.svg)\n:::\n', 'f.svg': svg });
    const found = ofRule(result, 'alt-missing').filter((d) => d.file === 'ja.md');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', line: 3, column: 1 });
    expect(formatDiagnostic(found[0]!)).toMatch(/^ja\.md:3:1: warning: figure \{#fig-a\} shows an image with no alternative text.*\[alt-missing\]$/);
    expect(found[0]!.hint).toContain('alt="…"');
  });

  it('takes the figure’s alt attribute, else the image’s own alt text, and says nothing then', () => {
    const withAttr = check({ 'ja.md': ':::figure{#fig-a alt="三つの箱"}\n概要\n\n![](f.svg)\n:::\n', 'f.svg': svg });
    expect(ofRule(withAttr, 'alt-missing')).toEqual([]);
    expect(figures(withAttr)[0]!.alt).toBe('三つの箱');
    const withImage = check({ 'ja.md': ':::figure{#fig-a}\n概要\n\n![矢印の図](f.svg)\n:::\n', 'f.svg': svg });
    expect(ofRule(withImage, 'alt-missing')).toEqual([]);
    expect(figures(withImage)[0]!.alt).toBe('矢印の図');
    const both = check({ 'ja.md': ':::figure{#fig-a alt="属性の代替テキスト"}\n概要\n\n![画像の代替テキスト](f.svg)\n:::\n', 'f.svg': svg });
    expect(figures(both)[0]!.alt).toBe('属性の代替テキスト');
  });

  it('does not ask a table for alternative text', () => {
    const result = check({ 'ja.md': `:::figure{#fig-t}\n表\n\n${table}\n:::\n` });
    expect(ofRule(result, 'alt-missing')).toEqual([]);
    expect(figures(result)[0]!.alt).toBeUndefined();
  });
});

describe('long descriptions', () => {
  it('reads a :::description block inside the figure into the figure’s description', () => {
    const result = check({
      'ja.md': '::::figure{#fig-a alt="三つの箱"}\n概要\n\n![](f.svg)\n\n:::description\n左から右へ、調査、協議、合意。\n\n- 調査\n- 合意\n:::\n::::\n',
      'f.svg': svg,
    });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const figure = figures(result)[0]!;
    expect(figure.description?.map((b) => b.kind)).toEqual(['paragraph', 'list']);
    expect(figure.body.kind).toBe('image');
  });
});

describe('row headers', () => {
  it('reads row-headers=N on a figure', () => {
    const result = check({ 'ja.md': `:::figure{#fig-t row-headers=1}\n表\n\n${table}\n:::\n` });
    expect(ofRule(result, 'figure-attribute')).toEqual([]);
    const body = figures(result)[0]!.body;
    expect(body.kind === 'table' && body.table.rowHeaderColumns).toBe(1);
  });

  it('refuses a value that is not a number or leaves no data column', () => {
    expect(ofRule(check({ 'ja.md': `:::figure{#fig-t row-headers=yes}\n表\n\n${table}\n:::\n` }), 'figure-attribute')[0]).toMatchObject({ severity: 'error', line: 1 });
    expect(ofRule(check({ 'ja.md': `:::figure{#fig-t row-headers=2}\n表\n\n${table}\n:::\n` }), 'figure-attribute')[0]).toMatchObject({ severity: 'error' });
  });

  it('warns of an attribute written twice, where the directive keeps only the last', () => {
    const twice = ofRule(check({ 'ja.md': `本文\n\n:::figure{#fig-t row-headers=1 row-headers=0}\n表\n\n${table}\n:::\n` }), 'figure-attribute');
    expect(twice.find((d) => d.file === 'ja.md')).toMatchObject({ severity: 'warning', line: 3, column: 1, message: expect.stringContaining('"row-headers" is given twice') });
  });

  it('takes the first column as row headers from the template, unless the figure says row-headers=0', () => {
    const dir = writeSource({
      'brief.yaml': 'id: t\nlanguages: [ja]\ntitle: 試験\nauthors:\n  - name: 著者\npublished: 2026-03-16\n',
      'ja.md': `:::figure{#fig-t}\n表\n\n${table}\n:::\n\n:::figure{#fig-u row-headers=0}\n表\n\n${table}\n:::\n\n${table}\n`,
    });
    const template = mergeTemplate(reportTemplate, { tables: { rowHeaderColumns: 1 } });
    const doc = readSource(dir, { cwd: dir, template }).editions[0]!;
    const [t, u] = blocksOfKind(doc.body, 'figure');
    expect(t!.body.kind === 'table' && t!.body.table.rowHeaderColumns).toBe(1);
    expect(u!.body.kind === 'table' && u!.body.table.rowHeaderColumns).toBeUndefined();
    expect(blocksOfKind(doc.body, 'table')[0]!.table.rowHeaderColumns).toBe(1);
    const plain = readSource(dir, { cwd: dir }).editions[0]!;
    expect(blocksOfKind(plain.body, 'table')[0]!.table.rowHeaderColumns).toBeUndefined();
  });
});
