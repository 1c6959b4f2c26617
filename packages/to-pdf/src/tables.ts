/**
 * Tables: column widths from the cells' content, cells composed like any
 * text, a shaded header row, ruled cells. Every row is a box, so a long
 * table breaks between rows and repeats its header row on each page. An
 * empty cell in the first column continues the group above it (at the top
 * of a page it repeats the group's label, when the row has room): no rule is
 * drawn between them (as a merged cell would look).
 */
import { inlineText, ownInlines, rowHeaderSpans, type Table, type TableAlign, type TableRow } from '@brief/document-model';
import { atomize, gapsOf, type Atom } from './inlines.js';
import type { Align, ComposedLine } from './breaker.js';
import { contextFor, type Flow, type FlowBox, type DrawPlace } from './boxes.js';
import { composeAtoms, drawLine } from './compose.js';
import type { CanvasLine, CanvasRect, ContentNode } from './pdfmake-adapter.js';
import type { TextStyle } from './style.js';
import { autoColumnWidths, cellKeptPieces, cellKeptWhole, widthsWithFloors } from '@brief/templates';
import { artifactNodes, tagNodes } from './tags.js';

interface CellLayout {
  lines: ComposedLine[];
  empty: boolean;
}

interface RowLayout {
  cells: CellLayout[];
  height: number;
  notes: number[];
}

/**
 * A cell's widths: at its widest (`max`, on one line), its narrowest
 * (`min`: its longest piece between the points where a line may break, a
 * hyphenated syllable with its hyphen) and its narrowest without
 * hyphenating (`wordMin`: its longest word).
 */
function contentWidths(atoms: readonly Atom[], flow: Flow, text: TextStyle, width: number): { min: number; wordMin: number; max: number } {
  const gaps = gapsOf(atoms, contextFor(flow, text, width));
  let max = 0;
  let min = 0;
  let wordMin = 0;
  let unit = 0;
  let word = 0;
  atoms.forEach((a, k) => {
    unit += a.width;
    word += a.width;
    max += a.width;
    const gap = gaps[k];
    if (gap) {
      max += gap.natural;
      // The narrowest a column gets: its longest word, or piece of a URL or long token between the
      // points where it breaks (breaks between any two characters are the last resort).
      if (gap.breakable && gap.inside !== 'cut') {
        // A break between syllables sets a hyphen at the line's end.
        const syllable = a.hyphenAfter !== undefined && !gap.space && gap.inside === undefined;
        min = Math.max(min, unit + (syllable ? (a.hyphenAfter ?? 0) : 0));
        unit = 0;
        if (syllable) word += gap.natural;
        else {
          wordMin = Math.max(wordMin, word);
          word = 0;
        }
      } else {
        unit += gap.natural;
        word += gap.natural;
      }
    }
  });
  min = Math.max(min, unit);
  return { min, wordMin: Math.max(wordMin, word, min), max };
}

function alignOf(a: TableAlign | undefined): Align {
  return a === 'center' ? 'center' : a === 'right' ? 'right' : 'left';
}

export interface TableBoxes {
  header: FlowBox;
  rows: FlowBox[];
  /** Height of the whole table. */
  height: number;
}

/**
 * The cells of a table composed: the columns' widths and offsets, and each
 * row's cells as lines. A function of its own, so that the drawing closures
 * of `layoutTable` do not hold the cells' atoms (a closure holds its whole
 * scope).
 */
