/**
 * Markdown body → mdast, with the format's extensions: GFM tables and
 * footnotes, generic directives, and CJK-friendly emphasis.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkDirective from 'remark-directive';
import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkCjkFriendlyGfmStrikethrough from 'remark-cjk-friendly-gfm-strikethrough';
import type { Root } from 'mdast';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkDirective).use(remarkCjkFriendly).use(remarkCjkFriendlyGfmStrikethrough);

/** How many parsed bodies a process keeps (the editions of a report or two). */
const KEPT = 4;

/** Bodies this process parsed, by their text, most recent last. */
const parsed = new Map<string, Root>();

/**
 * Parse a body into mdast (positions kept). The tree depends on the text
 * alone and nothing changes it after parsing, so a process keeps the last
 * few: in `brief watch`, a save of one edition's file parses that file only.
 */
export function parseMarkdown(text: string): Root {
  const kept = parsed.get(text);
  parsed.delete(text);
  const tree = kept ?? (processor.parse(text) as Root);
  parsed.set(text, tree);
  if (parsed.size > KEPT) parsed.delete(parsed.keys().next().value as string);
  return tree;
}

/**
 * Parse a piece of one line of a body that starts at `at` (not kept): its
 * nodes carry their positions in the body.
 */
export function parseFragment(text: string, at: { line: number; column: number; offset?: number | undefined }): Root {
  const tree = processor.parse(text) as Root;
  const shift = (node: { position?: { start: Point; end: Point }; children?: unknown[] }) => {
    if (node.position) for (const p of [node.position.start, node.position.end]) move(p);
    for (const child of node.children ?? []) shift(child as typeof node);
  };
  const move = (p: Point) => {
    if (p.line === 1) p.column += at.column - 1;
    p.line += at.line - 1;
    if (p.offset !== undefined) p.offset += at.offset ?? 0;
  };
  shift(tree);
  return tree;
}

interface Point {
  line: number;
  column: number;
  offset?: number | undefined;
}
