/**
 * Model nodes → docx components. Every paragraph names a Word style; runs
 * carry formatting of their own only where it is not the style's: a
 * character style for emphasis and links, and the Japanese face and
 * language on Japanese runs set inside Latin text (English edition).
 */
import {
  AlignmentType,
  Bookmark,
  BorderStyle,
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
  type Note,
  type Table as ModelTable,
  type TableAlign,
  noteRefsIn,
} from '@brief/document-model';
import { splitByScript } from '@brief/fonts';
import type { LanguageStyle, Template, FontRole } from '@brief/templates';
import { imageRunOptions, type Box, type Fallbacks } from './figures.js';
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
  /** PNG fallbacks of the SVG pictures, drawn beforehand. */
  fallbacks: Fallbacks;
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
        out.push(...textRuns(ctx.marks.link ? urlBreaks(node.value) : node.value, ctx));
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
        // Chapter-end marks are links themselves: those inside a link follow it (links do not nest).
        if (chapterEndNotes(ctx) && !ctx.marks.link) {
          for (const mark of marksIn(node.children)) out.push(...noteMark(mark.number, ctx));
        }
        break;
      }
      case 'noteRef':
        out.push(...noteMark(node.number, ctx));
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
 * A URL printed as a link's text, with U+200B ZERO WIDTH SPACE where a line
 * may break (after slashes, before dots, question marks, ampersands and the
 * like), so a long address does not leave a justified line before it with
 * wide gaps. Other text is returned as it is.
 */
