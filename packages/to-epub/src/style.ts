/**
 * The style sheet, generated from the template. Sizes and spacing are given
 * relative to the body size (em), so a reader's own text size applies to the
 * whole book; the body size itself is left to the reading system.
 */
import { isCjk } from '@brief/document-model';
import { hasOwnVariant, stackOrder } from '@brief/fonts';
import { citationItalicRole, codeFonts, counterSymbols, listBullet, listCounterStyle, type CounterStyle, type FontRole, type LanguageStyle, type Template } from '@brief/templates';

/** The style sheet in the package. */
export const cssHref = 'styles/book.css';

/** CSS's list style of each counter style (full-width digits have none of their own). */
const cssCounter: Record<CounterStyle, string> = {
  decimal: 'decimal',
  'fullwidth-decimal': 'decimal',
  // CSS has no keyword for ① ②: a counter style of the sheet's own (decimal where a reading system lacks @counter-style).
  'circled-decimal': 'circled-decimal',
  // ア イ with a space after them (CSS's own katakana takes 、 after): a counter style of the sheet's own, extending it.
  'katakana-aiueo': 'katakana-aiueo',
  'lower-alpha': 'lower-alpha',
  'upper-alpha': 'upper-alpha',
  'lower-roman': 'lower-roman',
  'upper-roman': 'upper-roman',
};

/**
 * A CSS font stack for a role: its families and fallback families (for
 * Japanese text its Japanese family first; otherwise in `stackOrder`, as the
 * PDF looks for a sign), then the generic family.
 */
export function fontStack(role: FontRole, order: 'main' | 'cjk' = 'main'): string {
  const names = order === 'cjk' ? [role.cjk, role.family, role.latin, ...(role.fallback ?? [])] : stackOrder(role);
  const unique = [...new Set(names.filter(Boolean))];
  return [...unique.map((n) => `"${n.replace(/["\\]/g, '')}"`), role.generic].join(', ');
}

/** A CSS string literal. */
function cssString(value: string): string {
  return `"${value.replace(/["\\]/g, (c) => `\\${c}`).replace(/\n/g, '\\a ')}"`;
}

/** A number with at most four decimals, no trailing zeros. */
function num(n: number): string {
  return String(Math.round(n * 10000) / 10000);
}

export interface CssOptions {
  template: Template;
  style: LanguageStyle;
  /** `@font-face` rules of embedded fonts, if any. */
  fontFaces?: string;
}