function composeCells(
  flow: Flow,
  allRows: readonly TableRow[],
  table: Table,
  sizes: { head: TextStyle; body: TextStyle; width: number; ncols: number; pad: number; rowHeads: number },
): { rows: RowLayout[]; colX: number[] } {
  const { head, body, width, ncols, pad, rowHeads } = sizes;
  // Column heads and row heads are set alike (as the DOCX and EPUB editions set them).
  const styleOf = (r: number, c: number) => (r === 0 || c < rowHeads ? head : body);
  const atomsOf = allRows.map((row, r) => Array.from({ length: ncols }, (_, c) => atomize(row.cells[c]?.children ?? [], contextFor(flow, styleOf(r, c), width))));
  const syllableMins = new Array<number>(ncols).fill(0);
  const wordMins = new Array<number>(ncols).fill(0);
  // The narrowest a column is with its short cells whole.
  const wholeMins = new Array<number>(ncols).fill(0);
  /** Columns with a short cell kept whole. */
  const keptWhole = new Array<boolean>(ncols).fill(false);
  const maxes = new Array<number>(ncols).fill(0);
  const bodyMaxes = new Array<number>(ncols).fill(0);
  // The narrowest a column is with its short cells, short bracketed parts and heads' phrases whole.
  const pieceMins = new Array<number>(ncols).fill(0);
  const limit = flow.style.template.proportions.tableCellWholeChars;
  atomsOf.forEach((cells, r) =>
    cells.forEach((atoms, c) => {
      const w = contentWidths(atoms, flow, styleOf(r, c), width);
      syllableMins[c] = Math.max(syllableMins[c]!, w.min);
      wordMins[c] = Math.max(wordMins[c]!, w.wordMin);
      const cellText = inlineText(allRows[r]!.cells[c]?.children ?? []);
      for (const piece of cellKeptPieces(cellText, limit, r === 0 || c < rowHeads)) {
        const ctx = contextFor(flow, styleOf(r, c), width);
        pieceMins[c] = Math.max(pieceMins[c]!, contentWidths(atomize([{ kind: 'text', value: piece }], ctx), flow, styleOf(r, c), width).max);
      }
      // A head of two phrases (輸送密度（人/日）) wraps between them.
      const whole = cellKeptWhole(cellText, limit) && cellKeptPieces(cellText, limit, r === 0 || c < rowHeads).includes(cellText.trim());
      if (whole) keptWhole[c] = true;
      wholeMins[c] = Math.max(wholeMins[c]!, whole ? w.max : w.wordMin);
      maxes[c] = Math.max(maxes[c]!, w.max);
      if (r > 0) bodyMaxes[c] = Math.max(bodyMaxes[c]!, w.max);
    }),
  );
  // When the table does not fit at its widest, the columns share the width by their rows' content:
  // a long column head wraps (as typesetters set them) rather than take the room its column's
  // cells need. A column with nothing below its head goes by its head.
  const available = width - ncols * 2 * pad;
  // No column is so narrow that a word in it must be hyphenated, when the table has the room
  // (a narrow column of figures under a long head); else words hyphenate, and no column is
  // narrower than its longest syllable and hyphen.
  // Where the table has the room for them too, no column is narrower than its short Japanese cells, short
  // bracketed parts ((人/日)) and heads' phrases (輸送密度 / （人/日）), which then no line breaks inside.
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const pieced = wordMins.map((w, c) => Math.max(w, pieceMins[c]!));
  const mins = sum(pieced) <= available ? pieced : sum(wordMins) <= available ? wordMins : syllableMins;
  // Else a short cell is kept whole (事前防災 not broken between its characters) where the other columns can give the room.
  const inner = widthsWithFloors(autoColumnWidths(mins, maxes, bodyMaxes, available), wholeMins, mins, keptWhole);
  const colX: number[] = [0];
  for (const w of inner) colX.push(colX[colX.length - 1]! + w + 2 * pad);

  const rows: RowLayout[] = allRows.map((row, r) => {
    const text = r === 0 ? head : body;
    const cells = atomsOf[r]!.map((atoms, c) => {
      const cellText = styleOf(r, c);
      // Column heads centred where the language sets them so (Japanese 表頭), else aligned as their column.
      const align = r === 0 && flow.style.lang.typography.tableHeadCentred ? 'center' : alignOf(table.align[c]);
      const lines = composeAtoms(atoms, contextFor(flow, cellText, inner[c]!), {
        width: inner[c]!,
        firstIndent: 0,
        restIndent: 0,
        // Flush left, as the DOCX and EPUB editions set cells: a narrow measure justified is loose.
        justify: false,
        align,
        avoidShortLast: false,
        // 輸送密度 / （人/日）, not 輸送密度（人 / /日）.
        keepBrackets: true,
      });
      return { lines, empty: inlineText(row.cells[c]?.children ?? []).trim() === '' };
    });
    const lineCount = Math.max(1, ...cells.map((c) => c.lines.length));
    return { cells, height: lineCount * text.pitch + 2 * pad, notes: cells.flatMap((c) => c.lines.flatMap((l) => l.notes)) };
  });
  return { rows, colX };
}

