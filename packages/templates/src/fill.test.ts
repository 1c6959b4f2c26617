import type { Inline } from '@brief/document-model';
import { describe, expect, it } from 'vitest';
import { fillInlines, headingNumber } from './index.js';
import { reportTemplate } from './report.js';

const t = (value: string): Inline => ({ kind: 'text', value });

describe('patterns filled with inline content', () => {
  it('joins text around string values and inserts inline values', () => {
    expect(fillInlines('{label}　{caption}', { label: '図表1', caption: [t('表題')] })).toEqual([t('図表1　'), t('表題')]);
    expect(fillInlines('Source: {text}', { text: [t('x')] })).toEqual([t('Source: '), t('x')]);
    expect(fillInlines('{label}. {caption}', { label: 'Figure 2', caption: [t('A'), t('B')] })).toEqual([t('Figure 2. '), t('A'), t('B')]);
  });

  it('keeps unknown placeholders as written', () => {
    expect(fillInlines('{a}{missing}!', { a: 'x' })).toEqual([t('x{missing}!')]);
  });
});

describe('heading labels', () => {
  it('join the number and the level separator once', () => {
    const ja = reportTemplate.numbering.ja!;
    expect(headingNumber(ja, 1, [1, 0, 0])).toEqual({ number: '1.', label: `1.${ja.separator?.[0] ?? ''}`, refLabel: expect.any(String) });
    const unnumbered = { ...ja, heading: ['', '', ''] as [string, string, string] };
    expect(headingNumber(unnumbered, 1, [1, 0, 0]).label).toBe('');
  });
});
