/**
 * Tables: fixed column widths sized as a browser sizes an automatic table
 * (the text measured in its faces), a header row repeated on every page,
 * group rules left out where a first cell is empty; inside a note, a
 * paragraph per row.
 */
import { AlignmentType, BorderStyle, Paragraph, StringValueElement, Tab, Table, TableCell, TableLayoutType, TableProperties, TableRow, TextRun, WidthType } from 'docx';
import { inlineText, isCjk, rowHeaderSpans, type Table as ModelTable, type TableAlign, type TableRow as TableRowModel } from '@brief/document-model';
import { fontFiles, hyphenatorFor, textWidth } from '@brief/fonts';
import { autoColumnWidths, cellKeptPieces, cellKeptWhole, widthsWithFloors, type FontRole, type LanguageStyle, type Template } from '@brief/templates';
import type { Ctx } from './context.js';
import { renderInlines } from './inlines.js';
import { S } from './style.js';
import { twips } from './units.js';

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

/** The width of a cell's text in twips, in the header's face or the body's. */
export type CellMeasure = (text: string, header: boolean) => number;

/**
 * A cell's text measured in the table's faces at the table size (the header
 * in the heading face, bold when headings are), as Word will set it: with
 * the space Word puts between Japanese and Latin letters or figures where
 * the language has it (`typography.interScriptSpaceEm`: JR北海道 is wider
 * than its glyphs).
 */
export function faceMeasure(ls: LanguageStyle, template: Template): CellMeasure {
  const paths = (role: FontRole, bold: boolean) =>
    [...new Set([role.latin, role.cjk, ...(role.fallback ?? [])])].map((family) => {
      const files = fontFiles(family);
      return (bold ? files.bold : undefined) ?? files.normal;
    });
  const body = paths(ls.fonts.body, false);
  const head = paths(ls.fonts.heading, ls.typography.headingBold !== false);
  const size = template.sizes.table;
  const interScript = ls.typography.interScriptSpaceEm;
  const spaces = (text: string) => {
    let count = 0;
    let prev: 'cjk' | 'latin' | undefined;
    for (const ch of text) {
      const kind = isCjk(ch.codePointAt(0) ?? 0) ? 'cjk' : /[A-Za-z0-9]/.test(ch) ? 'latin' : undefined;
      if (prev && kind && kind !== prev) count++;
      prev = kind ?? prev;
    }
    return count;
  };
  return (text, header) => twips(textWidth(text, header ? head : body, size) + (interScript > 0 ? spaces(text) * interScript * size : 0));
}

/**
 * The unbreakable pieces of a text: Latin words (Japanese breaks anywhere),
 * a compound's parts with the hyphen that joins them (Word breaks after it:
 * Decommissioning- | assurance), and in a URL or a path the parts between
 * the points where it may break (after `/`, before `.` `-` `_` `?` `&` `=`),
 * which Word breaks there or, if need be, between letters.
 */
function pieces(text: string): string[] {
  return (
    text
      // Not at a no-break space: a number and its unit (11,200 MW) are one piece.
      .split(/[^\S\u00a0\u202f\u2007]+|\u200b+|(?=[\u3000-\u9fff\uff00-\uffef])/u)
      .flatMap((word) => (/^(https?:\/\/|www\.)|\/./.test(word) ? word.split(/(?<=\/)|(?=[._?&=-])/) : word.split(/(?<=\p{L}-)(?=\p{L})/u)))
  );
}

/** How much wider than its longest word, as measured, a column is made. */
const WORD_ROOM = 1.04;

/** The narrowest a column is made, in digits of table text. */
const MIN_COLUMN_CHARS = 4;

/**
 * Column widths in twips, as a browser sizes an automatic table
 * (`autoColumnWidths`, as in the PDF): each column gets at least its widest
 * word as measured in its faces (and four digits) and, where the table has
 * the room, its Japanese pieces kept whole (`cellKeptPieces`); when the table
 * does not fit at its widest, the widest cells are those of the rows: a long
 * column head wraps rather than take the room its column's cells need, and
 * when the rows do not fit either, they share the width by their text.
 */
