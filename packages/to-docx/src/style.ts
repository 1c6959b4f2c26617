/**
 * The Word styles of an edition, from the template: paragraphs and runs in
 * the document name a style and carry no formatting of their own, so a Word
 * user restyles the whole report by changing a style.
 *
 * Built-in styles keep Word's ids and names (Normal, Title, Subtitle,
 * heading 1–3, footnote text, footnote reference, caption, toc 1–3, header,
 * footer, Hyperlink, Strong, Emphasis, Quote), so Word, LibreOffice and
 * Pandoc recognise them.
 */
import { AlignmentType, BorderStyle, LineRuleType, type IParagraphStyleOptions, type ICharacterStyleOptions, type IStylesOptions, type IFontAttributesProperties } from 'docx';
import { codeFonts, type FontRole, type LanguageStyle, type Template } from '@brief/templates';
import { escapeAttribute } from '@brief/svg';
import { eastAsianLocale, halfPoints, hex, latinLocale, twips } from './units.js';

/** Style ids used by the writer (Word's own ids for built-in styles). */
export const S = {
  normal: 'Normal',
  firstParagraph: 'FirstParagraph',
  title: 'Title',
  subtitle: 'Subtitle',
  author: 'Author',
  affiliation: 'Affiliation',
  notice: 'Notice',
  tocHeading: 'TOCHeading',
  heading: ['Heading1', 'Heading2', 'Heading3'] as const,
  footnoteText: 'FootnoteText',
  footnoteContinued: 'FootnoteTextContinued',
  footnoteReference: 'FootnoteReference',
  notesHeading: 'NotesHeading',
  noteText: 'NoteText',
  noteTextContinued: 'NoteTextContinued',
  noteReference: 'NoteReference',
  caption: 'Caption',
  figure: 'Figure',
  figureSource: 'FigureSource',
  tableText: 'TableText',
  tableHeading: 'TableHeading',
  tableRowHeading: 'TableRowHeading',
  table: 'ReportTable',
  quote: 'Quote',
  quoteContinued: 'QuoteContinued',
  quoteAttribution: 'QuoteAttribution',
  code: 'SourceCode',
  rule: 'Rule',
  listParagraph: 'ListParagraph',
  header: 'Header',
  titlePageHeader: 'TitlePageHeader',
  footer: 'Footer',
  hyperlink: 'Hyperlink',
  strong: 'Strong',
  emphasis: 'Emphasis',
  verbatim: 'VerbatimChar',
} as const;

/** Font attributes of a role: Latin slots take the Latin face, the East Asian slot the Japanese face. */
export function roleFonts(role: FontRole): IFontAttributesProperties {
  return { ascii: role.latin, hAnsi: role.latin, cs: role.latin, eastAsia: role.cjk };
}

/** Everything the styles need, resolved once per edition. */
export interface StyleContext {
  template: Template;
  ls: LanguageStyle;
}

/** Line pitch of body-like text: at least size × line height, so larger content still fits. */
function lineSpacing(size: number, lineHeight: number) {
  return { line: twips(size * lineHeight), lineRule: LineRuleType.AT_LEAST };
}

/** A rule width in points as a border size (eighths of a point; Word takes 2…96). */
export function borderSize(pt: number): number {
  return Math.min(96, Math.max(2, Math.round(pt * 8)));
}

/**
 * Indents of the styles in points, from the template's `proportions.indents`:
 * the styles here and the contents' page estimate (pages.ts) read these.
 */
export function indentsPt(template: Template) {
  const { sizes } = template;
  const indents = template.proportions.indents;
  return {
    /** Notes: the number hangs in it. */
    note: indents.note * sizes.note,
    /** Notices with a mark: the text after the mark. */
    notice: indents.notice * sizes.notice,
    /** Quotations, on each side. */
    quote: indents.quote * sizes.body,
    /** Code blocks, on the left. */
    code: indents.code * sizes.body,
    /** List items at a level (0 = top). */
    list: (level: number) => indents.list * sizes.body * (level + 1),
    /** Contents entries at a level (0 = chapters). */
    contents: (level: number) => indents.contentsLevel * level * sizes.body,
  };
}

