import { describe, expect, it } from 'vitest';
import { allBlocks, blocksOfKind, childBlocks, forEachInlines, inlineText, visitBlocks, walkBlocks, type Block, type Inline } from './index.js';

const t = (value: string): Inline => ({ kind: 'text', value });
const para = (value: string): Block => ({ kind: 'paragraph', children: [t(value)] });
const figure = (id: string): Block => ({
  kind: 'figure',
  id,
  number: 1,
  label: 'Figure 1',
  caption: [t(`caption ${id}`)],
  sourceNote: [t(`source ${id}`)],
  body: { kind: 'table', table: { align: [null], header: { cells: [{ children: [t(`head ${id}`)] }] }, rows: [{ cells: [{ children: [t(`cell ${id}`)] }] }] } },
});

/** Every container kind, nested in every other. */
const blocks: Block[] = [
  { kind: 'heading', level: 1, id: 'h', number: '1.', label: '1. ', refLabel: '1.', children: [t('heading')] },
  para('top'),
  {
    kind: 'blockquote',
    children: [para('quoted'), { kind: 'list', ordered: false, start: 1, items: [[para('item in quote'), figure('fig-q')]] }],
  },
  {
    kind: 'list',
    ordered: true,
    start: 3,
    items: [
      [para('one')],
      [
        { kind: 'blockquote', children: [figure('fig-l')] },
        { kind: 'codeBlock', value: 'x' },
      ],
    ],
  },
  { kind: 'thematicBreak' },
  { kind: 'table', table: { align: [null], header: { cells: [{ children: [t('th')] }] }, rows: [] } },
];

describe('one walk over blocks', () => {
  it('visits every block, containers before their contents, in reading order', () => {
    const seen: string[] = [];
    walkBlocks(blocks, (b, place) => {
      seen.push(`${place.depth}:${b.kind}`);
    });
    expect(seen).toEqual([
      '0:heading',
      '0:paragraph',
      '0:blockquote',
      '1:paragraph',
      '1:list',
      '2:paragraph',
      '2:figure',
      '0:list',
      '1:paragraph',
      '1:blockquote',
      '2:figure',
      '1:codeBlock',
      '0:thematicBreak',
      '0:table',
    ]);
    expect(allBlocks(blocks)).toHaveLength(seen.length);
  });

  it('gives each block its parent and siblings, and skips a container on request', () => {
    const parents: (string | undefined)[] = [];
    walkBlocks(blocks, (b, place) => {
      if (b.kind === 'figure') parents.push(place.parent?.kind);
      if (b.kind === 'blockquote' && place.depth === 0) return 'skip';
      expect(place.siblings[place.index]).toBe(b);
    });
    expect(parents).toEqual(['blockquote']);
  });

  it('finds blocks of a kind at any depth, typed', () => {
    const figures = blocksOfKind(blocks, 'figure');
    expect(figures.map((f) => f.id)).toEqual(['fig-q', 'fig-l']);
    expect(blocksOfKind(blocks, 'list').map((l) => l.start)).toEqual([1, 3]);
  });

  it('calls the visitor method of each kind with its own node type', () => {
    const out: string[] = [];
    visitBlocks(blocks, {
      heading: (h) => {
        out.push(`h${h.level}`);
      },
      figure: (f) => {
        out.push(f.label);
      },
      list: (l) => (l.ordered ? 'skip' : undefined),
    });
    expect(out).toEqual(['h1', 'Figure 1']);
  });

  it('visits every inline list at any depth (captions, source lines, cells)', () => {
    const texts: string[] = [];
    forEachInlines(blocks, (inlines) => texts.push(inlineText(inlines)));
    expect(texts).toEqual([
      'heading',
      'top',
      'quoted',
      'item in quote',
      'caption fig-q',
      'source fig-q',
      'head fig-q',
      'cell fig-q',
      'one',
      'caption fig-l',
      'source fig-l',
      'head fig-l',
      'cell fig-l',
      'th',
    ]);
  });

  it('knows the children of every container kind and none of leaf kinds', () => {
    for (const b of allBlocks(blocks)) {
      const inner = childBlocks(b);
      if (b.kind === 'blockquote') expect(inner).toEqual([b.children]);
      else if (b.kind === 'list') expect(inner).toBe(b.items);
      else expect(inner).toEqual([]);
    }
  });
});
