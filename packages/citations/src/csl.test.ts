/**
 * A CSL style file named by the template renders an edition's citations
 * with citeproc-js (bundled en-US and ja-JP locales), read back into inlines.
 */
import { join } from 'node:path';
import { languageStyle, reportTemplate } from '@brief/templates';
import type { Inline } from '@brief/document-model';
import { describe, expect, it } from 'vitest';
import { htmlToInlines, renderWithCsl, toCslJson } from './csl.js';
import { renderCitation, unprintedFields } from './render.js';
import { emptyLibrary, type CslItem, type ReferenceLibrary } from './types.js';

const style = join(import.meta.dirname, '../test/csl/simple-note.csl');
const library = emptyLibrary();
const items: CslItem[] = [
  {
    id: 'smith',
    type: 'book',
    author: [{ family: 'Smith', given: 'Anna' }],
    title: { ja: '財政規律', en: 'Fiscal Rules' },
    publisher: { ja: 'オックスフォード大学出版局', en: 'Oxford University Press' },
    issued: '2020',
    URL: 'https://example.org/fiscal-rules',
  },
  { id: 'yamada', type: 'book', author: [{ family: { ja: '山田', en: 'Yamada' }, given: { ja: '花子', en: 'Hanako' }, 'static-ordering': true }], title: 'Local Finance', issued: 2021 },
];
for (const item of items) library.items.set(item.id, item);

function flat(inlines: readonly Inline[]): string {
  return inlines
    .map((n) => (n.kind === 'text' ? n.value : n.kind === 'emphasis' ? `*${flat(n.children)}*` : n.kind === 'link' ? `<${flat(n.children)}>` : 'children' in n ? flat(n.children as Inline[]) : ''))
    .join('');
}

describe('CSL style files', () => {
  it('flatten items per language', () => {
    expect(toCslJson(items[0]!, 'en')).toEqual({
      id: 'smith',
      type: 'book',
      author: [{ family: 'Smith', given: 'Anna' }],
      title: 'Fiscal Rules',
      publisher: 'Oxford University Press',
      issued: { 'date-parts': [[2020]] },
      URL: 'https://example.org/fiscal-rules',
    });
    expect(toCslJson(items[1]!, 'en').author).toEqual([{ literal: 'Yamada Hanako' }]);
  });

  it('render with the style, locator and link', () => {
    const out = renderWithCsl([{ key: 'smith', locator: 'p. 33' }], style, 'en', library)!;
    expect(flat(out)).toBe('Anna Smith, *Fiscal Rules*, Oxford University Press (2020), p. 33, <https://example.org/fiscal-rules>.');
    expect(out).toContainEqual({ kind: 'link', url: 'https://example.org/fiscal-rules', children: [{ kind: 'text', value: 'https://example.org/fiscal-rules' }] });
  });

  it('hand italics written in a title to citeproc-js, which sets them in roman inside an italic title', () => {
    const lib: ReferenceLibrary = { ...library, items: new Map(library.items) };
    lib.items.set('fed', { id: 'fed', type: 'book', title: 'Reading *The Federalist* Now', publisher: 'Oxford University Press', issued: 2019 } as never);
    expect(toCslJson(lib.items.get('fed')!, 'en').title).toBe('Reading <i>The Federalist</i> Now');
    expect(flat(renderWithCsl([{ key: 'fed' }], style, 'en', lib)!)).toContain('*Reading *The Federalist* Now*');
  });

  it('render in ja with the ja-JP locale, and leave the author out for [-@key]', () => {
    // citeproc-js sets no italics on Japanese text.
    expect(flat(renderWithCsl([{ key: 'smith', suppressAuthor: true }], style, 'ja', library)!)).toBe('財政規律, オックスフォード大学出版局 (2020), <https://example.org/fiscal-rules>.');
  });

  it('take over renderCitation for a language whose template names a style; ibid stays the pipeline’s', () => {
    const ctx = { lang: 'en', style: { ...languageStyle(reportTemplate, 'en'), cslStyle: style }, library, endsParagraph: true };
    expect(flat(renderCitation([{ key: 'smith' }, { key: 'yamada' }], false, ctx))).toBe(
      'Anna Smith, *Fiscal Rules*, Oxford University Press (2020), <https://example.org/fiscal-rules>; Yamada Hanako, *Local Finance*, (2021).',
    );
    expect(flat(renderCitation([{ key: 'smith', locator: 'p. 4' }], true, ctx))).toBe('Ibid., 4.');
    expect(unprintedFields(items[0]!, ctx)).toEqual([]);
  });

  it('fall back to the house style when the style cannot be read', () => {
    expect(renderWithCsl([{ key: 'smith' }], join(import.meta.dirname, 'no-such.csl'), 'en', library)).toBeUndefined();
  });

  it('read citeproc HTML into inlines', () => {
    expect(htmlToInlines('A &amp; B, <i>T</i>, <span style="font-style:italic;">U</span>, <b>V</b>, <a href="https://x.example/">x</a>&#38;')).toEqual([
      { kind: 'text', value: 'A & B, ' },
      { kind: 'emphasis', children: [{ kind: 'text', value: 'T' }] },
      { kind: 'text', value: ', ' },
      { kind: 'emphasis', children: [{ kind: 'text', value: 'U' }] },
      { kind: 'text', value: ', ' },
      { kind: 'strong', children: [{ kind: 'text', value: 'V' }] },
      { kind: 'text', value: ', ' },
      { kind: 'link', url: 'https://x.example/', children: [{ kind: 'text', value: 'x' }] },
      { kind: 'text', value: '&' },
    ]);
  });
});
