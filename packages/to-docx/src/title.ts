/**
 * Balanced lines for the title and subtitle. Word and LibreOffice fill a
 * centred title line by line, which can leave one or two characters alone
 * on its last line (a Japanese title breaks between any two characters).
 * A title that takes more than one line is broken here into lines of even
 * length instead — the narrowest measure that keeps the number of lines —
 * measured with the edition's font files, and the breaks are written as
 * line breaks. Breaks fall between Japanese characters (not before closing
 * punctuation or small kana, not after an opening bracket) or at spaces.
 */
import { isCjk } from '@brief/document-model';
import { fontFiles, textWidth } from '@brief/fonts';
import type { FontRole } from '@brief/templates';

/** Closing punctuation, small kana and marks that do not start a line. */
const noStart = new Set([...'、。，．,.・：；:;？！?!ー―‐–—）)］]｝}〕〉》」』】’”％%ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々ゝゞヽヾ…‥']);
/** Opening brackets that do not end a line. */
const noEnd = new Set([...'（(［[｛{〔〈《「『【‘“']);

/**
 * A note mark in text measured for breaking (see pages.ts): a private-use
 * character, U+E000 plus the note number, that stays with what precedes it.
 */
export function isNoteMark(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return cp >= 0xe000 && cp <= 0xf8ff;
}

export interface Unit {
  text: string;
  /** A space separates the unit from the one before (dropped at a break). */
  space: boolean;
}

/** Break units: single Japanese characters (glued by the kinsoku rules) and Latin words. */
export function breakUnits(text: string): Unit[] {
  const units: Unit[] = [];
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
  const glued: Unit[] = [];
  for (const u of units) {
    const prev = glued[glued.length - 1];
    const first = [...u.text][0] ?? '';
    const last = prev ? ([...prev.text].pop() ?? '') : '';
    if (prev && !u.space && (noStart.has(first) || noEnd.has(last) || isNoteMark(first))) prev.text += u.text;
    else glued.push({ ...u });
  }
  return glued;
}

function fill(units: readonly Unit[], width: (s: string) => number, max: number): string[] {
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

/** Lines of even length for a text set in `max` points, or the text alone when it fits on one line. */
export function balancedLines(text: string, width: (s: string) => number, max: number): string[] {
  const units = breakUnits(text);
  const lines = fill(units, width, max);
  if (lines.length < 2) return [text];
  let lo = max / lines.length;
  let hi = max;
  for (let i = 0; i < 20; i++) {
    const mid = (lo + hi) / 2;
    if (fill(units, width, mid).length > lines.length) lo = mid;
    else hi = mid;
  }
  return fill(units, width, hi);
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
