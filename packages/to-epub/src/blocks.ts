/**
 * Blocks as XHTML trees (xast): headings, paragraphs, quotes, lists, code,
 * rules, and figures and tables (figures.ts, tables.ts), one a line.
 */
import { assertNever, inlineText, type Block, type HeadingBlock, type HeadingLevel, type Inline } from '@brief/document-model';
import { codeHangChars, taskBox } from '@brief/templates';
import { x } from 'xastscript';
import { figureNodes } from './figures.js';
import { inlineNodes, type Ctx } from './inlines.js';
import { tableNodes } from './tables.js';
import { line, text, type Fragment } from './markup.js';
import { pageMarker, withPageMarks, type PageMark } from './pages.js';

/** Page-break markers of a block, split into those at its start and those inside its text. */
function marksOf(block: Block, ctx: Ctx): { start: Fragment; inner: PageMark[] } {
  const marks = ctx.pages?.get(block) ?? [];
  return { start: marks.filter((m) => m.offset === 0).map(pageMarker), inner: marks.filter((m) => m.offset > 0) };
}

/** A block's inline content with the page-break markers of the pages that begin in it. */
export function inlinesWithPages(block: Block, inlines: readonly Inline[], ctx: Ctx): Fragment {
  const marks = ctx.pages?.get(block);
  return marks ? withPageMarks(inlineNodes(inlines, ctx), marks) : inlineNodes(inlines, ctx);
}

/**
 * A heading element: its printed number, separator and text (the label,
 * number and separator, is the model's). The markers of pages that begin
 * with it go before it, not inside: there their labels would be read as
 * part of its name ("2 2. Data").
 */
export function headingElement(heading: HeadingBlock, ctx: Ctx, level: HeadingLevel): Fragment {
  const { start, inner } = marksOf(heading, ctx);
  const children = withPageMarks(inlineNodes(heading.children, ctx), inner);
  const content = heading.number ? [x('span', { class: 'heading-number' }, heading.number), text(heading.label.slice(heading.number.length)), ...children] : children;
  return [...start, x(headingTag(level), { id: heading.id, class: `level-${level}` }, content)];
}

/** Plain text of a heading with its label (for titles and navigation). */
export function headingText(heading: HeadingBlock): string {
  return heading.label + inlineText(heading.children);
}

/** Heading element for a level: chapters are h1 in their own document. */
export const headingTag = (level: HeadingLevel): string => `h${level}`;

function headingBlock(heading: HeadingBlock, ctx: Ctx): Fragment {
  return [...headingElement(heading, ctx, heading.level), text('\n')];
}

export function blockNodes(blocks: readonly Block[], ctx: Ctx): Fragment {
  return blocks.flatMap((b) => blockNode(b, ctx));
}

function listItem(item: readonly Block[], ctx: Ctx, checked: boolean | null): Fragment {
  // A tight item (one paragraph) is written without its paragraph element.
  const only = item.length === 1 ? item[0] : undefined;
  const content = only?.kind === 'paragraph' ? inlinesWithPages(only, only.children, ctx) : blockNodes(item, ctx);
  const box = taskBox(ctx.style, checked);
  if (box === undefined) return line(x('li', content));
  // A task's box starts its text (in its first paragraph, when it has one), named for screen readers: the box alone reads as a symbol.
  const mark = [x('span', { class: 'task-box', role: 'img', 'aria-label': checked ? ctx.style.strings.taskDoneLabel : ctx.style.strings.taskOpenLabel }, box), text(' ')];
  const first = content[0];
  if (only === undefined && first?.type === 'element' && first.name === 'p') first.children.unshift(...mark);
  else content.unshift(...mark);
  return line(x('li', { class: 'task' }, content));
}

/**
 * A block, with the page-break markers of the pages that begin in it: in its
 * text (headings, paragraphs, a figure's caption), else before it.
 */
function blockNode(block: Block, ctx: Ctx): Fragment {
  const marks = ctx.pages?.get(block);
  if (!marks || block.kind === 'heading' || block.kind === 'paragraph' || block.kind === 'figure') return blockContent(block, ctx);
  // A table's pages that begin at a later row are marked in that row (`tableNodes`).
  return [...marks.filter((m) => !(block.kind === 'table' && m.row)).map(pageMarker), ...blockContent(block, ctx)];
}

function blockContent(block: Block, ctx: Ctx): Fragment {
  switch (block.kind) {
    case 'heading':
      return headingBlock(block, ctx);
    case 'paragraph':
      return line(x('p', block.attribution ? { class: 'attribution' } : block.continues ? { class: 'continues' } : {}, inlinesWithPages(block, block.children, ctx)));
    case 'blockquote':
      return line(x('blockquote', [text('\n'), ...blockNodes(block.children, ctx)]));
    case 'list': {
      const items = [text('\n'), ...block.items.flatMap((item, i) => listItem(item, ctx, block.checked?.[i] ?? null))];
      if (!block.ordered) return line(x('ul', items));
      return line(x('ol', { start: block.start !== 1 ? block.start : undefined }, items));
    }
    case 'codeBlock':
      return line(x('pre', [x('code', { class: block.lang ? `language-${block.lang}` : undefined }, codeLines(block.value, ctx))]));
    case 'thematicBreak':
      return line(x('hr'));
    case 'figure':
      return figureNodes(block, ctx, (blocks) => blockNodes(blocks, ctx));
    case 'table':
      return line(
        x('div', { class: 'table-wrap' }, [
          text('\n'),
          ...tableNodes(
            block.table,
            ctx,
            undefined,
            undefined,
            (ctx.pages?.get(block) ?? []).filter((m) => m.row),
          ),
        ]),
      );
    default:
      return assertNever(block, 'block');
  }
}

/**
 * A code block's lines, each a block of its own whose wrapped part hangs
 * at the line's indentation and two characters more (the PDF marks it with
 * →), so a wrapped YAML or Python line does not read as a new one at the
 * margin. The line ends stay in the text: without the style sheet, and
 * copied, it is the code as written.
 */
function codeLines(value: string, ctx: Ctx): Fragment {
  const lines = value.replace(/\n$/, '').split('\n');
  const tab = ctx.codeTabColumns;
  return lines.map((source, k) => {
    const text = k < lines.length - 1 ? `${source}\n` : source;
    if (tab === undefined) return x('span', { class: 'code-line' }, text);
    const hang = codeHangChars(source, tab);
    return x('span', { class: 'code-line', style: `padding-left: ${hang}ch; text-indent: -${hang}ch` }, text);
  });
}