/** Single (natural) line spacing, for headings and lines holding pictures. */
const singleLine = { line: 240, lineRule: LineRuleType.AUTO };

export function buildStyles({ template, ls }: StyleContext): IStylesOptions {
  const { sizes, colors, spacing } = template;
  const typo = ls.typography;
  const body = roleFonts(ls.fonts.body);
  const head = roleFonts(ls.fonts.heading);
  const code = roleFonts(codeFonts(ls.fonts));
  const bold = typo.headingBold;
  const indent = indentsPt(template);
  const justify = typo.justify ? AlignmentType.BOTH : AlignmentType.LEFT;
  const em = (n: number, size = sizes.body) => twips(n * size);
  const language = { value: latinLocale(ls.lang), eastAsia: eastAsianLocale(ls.lang) };
  const text = hex(colors.text);
  const noIndent = { firstLine: 0, left: 0 };
  const noteSpacing = { before: 0, after: twips(spacing.noteSpacing), ...lineSpacing(sizes.note, typo.noteLineHeight) };
  // Note paragraphs (page-foot footnotes and chapter-end notes alike): the number hung, then continuation paragraphs indented.
  const noteFirst = {
    paragraph: { alignment: justify, indent: { left: twips(indent.note), hanging: twips(indent.note) }, spacing: noteSpacing },
    run: { size: halfPoints(sizes.note) },
  };
  const noteContinued = {
    paragraph: { alignment: justify, indent: { left: twips(indent.note), firstLine: em(typo.firstLineIndentEm, sizes.note) }, spacing: noteSpacing },
    run: { size: halfPoints(sizes.note) },
  };
  const rule = spacing.ruleWidth;
  const chapterEnd = template.notes.placement === 'chapter-end';

  const paragraph = (id: string, name: string, options: Omit<IParagraphStyleOptions, 'id' | 'name'>): IParagraphStyleOptions => ({
    id,
    name,
    basedOn: S.normal,
    next: S.normal,
    quickFormat: true,
    ...options,
  });

  const headingStyle = (level: 0 | 1 | 2): IParagraphStyleOptions => {
    const size = [sizes.chapter, sizes.section, sizes.subsection][level]!;
    const before = [spacing.chapterBefore, spacing.sectionBefore, spacing.subsectionBefore][level]!;
    const after = [spacing.chapterAfter, spacing.sectionAfter, spacing.subsectionAfter][level]!;
    return paragraph(S.heading[level], `heading ${level + 1}`, {
      uiPriority: 9,
      paragraph: {
        alignment: AlignmentType.LEFT,
        indent: noIndent,
        spacing: { before: twips(before), after: twips(after), ...singleLine },
        keepNext: true,
        keepLines: true,
        outlineLevel: level,
      },
      run: { font: head, size: halfPoints(size), bold, color: hex(colors.heading) },
    });
  };

  const lowerHeading = {
    basedOn: S.heading[2],
    next: S.normal,
    run: { font: head, size: halfPoints(sizes.subsection), bold, color: hex(colors.heading) },
  };

  const paragraphStyles: IParagraphStyleOptions[] = [
    {
      id: S.normal,
      name: 'Normal',
      quickFormat: true,
      paragraph: {
        alignment: justify,
        indent: { firstLine: em(typo.firstLineIndentEm) },
        spacing: { before: 0, after: twips(typo.paragraphSpacing), ...lineSpacing(sizes.body, typo.lineHeight) },
      },
      run: { font: body, size: halfPoints(sizes.body), color: text, language },
    },
    paragraph(S.firstParagraph, 'First Paragraph', {
      next: S.normal,
      paragraph: { indent: { firstLine: 0 } },
    }),
    paragraph(S.title, 'Title', {
      uiPriority: 10,
      paragraph: {
        alignment: AlignmentType.CENTER,
        indent: noIndent,
        spacing: { before: 0, after: twips(spacing.chapterAfter), ...singleLine },
        keepNext: true,
      },
      run: { font: head, size: halfPoints(sizes.title), bold, color: hex(colors.heading) },
    }),
    paragraph(S.subtitle, 'Subtitle', {
      uiPriority: 11,
      paragraph: {
        alignment: AlignmentType.CENTER,
        indent: noIndent,
        spacing: { before: 0, after: twips(spacing.chapterAfter), ...singleLine },
        keepNext: true,
      },
      run: { font: head, size: halfPoints(sizes.subtitle), color: hex(colors.heading) },
    }),
    paragraph(S.author, 'Author', {
      paragraph: {
        alignment: AlignmentType.RIGHT,
        indent: noIndent,
        spacing: { before: twips(spacing.sectionBefore), after: 0, ...singleLine },
        keepNext: true,
      },
      run: { size: halfPoints(sizes.author) },
    }),
    paragraph(S.affiliation, 'Affiliation', {
      basedOn: S.author,
      paragraph: { spacing: { before: 0, after: twips(spacing.sectionBefore) } },
      run: { size: halfPoints(sizes.notice + (sizes.author - sizes.notice) / 2) },
    }),
    paragraph(S.notice, 'Notice', {
      paragraph: {
        alignment: AlignmentType.LEFT,
        // With a mark (※), the lines after the first align with the text after the mark and its tab.
        indent: ls.strings.noticeMark.trim() ? { left: twips(indent.notice), hanging: twips(indent.notice) } : noIndent,
        spacing: { before: 0, after: 0, ...lineSpacing(sizes.notice, typo.noteLineHeight) },
      },
      run: { size: halfPoints(sizes.notice), color: hex(colors.muted) },
    }),
    paragraph(S.tocHeading, 'TOC Heading', {
      uiPriority: 39,
      paragraph: {
        alignment: AlignmentType.LEFT,
        indent: noIndent,
        spacing: { before: twips(spacing.chapterBefore), after: twips(spacing.sectionAfter), ...singleLine },
        keepNext: true,
      },
      run: { font: head, size: halfPoints(sizes.section), bold, color: hex(colors.heading) },
    }),
    ...([0, 1, 2] as const).map((level) =>
      paragraph(`TOC${level + 1}`, `toc ${level + 1}`, {
        uiPriority: 39,
        quickFormat: false,
        paragraph: {
          alignment: AlignmentType.LEFT,
          indent: { firstLine: 0, left: twips(indent.contents(level)) },
          spacing: { before: 0, after: 0, ...lineSpacing(sizes.body, typo.noteLineHeight) },
        },
      }),
    ),
    headingStyle(0),
    headingStyle(1),
    headingStyle(2),
    paragraph(S.footnoteText, 'footnote text', {
      uiPriority: 99,
      quickFormat: false,
      link: 'FootnoteTextChar',
      ...noteFirst,
    }),
    paragraph(S.footnoteContinued, 'Footnote Text Continued', {
      next: S.footnoteContinued,
      quickFormat: false,
      ...noteContinued,
    }),
    // Notes gathered at the end of each chapter: a heading (no outline level, so it stays out of the contents) and the notes.
    ...(chapterEnd
      ? [
          paragraph(S.notesHeading, 'Notes Heading', {
            next: S.noteText,
            paragraph: {
              alignment: AlignmentType.LEFT,
              indent: noIndent,
              spacing: { before: twips(spacing.sectionBefore), after: twips(spacing.subsectionAfter), ...singleLine },
              keepNext: true,
              keepLines: true,
            },
            run: { font: head, size: halfPoints(sizes.subsection), bold, color: hex(colors.heading) },
          }),
          paragraph(S.noteText, 'Note Text', {
            next: S.noteText,
            ...noteFirst,
          }),
          paragraph(S.noteTextContinued, 'Note Text Continued', {
            next: S.noteTextContinued,
            quickFormat: false,
            ...noteContinued,
          }),
        ]
      : []),
    paragraph(S.caption, 'caption', {
      uiPriority: 35,
      paragraph: {
        alignment: AlignmentType.CENTER,
        indent: noIndent,
        spacing: { before: twips(spacing.figureBefore), after: twips(spacing.subsectionAfter), ...singleLine },
        keepNext: true,
        keepLines: true,
      },
      run: { font: head, size: halfPoints(sizes.caption), color: hex(colors.heading), bold },
    }),
    paragraph(S.figure, 'Figure', {
      paragraph: {
        alignment: AlignmentType.CENTER,
        indent: noIndent,
        spacing: { before: 0, after: 0, ...singleLine },
        keepNext: true,
      },
    }),
    paragraph(S.figureSource, 'Figure Source', {
      paragraph: {
        alignment: AlignmentType.LEFT,
        indent: noIndent,
        spacing: { before: twips(spacing.subsectionAfter), after: twips(spacing.figureAfter), ...singleLine },
      },
      run: { size: halfPoints(sizes.caption), color: hex(colors.muted) },
    }),
    paragraph(S.tableText, 'Table Text', {
      paragraph: {
        alignment: AlignmentType.LEFT,
        indent: noIndent,
        spacing: { before: 0, after: 0, ...lineSpacing(sizes.table, typo.noteLineHeight) },
      },
      run: { size: halfPoints(sizes.table) },
    }),
    paragraph(S.tableHeading, 'Table Heading', {
      basedOn: S.tableText,
      next: S.tableText,
      paragraph: { alignment: AlignmentType.CENTER, keepNext: true },
      run: { font: head, bold },
    }),
    // A row's header cell: set as a heading, but not kept with the next row (a table of row headers would
    // otherwise be one unbreakable chain, moved whole to a new page).
    paragraph(S.tableRowHeading, 'Table Row Heading', {
      basedOn: S.tableText,
      next: S.tableText,
      run: { font: head, bold },
    }),
    paragraph(S.quote, 'Quote', {
      uiPriority: 29,
      // Set off by the space the PDF and EPUB give a quotation; its paragraphs join without it.
      paragraph: {
        indent: { left: twips(indent.quote), right: twips(indent.quote), firstLine: 0 },
        spacing: { before: twips(spacing.figureBefore), after: twips(spacing.figureBefore) },
        contextualSpacing: true,
      },
    }),
    // A quotation's later paragraphs are indented, as in the PDF and EPUB.
    paragraph(S.quoteContinued, 'Quote Continued', {
      basedOn: S.quote,
      next: S.quoteContinued,
      quickFormat: false,
      paragraph: { indent: { left: twips(indent.quote), right: twips(indent.quote), firstLine: em(typo.firstLineIndentEm) }, spacing: { before: 0 } },
    }),
    // A quotation's attribution (— Name): flush right.
    paragraph(S.quoteAttribution, 'Quote Attribution', {
      basedOn: S.quote,
      next: S.normal,
      quickFormat: false,
      paragraph: { alignment: AlignmentType.RIGHT, indent: { left: twips(indent.quote), right: twips(indent.quote), firstLine: 0 }, spacing: { before: 0 } },
    }),
    paragraph(S.code, 'Source Code', {
      paragraph: {
        alignment: AlignmentType.LEFT,
        indent: { firstLine: 0, left: twips(indent.code) },
        spacing: { before: twips(spacing.subsectionBefore), after: twips(spacing.subsectionBefore), ...singleLine },
      },
      run: { size: halfPoints(sizes.table), font: code },
    }),
    paragraph(S.rule, 'Rule', {
      paragraph: {
        indent: noIndent,
        spacing: { before: twips(spacing.figureBefore), after: twips(spacing.figureAfter), ...singleLine },
        border: { bottom: { style: BorderStyle.SINGLE, size: borderSize(rule), color: hex(colors.rule), space: 1 } },
      },
    }),
    paragraph(S.listParagraph, 'List Paragraph', {
      uiPriority: 34,
      paragraph: { indent: { firstLine: 0 } },
    }),
    paragraph(S.header, 'header', {
      uiPriority: 99,
      quickFormat: false,
      paragraph: { alignment: AlignmentType.RIGHT, indent: noIndent, spacing: { before: 0, after: 0, ...singleLine } },
      run: { size: halfPoints(sizes.runningHead), color: hex(colors.muted) },
    }),
    // The first page's head: the series line over a rule in the accent colour, as on the printed title page.
    paragraph(S.titlePageHeader, 'Title Page Header', {
      basedOn: S.header,
      next: S.header,
      quickFormat: false,
      paragraph: {
        alignment: AlignmentType.LEFT,
        border: { bottom: { style: BorderStyle.SINGLE, size: borderSize(rule * template.proportions.titleBlock.seriesRuleWeight), color: hex(colors.accent), space: 2 } },
      },
    }),
    paragraph(S.footer, 'footer', {
      uiPriority: 99,
      quickFormat: false,
      paragraph: { alignment: AlignmentType.CENTER, indent: noIndent, spacing: { before: 0, after: 0, ...singleLine } },
      run: { size: halfPoints(sizes.folio) },
    }),
  ];

  const characterStyles: ICharacterStyleOptions[] = [
    {
      id: S.footnoteReference,
      name: 'footnote reference',
      basedOn: 'DefaultParagraphFont',
      uiPriority: 99,
      run: { superScript: true },
    },
    {
      id: S.hyperlink,
      name: 'Hyperlink',
      basedOn: 'DefaultParagraphFont',
      uiPriority: 99,
      run: { color: hex(colors.link) },
    },
    ...(chapterEnd ? [{ id: S.noteReference, name: 'Note Reference', basedOn: 'DefaultParagraphFont', uiPriority: 99, run: { superScript: true } }] : []),
    { id: S.strong, name: 'Strong', basedOn: 'DefaultParagraphFont', uiPriority: 22, quickFormat: true, run: { bold: true } },
    { id: S.emphasis, name: 'Emphasis', basedOn: 'DefaultParagraphFont', uiPriority: 20, quickFormat: true, run: { italics: true } },
    { id: S.verbatim, name: 'Verbatim Char', basedOn: 'DefaultParagraphFont', run: { font: code } },
  ];

  return {
    default: {
      document: {
        run: { font: body, size: halfPoints(sizes.body), color: text, language },
        paragraph: { spacing: { before: 0, after: 0 } },
      },
      // Styles the library always writes: matched to the template, so nothing keeps Word's defaults.
      footnoteTextChar: { run: { size: halfPoints(sizes.note) } },
      heading4: lowerHeading,
      heading5: lowerHeading,
      heading6: lowerHeading,
    },
    paragraphStyles,
    characterStyles,
  };
}

