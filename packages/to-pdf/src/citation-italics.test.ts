/**
 * In a Japanese edition, whose running face has no italic, emphasis sets
 * Japanese in the Gothic face, upright, and Latin (a work's title) in a
 * Latin italic; in a citation (a foreign work, cited as English notes cite
 * it) its Japanese stays in the running face.
 */
import { describe, expect, it } from 'vitest';
import type { Inline } from '@brief/document-model';
import { citationItalicFamily, languageStyle, reportTemplate } from '@brief/templates';
import { atomize } from './inlines.js';
import { textContext } from './test-context.js';

const title: Inline = { kind: 'emphasis', children: [{ kind: 'text', value: 'Cyber War' }] };
const faces = (inlines: Inline[]) =>
  atomize(inlines, textContext({ citationItalicLatin: citationItalicFamily(languageStyle(reportTemplate, 'ja').fonts.body)! }))
    .filter((a) => /\S/.test(a.text))
    .map((a) => `${a.text}:${a.style.face.family}${a.style.face.italics ? '/i' : ''}`);

describe('italics in a Japanese edition', () => {
  it('are a Latin italic for Latin words, in a citation or not; Japanese emphasis is Gothic', () => {
    expect(citationItalicFamily(languageStyle(reportTemplate, 'ja').fonts.body)).toBe('Noto Serif');
    expect(citationItalicFamily(languageStyle(reportTemplate, 'en').fonts.body)).toBeUndefined();
    expect(faces([{ kind: 'citation', items: [{ key: 'rid' }], ibid: false, rendered: [{ kind: 'text', value: 'Rid, ' }, title] } as Inline])).toEqual([
      'Rid,:Noto Serif JP',
      'Cyber:Noto Serif/i',
      'War:Noto Serif/i',
    ]);
    expect(faces([title])).toEqual(['Cyber:Noto Serif/i', 'War:Noto Serif/i']);
    expect(faces([{ kind: 'emphasis', children: [{ kind: 'text', value: '地域' }] }])).toEqual(['地:Noto Sans JP', '域:Noto Sans JP']);
  });
});
