import { describe, expect, it } from 'vitest';
import type { Block, DocumentModel, Inline, Note } from '@brief/document-model';
import { languageStyle, reportTemplate } from '@brief/templates';
import { bookmarkNames, horizontalMargins } from './index.js';
import { estimatePages } from './pages.js';

const t = (value: string): Inline => ({ kind: 'text', value });
const heading = (id: string, text: string): Block => ({ kind: 'heading', level: 1, id, number: '', label: '', refLabel: '', children: [t(text)] });
/** A Japanese paragraph of `chars` characters (40 to a line in the report's ja text width). */
const para = (chars: number, ...extra: Inline[]): Block => ({ kind: 'paragraph', children: [t('あ'.repeat(chars)), ...extra] });

function doc(body: Block[], notes: Note[] = []): DocumentModel {
  return {
    kind: 'document',
    meta: { id: 'pages', lang: 'ja', languages: ['ja'], title: '試験', authors: [], published: '2026-03-16', notices: [], series: { title: 'S', firstPage: 45 } },
    sourceDir: '/nonexistent',
    body,
    notes,
  };
}

function pages(d: DocumentModel): Map<string, number> {
  const ls = languageStyle(reportTemplate, 'ja');
  const { textWidth } = horizontalMargins(reportTemplate, ls);
  return estimatePages(d, { template: reportTemplate, ls, textWidth, bookmarks: bookmarkNames(d), box: { width: 600, height: 600 } });
}

/** Lines of the report's ja body that fill a page (page height over the line pitch). */
const perPage = Math.floor(((297 - reportTemplate.page.margin.top - reportTemplate.page.margin.bottom) * 72) / 25.4 / (10.5 * 1.75));

describe('estimatePages', () => {
  it('puts a heading on the page its text reaches, counting from the first page number', () => {
    const ls = languageStyle(reportTemplate, 'ja');
    const chars = Math.round(horizontalMargins(reportTemplate, ls).textWidth / 20 / 10.5);
    const one = pages(doc([heading('a', '一'), para(chars * 10), heading('b', '二'), para(10)]));
    expect(one.get('a')).toBe(45);
    expect(one.get('b')).toBe(45);
    // Three pages of text push the next heading to the fourth page.
    const three = pages(doc([heading('a', '一'), para(chars * perPage * 3), heading('b', '二'), para(10)]));
    expect(three.get('b')).toBe(48);
  });

  it('keeps a heading with what follows it, wherever the page ends', () => {
    const ls = languageStyle(reportTemplate, 'ja');
    const chars = Math.round(horizontalMargins(reportTemplate, ls).textWidth / 20 / 10.5);
    let moved = 0;
    for (let lines = perPage - 12; lines <= perPage + 2; lines++) {
      const d = doc([heading('a', '一'), para(lines * chars), heading('b', '二'), heading('c', '三'), para(chars * 5)]);
      const p = pages(d);
      expect(p.get('b'), `${lines} lines`).toBe(p.get('c'));
      if (p.get('b') === 46) moved++;
    }
    expect(moved).toBeGreaterThan(0);
  });

  it('gives notes room at the foot of the page of their mark', () => {
    const ls = languageStyle(reportTemplate, 'ja');
    const chars = Math.round(horizontalMargins(reportTemplate, ls).textWidth / 20 / 10.5);
    const filler = (perPage - 16) * chars;
    const note: Note = { id: 'n', number: 1, generated: false, children: [{ kind: 'paragraph', children: [t('注'.repeat(chars * 12))] }] };
    const without = doc([heading('a', '一'), para(filler), heading('b', '二'), para(chars * 3)]);
    const withNote = doc([heading('a', '一'), para(filler, { kind: 'noteRef', noteId: 'n', number: 1 }), heading('b', '二'), para(chars * 3)], [note]);
    expect(pages(without).get('b')).toBe(45);
    expect(pages(withNote).get('b')).toBe(46);
  });
});
