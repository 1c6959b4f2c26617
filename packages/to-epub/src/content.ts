/**
 * Model → XHTML fragments: inlines, blocks, figures, tables and notes.
 * Every function is pure: what it needs (which file holds a target, the id of
 * each note mark, the href of each image) comes in the context.
 */
import { assertNever, inlineText, isCjk, type Block, type FigureBlock, type HeadingBlock, type Inline, type Note, type NoteRefInline, type Table, noteRefsIn } from '@brief/document-model';
import type { LanguageStyle, NotePlacement } from '@brief/templates';
import { fill } from '@brief/templates';
import { attr, esc, fillXhtml, langAttrs } from './xml.js';

/** Where things live in the package; computed once per edition. */
export interface Links {
  /** Content document (file name) of each heading and figure id. */
  fileOf: ReadonlyMap<string, string>;
  /** Content document holding each note, by note number. */
  noteFile: ReadonlyMap<number, string>;
  /** Id of each note mark, by mark (document order decides the first). */
  markId: ReadonlyMap<NoteRefInline, string>;
  /** Id of the first mark of each note, by note number (target of the back-link). */
  firstMark: ReadonlyMap<number, { file: string; id: string }>;
  /** Href of each figure's image, by figure id. */
  imageHref: ReadonlyMap<string, string>;
}

export interface Ctx {
  style: LanguageStyle;
  links: Links;
  /** The content document being written. */
  file: string;
  /** Language in effect at this point (edition language or a foreign run's). */
  lang: string;
  /** Inside a link: nested links are not allowed, so marks and cross-references are placed after it. */
  inLink: boolean;
}

export const noteId = (n: number): string => `fn-${n}`;
export const markIdFor = (n: number, occurrence: number): string => (occurrence === 1 ? `fnref-${n}` : `fnref-${n}-${occurrence}`);

function baseLang(lang: string): string {
  return (lang.split('-')[0] ?? lang).toLowerCase();
}

/** Languages whose text is itself set in CJK characters (their runs need no language span). */
function writesCjk(lang: string): boolean {
  return ['ja', 'zh', 'ko'].includes(baseLang(lang));
}

/** Href from the current document to an id in `file`. */
function hrefTo(ctx: Ctx, file: string | undefined, id: string): string {
  return !file || file === ctx.file ? `#${id}` : `${file}#${id}`;
}

/**
 * Split text into runs of Japanese (CJK) characters and the rest. Spaces
 * between two CJK characters stay inside the CJK run.
 */
export function cjkRuns(text: string): { text: string; cjk: boolean }[] {
  const chars = [...text];
  const kinds = chars.map((ch) => {
    const cp = ch.codePointAt(0) ?? 0;
    return isCjk(cp) ? 'c' : /\s/.test(ch) ? 's' : 'l';
  });
  // A space run takes the kind of its neighbours when both are CJK.
  for (let i = 0; i < kinds.length; i++) {
    if (kinds[i] !== 's') continue;
    let j = i;
    while (j < kinds.length && kinds[j] === 's') j++;
    const fill = i > 0 && kinds[i - 1] === 'c' && kinds[j] === 'c' ? 'c' : 'l';
    for (let k = i; k < j; k++) kinds[k] = fill;
    i = j - 1;
  }
  const runs: { text: string; cjk: boolean }[] = [];
  chars.forEach((ch, i) => {
    const cjk = kinds[i] === 'c';
    const last = runs[runs.length - 1];
    if (last && last.cjk === cjk) last.text += ch;
    else runs.push({ text: ch, cjk });
  });
  return runs;
}

/** Text, with runs of Japanese characters marked `lang="ja"` where the language in effect is not a CJK one. */
export function textXhtml(value: string, ctx: Ctx): string {
  if (writesCjk(ctx.lang)) return esc(value);
  return cjkRuns(value)
    .map((r) => (r.cjk ? `<span${langAttrs('ja')}>${esc(r.text)}</span>` : esc(r.text)))
    .join('');
}

/** Note marks anywhere inside inlines, in order. */
export const marksIn = noteRefsIn;

function noteRefXhtml(node: NoteRefInline, ctx: Ctx): string {
  const id = ctx.links.markId.get(node) ?? markIdFor(node.number, 1);
  const href = hrefTo(ctx, ctx.links.noteFile.get(node.number), noteId(node.number));
  // U+2060 WORD JOINER keeps the mark on the line of the word it follows.
  return `\u2060<a epub:type="noteref" role="doc-noteref" class="noteref" id="${attr(id)}" href="${attr(href)}"><sup>${node.number}</sup></a>`;
}

export function inlinesXhtml(inlines: readonly Inline[], ctx: Ctx): string {
  return inlines.map((node) => inlineXhtml(node, ctx)).join('');
}

