import { expandTabs, isCjk, type FigureBlock, type Inline, type LanguageTag } from '@brief/document-model';
import { faceHasGlyph, hasOwnVariant, isKnownFamily } from '@brief/fonts';
import { familyNames, genericFace, mapFontFamilies, svgFontLists, svgTextInFamilies } from '@brief/svg';
import { reportTemplate } from './report.js';
import { policyBriefTemplate } from './policy-brief.js';
import type { CounterStyle, FontRole, LanguageFonts, LanguageStrings, Numbering, Template, Typography, CitationStyleName } from './types.js';

export type * from './types.js';
export { reportTemplate, policyBriefTemplate };
export { builtInTemplate, builtInTemplateNames, resolveTemplate, type TemplateResult } from './load.js';
export { mergeTemplate } from './merge.js';

/** Replace `{name}` placeholders; unknown placeholders are kept as written. */
export function fill(pattern: string, values: Record<string, string | number | undefined>): string {
  return pattern.replace(/\{([a-zA-Z0-9]+)\}/g, (whole, key: string) => {
    const v = values[key];
    return v === undefined ? whole : String(v);
  });
}

/**
 * A pattern with `{name}` placeholders filled, as inline content: a string
 * value is text, an inline value is inserted as it is (a caption, a source
 * line). Text between inline values is one text node; unknown placeholders
 * are kept as written. Used for `strings.figureCaption` and
 * `strings.figureSource` by every writer.
 */
export function fillInlines(pattern: string, values: Record<string, string | readonly Inline[] | undefined>): Inline[] {
  const out: Inline[] = [];
  let text = '';
  let last = 0;
  for (const m of pattern.matchAll(/\{([a-zA-Z0-9]+)\}/g)) {
    text += pattern.slice(last, m.index);
    last = m.index + m[0].length;
    const value = values[m[1]!];
    if (value === undefined || typeof value === 'string') {
      text += value ?? m[0];
      continue;
    }
    if (text) out.push({ kind: 'text', value: text });
    text = '';
    out.push(...value);
  }
  text += pattern.slice(last);
  if (text) out.push({ kind: 'text', value: text });
  return out;
}

/** What the link from a note's number back to its mark is called for screen readers: the number, then `strings.backToText` (1 Back to text). */
export function noteBackLinkName(strings: Pick<LanguageStrings, 'backToText'>, n: number): string {
  return fill('{n} {back}', { n, back: strings.backToText });
}

function pick<T>(template: Template, table: Record<LanguageTag, T>, lang: LanguageTag): T {
  const base = lang.split('-')[0] ?? lang;
  const value = table[lang] ?? table[base] ?? table[template.defaultLanguage];
  if (value === undefined) throw new Error(`template ${template.name} has no settings for ${lang}`);
  return value;
}

/** Everything a writer needs for one language, resolved with fallbacks. */
export interface LanguageStyle {
  lang: LanguageTag;
  strings: LanguageStrings;
  fonts: LanguageFonts;
  typography: Typography;
  numbering: Numbering;
  citationStyle: CitationStyleName;
  /** A CSL style file (absolute path) that renders this edition's citations, when the template names one. */
  cslStyle?: string;
  /** The style foreign works are cited in (`strings.terms.foreignWorks`), when it is another language's. */
  foreign?: LanguageStyle;
}

export function languageStyle(template: Template, lang: LanguageTag, foreignOf?: LanguageTag): LanguageStyle {
  const strings = pick(template, template.strings, lang);
  const foreign = strings.terms.foreignWorks;
  // One step only: a foreign style's own foreign works are its own.
  const foreignStyle = foreign && foreign !== lang && foreignOf === undefined && template.strings[foreign] ? languageStyle(template, foreign, lang) : undefined;
  return {
    lang,
    strings,
    fonts: pick(template, template.fonts, lang),
    typography: pick(template, template.typography, lang),
    numbering: pick(template, template.numbering, lang),
    citationStyle: pick(template, template.citationStyle, lang),
    ...(template.cslStyles?.[lang] ? { cslStyle: template.cslStyles[lang] } : {}),
    ...(foreignStyle ? { foreign: foreignStyle } : {}),
  };
}

