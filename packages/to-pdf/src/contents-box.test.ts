/**
 * The contents on the title page: an entry too long for one line breaks
 * where its text does and hangs under the text after its number, inside the
 * box; italics in a heading stay italic there.
 */
import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Block, Inline } from '@brief/document-model';
import { reportTemplate } from '@brief/templates';
import { renderPdf } from './index.js';
import { testDocument } from './test-context.js';

const heading = (id: string, n: number, children: Inline[]): Block => ({ kind: 'heading', level: 1, id, number: `${n}.`, refLabel: `${n}.`, label: `${n}. `, children }) as unknown as Block;
const para: Block = { kind: 'paragraph', children: [{ kind: 'text', value: '本文。' }] };
const long = 'サイバー対処能力強化法及び同整備法の概要――官民連携、通信情報の利用、アクセス・無害化措置の3本柱とその運用体制について';

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  font: string;
}

async function firstPage(doc: ReturnType<typeof testDocument>): Promise<{ items: Item[]; width: number }> {
  const pdf = await getDocument({ data: await renderPdf(doc, reportTemplate), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const page = await pdf.getPage(1);
  const items = (await page.getTextContent()).items.flatMap((it) =>
    'str' in it && it.str.trim() !== '' ? [{ str: it.str, x: it.transform[4]!, y: it.transform[5]!, width: it.width, font: it.fontName }] : [],
  );
  const width = page.view[2]!;
  await pdf.destroy();
  return { items, width };
}

describe('the contents on the title page', () => {
  it('breaks a long entry inside the box, its later lines hanging under the text', async () => {
    const doc = testDocument('ja', [heading('h1', 1, [{ kind: 'text', value: 'はじめに' }]), para, heading('h2', 2, [{ kind: 'text', value: long }]), para]);
    const { items, width } = await firstPage(doc);
    const entry = items.filter((it) => long.includes(it.str.trim()) || it.str.startsWith('2.'));
    // The entry's text is all there, in the contents (before the body's heading, which repeats it).
    const inBox = items.slice(
      0,
      items.findIndex((it) => it.str.trim() === '本文。'),
    );
    expect(
      inBox
        .map((it) => it.str)
        .join('')
        .replace(/\s/g, ''),
    ).toContain(long.replace(/\s/g, ''));
    for (const it of inBox) expect(it.x + it.width).toBeLessThan(width - 50);
    const lines = [...new Set(inBox.filter((it) => entry.includes(it) && !it.str.startsWith('2.')).map((it) => Math.round(it.y)))];
    expect(lines.length).toBeGreaterThan(1);
    const starts = lines.map((y) => Math.min(...inBox.filter((it) => Math.round(it.y) === y && !it.str.startsWith('2.')).map((it) => it.x)));
    const number = inBox.find((it) => it.str.startsWith('2.'))!;
    // Later lines start where the first line's text does, after the number.
    for (const x of starts.slice(1)) expect(x).toBeGreaterThan(number.x + 3);
  });

  it('keeps a heading’s italics', async () => {
    const doc = testDocument('en', [
      heading('h1', 1, [
        { kind: 'text', value: 'The reach of ' },
        { kind: 'emphasis', children: [{ kind: 'text', value: 'Marbury' }] },
      ]),
      { kind: 'paragraph', children: [{ kind: 'text', value: 'Body.' }] },
    ]);
    const { items } = await firstPage(doc);
    const [reach, marbury] = [items.find((it) => it.str.includes('The reach of'))!, items.find((it) => it.str.includes('Marbury'))!];
    expect(marbury.font).not.toBe(reach.font);
  });

  it('makes an entry one link: a Reference holding one Link element (its Latin run a Span inside it), every annotation naming the whole entry', async () => {
    const doc = testDocument('ja', [heading('h1', 1, [{ kind: 'text', value: '防災DXの展開' }]), para]);
    const pdf = await getDocument({ data: await renderPdf(doc, reportTemplate), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
    const page = await pdf.getPage(1);
    interface Node {
      role?: string;
      children?: Node[];
    }
    const tree = (await page.getStructTree()) as Node;
    const annotations = (await page.getAnnotations()) as { subtype: string; contentsObj?: { str: string } }[];
    await pdf.destroy();
    const find = (n: Node, role: string): Node | undefined => (n.role === role ? n : n.children?.map((c) => find(c, role)).find(Boolean));
    const entry = find(tree, 'TOCI')!;
    // ISO 32000-1 14.8.4.3.2: a TOCI holds Lbl, Reference, NonStruct, P or TOC, not a Link itself.
    expect(entry.children?.map((c) => c.role)).toEqual(['Reference']);
    expect(entry.children?.[0]?.children?.map((c) => c.role)).toEqual(['Link']);
    expect(find(entry, 'Span')).toBeDefined();
    const named = annotations.filter((a) => a.subtype === 'Link').map((a) => a.contentsObj?.str);
    expect(named.length).toBeGreaterThan(1);
    for (const name of named.slice(0, 2)) expect(name?.replace(/\s/g, '')).toBe('1.防災DXの展開');
  });
});
