/**
 * Numeric character references (`&#1;`, `&#x7F;`) that make a control
 * character, a non-character or no character at all: Markdown prints them
 * as "�" (or as the control itself, which XML cannot hold). Told as the
 * characters typed into a body are (`control-character`), at the
 * reference; in code spans and blocks a reference is text as written.
 */
import type * as Md from 'mdast';
import { diagnostic, type Diagnostic } from '@brief/document-model';

/** A numeric reference as CommonMark reads one: 1–7 decimal or 1–6 hexadecimal digits. */
const numericReference = /&#(?:([0-9]{1,7})|[xX]([0-9a-fA-F]{1,6}));/g;

const hex = (code: number): string => code.toString(16).toUpperCase().padStart(4, '0');

/** What a code point is when no text may hold it, or undefined. */
function unprintable(code: number): string | undefined {
  if (code === 0 || code > 0x10ffff) return 'no character';
  if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0x7f && code <= 0x9f)) return 'control character';
  if (code >= 0xd800 && code <= 0xdfff) return 'half of a surrogate pair';
  if ((code >= 0xfdd0 && code <= 0xfdef) || (code & 0xfffe) === 0xfffe) return 'non-character';
  return undefined;
}

/** Source ranges where a reference is literal text: code spans and blocks (and raw HTML, told on its own). */
function literalRanges(root: Md.Root): [number, number][] {
  const out: [number, number][] = [];
  const visit = (node: Md.Node) => {
    if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html') {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start !== undefined && end !== undefined) out.push([start, end]);
      return;
    }
    if ('children' in node && Array.isArray(node.children)) for (const child of node.children as Md.Node[]) visit(child);
  };
  visit(root);
  return out.sort((a, b) => a[0] - b[0]);
}

export function referencedControls(file: string, text: string, root: Md.Root, diagnostics: Diagnostic[]): void {
  if (!text.includes('&#')) return;
  const literal = literalRanges(root);
  let r = 0;
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  let reported = 0;
  for (const m of text.matchAll(numericReference)) {
    if (reported >= 20) break;
    const at = m.index;
    while (r < literal.length && literal[r]![1] <= at) r++;
    if (r < literal.length && literal[r]![0] <= at) continue;
    // `\&#1;` is the text "&#1;".
    let slashes = 0;
    while (at - slashes - 1 >= 0 && text[at - slashes - 1] === '\\') slashes++;
    if (slashes % 2 === 1) continue;
    const code = m[1] !== undefined ? Number(m[1]) : Number.parseInt(m[2]!, 16);
    const what = unprintable(code);
    if (!what) continue;
    for (; scanned < at; scanned++) {
      if (text.charCodeAt(scanned) === 0x0a) {
        line++;
        lineStart = scanned + 1;
      }
    }
    reported++;
    diagnostics.push(
      diagnostic(
        'control-character',
        'error',
        `the character reference "${m[0]}" makes ${what === 'no character' ? `no character (U+${hex(code)})` : `${what} U+${hex(code)}`}, which prints as "\uFFFD" or not at all`,
        { file, start: { line, column: at - lineStart + 1 } },
        'delete the reference (it is invisible and prints as nothing or a box)',
      ),
    );
  }
}
