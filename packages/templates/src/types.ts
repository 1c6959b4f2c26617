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
  /** CSS generic fallback: serif | sans-serif | monospace. */
  generic: 'serif' | 'sans-serif' | 'monospace';
  /**
   * Families tried in order for a character the role's Latin and Japanese
   * faces lack (the PDF draws it from the first whose face has it, in the
   * same weight and slant where the family has them; EPUB lists them after
   * the role's families). A template may leave it out (none).
   */
  fallback?: string[];
}

export interface LanguageFonts {
  body: FontRole;
  heading: FontRole;
  /**
   * Code blocks and inline code: a monospace face for `latin` (and
   * `family`), a Japanese face for `cjk`. A template may leave it out; the
   * PDF then sets code in the heading faces.
   */
  code?: FontRole;
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
  // The values below may be left out of a language a template file adds;
  // the loader fills in the default (`languageDefaults` in load.ts), so
  // writers read them as they are.
  /** Headings (title, chapter, section, subsection) in the bold face of the heading family (default true). */
  headingBold: boolean;
  /** Whether the first paragraph after a heading (or, in the DOCX and EPUB, a figure; the PDF floats figures out of the text) is indented too (default true; false in en). */
  indentAfterHeading: boolean;
  /** Hyphenate Latin-script words at line ends (default false; true in en). */
  hyphenate: boolean;
  /** Narrow the text column to a whole number of body characters (Japanese grid; default false). */
  gridMeasure: boolean;
  /** Space set where Japanese meets Latin letters or digits, in em (default 0; 0.25 in ja). */
  interScriptSpaceEm: number;
  /** A table's column heads centred, as Japanese tables set their 表頭 (default false: each aligned as its column; true in ja). */
  tableHeadCentred: boolean;
  /**
   * A URL may break between any two of its characters as readily as at a
   * Chicago point (after a slash, before a dot…), as Japanese text breaks:
   * the line before it is filled rather than its characters spread (default
   * false, Chicago's points only unless nothing else fits; true in ja).
   */
  urlBreakAnywhere: boolean;
  /**
   * A page that ends early gets its blank spread over the boundaries between
   * its blocks, so its last line meets the notes (default false, as in the
   * built-in styles: every line keeps its place on the page, the paragraph
   * spacing stays the same, and the blank stays at the foot).
   */
  flushBottom: boolean;
  /**
   * A note mark written before a full stop, comma or closing quotation mark
   * is set after it (default false: 侵害である¹。; true in en: infringements.¹).
   */
  noteMarkAfterPunctuation: boolean;
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
  /** Width of thin rules: the note rule, table rules, the contents box. */
  ruleWidth: Pt;
  /** Padding inside table cells. */
  tableCellPadding: Pt;
}

/**
 * Proportions the writers set that are not sizes or spacing of their own:
 * multiples of a size, fractions of the text height. Where the three formats
 * differ today, a value is given per format (`pdf`, `docx`, `epub`).
 */
