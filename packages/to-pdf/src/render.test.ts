import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Block, DocumentModel, Inline, Note } from '@brief/document-model';
import { reportTemplate } from '@brief/templates';
import { holdBetweenBuilds, writeWhenIdle } from '@brief/build-cache';
import { layoutDocument, renderPdf } from './index.js';
import { pagesFoundDeflated } from './pdfmake-adapter.js';

const sentence = '米国は同盟国に対して防衛費の大幅な増額を求めており、日本政府は防衛力整備計画の前倒しを検討している。';

/** A synthetic edition: one paragraph whose every sentence calls a long note; one note is longer than a page. */
function manyNotes(count: number): DocumentModel {
  const inlines: Inline[] = [];
  const notes: Note[] = [];
  for (let n = 1; n <= count; n++) {
    inlines.push({ kind: 'text', value: sentence }, { kind: 'noteRef', noteId: `n${n}`, number: n });
    const length = n === 4 ? 120 : 4 + (n % 5) * 3;
    notes.push({
      id: `n${n}`,
      number: n,
      generated: false,
      children: [
        { kind: 'paragraph', children: [{ kind: 'text', value: sentence.repeat(length) }] },
        { kind: 'paragraph', children: [{ kind: 'text', value: `第${n}注の二段落目。${sentence}` }] },
      ],
    });
  }
  const body: Block[] = [
    { kind: 'heading', level: 1, id: 'sec-a', number: '1.', label: '1. ', refLabel: '1.', children: [{ kind: 'text', value: 'はじめに' }] },
    { kind: 'paragraph', children: inlines },
    ...Array.from({ length: 30 }, (): Block => ({ kind: 'paragraph', children: [{ kind: 'text', value: sentence.repeat(3) }] })),
  ];
  return {
    kind: 'document',
    meta: { id: 'synthetic', lang: 'ja', languages: ['ja'], title: '多数の長い注', authors: [{ name: '著者' }], published: '2026-03-16', notices: [] },
    sourceDir: '/nonexistent',
    body,
    notes,
  };
}

describe('PDF writer on a page of many long notes', () => {
  const doc = manyNotes(14);

  it('places every line of every note, in order, and each note on its mark page unless it cannot fit', () => {
    const laid = layoutDocument(doc, reportTemplate);
    const lines = new Map<number, number>();
    let last = 0;
    laid.pagination.pages.forEach((page) => {
      for (const seg of page.notes) {
        expect(seg.number).toBeGreaterThanOrEqual(last);
        last = seg.number;
        lines.set(seg.number, (lines.get(seg.number) ?? 0) + seg.to - seg.from);
      }
    });
    for (const note of laid.notes) expect(lines.get(note.number), `note ${note.number}`).toBe(note.lines.length);
    // Only notes queued behind the note longer than a page may leave the page of their mark.
    for (const d of laid.pagination.displaced) expect(d.number).toBeGreaterThan(4);
    expect(laid.notes.find((n) => n.number === 4)!.lines.length).toBeGreaterThan(60);
  });

  it('renders the same bytes twice', async () => {
    const a = await renderPdf(doc, reportTemplate);
    const b = await renderPdf(doc, reportTemplate);
    expect(a.length).toBeGreaterThan(10_000);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  }, 60_000);

  it('deflates a page drawn again once, in a thread that holds between builds, with the same bytes', async () => {
    // The last paragraph edited: the pages before it are drawn as they were.
    const edited: DocumentModel = { ...doc, body: [...doc.body.slice(0, -1), { kind: 'paragraph', children: [{ kind: 'text', value: '編集した段落。' }] }] };
    const plain = await renderPdf(edited, reportTemplate);
    holdBetweenBuilds();
    try {
      await renderPdf(doc, reportTemplate);
      const before = pagesFoundDeflated();
      const again = await renderPdf(edited, reportTemplate);
      expect(Buffer.from(again).equals(Buffer.from(plain))).toBe(true);
      const pages = layoutDocument(edited, reportTemplate).pagination.pages.length;
      const found = pagesFoundDeflated() - before;
      expect(found).toBeGreaterThan(0);
      expect(found).toBeLessThan(pages);
    } finally {
      writeWhenIdle();
      holdBetweenBuilds(false);
    }
  }, 60_000);
});

