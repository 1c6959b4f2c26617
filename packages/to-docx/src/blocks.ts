/**
 * Blocks → docx paragraphs and tables. Every paragraph names a Word style:
 * headings (with their label and a bookmark), body paragraphs, figures
 * (caption, picture or table, source line), lists with Word numbering,
 * quotations, code and rules.
 */
import { AlignmentType, Bookmark, ImageRun, LevelFormat, Paragraph, type Table, TextRun, type INumberingOptions, type ParagraphChild } from 'docx';
import { assertNever, blockText, blocksOfKind, expandTabs, type Block, type FigureBlock, type HeadingBlock, type ListBlock } from '@brief/document-model';
import {
  codeFonts,
  codeHangChars,
  counterSuffix,
  figureLinesBelow,
  fillInlines,
  listBullet,
  listCounterStyle,
  listMarker,
  taskBox,
  type CounterStyle,
  type LanguageStyle,
  type Template,
} from '@brief/templates';
import { fontFiles, textWidth } from '@brief/fonts';
import type { Ctx } from './context.js';
import { imageRunOptions } from './figures.js';
import { holdsLongToken, renderInlines, textRuns } from './inlines.js';
import { indentsPt, S } from './style.js';
import { renderTable, tableAsParagraphs } from './tables.js';
import { twips } from './units.js';

export type BlockOut = Paragraph | Table;

export function headingChildren(block: HeadingBlock, ctx: Ctx): ParagraphChild[] {
  const children = [...textRuns(block.label, ctx), ...renderInlines(block.children, ctx)];
  const name = ctx.bookmarks.get(block.id);
  return name ? [new Bookmark({ id: name, children })] : children;
}

function renderFigure(block: FigureBlock, ctx: Ctx): BlockOut[] {
  const { strings } = ctx.ls;
  const captionCtx: Ctx = { ...ctx, role: ctx.ls.fonts.heading };
  const caption = fillInlines(strings.figureCaption, { label: block.label, caption: block.caption });
  const below = figureLinesBelow(block, strings);
  const captionRuns = renderInlines(caption, captionCtx);
  const name = ctx.bookmarks.get(block.id);
  const out: BlockOut[] = [];
  if (ctx.inNote) {
    out.push(new Paragraph({ style: ctx.paragraphStyle, children: captionRuns }));
    if (block.body.kind === 'table') out.push(...tableAsParagraphs(block.body.table, ctx));
    else out.push(new Paragraph({ style: ctx.paragraphStyle, children: textRuns(block.alt ?? '', ctx) }));
  } else {
    out.push(new Paragraph({ style: S.caption, children: name ? [new Bookmark({ id: name, children: captionRuns })] : captionRuns }));
    const description = block.description ? blockText(block.description).trim() : '';
    if (block.body.kind === 'table') {
      // A long description is the table's alternative text in Word (Pandoc reads it as the table's caption:
      // the caption paragraph stays the caption, and a table without one gets none).
      out.push(renderTable(block.body.table, ctx, below.length > 0, description || undefined));
    } else {
      const alt = { text: block.alt ?? '', ...(description ? { description } : {}) };
      out.push(new Paragraph({ style: S.figure, children: [new ImageRun(imageRunOptions(block.body.image, ctx.box, ctx.fallbacks, ctx.media, alt))] }));
    }
  }
  for (const line of below) out.push(new Paragraph({ style: ctx.inNote ? ctx.paragraphStyle : S.figureSource, children: renderInlines(line, ctx) }));
  return out;
}

/** Word's number format of each counter style. */
const levelFormats: Record<CounterStyle, (typeof LevelFormat)[keyof typeof LevelFormat]> = {
  decimal: LevelFormat.DECIMAL,
  'fullwidth-decimal': LevelFormat.DECIMAL_FULL_WIDTH,
  'circled-decimal': LevelFormat.DECIMAL_ENCLOSED_CIRCLE,
  'katakana-aiueo': LevelFormat.AIUEO_FULL_WIDTH,
  'lower-alpha': LevelFormat.LOWER_LETTER,
  'upper-alpha': LevelFormat.UPPER_LETTER,
  'lower-roman': LevelFormat.LOWER_ROMAN,
  'upper-roman': LevelFormat.UPPER_ROMAN,
};

