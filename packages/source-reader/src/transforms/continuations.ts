/**
 * A paragraph that goes on with the sentence a display interrupted: after a
 * list, a code block, a quotation or a table, a paragraph that opens with a
 * lower-case letter (`and the nightly run is launched with:`) is the same
 * paragraph as the one before the display, and every edition sets it
 * without a first-line indent (`ParagraphBlock.continues`), as a typesetter
 * does. A figure is no display of the text: the paragraph after one is a
 * paragraph of its own. Japanese has no case, so its paragraphs are never
 * marked so.
 */
import { walkBlocks, type Block, type BlockKind } from '@brief/document-model';

/** Blocks a sentence runs on past. */
const displays: ReadonlySet<BlockKind> = new Set(['list', 'codeBlock', 'blockquote', 'table']);

export function markContinuations(blocks: readonly Block[]): void {
  walkBlocks(blocks, (block, place) => {
    if (block.kind !== 'paragraph' || place.index === 0 || !displays.has(place.siblings[place.index - 1]!.kind)) return;
    const first = block.children[0];
    if (first?.kind === 'text' && /^\p{Ll}/u.test(first.value)) block.continues = true;
  });
}
