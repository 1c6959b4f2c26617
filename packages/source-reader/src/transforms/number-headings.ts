/**
 * Headings get their printed numbers (and the label printed before the title:
 * the number and its separator) from the template's numbering style, and
 * ids when the author gave none; a heading written with {-} or
 * {.unnumbered} gets none, nor does a section of an unnumbered chapter whose
 * number would name its chapter (1.1); the chapter marked {.appendix} and
 * those after it are numbered apart (`numbering.appendix`: Appendix A, A.1;
 * 付録1); figures and tables share one counter, unless the template labels
 * tables apart (`strings.tableLabel`: 表1 beside 図1).
 */
import { diagnostic, inlineText, type Block, type Diagnostic, type HeadingBlock } from '@brief/document-model';
import { appendixNumbering, figureLabel, fill, headingNumber, type LanguageStyle } from '@brief/templates';

/** Where a heading is, for cross-references from other chapters: its chapter (1, 2… for every chapter in order, numbered or not) and its label with that context. */
export type HeadingPlaces = Map<string, { chapter: number; fromOtherChapter: string }>;

export function numberHeadingsAndFigures(body: Block[], style: LanguageStyle, usedIds: Set<string>, places: HeadingPlaces = new Map(), diagnostics: Diagnostic[] = []): HeadingPlaces {
  let counters: [number, number, number] = [0, 0, 0];
  let figures = 0;
  let tables = 0;
  let unnumbered = 0;
  // The appendices: the chapter marked {.appendix} and every chapter after it, counted apart.
  const first = body.findIndex((b) => b.kind === 'heading' && b.level === 1 && b.appendix);
  const appendices = first < 0 ? 0 : body.slice(first).filter((b) => b.kind === 'heading' && b.level === 1 && !b.unnumbered).length;
  let numbering = style.numbering;
  let inAppendix = false;
  let chapterUnnumbered = false;
  let chapter = 0;
  /** Whether the heading above at each level has no number ({-}, or none of its own). */
  const unnumberedAbove = [false, false, false];
  /** The chapter the headings are in (a cross-reference from elsewhere names an unnumbered one by its `refLabel`, its title). */
  let chapterHead: HeadingBlock | undefined;
  const unnumber = (block: HeadingBlock) => {
    block.number = '';
    block.label = '';
    block.refLabel = fill(style.strings.headingTitleReference, { title: inlineText(block.children).trim() });
    if (!block.id) {
      let id = `sec-unnumbered-${++unnumbered}`;
      while (usedIds.has(id)) id += '-x';
      usedIds.add(id);
      block.id = id;
    }
    places.set(block.id, { chapter, fromOtherChapter: block.refLabel });
  };
  for (const [k, block] of body.entries()) {
    if (block.kind === 'heading' && block.level === 1) {
      if (k === first) {
        inAppendix = true;
        counters = [0, 0, 0];
        numbering = appendixNumbering(style.numbering, appendices === 1);
      }
      if (inAppendix) block.appendix = true;
      chapter++;
      chapterUnnumbered = block.unnumbered === true;
      chapterHead = block;
    }
    // A heading under an unnumbered one whose number names it (1.1 under an unnumbered chapter, 1.1.1 under an
    // unnumbered section) would name the one before it: it has none (in ja, （1） names no chapter and is counted).
    const pattern = block.kind === 'heading' ? (numbering.heading[block.level - 1] ?? '') : '';
    const orphan = block.kind === 'heading' && !block.unnumbered && unnumberedAbove.slice(0, block.level - 1).some((above, i) => above && pattern.includes(`{${i + 1}}`));
    if (block.kind === 'heading') {
      unnumberedAbove[block.level - 1] = block.unnumbered === true || orphan;
      for (let j: number = block.level; j < 3; j++) unnumberedAbove[j] = false;
      // The headings under an unnumbered one are counted from one.
      if (block.unnumbered) for (let j: number = block.level; j < 3; j++) counters[j] = 0;
    }
    if (block.kind === 'heading' && (block.unnumbered || orphan)) {
      // No number: a cross-reference prints its title; the numbering goes on as if it were not there.
      unnumber(block);
      if (orphan && block.source)
        diagnostics.push(
          diagnostic(
            'heading-under-unnumbered',
            'warning',
            'this heading is under an unnumbered one, and its number would be the one before’s (1.1 after chapter 1): it prints without one',
            block.source,
            inAppendix
              ? 'remove {-} from the appendix to number it and its sections (Appendix A, A.1), or write {-} on this heading'
              : 'write {.appendix} on an unnumbered chapter to number it and its sections as an appendix (Appendix A, A.1), or {-} on this heading',
          ),
        );
    } else if (block.kind === 'heading') {
      const i = block.level - 1;
      counters[i] = (counters[i] ?? 0) + 1;
      for (let j = i + 1; j < 3; j++) counters[j] = 0;
      const { number, label, refLabel } = headingNumber(numbering, block.level, counters);
      block.number = number;
      block.label = label;
      block.refLabel = refLabel;
      if (!block.id) {
        // Under an unnumbered chapter (ja （1）), by the chapter's place: the numbers would repeat the chapter before's.
        const position = chapterUnnumbered && block.level > 1 ? [`u${chapter}`, ...counters.slice(1, block.level)] : counters.slice(0, block.level);
        let id = `${inAppendix ? 'sec-appendix-' : 'sec-'}${position.join('-')}`;
        while (usedIds.has(id)) id += '-x';
        usedIds.add(id);
        block.id = id;
      }
      const other = numbering.referenceFromOtherChapter;
      // From another chapter, a section of an unnumbered one is named with its chapter's title: 「データ」（1）.
      const fromOtherChapter =
        chapterUnnumbered && block.level > 1 ? `${chapterHead?.refLabel ?? ''}${refLabel}` : other ? headingNumber({ ...numbering, reference: other }, block.level, counters).refLabel : refLabel;
      places.set(block.id, { chapter, fromOtherChapter: fromOtherChapter || refLabel || number });
    } else if (block.kind === 'figure') {
      const table = block.body.kind === 'table' && style.strings.tableLabel !== '';
      block.number = table ? ++tables : ++figures;
      block.label = figureLabel(style.strings, block.number, table);
    }
  }
  return places;
}