export function urlBreaks(text: string): string {
  if (!/^(?:https?:\/\/|www\.)\S+$/.test(text)) return text;
  const scheme = /^https?:\/\//.exec(text)?.[0] ?? '';
  return (
    scheme +
    text
      .slice(scheme.length)
      .replace(/\/(?!$)/g, '/\u200b')
      .replace(/(?<=.)([.?#&=_~%-])/g, '\u200b$1')
  );
}

/** Whether the template gathers the notes at the end of each chapter (else they are Word footnotes). */
export function chapterEndNotes(ctx: Pick<Ctx, 'template'>): boolean {
  return ctx.template.notes.placement === 'chapter-end';
}

/** Hidden bookmark (leading underscore, as Word's own `_Toc`) on a chapter-end note. */
export const noteAnchor = (n: number): string => `_Note${n}`;
/** Hidden bookmark on the first mark of a chapter-end note (target of the note's back-link). */
export const markAnchor = (n: number): string => `_NoteRef${n}`;

/** Note marks anywhere inside inlines, in order. */
export const marksIn = noteRefsIn;

/**
 * A note mark. With page-foot notes, the first reference to a note in the
 * body is a Word footnote reference (Word numbers them in order, as the
 * model does); a note cannot have two references in Word, so a later one,
 * or one inside a note, prints the number in the footnote reference style.
 * With chapter-end notes, every mark is the model's number linked to the
 * note, and the first one carries the bookmark the note links back to; a
 * mark inside a link is written after it (see 'link').
 */
function noteMark(number: number, ctx: Ctx): ParagraphChild[] {
  if (chapterEndNotes(ctx)) {
    if (ctx.marks.link) return [];
    // U+2060 WORD JOINER keeps the mark on the line of the word it follows, and keeps applications from
    // adding the space they set between Japanese and Latin text or digits.
    const mark = [new TextRun('\u2060'), new InternalHyperlink({ anchor: noteAnchor(number), children: [new TextRun({ text: String(number), style: S.noteReference })] })];
    if (ctx.state.referenced.has(number)) return mark;
    ctx.state.referenced.add(number);
    return [new Bookmark({ id: markAnchor(number), children: mark })];
  }
  if (!ctx.inNote && !ctx.state.referenced.has(number)) {
    ctx.state.referenced.add(number);
    return [new FootnoteReferenceRun(number)];
  }
  return [new TextRun({ text: String(number), style: S.footnoteReference })];
}

/** Inline content with `{placeholder}`s of a template pattern filled: strings as text, inline lists as content. */
export function fillInlines(pattern: string, strings: Record<string, string>, inlines: Record<string, readonly Inline[]>): Inline[] {
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

/** Display width of the longest unbreakable piece of a text (a Latin word; Japanese breaks anywhere). */
function longestWord(text: string): number {
  return Math.max(0, ...text.split(/[\s\u200b]+|(?=[\u3000-\u9fff\uff00-\uffef])/u).map(displayWidth));
}

/**
 * Column widths in twips, as a browser sizes an automatic table: each column
 * gets at least its longest word (and four characters), and the room left is
 * shared in proportion to how much more each column's longest cell needs.
 * `unit` is the width of one display character (half an em of table text).
 */
export function columnWidths(table: ModelTable, total: number, unit = 85): number[] {
  const rows = [table.header, ...table.rows];
  const columns = Math.max(1, ...rows.map((r) => r.cells.length));
  const texts = (i: number) => rows.map((r) => inlineText(r.cells[i]?.children ?? []));
  const min = Array.from({ length: columns }, (_, i) => Math.max(4, ...texts(i).map(longestWord)) * unit);
  const max = Array.from({ length: columns }, (_, i) => Math.max(4, ...texts(i).map(displayWidth)) * unit);
  const sumMin = min.reduce((a, b) => a + b, 0);
  const sumMax = max.reduce((a, b) => a + b, 0);
  let widths: number[];
  if (sumMax <= total) widths = max.map((w) => (w / sumMax) * total);
  else if (sumMin >= total) widths = min.map((w) => (w / sumMin) * total);
  else widths = min.map((w, i) => w + ((max[i]! - w) / (sumMax - sumMin)) * (total - sumMin));
  const rounded = widths.map(Math.floor);
  rounded[rounded.length - 1]! += total - rounded.reduce((a, b) => a + b, 0);
  return rounded;
}

/**
 * A table: fixed column widths, a header row repeated on every page. An
 * empty first cell continues the group of the row above (GFM tables have no
 * merged cells): the rule between the two first cells is left out, as in the
 * other editions. With `keepWithNext` (a source line follows) the last row
 * stays on the page of what follows it.
 */
function renderTable(table: ModelTable, ctx: Ctx, keepWithNext = false): Table {
  // Cell padding on both sides is room the text cannot use.
  const padding = 2 * twips(ctx.template.spacing.tableCellPadding ?? 3);
  const columns = Math.max(1, ...[table.header, ...table.rows].map((r) => r.cells.length));
  const inner = columnWidths(table, ctx.textWidth - columns * padding, Math.round(twips(ctx.template.sizes.table) / 2));
  const widths = inner.map((w) => w + padding);
  const bodyCtx: Ctx = { ...ctx, role: ctx.ls.fonts.body, paragraphStyle: S.tableText };
  const headCtx: Ctx = { ...ctx, role: ctx.ls.fonts.heading, paragraphStyle: S.tableHeading };
  const continues = (r: number) => r >= 1 && r < table.rows.length && inlineText(table.rows[r]?.cells[0]?.children ?? []).trim() === '';
  const none = { style: BorderStyle.NIL, size: 0, color: 'auto' };
  const row = (cells: ModelTable['header']['cells'], r: number) => {
    const header = r < 0;
    return new TableRow({
      tableHeader: header,
      cantSplit: header,
      children: widths.map((width, i) => {
        const cell = cells[i];
        const c = header ? headCtx : bodyCtx;
        const alignment = header ? undefined : alignmentOf(table.align[i]);
        const open = i === 0 && !header ? { ...(continues(r) ? { top: none } : {}), ...(continues(r + 1) ? { bottom: none } : {}) } : {};
        return new TableCell({
          width: { size: width, type: WidthType.DXA },
          ...(Object.keys(open).length > 0 ? { borders: open } : {}),
          children: [
            new Paragraph({
              style: c.paragraphStyle,
              ...(alignment ? { alignment } : {}),
              ...(keepWithNext && r === table.rows.length - 1 ? { keepNext: true } : {}),
              children: renderInlines(cell?.children ?? [], c),
            }),
          ],
        });
      }),
    });
  };
  return new Table({
    style: S.table,
    width: { size: ctx.textWidth, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    tableLook: { firstRow: true, lastRow: false, firstColumn: false, lastColumn: false, noHBand: true, noVBand: true },
    rows: [row(table.header.cells, -1), ...table.rows.map((r, i) => row(r.cells, i))],
  });
}

/** A table inside a note (Word notes hold paragraphs only): one paragraph per row, cells joined by tabs. */
function tableAsParagraphs(table: ModelTable, ctx: Ctx): Paragraph[] {
  return [table.header, ...table.rows].map(
    (r) =>
      new Paragraph({
        style: ctx.paragraphStyle,
        children: r.cells.flatMap((cell, i) => [...(i > 0 ? [new TextRun({ children: [new Tab()] })] : []), ...renderInlines(cell.children, ctx)]),
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
      out.push(renderTable(block.body.table, ctx, block.sourceNote !== undefined));
    } else {
      out.push(new Paragraph({ style: S.figure, children: [new ImageRun(imageRunOptions(block.body.image, ctx.box, ctx.fallbacks))] }));
    }
  }
  if (block.sourceNote) {
    const line = fillInlines(strings.figureSource, {}, { text: block.sourceNote });
    out.push(new Paragraph({ style: ctx.inNote ? ctx.paragraphStyle : S.figureSource, children: renderInlines(line, ctx) }));
  }
  return out;
}

/** Numbering definitions: one bullet list (the template's `strings.listBullet`) and one ordered list per start value. */
export function numberingConfig(blocks: readonly Block[], notes: readonly Block[][], template: Template, bullet = '•'): INumberingOptions {
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
      { reference: 'bullet', levels: levels(LevelFormat.BULLET, () => bullet, 1) },
      ...[...starts]
        .sort((a, b) => a - b)
        .map((start) => ({
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
  return previous === undefined || previous.kind === 'heading' || previous.kind === 'figure' || previous.kind === 'table' ? S.firstParagraph : ctx.paragraphStyle;
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
 * The paragraphs of a note: the first in the note text style, opening with
 * `lead` (for a footnote, a tab after the mark Word writes), the others as
 * continuations.
 */
export function noteParagraphs(
  blocks: readonly Block[],
  ctx: Ctx,
  options: { text: string; continued: string; lead: ParagraphChild[] } = { text: S.footnoteText, continued: S.footnoteContinued, lead: [tabRun()] },
): Paragraph[] {
  const nctx: Ctx = { ...ctx, inNote: true, paragraphStyle: options.continued };
  const paragraphs = (bs: readonly Block[]) => renderBlocks(bs, nctx).filter((b): b is Paragraph => b instanceof Paragraph);
  const [first, ...rest] = blocks;
  if (first?.kind === 'paragraph') {
    return [new Paragraph({ style: options.text, children: [...options.lead, ...renderInlines(first.children, nctx)] }), ...paragraphs(rest)];
  }
  return [new Paragraph({ style: options.text, children: options.lead }), ...paragraphs(blocks)];
}

function tabRun(): TextRun {
  return new TextRun({ children: [new Tab()] });
}

/**
 * The notes of one chapter, after its text (templates with
 * `notes.placement: chapter-end`): a heading (`strings.notes`), then each
 * note opening with its number — a bookmark the marks link to, and a link
 * back to the first mark — then a tab to the hanging indent.
 */
export function chapterNotes(notes: readonly Note[], ctx: Ctx): Paragraph[] {
  if (notes.length === 0) return [];
  const heading = new Paragraph({
    style: S.notesHeading,
    children: textRuns(ctx.ls.strings.notes, { ...ctx, role: ctx.ls.fonts.heading }),
  });
  return [
    heading,
    ...notes.flatMap((note) => {
      const number = new InternalHyperlink({ anchor: markAnchor(note.number), children: [new TextRun(String(note.number))] });
      const lead: ParagraphChild[] = [new Bookmark({ id: noteAnchor(note.number), children: [number] }), tabRun()];
      return noteParagraphs(note.children, ctx, { text: S.noteText, continued: S.noteTextContinued, lead });
    }),
  ];
}
