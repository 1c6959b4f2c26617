/** A picture's alternative text in the tagged PDF: its own, else the image's, else its caption; then its long description. */
import { describe, expect, it } from 'vitest';
import type { FigureBlock } from '@brief/document-model';
import { figureAlt } from './figures.js';

const figure = (extra: Partial<FigureBlock>): FigureBlock => ({
  kind: 'figure',
  id: 'fig-a',
  number: 1,
  label: 'Figure 1',
  caption: [{ kind: 'text', value: 'Flows' }],
  body: { kind: 'image', image: { path: '/x.svg', src: 'x.svg', mediaType: 'image/svg+xml', alt: 'image text' } },
  ...extra,
});

describe('figureAlt', () => {
  it('takes the figure’s text, else the image’s, else the caption', () => {
    expect(figureAlt(figure({ alt: 'Three boxes' }))).toBe('Three boxes');
    expect(figureAlt(figure({}))).toBe('image text');
    expect(figureAlt(figure({ body: { kind: 'image', image: { path: '/x.svg', src: 'x.svg', mediaType: 'image/svg+xml', alt: '' } } }))).toBe('Figure 1 Flows');
  });

  it('adds the long description after the short text, as the page does not print it', () => {
    const described = figure({ alt: 'Three boxes', description: [{ kind: 'paragraph', children: [{ kind: 'text', value: 'Left to right: survey, talks, deal.' }] }] });
    expect(figureAlt(described)).toBe('Three boxes\n\nLeft to right: survey, talks, deal.');
  });
});
