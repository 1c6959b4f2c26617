/**
 * The title block: title and subtitle in balanced lines (see @brief/fonts'
 * lines.ts, measured with the edition's font files; the breaks are written
 * as line breaks), authors, affiliations, notices and the contents field.
 */
import { Paragraph, Tab, TableOfContents, TextRun, type FileChild } from 'docx';
import { inlineText, printedTitle, type DocumentModel, type Inline } from '@brief/document-model';
import { balancedLines as balanced, fontFiles, textWidth } from '@brief/fonts';
import { dateline, fill, fillInlines, type FontRole, type Template } from '@brief/templates';
import type { Ctx } from './context.js';
import { textRuns } from './inlines.js';
import { S } from './style.js';

/** Lines of even length for a text set in `max` points, or the text alone when it fits on one line. */
export function balancedLines(text: string, width: (s: string) => number, max: number): string[] {
  const lines = balanced(text, width, max);
  return lines.length < 2 ? [text] : lines;
}

/**
 * The title's lines at `size` points in a measure of `measure` points, in
 * the role's faces (bold when headings are bold). A little room is kept so
 * that the applications' own measuring never breaks a balanced line again.
 */
export function titleLines(text: string, role: FontRole, bold: boolean, size: number, measure: number): string[] {
  const paths = [...new Set([role.latin, role.cjk])].map((family) => {
    const files = fontFiles(family);
    return (bold ? files.bold : undefined) ?? files.normal;
  });
  return balancedLines(text, (s) => textWidth(s, paths, size), measure * 0.97);
}

/** A title's text and, character by character, whether it is in italics (an `emphasis` inline). */
function italicText(inlines: readonly Inline[]): { text: string; italics: boolean[] } {
  let text = '';
  const italics: boolean[] = [];
  for (const node of inlines) {
    const piece = inlineText([node]);
    text += piece;
    for (let i = 0; i < piece.length; i++) italics.push(node.kind === 'emphasis');
  }
  return { text, italics };
}

/** A line of the title cut where its italics begin and end. */
function italicPieces(line: string, italics: readonly boolean[]): { text: string; italic: boolean }[] {
  const out: { text: string; italic: boolean }[] = [];
  for (let i = 0; i < line.length; i++) {
    const last = out[out.length - 1];
    const italic = italics[i] === true;
    if (last && last.italic === italic) last.text += line[i];
    else out.push({ text: line[i]!, italic });
  }
  return out;
}

/** Whether the title block has a contents list: the house style shows one and the report has a heading it would list (as in the PDF). */
export function showsContents(doc: DocumentModel, template: Template): boolean {
  const tb = template.titleBlock;
  return tb.showContents && doc.body.some((b) => b.kind === 'heading' && b.level <= tb.contentsDepth);
}

/** The title block: title and subtitle in balanced lines, authors and affiliations, the publisher and date without a series line, notices, and the contents field. */
export function titleBlock(doc: DocumentModel, ctx: Ctx): FileChild[] {
  const { meta } = doc;
  const { strings } = ctx.ls;
  const { titleBlock: tb } = ctx.template;
  const head: Ctx = { ...ctx, role: ctx.ls.fonts.heading };
  // Title and subtitle in balanced lines (see title.ts).
  const measure = ctx.textWidth / 20;
  const italic: Ctx = { ...head, marks: { ...head.marks, emphasis: true } };
  const lines = (inlines: readonly Inline[], size: number, bold: boolean) => {
    const { text, italics } = italicText(inlines);
    let from = 0;
    return titleLines(text, ctx.ls.fonts.heading, bold, size, measure).flatMap((line, i) => {
      const at = text.indexOf(line, from);
      from = at < 0 ? from : at + line.length;
      const pieces = at < 0 ? [{ text: line, italic: false }] : italicPieces(line, italics.slice(at, at + line.length));
      return [...(i > 0 ? [new TextRun({ break: 1 })] : []), ...pieces.flatMap((p) => textRuns(p.text, p.italic ? italic : head))];
    });
  };
  const { sizes } = ctx.template;
  const bold = ctx.ls.typography.headingBold;
  const out: FileChild[] = [new Paragraph({ style: S.title, children: lines(printedTitle(meta.title, meta.titleInlines), sizes.title, bold) })];
  if (meta.subtitle) out.push(new Paragraph({ style: S.subtitle, children: lines(fillInlines(strings.subtitleLine, { subtitle: meta.subtitleInlines ?? meta.subtitle }), sizes.subtitle, false) }));
  for (const author of meta.authors) {
    out.push(new Paragraph({ style: S.author, children: textRuns(author.name, ctx) }));
    if (author.affiliation) {
      out.push(new Paragraph({ style: S.affiliation, children: textRuns(fill(strings.affiliation, { affiliation: author.affiliation }), ctx) }));
    }
  }
  for (const line of dateline(meta, ctx.template, strings)) out.push(new Paragraph({ style: S.affiliation, children: textRuns(line, ctx) }));
  if (tb.showNotices) {
    const mark = strings.noticeMark.trim();
    for (const notice of meta.notices) {
      // The mark, then a tab to the hanging indent of the Notice style.
      const lead = mark ? [...textRuns(mark, ctx), new TextRun({ children: [new Tab()] })] : [];
      out.push(new Paragraph({ style: S.notice, children: [...lead, ...textRuns(notice, ctx)] }));
    }
  }
  if (showsContents(doc, ctx.template)) {
    out.push(new Paragraph({ style: S.tocHeading, children: textRuns(strings.contents, head) }));
    out.push(new TableOfContents(strings.contents, { hyperlink: true, headingStyleRange: `1-${tb.contentsDepth}` }));
  }
  return out;
}
