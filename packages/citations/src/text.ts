import type { LanguageTag } from '@brief/document-model';
import type { CslDate, CslName, LocalizedText } from './types.js';

/** A text field in one language: the language's value, or a plain string. */
export function localized(text: LocalizedText | undefined, lang: LanguageTag, fallback?: LanguageTag): string | undefined {
  if (text === undefined || text === null) return undefined;
  if (typeof text === 'string') return text;
  if (typeof text === 'number') return String(text);
  const base = lang.split('-')[0] ?? lang;
  return text[lang] ?? text[base] ?? (fallback ? text[fallback] : undefined);
}

export interface DateParts {
  year: number;
  month?: number;
  day?: number;
}

/** The end of a CSL date range (`2019/2020`, or date-parts with two dates), or undefined for one date. */
export function parseCslDateEnd(date: CslDate | undefined): DateParts | undefined {
  if (typeof date === 'string') return date.includes('/') ? parseCslDate(date.split('/')[1]!) : undefined;
  if (!date || typeof date !== 'object' || date instanceof Date) return undefined;
  const all = date['date-parts'];
  return Array.isArray(all) && Array.isArray(all[1]) ? parseCslDate({ 'date-parts': [all[1]] }) : undefined;
}

/** Parse a CSL date (date-parts or ISO string). Undefined if unreadable. */
export function parseCslDate(date: CslDate | undefined): DateParts | undefined {
  if (date === undefined || date === null) return undefined;
  if (typeof date === 'number') return Number.isInteger(date) ? { year: date } : undefined;
  if (date instanceof Date) {
    return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
  }
  if (typeof date === 'string') {
    // A range (EDTF `2019/2020`) is dated by its start here; `parseCslDateEnd` gives its end.
    const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(date.split('/')[0]!.trim());
    if (!m) return undefined;
    return {
      year: Number(m[1]),
      ...(m[2] ? { month: Number(m[2]) } : {}),
      ...(m[3] ? { day: Number(m[3]) } : {}),
    };
  }
  if (typeof date !== 'object') return undefined;
  const all = date['date-parts'];
  const parts = Array.isArray(all) && Array.isArray(all[0]) ? all[0] : undefined;
  if (!parts || parts.length === 0) {
    return typeof date.raw === 'string' ? parseCslDate(date.raw) : undefined;
  }
  const [y, mo, d] = parts.map((p) => Number(p));
  if (y === undefined || !Number.isFinite(y)) return undefined;
  return {
    year: y,
    ...(mo !== undefined && Number.isFinite(mo) ? { month: mo } : {}),
    ...(d !== undefined && Number.isFinite(d) ? { day: d } : {}),
  };
}

/** Whether the parts name a real calendar date (Gregorian). */
export function isPossibleDate(d: DateParts): boolean {
  if (!Number.isInteger(d.year) || d.year < 1000 || d.year > 9999) return false;
  if (d.month === undefined) return d.day === undefined;
  if (!Number.isInteger(d.month) || d.month < 1 || d.month > 12) return false;
  if (d.day === undefined) return true;
  const days = new Date(Date.UTC(d.year, d.month, 0)).getUTCDate();
  return Number.isInteger(d.day) && d.day >= 1 && d.day <= days;
}

