/**
 * The page numbers the contents are written with, before Word updates the
 * field: where each heading and figure falls, worked out from the model and
 * the template (the sizes, spacing, indents and page the Word styles are
 * made from), measuring text with the fonts' advance widths and setting
 * lines and pages as Word does in outline:
 *
 * - lines are filled greedily; Japanese breaks between any two characters
 *   but not before closing punctuation or after an opening bracket, and a
 *   final 、 or 。 may hang past the margin; Latin text breaks at spaces and
 *   where a URL has a zero-width space;
 * - a line is at least the style's pitch and at least its fonts' height;
 * - notes sit at the foot of the page of their mark, under a separator, and
 *   a long note continues on the next page;
 * - headings and captions stay with what follows, and no paragraph leaves a
 *   single first or last line alone on a page.
 *
 * It costs a few milliseconds, where laying the document out as Word does
 * line by line takes most of a second. Word recomputes the numbers when its
 * fields are updated.
 */
import type { EstimatedPageNumbers, PageNumberEstimator } from 'docx';
import { assertNever, chapters, inlineText, isCjk, type Block, type DocumentModel, type Inline, type Note, type Table as ModelTable } from '@brief/document-model';
import { breakUnits, fontFiles, openFace, type FontFace } from '@brief/fonts';
import { dateline, figureLinesBelow, fill, fillInlines, type FontRole, type LanguageStyle, type Template } from '@brief/templates';
import { shownSize, type Box } from './figures.js';
import { columnWidths, faceMeasure, withRepeatedRowHeaders } from './tables.js';
import { indentsPt } from './style.js';
import { showsContents, titleLines } from './title.js';

/**
 * A note mark in text measured for breaking: a private-use character,
 * U+E000 plus the note number, that stays with what precedes it.
 */
function isNoteMark(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return cp >= 0xe000 && cp <= 0xf8ff;
}

/** Hanging punctuation: Word lets these run past the end of a full line. */
const hanging = new Set([...'、。，．']);
/** Width of a digit, in em (the estimate's; digits of the Noto faces are about this wide). */
const DIGIT_EM = 0.55;
/** Room a contents entry leaves for its page number, in em of the body. */
const CONTENTS_NUMBER_EM = 3;

function face(family: string, bold: boolean): FontFace {
  const files = fontFiles(family);
  return openFace((bold ? files.bold : files.normal) ?? files.normal);
}

/** How a paragraph is set: the Word style's values, in points. */
interface ParaStyle {
  size: number;
  role: FontRole;
  bold: boolean;
  /** `at least` pitch (0: single spacing). */
  pitch: number;
  before: number;
  after: number;
  /** Width of the first line and of the others. */
  firstWidth: number;
  width: number;
  keepNext: boolean;
  keepLines: boolean;
  /** Superscript (note marks) as a fraction of `size` (the template's, for Word). */
  superscript: number;
}

/** One line of a paragraph: its height and the notes whose marks it holds. */
interface Line {
  height: number;
  notes: number[];
}

/** A paragraph (or a table row) ready to be placed. */
interface Para {
  lines: Line[];
  before: number;
  after: number;
  keepNext: boolean;
  keepLines: boolean;
  /** Bookmarks that start here. */
  bookmarks: string[];
}

interface Setting {
  template: Template;
  ls: LanguageStyle;
  /** Text width in points. */
  measure: number;
  /** Word footnotes, by number: their lines' heights. */
  noteLines: Map<number, number[]>;
  /** Notes already referenced (a later mark is a plain number). */
  referenced: Set<number>;
  bookmarks: ReadonlyMap<string, string>;
  box: Box;
  atFoot: boolean;
}

/** Text of inlines for measuring, with each first note mark as U+E000 + its number. */
function flatText(inlines: readonly Inline[], s: Setting, inNote: boolean): string {
  return inlineText(inlines, (mark) => {
    if (!s.atFoot || inNote || s.referenced.has(mark.number)) return String(mark.number);
    s.referenced.add(mark.number);
    return String.fromCodePoint(0xe000 + mark.number);
  });
}

