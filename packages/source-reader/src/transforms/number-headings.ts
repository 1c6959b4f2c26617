/**
 * Headings get their printed numbers (and the label printed before the title:
 * the number and its separator) from the template's numbering style, and
 * ids when the author gave none; a heading written with {-} or
 * {.unnumbered} gets none; figures and tables share one counter, unless the
 * template labels tables apart (`strings.tableLabel`: 表1 beside 図1).
 */
import { inlineText, type Block } from '@brief/document-model';
import { figureLabel, fill, headingNumber, type LanguageStyle } from '@brief/templates';

/** Where a heading is, for cross-references from other chapters: its chapter and its label with that context. */
export type HeadingPlaces = Map<string, { chapter: number; fromOtherChapter: string }>;

export function numberHeadingsAndFigures(body: Block[], style: LanguageStyle, usedIds: Set<string>, places: HeadingPlaces = new Map()): HeadingPlaces {
  const counters: [number, number, number] = [0, 0, 0];
  let figures = 0;
  let tables = 0;
  let unnumbered = 0;
  for (const block of body) {
    if (block.kind === 'heading' && block.unnumbered) {
      // No number: a cross-reference prints its title; the numbering goes on as if it were not there.
      block.number = '';
      block.label = '';
      block.refLabel = fill(style.strings.headingTitleReference, { title: inlineText(block.children).trim() });
      if (!block.id) {
        let id = `sec-unnumbered-${++unnumbered}`;
        while (usedIds.has(id)) id += '-x';
        usedIds.add(id);
        block.id = id;
      }
      places.set(block.id, { chapter: counters[0], fromOtherChapter: block.refLabel });
    } else if (block.kind === 'heading') {
      const i = block.level - 1;
      counters[i] = (counters[i] ?? 0) + 1;
      for (let j = i + 1; j < 3; j++) counters[j] = 0;
      const { number, label, refLabel } = headingNumber(style.numbering, block.level, counters);
      block.number = number;
      block.label = label;
      block.refLabel = refLabel;
      if (!block.id) {
        let id = `sec-${counters.slice(0, block.level).join('-')}`;
        while (usedIds.has(id)) id += '-x';
        usedIds.add(id);
        block.id = id;
      }
      const other = style.numbering.referenceFromOtherChapter;
      const fromOtherChapter = other ? headingNumber({ ...style.numbering, reference: other }, block.level, counters).refLabel : refLabel;
      places.set(block.id, { chapter: counters[0], fromOtherChapter: fromOtherChapter || refLabel || number });
    } else if (block.kind === 'figure') {
      const table = block.body.kind === 'table' && style.strings.tableLabel !== '';
      block.number = table ? ++tables : ++figures;
      block.label = figureLabel(style.strings, block.number, table);
    }
  }
  return places;
}