/** A list item's indents at `level` (twips), from `left`: its text's start, and the hanging of its number or bullet. */
function listIndent(template: Template, level: number, left = 0): { left: number; hanging: number } {
  const em = twips(template.sizes.body);
  const { indents } = template.proportions;
  return { left: left + em * indents.list * (level + 1), hanging: em * indents.listHanging };
}

/**
 * Numbering definitions: one bullet list and one ordered list per start
 * value, each level (a list inside an item of the level before) with the
 * language's bullet or counter for it (`listBullet`, `listCounterStyle`).
 */
export function numberingConfig(blocks: readonly Block[], notes: readonly Block[][], template: Template, ls: LanguageStyle): INumberingOptions {
  const starts = new Set<number>();
  const lists = [blocks, ...notes].flatMap((bs) => blocksOfKind(bs, 'list'));
  for (const list of lists) if (list.ordered) starts.add(list.start);
  const tasks = lists.some((list) => list.checked !== undefined);
  const levels = (format: (level: number) => (typeof LevelFormat)[keyof typeof LevelFormat], text: (l: number) => string, start: number) =>
    Array.from({ length: 9 }, (_, level) => ({
      level,
      format: format(level),
      text: text(level),
      start: level === 0 ? start : 1,
      alignment: AlignmentType.LEFT,
      style: { paragraph: { indent: listIndent(template, level) } },
    }));
  return {
    config: [
      {
        reference: 'bullet',
        levels: levels(
          () => LevelFormat.BULLET,
          (l) => listBullet(ls, l),
          1,
        ),
      },
      ...[...starts]
        .sort((a, b) => a - b)
        .map((start) => ({
          reference: `ordered-${start}`,
          levels: levels(
            (l) => levelFormats[listCounterStyle(ls, l)],
            (l) => `%${l + 1}${counterSuffix(listCounterStyle(ls, l))}`,
            start,
          ),
        })),
      // An unordered task list's boxes, as bullets (in an ordered list the box follows the number, in the text).
      ...(tasks
        ? ([true, false] as const).map((checked) => ({
            reference: taskReference(checked),
            levels: levels(
              () => LevelFormat.BULLET,
              () => taskBox(ls, checked)!,
              1,
            ),
          }))
        : []),
    ],
  };
}

function taskReference(checked: boolean): string {
  return checked ? 'task-done' : 'task-open';
}

/**
 * A list's indents with room for its widest number: the style's hanging
 * holds one or two characters (9.), and a longer number (10., 100.) would
 * run into the text (LibreOffice) or push it to the next tab stop (Word).
 * As the PDF does, the text starts after the widest marker and the marker
 * gap (`proportions.listMarkerGapEm`).
 */
function widened(indent: { left: number; hanging: number }, block: ListBlock, level: number, ctx: Ctx): { left: number; hanging: number } {
  if (!block.ordered || block.items.length === 0) return indent;
  const size = ctx.template.sizes.body;
  const role = ctx.ls.fonts.body;
  const paths = [...new Set([role.latin, role.cjk])].map((family) => fontFiles(family).normal);
  const widest = Math.max(...block.items.map((_, i) => textWidth(listMarker(ctx.ls, true, block.start + i, level), paths, size)));
  const needed = twips(widest + size * ctx.template.proportions.listMarkerGapEm);
  return needed > indent.hanging ? { left: indent.left + needed - indent.hanging, hanging: needed } : indent;
}

