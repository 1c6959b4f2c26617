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
