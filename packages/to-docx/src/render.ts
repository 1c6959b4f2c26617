/**
 * Model nodes → docx components. Every paragraph names a Word style; runs
 * carry formatting of their own only where it is not the style's: a
 * character style for emphasis and links, and the Japanese face and
 * language on Japanese runs set inside Latin text (English edition).
 */
import {
  AlignmentType,
  Bookmark,
  ExternalHyperlink,
  FootnoteReferenceRun,
  ImageRun,
  InternalHyperlink,
  LevelFormat,
  Paragraph,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
  type ParagraphChild,
  type INumberingOptions,
} from 'docx';
import {
  assertNever,
  inlineText,
  isCjk,
  type Block,
  type FigureBlock,
  type HeadingBlock,
  type Inline,
  type ListBlock,
  type Table as ModelTable,
  type TableAlign,
} from '@brief/document-model';
import { splitByScript } from '@brief/fonts';
import type { LanguageStyle, Template, FontRole } from '@brief/templates';
import { imageRunOptions, type Box } from './figures.js';
import { S } from './styles.js';
import { eastAsianLocale, twips, wordLocale } from './units.js';

/** Text formatting carried down through nested inlines. */
interface Marks {
  strong?: boolean;
  emphasis?: boolean;
  strike?: boolean;
  code?: boolean;
  link?: boolean;
}

/** State shared by one render: which notes have been referenced, list instances. */
export interface RenderState {
  /** Note numbers already referenced (a later reference prints the number only). */
  referenced: Set<number>;
  /** Next list instance (each list restarts its numbering). */
  listInstance: { next: number };
}

export interface Ctx {
  template: Template;
  ls: LanguageStyle;
  /** Fonts of the paragraph's style, for splitting runs by script. */
  role: FontRole;
  /** Language of the text being set (differs from the edition inside foreign runs). */
  lang: string;
  marks: Marks;
  /** Paragraph style for paragraphs at this place (Normal, Quote, footnote text…). */
  paragraphStyle: string;
  inNote: boolean;
  listLevel: number;
  /** Model id → Word bookmark name, for cross-references. */
  bookmarks: ReadonlyMap<string, string>;
  /** Room for a picture, in CSS px. */
  box: Box;
  /** Width of the text block in twips (tables). */
  textWidth: number;
  state: RenderState;
}

// ---------------------------------------------------------------------------
// Inlines

function runStyle(marks: Marks): Partial<IRunOptions> {
  const style = marks.link ? S.hyperlink : marks.strong ? S.strong : marks.emphasis ? S.emphasis : marks.code ? S.verbatim : undefined;
  return {
    ...(style ? { style } : {}),
    ...(marks.strong && marks.link ? { bold: true } : {}),
    ...(marks.emphasis && (marks.link || marks.strong) ? { italics: true } : {}),
    ...(marks.strike ? { strike: true } : {}),
  };
}

/**
 * Runs for a string, split by script: a Japanese run inside Latin text gets
 * the Japanese face in every font slot and the Japanese language; a run in a
 * language other than the edition's gets that language.
 */
export function textRuns(text: string, ctx: Ctx): TextRun[] {
  if (!text) return [];
  const base = runStyle(ctx.marks);
  const { latin, cjk } = ctx.role;
  const foreign = ctx.lang !== ctx.ls.lang;
  if (latin === cjk) {
    return [new TextRun({ text, ...base, ...(foreign ? { language: languageOf(ctx.lang) } : {}) })];
  }
  return splitByScript(text, latin, cjk).map((run) => {
    const japanese = run.family === cjk && [...run.text].some((ch) => isCjk(ch.codePointAt(0) ?? 0));
    if (run.family === cjk) {
      const ea = eastAsianLocale(ctx.ls.lang);
      return new TextRun({
        text: run.text,
        ...base,
        font: { ascii: cjk, hAnsi: cjk, cs: cjk, eastAsia: cjk, hint: 'eastAsia' },
        ...(japanese ? { language: { value: ea, eastAsia: ea } } : {}),
      });
    }
    return new TextRun({ text: run.text, ...base, ...(foreign ? { language: languageOf(ctx.lang) } : {}) });
  });
}

function languageOf(lang: string) {
  return { value: wordLocale(lang), eastAsia: eastAsianLocale(lang) };
}

