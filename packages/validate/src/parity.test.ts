import { afterAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '@brief/document-model';
import { check, errorLines, ofRule, referencesYaml, removeSources } from './test-source.js';

afterAll(removeSources);
import { align } from './parity.js';

const refs = referencesYaml(
  'id: nikkei-2025\ntype: article-newspaper\ncontainer-title: { ja: 日本経済新聞, en: Nikkei }\nissued: 2025-01-29',
  'id: asahi-2025\ntype: article-newspaper\ncontainer-title: { ja: 朝日新聞, en: Asahi Shimbun }\nissued: 2025-02-09',
);

const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>';

const ja = `## はじめに {#sec-intro}

本文[^a]。別の文[^b]。

:::figure{#fig-map}
地図

![地図](figures/map.svg)
:::

### 背景 {#sec-background}

:::figure{#fig-table source="筆者作成"}
表

| 項目 | 内容 |
| --- | --- |
| 関税 | 15% |
:::

[^a]: [@nikkei-2025]

[^b]: [@asahi-2025, 3頁]
`;

const en = `## Introduction {#sec-intro}

Text[^a]. Another sentence[^b].

:::figure{#fig-map}
Map

![Map](figures/map.svg)
:::

### Background {#sec-background}

:::figure{#fig-table source="Prepared by the author"}
Table

| Item | Content |
| --- | --- |
| Tariff | 15% |
:::

[^a]: [@nikkei-2025]

[^b]: [@asahi-2025, p. 3]
`;

function pair(enBody: string, jaBody = ja) {
  return check({ 'ja.md': jaBody, 'en.md': enBody, 'references.yaml': refs, 'figures/map.svg': svg });
}

const parityRules = ['parity-heading', 'parity-figure', 'parity-table', 'parity-note', 'parity-citation'];

describe('parity between editions', () => {
  it('accepts editions that agree', () => {
    const result = pair(en);
    expect(errorLines(result)).toEqual([]);
  });

  it('reports a note that cites another key, naming both files and lines', () => {
    const result = pair(en.replace('[^a]: [@nikkei-2025]', '[^a]: [@asahi-2025]'));
    const found = ofRule(result, 'parity-citation');
    expect(found).toHaveLength(1);
    expect(formatDiagnostic(found[0]!)).toMatch(/^en\.md:21:7: error: note 1 cites @asahi-2025 but ja\.md:21:7 cites @nikkei-2025; /);
  });

  it('warns about a work cited at other pages, or with a locator in one edition only (not about the form)', () => {
    const elsewhere = ofRule(pair(en.replace('[^b]: [@asahi-2025, p. 3]', '[^b]: [@asahi-2025, p. 4]')), 'parity-locator');
    expect(elsewhere).toHaveLength(1);
    expect(formatDiagnostic(elsewhere[0]!)).toMatch(/^en\.md:\d+:\d+: warning: note 2 cites @asahi-2025 at "p\. 4" but ja\.md:\d+:\d+ cites it at "3頁"; /);
    const missing = ofRule(pair(en.replace('[^b]: [@asahi-2025, p. 3]', '[^b]: [@asahi-2025]')), 'parity-locator');
    expect(missing.map((d) => d.message)).toEqual([expect.stringMatching(/cites @asahi-2025 without a locator but .* cites it at "3頁"$/)]);
    expect(ofRule(pair(en.replace('[^b]: [@asahi-2025, p. 3]', '[^b]: [@asahi-2025, pp. 3]')), 'parity-locator')).toEqual([]);
    expect(ofRule(pair(en), 'parity-locator')).toEqual([]);
  });

  it('does not compare the notes of an edition with a definition written without its colon (told by the reader alone)', () => {
    const result = pair(en.replace('[^a]: [@nikkei-2025]', '[^a] See [@nikkei-2025]'));
    expect(errorLines(result).map((l) => l.replace(/:.*\[/, ' ['))).toEqual(['en.md [note-definition-colon]']);
  });

  it('reports a note that is in one edition only', () => {
    const result = pair(en.replace('Another sentence[^b].', 'Another sentence.').replace('\n[^b]: [@asahi-2025, p. 3]\n', ''));
    const found = ofRule(result, 'parity-note');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: 'ja.md', line: 23 });
    expect(found[0]!.message).toBe('note [^b] (note 2) is in ja.md but missing from en.md (expected after en.md:21:1)');
  });

  it('reports notes in another order', () => {
    const result = pair(en.replace('Text[^a]. Another sentence[^b].', 'Text[^b]. Another sentence[^a].'));
    const found = ofRule(result, 'parity-note');
    expect(found).toHaveLength(1);
    expect(found[0]!.file).toBe('en.md');
    expect(found[0]!.message).toMatch(/ja\.md:\d+:\d+: the editions have their notes in another order$/);
  });

  it('reports a figure missing from one edition', () => {
    const result = pair(en.replace(':::figure{#fig-map}\nMap\n\n![Map](figures/map.svg)\n:::\n', ''));
    const found = ofRule(result, 'parity-figure');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: 'ja.md', line: 5 });
    expect(found[0]!.message).toContain('figure {#fig-map}');
  });

  it('reports a figure with another number of notes under it', () => {
    const result = pair(en.replace('![Map](figures/map.svg)\n:::\n', '![Map](figures/map.svg)\n\nNote: the borders are approximate.\n:::\n'));
    expect(ofRule(result, 'parity-figure').map((d) => `${d.file}:${d.line} ${d.message}`)).toEqual([
      expect.stringMatching(/^en\.md:\d+ figure \{#fig-map\} has 1 note under it here but 0 in ja\.md:5:1$/),
    ]);
  });

  it('reports figures in another order', () => {
    const swapped = en
      .replace(':::figure{#fig-map}', ':::figure{#fig-tmp}')
      .replace(':::figure{#fig-table source="Prepared by the author"}', ':::figure{#fig-map}')
      .replace(':::figure{#fig-tmp}', ':::figure{#fig-table}');
    const result = pair(swapped);
    expect(ofRule(result, 'parity-figure').length).toBeGreaterThan(0);
  });

  it('reports a table with another shape', () => {
    const result = pair(en.replace('| Tariff | 15% |', '| Tariff | 15% |\n| Autos | 15% |'));
    const found = ofRule(result, 'parity-table');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('3 rows × 2 columns here but 2 rows × 2 columns in ja.md:13:1');
  });

  it('reports a table outside figures that is in one edition only', () => {
    const result = pair(`${en}\n| a | b |\n| --- | --- |\n| 1 | 2 |\n`);
    const found = ofRule(result, 'parity-table');
    expect(found).toHaveLength(1);
    expect(found[0]!.file).toBe('en.md');
  });

  it('reports a heading missing, at another level, or with another id', () => {
    const missing = pair(en.replace('### Background {#sec-background}\n\n', ''));
    expect(ofRule(missing, 'parity-heading')).toHaveLength(1);
    expect(ofRule(missing, 'parity-heading')[0]).toMatchObject({ file: 'ja.md', line: 11 });
    const level = pair(en.replace('### Background', '## Background'));
    expect(ofRule(level, 'parity-heading')[0]!.message).toBe('heading {#sec-background} is level ## here but ### in ja.md:11:1');
    const id = pair(en.replace('{#sec-background}', '{#sec-context}'));
    expect(ofRule(id, 'parity-heading')[0]!.message).toContain('{#sec-context}');
  });

  it('compares only when there are two editions', () => {
    const result = check({ 'brief.yaml': 'id: t\nlanguages: [ja]\ntitle: 題\nauthors:\n  - name: 著者\npublished: 2026-03-16\n', 'ja.md': ja, 'references.yaml': refs, 'figures/map.svg': svg });
    for (const rule of parityRules) expect(ofRule(result, rule)).toEqual([]);
  });
});

describe('align', () => {
  it('matches, moves, changes and leaves out', () => {
    expect(align(['a', 'b', 'c'], ['a', 'b', 'c']).every((s) => s.kind === 'match')).toBe(true);
    const swapped = align(['a', 'b', 'c'], ['a', 'c', 'b']);
    expect(swapped.filter((s) => s.kind === 'moved')).toHaveLength(1);
    const changed = align(['a', 'x', 'c'], ['a', 'y', 'c']);
    expect(changed.filter((s) => s.kind === 'changed')).toEqual([{ kind: 'changed', a: 1, b: 1 }]);
    const extra = align(['a', 'c'], ['a', 'b', 'c']);
    expect(extra.filter((s) => s.kind === 'onlyB')).toEqual([{ kind: 'onlyB', b: 1, after: 0 }]);
  });
});
