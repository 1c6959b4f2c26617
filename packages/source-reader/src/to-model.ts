/**
 * mdast → document-model blocks and inlines, with diagnostics for what the
 * format does not allow (raw HTML, unknown directives, bad images…).
 * Numbers (headings, figures, notes) are assigned later by the transforms.
 */
import { isInside } from './paths.js';
import { existsSync, lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, isAbsolute, resolve } from 'node:path';
import type * as Md from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import {
  diagnostic,
  type Block,
  type CitationItem,
  type Diagnostic,
  type FigureBlock,
  type HeadingBlock,
  type Image,
  type Inline,
  type Note,
  type SourceSpan,
  type Table,
  type TableAlign,
} from '@brief/document-model';
import { inlineText, isCjk, type LanguageTag } from '@brief/document-model';
import { canonicalLanguageTag } from './brief-schema.js';
import { citationKeySource, localizedOrAny, parseLocator, shortNames, titleText, type ReferenceLibrary } from '@brief/citations';
import type { LanguageStyle } from '@brief/templates';
import { maxSvgSide, parseSvg, rasterSize, svgProblem, svgSize, svgSizeProblem, type Svg } from '@brief/svg';
import { checkUrl } from './brief.js';
import { parseFragment } from './markdown.js';
import { repeatedAttributes } from './repeated-attributes.js';
import { joinedItemLines } from './joined-lines.js';

/**
 * Ids the writers give what they add to the e-book's documents: notes
 * (`fn-3`), note marks (`fnref-3`, `fnref-3-2` for a note marked again),
 * page markers (`page-52`, `page-iv`, any label) and the heading of
 * chapter-end notes (`notes-chapter-01`). A heading's or a figure's id of
 * one of these forms would stand twice in a document. (The Word file's own
 * bookmarks begin with `_`, which no id does.)
 */
const writerIdForms: readonly { pattern: RegExp; form: string; what: string }[] = [
  { pattern: /^fn-\d+$/, form: 'fn-N', what: "the e-book's notes" },
  { pattern: /^fnref-\d+(?:-\d+)?$/, form: 'fnref-N', what: "the e-book's note marks" },
  { pattern: /^page-/, form: 'page-…', what: "the e-book's page markers" },
  { pattern: /^notes-chapter-/, form: 'notes-chapter-…', what: "the headings of the e-book's chapter-end notes" },
];

/** An id written on a heading or a figure, where it stands (the first time). */
function noteWritten(ctx: ConvertContext, id: string, node: { position?: Md.Root['position'] }, figure: boolean): void {
  ctx.written ??= new Map();
  if (!ctx.written.has(id)) ctx.written.set(id, { span: spanOf(ctx, node), figure });
}

/**
 * Ids written on headings and figures that the writers also give to what
 * they add (`writerIdForms`), or to a figure's description
 * (`fig-a-description`, `fig-a-description-text` for the figure `fig-a`) or its
 * caption line (`fig-a-caption`):
 * an error at the heading or figure, naming the form.
 */
export function writerIdClashes(ctx: ConvertContext): void {
  for (const [id, { span, figure }] of ctx.written ?? []) {
    const form = writerIdForms.find((f) => f.pattern.test(id));
    const part = /^(.+)-(description(?:-text)?|caption)$/.exec(id);
    const described = part?.[1];
    const message = form
      ? `id "${id}" has the form ${form.form}, which the writers give ${form.what}: it would stand twice in the e-book`
      : described !== undefined && ctx.written?.get(described)?.figure
        ? `id "${id}" has the form <figure id>-${part?.[2]}, which the e-book gives the ${part?.[2] === 'caption' ? 'caption line' : 'description'} of figure #${described}`
        : undefined;
    if (!message) continue;
    const other = figure ? (id.startsWith('fig-') ? `${id}-figure` : `fig-${id}`) : `sec-${id}`;
    ctx.diagnostics.push(diagnostic('id-reserved', 'error', message, span, `give it another id, such as ${other}`));
  }
}

/** Largest image accepted, in bytes. */
export const maxImageBytes = 20 * 1024 * 1024;
/** Largest raster image accepted, in pixels (a small file can declare a huge canvas). */
export const maxImagePixels = 50_000_000;

/**
 * Why an SVG is unsafe to embed, or undefined: anything not on the SVG
 * allowlist of `@brief/svg` (scripts, event handlers, embedded HTML among
 * them), entity declarations, and references to anything outside the file
 * (which a reading system or renderer would fetch) are refused.
 */
export function svgUnsafe(svg: string | Svg): string | undefined {
  const problem = svgProblem(svg, { dataImages: true });
  if (!problem) return undefined;
  switch (problem.kind) {
    case 'script':
      return 'holds a script';
    case 'foreignObject':
      return 'holds embedded HTML (foreignObject)';
    case 'entity':
      return 'declares XML entities';
    case 'doctype':
      return 'declares a document type with declarations of its own';
    case 'eventHandler':
      return 'has an event handler attribute (on…=)';
    case 'javascript':
      return 'holds a javascript: link';
    case 'external':
      return `refers to "${(problem.target ?? '').trim().slice(0, 60)}" outside the file`;
    case 'import':
      return 'imports a style sheet';
    case 'element':
      return problem.element ? `holds an element SVG images may not have (<${problem.element}>)` : 'is not an SVG document';
    case 'attribute':
      return `has an attribute SVG images may not have (${problem.attribute} on <${problem.element}>)`;
  }
}

export interface ConvertContext {
  file: string;
  /** The body's text, to quote a directive's fence as it is written. */
  text?: string;
  /** Closing fences left over by a nesting already reported, not to report again as stray. */
  fencesExplained?: number;
  /** A figure or table left unclosed was reported: the fences after it are read out of step with the source, and not reported. */
  fenceLeftOpen?: boolean;
  /** A figure's opening line could not be read (`directive-attributes`): the image after it is not told as outside a figure. */
  directiveUnread?: boolean;
  /** Ids written on opening lines that could not be read: references to them are not told as unknown. */
  unreadIds?: Set<string>;
  sourceDir: string;
  diagnostics: Diagnostic[];
  /** Footnote definitions by normalised label. */
  definitions: Map<string, Md.FootnoteDefinition>;
  /** Labels of lines that start like a note's definition but lack its colon (`[^9] See …`): told once, at that line. */
  colonless?: Set<string>;
  /** Notes converted so far (definitions and generated ones), by id. */
  notes: Map<string, Note>;
  /** Labels of notes referenced at least once. */
  referenced: Set<string>;
  /** True while converting the content of a note. */
  inNote: boolean;
  /** Converting what a bare URL swallowed (see `urlTailInlines`). */
  inUrlTail?: boolean;
  /** Counter for ids of notes generated from citations in running text. */
  generated: number;
  /** Slugs already used as ids. */
  ids: Set<string>;
  /** Where each id written on a heading or a figure stands, and which are figures' (see `writerIdClashes`). */
  written?: Map<string, { span: SourceSpan; figure: boolean }>;
  /** `@word`s in running text that are no reference key, where they stand: one naming an element is a cross-reference written as Pandoc writes it. */
  atWords?: { word: string; span: SourceSpan }[];
  /** The edition's language and style, and the references (author-in-text citations print the author's name). */
  lang?: LanguageTag;
  style?: LanguageStyle;
  library?: ReferenceLibrary;
  /** Leading columns of every table that head their rows, from the template (`tables.rowHeaderColumns`); a figure's `row-headers` overrides it. */
  rowHeaderColumns?: number;
  /** The Markdown depth of the last heading converted (2 chapter, 3 section, 4 subsection). */
  headingDepth?: number;
  /** What the blocks being converted stand in (a quotation, a list item), when not at the top level of the body. */
  nestedIn?: 'a quotation' | 'a list item';
}

export function spanOf(ctx: ConvertContext, node: { position?: Md.Root['position'] } | undefined): SourceSpan {
  const p = node?.position;
  return p
    ? { file: ctx.file, start: { line: p.start.line, column: p.start.column, ...(p.start.offset !== undefined ? { offset: p.start.offset } : {}) }, end: { line: p.end.line, column: p.end.column } }
    : { file: ctx.file, start: { line: 1, column: 1 } };
}

function err(ctx: ConvertContext, rule: string, message: string, node: { position?: Md.Root['position'] } | undefined, hint?: string) {
  ctx.diagnostics.push(diagnostic(rule, 'error', message, spanOf(ctx, node), hint));
}

/**
 * A table whose rows leave the first cell blank, under one that fills it,
 * prints them as one group (no rule between the first cells); without row
 * headers, a screen reader hears an empty cell there instead of the group's
 * name. Said once, at the table.
 */
function warnGroupsWithoutHeaders(ctx: ConvertContext, table: Table, node: { position?: Md.Root['position'] }): void {
  const blank = (cells: readonly { children: Inline[] }[] | undefined) => inlineText(cells?.[0]?.children ?? []).trim() === '';
  const grouped = table.rows.some((row, r) => r > 0 && blank(row.cells) && row.cells.slice(1).some((c) => inlineText(c.children).trim() !== '') && !blank(table.rows[r - 1]?.cells));
  if (!grouped) return;
  warn(
    ctx,
    'table-groups-unheaded',
    'this table groups rows under a first cell left blank below it, which prints as one group; read aloud, those rows have an empty first cell',
    node,
    'put the table in a figure with row-headers=1 (:::figure{#… row-headers=1}), which makes the first cells row headers and a blank one part of the group above',
  );
}

function warn(ctx: ConvertContext, rule: string, message: string, node: { position?: Md.Root['position'] } | undefined, hint?: string) {
  ctx.diagnostics.push(diagnostic(rule, 'warning', message, spanOf(ctx, node), hint));
}

/** A span inside a text node, at a character offset of its value (single-line text). */
function spanAt(ctx: ConvertContext, node: Md.Text, index: number): SourceSpan {
  const base = spanOf(ctx, node);
  const before = node.value.slice(0, index);
  const nl = before.lastIndexOf('\n');
  if (nl < 0) return { file: base.file, start: { line: base.start.line, column: base.start.column + index } };
  const lines = before.split('\n').length - 1;
  return { file: base.file, start: { line: base.start.line + lines, column: before.length - nl } };
}

export function normaliseLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

// ---------------------------------------------------------------------------
// Inlines

/**
 * Join soft line breaks: nothing between CJK characters, a space elsewhere.
 * A space typed after a full-width closing bracket or stop, or before a
 * full-width opening bracket, is dropped: the bracket's glyph holds its
 * space (`【相互関税】 15%` prints as 【相互関税】15%, as the PDF always set it).
 */