/**
 * Where the running Latin face has no italic (Japanese), the family a
 * citation's italics are set in (a foreign work's title, cited as English
 * notes cite it): the first of the role's fallbacks that has one (ja: Noto
 * Serif); none where the running face has its own italic.
 */
export function citationItalicFamily(role: { latin: string; fallback?: readonly string[] }): string | undefined {
  if (hasOwnVariant(role.latin, 'italics')) return undefined;
  return (role.fallback ?? []).find((family) => hasOwnVariant(family, 'italics'));
}

/**
 * The role a citation's italics are set in where the running face has no
 * italic: the role with `citationItalicFamily` first; none otherwise.
 */
export function citationItalicRole(role: FontRole): FontRole | undefined {
  const family = citationItalicFamily(role);
  return family ? { ...role, family, latin: family } : undefined;
}

/** The faces code is set in: the language's code faces, else its heading faces. */
export function codeFonts(fonts: LanguageFonts): FontRole {
  return fonts.code ?? fonts.heading;
}

/**
 * The faces an SVG picture's generic families (sans-serif, anything else)
 * are drawn in: the edition's Japanese heading and body faces when its text
 * has a Japanese character, else its Latin ones (an English chart is set in
 * the faces of the English text around it). Every writer and the glyph check
 * go by this.
 */
export function svgGenericFaces(fonts: LanguageFonts, text: string): { sans: string; serif: string } {
  const japanese = [...text].some((ch) => isCjk(ch.codePointAt(0) ?? 0));
  return japanese ? { sans: fonts.heading.cjk, serif: fonts.body.cjk } : { sans: fonts.heading.latin, serif: fonts.body.latin };
}

/**
 * Whether a table cell's text is kept on one line where the table has the
 * room: Japanese text (which may break between any two characters) of
 * `limit` characters or fewer (`proportions.tableCellWholeChars`). Latin
 * words break only between words anyway.
 */
export function cellKeptWhole(text: string, limit: number): boolean {
  const chars = [...text.trim()];
  return chars.length > 0 && chars.length <= limit && chars.some((ch) => isCjk(ch.codePointAt(0) ?? 0));
}

const OPENING_BRACKETS = '（「『【〔［〈《｛';
const CLOSING_BRACKETS = '）」』】〕］〉》｝';

/**
 * The Japanese pieces of a table cell's text that no line breaks inside,
 * when its column has the room (the narrowest its column is made): the
 * whole cell when it is kept whole (`cellKeptWhole`); else each bracketed
 * part of `limit` characters or fewer, （人/日）, its brackets included; and
 * in a column head, which wraps only between phrases, its parts between
 * brackets and spaces of `limit` characters or fewer (輸送密度 / （人/日）,
 * 初期費用 / （億円）), even when the head is short enough to be kept whole.
 * Text with no Japanese character has none: Latin words are pieces of
 * their own in each writer.
 */
export function cellKeptPieces(text: string, limit: number, head = false): string[] {
  const trimmed = text.trim();
  const japanese = (s: string) => [...s].some((ch) => isCjk(ch.codePointAt(0) ?? 0));
  const fits = (s: string) => s.length > 0 && [...s].length <= limit && japanese(s);
  const parts: string[] = [];
  let run = '';
  let depth = 0;
  for (const ch of trimmed) {
    if (depth === 0 && (OPENING_BRACKETS.includes(ch) || /\s/u.test(ch))) {
      parts.push(run);
      run = '';
    }
    if (/\s/u.test(ch) && depth === 0) continue;
    run += ch;
    if (OPENING_BRACKETS.includes(ch)) depth++;
    else if (CLOSING_BRACKETS.includes(ch) && depth > 0) {
      depth--;
      if (depth === 0) {
        parts.push(run);
        run = '';
      }
    }
  }
  parts.push(run);
  const bracketed = (s: string) => OPENING_BRACKETS.includes(s[0] ?? '') && CLOSING_BRACKETS.includes(s[s.length - 1] ?? '');
  const kept = parts.filter((p) => fits(p) && (head || bracketed(p)));
  // A head of phrases wraps between them; a head of one phrase, or a cell, is kept whole when short.
  const whole = !head || parts.filter((p) => p !== '').length <= 1;
  return [...new Set([...(whole && cellKeptWhole(trimmed, limit) ? [trimmed] : []), ...kept])];
}

