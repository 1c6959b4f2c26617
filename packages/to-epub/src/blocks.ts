/**
 * Blocks as XHTML trees (xast): headings, paragraphs, quotes, lists, code,
 * rules, and figures and tables (figures.ts, tables.ts), one a line.
 */
import { assertNever, inlineText, type Block, type HeadingBlock } from '@brief/document-model';
import { x } from 'xastscript';
import { figureNodes } from './figures.js';
import { inlineNodes, type Ctx } from './inlines.js';
import { tableNodes } from './tables.js';
import { line, text, type Fragment } from './markup.js';

/** Printed number, separator and text of a heading (the label, number and separator, is the model's). */
export function headingInner(heading: HeadingBlock, ctx: Ctx): Fragment {
  const children = inlineNodes(heading.children, ctx);
  if (!heading.number) return children;
  return [x('span', { class: 'heading-number' }, heading.number), text(heading.label.slice(heading.number.length)), ...children];
}

/** Plain text of a heading with its label (for titles and navigation). */
export function headingText(heading: HeadingBlock): string {
  return heading.label + inlineText(heading.children);
}

/** Heading element for a level: chapters are h1 in their own document. */
export const headingTag = (level: 1 | 2 | 3): string => `h${level}`;

function headingBlock(heading: HeadingBlock, ctx: Ctx): Fragment {
  return line(x(headingTag(heading.level), { id: heading.id, class: `level-${heading.level}` }, headingInner(heading, ctx)));
}

export function blockNodes(blocks: readonly Block[], ctx: Ctx): Fragment {
  return blocks.flatMap((b) => blockNode(b, ctx));
}

function listItem(item: readonly Block[], ctx: Ctx): Fragment {
  // A tight item (one paragraph) is written without its paragraph element.
  const only = item.length === 1 ? item[0] : undefined;
  if (only?.kind === 'paragraph') return line(x('li', inlineNodes(only.children, ctx)));
  return line(x('li', blockNodes(item, ctx)));
}

function blockNode(block: Block, ctx: Ctx): Fragment {
  switch (block.kind) {
    case 'heading':
      return headingBlock(block, ctx);
    case 'paragraph':
      return line(x('p', inlineNodes(block.children, ctx)));
    case 'blockquote':
      return line(x('blockquote', [text('\n'), ...blockNodes(block.children, ctx)]));
    case 'list': {
      const items = [text('\n'), ...block.items.flatMap((item) => listItem(item, ctx))];
      if (!block.ordered) return line(x('ul', items));
      return line(x('ol', { start: block.start !== 1 ? block.start : undefined }, items));
    }
    case 'codeBlock':
      return line(x('pre', [x('code', { class: block.lang ? `language-${block.lang}` : undefined }, block.value)]));
    case 'thematicBreak':
      return line(x('hr'));
    case 'figure':
      return figureNodes(block, ctx);
    case 'table':
      return line(x('div', { class: 'table-wrap' }, [text('\n'), ...tableNodes(block.table, ctx, undefined)]));
    default:
      return assertNever(block, 'block');
  }
}