function inlineXhtml(node: Inline, ctx: Ctx): string {
  switch (node.kind) {
    case 'text':
      return textXhtml(node.value, ctx);
    case 'emphasis':
      return `<em>${inlinesXhtml(node.children, ctx)}</em>`;
    case 'strong':
      return `<strong>${inlinesXhtml(node.children, ctx)}</strong>`;
    case 'delete':
      return `<del>${inlinesXhtml(node.children, ctx)}</del>`;
    case 'code':
      return `<code>${esc(node.value)}</code>`;
    case 'link': {
      if (ctx.inLink) return inlinesXhtml(node.children, ctx);
      const inner = inlinesXhtml(node.children, { ...ctx, inLink: true });
      const marks = marksIn(node.children)
        .map((m) => noteRefXhtml(m, ctx))
        .join('');
      const external = /^https?:/i.test(node.url);
      const rel = external ? ' rel="external"' : '';
      return `<a class="${external ? 'external' : 'mailto'}" href="${attr(node.url)}"${rel}>${inner}</a>${marks}`;
    }
    case 'noteRef':
      // Inside a link the mark is written after the link (see 'link').
      return ctx.inLink ? '' : noteRefXhtml(node, ctx);
    case 'citation':
      return `<span class="citation">${inlinesXhtml(node.rendered, ctx)}</span>`;
    case 'crossRef': {
      const file = ctx.links.fileOf.get(node.targetId);
      if (ctx.inLink || file === undefined) return textXhtml(node.text, ctx);
      return `<a class="xref" href="${attr(hrefTo(ctx, file, node.targetId))}">${textXhtml(node.text, ctx)}</a>`;
    }
    case 'foreign': {
      const inner = inlinesXhtml(node.children, { ...ctx, lang: node.lang });
      return `<span${langAttrs(node.lang)}>${inner}</span>`;
    }
    case 'lineBreak':
      return '<br/>';
    default:
      return assertNever(node, 'inline');
  }
}

// ---------------------------------------------------------------------------
// Blocks

/** Printed number, separator and text of a heading, as XHTML. */
export function headingInnerXhtml(heading: HeadingBlock, ctx: Ctx): string {
  const text = inlinesXhtml(heading.children, ctx);
  if (!heading.number) return text;
  const separator = ctx.style.numbering.separator?.[heading.level - 1] ?? '';
  return `<span class="heading-number">${esc(heading.number)}</span>${esc(separator)}${text}`;
}

/** Plain text of a heading with its number (for titles and navigation). */
export function headingText(heading: HeadingBlock, style: LanguageStyle): string {
  const text = inlineText(heading.children);
  if (!heading.number) return text;
  return heading.number + (style.numbering.separator?.[heading.level - 1] ?? '') + text;
}

/** Heading element for a level: chapters are h1 in their own document. */
export const headingTag = (level: 1 | 2 | 3): string => `h${level}`;

function headingXhtml(heading: HeadingBlock, ctx: Ctx): string {
  const tag = headingTag(heading.level);
  return `<${tag} id="${attr(heading.id)}" class="level-${heading.level}">${headingInnerXhtml(heading, ctx)}</${tag}>\n`;
}

export function blocksXhtml(blocks: readonly Block[], ctx: Ctx): string {
  return blocks.map((b) => blockXhtml(b, ctx)).join('');
}

function listItemXhtml(item: readonly Block[], ctx: Ctx): string {
  // A tight item (one paragraph) is written without its paragraph element.
  const only = item.length === 1 ? item[0] : undefined;
  if (only?.kind === 'paragraph') return `<li>${inlinesXhtml(only.children, ctx)}</li>\n`;
  return `<li>${blocksXhtml(item, ctx)}</li>\n`;
}

function blockXhtml(block: Block, ctx: Ctx): string {
  switch (block.kind) {
    case 'heading':
      return headingXhtml(block, ctx);
    case 'paragraph':
      return `<p>${inlinesXhtml(block.children, ctx)}</p>\n`;
    case 'blockquote':
      return `<blockquote>\n${blocksXhtml(block.children, ctx)}</blockquote>\n`;
    case 'list': {
      const items = block.items.map((item) => listItemXhtml(item, ctx)).join('');
      if (!block.ordered) return `<ul>\n${items}</ul>\n`;
      const start = block.start !== 1 ? ` start="${block.start}"` : '';
      return `<ol${start}>\n${items}</ol>\n`;
    }
    case 'codeBlock': {
      const cls = block.lang ? ` class="language-${attr(block.lang)}"` : '';
      return `<pre><code${cls}>${esc(block.value)}</code></pre>\n`;
    }
    case 'thematicBreak':
      return '<hr/>\n';
    case 'figure':
      return figureXhtml(block, ctx);
    case 'table':
      return `<div class="table-wrap">\n${tableXhtml(block.table, ctx, undefined)}</div>\n`;
    default:
      return assertNever(block, 'block');
  }
}

function alignClass(align: Table['align'][number]): string {
  return align ? ` class="align-${align}"` : '';
}

