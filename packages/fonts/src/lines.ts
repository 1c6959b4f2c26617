/**
 * Balanced lines for short display text set by the applications that open
 * our files or drawn by us (the DOCX title block, the EPUB cover). Word,
 * LibreOffice and a plain greedy fill can leave one or two characters alone
 * on a title's last line (a Japanese title breaks between any two
 * characters); a text that takes more than one line is broken here into
 * lines of even length instead: the narrowest measure that keeps the number
 * of lines. Breaks fall between Japanese characters (not before closing
 * punctuation or small kana, not after an opening bracket), at spaces, and
 * at zero-width spaces.
 */
import { isCjk } from '@brief/document-model';

/** Closing punctuation, small kana and marks that do not start a line. */
const noStart = new Set([...'、。，．,.・：；:;？！?!ー―‐–—）)］]｝}〕〉》」』】〙〗’”％%ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々ゝゞヽヾ…‥']);
/** Opening brackets that do not end a line. */
const noEnd = new Set([...'（(［[｛{〔〈《「『【〘〖‘“']);

export interface BreakUnit {
  text: string;
  /** A space separates the unit from the one before (dropped at a break). */
  space: boolean;
}

export interface BreakOptions {
  /** Characters that stay with what precedes them, besides closing punctuation. */
  keepWithPrevious?: (ch: string) => boolean;
}

/** Break units: single Japanese characters (glued by the kinsoku rules) and Latin words. */
export function breakUnits(text: string, options: BreakOptions = {}): BreakUnit[] {
  const units: BreakUnit[] = [];
  let word = '';
  let space = false;
  const flush = () => {
    if (word) units.push({ text: word, space });
    if (word) space = false;
    word = '';
  };
  for (const ch of text) {
    if (/\s/.test(ch)) {
      flush();
      space = units.length > 0;
    } else if (ch === '\u200b') {
      // ZERO WIDTH SPACE: a break without a space.
      flush();
    } else if (isCjk(ch.codePointAt(0) ?? 0)) {
      flush();
      units.push({ text: ch, space });
      space = false;
    } else {
      word += ch;
    }
  }
  flush();
  const glued: BreakUnit[] = [];
  for (const u of units) {
    const prev = glued[glued.length - 1];
    const first = [...u.text][0] ?? '';
    const last = prev ? ([...prev.text].pop() ?? '') : '';
    if (prev && !u.space && (noStart.has(first) || noEnd.has(last) || options.keepWithPrevious?.(first))) prev.text += u.text;
    else glued.push({ ...u });
  }
  return glued;
}

/** Fill lines greedily, each no wider than `max`. */
function fill(units: readonly BreakUnit[], width: (s: string) => number, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const u of units) {
    const next = line ? line + (u.space ? ' ' : '') + u.text : u.text;
    if (line && width(next) > max) {
      lines.push(line);
      line = u.text;
    } else {
      line = next;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Lines of even length no wider than `max` (a text that fits is one line). */
export function balancedLines(text: string, width: (s: string) => number, max: number): string[] {
  const units = breakUnits(text);
  const lines = fill(units, width, max);
  if (lines.length < 2) return lines;
  let lo = max / lines.length;
  let hi = max;
  for (let i = 0; i < 20; i++) {
    const mid = (lo + hi) / 2;
    if (fill(units, width, mid).length > lines.length) lo = mid;
    else hi = mid;
  }
  return fill(units, width, hi);
}
