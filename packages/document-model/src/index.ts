/**
 * The document model: one typed tree per edition (report × language).
 *
 * Every writer reads this model and nothing else. Node kinds form discriminated
 * unions on `kind`; writers switch over them exhaustively (see `assertNever`), so
 * adding a kind fails to compile until every writer handles it.
 *
 * The model is fully resolved: headings carry their printed numbers, notes their
 * numbers, figures their labels, cross-references their printed text and
 * citations their rendered text in the edition's language. Writers never number,
 * resolve or look anything up.
 */

/** A BCP 47 language tag, e.g. `ja`, `en`. */
export type LanguageTag = string;

/** A point in a source file (1-based line and column, 0-based offset). */
export interface Point {
  line: number;
  column: number;
  offset?: number;
}

/** Where a node came from; used for diagnostics and parity reports. */
export interface SourceSpan {
  /** Path of the source file, relative to the current working directory where possible. */
  file: string;
  start: Point;
  end?: Point;
}

// ---------------------------------------------------------------------------
// Inline content

export interface TextInline {
  kind: 'text';
  value: string;
}

export interface EmphasisInline {
  kind: 'emphasis';
  children: Inline[];
}

export interface StrongInline {
  kind: 'strong';
  children: Inline[];
}

export interface DeleteInline {
  kind: 'delete';
  children: Inline[];
}

export interface CodeInline {
  kind: 'code';
  value: string;
}

export interface LinkInline {
  kind: 'link';
  /** Absolute http(s) or mailto URL. */
  url: string;
  children: Inline[];
}

/** A mark in the text pointing to a note. */
export interface NoteRefInline {
  kind: 'noteRef';
  /** The note's id (stable across editions: derived from the source label). */
  noteId: string;
  /** The printed note number, 1-based, in order of first reference. */
  number: number;
  source?: SourceSpan;
}

/** One cited work inside a citation. */
export interface CitationItem {
  /** The reference id (CSL `id`). */
  key: string;
  /** Locator as written, e.g. `p. 89`, `89頁`. */
  locator?: string;
  prefix?: string;
  suffix?: string;
  /** `[-@key]`: the author is named in the text, so the citation leaves it out. */
  suppressAuthor?: boolean;
}

/**
 * A citation `[@key, p. 89]`. Its rendered form in the edition's language
 * (house style, ibid already decided) is in `rendered`.
 */
export interface CitationInline {
  kind: 'citation';
  items: CitationItem[];
  /** True when printed as ibid (同上 / Ibid.). */
  ibid: boolean;
  /** Written `@key` in a note's text (Pandoc's author-in-text form): part of the sentence by design. */
  narrative?: true;
  rendered: Inline[];
  source?: SourceSpan;
}

/** A reference to a heading, figure or table; `text` is what is printed. */
export interface CrossRefInline {
  kind: 'crossRef';
  targetId: string;
  targetKind: 'heading' | 'figure';
  text: string;
  /**
   * The whole label, when `text` prints less of it (a reference listed after
   * another: 図表1、2, figures 1 and 2): what screen readers call the link.
   */
  name?: string;
  source?: SourceSpan;
}

/** A run of text in another language than the edition's (e.g. Japanese in en). */
export interface ForeignInline {
  kind: 'foreign';
  lang: LanguageTag;
  children: Inline[];
}

export interface LineBreakInline {
  kind: 'lineBreak';
}

export type Inline = TextInline | EmphasisInline | StrongInline | DeleteInline | CodeInline | LinkInline | NoteRefInline | CitationInline | CrossRefInline | ForeignInline | LineBreakInline;

export type InlineKind = Inline['kind'];

// ---------------------------------------------------------------------------
// Blocks

/** Heading levels: 1 chapter (`##`), 2 section (`###`), 3 subsection (`####`). */
export type HeadingLevel = 1 | 2 | 3;