/**
 * What the docx style options cannot express, added to the styles part:
 * widow and orphan control for every paragraph (document defaults) and the
 * table style.
 */
export function finishStyles(stylesXml: string, context: StyleContext): string {
  let out = stylesXml;
  // Word adds space where Japanese meets Latin letters or digits unless told not to; the template decides.
  const autoSpace = context.ls.typography.interScriptSpaceEm > 0 ? '' : '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>';
  const defaults = `<w:widowControl/>${autoSpace}`;
  if (/<w:pPrDefault>\s*<w:pPr>/.test(out)) {
    out = out.replace(/<w:pPrDefault>\s*<w:pPr>/, (m) => `${m}${defaults}`);
  } else {
    out = out.replace(/<w:pPrDefault\/>|<w:pPrDefault><\/w:pPrDefault>/, `<w:pPrDefault><w:pPr>${defaults}</w:pPr></w:pPrDefault>`);
  }
  return out.replace(/<\/w:styles>\s*$/, `${tableStyleXml(context.template, context.ls)}</w:styles>`);
}

/** The table style: rules of `spacing.ruleWidth` in the table colour, cells padded by `spacing.tableCellPadding`, a shaded header row. */
function tableStyleXml(template: Template, ls: LanguageStyle): string {
  const { colors, spacing } = template;
  const rule = hex(colors.tableRule);
  const size = borderSize(spacing.ruleWidth);
  const pad = twips(spacing.tableCellPadding);
  const border = (side: string) => `<w:${side} w:val="single" w:sz="${size}" w:space="0" w:color="${rule}"/>`;
  const margin = (side: string) => `<w:${side} w:w="${pad}" w:type="dxa"/>`;
  const bold = ls.typography.headingBold ? '<w:b/><w:bCs/>' : '';
  return (
    `<w:style w:type="table" w:customStyle="1" w:styleId="${S.table}">` +
    `<w:name w:val="Report Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>` +
    `<w:pPr><w:spacing w:before="0" w:after="0"/><w:ind w:firstLine="0"/><w:jc w:val="left"/></w:pPr>` +
    `<w:tblPr><w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders>` +
    `<w:tblCellMar>${['top', 'left', 'bottom', 'right'].map(margin).join('')}</w:tblCellMar></w:tblPr>` +
    `<w:tblStylePr w:type="firstRow"><w:rPr>${bold}</w:rPr>` +
    `<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="${hex(colors.tableHeaderFill)}"/></w:tcPr></w:tblStylePr>` +
    `</w:style>`
  );
}

