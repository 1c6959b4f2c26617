/**
 * The DOCX writer: one edition of the model as a Word document that Word
 * users can keep editing — Word styles fed by the template, native
 * footnotes, East Asian font and language settings, a contents field with
 * its entries already written, running heads and page numbers from the
 * series' first page. The package is made byte-stable afterwards.
 */
import { AlignmentType, Document, Footer, Header, PageNumber, PageOrientation, Paragraph, TextRun, type FileChild } from 'docx';
import { blocksOfKind, chapters, forEachInlines, isCjk, noteRefsIn, walkBlocks, type Block, type DocumentModel, type Image, type Inline } from '@brief/document-model';
import { fill, formatDate, languageStyle, type LanguageStyle, type Template } from '@brief/templates';
import { lineEndForbidden, lineStartForbidden } from '@brief/fonts';
import { facesToEmbed } from './embedded-fonts.js';
import { drawFallbacks } from './figures.js';
import { packageDocument } from './package.js';
import { pageNumberEstimator } from './pages.js';
import { numberingConfig, renderBlocks } from './blocks.js';
import { chapterEndNotes, type Ctx, type RenderState } from './context.js';
import { textRuns } from './inlines.js';
import { chapterNotes, noteParagraphs } from './notes.js';
import { buildStyles, finishFontTable, finishStyles, S } from './style.js';
import { showsContents, titleBlock } from './title.js';
import { bookmarkName, mmToPx, mmToTwips, twips, wordLocale } from './units.js';

export { normalizePackage } from './package.js';

