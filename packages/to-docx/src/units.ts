/**
 * Units and small conversions between the template (points, millimetres,
 * BCP 47 tags) and WordprocessingML (twips, half-points, culture names).
 */

/** Points to twentieths of a point. */
export function twips(pt: number): number {
  return Math.round(pt * 20);
}

/** Points to half-points (run sizes). */
export function halfPoints(pt: number): number {
  return Math.round(pt * 2);
}

/** Millimetres to twips. */
export function mmToTwips(mm: number): number {
  return Math.round((mm * 1440) / 25.4);
}

/** Millimetres to CSS pixels at 96 to the inch (docx image sizes). */
export function mmToPx(mm: number): number {
  return (mm * 96) / 25.4;
}

/** `#1f4e8c` → `1F4E8C`. */
export function hex(color: string): string {
  return color.replace(/^#/, '').toUpperCase();
}

/**
 * The culture name Word expects for a language tag: a tag with a region is
 * kept; a bare `ja` or `en` gets the region Word uses for it by default.
 */
export function wordLocale(lang: string): string {
  if (/-/.test(lang)) return lang;
  switch (lang.toLowerCase()) {
    case 'ja':
      return 'ja-JP';
    case 'en':
      return 'en-US';
    case 'zh':
      return 'zh-CN';
    case 'ko':
      return 'ko-KR';
    default:
      return lang;
  }
}

/**
 * The language of Latin-script text in an edition: the edition's own, except
 * in a Chinese, Japanese or Korean edition, where Latin-script words are
 * English (Word's own setting for those documents). Applications break
 * lines in Latin text by the rules of this language.
 */
export function latinLocale(lang: string): string {
  const base = lang.toLowerCase().split('-')[0];
  return base === 'ja' || base === 'zh' || base === 'ko' ? 'en-US' : wordLocale(lang);
}

/** The East Asian language of the edition (Japanese unless the edition is Chinese or Korean). */
export function eastAsianLocale(lang: string): string {
  const base = lang.toLowerCase().split('-')[0];
  return base === 'zh' || base === 'ko' ? wordLocale(lang) : 'ja-JP';
}

/**
 * A Word bookmark name for a model id: letters, digits and underscores,
 * starting with a letter, at most 40 characters.
 */
export function bookmarkName(id: string): string {
  let name = id.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z]/.test(name)) name = `b_${name}`;
  return name.slice(0, 40);
}
