/**
 * A body cut into sections that parse alone: each begins with a heading
 * (`#` to `######` at the start of a line, after a blank line) that stands
 * outside any fenced code block and container directive, so the parse of
 * the whole body is the parse of its sections one after another, except
 * for labels defined in one section and used in another (see
 * `parseMarkdown`).
 *
 * A body that may hold a construct spanning blank lines which this does not
 * follow (HTML comments, `<script>`, `<pre>`, `<style>`, `<textarea>`,
 * processing instructions, CDATA, declarations) or that ends lines with a
 * carriage return is not cut.
 */

/** A section: where it begins in the body (UTF-16 offset, line from 1) and its text. */
export interface Section {
  offset: number;
  line: number;
  text: string;
}

const heading = /^#{1,6}(?:[ \t]|$)/;
/** A blank line in CommonMark's sense: spaces and tabs only. */
const blank = /^[ \t]*$/;
const fence = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const directiveFence = /^ {0,3}(:{3,})(.*)$/;
const unfollowed = /^ {0,3}<(?:!|\?|script|pre|style|textarea)/im;

/** The body's sections (one, the whole body, when it cannot be cut). */
export function sectionsOf(text: string): Section[] {
  if (text.includes('\r') || unfollowed.test(text)) return [{ offset: 0, line: 1, text }];
  const starts: { offset: number; line: number }[] = [{ offset: 0, line: 1 }];
  let code: { char: string; length: number } | undefined;
  // Open container directives: the length of each one's fence, innermost last.
  const containers: number[] = [];
  let blankBefore = true;
  let offset = 0;
  let line = 1;
  while (offset < text.length) {
    const end = text.indexOf('\n', offset);
    const next = end < 0 ? text.length : end + 1;
    const content = text.slice(offset, end < 0 ? text.length : end);
    if (code) {
      const m = fence.exec(content);
      if (m && m[1]![0] === code.char && m[1]!.length >= code.length && blank.test(m[2]!)) code = undefined;
    } else {
      const f = fence.exec(content);
      const d = directiveFence.exec(content);
      if (f && !(f[1]![0] === '`' && f[2]!.includes('`'))) code = { char: f[1]![0]!, length: f[1]!.length };
      else if (d) {
        if (blank.test(d[2]!)) {
          // A closing fence: at least as long as the one it closes.
          if (containers.length > 0 && d[1]!.length >= containers[containers.length - 1]!) containers.pop();
        } else containers.push(d[1]!.length);
      } else if (blankBefore && offset > 0 && containers.length === 0 && heading.test(content)) starts.push({ offset, line });
    }
    blankBefore = blank.test(content);
    offset = next;
    line++;
  }
  // A fence left open runs to the end of the body: a section parsed alone would run on into what follows it.
  if (code || containers.length > 0) return [{ offset: 0, line: 1, text }];
  return starts.map((s, k) => ({ ...s, text: text.slice(s.offset, starts[k + 1]?.offset ?? text.length) }));
}