function joinSoftBreaks(value: string): string {
  // The lookbehind starts a match only at the first blank of a run (linear time).
  const joined = value.replace(/(?<![ \t])[ \t]*\n[ \t]*/g, (m, offset: number, whole: string) => {
    const prev = whole.codePointAt(Math.max(0, offset - 1)) ?? 0;
    const next = whole.codePointAt(offset + m.length) ?? 0;
    return isCjk(prev) || isCjk(next) ? '' : ' ';
  });
  // Each match starts at the first blank of a run (linear time on long runs of spaces).
  return joined.replace(/(?<=[」』）】〕］｝〉》〙〗、。，．])[ \t]+|(?<![ \t])[ \t]+(?=[「『（【〔［｛〈《〘〖])/gu, '');
}

// Bracket groups without nested brackets; those holding @keys are citations
// (one linear scan: a lazy/greedy pair around @ was quadratic on long text).
// Full-width brackets (［@key］, as a Japanese input method types them) hold a
// citation too when every key in them is a reference's.
const citationPattern = /\[([^[\]]*)\]|([［[])([^［］[\]]*)([］\]])/g;
// A prefix ending in a space (not an e-mail address's user: [write to a@b.org]), the key, then a locator or suffix after a comma (、 and ， too) or after a space (`[@doe99 p. 33]`, as Pandoc reads it).
/** A citation key as Pandoc reads one: letters, digits and `_` at both ends, punctuation inside. */
const citeKey = citationKeySource;
const citeKeyPattern = new RegExp(String.raw`^((?:[^@]*\s)?)-?@(${citeKey})(?:\s*[,、，]\s*([^@]*)|\s+([^@]+))?$`);
const undefinedNotePattern = /\[\^([^\]\s[]+)\]/g;
/** A citation key without its @, alone or before a locator: what `[nikkei-2025-01-29]` holds. */
const bareKeyPattern = new RegExp(String.raw`^(${citeKey})(?:\s*[,、，].*)?$`);

/**
 * A page locator and the words after it, as Pandoc reads them: `p. 6,
 * emphasis added` is the page and a suffix (which prints after it, and
 * keeps the note from being an ibid); `pp. 3, 7` and `chap. 3, sec. 2` stay
 * one locator.
 */
function locatorAndSuffix(written: string | undefined): { locator?: string; suffix?: string } {
  if (!written) return {};
  const m = /^(.+?)\s*([,、，])\s*(\p{L}.*)$/u.exec(written);
  if (!m || parseLocator(m[1])?.kind !== 'page' || /^(?:pp?\.|pages?\b|chaps?\.|secs?\.|§|art|para|n\.|nn\.|notes?\b|fig|vol|no\.|col|line|l\.)/i.test(m[3]!)) return { locator: written };
  return { locator: m[1]!, suffix: m[2] === ',' ? `, ${m[3]}` : `${m[2]}${m[3]}` };
}

/** Parse the inside of `[...]` as a Pandoc citation group (items split by `;`, or `；`), or undefined. */
export function parseCitationGroup(inner: string): CitationItem[] | undefined {
  const items: CitationItem[] = [];
  for (const part of inner.split(/[;；]/)) {
    const m = citeKeyPattern.exec(part.trim());
    if (!m) return undefined;
    const prefix = m[1]!.trim();
    const { locator, suffix } = locatorAndSuffix((m[3] ?? m[4])?.trim());
    const suppressAuthor = /-@/.test(part) && part.trim().slice(m[1]!.length).startsWith('-');
    items.push({ key: m[2]!, ...(prefix ? { prefix } : {}), ...(locator ? { locator } : {}), ...(suffix ? { suffix } : {}), ...(suppressAuthor ? { suppressAuthor } : {}) });
  }
  return items.length > 0 ? items : undefined;
}

/**
 * In what a bare URL swallowed after Japanese text began (`ctx.inUrlTail`: GFM
 * ends an autolink only at white space), a note mark was never parsed as one:
 * a defined `[^label]` there is a note reference.
 */