export interface Proportions {
  /**
   * Note marks (superscript) as a fraction of the text size: PDF (pdfmake's
   * superscript scale, which the drawing applies; see docs/pdf.md), DOCX
   * (Word's superscript, used by the contents' page estimate), EPUB (a CSS
   * `font-size`).
   */
  superscript: { pdf: number; docx: number; epub: string };
  /**
   * The tallest picture as a fraction of the text height: PDF (the picture,
   * its caption and source line together), DOCX (the picture alone); EPUB:
   * of the reader's screen (`max-height` in `vh`), so a tall picture is
   * seen whole.
   */
  figureMaxHeight: { pdf: number; docx: number; epub: number };
  /**
   * The smallest text, in points, an SVG picture should print at in the
   * PDF once scaled to the text block: smaller text is reported
   * (`figure-text-small`), as an editor would ask for it larger.
   */
  figureTextMinPt: number;
  /** PDF: a table figure up to this fraction of the text height floats as one box; a longer one flows, breaking between rows. */
  tableFigureMaxHeight: number;
  /** A table of this many body rows or fewer is not broken across pages; a longer one keeps two rows at least on either side of a break (PDF, DOCX). */
  tableUnbrokenRows: number;
  /**
   * A table cell of Japanese text of this many characters or fewer is kept
   * on one line where the other columns can give the room (a short term
   * such as 事前防災, which could break between any two of its characters),
   * in every edition.
   */
  tableCellWholeChars: number;
  /** Line pitch of code blocks, as a multiple of their size (PDF). */
  codeLineHeight: number;
  /** Columns between tab stops in code blocks: a tab moves to the next of them (all editions). */
  codeTabColumns: number;
  /** Line pitch of the running head and folio, as a multiple of their size (PDF). */
  marginalLineHeight: number;
  /** Line pitch of headings and the title: the body line height, clamped to this range (PDF). */
  headingLineHeight: { min: number; max: number };
  /** Space between a list marker and the item's text, in em of the text (PDF). */
  listMarkerGapEm: number;
  /** Space between a figure's caption, its picture or table and its source line, in em of the caption (PDF). */
  figureGapEm: number;
  /** Space between a note's hung number and its text, in em of the note size (PDF). */
  noteNumberGapEm: number;
  /** Body lines a page keeps at least when notes fill its foot (PDF). */
  minBodyLines: number;
  /** Thematic break: rule length as a fraction of the column (PDF). */
  thematicBreakWidth: number;
  /**
   * Vertical justification (PDF): a page that ends early because what comes
   * next does not fit (a heading with its first lines, a paragraph's last
   * lines, a note) has its blank spread over the page, when the blank is at
   * most this fraction of the text height; 0 leaves every page ragged at its foot.
   */
  flushBottomMax: number;
  /** Of that blank, each boundary between blocks takes at most this many body lines (PDF). */
  blockStretchLines: number;
  /** The rest goes evenly between all lines, at most this fraction of a body line between two; what is left stays at the foot (PDF). */
  lineStretchLines: number;
  /** The title block on the first page (PDF), in multiples of the body size unless said otherwise. */
  titleBlock: {
    /** Below the series line, to the accent rule. */
    seriesRuleGap: number;
    /** Width of the accent rule under the series line, as a multiple of `spacing.ruleWidth`. */
    seriesRuleWeight: number;
    /** Above the title, after the series line. */
    titleBefore: number;
    subtitleBefore: number;
    /** Above the first author, and between authors. */
    authorsBefore: number;
    authorBetween: number;
    noticesBefore: number;
    /** Above the box listing the chapters, and the box's inner padding. */
    contentsBefore: number;
    contentsPadding: number;
    /** Under the box's heading. */
    contentsHeadingAfter: number;
    /** Below the whole block (before rounding to the line grid). */
    after: number;
  };
  /**
   * Indents in em of the text size: the Word styles and the DOCX page
   * estimate read the same values; the PDF indents quotations by `quote` ×
   * the paragraph indent (at least an em).
   */
  indents: {
    /** Notes: the number hung in this indent. */
    note: number;
    /** Notices after their mark (with a mark only). */
    notice: number;
    /** Quotations, on each side. */
    quote: number;
    /** Code blocks, on the left. */
    code: number;
    /** List items, per level. */
    list: number;
    /** Hanging indent of a list item's marker. */
    listHanging: number;
    /** Contents entries, per level below chapters. */
    contentsLevel: number;
  };
}

/**
 * Counter styles for heading numbers: decimal (1, 2), fullwidth-decimal (１),
 * katakana-aiueo (ア, イ, ウ), lower-alpha (a, b), upper-roman (I, II).
 */
export type CounterStyle = 'decimal' | 'fullwidth-decimal' | 'circled-decimal' | 'katakana-aiueo' | 'lower-alpha' | 'upper-alpha' | 'lower-roman' | 'upper-roman';

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
  /**
   * Printed by a cross-reference from another chapter, with the context the
   * number needs there (`{1}.（{2}）` for ja's （1）); default: `reference`.
   */
  referenceFromOtherChapter?: [string, string, string];
  /** Printed between a heading's number and its text, per level (default: nothing). */
  separator: [string, string, string];
  /**
   * Lists inside list items, at the second level and the third (and deeper):
   * the bullet of an unordered list (the first level's is `strings.listBullet`),
   * and the counter of an ordered one (the first level's is `listStyle`). Default:
   * – and ◦, lower-alpha and lower-roman.
   */
  nestedBullets: [string, string];
  nestedListStyles: [CounterStyle, CounterStyle];
  /**
   * The counter of an ordered list in the text (default decimal: 1. 2.; ja
   * circled-decimal, ① ②, as Japanese documents number items, apart from
   * the chapters' 1. 2.). A circled number takes no full stop after it.
   */
  listStyle: CounterStyle;
  /**
   * The numbering of the appendices (the chapter marked `{.appendix}` and
   * those after it), as the headings' above: counters begin again, lettered
   * (en Appendix A, A.1) or numbered (ja 付録1, （1）). `single` is the label
   * of a report's only appendix (en Appendix, ja 付録, Chicago 1.57). Default:
   * the language's own patterns with the chapters lettered (A., A.1).
   */
  appendix?: AppendixNumbering;
}

export type AppendixNumbering = Pick<Numbering, 'styles' | 'heading' | 'reference' | 'referenceFromOtherChapter' | 'separator'> & {
  /** The number of a report's only appendix, in the place of its chapter pattern's (default: as with several). */
  single?: string;
};

