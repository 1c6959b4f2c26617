/**
 * A character the run's face lacks is drawn from the role's first fallback
 * family that has it: in the atoms, in the laid-out page nodes pdfmake
 * draws, and in the PDF itself.
 */
import { describe, expect, it } from 'vitest';
import type { DocumentModel, Inline } from '@brief/document-model';
import { fontFiles, registerFontFamily } from '@brief/fonts';
import { mergeTemplate, reportTemplate, type Template } from '@brief/templates';
import { atomize, type TextContext } from './inlines.js';
import { layoutDocument, renderPdf } from './index.js';
import { createMetrics } from './metrics.js';

// Japanese in the regular face (Mincho), none in the italic (a Latin italic).
registerFontFamily('PDF Test Mixed', { normal: fontFiles('Noto Serif JP').normal, bold: fontFiles('Noto Serif JP').bold, italics: fontFiles('Noto Sans').italics });

const emphasis: Inline[] = [
  { kind: 'text', value: '本文' },
  { kind: 'emphasis', children: [{ kind: 'text', value: '斜体 italic' }] },
];

const ctx = (fallback: string[]): TextContext => ({
  metrics: createMetrics(),
  size: 10,
  fonts: { latin: 'PDF Test Mixed', cjk: 'PDF Test Mixed', fallback },
  emphasisFonts: { latin: 'PDF Test Mixed', cjk: 'PDF Test Mixed', fallback },
  emphasisItalic: true,
  codeFonts: { latin: 'Noto Sans Mono', cjk: 'Noto Sans JP' },
  bold: false,
  color: '#000000',
  linkColor: '#000000',
  superscript: reportTemplate.proportions.superscript.pdf,
  interScriptEm: 0.25,
  maxWidth: 400,
  noteDest: (id) => id,
  markAnchor: () => undefined,
});

const faces = (fallback: string[]) => atomize(emphasis, ctx(fallback)).map((a) => `${a.text}:${a.style.face.family}${a.style.face.italics ? '/i' : ''}`);

describe('fallback families in the PDF writer', () => {
  it('sets the characters the italic face lacks in the fallback family, the rest as before', () => {
    expect(faces([])).toEqual(['本:PDF Test Mixed', '文:PDF Test Mixed', '斜:PDF Test Mixed/i', '体:PDF Test Mixed/i', 'italic:PDF Test Mixed/i']);
    expect(faces(['Noto Sans JP'])).toEqual(['本:PDF Test Mixed', '文:PDF Test Mixed', '斜:Noto Sans JP/i', '体:Noto Sans JP/i', 'italic:PDF Test Mixed/i']);
  });

  it('draws them from the fallback face in the PDF', async () => {
    const template = mergeTemplate<Template>(reportTemplate, {
      fonts: { ja: { body: { family: 'PDF Test Mixed', latin: 'PDF Test Mixed', cjk: 'PDF Test Mixed', generic: 'serif', fallback: ['Noto Sans JP'] } } },
      titleBlock: { showContents: false, showSeries: false },
    });
    const doc: DocumentModel = {
      kind: 'document',
      meta: { id: 'fallback', lang: 'ja', languages: ['ja'], title: '題', authors: [{ name: '著者' }], published: '2026-03-16', notices: [] },
      sourceDir: '/nonexistent',
      body: [{ kind: 'paragraph', children: emphasis }],
      notes: [],
    };
    const inlines: { text: string; font: string; italics?: boolean }[] = [];
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node && typeof node === 'object') {
        const o = node as Record<string, unknown>;
        if (typeof o.text === 'string' && typeof o.font === 'string') inlines.push({ text: o.text, font: o.font, ...(o.italics ? { italics: true } : {}) });
        Object.values(o).forEach(collect);
      }
    };
    collect(layoutDocument(doc, template).pages);
    const drawn = inlines.filter((i) => /[斜体]/.test(i.text));
    expect(drawn.length).toBeGreaterThan(0);
    for (const i of drawn) expect(i).toMatchObject({ font: 'Noto Sans JP' });
    // The PDF embeds the Gothic face (its only text is the emphasised kanji) beside the Mincho body face.
    const pdf = Buffer.from(await renderPdf(doc, template)).toString('latin1');
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansJP-Regular/);
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifJP-Regular/);
  });
});