function renderList(block: ListBlock, ctx: Ctx): BlockOut[] {
  const reference = block.ordered ? `ordered-${block.start}` : 'bullet';
  const instance = ctx.state.listInstance.next++;
  const level = Math.min(8, ctx.listLevel);
  // In a note a list stands under the note's text, not under its number: the numbering's indents, from the
  // note's; in a quotation, inside the quotation's indents.
  const inside = ctx.inNote ? twips(indentsPt(ctx.template).note) : ctx.inQuote ? twips(indentsPt(ctx.template).quote) : 0;
  const indent = { ...widened(listIndent(ctx.template, level, inside), block, level, ctx), ...(ctx.inQuote && !ctx.inNote ? { right: twips(indentsPt(ctx.template).quote) } : {}) };
  // The numbering's own indents hold a number as wide as the style's hanging; a wider one (10. and on) moves the text over.
  const wide = indent.hanging > listIndent(ctx.template, level, inside).hanging;
  const out: BlockOut[] = [];
  for (const [i, item] of block.items.entries()) {
    const checked = block.checked?.[i] ?? null;
    const box = taskBox(ctx.ls, checked);
    // A task's box is the bullet of an unordered list's item and follows the number of an ordered one.
    const own = box !== undefined && !block.ordered ? taskReference(checked === true) : reference;
    // A list kept with what follows it (a quotation's attribution) keeps its last item with it, not every item.
    const keep = ctx.keepNext && i === block.items.length - 1 ? ({ keepNext: true } as const) : {};
    const { keepNext: _kept, ...unkept } = ctx;
    const itemCtx: Ctx = i === block.items.length - 1 ? ctx : unkept;
    let first = true;
    for (const child of item) {
      if (child.kind === 'paragraph' && first) {
        out.push(
          new Paragraph({
            style: ctx.inNote ? ctx.paragraphStyle : S.listParagraph,
            numbering: { reference: own, level, instance },
            ...(ctx.inNote || ctx.inQuote || wide ? { indent } : {}),
            ...keep,
            children: [...(box !== undefined && block.ordered ? textRuns(`${box} `, ctx) : []), ...renderInlines(child.children, ctx)],
          }),
        );
      } else if (child.kind === 'paragraph') {
        out.push(
          new Paragraph({
            style: ctx.inNote ? ctx.paragraphStyle : S.listParagraph,
            indent: { left: indent.left },
            ...keep,
            children: renderInlines(child.children, ctx),
          }),
        );
      } else {
        out.push(...renderBlocks([child], { ...itemCtx, listLevel: ctx.listLevel + 1 }));
      }
      first = false;
    }
  }
  return out;
}

/**
 * The style of a body paragraph: without the first-line indent at the
 * start of the text or right after a heading when the template says so
 * (English practice). Figures and tables between are passed over: the
 * paragraph after a figure continues the text before it and is indented,
 * unless a heading stands just before the figure (as the PDF, where the
 * figure floats, sets it).
 */
function paragraphStyleAfter(blocks: readonly Block[], index: number, ctx: Ctx): string {
  const block = blocks[index];
  // A paragraph that continues the sentence before a display is set flush, as the first one after a heading.
  if (block?.kind === 'paragraph' && block.continues && ctx.paragraphStyle === S.normal) return S.firstParagraph;
  if (ctx.paragraphStyle !== S.normal || ctx.ls.typography.indentAfterHeading !== false) return ctx.paragraphStyle;
  let k = index - 1;
  while (k >= 0 && (blocks[k]!.kind === 'figure' || blocks[k]!.kind === 'table')) k--;
  const previous = blocks[k];
  return previous === undefined || previous.kind === 'heading' ? S.firstParagraph : ctx.paragraphStyle;
}

