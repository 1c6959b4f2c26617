/**
 * A house style: the one place for page geometry, fonts, sizes, colours,
 * spacing, heading numbering and every language string. Pure data (no
 * functions), so it can be stored as YAML/JSON and validated.
 */

import type { LanguageTag } from '@brief/document-model';

/** Length in typographic points (1/72 in). */
export type Pt = number;

export interface PageGeometry {
  /** Paper name, informative; width/height are authoritative. */
  size: 'A4' | 'Letter' | string;
  widthMm: number;
  heightMm: number;
  margin: { top: number; bottom: number; inner: number; outer: number };
  /** Space reserved between the body and the running head / folio, in mm. */
  headerHeightMm: number;
  footerHeightMm: number;
}

/** A font family by name; `@brief/fonts` maps known names to files from npm packages. */
export interface FontRole {
  /** Family for the edition's main script, e.g. "Noto Serif JP". */
  family: string;
  /** Family for Latin runs (en uses a Latin face; ja may set Latin in the same face). */
  latin: string;
  /** Family for Japanese (CJK) runs inside other-language text. */
  cjk: string;
  /** CSS generic fallback: serif | sans-serif. */
  generic: 'serif' | 'sans-serif';
}

export interface LanguageFonts {
  body: FontRole;
  heading: FontRole;
}

export interface Typography {
  /** Line height as a multiple of the font size. */
  lineHeight: number;
  noteLineHeight: number;
  /** First-line indent of body paragraphs in em (1 in ja, 0 in en). */
  firstLineIndentEm: number;
  /** Space between paragraphs in pt (0 in ja, where the indent marks paragraphs). */
  paragraphSpacing: Pt;
  justify: boolean;
  /** Headings (title, chapter, section, subsection) in the bold face of the heading family. */
  headingBold?: boolean;
  /** Whether the first paragraph after a heading or figure is indented too (default true; false in en). */
  indentAfterHeading?: boolean;
  /** Hyphenate Latin-script words at line ends (default false; true in en). */
  hyphenate?: boolean;
  /** Narrow the text column to a whole number of body characters (Japanese grid; default false). */
  gridMeasure?: boolean;
  /** Space set where Japanese meets Latin letters or digits, in em (default 0; 0.25 in ja). */
  interScriptSpaceEm?: number;
}

export interface Sizes {
  body: Pt;
  note: Pt;
  title: Pt;
  subtitle: Pt;
  author: Pt;
  chapter: Pt;
  section: Pt;
  subsection: Pt;
  caption: Pt;
  table: Pt;
  runningHead: Pt;
  folio: Pt;
  notice: Pt;
}

export interface Colors {
  text: string;
  heading: string;
  rule: string;
  link: string;
  muted: string;
  tableHeaderFill: string;
  tableRule: string;
  /** Cover background and accent (EPUB cover, PDF title block rule). */
  accent: string;
  coverBackground: string;
  coverText: string;
}

export interface Spacing {
  chapterBefore: Pt;
  chapterAfter: Pt;
  sectionBefore: Pt;
  sectionAfter: Pt;
  subsectionBefore: Pt;
  subsectionAfter: Pt;
  figureBefore: Pt;
  figureAfter: Pt;
  /** Gap between the body and the note rule at the page foot. */
  noteAreaGap: Pt;
  /** Length of the short rule above page-foot notes, in mm. */
  noteRuleMm: number;
  noteSpacing: Pt;
  /** Width of thin rules: the note rule, table rules, the contents box (default 0.5). */
  ruleWidth?: Pt;
  /** Padding inside table cells (default 3). */
  tableCellPadding?: Pt;
}

/**
 * Counter styles for heading numbers: decimal (1, 2), fullwidth-decimal (１),
 * katakana-aiueo (ア, イ, ウ), lower-alpha (a, b), upper-roman (I, II).
 */
export type CounterStyle = 'decimal' | 'fullwidth-decimal' | 'katakana-aiueo' | 'lower-alpha' | 'upper-alpha' | 'lower-roman' | 'upper-roman';

