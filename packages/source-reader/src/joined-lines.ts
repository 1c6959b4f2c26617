/**
 * Lines typed one under another as items (① …, ・ …, （注1）…) inside one
 * paragraph. Markdown joins a paragraph's lines, so they print run together
 * (…再構築協議会）② バス…). Japanese authors write enumerations and figure
 * notes this way in word processors; the reader tells them where it happens.
 */

/** Markers that open an item or a note when they start a line: circled numbers, the middle dot, bullets, ※, （注）, （1）. */
const itemStart = /^[ \t\u3000]*(?:[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf\u30fb\u2022\u25cf\u25cb\u25a0\u25a1\u25c6\u25c7\u203b]|[（(]注[0-9０-９]*[）)]|（[0-9０-９]{1,2}）)/u;

/**
 * Offsets in `text` (a paragraph's text as typed, its soft line breaks kept)
 * of the lines after the first that start with an item's marker: each is
 * joined to the line before it.
 */
export function joinedItemLines(text: string): number[] {
  const out: number[] = [];
  let at = text.indexOf('\n');
  while (at >= 0) {
    const start = at + 1;
    const m = itemStart.exec(text.slice(start, start + 16));
    if (m) out.push(start + m[0].length - m[0].trimStart().length);
    at = text.indexOf('\n', start);
  }
  return out;
}
