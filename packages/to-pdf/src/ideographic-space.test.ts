/**
 * A full-width space (U+3000) is printed where it stands: it is a blank of
 * one em (JLReq cl-14), not a Japanese letter, so no quarter em is set
 * between it and Latin text; and a run that begins with it is not moved left
 * (pdfmake cuts leading whitespace, which in JavaScript includes U+3000).
 */
import { textContext } from './test-context.js';
import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { DocumentModel, Inline } from '@brief/document-model';
import { reportTemplate } from '@brief/templates';
import { cjkClass } from './chars.js';
import { composeInlines } from './compose.js';
import { atomize, gapBetween } from './inlines.js';
import { renderPdf } from './index.js';

const ja = textContext({ size: 9 });
const text = (value: string): Inline => ({ kind: 'text', value });
const head = '調査と情報―ISSUE BRIEF―　第1285号　2026年3月16日';
const caption = '状況　（2026年3月末時点）';

describe('a full-width space', () => {
  it('is its own class, not a letter', () => {
    expect(cjkClass('\u3000')).toBe('space');
  });

  it('keeps its place and gets no space between scripts beside it', () => {
    for (const value of [head, caption, '第1285号　2026年']) {
      const atoms = atomize([text(value)], ja);
      expect(atoms.map((a) => a.text).join('')).toBe(value.replace(/ /g, ''));
      atoms.forEach((a, k) => {
        const b = atoms[k + 1];
        if (b && (a.text === '\u3000' || b.text === '\u3000')) expect(gapBetween(a, b, ja).natural, `${a.text}|${b.text}`).toBe(0);
      });
    }
  });

  it('is composed in place, one em wide', () => {
    const [line] = composeInlines([text(head)], ja, { width: 400, firstIndent: 0, restIndent: 0, justify: false, align: 'left', avoidShortLast: false });
    expect(line!.runs.map((r) => r.text).join('')).toBe(head);
  });

  it('is drawn where it stands in the running head (a run that begins with it is not moved left)', async () => {
    const doc: DocumentModel = {
      kind: 'document',
      meta: {
        id: 'space',
        lang: 'ja',
        languages: ['ja'],
        title: `状況　報告`,
        authors: [{ name: '著者' }],
        published: '2026-03-16',
        notices: [],
        series: { title: '調査と情報―ISSUE BRIEF―', issue: 1285 },
      },
      sourceDir: '/nonexistent',
      body: Array.from({ length: 60 }, () => ({ kind: 'paragraph' as const, children: [text(`ISSUE　${caption}を参照。`)] })),
      notes: [],
    };
    const pdf = await getDocument({ data: await renderPdf(doc, reportTemplate), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
    const heads: { gapBefore: number; gapAfter: number; em: number }[] = [];
    for (let p = 1; p <= pdf.numPages; p++) {
      const content = await (await pdf.getPage(p)).getTextContent();
      const items = (content.items.filter((it) => 'str' in it && it.str.trim() !== '') as { str: string; transform: number[]; width: number }[]).map((it) => ({
        str: it.str,
        x: it.transform[4]!,
        end: it.transform[4]! + it.width,
        em: Math.hypot(it.transform[0]!, it.transform[1]!),
      }));
      // The running head: …BRIEF― 　第 1285号: a full em of blank before 第, a quarter em between 第 and 1285.
      // The dash (a Japanese character) may be an item of its own after BRIEF.
      const k = items.findIndex((it, i) => it.str.endsWith('BRIEF―') || (it.str === '―' && items[i - 1]?.str.endsWith('BRIEF')));
      const [brief, dai, number] = [items[k], items[k + 1], items[k + 2]];
      if (k >= 0 && dai?.str === '第' && number?.str === '1285') heads.push({ gapBefore: dai.x - brief!.end, gapAfter: number.x - dai.end, em: dai.em });
    }
    await pdf.destroy();
    expect(heads.length).toBeGreaterThan(0);
    for (const h of heads) {
      expect(h.gapBefore).toBeCloseTo(h.em, 2);
      expect(h.gapAfter).toBeCloseTo(h.em * ja.interScriptEm, 2);
    }
  });
});
