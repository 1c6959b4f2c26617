/**
 * Tables as XHTML trees: a header row, body rows, alignment classes, and
 * the groups of rows whose first cell is empty.
 */
import type { Table } from '@brief/document-model';
import { x } from 'xastscript';
import { inlineNodes, type Ctx } from './inlines.js';
import { line, text, type Fragment } from './markup.js';

/** A table, with its caption (a figure's caption line) when it has one. */
export function tableNodes(table: Table, ctx: Ctx, caption: Fragment | undefined): Fragment {
  const head = table.header.cells.map((cell, i) => x('th', { scope: 'col', class: table.align[i] ? `align-${table.align[i]}` : undefined }, inlineNodes(cell.children, ctx)));
  // An empty first cell continues the group of the row above (a GFM table has
  // no merged cells): the rule between them is hidden, the cells stay as written.
  const emptyFirst = (r: number) => (table.rows[r]?.cells[0]?.children.length ?? 1) === 0;
  const rows = table.rows.flatMap((row, r) =>
    line(
      x(
        'tr',
        row.cells.map((cell, i) => {
          const classes = [table.align[i] ? `align-${table.align[i]}` : '', i === 0 && emptyFirst(r + 1) ? 'group-continues' : ''].filter(Boolean).join(' ');
          return x('td', { class: classes || undefined }, inlineNodes(cell.children, ctx));
        }),
      ),
    ),
  );
  return line(
    x('table', [text('\n'), ...(caption !== undefined ? line(x('caption', caption)) : []), ...line(x('thead', [text('\n'), ...line(x('tr', head))])), ...line(x('tbody', [text('\n'), ...rows]))]),
  );
}