export interface HeadingBlock {
  kind: 'heading';
  level: HeadingLevel;
  id: string;
  /** The printed number, from the template ("1.", "（1）", "ア", "1.1"); empty if unnumbered. */
  number: string;
  /** What a cross-reference prints for this heading (e.g. "1.", "第1章"). */
  refLabel: string;
  /**
   * What is printed before the title: `number` followed by the template's
   * `numbering.separator` for the level ("1. ", "（1）", "ア　"); empty if
   * unnumbered. Set by the reader; writers print it as it is.
   */
  label: string;
  /** Written with `{-}` or `{.unnumbered}`: no number, and the numbering of the headings after it goes on as if it were not there. */
  unnumbered?: true;
  /**
   * An appendix: a chapter written with `{.appendix}`, and every chapter
   * after it (set by the reader). Appendices are numbered apart (Appendix A,
   * 付録1: the template's `numbering.appendix`), and their sections with them.
   */
  appendix?: true;
  children: Inline[];
  source?: SourceSpan;
}

export interface ParagraphBlock {
  kind: 'paragraph';
  children: Inline[];
  /** The last paragraph of a quotation naming its source (`— Name, 2024`): set flush right, on lines of its own. */
  attribution?: true;
  /** Continues the sentence of the paragraph before a list, code block, quotation or table (it opens in lower case): set without a first-line indent. */
  continues?: true;
  source?: SourceSpan;
}

export interface BlockquoteBlock {
  kind: 'blockquote';
  children: Block[];
  source?: SourceSpan;
}

export interface ListBlock {
  kind: 'list';
  ordered: boolean;
  start: number;
  /** Each item is a list of blocks. */
  items: Block[][];
  /**
   * A task list's boxes (`- [ ] …`, `- [x] …`), item by item: true ticked,
   * false open, null for an item that is no task. Absent when none is.
   */
  checked?: (boolean | null)[];
  source?: SourceSpan;
}

export interface CodeBlock {
  kind: 'codeBlock';
  value: string;
  lang?: string;
  source?: SourceSpan;
}

export interface ThematicBreakBlock {
  kind: 'thematicBreak';
  source?: SourceSpan;
}

export type TableAlign = 'left' | 'center' | 'right' | null;

export interface TableCell {
  children: Inline[];
}

export interface TableRow {
  cells: TableCell[];
}

export interface Table {
  align: TableAlign[];
  /** The header row (GFM tables always have one). */
  header: TableRow;
  rows: TableRow[];
  /** How many leading columns are row headers (their cells head their rows); 0 or absent: none. */
  rowHeaderColumns?: number;
}

/** An image, already resolved to a file inside the source directory. */
export interface Image {
  /** Absolute path of the file on disk. */
  path: string;
  /** Path as written in the source, relative to the source directory. */
  src: string;
  mediaType: 'image/svg+xml' | 'image/png' | 'image/jpeg';
  alt: string;
  /** Intrinsic size in CSS px when known (SVG viewBox/width/height, PNG/JPEG header). */
  width?: number;
  height?: number;
  /** Where the image is written (`![…](…)`), for messages about the picture itself. */
  source?: SourceSpan;
}

export type FigureBody = { kind: 'image'; image: Image } | { kind: 'table'; table: Table };

/** A numbered figure or table (one shared counter, or tables on their own: `strings.tableLabel`). */
export interface FigureBlock {
  kind: 'figure';
  id: string;
  /** 1-based number on the figure/table counter (a table's own when the template labels tables apart). */
  number: number;
  /** The printed label from the template, e.g. "図表2", "Figure 2". */
  label: string;
  caption: Inline[];
  /**
   * Notes on the figure printed under it, before the source line, in its
   * size: the paragraphs written after the image or table ((注) 2025年度は
   *当初予算額。, Note: …), each as written.
   */
  remarks?: Inline[][];
  /** The source line (出所 / Source), without its label. */
  sourceNote?: Inline[];
  body: FigureBody;
  /**
   * Alternative text for the figure as a whole, for readers who cannot see
   * it (`:::figure{alt="…"}`, else the image's own alt text).
   */
  alt?: string;
  /** A longer description of what the figure shows, for assistive technology (optional). */
  description?: Block[];
  source?: SourceSpan;
}

