/**
 * Forms an author types that Markdown would not read as meant, rewritten
 * before the body is parsed:
 *
 * - a note mark or definition typed with a full-width caret or brackets, as a
 *   Japanese input method types them (`[＾npa]`, `［＾npa］`, `[＾npa]: …`), is
 *   read as `[^npa]`;
 * - a block directive's attributes after a space (`:::figure {#fig-a}`) are
 *   read as if the space were not there, as a heading's are; so is a space
 *   between the colons and the name (`::: figure{#fig-a}`), and a fence of
 *   full-width colons (`：：：figure{#fig-a}`, `：：：`) is read as one of colons.
 *
 * Each rewrite puts one UTF-16 code unit for another (the space moves to
 * the end of its line), so every node keeps the line and column it was
 * typed at. Fenced code blocks and backtick spans are left as written; an
 * indented code block is not told apart from a note's indented paragraph
 * here, so a full-width mark in one is read too (fence such code).
 */

/** A note mark with a full-width caret or full-width brackets: `[＾a]`, `［＾a］`, `［^a］`. */
const fullWidthMark = /(?<!\\)([[［])([\^＾])([^\]］[［\s]+)([\]］])/g;
/** A block directive's fence, its name, then blanks before its attribute block: `:::figure {#a}`. */
const spacedFence = /^([ \t]*(?:>[ \t]?)*[ \t]*:{3,}[A-Za-z][\w-]*)([ \t]+)(\{.*\})([ \t]*)$/;
/** A fence of the format's blocks with blanks between its colons and its name: `::: figure{#a}`. */
const spacedName = /^([ \t]*(?:>[ \t]?)*[ \t]*:{3,})([ \t]+)((?:figure|table|description)\b.*?)([ \t]*)$/;
/** A fence typed with full-width colons (a Japanese input method's): `：：：figure{#a}`, `：：：`. */
const fullWidthFence = /^([ \t]*(?:>[ \t]?)*[ \t]*)(：{3,})(?=(?:figure|table|description)\b|[ \t]*$)/;
/** An opening or closing fence of fenced code, after any quotation marks and indent. */
const codeFence = /^[ \t]*(?:>[ \t]?)*[ \t]*(`{3,}|~{3,})/;

/** Whether a body holds anything `readableMarkdown` rewrites (most do not: they are parsed as they are). */
function mayRewrite(text: string): boolean {
  return /[＾［]/.test(text) || /:{3}[A-Za-z][\w-]*[ \t]+\{/.test(text) || /:{3}[ \t]+(?:figure|table|description)\b/.test(text) || text.includes('：：：');
}

/** The body as Markdown is to read it (see above); the text itself when nothing is rewritten. */
export function readableMarkdown(text: string): string {
  if (!mayRewrite(text)) return text;
  const lines = text.split('\n');
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const code = codeFence.exec(line);
    if (fence) {
      if (code && code[1]![0] === fence[0] && code[1]!.length >= fence.length && line.slice(code.index + code[0].length).trim() === '') fence = undefined;
      continue;
    }
    if (code) {
      fence = code[1]!;
      continue;
    }
    lines[i] = rewriteLine(line);
  }
  return lines.join('\n');
}

function rewriteLine(typed: string): string {
  const wide = fullWidthFence.exec(typed);
  const line = wide ? `${wide[1]}${':'.repeat(wide[2]!.length)}${typed.slice(wide[0].length)}` : typed;
  const named = spacedName.exec(line);
  if (named) return rewriteLine(`${named[1]}${named[3]}${named[4]}${named[2]}`);
  const spaced = spacedFence.exec(line);
  if (spaced) return `${spaced[1]}${spaced[3]}${spaced[2]}${spaced[4]}`;
  if (!/[＾［]/.test(line)) return line;
  const code = codeSpans(line);
  return line.replace(fullWidthMark, (whole: string, open: string, caret: string, label: string, close: string, at: number) => {
    if (open === '[' && caret === '^' && close === ']') return whole;
    if (code.some(([from, to]) => at >= from && at < to)) return whole;
    return `[^${label}]`;
  });
}

/** The ranges of a line's backtick code spans (a run of backticks to the next run as long). */
function codeSpans(line: string): [number, number][] {
  const out: [number, number][] = [];
  const runs = [...line.matchAll(/`+/g)];
  for (let i = 0; i < runs.length; i++) {
    const open = runs[i]!;
    const k = runs.findIndex((r, j) => j > i && r[0].length === open[0].length);
    if (k < 0) continue;
    out.push([open.index, runs[k]!.index + runs[k]![0].length]);
    i = k;
  }
  return out;
}
