import type { Inline } from '@brief/document-model';
import { describe, expect, it } from 'vitest';
import { fillLayout } from './layout.js';

const t = (value: string): Inline[] => [{ kind: 'text', value }];
const flat = (inlines: readonly Inline[]): string => inlines.map((n) => (n.kind === 'text' ? n.value : 'children' in n ? flat(n.children as Inline[]) : '')).join('');

describe('values printed one after the other', () => {
  it('get a space when they would read as one Latin word', () => {
    expect(flat(fillLayout('{a}{b}', { a: t('Kindle'), b: t('3頁') }))).toBe('Kindle 3頁');
    expect(flat(fillLayout('[{a}][{b}]', { a: t('Cong.'), b: t('Committee on Finance') }))).toBe('Cong. Committee on Finance');
    expect(flat(fillLayout('{a}*{b}*', { a: t('Yūko Tanaka'), b: t('Email') }))).toBe('Yūko Tanaka Email');
  });

  it('stay together in Japanese, after a bracket, and where the layout writes text between them', () => {
    expect(flat(fillLayout('{a}{b}', { a: t('東京大学'), b: t('博士論文') }))).toBe('東京大学博士論文');
    expect(flat(fillLayout('({a}){b}', { a: t('2020.3'), b: t('3頁') }))).toBe('(2020.3)3頁');
    expect(flat(fillLayout('第{a}巻', { a: t('12') }))).toBe('第12巻');
    expect(flat(fillLayout('Patent{a}', { a: t('7') }))).toBe('Patent7');
    expect(flat(fillLayout('{a}[{b}]{c}', { a: t('Smith'), c: t('2020') }))).toBe('Smith 2020');
  });
});