/** A table outside any figure (not numbered). */
export interface TableBlock {
  kind: 'table';
  table: Table;
  source?: SourceSpan;
}

export type Block = HeadingBlock | ParagraphBlock | BlockquoteBlock | ListBlock | CodeBlock | ThematicBreakBlock | FigureBlock | TableBlock;

export type BlockKind = Block['kind'];

// ---------------------------------------------------------------------------
// Notes

export interface Note {
  /** Stable id, from the source label (`[^label]` → `label`). */
  id: string;
  /** Printed number, 1-based, in order of first reference. */
  number: number;
  /** Id of the chapter heading whose text holds the first reference. */
  chapterId?: string;
  children: Block[];
  /** True for notes generated from a citation in running text. */
  generated: boolean;
  source?: SourceSpan;
}

// ---------------------------------------------------------------------------
// Metadata

export interface Author {
  name: string;
  affiliation?: string;
}

export interface Series {
  title: string;
  issn?: string;
  issue?: number | string;
  /** First printed page number (from `pages: 45-59`). */
  firstPage?: number;
  lastPage?: number;
}

/** Metadata of one edition, every value already in the edition's language. */
export interface Metadata {
  /** Report id (`[a-z0-9-]+`), names the output files. */
  id: string;
  /** The edition's language. */
  lang: LanguageTag;
  /** All languages of the report, first is the original. */
  languages: LanguageTag[];
  /** The title as plain text (metadata, running heads, contents, covers). */
  title: string;
  /** The title as the title block prints it, when brief.yaml sets words of it in italics (`*…*`); else `title`. */
  titleInlines?: Inline[];
  subtitle?: string;
  /** The subtitle as printed, when brief.yaml sets words of it in italics. */
  subtitleInlines?: Inline[];
  authors: Author[];
  series?: Series;
  publisher?: string;
  /** ISO date `YYYY-MM-DD`. */
  published: string;
  /** ISO date `YYYY-MM-DD`. */
  asOf?: string;
  url?: string;
  notices: string[];
}

/** One edition: a report in one language, fully resolved. */
export interface DocumentModel {
  kind: 'document';
  meta: Metadata;
  /** The source directory (absolute). */
  sourceDir: string;
  body: Block[];
  /** Notes in printed order (number 1, 2, 3…). */
  notes: Note[];
}

/**
 * A page of the print (PDF) edition, as e-book page lists and page-break
 * markers need it: its printed number and where it begins in the body.
 */
export interface PrintPage {
  /** The printed page number (the folio), e.g. "52". */
  label: string;
  /**
   * The block the page begins in: its position in a pre-order walk of `body`
   * (`walkBlocks`, every block counted, containers before their children),
   * or -1 for a page before the body (title block, contents).
   */
  block: number;
  /**
   * Characters of that block's own text (`inlineText` of its inlines, note
   * marks left out) before the page begins; 0 when it begins with the block.
   */
  offset: number;
  /**
   * A page that begins inside a table (a table block, or a figure holding
   * one) after its first body row: the body row it begins with (1 the
   * second). Absent otherwise.
   */
  row?: number;
}

// ---------------------------------------------------------------------------
// Helpers

/** Use in the `default` branch of an exhaustive switch. */
export function assertNever(value: never, what = 'node'): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}

/**
 * Plain text of inline content, citations included as printed. Note marks
 * are left out, or written as `noteRef` says (a writer that measures text
 * counts them).
 */