/**
 * Heading numbering patterns. `{1}`, `{2}`, `{3}` stand for the chapter,
 * section and subsection counters, each in the style given in `styles`.
 */
export interface Numbering {
  styles: [CounterStyle, CounterStyle, CounterStyle];
  /** Printed before the heading text, per level; "" for unnumbered. */
  heading: [string, string, string];
  /** Printed by a cross-reference to a heading of that level. */
  reference: [string, string, string];
  /** Printed between a heading's number and its text, per level (default: nothing). */
  separator?: [string, string, string];
}

/** Every language string a writer prints. Patterns use {name} placeholders. */
export interface LanguageStrings {
  /** Name of the language in itself, e.g. 日本語, English. */
  languageName: string;
  contents: string;
  notes: string;
  /** Figure/table label; {n} = number. */
  figureLabel: string;
  /** Caption line: {label} {caption}. */
  figureCaption: string;
  /** Source line under a figure: {text}. */
  figureSource: string;
  ibid: string;
  /** Ibid with a locator: {locator}. */
  ibidWithLocator: string;
  /** Full date: {yyyy} {m} {d} {month} (month name). */
  date: string;
  /** Short date used in citations: {yyyy} {m} {d} {month} {mon}. */
  citationDate: string;
  monthNames: string[];
  /** Abbreviated month names for citations. */
  monthAbbreviations: string[];
  /** Series issue: {n}. */
  issue: string;
  /** Page range of the printed edition: {first} {last}. */
  pages: string;
  /** Affiliation under the author's name: {affiliation}. */
  affiliation: string;
  /** Running head: {series} {issue} {title} {date}. */
  runningHead: string;
  /** Information cut-off: {date}. */
  asOf: string;
  /** Link from a note back to its mark. */
  backToText: string;
  /** Accessibility summary for EPUB: {title}. */
  accessibilitySummary: string;
  cover: string;
  titlePage: string;
  startOfContent: string;
  /** A notice under the title block: {text} (default: the text alone). */
  notice?: string;
  /** Marker of unordered list items (default •). */
  listBullet?: string;
  /** Separator between citations in one note. */
  citationSeparator: string;
  /** Mark printed before each notice under the title block, e.g. "※ " (default: none). */
  noticeMark?: string;
  /** Citation vocabulary (house style terms). */
  terms: CitationTerms;
}

export interface CitationTerms {
  eveningEdition: string;
  morningEdition: string;
  /** Page locator: {page}. */
  page: string;
  /** Page range locator: {page}. */
  pages: string;
  /** Accessed: {date}. */
  accessed: string;
  /** Diet session: {n}. */
  session: string;
  /** Minutes issue: {n}. */
  minutesIssue: string;
  plenary: string;
  /** Web site of an organisation: {org}. */
  website: string;
  /** Untitled reference placeholder. */
  noTitle: string;
  /** A page cited in a book, report or article (the locator): {page}. */
  locatorPage: string;
  /** A range of pages cited (the locator): {page} (both ends, already joined). */
  locatorPages: string;
  /** Between the first and last page of a range: ～ / –. */
  pageRangeDelimiter: string;
  /**
   * Ordinal numbers (the Diet session in en), by CLDR plural category of
   * `Intl.PluralRules(lang, { type: 'ordinal' })`: {n}. `other` is required.
   */
  ordinals: Record<string, string>;
  /** A Diet session with a subtype such as 閉会後: {session} {genre}. */
  sessionGenre: string;
  /** Name of the minutes of a committee sitting: {committee}. */
  committeeMinutes: string;
  /** Per chamber (its name in this language) where the committee minutes are named otherwise: {committee}. */
  committeeMinutesByChamber: Record<string, string>;
  /** Name of the minutes of a plenary sitting. */
  plenaryMinutes: string;
  /** Between authors' names, and before the last one. */
  nameDelimiter: string;
  nameLastDelimiter: string;
  /** How titles print, per kind: {title}; `*…*` sets emphasis. */
  titleForms: CitationTitleForms;
  /** How one cited work prints, per kind (placeholders and `[…]` optional groups: docs/citations.md). */
  layouts: CitationLayouts;
  /** Printed after a citation that ends its note ('' in ja, '.' in en). */
  noteEnd: string;
  /** Move a comma or full stop that follows a closing quotation mark inside it (American style). */
  punctuationInQuote: boolean;
}

