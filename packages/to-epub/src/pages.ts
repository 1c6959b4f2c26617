/**
 * The print edition's pages in the EPUB: page-break markers in the text
 * (`<span role="doc-pagebreak" epub:type="pagebreak" id="page-52"
 * aria-label="52"/>`) and the targets of the page list. A page begins in a
 * block (its place in a pre-order walk of the body, `walkBlocks`) at a
 * character offset of that block's own text (`inlineText`, note marks left
 * out): the marker goes at that offset inside the block's inline content,
 * splitting a text node where needed.
 */
import { walkBlocks, type Block, type DocumentModel, type PrintPage } from '@brief/document-model';
import type { Element, ElementContent } from 'xast';
import { x } from 'xastscript';
import type { Fragment } from './markup.js';

/** One marker: the printed label, its id, and where it is written. */
export interface PageMark {
  label: string;
  id: string;
  /** Characters of the block's text before the page begins. */
  offset: number;
  /** A page that begins inside a table after its first body row: that row (`PrintPage.row`). */
  row?: number;
  /** The content document that holds the marker. */
  file: string;
}

export interface PagePlan {
  /** Markers by the block the page begins in, in page order. */
  byBlock: ReadonlyMap<Block, PageMark[]>;
  /** Pages before the body (title block, contents): at the start of the title page. */
  beforeBody: PageMark[];
  /** Every marker in page order (the page list). */
  all: PageMark[];
}

/** An id from a printed label: `page-52`, `page-iv`; other characters as `_`, repeated labels numbered. */
function pageIds(labels: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return labels.map((label) => {
    const base = `page-${label.replace(/[^A-Za-z0-9_-]/g, '_') || '_'}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}

/**
 * Where each page's marker goes. `fileOf` gives the content document of a
 * block at the top level of the body (nested blocks go with theirs).
 * Pages whose block is not in the body go before the body.
 */
export function planPages(doc: DocumentModel, printPages: readonly PrintPage[], fileOf: (top: Block) => string, titleFile: string): PagePlan {
  const blocks: { block: Block; file: string }[] = [];
  let top: Block | undefined;
  walkBlocks(doc.body, (block, place) => {
    if (place.depth === 0) top = block;
    blocks.push({ block, file: top ? fileOf(top) : titleFile });
  });
  const ids = pageIds(printPages.map((p) => p.label));
  const byBlock = new Map<Block, PageMark[]>();
  const beforeBody: PageMark[] = [];
  const all: PageMark[] = [];
  // The page list is in reading order: a page that begins with a figure floated
  // from before the last page's start (a figure set after the text that follows
  // it) is marked where the last page's marker is, not back in the text.
  let last: { block: number; row: number; offset: number } | undefined;
  printPages.forEach((page, i) => {
    let place = Number.isInteger(page.block) && page.block >= 0 && blocks[page.block] ? { block: page.block, row: page.row ?? 0, offset: Math.max(0, page.offset) } : undefined;
    if (place && last && (place.block < last.block || (place.block === last.block && (place.row < last.row || (place.row === last.row && place.offset < last.offset))))) place = last;
    if (place) last = place;
    const at = place ? blocks[place.block] : undefined;
    const mark: PageMark = { label: page.label, id: ids[i]!, offset: place?.offset ?? 0, ...(place?.row ? { row: place.row } : {}), file: at?.file ?? titleFile };
    all.push(mark);
    if (!at) beforeBody.push(mark);
    else byBlock.set(at.block, [...(byBlock.get(at.block) ?? []), mark]);
  });
  return { byBlock, beforeBody, all };
}

/** The marker element. */
export function pageMarker(mark: PageMark): Element {
  return x('span', { role: 'doc-pagebreak', 'epub:type': 'pagebreak', id: mark.id, 'aria-label': mark.label });
}

/** Whether an element's text is not part of the block's text: note marks (a `doc-noteref` link). */
const uncounted = (node: Element): boolean => node.attributes.role === 'doc-noteref';

/**
 * Insert markers into inline content at character offsets of its text.
 * Note marks and the word joiner before them do not count; a line break
 * counts one character (as `inlineText` writes it). A marker past the end
 * goes at the end.
 */
export function withPageMarks(fragment: Fragment, marks: readonly PageMark[]): Fragment {
  if (marks.length === 0) return fragment;
  const pending = [...marks].sort((a, b) => a.offset - b.offset);
  let count = 0;
  const place = (upTo: number): Element[] => {
    const out: Element[] = [];
    while (pending.length > 0 && pending[0]!.offset <= upTo) out.push(pageMarker(pending.shift()!));
    return out;
  };
  const walk = (nodes: readonly ElementContent[]): ElementContent[] => {
    const out: ElementContent[] = [];
    for (const node of nodes) {
      if (node.type === 'text') {
        // The word joiner before a note mark is not text of the block.
        const chars = [...node.value];
        let run = '';
        for (const ch of chars) {
          if (ch === '\u2060') {
            run += ch;
            continue;
          }
          const markers = place(count);
          if (markers.length > 0) {
            if (run) out.push({ type: 'text', value: run });
            run = '';
            out.push(...markers);
          }
          run += ch;
          count += ch.length;
        }
        if (run) out.push({ type: 'text', value: run });
      } else if (node.type === 'element') {
        if (uncounted(node)) {
          out.push(node);
        } else if (node.name === 'br') {
          out.push(...place(count), node);
          count += 1;
        } else {
          out.push({ ...node, children: walk(node.children) });
        }
      } else {
        out.push(node);
      }
    }
    return out;
  };
  const body = walk(fragment);
  // Markers at the very end of the text, or past it.
  const rest = place(Number.POSITIVE_INFINITY);
  return [...body, ...rest];
}