/** Every language string a writer prints. Patterns use {name} placeholders. */
export interface LanguageStrings {
  /** Name of the language in itself, e.g. 日本語, English. */
  languageName: string;
  contents: string;
  notes: string;
  /** Figure label, and a table's too unless `tableLabel` is given; {n} = number. */
  figureLabel: string;
  /**
   * A table's label, {n} = number, on a counter of its own (表1 beside 図1,
   * Table 1 beside Figure 1); empty: tables are labelled and numbered with
   * the figures (図表1, 図表2).
   */
  tableLabel: string;
  /** Caption line: {label} {caption}. */
  figureCaption: string;
  /** Source line under a figure: {text}. */
  figureSource: string;
  /** Above a table's header row repeated on the next page, in print: {label}. */
  figureContinued: string;
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
  /** What a note mark's link is called for screen readers (the PDF's link annotation): {n} = the note's number. */
  noteLinkName: string;
  /** Accessibility summary for EPUB: {title}. */
  accessibilitySummary: string;
  /** Heading of the EPUB page list (the printed edition's pages). */
  pageList: string;
  /** Name of the print edition an EPUB's page list comes from (its `dc:source` when the report has no URL): {title} {series} {issue}. */
  printEdition: string;
  /** Label of a figure's long description (the summary of its disclosure widget in EPUB). */
  figureDescription: string;
  cover: string;
  titlePage: string;
  startOfContent: string;
  /** A notice under the title block: {text} (default: the text alone). */
  notice: string;
  /** Marker of unordered list items (default •). */
  listBullet: string;
  /** A task list item's box, open and ticked (default ☐ and ☑): its marker, after its number in an ordered list. */
  taskOpen: string;
  taskDone: string;
  /** What a screen reader says for the boxes (the EPUB's `aria-label`; default “Not done”, “Done”). */
  taskOpenLabel: string;
  taskDoneLabel: string;
  /** A cross-reference to a heading without a number: its title ({title}) in quotation marks (default “{title}”). */
  headingTitleReference: string;
  /**
   * Set at the start of each continuation of a code line too long for the
   * measure (drawn as an artifact: copied text does not get it).
   */
  codeContinuation: string;
  /** Separator between citations in one note. */
  citationSeparator: string;
  /** The title as document metadata names it when there is a subtitle: `{title}: {subtitle}`. */
  /** The subtitle as the title page prints it: {subtitle} (ja ―{subtitle}―, between dashes as Japanese sets a subtitle). */
  subtitleLine: string;
  /** The dash that opens a quotation's attribution, whatever dash was typed: `— ` (ja `――`, the two-em dash Japanese sets there). */
  attributionDash: string;
  titleWithSubtitle: string;
  /** Mark printed before each notice under the title block, e.g. "※ " (default: none). */
  noticeMark: string;
  /** Citation vocabulary (house style terms). */
  terms: CitationTerms;
}