/** Width of a break unit in points. */
function unitWidth(text: string, st: ParaStyle, interScript: number): number {
  const latin = face(st.role.latin, st.bold);
  let w = 0;
  let prev: 'cjk' | 'latin' | undefined;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (isNoteMark(ch)) {
      w += String(cp - 0xe000).length * DIGIT_EM * st.size * st.superscript;
      continue;
    }
    const cjk = isCjk(cp);
    if (cjk) w += st.size;
    else w += (latin.advance(cp) / latin.unitsPerEm) * st.size;
    const kind = cjk ? 'cjk' : /[A-Za-z0-9]/.test(ch) ? 'latin' : undefined;
    if (interScript > 0 && prev && kind && kind !== prev) w += interScript * st.size;
    prev = kind ?? prev;
  }
  return w;
}

/** Break a paragraph's text into lines: the notes of each line. */
function breakLines(text: string, st: ParaStyle, interScript: number): number[][] {
  const lines: number[][] = [];
  for (const piece of text.split('\n')) {
    let x = 0;
    let notes: number[] = [];
    let max = st.firstWidth;
    const end = () => {
      lines.push(notes);
      notes = [];
      x = 0;
      max = st.width;
    };
    const space = unitWidth(' ', st, 0);
    for (const unit of breakUnits(piece, { keepWithPrevious: isNoteMark })) {
      const w = unitWidth(unit.text, st, interScript);
      const last = [...unit.text].pop() ?? '';
      const hang = hanging.has(last) ? st.size : 0;
      const gap = x > 0 && unit.space ? space : 0;
      if (x > 0 && x + gap + w - hang > max) end();
      x += (x > 0 && unit.space ? space : 0) + w;
      // A word longer than the line is cut.
      while (x > max + hang && max > 0) {
        x -= max;
        lines.push(notes);
        notes = [];
        max = st.width;
      }
      for (const ch of unit.text) if (isNoteMark(ch)) notes.push((ch.codePointAt(0) ?? 0xe000) - 0xe000);
    }
    end();
  }
  return lines;
}

/** Height of a line in a style: its pitch, or its fonts' height when taller or with single spacing. */
function lineHeight(st: ParaStyle, text: string): number {
  const hasCjk = [...text].some((ch) => isCjk(ch.codePointAt(0) ?? 0));
  const natural = Math.max(face(st.role.latin, st.bold).lineHeight, hasCjk ? face(st.role.cjk, st.bold).lineHeight : 0) * st.size;
  return Math.max(st.pitch, natural);
}

function paragraph(text: string, st: ParaStyle, s: Setting, bookmarks: string[] = []): Para {
  const h = lineHeight(st, text);
  const interScript = s.ls.typography.interScriptSpaceEm;
  return {
    lines: breakLines(text, st, interScript).map((notes) => ({ height: h, notes })),
    before: st.before,
    after: st.after,
    keepNext: st.keepNext,
    keepLines: st.keepLines,
    bookmarks,
  };
}

