/**
 * A table too wide to set every cell on one line shares the measure by its
 * rows' content: long column heads wrap, and the rows below stay one line
 * each where they can.
 */
import { describe, expect, it } from 'vitest';
import type { Block, Inline } from '@brief/document-model';
import { reportTemplate } from '@brief/templates';
import { layoutDocument } from './layout.js';
import { testDocument } from './test-context.js';

const text = (value: string): Inline => ({ kind: 'text', value });
const cells = (values: string[]) => ({ cells: values.map((v) => ({ children: [text(v)] })) });

describe('column widths of a wide table', () => {
  it('wrap the long heads, not the short rows under them', () => {
    const table = {
      kind: 'table',
      table: {
        align: [null, 'right', 'right', null, null, null],
        header: cells(['Technology', 'Capital cost per location', 'Monthly cost to subscriber', 'Typical download and upload (Mbps)', 'Expected asset life', 'Latency']),
        rows: [
          cells(['Fibre-to-the-premises', '$4,000–$25,000', '$65–$90', '1,000 / 1,000', '30–40 years', '5–15 ms']),
          cells(['Hybrid fibre-coaxial', '$3,000–$12,000', '$55–$80', '1,000 / 35', '15–20 years', '10–25 ms']),
          cells(['Low-earth-orbit satellite', '$600–$1,200', '$80–$120', '100–250 / 10–20', '5 years', '25–60 ms']),
        ],
      },
    } as unknown as Block;
    const page = layoutDocument(testDocument('en', [table]), reportTemplate).pagination.pages[0]!;
    const rows = page.body.filter((b) => b.box.repeatAtTop !== undefined).map((b) => b.box.height);
    expect(rows).toHaveLength(3);
    const oneLine = Math.min(...rows);
    expect(rows).toEqual([oneLine, oneLine, oneLine]);
    const head = page.body.find((b) => b.box.keepWithNext && b.box.height > oneLine);
    expect(head).toBeDefined();
  });

  it('leave a narrow column of figures room for its head’s longest word when the table has it', () => {
    const table = {
      kind: 'table',
      table: {
        align: [null, null, null, 'right', 'right', 'right', 'right', null],
        header: cells(['Country', 'Scheme', 'Allocation', 'Speed floor (Mbit/s)', 'Budget (USD bn)', 'Lines (thousand)', 'Cost per line (USD)', 'Verification']),
        rows: [
          cells(['Japan', 'Optical fibre maintenance grant', 'Application', '1,000', '1.9', '410', '4,634', 'Site inspection']),
          cells(['United States', 'Rural Digital Opportunity Fund', 'Reverse auction', '25', '9.2', '5,200', '1,769', 'Sample testing']),
        ],
      },
    } as unknown as Block;
    const laid = layoutDocument(testDocument('en', [table]), reportTemplate);
    const texts: string[] = [];
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node && typeof node === 'object') {
        const t = (node as { text?: unknown }).text;
        if (typeof t === 'string') texts.push(t);
        else collect(t);
      }
    };
    collect(laid.pages);
    // Not "(tho" / "u-" / "sand)": the column is as wide as "(thousand)", and the wide text columns give way.
    expect(texts.join('|')).toContain('(thousand)');
    expect(texts.filter((t) => /^(\(thou|\(tho|u)-?$/.test(t.trim()))).toEqual([]);
  });

  it('keep short Japanese cells whole and wrap a head between its phrases, not inside its bracket', () => {
    const table = {
      kind: 'table',
      table: {
        align: [null, null, null, null, null],
        header: cells(['事業者', '路線・区間', '輸送密度（人/日）', '協議の枠組み', '状況']),
        rows: [
          cells(['JR北海道', '根室本線（富良野～新得）', '152', '沿線協議会', '2024年3月廃止、バス転換']),
          cells(['JR東日本', '吾妻線（長野原草津口～大前）', '214', '地域の協議', '2024年にバス・乗合タクシー転換合意']),
          cells(['JR西日本', '美祢線（厚狭～長門市）', '477', '再構築協議会（要請中）', '被災により運休、BRT化の方針']),
        ],
      },
    } as unknown as Block;
    const laid = layoutDocument(testDocument('ja', [table]), reportTemplate);
    // The table's text a line at a time, across its cells.
    const runs: { text: string; x: number; y: number }[] = [];
    const collect = (node: unknown, at?: { x: number; y: number }): void => {
      if (Array.isArray(node)) node.forEach((n) => collect(n, at));
      else if (node && typeof node === 'object') {
        const o = node as { text?: unknown; absolutePosition?: { x: number; y: number } };
        const here = o.absolutePosition ?? at;
        if (typeof o.text === 'string' && here) runs.push({ text: o.text, ...here });
        else collect(o.text, here);
      }
    };
    collect(laid.pages);
    const lines = new Map<number, { text: string; x: number }[]>();
    for (const r of runs) lines.set(Math.round(r.y), [...(lines.get(Math.round(r.y)) ?? []), r]);
    const texts = [...lines.values()].map((l) =>
      l
        .sort((a, b) => a.x - b.x)
        .map((r) => r.text)
        .join(''),
    );
    // 輸送密度 / （人/日）, not 輸送 / 密度 / （人/ / 日）.
    expect(texts.find((t) => t.includes('事業者'))).toContain('輸送密度');
    expect(texts.some((t) => t.startsWith('（人/日）'))).toBe(true);
    for (const whole of ['JR北海道', 'JR東日本', '協議の枠組み', '（富良野～新得）', '再構築協議会（要請中）'])
      expect(
        texts.some((t) => t.includes(whole)),
        whole,
      ).toBe(true);
  });
});
