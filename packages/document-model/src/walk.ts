/**
 * One walk over blocks. Every block kind that holds other blocks is listed in
 * `childBlocks` with an exhaustive switch, so a new container kind fails to
 * compile here until the walk descends into it — and with it every writer
 * and rule that walks through `walkBlocks`, `visitBlocks`, `blocksOfKind` or
 * `forEachInlines`.
 */
import { assertNever, type Block, type BlockKind, type Inline, type Table } from './index.js';

/** Blocks that hold other blocks. */
export type ContainerBlock = Extract<Block, { kind: 'blockquote' | 'list' }>;

/** Where a block sits in the walk. */
export interface BlockPlace {
  /** 0 for the blocks passed to the walk, 1 inside one of them, … */
  depth: number;
  /** The container holding the block (undefined at depth 0). */
  parent?: ContainerBlock;
  /** Index of the block in its list of siblings. */
  index: number;
  /** The block's siblings (the list it is in). */
  siblings: readonly Block[];
}

/** The lists of blocks directly inside a block (a quote's children, a list's items); none for leaf blocks. */
export function childBlocks(block: Block): readonly (readonly Block[])[] {
  switch (block.kind) {
    case 'blockquote':
      return [block.children];
    case 'list':
      return block.items;
    case 'heading':
    case 'paragraph':
    case 'codeBlock':
    case 'thematicBreak':
    case 'figure':
    case 'table':
      return [];
    default:
      return assertNever(block, 'block');
  }
}

/** What a visit returns: nothing, or `'skip'` to leave a container's contents out. */
// biome-ignore lint/suspicious/noConfusingVoidType: a visit that returns nothing walks on
export type VisitResult = void | 'skip';

/**
 * Visit every block, containers before their contents (depth first, in
 * reading order). Return `'skip'` from `visit` to leave a container's
 * contents out.
 */
export function walkBlocks(blocks: readonly Block[], visit: (block: Block, place: BlockPlace) => VisitResult): void {
  const go = (list: readonly Block[], depth: number, parent: ContainerBlock | undefined) => {
    list.forEach((block, index) => {
      const place: BlockPlace = { depth, index, siblings: list, ...(parent ? { parent } : {}) };
      if (visit(block, place) === 'skip') return;
      const inner = childBlocks(block);
      for (const child of inner) go(child, depth + 1, block as ContainerBlock);
    });
  };
  go(blocks, 0, undefined);
}

/** A visitor with one optional method per block kind, each given its own node type. */
export type BlockVisitor = { [K in BlockKind]?: (block: Extract<Block, { kind: K }>, place: BlockPlace) => VisitResult };

/** `walkBlocks` with a method per kind: kinds without a method are walked through. */
export function visitBlocks(blocks: readonly Block[], visitor: BlockVisitor): void {
  walkBlocks(blocks, (block, place) => {
    const method = visitor[block.kind] as ((b: Block, p: BlockPlace) => VisitResult) | undefined;
    return method?.(block, place);
  });
}

/** Every block of a kind, at any depth, in reading order. */
export function blocksOfKind<K extends BlockKind>(blocks: readonly Block[], kind: K): Extract<Block, { kind: K }>[] {
  const out: Extract<Block, { kind: K }>[] = [];
  walkBlocks(blocks, (block) => {
    if (block.kind === kind) out.push(block as Extract<Block, { kind: K }>);
  });
  return out;
}

/** Every block at any depth (containers and their contents), in reading order. */
export function allBlocks(blocks: readonly Block[]): Block[] {
  const out: Block[] = [];
  walkBlocks(blocks, (block) => {
    out.push(block);
  });
  return out;
}

function tableInlines(table: Table): Inline[][] {
  return [table.header, ...table.rows].flatMap((row) => row.cells.map((cell) => cell.children));
}

/** The inline lists a block holds itself (not those of blocks inside it), in reading order. */
export function ownInlines(block: Block): Inline[][] {
  switch (block.kind) {
    case 'heading':
    case 'paragraph':
      return [block.children];
    case 'figure':
      return [block.caption, ...(block.remarks ?? []), ...(block.sourceNote ? [block.sourceNote] : []), ...(block.body.kind === 'table' ? tableInlines(block.body.table) : [])];
    case 'table':
      return tableInlines(block.table);
    case 'blockquote':
    case 'list':
    case 'codeBlock':
    case 'thematicBreak':
      return [];
    default:
      return assertNever(block, 'block');
  }
}

/** Visit every inline list in blocks (paragraphs, headings, captions, cells), at any depth, in reading order. */
export function forEachInlines(blocks: readonly Block[], visit: (inlines: Inline[]) => void): void {
  walkBlocks(blocks, (block) => {
    for (const inlines of ownInlines(block)) visit(inlines);
  });
}