/** The paragraph styles of styles.ts, in points. */
function styles(s: Setting) {
  const { sizes, spacing } = s.template;
  const typo = s.ls.typography;
  const { body: bodyRole, heading: headRole } = s.ls.fonts;
  const headBold = typo.headingBold;
  const indent = indentsPt(s.template);
  const M = s.measure;
  const base = (over: Partial<ParaStyle>): ParaStyle => ({
    size: sizes.body,
    role: bodyRole,
    bold: false,
    pitch: sizes.body * typo.lineHeight,
    before: 0,
    after: typo.paragraphSpacing,
    firstWidth: M - typo.firstLineIndentEm * sizes.body,
    width: M,
    keepNext: false,
    keepLines: false,
    superscript: s.template.proportions.superscript.docx,
    ...over,
  });
  const single = { pitch: 0 };
  const heading = (level: 1 | 2 | 3) =>
    base({
      ...single,
      size: [sizes.chapter, sizes.section, sizes.subsection][level - 1]!,
      role: headRole,
      bold: headBold,
      before: [spacing.chapterBefore, spacing.sectionBefore, spacing.subsectionBefore][level - 1]!,
      after: [spacing.chapterAfter, spacing.sectionAfter, spacing.subsectionAfter][level - 1]!,
      firstWidth: M,
      keepNext: true,
      keepLines: true,
    });
  const noteIndent = indent.note;
  return {
    normal: base({}),
    first: base({ firstWidth: M }),
    heading,
    title: base({ ...single, size: sizes.title, role: headRole, bold: headBold, after: spacing.chapterAfter, firstWidth: M, keepNext: true }),
    subtitle: base({ ...single, size: sizes.subtitle, role: headRole, after: spacing.chapterAfter, firstWidth: M, keepNext: true }),
    author: base({ ...single, size: sizes.author, before: spacing.sectionBefore, after: 0, firstWidth: M, keepNext: true }),
    affiliation: base({ ...single, size: sizes.notice + (sizes.author - sizes.notice) / 2, after: spacing.sectionBefore, firstWidth: M, keepNext: true }),
    notice: base({ size: sizes.notice, pitch: sizes.notice * typo.noteLineHeight, after: 0, firstWidth: M - indent.notice, width: M - indent.notice }),
    tocHeading: base({ ...single, size: sizes.section, role: headRole, bold: headBold, before: spacing.chapterBefore, after: spacing.sectionAfter, firstWidth: M, keepNext: true }),
    toc: (level: number) => {
      const width = M - indent.contents(level) - CONTENTS_NUMBER_EM * sizes.body;
      return base({ pitch: sizes.body * typo.noteLineHeight, after: 0, firstWidth: width, width });
    },
    note: base({ size: sizes.note, pitch: sizes.note * typo.noteLineHeight, after: spacing.noteSpacing, firstWidth: M - noteIndent, width: M - noteIndent }),
    noteContinued: base({
      size: sizes.note,
      pitch: sizes.note * typo.noteLineHeight,
      after: spacing.noteSpacing,
      firstWidth: M - noteIndent - typo.firstLineIndentEm * sizes.note,
      width: M - noteIndent,
    }),
    notesHeading: base({
      ...single,
      size: sizes.subsection,
      role: headRole,
      bold: headBold,
      before: spacing.sectionBefore,
      after: spacing.subsectionAfter,
      firstWidth: M,
      keepNext: true,
      keepLines: true,
    }),
    caption: base({ ...single, size: sizes.caption, role: headRole, before: spacing.figureBefore, after: spacing.subsectionAfter, firstWidth: M, keepNext: true, keepLines: true }),
    figureSource: base({ ...single, size: sizes.caption, before: spacing.subsectionAfter, after: spacing.figureAfter, firstWidth: M }),
    tableText: base({ size: sizes.table, pitch: sizes.table * typo.noteLineHeight, after: 0 }),
    tableHeading: base({ size: sizes.table, pitch: sizes.table * typo.noteLineHeight, after: 0, role: headRole, bold: headBold }),
    quote: base({ firstWidth: M - 2 * indent.quote, width: M - 2 * indent.quote }),
    code: base({ ...single, size: sizes.table, before: spacing.subsectionBefore, after: spacing.subsectionBefore, firstWidth: M - indent.code, width: M - indent.code }),
    rule: base({ ...single, before: spacing.figureBefore, after: spacing.figureAfter }),
    list: (level: number) => base({ firstWidth: M - indent.list(level), width: M - indent.list(level) }),
  };
}

type Styles = ReturnType<typeof styles>;