export function stylesheet({ template, style, fontFaces }: CssOptions): string {
  const { sizes, colors, spacing } = template;
  const t = style.typography;
  const em = (pt: number): string => `${num(pt / sizes.body)}em`;
  const codeEm = (pt: number): string => `${num(pt / sizes.table)}em`;
  const mmToEm = (mm: number): string => em((mm * 72) / 25.4);
  const body = fontStack(style.fonts.body);
  const heading = fontStack(style.fonts.heading);
  const citationItalic = citationItalicRole(style.fonts.body);
  const headingWeight = t.headingBold === false ? 'normal' : 'bold';
  const justify = t.justify ? 'justify' : 'start';
  const indent = `${num(t.firstLineIndentEm)}em`;
  const baseLang = (style.lang.split('-')[0] ?? style.lang).toLowerCase();
  const cjkEdition = ['ja', 'zh', 'ko'].includes(baseLang);
  // Thin rules (the note rule, table rules) in points: a rule keeps its weight whatever the text size.
  const rule = `${num(spacing.ruleWidth)}pt`;
  const cellPadding = em(spacing.tableCellPadding);
  // A list's bullet by its depth, followed by a space unless it is a full-width character (・), which carries its own.
  const bullet = (depth: number) => {
    const mark = listBullet(style, depth);
    return cssString([...mark].every((ch) => isCjk(ch.codePointAt(0) ?? 0)) ? mark : `${mark} `);
  };
  // Lists inside list items, as the PDF and Word editions mark them.
  const inside = ['ul', 'ol'];
  const atDepth = (tag: string, depth: number): string[] => (depth === 0 ? [tag] : inside.flatMap((outer) => atDepth(outer, depth - 1).map((sel) => `${sel} ${tag}`)));
  const nestedLists = [1, 2].flatMap((depth) => [
    `${atDepth('ul', depth).join(', ')} { list-style-type: ${bullet(depth)}; }`,
    `${atDepth('ol', depth).join(', ')} { list-style-type: ${cssCounter[listCounterStyle(style, depth)]}; }`,
  ]);
  const counters = [0, 1, 2].map((depth) => listCounterStyle(style, depth));
  // An ordered list in the text, when not decimal (ja ① ②); and the circled numbers as a counter style, when used.
  const listCounters = [
    counters[0] !== 'decimal' ? `ol { list-style-type: ${cssCounter[counters[0]!]}; }` : '',
    counters.includes('circled-decimal') ? `@counter-style circled-decimal { system: fixed; symbols: ${counterSymbols('circled-decimal').map(cssString).join(' ')}; suffix: " "; }` : '',
    counters.includes('katakana-aiueo') ? '@counter-style katakana-aiueo { system: extends katakana; suffix: " "; }' : '',
  ];
  const chapterEnd = template.notes.placement === 'chapter-end';
  // A paragraph right after a heading, or after one or two figures (or tables) right after a heading.
  const floats = ['figure', '.table-wrap'];
  const afterHeading = ['h1', 'h2', 'h3'].flatMap((h) => [`${h} + p`, ...floats.map((f) => `${h} + ${f} + p`), ...floats.flatMap((f) => floats.map((g) => `${h} + ${f} + ${g} + p`))]);

  const rules: string[] = [
    '@charset "UTF-8";',
    fontFaces ?? '',
    `html { writing-mode: horizontal-tb; -epub-writing-mode: horizontal-tb; }`,
    // A word wider than the column (a long identifier, a code line) breaks where it would overflow, rather than run off the page.
    `body { font-family: ${body}; color: ${colors.text}; line-height: ${num(t.lineHeight)}; overflow-wrap: break-word; }`,
    // Body text.
    `p { margin: ${em(t.paragraphSpacing)} 0 0 0; text-indent: ${indent}; text-align: ${justify}; line-break: strict; -epub-line-break: strict; widows: 2; orphans: 2; }`,
    t.hyphenate ? 'p, li, td, th { hyphens: auto; -epub-hyphens: auto; }' : '',
    // Space where Japanese meets Latin letters or digits, where the reading system supports it.
    t.interScriptSpaceEm > 0 ? 'p, li, td, th, h1, h2, h3, figcaption, caption { text-autospace: normal; }' : '',
    // Emphasis as the PDF sets it: in italics when the body's Latin face has them, else upright in
    // the heading faces (a reading system would otherwise slant Japanese text it has no italic for).
    hasOwnVariant(style.fonts.body.latin, 'italics') ? '' : `em { font-style: normal; font-family: ${heading}; }`,
    // A citation's italics (a foreign work's title, cited as English notes cite it) stay italic, in a Latin face that has them.
    citationItalic ? `.citation em { font-style: italic; font-family: ${fontStack(citationItalic)}; }` : '',
    // Latin words in emphasis (a work's title) stay italic there too, as in the PDF and the Word file.
    citationItalic ? `em [lang]:not([lang|="ja"]) { font-style: italic; font-family: ${fontStack(citationItalic)}; }` : '',
    `a { color: ${colors.link}; }`,
    // A URL shown as itself breaks at its Chicago points (\`<wbr>\`: inlines.ts), and elsewhere only where it would
    // overflow; so does code. \`anywhere\`, unlike \`break-word\`, lets a table column holding one narrow down too.
    `a.external { text-decoration: underline; overflow-wrap: anywhere; }`,
    // Where URLs break anywhere (Japanese practice, \`typography.urlBreakAnywhere\`), the line before one is filled, not spread.
    t.urlBreakAnywhere ? 'a.url { word-break: break-all; }' : '',
    // A short table cell (事前防災) is not broken between its Japanese characters.
    'td.whole, th.whole { white-space: nowrap; }',
    // Dashes in a row (――) stay on one line, as in the PDF (`japaneseText` in inlines.ts).
    '.dashes { white-space: nowrap; }',
    'code { overflow-wrap: anywhere; }',
    // Cross-references are underlined (dotted): a link in running text must not be told apart by its colour alone (WCAG 1.4.1).
    // A cross-reference's label is one unit (図表1, Figure 1, 2.(1)): no line breaks inside it, as in the PDF.
    `a.xref { text-decoration: underline; text-decoration-style: dotted; white-space: nowrap; }`,
    `a.noteref { text-decoration: none; }`,
    `sup { font-size: ${template.proportions.superscript.epub}; line-height: 0; vertical-align: super; }`,
    // Code is never hyphenated: a hyphen at the line's end would read as part of the identifier.
    `code, pre { font-family: ${fontStack(codeFonts(style.fonts))}; hyphens: manual; -epub-hyphens: manual; }`,
    // The block's margins in its own (smaller) em: points over the code size.
    // Each code line a block of its own, its wrapped part hanging at its indentation (blocks.ts codeLines).
    `pre span.code-line { display: block; }`,
    `pre { white-space: pre-wrap; tab-size: ${template.proportions.codeTabColumns}; font-size: ${em(sizes.table)}; line-height: ${num(template.proportions.codeLineHeight)}; margin: ${codeEm(spacing.subsectionBefore)} 0 ${codeEm(spacing.subsectionBefore)} ${codeEm(template.proportions.indents.code * sizes.body)}; }`,
    `blockquote { margin: ${em(spacing.figureBefore)} ${num(t.firstLineIndentEm || 1)}em; }`,
    'blockquote > p:first-child { text-indent: 0; }',
    // A paragraph that continues the sentence before a display.
    'p.continues { text-indent: 0; }',
    // A quotation's attribution (— Name), flush right, on the page of the words above it.
    'p.attribution { text-align: right; text-indent: 0; hyphens: manual; -epub-hyphens: manual; page-break-before: avoid; break-before: avoid; }',
    `ul, ol { margin: ${em(spacing.sectionAfter)} 0; }`,
    `ul { list-style-type: ${bullet(0)}; }`,
    ...listCounters,
    ...nestedLists,
    // A task's box stands where an unordered list's bullet would (after an ordered list's number, in the text).
    'ul > li.task { list-style-type: none; }',
    'ul > li.task .task-box:first-child { display: inline-block; width: 1.25em; margin-left: -1.25em; text-indent: 0; }',
    // A list item's text is set as a paragraph is (as in print), whether or not the item holds a paragraph of its own.
    `li { text-align: ${justify}; }`,
    // A list item's later paragraphs are indented, as in print.
    `li p { text-indent: 0; }`,
    `li p + p { text-indent: ${indent}; }`,
    `hr { border: 0; border-top: ${rule} solid ${colors.rule}; }`,
    // Headings.
    `h1, h2, h3, h4 { font-family: ${heading}; color: ${colors.heading}; font-weight: ${headingWeight}; text-align: start; text-indent: 0; line-break: strict; -epub-line-break: strict; page-break-after: avoid; break-after: avoid; line-height: ${num(t.noteLineHeight)}; }`,
    `h1 { font-size: ${em(sizes.chapter)}; margin: ${em(spacing.chapterBefore)} 0 ${em(spacing.chapterAfter)} 0; }`,
    `h2 { font-size: ${em(sizes.section)}; margin: ${em(spacing.sectionBefore)} 0 ${em(spacing.sectionAfter)} 0; }`,
    `h3 { font-size: ${em(sizes.subsection)}; margin: ${em(spacing.subsectionBefore)} 0 ${em(spacing.subsectionAfter)} 0; }`,
    // The text's first paragraph too, when it comes before any heading (a memo without chapters).
    // Flush after a heading, and after figures that follow one; the paragraph after a figure in the text continues it, indented (as in the PDF).
    t.indentAfterHeading === false ? `${afterHeading.join(', ')}, section.preamble > p:first-child { text-indent: 0; }` : '',
    // Figures and tables.
    `figure { margin: ${em(spacing.figureBefore)} 0 ${em(spacing.figureAfter)} 0; page-break-inside: avoid; break-inside: avoid; }`,
    `figcaption, caption { font-family: ${heading}; font-weight: ${headingWeight}; font-size: ${em(sizes.caption)}; color: ${colors.heading}; text-align: center; line-height: ${num(t.noteLineHeight)}; margin-bottom: ${em(spacing.sectionAfter)}; }`,
    `caption { caption-side: top; }`,
    `.figure-body { text-align: center; text-indent: 0; }`,
    // A tall picture fits the screen whole (its width follows, keeping its proportions).
    `.figure-body img { max-width: 100%; height: auto; max-height: ${num(template.proportions.figureMaxHeight.epub * 100)}vh; object-fit: contain; }`,
    `p.figure-source, p.figure-note { font-size: ${em(sizes.caption)}; text-indent: 0; text-align: start; color: ${colors.muted}; margin-top: ${em(spacing.sectionAfter)}; line-height: ${num(t.noteLineHeight)}; }`,
    // Notes under a figure and its source line follow one another without space between.
    `p.figure-note + p.figure-note, p.figure-note + p.figure-source { margin-top: 0; }`,
    `.table-wrap { overflow-x: auto; }`,
    `table { border-collapse: collapse; width: 100%; font-size: ${em(sizes.table)}; line-height: ${num(t.noteLineHeight)}; margin: ${em(spacing.figureBefore)} 0 0 0; }`,
    `figure table { margin-top: 0; }`,
    `th, td { border: ${rule} solid ${colors.tableRule}; padding: ${cellPadding}; vertical-align: top; text-align: start; line-break: strict; -epub-line-break: strict; }`,
    `th { background-color: ${colors.tableHeaderFill}; font-family: ${heading}; font-weight: ${headingWeight}; }`,
    `td.group-continues { border-bottom-style: hidden; }`,
    `.align-left { text-align: left; } .align-center { text-align: center; } .align-right { text-align: right; }`,
    // Notes after each chapter's text: opened by a short rule (page-foot notes in print) or a heading (chapter-end notes).
    ...(chapterEnd
      ? [`section.footnotes { margin-top: ${em(spacing.sectionBefore)}; }`, `h2.notes-heading { font-size: ${em(sizes.subsection)}; margin: 0 0 ${em(spacing.subsectionAfter)} 0; }`]
      : [
          `section.footnotes { margin-top: ${em(spacing.noteAreaGap + spacing.chapterBefore)}; }`,
          `section.footnotes::before { content: ""; display: block; width: ${mmToEm(spacing.noteRuleMm)}; max-width: 40%; border-top: ${rule} solid ${colors.rule}; margin-bottom: ${em(spacing.noteAreaGap)}; }`,
        ]),
    `aside.footnote { font-size: ${em(sizes.note)}; line-height: ${num(t.noteLineHeight)}; margin: ${em(spacing.noteSpacing)} 0 0 0; }`,
    `aside.footnote p { text-indent: 0; margin: 0; text-align: ${justify}; }`,
    // A note's later paragraphs are indented, after a list too, as in print.
    `aside.footnote p:not(:first-child) { text-indent: ${indent}; }`,
    `a.note-number { text-decoration: none; font-weight: bold; }`,
    // Title page.
    `.titlepage { text-align: start; }`,
    `.titlepage p { text-indent: 0; text-align: start; }`,
    `.titlepage .series { font-family: ${heading}; font-weight: ${headingWeight}; font-size: ${em(sizes.runningHead)}; color: ${colors.muted}; border-bottom: 2px solid ${colors.accent}; padding-bottom: ${em(spacing.sectionAfter)}; }`,
    `.titlepage h1 { font-size: ${em(sizes.title)}; margin: ${em(spacing.chapterBefore * 2)} 0 ${em(spacing.chapterAfter)} 0; }`,
    `.titlepage .subtitle { font-family: ${heading}; font-weight: ${headingWeight}; font-size: ${em(sizes.subtitle)}; margin-bottom: ${em(spacing.chapterAfter)}; }`,
    `.titlepage .authors { margin: ${em(spacing.chapterBefore)} 0; }`,
    `.titlepage .author { font-size: ${em(sizes.author)}; text-align: end; margin: 0; }`,
    `.titlepage .affiliation { font-size: ${em(sizes.notice)}; }`,
    `.titlepage .dateline p { font-size: ${em(sizes.notice)}; text-align: end; margin: 0; }`,
    `.titlepage .notices { margin-top: ${em(spacing.chapterBefore)}; }`,
    `.titlepage .notices, .titlepage .meta { font-size: ${em(sizes.notice)}; color: ${colors.muted}; line-height: ${num(t.noteLineHeight)}; }`,
    `.titlepage .notices p, .titlepage .meta p { margin: ${em(spacing.noteSpacing)} 0 0 0; }`,
    // Contents.
    `nav#toc ol { list-style: none; padding-left: 0; margin: 0; }`,
    `nav#toc ol ol { padding-left: 1.5em; }`,
    `nav li { text-align: start; }`,
    `nav#toc li { margin: ${em(spacing.sectionAfter)} 0 0 0; }`,
    `nav#toc a { text-decoration: none; color: ${colors.text}; }`,
    // Cover.
    `body.cover { margin: 0; padding: 0; text-align: center; }`,
    `body.cover div.cover-image { margin: 0; padding: 0; text-align: center; text-indent: 0; height: 100vh; }`,
    `body.cover img { max-width: 100%; max-height: 100%; height: auto; }`,
  ];
  if (!cjkEdition) {
    // Japanese runs in another language's text use the template's Japanese faces.
    rules.push(`:lang(ja) { font-family: ${fontStack(style.fonts.body, 'cjk')}; }`);
    const headingContexts = ['h1', 'h2', 'h3', 'th', 'figcaption', 'caption', '.titlepage .series', '.titlepage .subtitle'];
    rules.push(`${headingContexts.map((c) => `${c} :lang(ja)`).join(', ')} { font-family: ${fontStack(style.fonts.heading, 'cjk')}; }`);
  }
  return `${rules.filter(Boolean).join('\n')}\n`;
}