/**
 * Font table entries for the template's families: their class (serif →
 * roman, sans-serif → swiss, the code face modern with a fixed pitch) and character set (Japanese families: Shift
 * JIS), so Word substitutes a face of the same kind where a family is not
 * installed (a Mincho for a serif Japanese family, a Gothic for a sans one).
 */
export function finishFontTable(fontTableXml: string, ls: LanguageStyle, italicLatin: readonly string[] = []): string {
  const entries = new Map<string, { family: string; charset: string }>();
  for (const role of [ls.fonts.body, ls.fonts.heading]) {
    const family = role.generic === 'serif' ? 'roman' : 'swiss';
    entries.set(role.latin, entries.get(role.latin) ?? { family, charset: role.latin === role.cjk ? '80' : '00' });
    entries.set(role.cjk, { family, charset: '80' });
  }
  // The Latin faces that set emphasis in italics where the running face has none (Japanese editions), when they do.
  for (const family of italicLatin) if (!entries.has(family)) entries.set(family, { family: 'roman', charset: '00' });
  // The code face, where it is not a body or heading face already (its Japanese face usually is).
  const code = ls.fonts.code;
  if (code && !entries.has(code.latin)) entries.set(code.latin, { family: 'modern', charset: code.latin === code.cjk ? '80' : '00' });
  if (code && !entries.has(code.cjk)) entries.set(code.cjk, { family: 'modern', charset: '80' });
  const fonts = [...entries]
    .map(
      ([name, e]) =>
        `<w:font w:name="${escapeAttribute(name)}"><w:charset w:val="${e.charset}"/><w:family w:val="${e.family}"/><w:pitch w:val="${e.family === 'modern' ? 'fixed' : 'variable'}"/></w:font>`,
    )
    .join('');
  if (/<w:fonts\b[^>]*\/>/.test(fontTableXml)) return fontTableXml.replace(/<w:fonts\b([^>]*?)\/>/, `<w:fonts$1>${fonts}</w:fonts>`);
  return fontTableXml.replace(/<\/w:fonts>/, `${fonts}</w:fonts>`);
}