/** A table's rows as unbreakable paragraphs (the header row repeats on each page; not counted). */
function tableRows(table: ModelTable, s: Setting, st: Styles, keepWithLast: boolean): Para[] {
  const padding = 2 * s.template.spacing.tableCellPadding;
  const columns = Math.max(1, ...[table.header, ...table.rows].map((r) => r.cells.length));
  const widths = columnWidths(table, (s.measure - columns * padding) * 20, faceMeasure(s.ls, s.template), s.template).map((w) => w / 20);
  const row = (cells: ModelTable['header']['cells'], header: boolean, last: boolean): Para => {
    let height = 0;
    const notes: number[] = [];
    widths.forEach((w, i) => {
      const base = header || i < (table.rowHeaderColumns ?? 0) ? st.tableHeading : st.tableText;
      const p = paragraph(flatText(cells[i]?.children ?? [], s, false), { ...base, firstWidth: w, width: w }, s);
      height = Math.max(
        height,
        p.lines.reduce((a, l) => a + l.height, 0),
      );
      for (const l of p.lines) notes.push(...l.notes);
    });
    return { lines: [{ height: height + 2, notes }], before: 0, after: 0, keepNext: header || (keepWithLast && last), keepLines: true, bookmarks: [] };
  };
  // Blank row-header cells repeat their group's header, as tables.ts writes them.
  const rows = (table.rowHeaderColumns ?? 0) > 0 ? withRepeatedRowHeaders(table, table.rowHeaderColumns ?? 0) : table.rows;
  return [row(table.header.cells, true, false), ...rows.map((r, i) => row(r.cells, false, i === rows.length - 1))];
}

function blockParas(blocks: readonly Block[], s: Setting, st: Styles, level = 0): Para[] {
  const out: Para[] = [];
  const { strings } = s.ls;
  blocks.forEach((block, index) => {
    switch (block.kind) {
      case 'heading': {
        const name = s.bookmarks.get(block.id);
        out.push(paragraph(block.label + flatText(block.children, s, false), st.heading(block.level), s, name ? [name] : []));
        break;
      }
      case 'paragraph': {
        const prev = blocks[index - 1];
        const noIndent = s.ls.typography.indentAfterHeading === false && (prev === undefined || prev.kind === 'heading' || prev.kind === 'figure' || prev.kind === 'table');
        const style = level > 0 ? st.list(level - 1) : noIndent ? st.first : st.normal;
        out.push(paragraph(flatText(block.children, s, false), style, s));
        break;
      }
      case 'blockquote':
        for (const child of block.children) {
          if (child.kind === 'paragraph') out.push(paragraph(flatText(child.children, s, false), st.quote, s));
          else out.push(...blockParas([child], s, st, level));
        }
        break;
      case 'list':
        for (const item of block.items) {
          for (const child of item) {
            if (child.kind === 'paragraph') out.push(paragraph(flatText(child.children, s, false), st.list(level), s));
            else out.push(...blockParas([child], s, st, level + 1));
          }
        }
        break;
      case 'codeBlock':
        out.push(paragraph(block.value, st.code, s));
        break;
      case 'thematicBreak':
        out.push(paragraph('', st.rule, s));
        break;
      case 'figure': {
        const caption = fillInlines(strings.figureCaption, { label: block.label, caption: block.caption });
        const name = s.bookmarks.get(block.id);
        out.push(paragraph(flatText(caption, s, false), st.caption, s, name ? [name] : []));
        if (block.body.kind === 'table') {
          out.push(...tableRows(block.body.table, s, st, figureLinesBelow(block, strings).length > 0));
        } else {
          const shown = shownSize(block.body.image, s.box);
          // A picture in a line of its own: the picture's height and the font's descent under it.
          const height = shown.height * 0.75 + 0.3 * s.template.sizes.body;
          out.push({ lines: [{ height, notes: [] }], before: 0, after: 0, keepNext: true, keepLines: true, bookmarks: [] });
        }
        for (const line of figureLinesBelow(block, strings)) out.push(paragraph(flatText(line, s, false), st.figureSource, s));
        break;
      }
      case 'table':
        out.push(...tableRows(block.table, s, st, false));
        break;
      default:
        assertNever(block, 'block');
    }
  });
  return out;
}

/** The lines of a note's paragraphs (first in the note style, the rest as continuations). */
function noteParas(note: Note, s: Setting, st: Styles): Para[] {
  return note.children.map((block, i) => {
    const text = block.kind === 'paragraph' ? flatText(block.children, s, true) : '';
    return paragraph(text, i === 0 ? st.note : st.noteContinued, s);
  });
}