export function renderBlocks(blocks: readonly Block[], ctx: Ctx): BlockOut[] {
  const out: BlockOut[] = [];
  for (const [index, block] of blocks.entries()) {
    switch (block.kind) {
      case 'heading': {
        if (ctx.inNote) {
          out.push(new Paragraph({ style: ctx.paragraphStyle, children: renderInlines(block.children, { ...ctx, marks: { ...ctx.marks, strong: true } }) }));
        } else {
          const hctx: Ctx = { ...ctx, role: ctx.ls.fonts.heading };
          out.push(new Paragraph({ style: S.heading[block.level - 1], children: headingChildren(block, hctx) }));
        }
        break;
      }
      case 'paragraph':
        // A URL or identifier Word cannot break would open the justified line before it wide: such a paragraph is set flush left.
        out.push(
          new Paragraph({
            style: paragraphStyleAfter(blocks, index, ctx),
            ...(ctx.keepNext ? { keepNext: true } : {}),
            ...(ctx.joinNext ? { spacing: { after: 0 } } : {}),
            ...(holdsLongToken(block.children) ? { alignment: AlignmentType.LEFT } : {}),
            children: renderInlines(block.children, ctx),
          }),
        );
        break;
      case 'blockquote':
        if (ctx.inNote) out.push(...renderBlocks(block.children, ctx));
        // Its first paragraph starts flush, the later ones are indented; an attribution is set flush right,
        // on the page of the paragraph before it.
        else
          block.children.forEach((child, k) => {
            const style = child.kind === 'paragraph' && child.attribution ? S.quoteAttribution : k === 0 ? S.quote : S.quoteContinued;
            const next = block.children[k + 1];
            // What comes before an attribution (a paragraph, or a list's last item) stays on its page.
            const attributed = next?.kind === 'paragraph' && next.attribution === true;
            // The quotation's space is before its first paragraph and after its last, none between (the
            // later paragraphs' and the attribution's styles have none before them).
            const joined = next !== undefined ? { joinNext: true as const } : {};
            out.push(...renderBlocks([child], { ...ctx, paragraphStyle: style, inQuote: true, ...(attributed ? { keepNext: true as const } : {}), ...joined }));
          });
        break;
      case 'list':
        out.push(...renderList(block, ctx));
        break;
      case 'codeBlock': {
        // Tabs go to the template's tab stops, as in the PDF (Word's own stops depend on the face).
        const lines = block.value.split('\n').map((line) => expandTabs(line, ctx.template.proportions.codeTabColumns));
        const cctx: Ctx = { ...ctx, marks: { ...ctx.marks, code: false } };
        if (ctx.inNote) {
          const children = lines.flatMap((line, i) => [...(i > 0 ? [new TextRun({ break: 1 })] : []), ...textRuns(line, cctx)]);
          out.push(new Paragraph({ style: ctx.paragraphStyle, children }));
          break;
        }
        // Inside a list item, code is indented from the item's text (listLevel counts the lists around it).
        const em = twips(ctx.template.sizes.body);
        const left = ctx.listLevel > 0 ? em * (ctx.template.proportions.indents.list * ctx.listLevel + ctx.template.proportions.indents.code) : twips(indentsPt(ctx.template).code);
        out.push(...codeParagraphs(lines, left, cctx));
        break;
      }
      case 'thematicBreak':
        if (!ctx.inNote) out.push(new Paragraph({ style: S.rule, children: [] }));
        break;
      case 'figure':
        out.push(...renderFigure(block, ctx));
        break;
      case 'table':
        out.push(...(ctx.inNote ? tableAsParagraphs(block.table, ctx) : [renderTable(block.table, ctx)]));
        break;
      default:
        assertNever(block, 'block');
    }
  }
  return out;
}

/**
 * A code block as a paragraph a line, the block's spacing before its first
 * and after its last: a line too long for the measure wraps hanging at its
 * own indentation and two characters more, as the PDF hangs it (after its
 * → mark) and the EPUB, so a wrapped YAML or Python line does not read as a
 * new one at the margin.
 */
function codeParagraphs(lines: readonly string[], left: number, ctx: Ctx): Paragraph[] {
  const code = codeFonts(ctx.ls.fonts);
  const digit = twips(textWidth('0', [fontFiles(code.latin).normal], ctx.template.sizes.table));
  return lines.map((line, i) => {
    const hang = Math.round(digit * codeHangChars(line, ctx.template.proportions.codeTabColumns));
    return new Paragraph({
      style: S.code,
      indent: line.trim() === '' ? { left } : { left: left + hang, hanging: hang },
      ...(lines.length > 1 ? { spacing: { ...(i > 0 ? { before: 0 } : {}), ...(i < lines.length - 1 ? { after: 0 } : {}) } } : {}),
      children: textRuns(line, ctx),
    });
  });
}