/**
 * What prints under a figure, a paragraph each, in the source line's style:
 * the notes written under its table or image, then its source line
 * (`strings.figureSource`).
 */
export function figureLinesBelow(figure: FigureBlock, strings: LanguageStrings): Inline[][] {
  return [...(figure.remarks ?? []), ...(figure.sourceNote ? [fillInlines(strings.figureSource, { text: figure.sourceNote })] : [])];
}

/**
 * Where the wrapped part of a code line hangs, in characters: at the line's
 * own indentation (tabs counted at `tabColumns`) and two characters more,
 * past the PDF's continuation mark, so a wrapped YAML or Python line does
 * not read as a new one. Every edition hangs its code lines so.
 */
export function codeHangChars(line: string, tabColumns: number): number {
  return /^ */.exec(expandTabs(line, tabColumns))![0].length + 2;
}

/**
 * Column widths much as a browser sizes an automatic table, from each column's narrowest (`mins`: its longest piece no
 * line breaks inside), its widest cell on one line, heads included
 * (`maxes`), and its rows' widest (`rowMaxes`; 0 for a column with nothing
 * below its head, which goes by its head). When the table fits at its
 * widest, each column gets that and the rest in proportion to it. When its
 * rows fit, each column gets its rows' widest and the heads share what is
 * left by how much more they need, so a long head over a column of figures
 * wraps to as few lines as the room allows. Otherwise the rows' widest
 * share the width in proportion to their text, each at least its
 * narrowest (`sharedByContent`); with `fairShare` (the PDF) a column whose
 * rows fit its fair share keeps that width first. When even the narrowest
 * do not fit, they are scaled down. The total is `available`.
 */
export function autoColumnWidths(mins: readonly number[], maxes: readonly number[], rowMaxes: readonly number[], available: number, fairShare = true): number[] {
  const n = maxes.length;
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const shared = (base: readonly number[], weights: readonly number[], room: number) => {
    const total = sum(weights);
    return base.map((w, i) => w + (total > 0 ? (room * weights[i]!) / total : room / n));
  };
  const sumMax = sum(maxes);
  if (sumMax <= available) return shared(maxes, maxes, available - sumMax);
  const sumMin = sum(mins);
  if (sumMin >= available) return sumMin > 0 ? mins.map((m) => (available * m) / sumMin) : mins.map(() => available / n);
  const rows = rowMaxes.map((r, i) => (r > 0 ? Math.max(r, mins[i]!) : maxes[i]!));
  const sumRows = sum(rows);
  if (sumRows <= available) {
    const need = rows.map((r, i) => Math.max(0, maxes[i]! - r));
    return shared(rows, sum(need) > 0 ? need : rows, available - sumRows);
  }
  return sharedByContent(mins, rows, available, fairShare);
}

/**
 * Widths for columns whose widest content (`maxes`) does not fit side by
 * side: with `fairShare`, a column whose widest content fits its fair share
 * (the width left over the columns not yet set) keeps it, while the others
 * keep room for their narrowest; the others share what is left in
 * proportion to their widest content, none below its narrowest (`mins`) —
 * so one very long cell (a URL) does not squeeze short Japanese columns
 * down to a character or two.
 */