/** The title block: title, subtitle, authors, notices, the contents heading and its entries. */
function titleParas(doc: DocumentModel, s: Setting, st: Styles, depth: number): Para[] {
  const { meta } = doc;
  const { template, ls } = s;
  const out: Para[] = [];
  const bold = ls.typography.headingBold;
  const titled = (text: string, style: ParaStyle, boldTitle: boolean) => {
    const count = titleLines(text, ls.fonts.heading, boldTitle, style.size, s.measure).length;
    const h = lineHeight(style, text);
    out.push({ lines: Array.from({ length: count }, () => ({ height: h, notes: [] })), before: style.before, after: style.after, keepNext: true, keepLines: true, bookmarks: [] });
  };
  titled(meta.title, st.title, bold);
  if (meta.subtitle) titled(meta.subtitle, st.subtitle, false);
  for (const author of meta.authors) {
    out.push(paragraph(author.name, st.author, s));
    if (author.affiliation) out.push(paragraph(fill(ls.strings.affiliation, { affiliation: author.affiliation }), st.affiliation, s));
  }
  for (const line of dateline(meta, template, ls.strings)) out.push(paragraph(line, st.affiliation, s));
  if (template.titleBlock.showNotices) for (const notice of meta.notices) out.push(paragraph(notice, st.notice, s));
  if (!showsContents(doc, template)) return out;
  out.push(paragraph(ls.strings.contents, st.tocHeading, s));
  for (const block of doc.body) {
    if (block.kind !== 'heading' || block.level > depth) continue;
    const text = block.label + flatText(block.children, { ...s, referenced: new Set(s.referenced) }, true);
    out.push(paragraph(text, st.toc(block.level - 1), s));
  }
  return out;
}

/**
 * Place paragraphs on pages. Returns the page index each bookmark starts on.
 */
function paginate(paras: readonly Para[], s: Setting, capacity: number, separator: number): Map<string, number> {
  const pages = new Map<string, number>();
  let page = 0;
  let used = 0;
  /** Height of the notes on this page (with the separator), and note lines carried over from the last page. */
  let notesUsed = 0;
  let carried: number[] = [];
  const newPage = () => {
    page++;
    used = 0;
    notesUsed = 0;
    if (carried.length > 0) {
      const lines = carried;
      carried = [];
      notesUsed = separator;
      addNoteLines(lines, 0);
    }
  };
  /** Put note lines in the page's note area while the page has room (at least `min` of them); carry the rest. */
  const addNoteLines = (lines: readonly number[], min: number) => {
    let i = 0;
    for (; i < lines.length; i++) {
      if (i >= min && used + notesUsed + lines[i]! > capacity) break;
      notesUsed += lines[i]!;
    }
    carried.push(...lines.slice(i));
  };
  const notesOf = (line: Line) => line.notes.flatMap((n) => s.noteLines.get(n) ?? []);
  /** Whether a line (with its notes' first lines at least) fits on this page. */
  const fits = (line: Line, before: number) => {
    const noteHeads = line.notes.reduce((a, n) => a + (s.noteLines.get(n)?.[0] ?? 0), 0);
    const sep = notesUsed === 0 && line.notes.length > 0 ? separator : 0;
    return used + before + line.height + notesUsed + sep + noteHeads <= capacity;
  };
  const place = (line: Line, before: number) => {
    used += before + line.height;
    if (line.notes.length > 0) {
      if (notesUsed === 0) notesUsed = separator;
      if (carried.length > 0) {
        // Notes continued from earlier come first; new notes wait behind them.
        carried.push(...notesOf(line));
      } else {
        addNoteLines(notesOf(line), 1);
      }
    }
  };
  /** Height needed on this page for a paragraph's kept part (and what it is kept with). */
  const keptHeight = (i: number): number => {
    const p = paras[i];
    if (!p) return 0;
    const lines = p.keepLines ? p.lines : p.lines.slice(0, Math.min(2, p.lines.length));
    // The kept lines' notes come too.
    const notes = lines.flatMap(notesOf);
    const sep = notes.length > 0 && notesUsed === 0 ? separator : 0;
    const own = (used > 0 ? p.before : 0) + lines.reduce((a, l) => a + l.height, 0) + notes.reduce((a, h) => a + h, sep);
    return p.keepNext && i + 1 < paras.length ? own + p.after + keptHeight(i + 1) : own;
  };
  paras.forEach((p, i) => {
    const before = used > 0 ? p.before : 0;
    // Keep with next / keep lines / no orphan: start on a new page when the kept part does not fit.
    if (used > 0 && used + notesUsed + keptHeight(i) > capacity && keptHeight(i) <= capacity) newPage();
    for (const name of p.bookmarks) pages.set(name, page);
    const n = p.lines.length;
    p.lines.forEach((line, k) => {
      const b = k === 0 ? before : 0;
      // No single last line at the top of a page: the line before goes with it.
      const widow = n >= 4 && k === n - 2 && fits(line, b) && !fits({ height: line.height + p.lines[n - 1]!.height, notes: [...line.notes, ...p.lines[n - 1]!.notes] }, b);
      if (used > 0 && (widow || !fits(line, b))) newPage();
      place(line, used > 0 ? b : 0);
    });
    used += p.after;
  });
  return pages;
}