export function columnWidths(table: ModelTable, total: number, measure: CellMeasure, template: Template, hyphenate?: (word: string) => string[]): number[] {
  const rows = [table.header, ...table.rows];
  const columns = Math.max(1, ...rows.map((r) => r.cells.length));
  const texts = (i: number) => rows.map((r, k) => ({ text: inlineText(r.cells[i]?.children ?? []), header: k === 0 || i < (table.rowHeaderColumns ?? 0) }));
  const floor = measure('0'.repeat(MIN_COLUMN_CHARS), false);
  // A word set at exactly the width measured here may still wrap: Word and LibreOffice round each
  // glyph's advance to their own units. Columns get a few per cent more than their longest word.
  const limit = template.proportions.tableCellWholeChars;
  // A short cell is kept whole, not a head of two phrases (輸送密度（人/日）), which wraps between them.
  const keptWhole = (c: { text: string; header: boolean }) => cellKeptWhole(c.text, limit) && cellKeptPieces(c.text, limit, c.header).includes(c.text.trim());
  const minOf = (whole: boolean) =>
    Array.from({ length: columns }, (_, i) => Math.max(floor, ...texts(i).flatMap((c) => (whole && keptWhole(c) ? [c.text.trim()] : pieces(c.text)).map((p) => measure(p, c.header) * WORD_ROOM))));
  let min = minOf(false);
  // Where the table has the room for them too, no column is narrower than its short Japanese cells, short
  // bracketed parts ((人/日)) and heads' phrases (輸送密度 / （人/日）), which Word then does not break inside.
  const pieced = min.map((w, i) => Math.max(w, ...texts(i).flatMap((c) => cellKeptPieces(c.text, limit, c.header).map((p) => measure(p, c.header) * WORD_ROOM))));
  if (pieced.reduce((a, b) => a + b, 0) <= total) min = pieced;
  const max = Array.from({ length: columns }, (_, i) => Math.max(floor, ...texts(i).map((c) => measure(c.text, c.header))));
  // A table whose longest words do not fit side by side breaks them where they may be hyphenated (Construc-tion, as
  // the PDF does; the cells get soft hyphens there: `softHyphens`): each column at least its widest syllable, the room
  // left going first to the columns that need it to keep their words whole.
  if (hyphenate && min.reduce((a, b) => a + b, 0) > total) {
    const syllableMin = Array.from({ length: columns }, (_, i) =>
      Math.max(floor, ...texts(i).flatMap((c) => pieces(c.text).flatMap((p) => hyphenate(p).map((syllable, k, all) => measure(k < all.length - 1 ? `${syllable}-` : syllable, c.header) * WORD_ROOM)))),
    );
    const sumWhole = min.reduce((a, b) => a + b, 0);
    const sumSyllables = syllableMin.reduce((a, b) => a + b, 0);
    if (sumSyllables < total) min = syllableMin.map((w, i) => w + ((min[i]! - w) / Math.max(1, sumWhole - sumSyllables)) * (total - sumSyllables));
    else min = syllableMin;
  }
  // A column with nothing below its head goes by its head.
  const rowsMax = Array.from({ length: columns }, (_, i) =>
    Math.max(
      0,
      ...texts(i)
        .slice(1)
        .filter((c) => c.text.trim() !== '')
        .map((c) => measure(c.text, c.header)),
    ),
  );
  let widths = autoColumnWidths(min, max, rowsMax, total, false);
  // A short cell is kept whole (事前防災 not broken between its characters) where the other columns can give the room.
  widths = widthsWithFloors(
    widths,
    minOf(true),
    min,
    Array.from({ length: columns }, (_, i) => texts(i).some(keptWhole)),
  );
  const rounded = widths.map(Math.floor);
  rounded[rounded.length - 1]! += total - rounded.reduce((a, b) => a + b, 0);
  return rounded;
}

/** A table whose properties end with its long description (`w:tblDescription`, last in `w:tblPr`): Word's alternative text of it. */
class DescribedTable extends Table {
  constructor(options: ConstructorParameters<typeof Table>[0], description: string) {
    super(options);
    const properties = this.root.find((child) => child instanceof TableProperties) as unknown as { root: unknown[] } | undefined;
    properties?.root.push(new StringValueElement('w:tblDescription', description));
  }
}

/**
 * A table: fixed column widths, a header row repeated on every page. An
 * empty first cell continues the group of the row above (GFM tables have no
 * merged cells): the rule between the two first cells is left out, as in the
 * other editions. With `keepWithNext` (a source line follows) the last row
 * stays on the page of what follows it; a long description is its
 * alternative text.
 */