function sharedByContent(mins: readonly number[], maxes: readonly number[], available: number, fairShare: boolean): number[] {
  const n = maxes.length;
  const widths: (number | undefined)[] = new Array(n).fill(undefined);
  let left = available;
  let open = n;
  for (let changed = fairShare; changed && open > 0; ) {
    changed = false;
    const fair = left / open;
    const openMins = mins.reduce((a, m, i) => a + (widths[i] === undefined ? m : 0), 0);
    maxes.forEach((m, i) => {
      if (widths[i] === undefined && m <= fair && left - m >= openMins - mins[i]!) {
        widths[i] = m;
        left -= m;
        open--;
        changed = true;
      }
    });
  }
  let pending = maxes.flatMap((_, i) => (widths[i] === undefined ? [i] : []));
  for (let changed = true; changed; ) {
    changed = false;
    const weight = pending.reduce((a, i) => a + maxes[i]!, 0);
    for (const i of pending) {
      if ((left * maxes[i]!) / weight < mins[i]!) {
        widths[i] = mins[i]!;
        left -= mins[i]!;
        changed = true;
      }
    }
    pending = pending.filter((i) => widths[i] === undefined);
  }
  const weight = pending.reduce((a, i) => a + maxes[i]!, 0);
  for (const i of pending) widths[i] = (left * maxes[i]!) / weight;
  return widths.map((w) => w!);
}

/**
 * Column widths raised to floors where the others can give the room: each
 * column below its floor (a short cell kept whole) gets it, taken from the
 * columns above theirs in proportion to what they have to spare beyond
 * their floor and their `mins`. When the room is not there for all of
 * them, as many as it allows, those that need least first (so eight short
 * heads over columns of figures keep most of them whole rather than none).
 * The total stays the same.
 */
export function widthsWithFloors(widths: readonly number[], floors: readonly number[], mins: readonly number[], halvable?: readonly boolean[]): number[] {
  const first = raisedToFloors(widths, floors, mins);
  if (!halvable?.some(Boolean)) return first;
  // Those left below their floor that keep a short Japanese cell whole (`halvable`) get half of it where
  // room is left: the cell on two even lines (福島県会 / 津若松市) rather than on four of two characters.
  const halves = floors.map((f, i) => (first[i]! >= f - 1e-9 || !halvable[i] ? Math.min(f, first[i]!) : f / 2));
  return raisedToFloors(first, halves, mins);
}

function raisedToFloors(widths: readonly number[], floors: readonly number[], mins: readonly number[]): number[] {
  const short = widths.flatMap((w, i) => (floors[i]! - w > 1e-9 ? [{ i, need: floors[i]! - w }] : []));
  if (short.length === 0) return [...widths];
  const spare = widths.map((w, i) => Math.max(0, w - Math.max(floors[i]!, mins[i]!)));
  const room = spare.reduce((a, b) => a + b, 0);
  const raised = new Set<number>();
  let need = 0;
  for (const { i, need: n } of short.sort((a, b) => a.need - b.need || a.i - b.i)) {
    if (need + n > room) break;
    raised.add(i);
    need += n;
  }
  if (raised.size === 0) return [...widths];
  return widths.map((w, i) => (raised.has(i) ? floors[i]! : w - (spare[i]! / room) * need));
}

/** The faces an SVG's text may be drawn in: per `font-family` list, its first family the fonts package has, else the style's face for it (`genericFace`); the serif face when it names none. */
export function svgFaces(svg: string, sans: string, serif: string): string[] {
  const faces = new Set<string>();
  const lists = svgFontLists(svg);
  if (lists.length === 0) faces.add(serif);
  for (const list of lists) {
    const names = familyNames(list);
    const known = names.find((n) => isKnownFamily(n));
    faces.add(known ?? genericFace(names, sans, serif));
  }
  return [...faces];
}

/**
 * The SVG with a face the writer has first in each `font-family` list (the
 * `sans` face for sans-serif, the `serif` one otherwise: `genericFace`),
 * unless the list names one of the `registered` families already.
 */