export interface PageSetting {
  template: Template;
  ls: LanguageStyle;
  /** Text width in twips. */
  textWidth: number;
  bookmarks: ReadonlyMap<string, string>;
  /** Room for a picture, in CSS px. */
  box: Box;
}

/** The page number (as printed) of each bookmark of the edition's headings and figures. */
export function estimatePages(doc: DocumentModel, setting: PageSetting): Map<string, number> {
  const { template, ls } = setting;
  const atFoot = template.notes.placement === 'page-foot';
  const s: Setting = {
    template,
    ls,
    measure: setting.textWidth / 20,
    noteLines: new Map(),
    referenced: new Set(),
    bookmarks: setting.bookmarks,
    box: setting.box,
    atFoot,
  };
  const st = styles(s);
  const depth = template.titleBlock.contentsDepth;
  const paras: Para[] = [...titleParas(doc, s, st, depth)];
  const noteLines = (note: Note) => noteParas(note, s, st).flatMap((p) => p.lines.map((l, i) => l.height + (i === p.lines.length - 1 ? p.after : 0)));
  if (atFoot) {
    paras.push(...blockParas(doc.body, s, st));
    for (const note of doc.notes) s.noteLines.set(note.number, noteLines(note));
  } else {
    for (const chapter of chapters(doc)) {
      paras.push(...blockParas(chapter.heading ? [chapter.heading, ...chapter.blocks] : chapter.blocks, s, st));
      if (chapter.notes.length === 0) continue;
      paras.push(paragraph(ls.strings.notes, st.notesHeading, s));
      for (const note of chapter.notes) paras.push(...noteParas(note, s, st));
    }
  }
  const { page } = template;
  const capacity = ((page.heightMm - page.margin.top - page.margin.bottom) * 72) / 25.4;
  const separator = face(ls.fonts.body.cjk, false).lineHeight * template.sizes.body;
  const first = doc.meta.series?.firstPage ?? 1;
  const pages = paginate(paras, s, capacity, separator);
  return new Map([...pages].map(([name, index]) => [name, first + index]));
}

/**
 * Names of the bookmarks in a docx body, in document order. The contents'
 * own bookmarks (`_Toc…`) come just before the heading's bookmark.
 */
function bookmarkOrder(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const child of node) bookmarkOrder(child, out);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'w:bookmarkStart') {
        const name = (value as { _attr?: Record<string, unknown> })?._attr?.['w:name'];
        if (typeof name === 'string') out.push(name);
      } else if (key !== '_attr') {
        bookmarkOrder(value, out);
      }
    }
  }
  return out;
}

/** The estimate as the docx library takes it: every bookmark's page, `_Toc` ones from the bookmark after them. */
export function pageNumberEstimator(doc: DocumentModel, setting: PageSetting): PageNumberEstimator {
  return (body): EstimatedPageNumbers => {
    const pages = estimatePages(doc, setting);
    const names = bookmarkOrder(body);
    const out = new Map<string, string>();
    names.forEach((name, i) => {
      const next = names[i + 1];
      const own = pages.get(name) ?? (name.startsWith('_Toc') && next !== undefined ? pages.get(next) : undefined);
      if (own !== undefined) out.set(name, String(own));
    });
    return { bookmarks: out };
  };
}
