/**
 * Guards that keep hostile or broken bodies from exhausting time, memory or
 * the call stack. The Markdown parser and the converters are recursive and
 * some parser paths are quadratic in the number of delimiters in one
 * paragraph, so bodies are screened before parsing (nesting, delimiters per
 * paragraph, open directive containers) and the parsed tree is measured
 * without recursion before anything recursive walks it.
 */
import { diagnostic, type Diagnostic } from '@brief/document-model';
import type * as Md from 'mdast';

/** Deepest nesting of block containers (lists, quotations, ::: blocks) accepted. */
export const maxNestingDepth = 32;
/** Deepest node accepted in the parsed tree (a list level is two nodes: list and item). */
export const maxTreeDepth = 100;
/** Emphasis delimiters (`*`, `_`, `~`) accepted in one paragraph. */
export const maxDelimitersPerParagraph = 1000;
/** Brackets (`[`) accepted in one paragraph (links, notes, citations). */
export const maxBracketsPerParagraph = 1000;

/** The longest run of characters without a space (or a Japanese character, each a place to break) accepted in text. */
export const maxTokenChars = 5000;

const hint = 'a report needs no more than a few levels; flatten the lists or quotations';

/**
 * Screen a body line by line before parsing. Returns false (with
 * diagnostics) when parsing it could exhaust the stack or take too long.
 */
export function screenBody(file: string, text: string, diagnostics: Diagnostic[]): boolean {
  let ok = true;
  let line = 0;
  let paragraphStart = 1;
  let delimiters = 0;
  let brackets = 0;
  let delimiterReported = false;
  let bracketReported = false;
  let openDirectives = 0;
  let directiveReported = false;
  let depthReported = false;
  let fence: string | undefined;
  let pos = 0;
  while (pos <= text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const raw = text.slice(pos, end);
    pos = end + 1;
    line++;
    const content = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    // Code fences: their content is not parsed as Markdown.
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(content);
    if (fence) {
      if (fenceMatch && fenceMatch[1]![0] === fence[0] && fenceMatch[1]!.length >= fence.length && content.trim() === fenceMatch[1]) fence = undefined;
      continue;
    }
    if (fenceMatch && !(fenceMatch[1]![0] === '`' && content.slice(fenceMatch[0].length).includes('`'))) {
      fence = fenceMatch[1];
      continue;
    }
    if (content.trim() === '') {
      paragraphStart = line + 1;
      delimiters = 0;
      brackets = 0;
      delimiterReported = false;
      bracketReported = false;
      continue;
    }
    // Block nesting: container markers at the start of the line, and indentation.
    const prefix = /^(?:[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))*/.exec(content)![0];
    let markers = 0;
    for (const m of prefix.matchAll(/>|[-*+]|\d{1,9}[.)]/g)) if (m[0]) markers++;
    let columns = 0;
    for (const ch of content) {
      if (ch === ' ') columns++;
      else if (ch === '\t') columns += 4 - (columns % 4);
      else break;
    }
    const depth = markers + Math.floor(columns / 2);
    if (depth > maxNestingDepth && !depthReported) {
      depthReported = true;
      ok = false;
      diagnostics.push(diagnostic('nesting-too-deep', 'error', `this line is nested or indented about ${depth} levels deep (limit ${maxNestingDepth})`, { file, start: { line, column: 1 } }, hint));
    }
    // Directive containers left open nest inside each other.
    if (/^[ \t]*:{3,}[A-Za-z]/.test(content)) openDirectives++;
    else if (/^[ \t]*:{3,}[ \t]*$/.test(content)) openDirectives = Math.max(0, openDirectives - 1);
    if (openDirectives > maxNestingDepth && !directiveReported) {
      directiveReported = true;
      ok = false;
      diagnostics.push(
        diagnostic(
          'nesting-too-deep',
          'error',
          `more than ${maxNestingDepth} ::: blocks are open at once here`,
          { file, start: { line, column: 1 } },
          'close each :::figure block with a line holding only :::',
        ),
      );
    }
    // A token no line can hold is cut between any two of its characters, each a place to break: past a few thousand, the layout takes seconds and hundreds of megabytes.
    if (content.length > maxTokenChars) {
      const long = new RegExp(`[^\\s\\u3000-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef]{${maxTokenChars + 1},}`, 'u').exec(content);
      if (long) {
        ok = false;
        diagnostics.push(
          diagnostic(
            'word-too-long',
            'error',
            `a run of ${[...long[0]].length.toLocaleString('en')} characters without a space starts here (limit ${maxTokenChars.toLocaleString('en')}): no line holds it`,
            { file, start: { line, column: [...content.slice(0, long.index)].length + 1 } },
            'break it with spaces, or leave out what is not meant to be read (data, an encoded file)',
          ),
        );
      }
    }
    // Delimiter runs: the parser's cost grows with their square per paragraph.
    const isBreak = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/.test(content);
    if (!isBreak) {
      for (let i = 0; i < content.length; i++) {
        const c = content.charCodeAt(i);
        if (c === 0x2a || c === 0x5f || c === 0x7e) delimiters++;
        else if (c === 0x5b) brackets++;
      }
    }
    if (delimiters > maxDelimitersPerParagraph && !delimiterReported) {
      delimiterReported = true;
      ok = false;
      diagnostics.push(
        diagnostic(
          'paragraph-too-complex',
          'error',
          `the paragraph starting at line ${paragraphStart} has more than ${maxDelimitersPerParagraph} emphasis marks (* _ ~)`,
          { file, start: { line, column: 1 } },
          'split the paragraph, or escape literal marks as \\*',
        ),
      );
    }
    if (brackets > maxBracketsPerParagraph && !bracketReported) {
      bracketReported = true;
      ok = false;
      diagnostics.push(
        diagnostic(
          'paragraph-too-complex',
          'error',
          `the paragraph starting at line ${paragraphStart} has more than ${maxBracketsPerParagraph} brackets (links, notes, citations)`,
          { file, start: { line, column: 1 } },
          'split the paragraph',
        ),
      );
    }
  }
  return ok;
}

/**
 * The first node nested deeper than the limit, found without recursion
 * (so a tree of any depth is measured safely), or undefined.
 */
export function tooDeep(root: Md.Root, limit = maxTreeDepth): { node: Md.Node; depth: number } | undefined {
  const stack: [Md.Node, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > limit) return { node, depth };
    const children = (node as Partial<Md.Parent>).children;
    if (Array.isArray(children)) for (const child of children) stack.push([child, depth + 1]);
  }
  return undefined;
}