export function svgWithFaces(svg: string, sans: string, serif: string, registered: ReadonlySet<string>): string {
  const fix = (list: string) => {
    const names = familyNames(list);
    if (names.some((n) => registered.has(n))) return list;
    return `${genericFace(names, sans, serif)}, ${list}`;
  };
  return mapFontFamilies(svg, fix);
}

/**
 * The families a character of an SVG's text is set in when none of its
 * faces has it, as text of the role whose faces the picture uses falls back
 * (the sans-serif role's for sans-serif text, else the serif role's first):
 * the role's Latin and Japanese faces, then its fallbacks (signs such as ≥
 * in a Japanese face or Noto Sans Math), less the faces themselves.
 */
export function svgFallbackFaces(fonts: LanguageStyle['fonts'], faces: readonly string[]): string[] {
  const chain = (role: FontRole) => [role.latin, role.cjk, ...(role.fallback ?? [])];
  const sans = faces.some((f) => f === fonts.heading.latin || f === fonts.heading.cjk);
  const roles = sans ? [fonts.heading, fonts.body] : [fonts.body, fonts.heading];
  return [...new Set(roles.flatMap(chain))].filter((f) => !faces.includes(f));
}

/**
 * The SVG with each character of its text that none of `faces` has set in
 * the first of `fallbacks` that has it (`svgTextInFamilies`), as body text
 * falls back: the PDF and the Word file's picture then print it, where the
 * face would leave it blank. `has` tells whether a family has a character;
 * `used`: the fallbacks the text is now set in.
 */
export function svgWithFallbacks(svg: string, faces: readonly string[], fallbacks: readonly string[], has: (family: string, codePoint: number) => boolean): { svg: string; used: string[] } {
  const used = new Set<string>();
  if (fallbacks.length === 0) return { svg, used: [] };
  const out = svgTextInFamilies(svg, (ch) => {
    const cp = ch.codePointAt(0) ?? 0;
    if (/\s/u.test(ch) || faces.some((f) => has(f, cp))) return undefined;
    const family = fallbacks.find((f) => has(f, cp));
    if (family) used.add(family);
    return family;
  });
  return { svg: out, used: [...used] };
}

/** `svgWithFallbacks` with the fallbacks of `fonts` (`svgFallbackFaces`), each face asked for its regular glyphs: as every writer sets a picture's text. */
export function svgWithFontFallbacks(svg: string, faces: readonly string[], fonts: LanguageStyle['fonts']): { svg: string; used: string[] } {
  return svgWithFallbacks(svg, faces, svgFallbackFaces(fonts, faces), (family, cp) => faceHasGlyph(family, 'normal', cp));
}

/**
 * The title page's lines after the authors without a series line (which
 * carries the date): the publisher and the date. Every writer prints these.
 */
export function dateline(meta: { series?: unknown; publisher?: string; published: string }, template: Template, strings: LanguageStrings): string[] {
  if (meta.series && template.titleBlock.showSeries) return [];
  return [meta.publisher, formatDate(strings, meta.published)].filter((line): line is string => Boolean(line));
}

/** Whether a template defines strings for a language (directly or by base tag). */
export function definesLanguage(template: Template, lang: LanguageTag): boolean {
  const base = lang.split('-')[0] ?? lang;
  return template.strings[lang] !== undefined || template.strings[base] !== undefined;
}

const aiueo = [
  'ア',
  'イ',
  'ウ',
  'エ',
  'オ',
  'カ',
  'キ',
  'ク',
  'ケ',
  'コ',
  'サ',
  'シ',
  'ス',
  'セ',
  'ソ',
  'タ',
  'チ',
  'ツ',
  'テ',
  'ト',
  'ナ',
  'ニ',
  'ヌ',
  'ネ',
  'ノ',
  'ハ',
  'ヒ',
  'フ',
  'ヘ',
  'ホ',
  'マ',
  'ミ',
  'ム',
  'メ',
  'モ',
  'ヤ',
  'ユ',
  'ヨ',
  'ラ',
  'リ',
  'ル',
  'レ',
  'ロ',
  'ワ',
  'ヲ',
  'ン',
];

