/**
 * Balanced lines for the title and subtitle (see @brief/fonts' lines.ts),
 * measured with the edition's font files; the breaks are written as line
 * breaks.
 */
import { balancedLines as balanced, fontFiles, textWidth } from '@brief/fonts';
import type { FontRole } from '@brief/templates';

/** Lines of even length for a text set in `max` points, or the text alone when it fits on one line. */
export function balancedLines(text: string, width: (s: string) => number, max: number): string[] {
  const lines = balanced(text, width, max);
  return lines.length < 2 ? [text] : lines;
}

/**
 * The title's lines at `size` points in a measure of `measure` points, in
 * the role's faces (bold when headings are bold). A little room is kept so
 * that the applications' own measuring never breaks a balanced line again.
 */
export function titleLines(text: string, role: FontRole, bold: boolean, size: number, measure: number): string[] {
  const paths = [...new Set([role.latin, role.cjk])].map((family) => {
    const files = fontFiles(family);
    return (bold ? files.bold : undefined) ?? files.normal;
  });
  return balancedLines(text, (s) => textWidth(s, paths, size), measure * 0.97);
}