export function renderTable(table: ModelTable, ctx: Ctx, keepWithNext = false, description?: string): Table {
  // Cell padding on both sides is room the text cannot use.
  const padding = 2 * twips(ctx.template.spacing.tableCellPadding);
  const columns = Math.max(1, ...[table.header, ...table.rows].map((r) => r.cells.length));
  const measure = faceMeasure(ctx.ls, ctx.template);
  const hyphenate = ctx.ls.typography.hyphenate ? hyphenatorFor(ctx.ls.lang) : undefined;
  const inner = columnWidths(table, ctx.textWidth - columns * padding, measure, ctx.template, hyphenate);
  const widths = inner.map((w) => w + padding);
  const bodyCtx: Ctx = { ...ctx, role: ctx.ls.fonts.body, paragraphStyle: S.tableText };
  const headCtx: Ctx = { ...ctx, role: ctx.ls.fonts.heading, paragraphStyle: S.tableHeading };
  const rowHeadCtx: Ctx = { ...headCtx, paragraphStyle: S.tableRowHeading };
  const headerColumns = table.rowHeaderColumns ?? 0;
  // Row headers: a blank cell of a row-header column belongs to the group above, so it repeats that
  // group's header (Word tables have no row-header markup that screen readers follow through merged
  // cells, and its accessibility checker asks for no blank or merged cells).
  const rows = headerColumns > 0 ? withRepeatedRowHeaders(table, headerColumns) : table.rows;
  const continues = (r: number) => headerColumns === 0 && r >= 1 && r < rows.length && inlineText(rows[r]?.cells[0]?.children ?? []).trim() === '';
  const none = { style: BorderStyle.NIL, size: 0, color: 'auto' };
  // As in the PDF: a row is not split, a break leaves two rows at least on either side, and a table of four
  // rows or fewer is not broken (its rows' paragraphs keep with the next row).
  const count = rows.length;
  const kept = (r: number) => r < count - 1 && (count <= ctx.template.proportions.tableUnbrokenRows || r === 0 || r === count - 2);
  const row = (cells: ModelTable['header']['cells'], r: number) => {
    const header = r < 0;
    return new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: widths.map((width, i) => {
        const cell = cells[i];
        const own = header ? headCtx : i < headerColumns ? rowHeadCtx : bodyCtx;
        // Words wider than their column get soft hyphens where they may break (as the PDF hyphenates them).
        const c: Ctx = hyphenate ? { ...own, softHyphens: { width: inner[i]!, hyphenate, measure: (word) => measure(word, own !== bodyCtx) * WORD_ROOM } } : own;
        // A column's heading is aligned as its cells (over figures set right, to the right), as in the PDF and EPUB;
        // centred where the language centres them (Japanese 表頭).
        const alignment = header && ctx.ls.typography.tableHeadCentred ? AlignmentType.CENTER : (alignmentOf(table.align[i]) ?? (header ? AlignmentType.LEFT : undefined));
        const open = i === 0 && !header ? { ...(continues(r) ? { top: none } : {}), ...(continues(r + 1) ? { bottom: none } : {}) } : {};
        return new TableCell({
          width: { size: width, type: WidthType.DXA },
          ...(Object.keys(open).length > 0 ? { borders: open } : {}),
          children: [
            new Paragraph({
              style: c.paragraphStyle,
              ...(alignment ? { alignment } : {}),
              ...((keepWithNext && r === rows.length - 1) || kept(r) ? { keepNext: true } : {}),
              children: renderInlines(cell?.children ?? [], c),
            }),
          ],
        });
      }),
    });
  };
  const options: ConstructorParameters<typeof Table>[0] = {
    style: S.table,
    width: { size: ctx.textWidth, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    tableLook: { firstRow: true, lastRow: false, firstColumn: headerColumns > 0, lastColumn: false, noHBand: true, noVBand: true },
    rows: [row(table.header.cells, -1), ...rows.map((r, i) => row(r.cells, i))],
  };
  return description ? new DescribedTable(options, description) : new Table(options);
}

/**
 * Rows whose blank row-header cells repeat the header of their group (the
 * group `rowHeaderSpans` finds, as the other editions group the rows: a
 * blank under a new group of the column to its left stays blank).
 */
export function withRepeatedRowHeaders(table: ModelTable, headerColumns: number): TableRowModel[] {
  const spans = rowHeaderSpans({ ...table, rowHeaderColumns: headerColumns });
  const heads: (TableRowModel['cells'][number] | undefined)[] = [];
  return table.rows.map((row, r) => ({
    cells: row.cells.map((cell, i) => {
      if (i >= headerColumns) return cell;
      if (spans[r]?.[i] !== 0) {
        heads[i] = cell;
        return cell;
      }
      return heads[i] ?? cell;
    }),
  }));
}

/** A table inside a note (Word notes hold paragraphs only): one paragraph per row, cells joined by tabs. */
export function tableAsParagraphs(table: ModelTable, ctx: Ctx): Paragraph[] {
  return [table.header, ...table.rows].map(
    (r) =>
      new Paragraph({
        style: ctx.paragraphStyle,
        children: r.cells.flatMap((cell, i) => [...(i > 0 ? [new TextRun({ children: [new Tab()] })] : []), ...renderInlines(cell.children, ctx)]),
      }),
  );
}
