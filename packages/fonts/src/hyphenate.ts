/**
 * Hyphenation of Latin words (Liang's patterns from the `hyphen` package),
 * for templates that ask for it. A word is split into the syllables after
 * which it may break; at least two letters stay before a break and three
 * after it, as in TeX. Acronyms, numbers, short words and compounds with a
 * hyphen of their own (which break at that hyphen) are left whole.
 *
 * The American English patterns of the package give some syllables without
 * a vowel (`con-t-a-m-i-nant`, `de-mo-c-rat`); such a piece is no syllable
 * and is joined to the one after it, as a consonant before a vowel begins
 * that syllable (`con-ta-mi-nant`, `de-mo-crat`), or at the word's end to the
 * one before.
 *
 * English takes the American patterns, or the British ones for en-GB and
 * the Englishes that spell as it does; any other language the package's
 * patterns for its primary subtag (de, fr, nl…), so a passage marked as
 * German in an English edition breaks as German does (Donau-dampf, not
 * Do-naud-ampf).
 */
import { createRequire } from 'node:module';
import type { LanguageTag } from '@brief/document-model';

const require = createRequire(import.meta.url);

type Hyphenator = (word: string, options: { hyphenChar: string }) => string;

/** The `hyphen` module of patterns for a language tag, or undefined when the package has none. */
function patternsFor(lang: string): string | undefined {
  const tag = lang.toLowerCase();
  const primary = tag.split('-')[0] ?? tag;
  if (primary === 'en') return /^en-(gb|au|nz|ie|za|in)(-|$)/.test(tag) ? 'hyphen/en-gb' : 'hyphen/en-us';
  if (!/^[a-z]{2,3}$/.test(primary)) return undefined;
  try {
    require.resolve(`hyphen/${primary}`);
    return `hyphen/${primary}`;
  } catch {
    return undefined;
  }
}

/** Hyphenation functions made so far, by patterns module: each keeps the words it has split. */
const made = new Map<string, (word: string) => string[]>();

const SOFT = '\u00ad';

/** The longest word hyphenated (the longest dictionary words are some 45 letters; a German compound may run to 80). */
const MAX_WORD = 120;

/** A hyphenation function for a language, or undefined without patterns for it. */
export function hyphenatorFor(lang: LanguageTag | string): ((word: string) => string[]) | undefined {
  const module = patternsFor(lang);
  if (!module) return undefined;
  const known = made.get(module);
  if (known) return known;
  // The patterns are loaded when the first word is hyphenated: a layout whose
  // paragraphs all come from the build cache (their atoms kept) hyphenates none.
  let hyphenateSync: Hyphenator | undefined;
  const cache = new Map<string, string[]>();
  const hyphenate = (word: string): string[] => {
    const cached = cache.get(word);
    if (cached) return cached;
    hyphenateSync ??= (require(module) as { hyphenateSync: Hyphenator }).hyphenateSync;
    let parts = [word];
    const m = /^([^\p{L}]*)(\p{L}[\p{L}’'‐-]*\p{L})([^\p{L}]*)$/u.exec(word);
    // A token longer than MAX_WORD is no word (and the patterns take time as the square of its length): it is cut where it must be.
    if (m && m[2]!.length >= 5 && m[2]!.length <= MAX_WORD && !/^\p{Lu}+$/u.test(m[2]!) && !/[‐-]/.test(m[2]!)) {
      const syllables = withVowels(hyphenateSync(m[2]!, { hyphenChar: SOFT }).split(SOFT));
      // Keep two letters before the first break and three after the last.
      while (syllables.length > 1 && syllables[0]!.length < 2) syllables.splice(0, 2, syllables[0]! + syllables[1]!);
      while (syllables.length > 1 && syllables[syllables.length - 1]!.length < 3) syllables.splice(-2, 2, syllables[syllables.length - 2]! + syllables[syllables.length - 1]!);
      syllables[0] = m[1]! + syllables[0]!;
      syllables[syllables.length - 1] += m[3]!;
      parts = syllables;
    }
    cache.set(word, parts);
    return parts;
  };
  made.set(module, hyphenate);
  return hyphenate;
}

/** Syllables with a vowel letter each: a piece without one joins the next (the last joins the one before). */
function withVowels(syllables: readonly string[]): string[] {
  const out: string[] = [];
  let carry = '';
  for (const s of syllables) {
    const piece = carry + s;
    if (/[aeiouyà-ÿ]/i.test(piece)) {
      out.push(piece);
      carry = '';
    } else carry = piece;
  }
  if (carry) {
    if (out.length > 0) out[out.length - 1] += carry;
    else out.push(carry);
  }
  return out;
}