/** A line with each tab replaced by the spaces to the next tab stop (every `columns` characters). */
export function expandTabs(line: string, columns: number): string {
  if (!line.includes('\t')) return line;
  let column = 0;
  let out = '';
  for (const ch of line) {
    if (ch === '\t') {
      const n = columns - (column % columns);
      out += ' '.repeat(n);
      column += n;
    } else {
      out += ch;
      column++;
    }
  }
  return out;
}

export function inlineText(inlines: readonly Inline[], noteRef?: (mark: NoteRefInline) => string): string {
  let out = '';
  for (const node of inlines) {
    switch (node.kind) {
      case 'text':
      case 'code':
        out += node.value;
        break;
      case 'emphasis':
      case 'strong':
      case 'delete':
      case 'link':
      case 'foreign':
        out += inlineText(node.children, noteRef);
        break;
      case 'noteRef':
        if (noteRef) out += noteRef(node);
        break;
      case 'citation':
        out += inlineText(node.rendered, noteRef);
        break;
      case 'crossRef':
        out += node.text;
        break;
      case 'lineBreak':
        out += '\n';
        break;
      default:
        assertNever(node, 'inline');
    }
  }
  return out;
}

/** Note marks anywhere inside inlines (rendered citations included), in order. */
export function noteRefsIn(inlines: readonly Inline[]): NoteRefInline[] {
  const out: NoteRefInline[] = [];
  for (const node of inlines) {
    switch (node.kind) {
      case 'noteRef':
        out.push(node);
        break;
      case 'emphasis':
      case 'strong':
      case 'delete':
      case 'link':
      case 'foreign':
        out.push(...noteRefsIn(node.children));
        break;
      case 'citation':
        out.push(...noteRefsIn(node.rendered));
        break;
      case 'text':
      case 'code':
      case 'crossRef':
      case 'lineBreak':
        break;
      default:
        assertNever(node, 'inline');
    }
  }
  return out;
}

/** Plain text of blocks, one line per paragraph-like block. */
export function blockText(blocks: readonly Block[]): string {
  const lines: string[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading':
      case 'paragraph':
        lines.push(inlineText(block.children));
        break;
      case 'blockquote':
        lines.push(blockText(block.children));
        break;
      case 'list':
        for (const item of block.items) lines.push(blockText(item));
        break;
      case 'codeBlock':
        lines.push(block.value);
        break;
      case 'thematicBreak':
        break;
      case 'figure':
        lines.push(inlineText(block.caption));
        if (block.body.kind === 'table') lines.push(tableText(block.body.table));
        for (const remark of block.remarks ?? []) lines.push(inlineText(remark));
        if (block.sourceNote) lines.push(inlineText(block.sourceNote));
        break;
      case 'table':
        lines.push(tableText(block.table));
        break;
      default:
        assertNever(block, 'block');
    }
  }
  return lines.join('\n');
}

function tableText(table: Table): string {
  return [table.header, ...table.rows].map((row) => row.cells.map((c) => inlineText(c.children)).join('\t')).join('\n');
}

export interface Chapter {
  /** The chapter heading; undefined for content before the first chapter. */
  heading?: HeadingBlock;
  blocks: Block[];
  /** Notes whose first reference lies in this chapter, in order. */
  notes: Note[];
}

/** Split the body at level-1 headings (chapters). */
export function chapters(doc: DocumentModel): Chapter[] {
  const out: Chapter[] = [];
  let current: Chapter = { blocks: [], notes: [] };
  for (const block of doc.body) {
    if (block.kind === 'heading' && block.level === 1) {
      if (current.heading || current.blocks.length > 0) out.push(current);
      current = { heading: block, blocks: [], notes: [] };
    } else {
      current.blocks.push(block);
    }
  }
  if (current.heading || current.blocks.length > 0) out.push(current);
  for (const note of doc.notes) {
    const chapter = out.find((c) => c.heading?.id === note.chapterId) ?? out[0];
    chapter?.notes.push(note);
  }
  return out;
}