export function renderInlines(inlines: readonly Inline[], ctx: Ctx): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const node of inlines) {
    switch (node.kind) {
      case 'text':
        out.push(...textRuns(node.value, ctx));
        break;
      case 'emphasis':
        out.push(...renderInlines(node.children, { ...ctx, marks: { ...ctx.marks, emphasis: true } }));
        break;
      case 'strong':
        out.push(...renderInlines(node.children, { ...ctx, marks: { ...ctx.marks, strong: true } }));
        break;
      case 'delete':
        out.push(...renderInlines(node.children, { ...ctx, marks: { ...ctx.marks, strike: true } }));
        break;
      case 'code':
        out.push(...textRuns(node.value, { ...ctx, marks: { ...ctx.marks, code: true } }));
        break;
      case 'link': {
        const children = renderInlines(node.children, { ...ctx, marks: { ...ctx.marks, link: true } });
        out.push(new ExternalHyperlink({ link: node.url, children }));
        break;
      }
      case 'noteRef':
        out.push(noteMark(node.number, ctx));
        break;
      case 'citation':
        out.push(...renderInlines(node.rendered, ctx));
        break;
      case 'crossRef': {
        const anchor = ctx.bookmarks.get(node.targetId);
        const runs = textRuns(node.text, ctx);
        out.push(...(anchor && !ctx.marks.link ? [new InternalHyperlink({ anchor, children: runs })] : runs));
        break;
      }
      case 'foreign':
        out.push(...renderInlines(node.children, { ...ctx, lang: node.lang }));
        break;
      case 'lineBreak':
        out.push(new TextRun({ break: 1 }));
        break;
      default:
        assertNever(node, 'inline');
    }
  }
  return out;
}

/**
 * A note mark. The first reference to a note in the body is a Word footnote
 * reference (Word numbers them in order, as the model does); a note cannot
 * have two references in Word, so a later one, or one inside a note, prints
 * the number in the footnote reference style.
 */
function noteMark(number: number, ctx: Ctx): ParagraphChild {
  if (!ctx.inNote && !ctx.state.referenced.has(number)) {
    ctx.state.referenced.add(number);
    return new FootnoteReferenceRun(number);
  }
  return new TextRun({ text: String(number), style: S.footnoteReference });
}

/** Inline content with `{placeholder}`s of a template pattern filled: strings as text, inline lists as content. */
export function fillInlines(
  pattern: string,
  strings: Record<string, string>,
  inlines: Record<string, readonly Inline[]>,
): Inline[] {
  const out: Inline[] = [];
  const re = /\{([a-zA-Z0-9]+)\}/g;
  let last = 0;
  let text = '';
  for (let m = re.exec(pattern); m; m = re.exec(pattern)) {
    text += pattern.slice(last, m.index);
    last = m.index + m[0].length;
    const key = m[1]!;
    const value = inlines[key];
    if (value) {
      if (text) out.push({ kind: 'text', value: text });
      text = '';
      out.push(...value);
    } else {
      text += strings[key] ?? m[0];
    }
  }
  text += pattern.slice(last);
  if (text) out.push({ kind: 'text', value: text });
  return out;
}

// ---------------------------------------------------------------------------
// Blocks

type BlockOut = Paragraph | Table;

function alignmentOf(align: TableAlign | undefined) {
  switch (align) {
    case 'center':
      return AlignmentType.CENTER;
    case 'right':
      return AlignmentType.RIGHT;
    default:
      return undefined;
  }
}

/** Display width of text: CJK characters count two, others one. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += isCjk(ch.codePointAt(0) ?? 0) ? 2 : 1;
  return w;
}

/** Column widths in twips: proportional to the longest cell text, within bounds, filling `total`. */
export function columnWidths(table: ModelTable, total: number): number[] {
  const rows = [table.header, ...table.rows];
  const columns = Math.max(1, ...rows.map((r) => r.cells.length));
  const weights = Array.from({ length: columns }, (_, i) =>
    Math.min(60, Math.max(6, ...rows.map((r) => displayWidth(inlineText(r.cells[i]?.children ?? []))))),
  );
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((w / sum) * total));
  widths[widths.length - 1]! += total - widths.reduce((a, b) => a + b, 0);
  return widths;
}