/** Unique Word bookmark names for every heading and figure, in document order. */
export function bookmarkNames(doc: DocumentModel): Map<string, string> {
  const names = new Map<string, string>();
  const used = new Set<string>();
  walkBlocks(doc.body, (block) => {
    if (block.kind !== 'heading' && block.kind !== 'figure') return;
    const base = bookmarkName(block.id);
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base.slice(0, 40 - String(i).length - 1)}_${i}`;
    used.add(name);
    names.set(block.id, name);
  });
  return names;
}

/** The running head: series, issue and date through the template's pattern, or the title without a series. */
export function runningHead(doc: DocumentModel, template: Template, ls: LanguageStyle): string {
  const { meta } = doc;
  const series = meta.series;
  if (!series || !template.titleBlock.showSeries) return meta.title;
  return fill(ls.strings.runningHead, {
    series: series.title,
    issue: series.issue !== undefined ? fill(ls.strings.issue, { n: series.issue }) : '',
    title: meta.title,
    date: formatDate(ls.strings, meta.published),
  }).trim();
}

/**
 * Left and right margins in twips. With `typography.gridMeasure` the text
 * block is narrowed to a whole number of body characters (full-width
 * Japanese characters then fill each line exactly) and the remainder is
 * shared by the two margins.
 */
export function horizontalMargins(template: Template, ls: LanguageStyle): { left: number; right: number; textWidth: number } {
  const { page } = template;
  const left = mmToTwips(page.margin.inner);
  const right = mmToTwips(page.margin.outer);
  const full = mmToTwips(page.widthMm) - left - right;
  if (!ls.typography.gridMeasure) return { left, right, textWidth: full };
  const em = twips(template.sizes.body);
  const textWidth = Math.floor(full / em) * em;
  const spare = full - textWidth;
  const half = Math.floor(spare / 2);
  return { left: left + half, right: right + spare - half, textWidth };
}

/**
 * Settings the docx options cannot express: mirrored margins when the inner
 * and outer margins differ; Japanese punctuation compressed (、「 and ）」
 * set in one em together, as JIS X 4051 and the PDF set them: Word's default
 * gives each its full width), which touches no Latin text.
 */
export function finishSettings(settingsXml: string, template: Template): string {
  const { inner, outer } = template.page.margin;
  let xml = settingsXml;
  if (inner !== outer && !xml.includes('<w:mirrorMargins/>')) xml = xml.replace(/<w:defaultTabStop\b/, '<w:mirrorMargins/>$&');
  // CT_Settings order: after the headers' settings, before the compatibility options.
  if (!xml.includes('<w:characterSpacingControl')) xml = xml.replace(/<w:compat>/, '<w:characterSpacingControl w:val="compressPunctuation"/>$&');
  // The line-breaking rules of Japanese text (禁則) are the strict set the other formats follow:
  // Word's own default lets a line start with small kana, ー or the second of a pair of leaders (……).
  if (!xml.includes('<w:noLineBreaksAfter')) {
    xml = xml.replace(/<w:compat>/, `<w:noLineBreaksAfter w:lang="ja-JP" w:val="${lineEndForbidden}"/><w:noLineBreaksBefore w:lang="ja-JP" w:val="${lineStartForbidden}"/>$&`);
  }
  return xml;
}

/** The body: every block, and with chapter-end notes each chapter followed by its notes. */
function bodyChildren(doc: DocumentModel, ctx: Ctx): FileChild[] {
  if (!chapterEndNotes(ctx)) return renderBlocks(doc.body, ctx);
  return chapters(doc).flatMap((chapter) => [...renderBlocks(chapter.heading ? [chapter.heading, ...chapter.blocks] : chapter.blocks, ctx), ...chapterNotes(chapter.notes, ctx)]);
}

/** Pictures of the body's figures, at any depth (figures in notes are written as text). */
function bodyImages(blocks: readonly Block[]): Image[] {
  return blocksOfKind(blocks, 'figure').flatMap((f) => (f.body.kind === 'image' ? [f.body.image] : []));
}

/** The families of the template that set only Japanese text (a role's Japanese face that is no role's Latin face). */
function japaneseOnly(ls: LanguageStyle): Set<string> {
  const roles = [ls.fonts.body, ls.fonts.heading, ...(ls.fonts.code ? [ls.fonts.code] : [])];
  const latin = new Set(roles.map((r) => r.latin));
  return new Set(roles.map((r) => r.cjk).filter((f) => !latin.has(f)));
}

const hasCjk = (text: string): boolean => [...text].some((ch) => isCjk(ch.codePointAt(0)!));

/** The notes whose mark stands more than once in the edition (in the text or in notes). */
function markedAgain(doc: DocumentModel): Set<number> {
  const seen = new Set<number>();
  const again = new Set<number>();
  const count = (inlines: readonly Inline[]) => {
    for (const ref of noteRefsIn(inlines)) (seen.has(ref.number) ? again : seen).add(ref.number);
  };
  forEachInlines(doc.body, count);
  for (const note of doc.notes) forEachInlines(note.children, count);
  return again;
}

/** Render one edition as DOCX: a pure function from model + template to bytes. */
export async function renderDocx(doc: DocumentModel, template: Template): Promise<Uint8Array> {
  const { meta } = doc;
  const ls = languageStyle(template, meta.lang);
  const { page } = template;
  const margins = horizontalMargins(template, ls);
  const textWidthMm = (margins.textWidth * 25.4) / 1440;
  const textHeightMm = page.heightMm - page.margin.top - page.margin.bottom;
  const state: RenderState = { referenced: new Set(), markedAgain: markedAgain(doc), listInstance: { next: 1 } };
  // A picture takes at most the text width and a part of the text height (room for caption and source).
  const box = { width: Math.floor(mmToPx(textWidthMm)), height: Math.floor(mmToPx(textHeightMm) * template.proportions.figureMaxHeight.docx) };
  const ctx: Ctx = {
    template,
    ls,
    role: ls.fonts.body,
    lang: meta.lang,
    marks: {},
    paragraphStyle: S.normal,
    inNote: false,
    listLevel: 0,
    bookmarks: bookmarkNames(doc),
    box,
    fallbacks: await drawFallbacks(bodyImages(doc.body), box, ls),
    media: new Map(),
    textWidth: margins.textWidth,
    state,
  };

  const children: FileChild[] = [...titleBlock(doc, ctx), ...bodyChildren(doc, ctx)];
  const footnotes = chapterEndNotes(ctx) ? {} : Object.fromEntries(doc.notes.map((note) => [String(note.number), { children: noteParagraphs(note.children, ctx) }]));

  const head = runningHead(doc, template, ls);
  const header = (alignment?: (typeof AlignmentType)[keyof typeof AlignmentType]) =>
    new Header({ children: [new Paragraph({ style: S.header, ...(alignment ? { alignment } : {}), children: textRuns(head, ctx) })] });
  // The first page has the series line over an accent rule (or nothing without a series line), not the running head.
  const seriesLine = meta.series && template.titleBlock.showSeries;
  const firstHeader = new Header({
    children: [new Paragraph({ style: seriesLine ? S.titlePageHeader : S.header, children: seriesLine ? textRuns(head, ctx) : [] })],
  });
  const footer = () => new Footer({ children: [new Paragraph({ style: S.footer, children: [new TextRun({ children: [PageNumber.CURRENT] })] })] });

  const creator = meta.authors.map((a) => a.name).join('; ');
  const font = (role: { latin: string; cjk: string }) => ({ latin: role.latin, eastAsia: role.cjk, scripts: { Jpan: role.cjk } });
  const document = new Document({
    title: meta.title,
    ...(meta.subtitle ? { subject: meta.subtitle } : {}),
    creator,
    lastModifiedBy: creator,
    revision: 1,
    styles: buildStyles({ template, ls }),
    numbering: numberingConfig(
      doc.body,
      doc.notes.map((n) => n.children),
      template,
      ls,
    ),
    footnotes,
    evenAndOddHeaderAndFooters: true,
    // A justified line that ends in a hard line break (`\` or two spaces in the source) keeps its word
    // spaces, as in the PDF and the e-book, rather than being stretched to the margin.
    compatibility: { doNotExpandShiftReturn: true },
    ...(ls.typography.hyphenate ? { hyphenation: { autoHyphenation: true } } : {}),
    // Page numbers are worked out only for the contents (see pages.ts).
    ...(showsContents(doc, template) ? { pageNumbers: pageNumberEstimator(doc, { template, ls, textWidth: margins.textWidth, bookmarks: ctx.bookmarks, box: ctx.box }) } : {}),
    theme: { fonts: { headings: font(ls.fonts.heading), body: font(ls.fonts.body) } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: mmToTwips(page.widthMm), height: mmToTwips(page.heightMm), orientation: PageOrientation.PORTRAIT },
            margin: {
              top: mmToTwips(page.margin.top),
              bottom: mmToTwips(page.margin.bottom),
              left: margins.left,
              right: margins.right,
              header: mmToTwips(Math.max(0, page.margin.top - page.headerHeightMm)),
              footer: mmToTwips(Math.max(0, page.margin.bottom - page.footerHeightMm)),
              gutter: 0,
            },
            pageNumbers: { start: meta.series?.firstPage ?? 1 },
          },
        },
        headers: { default: header(), even: header(AlignmentType.LEFT), first: firstHeader },
        footers: { default: footer(), even: footer(), first: footer() },
        children,
      },
    ],
  });
  return packageDocument(document, {
    date: meta.published,
    media: ctx.media,
    language: wordLocale(meta.lang),
    parts: {
      'word/styles.xml': (xml) => finishStyles(xml, { template, ls }),
      'word/fontTable.xml': (xml) => finishFontTable(xml, ls, [...(state.italicLatin ?? [])].sort()),
      'word/settings.xml': (xml) => finishSettings(xml, template),
    },
    // A Japanese family sets only Japanese text (w:eastAsia): none is embedded for an edition without any.
    faces: (families, characters) => {
      const japanese = japaneseOnly(ls);
      return facesToEmbed(hasCjk(characters) ? families : families.filter((f) => !japanese.has(f)), characters);
    },
  });
}