function tableXhtml(table: Table, ctx: Ctx, caption: string | undefined): string {
  const head = table.header.cells.map((cell, i) => `<th scope="col"${alignClass(table.align[i] ?? null)}>${inlinesXhtml(cell.children, ctx)}</th>`).join('');
  // An empty first cell continues the group of the row above (a GFM table has
  // no merged cells): the rule between them is hidden, the cells stay as written.
  const emptyFirst = (r: number) => (table.rows[r]?.cells[0]?.children.length ?? 1) === 0;
  const rows = table.rows
    .map(
      (row, r) =>
        '<tr>' +
        row.cells
          .map((cell, i) => {
            const classes = [table.align[i] ? `align-${table.align[i]}` : '', i === 0 && emptyFirst(r + 1) ? 'group-continues' : ''].filter(Boolean).join(' ');
            return `<td${classes ? ` class="${classes}"` : ''}>${inlinesXhtml(cell.children, ctx)}</td>`;
          })
          .join('') +
        '</tr>\n',
    )
    .join('');
  return `<table>\n${caption !== undefined ? `<caption>${caption}</caption>\n` : ''}<thead>\n<tr>${head}</tr>\n</thead>\n<tbody>\n${rows}</tbody>\n</table>\n`;
}

/** The caption line: label and caption per the template's pattern. */
export function figureCaptionXhtml(figure: FigureBlock, ctx: Ctx): string {
  return fillXhtml(ctx.style.strings.figureCaption, {
    label: `<span class="figure-label">${textXhtml(figure.label, ctx)}</span>`,
    caption: inlinesXhtml(figure.caption, ctx),
  });
}

function figureXhtml(figure: FigureBlock, ctx: Ctx): string {
  const caption = figureCaptionXhtml(figure, ctx);
  const sourceLine = figure.sourceNote ? `<p class="figure-source">${fillXhtml(ctx.style.strings.figureSource, { text: inlinesXhtml(figure.sourceNote, ctx) })}</p>\n` : '';
  const body = figure.body;
  switch (body.kind) {
    case 'image': {
      const href = ctx.links.imageHref.get(figure.id) ?? body.image.src;
      const { width, height } = body.image;
      const size = width && height ? ` width="${Math.round(width)}" height="${Math.round(height)}"` : '';
      return (
        `<figure id="${attr(figure.id)}" class="figure figure-image">\n` +
        `<figcaption>${caption}</figcaption>\n` +
        `<div class="figure-body"><img src="${attr(href)}" alt="${attr(body.image.alt)}"${size}/></div>\n` +
        sourceLine +
        '</figure>\n'
      );
    }
    case 'table':
      return `<figure id="${attr(figure.id)}" class="figure figure-table">\n<div class="table-wrap">\n${tableXhtml(body.table, ctx, caption)}</div>\n${sourceLine}</figure>\n`;
    default:
      return assertNever(body, 'figure body');
  }
}

// ---------------------------------------------------------------------------
// Notes

/** One note: an aside with a back-link (the note number) to its first mark. */
export function noteXhtml(note: Note, ctx: Ctx): string {
  const mark = ctx.links.firstMark.get(note.number);
  const label = fill('{n} {back}', { n: note.number, back: ctx.style.strings.backToText });
  const number = mark
    ? `<a class="note-number" role="doc-backlink" href="${attr(hrefTo(ctx, mark.file, mark.id))}" aria-label="${attr(label)}">${note.number}</a>`
    : `<span class="note-number">${note.number}</span>`;
  const [first, ...rest] = note.children;
  const body = first?.kind === 'paragraph' ? `<p>${number} ${inlinesXhtml(first.children, ctx)}</p>\n${blocksXhtml(rest, ctx)}` : `<p>${number}</p>\n${blocksXhtml(note.children, ctx)}`;
  return `<aside epub:type="footnote" role="doc-footnote" id="${noteId(note.number)}" class="footnote">\n${body}</aside>\n`;
}

/**
 * The notes of one chapter, after its text. With page-foot notes (the printed
 * edition sets them at the foot of each page) a short rule opens them, as on
 * the printed page; with chapter-end notes a heading (`strings.notes`) does,
 * as in the printed edition.
 */
export function notesXhtml(notes: readonly Note[], ctx: Ctx, placement: NotePlacement = 'page-foot'): string {
  if (notes.length === 0) return '';
  const asides = notes.map((n) => noteXhtml(n, ctx)).join('');
  if (placement === 'chapter-end') {
    const id = `notes-${ctx.file.replace(/\.xhtml$/, '')}`;
    return (
      `<section class="footnotes chapter-end" epub:type="footnotes" aria-labelledby="${attr(id)}">\n` +
      `<h2 id="${attr(id)}" class="notes-heading">${textXhtml(ctx.style.strings.notes, ctx)}</h2>\n` +
      asides +
      '</section>\n'
    );
  }
  return `<section class="footnotes" epub:type="footnotes" aria-label="${attr(ctx.style.strings.notes)}">\n${asides}</section>\n`;
}