/** CSL name roles besides author, editor and translator that a citation may print (`{contributors}`, in this order). */
export type ContributorRole = 'director' | 'interviewer' | 'recipient' | 'illustrator' | 'compiler' | 'performer' | 'producer' | 'host';

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
  /** Between the pages of a list (`pp. 6, 9-12`): 、 / , . */
  pageListDelimiter: string;
  /** How the last page of a range is shortened: `chicago` (132–33, 101–8, 96–117; Chicago 9.61); none: in full. */
  pageRangeStyle?: 'chicago';
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
  /** Before the last of three names or more (Chicago's serial comma: `, and `); default `nameLastDelimiter`. */
  nameSerialDelimiter?: string;
  /** How titles print, per kind: {title}; `*…*` sets emphasis. */
  titleForms: CitationTitleForms;
  /** How one cited work prints, per kind (placeholders and `[…]` optional groups: docs/citations.md). */
  layouts: CitationLayouts;
  /**
   * Layout of a work cited again after an earlier note cited it in full
   * (Chicago's short note: `Smith and Okonkwo, “Retention Schedules,” 220`);
   * placeholders {authorShort} (family names), {titleShort} (`title-short`,
   * else the title without its subtitle), {locator}. '' prints every citation
   * in full. Minutes, and works without a title, always print in full.
   */
  subsequent: string;
  /**
   * The short form of one kind of work, used instead of `subsequent` when
   * every placeholder directly in it has a value: for the law, {codeShort}
   * (a statute or regulation by its code citation: 47 U.S.C. § 254(b)) and
   * {reporterAt} (a case at its reporter: 606 U.S. at 12).
   */
  subsequentLayouts?: Partial<Record<keyof CitationLayouts, string>>;
  /** Four or more names: the first and this ({name} et al. / {name}ほか). */
  etAl: string;
  /**
   * The language whose house style cites a foreign work: one whose printed
   * fields are all in Latin script (an English book in a Japanese report is
   * cited as English notes cite it, as Japanese writers do). ja: `en`; ''
   * (en): every work in this language's style.
   */
  foreignWorks?: string;
  /** Printed after a citation that ends its note ('' in ja, '.' in en). */
  noteEnd: string;
  /** Move a comma or full stop that follows a closing quotation mark inside it (American style). */
  punctuationInQuote: boolean;
  /**
   * Forms of further fields (all optional; docs/citations.md): editors and
   * translators after a title ({names}), edition ({n} ordinal or {edition}),
   * volume, version, DOI ({doi}), a number alone or after its genre
   * ({genre} {number}), a series and its number ({collection} {number}),
   * court or jurisdiction and year ({court} {year}).
   */
  editorRole?: string;
  translatorRole?: string;
  /**
   * The other people a work names, by their CSL role, for `{contributors}`
   * ({names}: `directed by {names}`, `{names}監督`). A role the template
   * gives no form is not printed (and `brief check` reports the field).
   */
  contributorRoles?: Partial<Record<ContributorRole, string>>;
  /** Between two roles in `{contributors}` (default `, `). */
  contributorDelimiter?: string;
  /** Editors named in the author's place: {names} (`Jane Doe, ed.`, `鈴木一郎編`); `editorsAsAuthor` for several. */
  editorAsAuthor?: string;
  editorsAsAuthor?: string;
  editionNumber?: string;
  volumeForm?: string;
  versionForm?: string;
  doiForm?: string;
  numberForm?: string;
  genreNumber?: string;
  /** A genre and a number with a prefix of its own (an identifier: GAO-24-106101); default `genreNumber`. */
  genreIdentifier?: string;
  collectionNumber?: string;
  courtYear?: string;
  /**
   * A case's full date in its court-and-date parenthetical (`{courtYear}` of a
   * case in no reporter, or one named by its court): a date pattern as
   * `citationDate` (`{mon}` the month abbreviated); en `{mon} {d}, {yyyy}`
   * (Oct. 10, 2023, Bluebook table T12). Default `citationDate`.
   */
  courtDate?: string;
  /** The page of a case in no reporter, cited at its slip opinion (`{slipAt}`): en `slip op. at {page}`, ja `{page}`. */
  slipOpinionAt?: string;
  /** The chapter of a code named without a title number (`{namedCode}`, `{codeStatute}`): Mass. Gen. Laws ch. 93H, § 3; en and ja `ch. {chapter}`. */
  codeChapter?: string;
  /** The body a printed hearing was held before (`{hearingBefore}`), from its committee and chamber: en `{committee}, {chamber}`, ja `{chamber}{committee}`. */
  hearingBody?: string;
  /** `{hearingBefore}`: en `Hearing Before the {body}`, ja `{body}`. */
  hearingBefore?: string;
  /**
   * Fields of references.yaml this style does not print on purpose (no
   * `reference-field-unprinted` warning): `field` for every type or
   * `type.field` for one CSL type.
   */
  unprintedFields?: string[];
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
  /** Statutes, regulations, bills, treaties (default: `{title}`). */
  statute?: string;
  /** Case names (default: the book form). */
  legalCase?: string;
  /** Titles of patents (default: the article form). */
  patent?: string;
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
  /** Optional layouts (fallback in brackets): chapter, entry-*, paper-conference (other). */
  chapter?: string;
  /** thesis (other). */
  thesis?: string;
  /** legislation without a Diet session, bill, treaty: statutes and ordinances (other). */
  statute?: string;
  /** regulation (other). */
  regulation?: string;
  /** legal_case (other). */
  legalCase?: string;
  /** patent (other). */
  patent?: string;
  /** standard (other). */
  standard?: string;
  /** software (other). */
  software?: string;
  /** Minutes of a local assembly: hearing, or legislation with a non-Diet chamber (other). */
  assembly?: string;
  /** A hearing printed as a document, cited by its title: a hearing with a title and no minutes issue (assembly). */
  hearing?: string;
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
  proportions: Proportions;
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
    contentsDepth: 1 | 2 | 3;
  };
  /** Language whose settings apply to languages the template does not define. */
  defaultLanguage: LanguageTag;
  /** Families set from font files beside the template, by family name. */
  fontFiles?: Record<string, FontFaceFiles>;
  /**
   * A CSL style file per language (absolute paths, from `cslStyles:` beside
   * the template): that edition's citations are rendered by citeproc-js with
   * it instead of the house layouts (docs/citations.md).
   */
  cslStyles?: Record<LanguageTag, string>;
  /** The generated cover image (EPUB). */
  cover: CoverLayout;
  /**
   * Tables: `rowHeaderColumns` leading columns of every table head their
   * rows (0: none); a figure's `row-headers=N` attribute overrides it.
   */
  tables: { rowHeaderColumns: number };
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
