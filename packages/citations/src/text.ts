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

/** Parse a CSL date (date-parts or ISO string). Undefined if unreadable. */
export function parseCslDate(date: CslDate | undefined): DateParts | undefined {
  if (date === undefined || date === null) return undefined;
  if (date instanceof Date) {
    return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
  }
  if (typeof date === 'string') {
    const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(date.trim());
    if (!m) return undefined;
    return {
      year: Number(m[1]),
      ...(m[2] ? { month: Number(m[2]) } : {}),
      ...(m[3] ? { day: Number(m[3]) } : {}),
    };
  }
  const parts = date['date-parts']?.[0];
  if (!parts || parts.length === 0) {
    return date.raw ? parseCslDate(date.raw) : undefined;
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

/** A person's or organisation's name in one language (family name first in ja). */
export function nameText(name: CslName, lang: LanguageTag): string {
  const literal = localized(name.literal, lang);
  if (literal) return literal;
  const family = localized(name.family, lang) ?? '';
  const given = localized(name.given, lang) ?? '';
  if (lang.startsWith('ja')) return `${family}${given}`;
  return [given, family].filter(Boolean).join(' ');
}