function renderTable(table: ModelTable, ctx: Ctx): Table {
  const widths = columnWidths(table, ctx.textWidth);
  const bodyCtx: Ctx = { ...ctx, role: ctx.ls.fonts.body, paragraphStyle: S.tableText };
  const headCtx: Ctx = { ...ctx, role: ctx.ls.fonts.heading, paragraphStyle: S.tableHeading };
  const row = (cells: ModelTable['header']['cells'], header: boolean) =>
    new TableRow({
      tableHeader: header,
      cantSplit: header,
      children: widths.map((width, i) => {
        const cell = cells[i];
        const c = header ? headCtx : bodyCtx;
        const alignment = header ? undefined : alignmentOf(table.align[i]);
        return new TableCell({
          width: { size: width, type: WidthType.DXA },
          children: [
            new Paragraph({
              style: c.paragraphStyle,
              ...(alignment ? { alignment } : {}),
              children: renderInlines(cell?.children ?? [], c),
            }),
          ],
        });
      }),
    });
  return new Table({
    style: S.table,
    width: { size: ctx.textWidth, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    tableLook: { firstRow: true, lastRow: false, firstColumn: false, lastColumn: false, noHBand: true, noVBand: true },
    rows: [row(table.header.cells, true), ...table.rows.map((r) => row(r.cells, false))],
  });
}

/** A table inside a note (Word notes hold paragraphs only): one paragraph per row, cells joined by tabs. */
function tableAsParagraphs(table: ModelTable, ctx: Ctx): Paragraph[] {
  return [table.header, ...table.rows].map(
    (r) =>
      new Paragraph({
        style: ctx.paragraphStyle,
        children: r.cells.flatMap((cell, i) => [
          ...(i > 0 ? [new TextRun({ children: [new Tab()] })] : []),
          ...renderInlines(cell.children, ctx),
        ]),
      }),
  );
}

export function headingChildren(block: HeadingBlock, ctx: Ctx): ParagraphChild[] {
  const separator = block.number ? (ctx.ls.numbering.separator?.[block.level - 1] ?? '') : '';
  const children = [...textRuns(block.number + separator, ctx), ...renderInlines(block.children, ctx)];
  const name = ctx.bookmarks.get(block.id);
  return name ? [new Bookmark({ id: name, children })] : children;
}

function renderFigure(block: FigureBlock, ctx: Ctx): BlockOut[] {
  const { strings } = ctx.ls;
  const captionCtx: Ctx = { ...ctx, role: ctx.ls.fonts.heading };
  const caption = fillInlines(strings.figureCaption, { label: block.label }, { caption: block.caption });
  const captionRuns = renderInlines(caption, captionCtx);
  const name = ctx.bookmarks.get(block.id);
  const out: BlockOut[] = [];
  if (ctx.inNote) {
    out.push(new Paragraph({ style: ctx.paragraphStyle, children: captionRuns }));
    if (block.body.kind === 'table') out.push(...tableAsParagraphs(block.body.table, ctx));
    else out.push(new Paragraph({ style: ctx.paragraphStyle, children: textRuns(block.body.image.alt, ctx) }));
  } else {
    out.push(new Paragraph({ style: S.caption, children: name ? [new Bookmark({ id: name, children: captionRuns })] : captionRuns }));
    if (block.body.kind === 'table') {
      out.push(renderTable(block.body.table, ctx));
    } else {
      out.push(new Paragraph({ style: S.figure, children: [new ImageRun(imageRunOptions(block.body.image, ctx.box, ctx.ls))] }));
    }
  }
  if (block.sourceNote) {
    const line = fillInlines(strings.figureSource, {}, { text: block.sourceNote });
    out.push(new Paragraph({ style: ctx.inNote ? ctx.paragraphStyle : S.figureSource, children: renderInlines(line, ctx) }));
  }
  return out;
}

/** Numbering definitions: one bullet list and one ordered list per start value. */
export function numberingConfig(blocks: readonly Block[], notes: readonly Block[][], template: Template): INumberingOptions {
  const starts = new Set<number>();
  const visit = (bs: readonly Block[]) => {
    for (const b of bs) {
      if (b.kind === 'list') {
        if (b.ordered) starts.add(b.start);
        for (const item of b.items) visit(item);
      } else if (b.kind === 'blockquote') visit(b.children);
    }
  };
  visit(blocks);
  for (const n of notes) visit(n);
  const em = twips(template.sizes.body);
  const levels = (format: (typeof LevelFormat)[keyof typeof LevelFormat], text: (l: number) => string, start: number) =>
    Array.from({ length: 9 }, (_, level) => ({
      level,
      format,
      text: text(level),
      start: level === 0 ? start : 1,
      alignment: AlignmentType.LEFT,
      style: { paragraph: { indent: { left: em * 2 * (level + 1), hanging: em * 1.5 } } },
    }));
  return {
    config: [
      { reference: 'bullet', levels: levels(LevelFormat.BULLET, () => '•', 1) },
      ...[...starts].sort((a, b) => a - b).map((start) => ({
        reference: `ordered-${start}`,
        levels: levels(LevelFormat.DECIMAL, (l) => `%${l + 1}.`, start),
      })),
    ],
  };
}

function renderList(block: ListBlock, ctx: Ctx): BlockOut[] {
  const reference = block.ordered ? `ordered-${block.start}` : 'bullet';
  const instance = ctx.state.listInstance.next++;
  const level = Math.min(8, ctx.listLevel);
  const out: BlockOut[] = [];
  for (const item of block.items) {
    let first = true;
    for (const child of item) {
      if (child.kind === 'paragraph' && first) {
        out.push(
          new Paragraph({
            style: ctx.inNote ? ctx.paragraphStyle : S.listParagraph,
            numbering: { reference, level, instance },
            children: renderInlines(child.children, ctx),
          }),
        );
      } else if (child.kind === 'paragraph') {
        out.push(
          new Paragraph({
            style: ctx.inNote ? ctx.paragraphStyle : S.listParagraph,
            indent: { left: twips(ctx.template.sizes.body) * 2 * (level + 1) },
            children: renderInlines(child.children, ctx),
          }),
        );
      } else {
        out.push(...renderBlocks([child], { ...ctx, listLevel: ctx.listLevel + 1 }));
      }
      first = false;
    }
  }
  return out;
}

/**
 * The style of a body paragraph: without the first-line indent right after a
 * heading or figure when the template says so (English practice).
 */
function paragraphStyleAfter(previous: Block | undefined, ctx: Ctx): string {
  if (ctx.paragraphStyle !== S.normal || ctx.ls.typography.indentAfterHeading !== false) return ctx.paragraphStyle;
  return previous === undefined || previous.kind === 'heading' || previous.kind === 'figure' || previous.kind === 'table'
    ? S.firstParagraph
    : ctx.paragraphStyle;
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
        out.push(new Paragraph({ style: paragraphStyleAfter(blocks[index - 1], ctx), children: renderInlines(block.children, ctx) }));
        break;
      case 'blockquote':
        out.push(...renderBlocks(block.children, ctx.inNote ? ctx : { ...ctx, paragraphStyle: S.quote }));
        break;
      case 'list':
        out.push(...renderList(block, ctx));
        break;
      case 'codeBlock': {
        const lines = block.value.split('\n');
        const cctx: Ctx = { ...ctx, marks: { ...ctx.marks, code: false } };
        const children = lines.flatMap((line, i) => [...(i > 0 ? [new TextRun({ break: 1 })] : []), ...textRuns(line, cctx)]);
        out.push(new Paragraph({ style: ctx.inNote ? ctx.paragraphStyle : S.code, children }));
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
 * The paragraphs of a note: the first in the footnote text style, opening
 * with a tab after the mark Word writes, the others as continuations.
 */
export function noteParagraphs(blocks: readonly Block[], ctx: Ctx): Paragraph[] {
  const nctx: Ctx = { ...ctx, inNote: true, paragraphStyle: S.footnoteContinued };
  const paragraphs = (bs: readonly Block[]) => renderBlocks(bs, nctx).filter((b): b is Paragraph => b instanceof Paragraph);
  const tab = () => new TextRun({ children: [new Tab()] });
  const [first, ...rest] = blocks;
  if (first?.kind === 'paragraph') {
    return [new Paragraph({ style: S.footnoteText, children: [tab(), ...renderInlines(first.children, nctx)] }), ...paragraphs(rest)];
  }
  return [new Paragraph({ style: S.footnoteText, children: [tab()] }), ...paragraphs(blocks)];
}