/** A line drawn above the header row where a table goes on at the top of a page (its figure's label and `strings.figureContinued`). */
export interface ContinuedLine {
  height: number;
  draw: (x: number, top: number) => ContentNode[];
}

/**
 * Lay out a table across the column width `width` at offset `dx`; `placeNotes`: place the notes
 * its cells mark after it in the structure (a figure places its own); `continued`: a line set
 * above the header row repeated on the next page.
 */
export function layoutTable(flow: Flow, table: Table, dx: number, width: number, placeNotes = true, blockIndex?: number, continued?: ContinuedLine, summary?: string): TableBoxes {
  const style = flow.style;
  const body = style.table;
  const head: TextStyle = { ...body, fonts: style.chapter.fonts, bold: true };
  const pad = style.cellPadding;
  const rule = style.ruleWidth;
  const colors = style.template.colors;
  const allRows = [table.header, ...table.rows];
  const ncols = Math.max(...allRows.map((r) => r.cells.length), 1);
  const rowHeads = Math.min(ncols, Math.max(0, table.rowHeaderColumns ?? 0));
  const { rows, colX } = composeCells(flow, allRows, table, { head, body, width, ncols, pad, rowHeads });

  // The structure: a header row of column headers, then rows whose first `rowHeaderColumns` cells head them.
  // A row header whose cells below are blank heads their rows too (RowSpan), as the EPUB's rowspan: those
  // rows have no cell of their own there, not an empty header.
  const tree = flow.tree;
  tree.open('Table', summary ? { summary } : {});
  const keys: (string | undefined)[][] = [];
  const spans = rowHeaderSpans({ ...table, rowHeaderColumns: rowHeads });
  allRows.forEach((_, r) => {
    if (r === 0) tree.open('THead');
    if (r === 1) tree.open('TBody');
    tree.open('TR');
    const span = (c: number) => spans[r - 1]?.[c] ?? 1;
    keys.push(
      Array.from({ length: ncols }, (_, c) =>
        r === 0 ? tree.leaf('TH', { scope: 'Column' }) : c < rowHeads ? (span(c) === 0 ? undefined : tree.leaf('TH', { scope: 'Row', rowSpan: span(c) })) : tree.leaf('TD'),
      ),
    );
    tree.close();
    if (r === 0 || r === allRows.length - 1) tree.close();
  });
  tree.close();
  if (placeNotes) tree.placeNotes(ownInlines({ kind: 'table', table }).flat(), flow.links.dest);

  const continues = (r: number) => r >= 2 && rows[r]!.cells[0]!.empty;
  /** The header was just repeated at the top of a page: the next row drawn begins the page's part of the table. */
  let headerRepeated = false;

  const drawRow =
    (r: number) =>
    (x0: number, top: number, place: DrawPlace): ContentNode[] => {
      const x = x0 + dx;
      const row = rows[r]!;
      const text = r === 0 ? head : body;
      const nodes: ContentNode[] = [];
      const canvas: (CanvasLine | CanvasRect)[] = [];
      if (r === 0) canvas.push({ type: 'rect', x, y: top, w: colX[ncols]!, h: row.height, color: colors.tableHeaderFill });
      else if (rowHeads > 0) canvas.push({ type: 'rect', x, y: top, w: colX[rowHeads]!, h: row.height, color: colors.tableHeaderFill });
      const line = (x1: number, y1: number, x2: number, y2: number): CanvasLine => ({ type: 'line', x1, y1, x2, y2, lineWidth: rule, lineColor: colors.tableRule });
      // Top rule: open over the first column when this row continues the group above.
      const topFrom = continues(r) && !place.first ? colX[1]! : 0;
      canvas.push(line(x + topFrom, top, x + colX[ncols]!, top));
      const bottomFrom = r + 1 < rows.length && continues(r + 1) && !place.last ? colX[1]! : 0;
      canvas.push(line(x + bottomFrom, top + row.height, x + colX[ncols]!, top + row.height));
      for (let c = 0; c <= ncols; c++) canvas.push(line(x + colX[c]!, top, x + colX[c]!, top + row.height));
      nodes.push(...artifactNodes([{ canvas, absolutePosition: { x: 0, y: 0 } }], 'Layout'));
      // A group continued at the top of a page repeats its label there, when the row has the room
      // (an artifact: the label's cell is the group's first row's).
      const afterRepeat = r > 0 && headerRepeated;
      if (r > 0) headerRepeated = false;
      if (continues(r) && (place.first || afterRepeat)) {
        let g = r;
        while (g > 1 && rows[g]!.cells[0]!.empty) g--;
        const label = rows[g]!.cells[0]!.lines;
        if (label.length > 0 && label.length * text.pitch <= row.height - 2 * pad + 1e-6) {
          const labelText = rowHeads > 0 ? head : text;
          label.forEach((l, k) => nodes.push(...artifactNodes(drawLine(l, flow.style, labelText, x + colX[0]! + pad, top + pad + k * text.pitch), 'Pagination')));
        }
      }
      row.cells.forEach((cell, c) => {
        const cellText = r > 0 && c < rowHeads ? head : text;
        const key = keys[r]![c];
        if (key) cell.lines.forEach((l, k) => nodes.push(...tagNodes(drawLine(l, flow.style, cellText, x + colX[c]! + pad, top + pad + k * text.pitch), { key })));
      });
      return nodes;
    };

  // A page that begins in a table begins in its block (a table has no text of its own for an offset: PrintPage).
  const at = blockIndex !== undefined ? { at: { block: blockIndex, offset: 0 } } : {};
  const header: FlowBox = { height: rows[0]!.height, notes: rows[0]!.notes, keepWithNext: true, payload: { draw: drawRow(0), ...at } };
  // A table breaks between rows leaving two at least on either side; one of four rows or fewer does not break.
  const count = rows.length - 1;
  const kept = (k: number) => k < count - 1 && (count <= style.template.proportions.tableUnbrokenRows || k === 0 || k === count - 2);
  const bodyRows: FlowBox[] = rows.slice(1).map((row, k) => ({
    height: row.height,
    notes: row.notes,
    keepWithNext: kept(k),
    // The header repeated at the top of a page is an artifact, as the line naming the table above it: the table has one header row.
    repeatAtTop: {
      ...header,
      height: header.height + (continued?.height ?? 0),
      notes: [],
      payload: {
        draw: (x: number, top: number, place: DrawPlace) => {
          headerRepeated = true;
          const above = continued ? artifactNodes(continued.draw(x, top), 'Pagination') : [];
          return [...above, ...artifactNodes(drawRow(0)(x, top + (continued?.height ?? 0), place), 'Pagination')];
        },
      },
    },
    // A page that begins at a later row begins there (the e-book's marker goes in that row).
    payload: { draw: drawRow(k + 1), ...(blockIndex !== undefined ? { at: { block: blockIndex, offset: 0, row: k } } : {}) },
  }));
  return { header, rows: bodyRows, height: rows.reduce((a, r) => a + r.height, 0) };
}