describe('a note without printable content', () => {
  it('still prints its number', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { readSource } = await import('@brief/source-reader');
    const dir = mkdtempSync(join(tmpdir(), 'empty-note-'));
    writeFileSync(join(dir, 'brief.yaml'), 'id: e\nlanguages: [ja]\ntitle: t\nauthors: [{name: a}]\npublished: 2026-01-01\n');
    writeFileSync(join(dir, 'ja.md'), '本文[^a]\n\n[^a]: *\n');
    const read = readSource(dir);
    const bytes = await renderPdf(read.editions[0]!, read.template);
    expect(bytes.length).toBeGreaterThan(1000);
  });
});

describe('a table over several pages with a note mark in its header', () => {
  it('repeats the header as an artifact: the mark keeps one destination, the PDF renders', async () => {
    const cell = (value: string, mark = false): { children: Inline[] } => ({ children: [{ kind: 'text', value }, ...(mark ? [{ kind: 'noteRef' as const, noteId: 'h', number: 1 }] : [])] });
    const rows = Array.from({ length: 120 }, (_, i) => ({ cells: [cell(`行${i + 1}`), cell(sentence)] }));
    const doc: DocumentModel = {
      kind: 'document',
      meta: { id: 'table', lang: 'ja', languages: ['ja'], title: '長い表', authors: [{ name: '著者' }], published: '2026-03-16', notices: [] },
      sourceDir: '/nonexistent',
      body: [{ kind: 'table', table: { align: [null, null], header: { cells: [cell('項目', true), cell('内容')] }, rows } }],
      notes: [{ id: 'h', number: 1, generated: false, children: [{ kind: 'paragraph', children: [{ kind: 'text', value: '見出しの注。' }] }] }],
    };
    expect(layoutDocument(doc, reportTemplate).pagination.pages.length).toBeGreaterThan(2);
    // pdfmake refuses a second node with the same id: the copy must not carry it.
    const pdf = await renderPdf(doc, reportTemplate);
    expect(pdf.length).toBeGreaterThan(1000);
  });
});

describe('a table of row groups over several pages', () => {
  it('repeats the label of a group continued at the top of a page', async () => {
    const cell = (value: string): { children: Inline[] } => ({ children: value ? [{ kind: 'text', value }] : [] });
    // Groups of three rows (年, then two blank first cells), long enough to break inside a group somewhere.
    const rows = Array.from({ length: 150 }, (_, i) => ({ cells: [cell(i % 3 === 0 ? `${2000 + i / 3}年` : ''), cell(`${(i % 12) + 1}月`), cell('出来事の説明。')] }));
    const doc: DocumentModel = {
      kind: 'document',
      meta: { id: 'groups', lang: 'ja', languages: ['ja'], title: '年表', authors: [{ name: '著者' }], published: '2026-03-16', notices: [] },
      sourceDir: '/nonexistent',
      body: [{ kind: 'table', table: { align: [null, null, null], header: { cells: [cell('年'), cell('月'), cell('事項')] }, rows, rowHeaderColumns: 1 } }],
      notes: [],
    };
    const pdf = await getDocument({ data: await renderPdf(doc, reportTemplate), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
    let continued = 0;
    for (let p = 2; p <= pdf.numPages; p++) {
      const items = ((await (await pdf.getPage(p)).getTextContent()).items.filter((it) => 'str' in it && it.str.trim() !== '') as { str: string }[]).map((it) => it.str);
      // The first row after the repeated header (年 月 事項) begins with its group's year, also when it continues a group.
      const k = items.indexOf('事項');
      const end = items.indexOf('出来事の説明。', k);
      const first = items.slice(k + 1, end).join('');
      expect(first, `page ${p}`).toMatch(/^\d{4}年\d+月$/);
      if (![1, 4, 7, 10].includes(Number(/年(\d+)月/.exec(first)?.[1]))) continued++;
    }
    await pdf.destroy();
    expect(pdf.numPages).toBeGreaterThan(2);
    expect(continued).toBeGreaterThan(0);
  });
});
