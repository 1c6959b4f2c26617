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

/**
 * Closing punctuation, small kana, marks, and the dashes and leaders that
 * come in pairs (―― ……: one of a pair never starts a line, so the pair is
 * never split) that do not start a line (行頭禁則, JIS X 4051's strict set).
 */
export const lineStartForbidden = '、。，．,.・：；:;？！?!ー―‐–—）)］]｝}〕〉》」』】〙〗’”％%ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々ゝゞヽヾ…‥〜～℃°′″‰';
/** Opening brackets that do not end a line (行末禁則). */
export const lineEndForbidden = '（(［[｛{〔〈《「『【〘〖‘“￥＄￡';

const noStart = new Set([...lineStartForbidden]);
const noEnd = new Set([...lineEndForbidden]);

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

/** Lines of even length no wider than `max` (a text that fits is one line), broken between phrases where a measure allows (`phraseBreaks`). */
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
  return phraseBreaks(
    (m) => fill(units, width, m),
    (line) => line,
    width,
    hi,
    max,
  );
}

/** Hiragana (a particle or an inflection ends a Japanese phrase: の, を, める). */
const hiragana = /\p{Script=Hiragana}/u;
const kanjiOrKatakana = /[\p{Script=Han}\p{Script=Katakana}ー々]/u;
/** After these a Japanese line may end between phrases; before the opening ones too. */
const phraseEnd = new Set([...'、。，．・：；？！）」』】〕〉》〙〗']);
const phraseStart = new Set([...'（「『【〔〈《〘〖']);

/**
 * How a line that ends with `end` and a next one that starts with `start`
 * break a Japanese text: 0 between two phrases — after a particle (の|標準化),
 * after punctuation (・|共通化), before an opening bracket, between Latin
 * words; 1 where the script changes inside a phrase (発足後|1年間, 第2次|トランプ);
 * 2 inside a word (標準|化, 1|年間) or between a word and the kana that ends
 * it (システム|の).
 */
export function phraseBoundary(end: string, start: string): 0 | 1 | 2 {
  const a = [...end].pop() ?? '';
  const b = [...start][0] ?? '';
  if (!isCjk(a.codePointAt(0) ?? 0) && !isCjk(b.codePointAt(0) ?? 0)) return 0;
  if (phraseEnd.has(a) || phraseStart.has(b) || (hiragana.test(a) && !hiragana.test(b))) return 0;
  if (hiragana.test(b)) return 2;
  const kind = (ch: string) => (kanjiOrKatakana.test(ch) ? (/\p{Script=Han}|々/u.test(ch) ? 'kanji' : 'katakana') : /\p{N}/u.test(ch) ? 'digit' : 'other');
  const [ka, kb] = [kind(a), kind(b)];
  if (ka === kb || (ka === 'digit' && kb !== 'other')) return 2;
  return 1;
}

/**
 * Of the balanced lines at measure `from` and those at wider measures up
 * to `to` (in 32 steps), with as many lines, the ones that break the text
 * best: a break inside a word costs 12, one where the script changes inside
 * a phrase 4, and the lines' unevenness ((longest − shortest) / longest) 10;
 * of equal cost, the most even. `text` and `width` give a line's text and
 * width.
 */
export function phraseBreaks<L>(compose: (measure: number) => L[], text: (line: L) => string, width: (line: L) => number, from: number, to: number): L[] {
  const first = compose(from);
  const cost = (lines: L[]) => {
    const breaks = lines.slice(0, -1).map((line, k) => phraseBoundary(text(line), text(lines[k + 1]!)) as number);
    const widths = lines.map(width);
    const longest = Math.max(...widths);
    return breaks.reduce((sum, b) => sum + (b === 2 ? 12 : b === 1 ? 4 : 0), 0) + (longest > 0 ? (10 * (longest - Math.min(...widths))) / longest : 0);
  };
  if (first.length < 2) return first;
  let best = first;
  let lowest = cost(first);
  for (let k = 1; k <= PHRASE_STEPS; k++) {
    const lines = compose(from + ((to - from) * k) / PHRASE_STEPS);
    if (lines.length !== first.length) break;
    const c = cost(lines);
    if (c < lowest - 1e-9) {
      best = lines;
      lowest = c;
    }
  }
  return best;
}

/** Measures tried between the balanced one and the full one for breaks between phrases. */
const PHRASE_STEPS = 32;

/**
 * Split a token (a URL, a hash, a chemical name) at the points where the
 * Chicago Manual of Style breaks a URL (CMOS 7.42): after a double slash or
 * a colon; before a single slash, a full stop, a comma, a hyphen, an
 * underscore, a question mark, a number sign, a percent sign, a tilde, an
 * ampersand or an equals sign. Other tokens (and/or, TCP/IP, a compound)
 * break after a slash or a hyphen. Never before the first character or
 * between repeated break characters.
 */
export function chicagoPieces(token: string, url = true): string[] {
  const chars = [...token];
  // Outside URLs a hyphen keeps its place at the end of the line (a compound word, a chemical name).
  const breakBefore = url ? urlBreakBefore : wordBreakBefore;
  const breakAfter = url ? urlBreakAfter : wordBreakAfter;
  const pieces: string[] = [];
  // Whether a letter or a digit comes after each character: no break before trailing punctuation (a sentence's full stop or comma after the token).
  const more = new Array<boolean>(chars.length).fill(false);
  for (let k = chars.length - 2; k >= 0; k--) more[k] = more[k + 1]! || letterOrDigit.test(chars[k + 1]!);
  // In a URL a slash breaks before it when single, after it when double (the `//` of the scheme, or of a path).
  const doubled = (k: number) => chars[k] === '/' && (chars[k - 1] === '/' || chars[k + 1] === '/');
  const before = (k: number) => breakBefore.has(chars[k]!) && !(url && doubled(k));
  const after = (k: number) => breakAfter.has(chars[k]!) || (url && chars[k] === '/' && chars[k - 1] === '/');
  let current = '';
  chars.forEach((ch, k) => {
    const prev = chars[k - 1];
    const next = chars[k + 1];
    if (current && more[k] && before(k) && prev !== undefined && !before(k - 1) && !after(k - 1)) {
      pieces.push(current);
      current = '';
    }
    current += ch;
    // After `//` and `:` (not before `//`, so the scheme stays whole with its slashes); in other tokens after `/` and `-`.
    if (after(k) && next !== undefined && next !== ch && !(ch === ':' && next === '/') && !before(k + 1)) {
      pieces.push(current);
      current = '';
    }
  });
  if (current) pieces.push(current);
  return pieces;
}

const letterOrDigit = /[\p{L}\p{N}]/u;

/** Characters a URL may break after (Chicago; and after a double slash). */
const urlBreakAfter = new Set([':']);
/** Characters a URL may break before (Chicago; a slash when single). */
const urlBreakBefore = new Set(['/', '.', ',', '-', '_', '?', '#', '%', '~', '&', '=']);
/** The same for other tokens, where a hyphen stays at the end of the line. */
const wordBreakAfter = new Set(['/', ':', '-', '‐']);
const wordBreakBefore = new Set(['.', ',', '_', '?', '#', '%', '~', '&', '=']);