/** All headings of the body, in order. */
export function headings(doc: DocumentModel): HeadingBlock[] {
  return doc.body.filter((b): b is HeadingBlock => b.kind === 'heading');
}

/** Whether a code point belongs to the Japanese (CJK) scripts and punctuation. */
export function isCjk(cp: number): boolean {
  return (
    (cp >= 0x3000 && cp <= 0x30ff) || // CJK punctuation, hiragana, katakana
    (cp >= 0x3100 && cp <= 0x31ff) ||
    (cp >= 0x3200 && cp <= 0x33ff) || // enclosed CJK, compatibility
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xffef) || // full-width and half-width forms
    (cp >= 0x20000 && cp <= 0x3ffff) ||
    (cp >= 0x2460 && cp <= 0x24ff) || // ① ②
    cp === 0x203b // ※
  );
}

export * from './diagnostics.js';
export * from './walk.js';
export * from './title-runs.js';

/**
 * Rows spanned by each row-header cell: in a row-header column an empty cell
 * continues the header above it (the source leaves it blank because the row
 * belongs to that group), so the header spans it instead. `spans[r][c]` is
 * the number of rows the cell heads, 0 for a cell it covers. Every writer
 * groups rows by it (the EPUB's rowspan, the tagged PDF's RowSpan, the
 * header Word repeats).
 */
export function rowHeaderSpans(table: Table): number[][] {
  const columns = table.rowHeaderColumns ?? 0;
  const spans = table.rows.map((row) => row.cells.map(() => 1));
  for (let c = 0; c < columns; c++) {
    let head = -1;
    table.rows.forEach((row, r) => {
      const empty = inlineText(row.cells[c]?.children ?? []).trim() === '';
      // A blank continues the group only while the columns to its left do too.
      const leftContinues = c === 0 || spans[r]![c - 1] === 0;
      if (empty && head >= 0 && leftContinues) {
        spans[r]![c] = 0;
        spans[head]![c]! += 1;
      } else {
        head = r;
      }
    });
  }
  return spans;
}

/** A title as the title block prints it: its inlines (`titleInlines`), else its text. */
export function printedTitle(text: string, inlines: Inline[] | undefined): Inline[] {
  return inlines ?? [{ kind: 'text', value: text }];
}

/** A Latin-script word (`latinRuns`). */
const latinWord = "[A-Za-z\u00C0-\u024F](?:[A-Za-z\u00C0-\u024F'\u2019&.-]*[A-Za-z\u00C0-\u024F.])?";
/** Latin-script words joined by spaces (`matchAll` works on a copy, so one pattern serves every call). */
const latinWords = new RegExp(`${latinWord}(?:[ \u00A0]+${latinWord})*`, 'g');

/**
 * Runs of English inside Japanese text: a run of Latin-script words (letters,
 * with apostrophes, hyphens, periods and ampersands inside or after a word),
 * joined by spaces, that holds at least one word of two or more letters.
 * Digits, symbols and single letters ((a), 10%, G7's G) stay unmarked, and
 * so do addresses (`https://…`, `www.…`, e-mail), which are not English.
 */
export function latinRuns(value: string): { text: string; latin: boolean }[] {
  const runs: { text: string; latin: boolean }[] = [];
  let last = 0;
  for (const m of value.matchAll(latinWords)) {
    const found = m[0];
    const start = m.index;
    const end = start + found.length;
    const before = value.slice(Math.max(0, start - 1), start);
    // What follows, as far as the address test below looks.
    const after = value.slice(end, end + 3);
    const address = /[/@:]/.test(before) || /^(?:[/@]|:\/\/)/.test(after) || /^www\./i.test(found);
    if (address || !/[A-Za-z\u00C0-\u024F]{2}/.test(found)) continue;
    if (start > last) runs.push({ text: value.slice(last, start), latin: false });
    runs.push({ text: found, latin: true });
    last = end;
  }
  if (last < value.length) runs.push({ text: value.slice(last), latin: false });
  return runs;
}
