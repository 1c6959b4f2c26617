import { describe, expect, it } from 'vitest';
import type { Block } from '@brief/document-model';
import { markAttributions } from './attributions.js';

const para = (value: string): Block => ({ kind: 'paragraph', children: [{ kind: 'text', value }] });

describe('a quotation’s attribution', () => {
  it('is its last paragraph when that begins with a dash, and only then', () => {
    const quote = (...children: Block[]): Block => ({ kind: 'blockquote', children });
    const body = [quote(para('Words.'), para('— Kathleen Scanlon, 2024')), quote(para('— A quotation that is only a dash line.')), quote(para('Words.'), para('More words.'))];
    markAttributions(body);
    const flags = body.map((b) => (b.kind === 'blockquote' ? b.children.map((c) => (c.kind === 'paragraph' ? c.attribution === true : false)) : []));
    expect(flags).toEqual([[false, true], [false], [false, false]]);
  });
});

describe('the attribution’s dash', () => {
  it('is the template’s, whatever dash was typed: ja ―― with no space, en — and a space', () => {
    const quote = (dash: string): Block[] => [{ kind: 'blockquote', children: [para('言葉。'), para(`${dash}平井卓也大臣`)] }];
    const first = (body: Block[]) => {
      const b = body[0]!;
      const p = b.kind === 'blockquote' ? b.children[1] : undefined;
      return p?.kind === 'paragraph' && p.children[0]?.kind === 'text' ? p.children[0].value : '';
    };
    for (const typed of ['— ', '―', '– ', '—\u3000']) {
      const ja = quote(typed);
      markAttributions(ja, '――');
      expect(first(ja)).toBe('――平井卓也大臣');
      const en = quote(typed);
      markAttributions(en, '— ');
      expect(first(en)).toBe('— 平井卓也大臣');
    }
  });
});
