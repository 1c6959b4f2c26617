/**
 * The source-format contract's own examples parse into the model as the
 * contract says.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inlineText, type FigureBlock, type ParagraphBlock } from '@brief/document-model';
import { readSource } from './read-source.js';

const contractBrief = `id: trump-second-term-year-one      # required; [a-z0-9-]+; names the output files
languages: [ja, en]                 # required; editions to build; the first is the original
title:                              # required; per language
  ja: 第2次トランプ政権発足後1年間の動向と日本外交
  en: The First Year of the Second Trump Administration and Japanese Diplomacy
authors:                            # required, at least one
  - name: { ja: 沓脱 和人, en: KUTSUNUGI Kazuhito }
    affiliation: { ja: 外交防衛委員会調査室, en: Foreign Affairs and Defense Division }
series:                             # optional
  title: { ja: 立法と調査, en: Legislation and Research }
  issn: 0915-1338
  issue: 482
  pages: 45-59                      # first page number of the printed edition = 45
published: 2026-03-16               # required; ISO date
as-of: 2026-02-25                   # optional; information cut-off date (see validation)
url: https://example.org/report     # optional; canonical URL of the report
`;

const figure = `:::figure{#fig-agreement source="政府資料を基に筆者作成"}
日米合意の主な内容

| 項目 | 内容 |
| --- | --- |
| 相互関税 | 15%(MFN税率を含む) |
:::`;

function source(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'contract-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const references = `references:
  - id: key
    type: book
    title: { ja: 本, en: Book }
    author: [{ family: 中林, given: 美恵子 }]
    publisher: 日本評論社
    issued: 2017
  - id: key1
    type: article-newspaper
    container-title: { ja: 日本経済新聞, en: Nikkei }
    issued: 2025-01-29
  - id: key2
    type: article-newspaper
    container-title: { ja: 朝日新聞, en: Asahi Shimbun }
    issued: 2025-02-01
`;

const body = (heading: string) => `## ${heading} {#sec-tariffs}

**「強調」**です。本文[^a]、引用[@key, p. 89]と:ref{#fig-agreement}、:ref{#sec-tariffs}。

${figure}

### 節

[^a]: 一つ目の段落[@key1; @key2]。

    二つ目の段落。
`;

describe('contract examples', () => {
  const dir = source({ 'brief.yaml': contractBrief, 'ja.md': body('関税'), 'en.md': body('Tariffs'), 'references.yaml': references });
  const result = readSource(dir);

  it('reads the example brief.yaml without diagnostics', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.brief?.id).toBe('trump-second-term-year-one');
    const ja = result.editions[0]!.meta;
    expect(ja.title).toBe('第2次トランプ政権発足後1年間の動向と日本外交');
    expect(ja.authors[0]).toEqual({ name: '沓脱 和人', affiliation: '外交防衛委員会調査室' });
    expect(ja.series).toMatchObject({ title: '立法と調査', issn: '0915-1338', issue: 482, firstPage: 45, lastPage: 59 });
    expect(result.editions[1]!.meta.authors[0]!.name).toBe('KUTSUNUGI Kazuhito');
  });

  it('parses emphasis next to Japanese punctuation', () => {
    const para = result.editions[0]!.body[1] as ParagraphBlock;
    expect(para.children[0]).toEqual({ kind: 'strong', children: [{ kind: 'text', value: '「強調」' }] });
  });

  it('numbers headings and figures from the template and resolves cross-references', () => {
    const [ja, en] = result.editions;
    expect(ja!.body[0]).toMatchObject({ kind: 'heading', id: 'sec-tariffs', number: '1.' });
    expect(ja!.body[3]).toMatchObject({ kind: 'heading', level: 2, number: '（1）' });
    expect(en!.body[3]).toMatchObject({ kind: 'heading', level: 2, number: '1.1' });
    const fig = ja!.body[2] as FigureBlock;
    expect(fig).toMatchObject({ kind: 'figure', id: 'fig-agreement', number: 1, label: '図表1' });
    expect(inlineText(fig.caption)).toBe('日米合意の主な内容');
    expect(inlineText(fig.sourceNote ?? [])).toBe('政府資料を基に筆者作成');
    expect(fig.body.kind).toBe('table');
    const para = ja!.body[1] as ParagraphBlock;
    const refs = para.children.filter((c) => c.kind === 'crossRef');
    // The heading number's full stop gives way to the 。 after it.
    expect(refs.map((r) => (r.kind === 'crossRef' ? r.text : ''))).toEqual(['図表1', '1']);
    expect((en!.body[2] as FigureBlock).label).toBe('Figure 1');
  });

  it('numbers notes by first reference; a citation in running text becomes a note', () => {
    const ja = result.editions[0]!;
    expect(ja.notes.map((n) => [n.id, n.number, n.generated])).toEqual([
      ['a', 1, false],
      ['cite-1', 2, true],
    ]);
    expect(ja.notes[0]!.children).toHaveLength(2);
    const cite = (ja.notes[0]!.children[0] as ParagraphBlock).children.find((c) => c.kind === 'citation');
    expect(cite).toMatchObject({ kind: 'citation', items: [{ key: 'key1' }, { key: 'key2' }] });
    const generated = (ja.notes[1]!.children[0] as ParagraphBlock).children[0];
    expect(generated).toMatchObject({ kind: 'citation', items: [{ key: 'key', locator: 'p. 89' }] });
  });
});
