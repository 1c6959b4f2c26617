/**
 * Accessibility of the DOCX: a picture's alt text and long description, row
 * headers repeated instead of blank cells, URLs printed exactly as they are.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Block, DocumentModel, Inline } from '@brief/document-model';
import { reportTemplate } from '@brief/templates';
import { renderDocx } from './index.js';
import { withRepeatedRowHeaders } from './tables.js';

const t = (value: string): Inline => ({ kind: 'text', value });
const url = 'https://www.example.org/a/b_c-d.html?x=1&y=2#top';

function model(): DocumentModel {
  const dir = mkdtempSync(join(tmpdir(), 'docx-a11y-'));
  const svg = join(dir, 'f.svg');
  writeFileSync(svg, '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><rect width="200" height="100"/></svg>');
  const body: Block[] = [
    { kind: 'heading', level: 1, id: 'sec-a', number: '1.', label: '1. ', refLabel: '1.', children: [t('はじめに')] },
    { kind: 'paragraph', children: [t('詳細は'), { kind: 'link', url, children: [t(url)] }, t('を参照。')] },
    {
      kind: 'figure',
      id: 'fig-a',
      number: 1,
      label: '図表1',
      caption: [t('概要')],
      alt: '矢印で結ばれた三つの箱',
      description: [{ kind: 'paragraph', children: [t('左から右へ、調査、協議、合意。')] }],
      body: { kind: 'image', image: { path: svg, src: 'f.svg', mediaType: 'image/svg+xml', alt: '', width: 200, height: 100 } },
    },
    {
      kind: 'figure',
      id: 'fig-b',
      number: 2,
      label: '図表2',
      caption: [t('表')],
      body: {
        kind: 'table',
        table: {
          align: [null, null],
          header: { cells: [{ children: [t('区分')] }, { children: [t('内容')] }] },
          rows: [{ cells: [{ children: [t('関税')] }, { children: [t('15%')] }] }, { cells: [{ children: [] }, { children: [t('無税')] }] }],
          rowHeaderColumns: 1,
        },
      },
    },
  ];
  return {
    kind: 'document',
    sourceDir: dir,
    meta: { id: 'a11y', lang: 'ja', languages: ['ja'], title: '試験', authors: [{ name: '著者' }], published: '2026-03-16', notices: [] },
    body,
    notes: [],
  };
}

async function documentXml(): Promise<string> {
  return strFromU8(unzipSync(await renderDocx(model(), reportTemplate))['word/document.xml']!);
}

describe('DOCX accessibility', () => {
  it("gives the picture the figure's alt text as title and description, the long description after it", async () => {
    const xml = await documentXml();
    // Line breaks as character references (a raw one in an attribute reads as a space).
    const raw = /<wp:docPr [^>]*descr="([^"]*)"/.exec(xml)?.[1];
    expect(raw).not.toMatch(/\n/);
    const descr = raw?.replace(/&#10;|&#xA;/gi, '\n');
    expect(descr).toBe('矢印で結ばれた三つの箱\n\n左から右へ、調査、協議、合意。');
    expect(xml).toContain('title="矢印で結ばれた三つの箱"');
  });

  it('repeats a row header where the source leaves its cell blank, and marks the first column', async () => {
    const xml = await documentXml();
    expect(xml).toContain('w:firstColumn="true"');
    const table = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(xml)![0];
    const rows = [...table.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('|'));
    expect(rows).toEqual(['区分|内容', '関税|15%', '関税|無税']);
    // A row's header is set as a heading in a style of its own, not the column headings' (which keep with
    // the next row: a table of row headers would be one chain moved whole; see render.test.ts).
    const bodyRows = [...table.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].slice(1).map((m) => m[0]);
    for (const r of bodyRows) {
      expect(r).toContain('<w:pStyle w:val="TableRowHeading"/>');
      expect(r).not.toContain('TableHeading"');
    }
    const model = (rows: string[][]) => ({ align: [], header: { cells: [] }, rows: rows.map((cells) => ({ cells: cells.map((v) => ({ children: v ? [t(v)] : [] })) })) });
    expect(withRepeatedRowHeaders(model([['', 'x']]), 1)[0]!.cells[0]!.children).toEqual([]);
    // A blank under a new group of the column to its left starts no repeat of the group above it (as the other editions group the rows).
    const repeated = withRepeatedRowHeaders(
      model([
        ['東', 'A', '1'],
        ['', '', '2'],
        ['西', '', '3'],
        ['', 'B', '4'],
      ]),
      2,
    ).map((r) => r.cells.map((c) => (c.children[0] as { value?: string } | undefined)?.value ?? ''));
    expect(repeated).toEqual([
      ['東', 'A', '1'],
      ['東', 'A', '2'],
      ['西', '', '3'],
      ['西', 'B', '4'],
    ]);
  });

  it('prints a URL as it is, with no characters inserted', async () => {
    const xml = await documentXml();
    expect(xml).not.toContain('\u200b');
    expect(xml).toContain(`<w:t xml:space="preserve">${url.replace(/&/g, '&amp;')}</w:t>`);
  });
});