/** ISO form `YYYY-MM-DD` (shorter when parts are missing), for comparisons. */
export function isoOf(d: DateParts): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.year}${d.month !== undefined ? `-${pad(d.month)}` : ''}${d.day !== undefined ? `-${pad(d.day)}` : ''}`;
}

/**
 * A text field in one language, falling back to a romanisation (`ja-Latn`)
 * and then to whatever value there is, so something prints.
 */
export function localizedOrAny(text: LocalizedText | undefined, lang: LanguageTag): string | undefined {
  const own = localized(text, lang);
  if (own !== undefined || text === undefined || text === null || typeof text !== 'object') return own;
  return romanised(text) ?? Object.values(text).find((v) => typeof v === 'string' && v.trim() !== '');
}

/** The romanised form of a per-language value (a `xx-Latn` key), if any. */
export function romanised(text: LocalizedText | undefined): string | undefined {
  if (!text || typeof text !== 'object') return undefined;
  const key = Object.keys(text).find((k) => /-Latn$/i.test(k));
  return key ? text[key] : undefined;
}

/** Whether a value is a translation written in [brackets] (not an official title). */
export function isBracketed(value: string): boolean {
  return /^\[[\s\S]*\]$/.test(value.trim());
}

/**
 * A title to print in one language: `main` (the title, or its romanisation)
 * and/or `translation` (a bracketed translation, printed after it).
 */
export interface TitleText {
  main?: string;
  translation?: string;
}

export function titleText(text: LocalizedText | undefined, lang: LanguageTag): TitleText | undefined {
  if (text === undefined || text === null) return undefined;
  if (typeof text !== 'object') return String(text).trim() === '' ? undefined : { main: String(text) };
  const own = localized(text, lang);
  if (own !== undefined && own.trim() !== '' && !isBracketed(own)) return { main: own };
  const latin = romanised(text);
  const translation = own !== undefined && isBracketed(own) ? own.trim() : undefined;
  if (latin) return { main: latin, ...(translation ? { translation } : {}) };
  if (translation) return { translation };
  const any = localizedOrAny(text, lang);
  return any ? { main: any } : undefined;
}

/**
 * A person's or organisation's name in one language: family name first, with
 * no space, in ja (unless the name is in Latin letters), and in every language
 * when the name has `static-ordering`.
 */
export function nameText(name: CslName, lang: LanguageTag): string {
  const literal = localizedOrAny(name.literal, lang);
  if (literal) return literal;
  const family = localizedOrAny(name.family, lang) ?? '';
  const given = localizedOrAny(name.given, lang) ?? '';
  const latin = /^[\p{Script=Latin}\p{M}\s.'’-]*$/u;
  // Japanese (and other CJK) names in their own script: family name first, no space, in every edition.
  if (!(latin.test(family) && latin.test(given)) && (lang.startsWith('ja') || /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー・]+$/u.test(family + given)))
    return `${family}${given}`;
  if (name['static-ordering']) return [family, given].filter(Boolean).join(' ');
  return [given, family].filter(Boolean).join(' ');
}

/** A DOI as the bare name (10.1021/…), without the address or `doi:` it may be written with. */
export function bareDoi(written: string): string {
  return written.trim().replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, '');
}

const kanjiDigits = new Map([...'〇一二三四五六七八九'].map((ch, i) => [ch, i]));

/** A number written in kanji (十二, 百五, 二〇): its value, or undefined. */
export function kanjiNumber(written: string): number | undefined {
  if (!/^[〇一二三四五六七八九十百]+$/u.test(written)) return undefined;
  if (!/[十百]/u.test(written)) return Number([...written].map((ch) => kanjiDigits.get(ch)).join(''));
  const m = /^(?:([一二三四五六七八九])?百)?(?:([一二三四五六七八九])?十)?([一二三四五六七八九])?$/u.exec(written);
  if (!m) return undefined;
  const digit = (ch: string | undefined, unit: boolean) => (ch === undefined ? (unit ? 1 : 0) : kanjiDigits.get(ch)!);
  return (written.includes('百') ? digit(m[1], true) * 100 : 0) + (written.includes('十') ? digit(m[2], true) * 10 : 0) + digit(m[3], false);
}

/** A Diet session's number as written (`219`, `"第219回"`, `"第219回国会"`, `"第二百十九回"`), or undefined. */
export function writtenSessionNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.normalize('NFKC');
  const digits = /(\d+)/.exec(text);
  if (digits) return Number(digits[1]);
  const kanji = /^\s*第?\s*([〇一二三四五六七八九十百]+)\s*(?:回\s*(?:国会)?)?\s*$/u.exec(text);
  const n = kanji ? kanjiNumber(kanji[1]!) : undefined;
  return n !== undefined && n > 0 ? n : undefined;
}