function textInlines(ctx: ConvertContext, node: Md.Text): Inline[] {
  const value = joinSoftBreaks(node.value);
  const out: Inline[] = [];
  let last = 0;
  const matches: { index: number; length: number; make: () => Inline[] }[] = [];
  // Groups that name a reference but are no citation as written: left as text (and reported).
  const unread: { index: number; length: number }[] = [];
  // A full-width at sign (＠, as a Japanese input method types it) is read as @, and full-width letters and digits
  // (ｎikkei) as theirs: one code unit for another, so places hold.
  const scan = /[＠Ａ-Ｚａ-ｚ０-９]/.test(value) ? value.replace(/[＠Ａ-Ｚａ-ｚ０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)) : value;
  for (const m of scan.matchAll(citationPattern)) {
    // Brackets of either width, paired either way (［@key］, ［@key], as typed with an input method).
    const inner = m[1] ?? m[3]!;
    if (!inner.includes('@')) {
      // `[nikkei-2025-01-29]`: a reference's key in brackets without its @ prints as text.
      const bare = bareKeyPattern.exec(inner.trim());
      if (bare && ctx.library?.items.has(bare[1]!))
        ctx.diagnostics.push(
          diagnostic(
            'citation-unread',
            'warning',
            `"${value.slice(m.index ?? 0, (m.index ?? 0) + m[0].length)}" names the reference "${bare[1]}" but has no @: it prints as text`,
            spanAt(ctx, node, m.index ?? 0),
            `write [@${bare[1]}] to cite it`,
          ),
        );
      continue;
    }
    const items = parseCitationGroup(inner);
    const index = m.index ?? 0;
    if (!items || (m[1] === undefined && !items.every((item) => ctx.library?.items.has(item.key)))) {
      if (unreadCitation(ctx, node, index, m[0], value.slice(index, index + m[0].length))) unread.push({ index, length: m[0].length });
      continue;
    }
    matches.push({ index, length: m[0].length, make: () => citationInlines(ctx, items, spanAt(ctx, node, index)) });
  }
  // `[@key, p. 3` with no closing bracket: neither a citation nor an author-in-text one, it prints as text.
  if (scan.includes('@')) {
    for (const m of scan.matchAll(new RegExp(`[[［][^[\\]［］@]*-?@(${citeKey})(?![^[\\]［］]*[\\]］])`, 'g'))) {
      if (!ctx.library?.items.has(m[1]!)) continue;
      ctx.diagnostics.push(
        diagnostic('citation-unread', 'warning', `the bracket before @${m[1]} is never closed, so it is no citation: it prints as text`, spanAt(ctx, node, m.index ?? 0), `close it: [@${m[1]}]`),
      );
    }
  }
  // Author-in-text citations (Pandoc): `@key` or `@key [p. 33]` outside brackets; not an e-mail address (a word character before @).
  if (ctx.library && scan.includes('@')) {
    for (const m of scan.matchAll(narrativePattern)) {
      const index = (m.index ?? 0) + m[1]!.length;
      if ([...matches, ...unread].some((x) => index >= x.index && index < x.index + x.length)) continue;
      const key = m[2]!;
      if (!ctx.library.items.has(key)) {
        ctx.atWords?.push({ word: key, span: spanAt(ctx, node, index) });
        continue;
      }
      const locator = m[4]?.trim();
      const item: CitationItem = { key, ...(locator ? { locator } : {}) };
      const length = m[0].length - m[1]!.length;
      matches.push({ index, length, make: () => narrativeInlines(ctx, item, spanAt(ctx, node, index)) });
    }
  }
  // `See ::ref{#fig-a}`: two colons start no inline directive (a line's own `::name` is a leaf block).
  if (value.includes('::')) {
    for (const m of value.matchAll(/::(ref|lang)(?=[{[])/g)) {
      ctx.diagnostics.push(
        diagnostic(
          'directive-unknown',
          'error',
          `"::${m[1]}" has two colons, so it is no directive and would print as text`,
          spanAt(ctx, node, m.index ?? 0),
          `write one colon: :${m[1]}${m[1] === 'ref' ? '{#id}' : '[text]{lang=xx}'}`,
        ),
      );
    }
  }
  // `図表：ref{#fig-a}`: a full-width colon (a Japanese input method's) starts no directive.
  if (value.includes('：')) {
    for (const m of value.matchAll(/：(ref|lang)(?=[{[])/g)) {
      ctx.diagnostics.push(
        diagnostic(
          'directive-unknown',
          'warning',
          `"：${m[1]}" starts with a full-width colon, so it is no directive and prints as text`,
          spanAt(ctx, node, m.index ?? 0),
          `write a half-width colon: :${m[1]}${m[1] === 'ref' ? '{#id}' : '[text]{lang=xx}'}`,
        ),
      );
    }
  }
  for (const m of value.matchAll(undefinedNotePattern)) {
    const index = m.index ?? 0;
    if (matches.some((x) => index >= x.index && index < x.index + x.length)) continue;
    const label = m[1]!;
    const id = normaliseLabel(label);
    if (ctx.inUrlTail && ctx.definitions.has(id)) {
      matches.push({ index, length: m[0].length, make: () => [noteRefInline(ctx, id, spanAt(ctx, node, index))] });
      continue;
    }
    const at = spanAt(ctx, node, index);
    if (ctx.colonless?.has(id)) {
      // The marks of a definition written without its colon are not told again: the definition is.
      const after = value.slice(index + m[0].length);
      const colon = after.startsWith('：') ? '：' : '';
      const rest = after.slice(colon.length).split('\n')[0]!.trim();
      const shown = [...rest].length > 20 ? `${[...rest].slice(0, 20).join('')}…` : rest;
      if (at.start.column === 1 && (colon !== '' || /^[ \t\u3000]/.test(after)))
        ctx.diagnostics.push(
          diagnostic(
            'note-definition-colon',
            'error',
            colon
              ? `[^${label}] starts a line with a full-width colon after it, so it is no note's definition and prints as text`
              : `[^${label}] starts a line with no colon after it, so it is no note's definition and prints as text`,
            at,
            `write a half-width colon right after it: [^${label}]: ${shown}`,
          ),
        );
      continue;
    }
    ctx.diagnostics.push(diagnostic('note-undefined', 'error', `note [^${label}] is referenced but never defined`, at, `add a definition line \`[^${label}]: …\``));
  }
  matches.sort((a, b) => a.index - b.index);
  for (const m of matches) {
    if (m.index > last) out.push({ kind: 'text', value: value.slice(last, m.index) });
    out.push(...m.make());
    last = m.index + m.length;
  }
  if (last < value.length) out.push({ kind: 'text', value: value.slice(last) });
  return out;
}

/**
 * A bracket group that names a reference (`[@doe99 oops; x]`) but is not a
 * citation as written prints as text: a warning at it, since the only other
 * sign would be the reference left uncited. `scanned` is the group with ＠
 * read as @; `group` as typed, for the message.
 */
function unreadCitation(ctx: ConvertContext, node: Md.Text, index: number, scanned: string, group: string): boolean {
  const known = [...scanned.matchAll(new RegExp(`@(${citeKey})`, 'g'))].map((k) => k[1]!).filter((key) => ctx.library?.items.has(key));
  if (known.length === 0) return false;
  ctx.diagnostics.push(
    diagnostic(
      'citation-unread',
      'warning',
      `${JSON.stringify(group.length > 60 ? `${group.slice(0, 59)}…` : group)} names @${known[0]} but is not read as a citation: it prints as text`,
      spanAt(ctx, node, index),
      'write [@key], [@key, p. 12] or [see @a, p. 3; @b]: a comma or space after the key, a semicolon between works, and half-width brackets',
    ),
  );
  return true;
}

// `@key`, optionally followed by `[locator]`; the group before it must not be a word character, `@`, or `[` (a bracketed citation).
const narrativePattern = new RegExp(String.raw`(^|[^\w@.\-[［\\])@(${citeKey})(\s?\[([^[\]@]*)\])?`, 'g');

/** The names an author-in-text citation prints in the text: family names (or the organisation), else the title. */
export function narrativeName(item: import('@brief/citations').CslItem, lang: LanguageTag, style: LanguageStyle | undefined): string {
  const names = shortNames(item, lang, style?.strings.terms ?? { nameDelimiter: ', ', nameLastDelimiter: ' and ', etAl: '{name} et al.' });
  if (names !== undefined) return names;
  const title = titleText(item.title, lang) ?? titleText(item['container-title'], lang);
  // A work with neither names nor a title (an organisation's web page) is named by its publisher or authority.
  const issuer = localizedOrAny(item.publisher, lang) ?? localizedOrAny(item.authority, lang);
  return title?.main ?? title?.translation ?? issuer ?? item.id;
}

/** `According to @key, …`: the author's name in the text, the full citation in a note (in a note: the citation itself). */
function narrativeInlines(ctx: ConvertContext, item: CitationItem, source: SourceSpan): Inline[] {
  if (ctx.inNote) return citationInlines(ctx, [item], source).map((n) => (n.kind === 'citation' ? { ...n, narrative: true as const } : n));
  const work = ctx.library?.items.get(item.key);
  const name = work && ctx.lang ? narrativeName(work, ctx.lang, ctx.style) : `@${item.key}`;
  return [{ kind: 'text', value: name }, ...citationInlines(ctx, [item], source)];
}

function citationInlines(ctx: ConvertContext, items: CitationItem[], source: SourceSpan): Inline[] {
  const citation: Inline = { kind: 'citation', items, ibid: false, rendered: [], source };
  if (ctx.inNote) return [citation];
  // A citation in running text becomes a note of its own.
  ctx.generated += 1;
  const id = `cite-${ctx.generated}`;
  ctx.notes.set(id, { id, number: 0, children: [{ kind: 'paragraph', children: [citation], source }], generated: true, source });
  ctx.referenced.add(id);
  return [{ kind: 'noteRef', noteId: id, number: 0, source }];
}

/**
 * What a bare URL swallowed after Japanese text began (GFM ends an autolink
 * literal only at white space): parsed again as Markdown from where it
 * starts, so the emphasis, directives and note marks in it are what they are
 * anywhere else.
 */
function urlTailInlines(ctx: ConvertContext, link: Md.Link, head: string, tail: string): Inline[] {
  const start = link.position?.start;
  const at = start ? { line: start.line, column: start.column + head.length, offset: start.offset === undefined ? undefined : start.offset + head.length } : { line: 1, column: 1 };
  const tree = parseFragment(tail, at);
  const only = tree.children.length === 1 ? tree.children[0] : undefined;
  const text: Md.Text = { type: 'text', value: tail, ...(start && link.position ? { position: { start: { ...start, ...at }, end: link.position.end } } : {}) };
  const outer = ctx.inUrlTail;
  ctx.inUrlTail = true;
  try {
    if (only?.type !== 'paragraph') return textInlines(ctx, text);
    // A paragraph drops the white space it ends with: the text after the tail (another link) keeps it.
    const trailing = /[ \t]*$/.exec(tail)![0];
    return [...convertInlines(ctx, only.children), ...(trailing ? [{ kind: 'text' as const, value: trailing }] : [])];
  } finally {
    ctx.inUrlTail = outer;
  }
}

/**
 * Where a bare URL's text stops being its address, in characters, or -1:
 * where Japanese text (or a full-width sign) begins, or a note mark or
 * citation written right after it (`…/eia860/.[^a]`, `…/data.[@key]`), with
 * the stops typed before that (GFM ends a bare URL only at white space).
 */
function urlTextEnd(shown: string): number {
  const chars = [...shown];
  const japanese = chars.findIndex((ch) => isCjk(ch.codePointAt(0)!) || /[\u3000-\u303f\uff01-\uff60]/.test(ch));
  const mark = /[.,;:!?]*\[[\^@]/u.exec(shown);
  const markAt = mark ? [...shown.slice(0, mark.index)].length : -1;
  const cuts = [japanese, markAt].filter((c) => c > 0);
  return cuts.length > 0 ? Math.min(...cuts) : -1;
}

/** A bare URL (its text is its address). */
function isBareUrl(node: Md.Link): boolean {
  const only = node.children.length === 1 ? node.children[0] : undefined;
  return only?.type === 'text' && node.url.endsWith(only.value);
}

/** A bare URL that ran on into Japanese text or a note mark: GFM ends one only at white space. */
function ranOn(node: Md.Link): boolean {
  return isBareUrl(node) && urlTextEnd((node.children[0] as Md.Text).value) > 0;
}

/** A reference to a defined note (numbered later, in order of first reference). */
function noteRefInline(ctx: ConvertContext, label: string, source: SourceSpan): Inline {
  ctx.referenced.add(label);
  return { kind: 'noteRef', noteId: label, number: 0, source };
}

/**
 * Whether a node is text that merely looks like an inline directive (`:2020` in `smith:2020`, a clock time's `:00`):
 * a name alone, with neither [label] nor {attributes}, written as `:name` and nothing more.
 */
function isBareDirective(node: Md.PhrasingContent | TextDirective): node is TextDirective {
  if (node.type !== 'textDirective') return false;
  const d = node as TextDirective;
  if (d.children.length > 0 || Object.keys(d.attributes ?? {}).length > 0) return false;
  const start = d.position?.start.offset;
  const end = d.position?.end.offset;
  return start !== undefined && end !== undefined && end - start === d.name.length + 1;
}

/**
 * Text and the directive-like names inside it (`[@smith:2020]` is read by Markdown as `[@smith`, a directive
 * `:2020`, and `]`) joined back into one text node, so a citation key with a colon in it is read whole.
 */
function joinDirectiveText(nodes: readonly Md.PhrasingContent[]): Md.PhrasingContent[] {
  if (!nodes.some((n) => isBareDirective(n))) return [...nodes];
  const out: Md.PhrasingContent[] = [];
  for (const node of nodes) {
    const prev = out[out.length - 1];
    const value = node.type === 'text' ? node.value : isBareDirective(node) ? `:${node.name}` : undefined;
    const joinable = prev && (prev.type === 'text' || isBareDirective(prev));
    if (value === undefined || !joinable || !prev.position || !node.position || prev.position.end.offset !== node.position.start.offset) {
      out.push(node);
      continue;
    }
    const before = prev.type === 'text' ? prev.value : `:${(prev as TextDirective).name}`;
    out[out.length - 1] = { type: 'text', value: before + value, position: { start: prev.position.start, end: node.position.end } };
  }
  return out;
}

export function convertInlines(ctx: ConvertContext, written: readonly Md.PhrasingContent[]): Inline[] {
  const nodes = joinDirectiveText(written);
  const out: Inline[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    const next = nodes[i + 1];
    // A bare URL that ran into Japanese text or a note mark can stop inside what follows it (`…）できる[^a]。[^b` then `]`):
    // the text after it goes with its swallowed tail, so the tail is read again whole.
    if (node.type === 'link' && next?.type === 'text' && ranOn(node)) {
      const shown = (node.children[0] as Md.Text).value + next.value;
      const end = next.position?.end ?? node.position?.end;
      out.push(
        ...convertInline(ctx, {
          ...node,
          url: node.url + next.value,
          children: [{ ...(node.children[0] as Md.Text), value: shown }],
          ...(node.position && end ? { position: { start: node.position.start, end } } : {}),
        }),
      );
      i++;
      continue;
    }
    // A bare URL with brackets in its query (`?f[code][]=1`) is ended by GFM at "]": it runs on to the next space.
    if (node.type === 'link' && next?.type === 'text' && isBareUrl(node) && !ranOn(node) && /^[[\]]/.test(next.value) && /\[[^\]\s]*$/.test(node.url)) {
      const rest = /^\S*/.exec(next.value)![0].replace(/[.,;:!?]+$/, '');
      const shown = (node.children[0] as Md.Text).value + rest;
      const after = next.value.slice(rest.length);
      const end = next.position ? { ...next.position.start, column: next.position.start.column + rest.length, offset: (next.position.start.offset ?? 0) + rest.length } : undefined;
      out.push(
        ...convertInline(ctx, {
          ...node,
          url: node.url + rest,
          children: [{ ...(node.children[0] as Md.Text), value: shown }],
          ...(node.position && end ? { position: { start: node.position.start, end } } : {}),
        }),
      );
      if (after) out.push(...convertInline(ctx, { ...next, value: after, ...(end && next.position ? { position: { start: end, end: next.position.end } } : {}) }));
      i++;
      continue;
    }
    out.push(...convertInline(ctx, node));
  }
  // Merge adjacent text runs.
  const merged: Inline[] = [];
  for (const n of out) {
    const prev = merged[merged.length - 1];
    if (n.kind === 'text' && prev?.kind === 'text') prev.value += n.value;
    else merged.push(n);
  }
  // A note mark (a note, or a citation that became one) attaches to the word before it: `infringements [^10].` prints infringements¹⁰.
  // So does one after emphasis, strong text or code (`*Munn v. Illinois* [@munn].` prints Munn v. Illinois¹),
  // and after a closing quote or bracket (`"polite" [@key]` prints “polite”¹), as the PDF sets it.
  for (let i = 1; i < merged.length; i++) {
    const prev = merged[i - 1]!;
    if (merged[i]!.kind !== 'noteRef' || prev.kind !== 'text') continue;
    if (/\S[ \t]+$/u.test(prev.value)) prev.value = prev.value.replace(/[ \t]+$/, '');
    else if (/^[ \t]+$/.test(prev.value) && i >= 2 && /\S$/u.test(inlineText([merged[i - 2]!]))) prev.value = '';
  }
  // Japanese text after a mark takes no space either: `高橋 [^1] は` prints 高橋¹は.
  for (let i = 0; i + 1 < merged.length; i++) {
    const next = merged[i + 1]!;
    if (merged[i]!.kind === 'noteRef' && next.kind === 'text') {
      const m = /^[ \t]+(.)/u.exec(next.value);
      if (m && isCjk(m[1]!.codePointAt(0)!)) next.value = next.value.replace(/^[ \t]+/, '');
    }
  }
  return merged.filter((n) => n.kind !== 'text' || n.value !== '');
}

function convertInline(ctx: ConvertContext, node: Md.PhrasingContent | TextDirective): Inline[] {
  switch (node.type) {
    case 'text':
      return textInlines(ctx, node);
    case 'emphasis':
      return [{ kind: 'emphasis', children: convertInlines(ctx, node.children) }];
    case 'strong':
      return [{ kind: 'strong', children: convertInlines(ctx, node.children) }];
    case 'delete':
      return [{ kind: 'delete', children: convertInlines(ctx, node.children) }];
    case 'inlineCode':
      return [{ kind: 'code', value: node.value }];
    case 'break':
      return [{ kind: 'lineBreak' }];
    case 'link': {
      // Converted only where the link keeps its text (a bare URL's swallowed tail is converted once, below).
      const linkText = () => convertInlines(ctx, node.children);
      if (node.url.startsWith('#')) {
        const children = linkText();
        err(ctx, 'link-internal', `internal link "${node.url}" is not supported`, node, `write :ref{${node.url}} to refer to a heading or figure`);
        return children;
      }
      // An e-mail address (GFM autolink or <a@b.example>) links as mailto:.
      if (/^mailto:[^\s@]+@[^\s@]+\.[^\s@]+$/i.test(node.url)) return [{ kind: 'link', url: node.url, children: linkText() }];
      // A bare URL ends where Japanese text or a note mark begins: `…2026.html）を` links only up to .html.
      if (ranOn(node)) {
        const shown = (node.children[0] as Md.Text).value;
        const cut = urlTextEnd(shown);
        const head = [...shown].slice(0, cut).join('');
        const tail = [...shown].slice(cut).join('');
        const url = node.url.slice(0, node.url.length - shown.length) + head;
        if (!checkUrl(url, spanOf(ctx, node), ctx.diagnostics)) return linkText();
        return [{ kind: 'link', url, children: [{ kind: 'text', value: head }] }, ...urlTailInlines(ctx, node, head, tail)];
      }
      const children = linkText();
      if (!checkUrl(node.url, spanOf(ctx, node), ctx.diagnostics)) return children;
      // Characters a URI may not hold (< > " space…) are percent-encoded, so every writer gets a valid URI.
      const url = /[\s<>"{}|\\^`]/.test(node.url) ? new URL(node.url).href : node.url;
      return [{ kind: 'link', url, children }];
    }
    case 'linkReference':
    case 'imageReference':
      err(ctx, 'link-reference', 'reference-style links are not supported', node, 'write the URL inline: [text](https://…)');
      return node.type === 'linkReference' ? convertInlines(ctx, node.children) : [];
    case 'image':
      if (!ctx.directiveUnread) err(ctx, 'image-outside-figure', `image "${node.url}" is not inside a figure`, node, 'wrap it in a :::figure{#fig-…} block with a caption');
      return [];
    case 'footnoteReference': {
      const label = normaliseLabel(node.label ?? node.identifier);
      if (!ctx.definitions.has(label)) {
        ctx.referenced.add(label);
        err(ctx, 'note-undefined', `note [^${node.label ?? node.identifier}] is referenced but never defined`, node, 'add its definition');
        return [];
      }
      // Word and print have no notes on notes: a mark in a note would number a note no page can show.
      if (ctx.inNote) {
        ctx.referenced.add(label);
        err(
          ctx,
          'note-in-note',
          `a note cannot mark another note ([^${node.label ?? node.identifier}])`,
          node,
          `put the text of [^${node.label ?? node.identifier}] into this note, or mark it in the body text`,
        );
        return [];
      }
      return [noteRefInline(ctx, label, spanOf(ctx, node))];
    }
    case 'html':
      err(ctx, 'raw-html', `raw HTML is not part of the format: ${JSON.stringify(node.value.slice(0, 40))}`, node, 'remove it, or escape < as \\< if it is meant as text');
      return [];
    case 'textDirective':
      return convertTextDirective(ctx, node);
    default: {
      err(ctx, 'markdown-unsupported', 'this kind of inline Markdown is not part of the format', node as Md.Node, 'use the Markdown the format describes (docs/source-format.md)');
      return [];
    }
  }
}

function convertTextDirective(ctx: ConvertContext, node: TextDirective): Inline[] {
  if (node.name === 'ref') {
    const target = (node.attributes?.id ?? '').trim();
    if (!target) {
      err(ctx, 'ref-syntax', 'a cross-reference needs a target id', node, 'write :ref{#fig-example}');
      return [];
    }
    // `:ref{#sec.b}` is read as the id "sec" with a class "b": an id holds no ".".
    const classes = (node.attributes?.class ?? '').trim();
    if (classes) {
      const written = `${target}.${classes.split(/\s+/).join('.')}`;
      err(
        ctx,
        'ref-syntax',
        `":ref{#${written}}" reads as the id "${target}" with "${classes}" after a ".": an id is letters, digits, - and _`,
        node,
        `write :ref{#${written.replace(/[.:]/g, '-')}}, and {#${written.replace(/[.:]/g, '-')}} on the heading or figure it names`,
      );
      return [];
    }
    return [{ kind: 'crossRef', targetId: target, targetKind: 'figure', text: '', source: spanOf(ctx, node) }];
  }
  if (node.name === 'lang' || node.name === 'foreign') {
    const lang = node.attributes?.lang ?? '';
    if (!/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(lang)) {
      // `lang=EN`: a language in capitals is told with the tag to write.
      const canonical = canonicalLanguageTag(lang);
      if (canonical !== undefined) err(ctx, 'language-tag', `:${node.name} has lang=${lang}, a language tag not written in its case (${canonical})`, node, `write lang=${canonical}`);
      else err(ctx, 'language-tag', `:${node.name} needs a valid lang attribute`, node, 'write :lang[テキスト]{lang=ja}');
      return convertInlines(ctx, node.children);
    }
    return [{ kind: 'foreign', lang, children: convertInlines(ctx, node.children) }];
  }
  // Text that merely looks like a directive ("a:b") is kept as written; with neither [label] nor {attributes}
  // (a clock time 15:00, a ratio 3:2, a label Note:abc) it is plain text and needs no escaping.
  if (node.children.length === 0 && Object.keys(node.attributes ?? {}).length === 0) return [{ kind: 'text', value: `:${node.name}` }];
  // With an id in braces it is meant as a cross-reference: an error, not text in a finished build.
  if (node.attributes?.id !== undefined && node.name !== 'ref') {
    err(ctx, 'directive-unknown', `unknown inline directive ":${node.name}{#${node.attributes.id}}"`, node, `write :ref{#${node.attributes.id}} for a cross-reference`);
    return [];
  }
  warn(ctx, 'directive-unknown', `unknown inline directive ":${node.name}" is printed as text`, node, 'escape the colon (\\:) if this is plain text');
  const label = node.children.length > 0 ? [{ kind: 'text' as const, value: '[' }, ...convertInlines(ctx, node.children), { kind: 'text' as const, value: ']' }] : [];
  return [{ kind: 'text', value: `:${node.name}` }, ...label];
}

// ---------------------------------------------------------------------------
// Blocks

/** A heading's attribute block: `{#id}`, `{-}` or `{.unnumbered}` (Pandoc's), `{.appendix}` (Quarto's), or several: `{#id -}`. */
const attributeBlockPattern = /(?<!\s)\s*((?:\{\s*[#＃.-][^{}]*\}\s*)+)$/;
const idToken = /^#([A-Za-z][\w:.-]*)$/;

/**
 * Inline content with each `:name` that reads as a directive with neither
 * label nor attributes (`{#sec:a}`, `Note:abc`) turned back into the text it
 * prints as, joined to the text around it: an attribute block at the end of
 * a heading is then one text, whatever it holds.
 */
function withBareDirectivesAsText(nodes: readonly Md.PhrasingContent[]): Md.PhrasingContent[] {
  const out: Md.PhrasingContent[] = [];
  for (const node of nodes) {
    const bare = node.type === 'textDirective' && node.children.length === 0 && Object.keys(node.attributes ?? {}).length === 0;
    const current: Md.PhrasingContent = bare ? { type: 'text', value: `:${node.name}`, ...(node.position ? { position: node.position } : {}) } : node;
    const prev = out[out.length - 1];
    if (current.type === 'text' && prev?.type === 'text') {
      const position = prev.position && current.position ? { start: prev.position.start, end: current.position.end } : prev.position;
      out[out.length - 1] = { ...prev, value: prev.value + current.value, ...(position ? { position } : {}) };
    } else out.push(current);
  }
  return out;
}

/** The id and numbering an attribute block asks for, or nothing when it is not a valid one. */
function headingAttributes(block: string): { id?: string; unnumbered: boolean; appendix: boolean } | undefined {
  let id: string | undefined;
  let unnumbered = false;
  let appendix = false;
  // Blocks written one after another ({#sec-intro}{-}) are one; a full-width ＃ (a Japanese input method's) is #.
  for (const token of block.replace(/[{}]/g, ' ').replaceAll('＃', '#').trim().split(/\s+/)) {
    const m = idToken.exec(token);
    if (m && id === undefined) id = m[1]!;
    else if (token === '-' || token === '.unnumbered') unnumbered = true;
    else if (token === '.appendix') appendix = true;
    else return undefined;
  }
  return id !== undefined || unnumbered || appendix ? { ...(id !== undefined ? { id } : {}), unnumbered, appendix } : undefined;
}

function convertHeading(ctx: ConvertContext, node: Md.Heading): Block[] {
  if (node.depth === 1) {
    err(ctx, 'heading-level', '`#` headings are not used (the title comes from brief.yaml)', node, 'use ## for chapters, ### for sections, #### for subsections');
    return [];
  }
  if (node.depth > 4) {
    err(ctx, 'heading-level', `heading level ${node.depth} is too deep`, node, 'use ## for chapters, ### for sections, #### for subsections');
    return [];
  }
  // A level left out (a #### subsection straight under a ## chapter) numbers the heading 1.0.1 and leaves a
  // gap in the outline screen readers move through.
  const above = ctx.headingDepth ?? 1;
  if (node.depth > above + 1) {
    const names = ['', 'the title', 'a ## chapter', 'a ### section'];
    const own = node.depth === 3 ? '### section' : '#### subsection';
    warn(
      ctx,
      'heading-skip',
      `this ${own} follows ${names[above]} with no ${'#'.repeat(above + 1)} heading between: a level is missing from the outline`,
      node,
      `make it ${'#'.repeat(above + 1)}, or add the heading it belongs under`,
    );
  }
  ctx.headingDepth = node.depth;
  const children = withBareDirectivesAsText(node.children);
  let id: string | undefined;
  let unnumbered = false;
  let appendix = false;
  const last = children[children.length - 1];
  if (last?.type === 'text') {
    const block = attributeBlockPattern.exec(last.value);
    if (block) {
      const attrs = headingAttributes(block[1]!);
      // `{#Sec Intro}`, `{#}`, `{.red}`: an attribute block that is not valid is an error, not heading text.
      if (attrs) {
        id = attrs.id;
        unnumbered = attrs.unnumbered;
        // `{#sec:a}`, `{#sec.b}`: a reference to it would read `.b` as a class (`:ref{#sec.b}` names #sec).
        if (id && /[.:]/.test(id)) {
          err(
            ctx,
            'heading-id',
            `the id "${id}" of this heading has "${/[.:]/.exec(id)![0]}" in it: an id is letters, digits, - and _`,
            node,
            `write {#${id.replace(/[.:]/g, '-')}}, and :ref{#${id.replace(/[.:]/g, '-')}} where it is referred to`,
          );
          ctx.unreadIds ??= new Set();
          ctx.unreadIds.add(id);
          id = undefined;
        }
        if (attrs.appendix && node.depth !== 2)
          err(ctx, 'heading-appendix', '{.appendix} marks a chapter: this heading is not one', node, 'write {.appendix} on the ## chapter that begins the appendices (its sections follow it)');
        else if (attrs.appendix) appendix = true;
      } else
        err(
          ctx,
          'heading-id',
          `the attribute block "${block[0].trim()}" of this heading is not a valid id`,
          node,
          'write one id: {#sec-intro} — an ASCII letter, then ASCII letters, digits, - or _, no spaces (ids go into URLs and Word bookmarks); {-} or {.unnumbered} for a heading without a number',
        );
      children[children.length - 1] = { ...last, value: last.value.slice(0, block.index) };
    }
  }
  const inlines = convertInlines(ctx, children as Md.PhrasingContent[]);
  if (inlineText(inlines).trim() === '')
    err(ctx, 'heading-empty', 'this heading has no text: it would print as its number alone, and name nothing in the contents', node, 'write its title after the #s, or delete the line');
  if (id) {
    if (ctx.ids.has(id)) err(ctx, 'id-duplicate', `id "${id}" is used twice`, node, 'give each heading and figure its own id');
    ctx.ids.add(id);
    noteWritten(ctx, id, node, false);
  }
  const heading: HeadingBlock = {
    kind: 'heading',
    level: (node.depth - 1) as 1 | 2 | 3,
    id: id ?? '',
    number: '',
    label: '',
    refLabel: '',
    ...(unnumbered ? { unnumbered: true as const } : {}),
    // A chapter marked {.appendix} begins the appendices (the numbering marks those after it).
    ...(appendix ? { appendix: true as const } : {}),
    children: inlines,
    source: spanOf(ctx, node),
  };
  return [heading];
}

/** The most columns a table may have: Word holds no more in a table. */
export const maxTableColumns = 63;

/**
 * A table as GFM and Pandoc read one: every row as wide as the header, a
 * longer row's last cells dropped and a shorter one filled with empty cells
 * (each with a warning at the row), so that every writer gets a rectangular
 * table.
 */
function convertTable(ctx: ConvertContext, node: Md.Table): Table {
  const width = node.children[0]?.children.length ?? 0;
  if (width > maxTableColumns) {
    err(
      ctx,
      'table-columns',
      `this table has ${width} columns: a table holds ${maxTableColumns} at most (Word's limit), and no page shows so many`,
      node,
      'split it into tables of fewer columns, or turn it (rows for columns)',
    );
  }
  const rows = node.children.map((row, i) => {
    const cells = row.children.slice(0, width).map((cell) => ({ children: convertInlines(ctx, cell.children) }));
    if (i > 0 && row.children.length !== width) tableRowWidth(ctx, row, width);
    while (cells.length < width) cells.push({ children: [] });
    return { cells };
  });
  const align: TableAlign[] = (node.align ?? []).map((a) => a ?? null);
  const [header, ...body] = rows;
  const rowHeaderColumns = Math.min(ctx.rowHeaderColumns ?? 0, Math.max(0, (header?.cells.length ?? 0) - 1));
  return { align, header: header ?? { cells: [] }, rows: body, ...(rowHeaderColumns > 0 ? { rowHeaderColumns } : {}) };
}

/** A row with more or fewer cells than its table's header: a warning, at the row. */
function tableRowWidth(ctx: ConvertContext, row: Md.TableRow, width: number): void {
  const count = row.children.length;
  const cells = (n: number) => `${n} cell${n === 1 ? '' : 's'}`;
  const what =
    count > width ? `the last ${count - width === 1 ? 'one is' : `${count - width} are`} dropped` : `it is filled with ${width - count === 1 ? 'an empty cell' : `${width - count} empty cells`}`;
  warn(
    ctx,
    'table-row-cells',
    `this row has ${cells(count)}; the table's header has ${width}: ${what}`,
    row,
    `give every row as many cells as the header (${cells(width)}); a | inside a cell is written \\|`,
  );
}

function mediaTypeOf(path: string): Image['mediaType'] | undefined {
  switch (extname(path).toLowerCase()) {
    case '.svg':
      return 'image/svg+xml';
    case '.png':
      return 'image/png';
    case '.jpg':
    case '.jpeg':
      return 'image/jpeg';
    default:
      return undefined;
  }
}

/** Intrinsic size: PNG and JPEG from the file header, SVG from its width/height/viewBox (both by `@brief/svg`). */
export function imageSize(path: string, mediaType: Image['mediaType']): { width?: number; height?: number } {
  const buf = readFileSync(path);
  if (mediaType !== 'image/svg+xml') return rasterSize(buf) ?? {};
  return svgSize(buf.toString('utf8'));
}

function convertImage(ctx: ConvertContext, node: Md.Image): Image | undefined {
  const src = node.url;
  if (src.trim() === '') {
    err(ctx, 'image-missing', 'this image names no file: its parentheses are empty', node, 'write the path of its file in them: ![…](figures/x.svg)');
    return undefined;
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//')) {
    err(ctx, 'image-remote', `image "${src}" is a URL; builds never fetch from the network`, node, 'download it into figures/ and refer to it by a relative path');
    return undefined;
  }
  let decoded = src;
  try {
    decoded = decodeURIComponent(src);
  } catch {
    /* keep as written */
  }
  const path = resolve(ctx.sourceDir, decoded);
  if (isAbsolute(decoded) || !isInside(ctx.sourceDir, path)) {
    err(ctx, 'image-outside-source', `image "${src}" is outside the source directory`, node, 'keep figures inside the report folder, e.g. figures/x.svg');
    return undefined;
  }
  if (!existsSync(path)) {
    let dangling = false;
    try {
      dangling = lstatSync(path).isSymbolicLink();
    } catch {
      /* missing */
    }
    err(ctx, 'image-missing', dangling ? `image "${src}" is a broken symbolic link` : `image "${src}" does not exist`, node, 'check the path (relative to the report folder)');
    return undefined;
  }
  const real = realpathSync(path);
  const realDir = realpathSync(ctx.sourceDir);
  if (!isInside(realDir, real)) {
    err(ctx, 'image-outside-source', `image "${src}" is a link to a file outside the source directory`, node, 'copy the file into the report folder');
    return undefined;
  }
  const stat = statSync(real);
  if (!stat.isFile()) {
    err(ctx, 'image-missing', `image "${src}" is not a file`, node);
    return undefined;
  }
  const mediaType = mediaTypeOf(real);
  if (!mediaType) {
    err(ctx, 'image-type', `image "${src}" is not SVG, PNG or JPEG`, node, 'convert it to SVG, PNG or JPEG');
    return undefined;
  }
  if (stat.size > maxImageBytes) {
    err(ctx, 'image-too-large', `image "${src}" is ${(stat.size / 1048576).toFixed(1)} MB (limit ${maxImageBytes / 1048576} MB)`, node, 'reduce its size or resolution');
    return undefined;
  }
  if (!sniffOk(real, mediaType)) {
    err(ctx, 'image-type', `image "${src}" is not a valid ${mediaType.split('/')[1]!.replace('+xml', '').toUpperCase()} file`, node, 'export it again from the drawing program');
    return undefined;
  }
  if (mediaType === 'image/svg+xml') {
    const svg = readFileSync(real, 'utf8');
    const why = svgUnsafe(svg);
    if (why) {
      err(ctx, 'image-unsafe', `SVG image "${src}" ${why}`, node, 'export it again as plain SVG (no scripts, links or external files), or as PNG');
      return undefined;
    }
    // A size that cannot be read, or one past any page, is printed by each writer its own way (a sliver, the text's width): refused.
    const sized = svgSizeProblem(svg);
    if (sized && sized.kind !== 'empty') {
      err(
        ctx,
        'image-size',
        `SVG image "${src}" ${sized.message}`,
        node,
        sized.kind === 'viewBox'
          ? 'write the viewBox as four numbers, min-x min-y width height, the width and height above zero (viewBox="0 0 400 300")'
          : sized.kind === 'unreadable'
            ? 'give its <svg> element a width and height in px, pt, mm, cm or in (width="400" height="300"), or a viewBox with an area (viewBox="0 0 400 300")'
            : `give its <svg> element the size it is drawn at, at most ${maxSvgSide.toLocaleString('en')} pixels on a side (width="800" height="600"), and keep the drawing's coordinates in its viewBox`,
      );
      return undefined;
    }
  }
  const size = imageSize(real, mediaType);
  // A picture with no area, or one so thin that at the text's width it would be under a point tall (or wide), cannot be drawn.
  const { width: w, height: h } = size;
  if ((w !== undefined && !(w > 0)) || (h !== undefined && !(h > 0))) {
    err(ctx, 'image-size', `image "${src}" has no size (${w ?? '?'}×${h ?? '?'})`, node, 'give the picture a width and height above zero (for SVG, on its <svg> element, or a viewBox)');
    return undefined;
  }
  if (w !== undefined && h !== undefined && Math.max(w / h, h / w) > maxImageAspect) {
    err(
      ctx,
      'image-size',
      `image "${src}" is ${w}×${h}: ${Math.round(Math.max(w / h, h / w))} times as ${w > h ? 'wide as it is tall' : 'tall as it is wide'}, too thin to print`,
      node,
      `crop it, or set its size on its <svg> element or in the drawing program (at most ${maxImageAspect} to 1)`,
    );
    return undefined;
  }
  if (mediaType !== 'image/svg+xml' && (size.width ?? 0) * (size.height ?? 0) > maxImagePixels) {
    err(ctx, 'image-too-large', `image "${src}" is ${size.width}×${size.height} pixels (limit ${maxImagePixels / 1e6} million)`, node, 'reduce its resolution');
    return undefined;
  }
  if (mediaType === 'image/png' && !pngChunksWhole(readFileSync(real))) {
    err(ctx, 'image-type', `image "${src}" is not a whole PNG file: it ends before its image data does (cut short, or damaged)`, node, 'export it again from the drawing program');
    return undefined;
  }
  if (mediaType === 'image/jpeg' && (size.width === undefined || !jpegSegmentsWhole(readFileSync(real)))) {
    err(ctx, 'image-type', `image "${src}" is not a whole JPEG file: it ends before its size or its image data (cut short, or damaged)`, node, 'export it again from the drawing program');
    return undefined;
  }
  return { path: real, src, mediaType, alt: node.alt ?? '', ...size, source: spanOf(ctx, node) };
}

/** How many times as wide as tall (or tall as wide) a picture may be: at a text width of 16 cm, a line of 1.6 mm. */
const maxImageAspect = 100;

function sniffOk(path: string, mediaType: Image['mediaType']): boolean {
  const buf = readFileSync(path);
  if (mediaType === 'image/png') return buf.length > 24 && buf.readUInt32BE(0) === 0x89504e47;
  if (mediaType === 'image/jpeg') return buf.length > 4 && buf[0] === 0xff && buf[1] === 0xd8;
  // A well-formed XML document whose root is <svg>; scripts, handlers and external references are reported by svgUnsafe.
  return parseSvg(buf.toString('utf8')) !== undefined;
}

/**
 * Whether a JPEG's segments run whole from its start to the scan that holds
 * its image data (SOS), with some data after it: a file cut short in its
 * header is told here, not by a writer's failure.
 */
function jpegSegmentsWhole(buf: Buffer): boolean {
  for (let at = 2; at + 4 <= buf.length; ) {
    if (buf[at] !== 0xff) return false;
    const marker = buf[at + 1]!;
    // Fill bytes, and markers without a length (RSTn, TEM).
    if (marker === 0xff) {
      at++;
      continue;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    const length = buf.readUInt16BE(at + 2);
    if (at + 2 + length > buf.length) return false;
    if (marker === 0xda) return at + 2 + length < buf.length;
    at += 2 + length;
  }
  return false;
}

/**
 * Whether a PNG's chunks run whole from its header to its end chunk, with
 * image data among them: a file cut short (a failed download or copy) is
 * told here, not by a writer's failure. (Its data is not inflated: a
 * picture of many pixels would take as many bytes of memory.)
 */
function pngChunksWhole(buf: Buffer): boolean {
  let data = false;
  for (let at = 8; at + 12 <= buf.length; ) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    if (at + 12 + length > buf.length) return false;
    if (type === 'IDAT') data = true;
    if (type === 'IEND') return data;
    at += 12 + length;
  }
  return false;
}

function convertFigure(ctx: ConvertContext, node: ContainerDirective): Block[] {
  const attrs = node.attributes ?? {};
  const id = (attrs.id ?? '').trim();
  if (!id) err(ctx, 'figure-id', 'a figure needs an id', node, 'write :::figure{#fig-name …}');
  else {
    if (ctx.ids.has(id)) err(ctx, 'id-duplicate', `id "${id}" is used twice`, node, 'give each heading and figure its own id');
    ctx.ids.add(id);
    noteWritten(ctx, id, node, true);
  }
  for (const key of Object.keys(attrs))
    if (!['id', 'source', 'class', 'alt', 'row-headers'].includes(key)) warn(ctx, 'figure-attribute', `unknown figure attribute "${key}"`, node, 'known: #id, source, alt, row-headers');
  const at = node.position?.start.offset;
  if (ctx.text !== undefined && at !== undefined) {
    const end = ctx.text.indexOf('\n', at);
    const line = ctx.text.slice(at, end < 0 ? undefined : end);
    for (const key of repeatedAttributes(line))
      warn(ctx, 'figure-attribute', `${key === 'id' ? 'an id' : `"${key}"`} is given twice on this figure's opening line: only the last is used`, node, 'keep one, and delete the others');
    // `{#fig:a}`, `{#fig.a}` (read as the id "fig" with a class "a"): an id is letters, digits, - and _, as a heading's.
    const written = /\{[^}]*?[#＃]([^\s{}"'=#＃]*)/.exec(line)?.[1];
    if (written && /[.:]/.test(written)) {
      const fixed = written.replace(/[.:]/g, '-');
      err(
        ctx,
        'figure-id',
        `the id "${written}" of this figure has "${/[.:]/.exec(written)![0]}" in it: an id is letters, digits, - and _`,
        node,
        `write {#${fixed}}, and :ref{#${fixed}} where it is referred to`,
      );
      ctx.unreadIds ??= new Set();
      ctx.unreadIds.add(written);
    }
  }
  let rowHeaders: number | undefined;
  if (attrs['row-headers'] !== undefined && attrs['row-headers'] !== null) {
    const value = attrs['row-headers'].trim();
    if (/^\d+$/.test(value)) rowHeaders = Number(value);
    else err(ctx, 'figure-attribute', `row-headers="${value}" is not a number of columns`, node, 'write row-headers=1 for a first column that heads its rows (0 for none)');
  }
  // A figure closed by a longer fence that holds another (panels, as a word processor nests them): told
  // at the inner one, not as a figure left open; no reference to either is told as unknown.
  const inner = node.children.find((c): c is ContainerDirective => c.type === 'containerDirective' && (c.name === 'figure' || c.name === 'table'));
  if (inner && closedByFence(ctx, node) && fenceOf(ctx, node).length > fenceOf(ctx, inner).length) {
    err(
      ctx,
      'figure-nested',
      `a figure cannot hold another figure: this one is inside ${id ? `#${id}` : 'the figure'} at line ${node.position?.start.line ?? 1}`,
      inner,
      'figures have no panels: make each a figure of its own, one after the other, or combine the panels into one image',
    );
    ctx.unreadIds ??= new Set();
    if (id) ctx.unreadIds.add(id);
    for (const c of node.children) if (c.type === 'containerDirective' && c.attributes?.id) ctx.unreadIds.add(c.attributes.id.trim());
    return [];
  }
  // A figure whose closing fence is missing holds what follows it: only its own part is read as the figure.
  const unclosed = unclosedFigure(ctx, node);
  const own = unclosed?.own ?? node.children;
  let description: Block[] | undefined;
  const children = own.filter((c) => {
    if (c.type === 'paragraph' && (c.data as { directiveLabel?: boolean } | undefined)?.directiveLabel) return false;
    if (c.type !== 'containerDirective' || c.name !== 'description') return true;
    if (description) err(ctx, 'figure-body', 'a figure holds one :::description', c);
    else description = convertBlocks(ctx, c.children);
    const outer = fenceOf(ctx, node);
    const inner = fenceOf(ctx, c);
    if (inner.length >= outer.length) {
      ctx.fencesExplained = (ctx.fencesExplained ?? 0) + 1;
      err(
        ctx,
        'directive-fence-unmatched',
        `"${inner}description" opens with ${inner.length} colons inside "${outer}figure", which has ${outer.length}: the first closing fence closes both`,
        c,
        `give the figure's fences one colon more than the description's: ${':'.repeat(inner.length + 1)}figure … ${inner}description … ${inner} ${':'.repeat(inner.length + 1)}`,
      );
    }
    return false;
  });
  const labelPara = own.find((c) => c.type === 'paragraph' && (c.data as { directiveLabel?: boolean } | undefined)?.directiveLabel) as Md.Paragraph | undefined;
  let caption: Inline[] | undefined = labelPara ? convertInlines(ctx, labelPara.children) : undefined;
  let body: FigureBlock['body'] | undefined;
  // A table written without its delimiter row, told as that: it is what the figure lacks.
  let tableTold = false;
  const remarks: Inline[][] = [];
  for (const child of children) {
    if (child.type === 'paragraph') {
      if (tableWithoutDelimiter(ctx, child)) {
        tableTold = true;
        continue;
      }
      const images = child.children.filter((c): c is Md.Image => c.type === 'image');
      const nonEmpty = child.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
      if (images.length > 0 && nonEmpty.length === images.length) {
        if (body) err(ctx, 'figure-body', 'a figure holds one image or one table', child);
        else if (images.length > 1)
          err(ctx, 'figure-body', `a figure holds one image, but this one has ${images.length}`, images[1]!, 'give each image a figure of its own, or combine the panels into one drawing');
        const image = convertImage(ctx, images[0]!);
        if (image) body = { kind: 'image', image };
        else body = body ?? { kind: 'image', image: { path: '', src: images[0]!.url, mediaType: 'image/png', alt: images[0]!.alt ?? '' } };
        continue;
      }
      if (!caption) {
        caption = convertInlines(ctx, child.children);
        continue;
      }
      // After the image or table: a note on the figure, printed under it ((注) …, Note: …).
      if (body) {
        joinedLines(ctx, child, true);
        remarks.push(convertInlines(ctx, child.children));
        continue;
      }
      // `![A chart](figures/my chart.svg)`: a path with a space is no image in Markdown, but text.
      const spaced = /!\[[^\]]*\]\(([^)<>]*\s[^)<>]*)\)/.exec(inlineText(convertInlines(ctx, child.children)));
      if (spaced) {
        const path = spaced[1]!.trim();
        err(
          ctx,
          'image-path-space',
          `the image path "${path}" has a space in it, so Markdown reads the line as text, not as an image`,
          child,
          `write the path in angle brackets, ![…](<${path}>), or rename the file without spaces`,
        );
        tableTold = true;
        continue;
      }
      err(
        ctx,
        'figure-body',
        'a figure holds a caption paragraph, then one image or one table, then any notes on it',
        child,
        'move this paragraph under the image or table to print it as a note on the figure, or out of the figure',
      );
    } else if (child.type === 'table') {
      if (body) err(ctx, 'figure-body', 'a figure holds one image or one table', child);
      const table = convertTable(ctx, child);
      const columns = table.header.cells.length;
      if (rowHeaders !== undefined && rowHeaders >= columns && columns > 0)
        err(ctx, 'figure-attribute', `row-headers=${rowHeaders} leaves no data column (the table has ${columns})`, node, `at most ${columns - 1}`);
      const headerColumns = Math.min(rowHeaders ?? table.rowHeaderColumns ?? 0, Math.max(0, columns - 1));
      const { rowHeaderColumns: _template, ...plain } = table;
      body = { kind: 'table', table: headerColumns > 0 ? { ...plain, rowHeaderColumns: headerColumns } : plain };
      if (headerColumns === 0) warnGroupsWithoutHeaders(ctx, table, child);
    } else if (child.type === 'html') {
      err(ctx, 'raw-html', 'raw HTML is not part of the format', child, 'remove it');
    } else {
      err(
        ctx,
        'figure-body',
        `a figure cannot hold ${blockWords(ctx, child)}`,
        child,
        child.type === 'footnoteDefinition'
          ? 'move the definition after the figure’s closing fence: its mark in the caption or a cell stays where it is'
          : 'a figure holds a caption paragraph and then one image or one table',
      );
    }
  }
  const after = unclosed ? convertBlocks(ctx, unclosed.after) : [];
  if (!caption || caption.length === 0) err(ctx, 'figure-caption', 'a figure needs a caption (its first paragraph)', node);
  if (!body) {
    if (!tableTold) err(ctx, 'figure-body', 'a figure needs an image or a table', node);
    return after;
  }
  const sourceText = attrs.source?.trim();
  // The alternative text, resolved once: the figure's `alt`, else the image's own.
  const alt = attrs.alt?.trim() || (body.kind === 'image' ? body.image.alt.trim() : '');
  const figure: FigureBlock = {
    kind: 'figure',
    id,
    number: 0,
    label: '',
    caption: caption ?? [],
    ...(remarks.length > 0 ? { remarks } : {}),
    ...(sourceText ? { sourceNote: textInlines(ctx, { type: 'text', value: sourceText, ...(node.position ? { position: node.position } : {}) }) } : {}),
    body,
    ...(alt ? { alt } : {}),
    ...(description && description.length > 0 ? { description } : {}),
    source: spanOf(ctx, node),
  };
  return [figure, ...after];
}

/** What a block is, in the words of the format (never the parser's name for it). */
function blockWords(ctx: ConvertContext, node: Md.RootContent): string {
  switch (node.type) {
    case 'heading':
      return 'a heading';
    case 'footnoteDefinition':
      return 'a note definition';
    case 'definition':
      return 'a link definition';
    case 'list':
      return 'a list';
    case 'blockquote':
      return 'a quotation';
    case 'code':
      return 'a code block';
    case 'thematicBreak':
      return 'a horizontal rule';
    case 'table':
      return 'a table';
    case 'paragraph':
      return 'a paragraph';
    case 'html':
      return 'raw HTML';
    case 'containerDirective':
      return `a "${fenceOf(ctx, node)}${node.name}" block`;
    case 'leafDirective':
      return `a "::${node.name}" line`;
    default:
      return 'this kind of block';
  }
}

/**
 * A fenced code block that no fence closes runs to the end of its file (or
 * of the quotation or list item it is in), turning the notes, citations and
 * figures written after it into code: told at its opening fence. Indented
 * code (a paragraph typed with a tab) is told too.
 */
function checkCodeBlock(ctx: ConvertContext, node: Md.Code): void {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (ctx.text === undefined || start === undefined || end === undefined) return;
  const lines = ctx.text.slice(start, end).split('\n');
  const open = /^[ \t>]*(`{3,}|~{3,})/.exec(lines[0] ?? '');
  if (!open) {
    // Indented code: a paragraph indented by a tab or four spaces reads as code too.
    warn(
      ctx,
      'code-indented',
      'these lines are read as code because they are indented by a tab or four spaces',
      node,
      'for a paragraph, remove the indentation (the style indents paragraphs); for code, fence it with ``` lines',
    );
    return;
  }
  const fence = open[1]!;
  const last = lines.length > 1 ? lines[lines.length - 1]!.replace(/\r$/, '') : '';
  const closing = new RegExp(`^[ \\t>]*${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`);
  if (lines.length > 1 && closing.test(last)) return;
  err(
    ctx,
    'code-fence-unclosed',
    `this code block is not closed: the "${fence}" that opens it has no matching "${fence}" after it, so the ${lines.length - 1} line${lines.length === 2 ? '' : 's'} after it (to the end of the file, or of the quotation or list it is in) are code`,
    node,
    `add a line "${fence}" where the code ends`,
  );
}

/** A line of colons alone: a directive's closing fence. */
const fenceLine = /^[ \t>]*(:{3,})[ \t\r]*$/;

/**
 * Whether a block directive ends at a closing fence: its own last line, or
 * (for one inside another) the line after it, which closed the outer block
 * too. One that ran on to the end of the file, or of the block around it,
 * has none.
 */
function closedByFence(ctx: ConvertContext, node: ContainerDirective): boolean {
  const text = ctx.text;
  const end = node.position?.end.offset;
  if (text === undefined || end === undefined) return true;
  const colons = fenceOf(ctx, node).length;
  const closes = (line: string) => (fenceLine.exec(line)?.[1]?.length ?? 0) >= colons;
  if (closes(text.slice(text.lastIndexOf('\n', end - 1) + 1, end))) return true;
  if (end >= text.length) return false;
  const next = text.indexOf('\n', end + 1);
  return closes(text.slice(end + 1, next < 0 ? text.length : next));
}

/**
 * A figure whose closing fence is missing (or has fewer colons than its
 * opening one, and so closes nothing) holds everything after it, up to the
 * end of the file or of a block around it: the headings, notes and figures
 * there would each be reported as out of place, and the ids they define
 * missed by every cross-reference. Reported once, at the opening fence;
 * the figure is then read as ending at the short fence, or else after its
 * image or table (and a description after it), and what follows is read as
 * if the figure had been closed (`after`).
 */
function unclosedFigure(ctx: ConvertContext, node: ContainerDirective): { own: Md.RootContent[]; after: Md.RootContent[] } | undefined {
  const children = node.children as Md.RootContent[];
  const nested = children.findIndex((c) => c.type === 'containerDirective' && (c.name === 'figure' || c.name === 'table'));
  if (nested < 0 && closedByFence(ctx, node)) return undefined;
  const open = fenceOf(ctx, node);
  const what = node.name === 'table' ? 'table' : 'figure';
  const source = (n: Md.Node) => (ctx.text !== undefined && n.position?.start.offset !== undefined ? ctx.text.slice(n.position.start.offset, n.position.end.offset) : '');
  // A closing fence too short to close it: read as a paragraph, or as one more row of the table above it.
  for (let i = 0; i < (nested < 0 ? children.length : nested); i++) {
    const child = children[i]!;
    let own: Md.RootContent[] | undefined;
    let short: Md.Node | undefined;
    if (child.type === 'paragraph' && fenceLine.test(source(child))) {
      own = children.slice(0, i);
      short = child;
    } else if (child.type === 'table') {
      const last = child.children[child.children.length - 1];
      if (child.children.length > 1 && last && last.children.length === 1 && fenceLine.test(source(last))) {
        own = [...children.slice(0, i), { ...child, children: child.children.slice(0, -1) }];
        short = last;
      }
    }
    if (!own || !short) continue;
    const colons = fenceLine.exec(source(short))![1]!;
    fenceErr(
      ctx,
      'directive-fence-unmatched',
      `this ${what} is not closed: "${open}${node.name}" opens with ${open.length} colons, but the "${colons}" at line ${short.position?.start.line} has ${colons.length}, too few to close it`,
      node,
      `close it with as many colons as it opens with: "${open}" (or open it with "${colons}${node.name}")`,
    );
    return { own, after: children.slice(i + 1) };
  }
  const isBody = (c: Md.RootContent) => c.type === 'table' || (c.type === 'paragraph' && c.children.some((x) => x.type === 'image'));
  let end = children.findIndex(isBody);
  if (end >= 0 && children[end + 1]?.type === 'containerDirective' && (children[end + 1] as ContainerDirective).name === 'description') end++;
  if (end < 0) end = children.findIndex((c) => c.type === 'paragraph');
  const cut = Math.min(end + 1, nested < 0 ? children.length : nested);
  const before = children[cut]?.position?.start.line;
  fenceErr(
    ctx,
    'directive-fence-unmatched',
    `this ${what} is not closed, so it would hold everything after it`,
    node,
    `add a line "${open}" after its ${what === 'table' ? 'table' : 'image or table'}${before ? ` (before line ${before})` : ''}`,
  );
  return { own: children.slice(0, cut), after: children.slice(cut) };
}

/**
 * Report a figure or table left unclosed: the first of a body only. The
 * fences after it are paired out of step with the source (a nested block's
 * fences close the open one), so what they would report is the first
 * missing fence again, at other lines.
 */
function fenceErr(ctx: ConvertContext, rule: string, message: string, node: { position?: Md.Root['position'] }, hint: string): void {
  if (ctx.fenceLeftOpen) return;
  ctx.fenceLeftOpen = true;
  err(ctx, rule, message, node, hint);
}

export function convertBlocks(ctx: ConvertContext, nodes: readonly Md.RootContent[]): Block[] {
  const out: Block[] = [];
  for (const node of nodes) out.push(...convertBlock(ctx, node));
  return out;
}

/**
 * A line of colons alone (`:::`) left in a paragraph: a closing fence with
 * no block open, which would print as text. Most often a directive inside
 * another with a fence as long as the outer one's, whose first closing
 * fence closed them both.
 */
/**
 * A figure's (or a table's, a description's) opening line whose attributes
 * cannot be read (a quote left open, a line break inside the braces) is no
 * block: it prints as text, and its image and closing fence would each be
 * told on their own as the fault. Told once, at the line; the image and the
 * fences after it are not told again.
 */
function unreadDirective(ctx: ConvertContext, node: Md.Paragraph): void {
  const first = node.children[0];
  if (first?.type !== 'text') return;
  const m = /^(:{3,})[ \t]*(figure|table|description)\{/.exec(first.value);
  if (!m) return;
  err(
    ctx,
    'directive-attributes',
    `the attributes of "${m[1]}${m[2]}{…}" cannot be read, so it is no ${m[2]} and prints as text`,
    node,
    `close every quote, and keep the braces on the opening line: ${m[1]}${m[2]}{#fig-a alt="…" source="…"}`,
  );
  ctx.fenceLeftOpen = true;
  ctx.directiveUnread = true;
  const id = /^[^}]*?#([A-Za-z][\w:.-]*)/.exec(first.value.slice(m[0].length))?.[1];
  if (id) {
    ctx.unreadIds ??= new Set();
    ctx.unreadIds.add(id);
  }
}

/**
 * Digits and Latin letters typed full-width (１９６０, ＬＲＴ), as a Japanese
 * input method types them: set wide, they stand apart from the half-width
 * ones around them (2027年度, LRT化). Each run of two or more is told.
 */
function fullWidthAlphanumerics(ctx: ConvertContext, node: Md.Paragraph | Md.Heading): void {
  const visit = (children: readonly Md.PhrasingContent[]): void => {
    for (const child of children) {
      if (child.type === 'text') {
        // Two or more: a single full-width digit or letter (１年, Ａ案) is a Japanese convention of its own.
        for (const m of child.value.matchAll(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]{2,}/g)) {
          ctx.diagnostics.push(
            diagnostic(
              'fullwidth-alphanumeric',
              'warning',
              `"${m[0]}" is typed in full-width characters, which print wider than the half-width ones around them`,
              spanAt(ctx, child, m.index),
              `write ${m[0].normalize('NFKC')}`,
            ),
          );
        }
      } else if ('children' in child && child.type !== 'link') visit(child.children as Md.PhrasingContent[]);
    }
  };
  visit(node.children);
}

/** Lines typed as items (① …, ・ …, （注1）…) that Markdown joins into one paragraph: told once, at the first. */
function joinedLines(ctx: ConvertContext, node: Md.Paragraph, inFigure = false): void {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (ctx.text === undefined || start === undefined || end === undefined) return;
  const text = ctx.text.slice(start, end);
  const first = joinedItemLines(text)[0];
  if (first === undefined) return;
  const before = text.slice(0, first);
  const line = node.position!.start.line + before.split('\n').length - 1;
  const column = first - before.lastIndexOf('\n');
  const marker = text.slice(first).split('\n')[0]!.slice(0, 12);
  ctx.diagnostics.push(
    diagnostic(
      'paragraph-lines-joined',
      'warning',
      `the line starting "${marker}" is joined to the line before it: lines of one paragraph print as one run of text`,
      { file: ctx.file, start: { line, column } },
      inFigure
        ? "leave a blank line between a figure's notes: each paragraph after the image or table is a note line of its own"
        : 'write the items as a list, a line each (1. for ① ②, - for ・), or end the line before with a backslash (\\) to break it there',
    ),
  );
}

function strayFences(ctx: ConvertContext, node: Md.Paragraph): void {
  for (const child of node.children) {
    if (child.type !== 'text') continue;
    for (const m of child.value.matchAll(/(?:^|\n)[ \t]*(:{3,})[ \t]*(?=\n|$)/g)) {
      if (ctx.fencesExplained) {
        ctx.fencesExplained--;
        continue;
      }
      const at = m.index + m[0].indexOf(':');
      if (ctx.fenceLeftOpen) continue;
      ctx.diagnostics.push(
        diagnostic(
          'directive-fence-unmatched',
          'error',
          `"${m[1]}" closes no block and would be printed as text`,
          spanAt(ctx, child, at),
          'a block inside another (:::description in a figure) needs the outer fence one colon longer: ::::figure … ::::; delete the line if it is left over',
        ),
      );
    }
  }
}

/**
 * Lines that each begin with `|` and hold another: a table written without
 * the delimiter row GFM needs under its header (`| --- | --- |`), read as a
 * paragraph of text. Told at its first line, with the row to add.
 */
function tableWithoutDelimiter(ctx: ConvertContext, node: Md.Paragraph): boolean {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (ctx.text === undefined || start === undefined || end === undefined) return false;
  const lines = ctx.text.slice(start, end).split('\n');
  const cells = (line: string) =>
    line
      .trim()
      .replace(/^(?:>\s?)*/, '')
      .trim();
  if (lines.length < 2 || !lines.every((line) => /^\|.*[^\\]\|/.test(cells(line)))) return false;
  const columns = cells(lines[0]!)
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/).length;
  err(
    ctx,
    'table-delimiter-missing',
    'these lines look like a table, but it has no delimiter row under its header, so they are read as a paragraph of text',
    node,
    `add a row under the first line: ${Array.from({ length: columns }, () => '| --- ').join('')}|`,
  );
  return true;
}

/** The colons that open a block directive, as many as the source has (three when the text is not at hand). */
function fenceOf(ctx: ConvertContext, node: Md.Node): string {
  const at = node.position?.start.offset;
  const colons = ctx.text !== undefined && at !== undefined ? /^:{3,}/.exec(ctx.text.slice(at, at + 64))?.[0] : undefined;
  return colons ?? ':::';
}

/** Blocks converted inside a quotation or a list item (the innermost is named). */
function nested<T>(ctx: ConvertContext, where: NonNullable<ConvertContext['nestedIn']>, convert: () => T): T {
  const outer = ctx.nestedIn;
  ctx.nestedIn = where;
  try {
    return convert();
  } finally {
    ctx.nestedIn = outer;
  }
}

/**
 * A heading inside a quotation or a list item has no place in the outline
 * (no number, no id, no entry in the contents): an error at the heading. Its
 * text is kept as a paragraph, and its id is not told again where a
 * cross-reference names it.
 */
/** The text of inline Markdown as written, markup left out. */
function plainText(nodes: readonly Md.Node[]): string {
  return nodes.map((n) => ('value' in n && typeof n.value === 'string' ? n.value : 'children' in n && Array.isArray(n.children) ? plainText(n.children as Md.Node[]) : '')).join('');
}

function nestedHeading(ctx: ConvertContext, node: Md.Heading, where: NonNullable<ConvertContext['nestedIn']>): Block[] {
  const children = withBareDirectivesAsText(node.children);
  const last = children[children.length - 1];
  if (last?.type === 'text') {
    const block = attributeBlockPattern.exec(last.value);
    if (block) {
      const id = headingAttributes(block[1]!)?.id;
      if (id) {
        ctx.unreadIds ??= new Set();
        ctx.unreadIds.add(id);
      }
      children[children.length - 1] = { ...last, value: last.value.slice(0, block.index) };
    }
  }
  err(
    ctx,
    'heading-nested',
    `a heading stands in ${where}: headings belong at the top level of the body, where they are numbered and listed in the contents`,
    node,
    `write it as bold text (**${plainText(children).trim() || 'Title'}**), or move it out of ${where === 'a quotation' ? 'the quotation (no > before the #s)' : 'the list (no indent or list marker before the #s)'}`,
  );
  const inlines = convertInlines(ctx, children as Md.PhrasingContent[]);
  return inlines.length ? [{ kind: 'paragraph', children: [{ kind: 'strong', children: inlines }], source: spanOf(ctx, node) }] : [];
}

/**
 * A figure inside a quotation or a list item is not numbered (its caption
 * would print with no label) and no cross-reference finds it: an error at
 * its opening line; references to its id are not told again as unknown.
 */
function nestedFigure(ctx: ConvertContext, node: ContainerDirective, where: NonNullable<ConvertContext['nestedIn']>): Block[] {
  const id = (node.attributes?.id ?? '').trim();
  if (id) {
    ctx.unreadIds ??= new Set();
    ctx.unreadIds.add(id);
  }
  err(
    ctx,
    'figure-nested',
    `this figure stands in ${where}: a figure stands at the top level of the body, where it is numbered and cross-references find it`,
    node,
    `move it out of ${where === 'a quotation' ? 'the quotation (no > before its lines)' : 'the list (its fences at the start of the line, not indented)'}, after the paragraph that refers to it`,
  );
  return [];
}

function convertBlock(ctx: ConvertContext, node: Md.RootContent): Block[] {
  switch (node.type) {
    case 'paragraph': {
      unreadDirective(ctx, node);
      strayFences(ctx, node);
      tableWithoutDelimiter(ctx, node);
      joinedLines(ctx, node);
      fullWidthAlphanumerics(ctx, node);
      const children = convertInlines(ctx, node.children);
      if (children.length === 0) return [];
      // A full-width space typed to indent (a word processor's habit): the style indents paragraphs itself.
      const first = children[0];
      if (first?.kind === 'text' && first.value.startsWith('\u3000') && !ctx.inNote) {
        warn(ctx, 'paragraph-indent-typed', 'this paragraph starts with a full-width space, typed to indent it: the style indents paragraphs itself, so it is left out', node, 'delete the space');
        first.value = first.value.replace(/^\u3000+/, '');
      }
      return [{ kind: 'paragraph', children, source: spanOf(ctx, node) }];
    }
    case 'heading':
      if (ctx.inNote) {
        err(ctx, 'note-heading', 'a note cannot hold a heading', node);
        return [];
      }
      if (ctx.nestedIn) return nestedHeading(ctx, node, ctx.nestedIn);
      return convertHeading(ctx, node);
    case 'thematicBreak':
      return [{ kind: 'thematicBreak', source: spanOf(ctx, node) }];
    case 'blockquote':
      return [{ kind: 'blockquote', children: nested(ctx, 'a quotation', () => convertBlocks(ctx, node.children)), source: spanOf(ctx, node) }];
    case 'list': {
      // A task list's boxes (GFM), kept item by item.
      const checked = node.children.map((item) => (typeof item.checked === 'boolean' ? item.checked : null));
      return [
        {
          kind: 'list',
          ordered: node.ordered === true,
          start: node.start ?? 1,
          items: node.children.map((item) => nested(ctx, 'a list item', () => convertBlocks(ctx, item.children))),
          ...(checked.some((c) => c !== null) ? { checked } : {}),
          source: spanOf(ctx, node),
        },
      ];
    }
    case 'code':
      checkCodeBlock(ctx, node);
      return [{ kind: 'codeBlock', value: node.value, ...(node.lang ? { lang: node.lang } : {}), source: spanOf(ctx, node) }];
    case 'html':
      err(ctx, 'raw-html', `raw HTML is not part of the format: ${JSON.stringify(node.value.slice(0, 40))}`, node, 'remove it (use Markdown or a directive instead)');
      return [];
    case 'table': {
      const table = convertTable(ctx, node);
      if (!table.rowHeaderColumns) warnGroupsWithoutHeaders(ctx, table, node);
      return [{ kind: 'table', table, source: spanOf(ctx, node) }];
    }
    case 'definition':
      warn(ctx, 'link-definition', 'link reference definitions are not used', node, 'write URLs inline');
      return [];
    case 'footnoteDefinition':
      // Collected before conversion; converted when numbered.
      return [];
    case 'containerDirective':
      if (node.name === 'figure' || node.name === 'table') {
        if (ctx.inNote) {
          err(ctx, 'note-figure', 'a note cannot hold a figure', node);
          return [];
        }
        if (ctx.nestedIn) return nestedFigure(ctx, node, ctx.nestedIn);
        return convertFigure(ctx, node);
      }
      if (node.name === 'description') {
        err(
          ctx,
          'directive-unknown',
          `"${fenceOf(ctx, node)}description" stands outside a figure, where it means nothing`,
          node,
          'put it inside the figure it describes, whose fence is then one colon longer: ::::figure … :::description … ::: ::::',
        );
        return [];
      }
      err(ctx, 'directive-unknown', `unknown block directive "${fenceOf(ctx, node)}${node.name}"`, node, 'known block directives: :::figure (or :::table), and :::description inside a figure');
      return [];
    case 'leafDirective':
      err(ctx, 'directive-unknown', `unknown directive "::${(node as LeafDirective).name}"`, node, 'known block directives: :::figure');
      return [];
    case 'textDirective':
      return [{ kind: 'paragraph', children: convertTextDirective(ctx, node), source: spanOf(ctx, node) }];
    default: {
      err(ctx, 'markdown-unsupported', `${blockWords(ctx, node as Md.RootContent)} is not part of the format`, node as Md.Node, 'use the Markdown the format describes (docs/source-format.md)');
      return [];
    }
  }
}