/**
 * Title forms, with `{title}` for the title in the edition's language (or its
 * romanisation). `translated` joins such a title and a translation printed in
 * [brackets]: {title} {translation}.
 */
export interface CitationTitleForms {
  /** Book and report titles: 『…』 / *…*. */
  book: string;
  /** Article titles in a journal or column: 「…」 / “…”. */
  article: string;
  /** Newspapers, journals, columns: 『…』 / *…*. */
  periodical: string;
  /** Web page titles. */
  webpage: string;
  /** Names of web sites. */
  site: string;
  translated: string;
}

/**
 * Layout of one cited work per kind. Placeholders: {author} {title}
 * {container} {publisher} {place} {year} {date} {edition} {volume} {issue}
 * {page} {locator} {url} {session} {chamber} {minutes} {titleOrSite}
 * {siteIfTitle}. A `[…]` group prints only when every placeholder directly in
 * it has a value; `*…*` sets emphasis; `\` escapes the next character.
 */
export interface CitationLayouts {
  /** article-newspaper (and news agencies). */
  newspaper: string;
  /** article-journal (volume, issue). */
  article: string;
  /** article-magazine, post-weblog, article: a dated piece in a periodical or column. */
  magazine: string;
  book: string;
  report: string;
  /** webpage, post. */
  webpage: string;
  /** Diet minutes: legislation / hearing with a session number. */
  minutes: string;
  /** Any other type. */
  other: string;
}

export type CitationStyleName = 'ja-house' | 'en-notes';

export type NotePlacement = 'page-foot' | 'chapter-end';

export interface Template {
  /** Template name (built-in name or file path). */
  name: string;
  description: string;
  page: PageGeometry;
  /** Fonts per language; a language without an entry uses `defaultLanguage`'s. */
  fonts: Record<LanguageTag, LanguageFonts>;
  typography: Record<LanguageTag, Typography>;
  sizes: Sizes;
  colors: Colors;
  spacing: Spacing;
  numbering: Record<LanguageTag, Numbering>;
  strings: Record<LanguageTag, LanguageStrings>;
  citationStyle: Record<LanguageTag, CitationStyleName>;
  notes: { placement: NotePlacement };
  /** Running head content switch and contents list on the title page. */
  titleBlock: {
    showContents: boolean;
    showNotices: boolean;
    showSeries: boolean;
    /** Heading levels listed in the contents (1 = chapters only; default 1). */
    contentsDepth?: 1 | 2 | 3;
  };
  /** Language whose settings apply to languages the template does not define. */
  defaultLanguage: LanguageTag;
  /** Families set from font files beside the template, by family name. */
  fontFiles?: Record<string, FontFaceFiles>;
  /** The generated cover image (EPUB). */
  cover: CoverLayout;
}

/**
 * The generated cover: the title block of the printed report on a page of its
 * own. Sizes in px of the cover image; colours come from `colors.cover*` and
 * `colors.accent`, faces from the language's heading and body fonts.
 */
export interface CoverLayout {
  widthPx: number;
  /** Height as a multiple of the width (1.5 gives 2:3). */
  aspect: number;
  /** Left and right margin. */
  marginPx: number;
  /** Height of the accent band at the top that carries the series title and issue. */
  bandPx: number;
  seriesPx: number;
  titlePx: number;
  subtitlePx: number;
  authorPx: number;
  affiliationPx: number;
  /** Publisher and date at the foot. */
  footerPx: number;
  /** Line height of wrapped lines, as a multiple of their size. */
  lineHeight: number;
  /** Thickness of the accent rules. */
  rulePx: number;
  /** Where the title starts, as a fraction of the height. */
  titleTop: number;
}

/** Font files of a family, absolute paths (from `fontFiles` beside a template). */
export interface FontFaceFiles {
  normal: string;
  bold?: string;
  italics?: string;
  bolditalics?: string;
}
