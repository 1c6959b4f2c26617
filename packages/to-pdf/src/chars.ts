/**
 * Character classes for Japanese composition, after the classes of JIS X 4051
 * / JLReq (Requirements for Japanese Text Layout): which characters may not
 * start or end a line, which carry half an em of built-in space (brackets,
 * full stops) that can be taken away, and where Japanese meets Latin text.
 */
import { isCjk } from '@brief/fonts';

/** A composition class. Latin words and note marks are whole atoms. */
export type CharClass =
  | 'open' //      cl-01 opening brackets 「（『
  | 'close' //     cl-02 closing brackets 」）』
  | 'hyphen' //    cl-03 ‐ 〜 ゠ – ～
  | 'question' //  cl-04 ？！
  | 'middle' //    cl-05 ・：；
  | 'period' //    cl-06 。．
  | 'comma' //     cl-07 、，
  | 'insep' //     cl-08 —…‥
  | 'iter' //      cl-09 々ゝヽ
  | 'prolong' //   cl-10 ー
  | 'small' //     cl-11 small kana
  | 'prefix' //    cl-12 ￥＄
  | 'postfix' //   cl-13 ％℃
  | 'space' //     cl-14 ideographic space (U+3000): a full-width blank, not a letter
  | 'symbol' //    cl-17/18 math symbols and operators, arrows, marks ≦ × → ○ ★: full-width, tight against a number
  | 'ideo' //      kanji, kana and other full-width letters
  | 'latin' //     a Latin word or number (never split)
  | 'mark'; //     a note mark

const table = new Map<number, CharClass>();
const add = (cls: CharClass, chars: string) => {
  for (const ch of chars) table.set(ch.codePointAt(0)!, cls);
};
add('open', '‘“（〔［｛〈《「『【⦅〘〖«〝');
add('close', '’”）〕］｝〉》」』】⦆〙〗»〟');
add('hyphen', '‐〜゠–～');
add('question', '？！‼⁇⁈⁉');
add('middle', '・：；');
add('period', '。．');
add('comma', '、，');
add('insep', '—―…‥〳〴〵');
add('iter', 'ヽヾゝゞ々〻');
add('prolong', 'ー');
add('small', 'ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ');
add('prefix', '￥＄￡＃€№');
add('postfix', '°′″℃￠％‰℉');
add('space', '\u3000');
// Symbols of the Japanese character set (JIS X 0208) that a Japanese face sets full-width, though Unicode
// leaves their width to the context: in Japanese text they are Japanese characters.
add('symbol', '≦≧≠≒≡∞∴∵∽∝∈∋⊆⊇⊂⊃∪∩∧∨⇒⇔∀∃∠⊥⌒∂∇≪≫√∫∬×÷±→←↑↓○●◎◇◆□■△▲▽▼☆★♂♀♪♭♯§¶†‡＝＋－＜＞');

/** The class of a character set as a Japanese (full-width) atom. */
export function cjkClass(ch: string): CharClass {
  return table.get(ch.codePointAt(0) ?? 0) ?? 'ideo';
}

/**
 * Whether a character is set as a Japanese atom (one character, breakable
 * on both sides) rather than as part of a Latin word. Full-width forms,
 * kana, kanji and Japanese punctuation are; so are the dashes and leaders
 * Japanese text uses (— ‥ …). Quotation marks stay with the Latin word
 * they touch.
 */
export function isJapaneseChar(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return isCjk(cp) || cp === 0x2014 || cp === 0x2015 || cp === 0x2025 || cp === 0x2026 || table.get(cp) === 'symbol';
}

/** Classes that may not start a line (行頭禁則). */
const noStart = new Set<CharClass>(['close', 'hyphen', 'question', 'middle', 'period', 'comma', 'iter', 'prolong', 'small', 'postfix', 'mark']);
/** Classes that may not end a line (行末禁則). */
const noEnd = new Set<CharClass>(['open', 'prefix']);

export function mayStartLine(cls: CharClass): boolean {
  return !noStart.has(cls);
}

export function mayEndLine(cls: CharClass): boolean {
  return !noEnd.has(cls);
}

/** Full-width punctuation whose glyph carries half an em of space after it. */
export function hasTrailingSpace(cls: CharClass): boolean {
  return cls === 'close' || cls === 'comma' || cls === 'period';
}

/** Full-width punctuation whose glyph carries half an em of space before it. */
export function hasLeadingSpace(cls: CharClass): boolean {
  return cls === 'open';
}

/** Japanese letters (not punctuation): where Japanese meets Latin, a quarter em is set between. */
export function isJapaneseLetter(cls: CharClass): boolean {
  return cls === 'ideo' || cls === 'iter' || cls === 'prolong' || cls === 'small';
}

/** Latin characters that may not start a line (closing punctuation of a Latin word). */
export const latinNoStart = /^[)\]},.;:!?%’”]/;
/** Latin characters that may not end a line (opening punctuation). */
export const latinNoEnd = /[([{‘“]$/;

/** How many UTF-16 units the character at `i` takes: 2 for a surrogate pair, else 1. */
export function unitsAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
}

/** Whitespace between words in the source (not NBSP, which joins). */
export function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

/** A URL or e-mail-like token: broken only after / . - _ ? & = when longer than a line. */
export function looksLikeUrl(token: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)/i.test(token);
}