function roman(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  for (const [v, s] of table)
    while (n >= v) {
      out += s;
      n -= v;
    }
  return out;
}

function alpha(n: number): string {
  let out = '';
  while (n > 0) {
    n -= 1;
    out = String.fromCharCode(97 + (n % 26)) + out;
    n = Math.floor(n / 26);
  }
  return out;
}

/** The symbols a counter style numbers with (①…㊿, ア…, a…z, i v x…), for a writer that must name them all (a CSS counter style, a font's subset). */
export function counterSymbols(style: CounterStyle): string[] {
  switch (style) {
    case 'circled-decimal':
      return Array.from({ length: 50 }, (_, i) => circled(i + 1));
    case 'katakana-aiueo':
      return [...aiueo];
    case 'lower-alpha':
      return [...'abcdefghijklmnopqrstuvwxyz'];
    case 'upper-alpha':
      return [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
    case 'lower-roman':
      return [...'ivxlcdm'];
    case 'upper-roman':
      return [...'IVXLCDM'];
    case 'fullwidth-decimal':
      return [...'０１２３４５６７８９'];
    case 'decimal':
      return [...'0123456789'];
  }
}

/** ① to ⑳, ㉑ to ㉟ and ㊱ to ㊿ (Unicode's circled numbers); past 50, the number in parentheses. */
function circled(n: number): string {
  if (n >= 1 && n <= 20) return String.fromCodePoint(0x2460 + n - 1);
  if (n >= 21 && n <= 35) return String.fromCodePoint(0x3251 + n - 21);
  if (n >= 36 && n <= 50) return String.fromCodePoint(0x32b1 + n - 36);
  return `(${n})`;
}

/** The bullet of an unordered list at `depth` (0: a list in the text, 1: a list inside one of its items, …). */
export function listBullet(style: LanguageStyle, depth: number): string {
  return depth === 0 ? style.strings.listBullet : style.numbering.nestedBullets[Math.min(depth, 2) - 1]!;
}

/** The counter style of an ordered list at `depth` (see `listBullet`). */
export function listCounterStyle(style: LanguageStyle, depth: number): CounterStyle {
  return depth === 0 ? (style.numbering.listStyle ?? 'decimal') : style.numbering.nestedListStyles[Math.min(depth, 2) - 1]!;
}

/**
 * The marker of item `n` of a list at `depth`: its bullet, or its number and
 * a full stop; a task's box (`taskBox`) in place of the bullet, after the
 * number.
 */
export function listMarker(style: LanguageStyle, ordered: boolean, n: number, depth: number, checked: boolean | null = null): string {
  const box = taskBox(style, checked);
  if (!ordered) return box ?? listBullet(style, depth);
  const counter = listCounterStyle(style, depth);
  const number = `${formatCounter(n, counter)}${counterSuffix(counter)}`;
  return box ? `${number} ${box}` : number;
}

/** A task list item's box (☐ open, ☑ ticked), or undefined for an item that is no task. */
export function taskBox(style: LanguageStyle, checked: boolean | null | undefined): string | undefined {
  return checked === true ? style.strings.taskDone : checked === false ? style.strings.taskOpen : undefined;
}

/** What follows an ordered list's number: a full stop, none after a circled number or a katakana (①, ア, not ①. or ア.). */
export function counterSuffix(style: CounterStyle): string {
  return style === 'circled-decimal' || style === 'katakana-aiueo' ? '' : '.';
}

/** Format one counter value in a counter style. */
export function formatCounter(n: number, style: CounterStyle): string {
  switch (style) {
    case 'decimal':
      return String(n);
    case 'circled-decimal':
      return circled(n);
    case 'fullwidth-decimal':
      return String(n).replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    case 'katakana-aiueo':
      return aiueo[n - 1] ?? String(n);
    case 'lower-alpha':
      return alpha(n);
    case 'upper-alpha':
      return alpha(n).toUpperCase();
    case 'lower-roman':
      return roman(n).toLowerCase();
    case 'upper-roman':
      return roman(n);
  }
}

/**
 * The printed number, the label printed before the title (the number and
 * the level's separator; empty when unnumbered) and the cross-reference
 * label of a heading, from its counters.
 */
export function headingNumber(numbering: Numbering, level: 1 | 2 | 3, counters: readonly [number, number, number]): { number: string; label: string; refLabel: string } {
  const values: Record<string, string> = {};
  for (let i = 0; i < 3; i++) values[String(i + 1)] = formatCounter(counters[i] ?? 0, numbering.styles[i] ?? 'decimal');
  const number = fill(numbering.heading[level - 1] ?? '', values);
  return {
    number,
    label: number ? number + (numbering.separator?.[level - 1] ?? '') : '',
    refLabel: fill(numbering.reference[level - 1] ?? '', values),
  };
}

/**
 * The numbering of a report's appendices (`numbering.appendix`): the
 * language's own patterns with lettered chapters (A., A.1) when the house
 * style gives none. With `single`, the number of a report's only appendix.
 */
export function appendixNumbering(numbering: Numbering, single = false): Numbering {
  const own = numbering.appendix;
  const base: Numbering = own
    ? {
        ...numbering,
        styles: own.styles,
        heading: own.heading,
        reference: own.reference,
        separator: own.separator,
        ...(own.referenceFromOtherChapter ? { referenceFromOtherChapter: own.referenceFromOtherChapter } : {}),
      }
    : { ...numbering, styles: ['upper-alpha', numbering.styles[1], numbering.styles[2]] };
  if (own && !own.referenceFromOtherChapter) delete base.referenceFromOtherChapter;
  if (!single || own?.single === undefined) return base;
  // The chapter's pattern gives way to the single label wherever it stands (付録{1}（{2}） → 付録（{2}）).
  const chapter = own.heading[0];
  const whole = (patterns: [string, string, string]): [string, string, string] => [own.single!, ...patterns.slice(1).map((p) => p.split(chapter).join(own.single!))] as [string, string, string];
  return { ...base, heading: whole(base.heading), reference: whole(base.reference), ...(base.referenceFromOtherChapter ? { referenceFromOtherChapter: whole(base.referenceFromOtherChapter) } : {}) };
}

/** `図表2` / `Figure 2`. */
export function figureLabel(strings: LanguageStrings, n: number, table = false): string {
  return fill(table && strings.tableLabel ? strings.tableLabel : strings.figureLabel, { n });
}

/** Split an ISO date `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`). */
export function parseIsoDate(iso: string): { year: number; month?: number; day?: number } | undefined {
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(iso.trim());
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : undefined;
  const day = m[3] ? Number(m[3]) : undefined;
  return { year, ...(month !== undefined ? { month } : {}), ...(day !== undefined ? { day } : {}) };
}

/** A full date in the language's format: 2026年3月16日 / March 16, 2026. */
export function formatDate(strings: LanguageStrings, iso: string, pattern: string = strings.date): string {
  const d = parseIsoDate(iso);
  if (!d) return iso;
  if (d.month === undefined) return String(d.year);
  const month = strings.monthNames[d.month - 1] ?? String(d.month);
  const mon = strings.monthAbbreviations[d.month - 1] ?? month;
  if (d.day === undefined) {
    // Drop the day placeholder and what directly joins it.
    const noDay = pattern
      .replace(/[./-]\{d\}/, '')
      .replace(/\{d\}日/, '')
      .replace(/\{d\},?\s?/, '');
    return fill(noDay, { yyyy: d.year, m: d.month, month, mon });
  }
  return fill(pattern, { yyyy: d.year, m: d.month, d: d.day, month, mon });
}
