/**
 * Tables as XHTML trees: a header row, body rows, alignment classes, row
 * headers, and the groups of rows whose first cell is empty.
 */
import { inlineText, rowHeaderSpans, type Inline, type Table } from '@brief/document-model';
import { cellKeptWhole } from '@brief/templates';
import type { ElementContent } from 'xast';
import { x } from 'xastscript';
import { inlineNodes, type Ctx } from './inlines.js';
import { line, text, type Fragment } from './markup.js';
import { pageMarker, type PageMark } from './pages.js';

/**
 * A table, named by the element of its caption when it has one (a figure's
 * caption line, set outside the table's scrolling box: inside it, a table
 * wider than the screen scrolls its caption out of sight), and pointing to
 * its long description.
 */
export function tableNodes(table: Table, ctx: Ctx, labelledBy: string | undefined, described?: { describedBy: string; details: string }, marks: readonly PageMark[] = []): Fragment {
  // The page-break markers of pages that begin at a later row: at the start of that row's first cell.
  const marksAt = (r: number) => marks.filter((m) => m.row === r).map(pageMarker);
  // A short cell (事前防災) is not broken between its Japanese characters (class `whole`).
  const whole = (cell: { children: Inline[] }) => (ctx.wholeCellChars !== undefined && cellKeptWhole(inlineText(cell.children), ctx.wholeCellChars) ? 'whole' : '');
  const classOf = (...names: string[]) => names.filter(Boolean).join(' ') || undefined;
  const align = (i: number) => (table.align[i] ? `align-${table.align[i]}` : '');
  // Column heads centred where the language centres them (Japanese 表頭), else aligned as their column.
  const headAlign = (i: number) => (ctx.style.typography.tableHeadCentred ? 'align-center' : align(i));
  const head = table.header.cells.map((cell, i) => x('th', { scope: 'col', class: classOf(headAlign(i), whole(cell)) }, inlineNodes(cell.children, ctx)));
  const headerColumns = table.rowHeaderColumns ?? 0;
  const spans = rowHeaderSpans(table);
  // Without row headers, an empty first cell continues the group of the row above (a GFM table has
  // no merged cells): the rule between them is hidden, the cells stay as written.
  const emptyFirst = (r: number) => headerColumns === 0 && (table.rows[r]?.cells[0]?.children.length ?? 1) === 0;
  const rows = table.rows.flatMap((row, r) =>
    line(
      x(
        'tr',
        row.cells.flatMap((cell, i): ElementContent[] => {
          const span = spans[r]?.[i] ?? 1;
          // The row's first cell drawn holds the markers (a covered row header is not drawn).
          const first = row.cells.findIndex((_, k) => k >= headerColumns || (spans[r]?.[k] ?? 1) > 0) === i;
          const content = first ? [...marksAt(r), ...inlineNodes(cell.children, ctx)] : inlineNodes(cell.children, ctx);
          if (i < headerColumns) {
            if (span === 0) return [];
            return [x('th', { scope: 'row', rowspan: span > 1 ? span : undefined, class: classOf(align(i), whole(cell)) }, content)];
          }
          return [x('td', { class: classOf(align(i), i === 0 && emptyFirst(r + 1) ? 'group-continues' : '', whole(cell)) }, content)];
        }),
      ),
    ),
  );
  return line(
    x('table', { 'aria-labelledby': labelledBy, 'aria-describedby': described?.describedBy, 'aria-details': described?.details }, [
      text('\n'),
      ...line(x('thead', [text('\n'), ...line(x('tr', head))])),
      ...line(x('tbody', [text('\n'), ...rows])),
    ]),
  );
}
