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

/** Parse a body into mdast (positions kept). */
export function parseMarkdown(text: string): Root {
  return processor.parse(text) as Root;
}
