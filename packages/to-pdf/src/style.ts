/**
 * The house style resolved for one edition, in points: page geometry, the
 * text column, and one text style per role (body, notes, headings, captions,
 * tables, title block). Every value comes from the template.
 */
import type { DocumentModel, LanguageTag } from '@brief/document-model';
import { drawnFallback, hasOwnVariant } from '@brief/fonts';
import { citationItalicFamily, codeFonts, languageStyle, type LanguageStyle, type Template } from '@brief/templates';
import type { FontRole, TextContext } from './inlines.js';
import type { AtomStore } from './atom-store.js';
import { hyphenatorFor } from '@brief/fonts';
import type { Face, Metrics } from './metrics.js';

export const PT_PER_MM = 72 / 25.4;

export interface TextStyle {
  size: number;
  /** Line pitch (baseline to baseline). */
  pitch: number;
  fonts: FontRole;
  bold: boolean;
  color: string;
}

export interface PageStyle {
  width: number;
  height: number;
  top: number;
  bottom: number;
  inner: number;
  outer: number;
  /** Baseline of the running head, from the page top. */
  headBaseline: number;
  /** Baseline of the folio, from the page top. */
  folioBaseline: number;
}

export interface PdfStyle {
  template: Template;
  lang: LanguageStyle;
  /** The edition's language. */
  langTag: LanguageTag;
  metrics: Metrics;
  page: PageStyle;
  /** Width of the text column (a whole number of body characters in Japanese). */
  measure: number;
  /** Height of the body area (top margin to bottom margin). */
  bodyHeight: number;
  body: TextStyle;
  note: TextStyle;
  chapter: TextStyle;
  section: TextStyle;
  subsection: TextStyle;
  caption: TextStyle;
  source: TextStyle;
  table: TextStyle;
  title: TextStyle;
  subtitle: TextStyle;
  author: TextStyle;
  notice: TextStyle;
  runningHead: TextStyle;
  folio: TextStyle;
  contents: TextStyle;
  emphasisItalic: boolean;
  emphasisFonts: FontRole;
  /** The Latin family of a citation's italics where emphasis is not italic (see `TextContext`). */
  citationItalicLatin?: string;
  codeFonts: FontRole;
  interScriptEm: number;
  /** URLs break between any two characters at a Chicago point's cost (`typography.urlBreakAnywhere`). */
  urlBreakAnywhere: boolean;
  indentEm: number;
  /** Hyphenation of Latin words, when the template asks for it and patterns exist. */
  hyphenate?: (word: string) => string[];
  /** Atoms of paragraphs composed in earlier builds (see atom-store). */
  atoms?: AtomStore;
  /** Width of thin rules (note rule, table rules, boxes). */
  ruleWidth: number;
  cellPadding: number;
}

/** Resolve the template for one edition. */
export function resolveStyle(doc: DocumentModel, template: Template, metrics: Metrics, atoms?: AtomStore): PdfStyle {
  const lang = languageStyle(template, doc.meta.lang);
  const t = lang.typography;
  const sizes = template.sizes;
  const colors = template.colors;
  const mm = (v: number) => v * PT_PER_MM;
  const m = template.page.margin;
  const page: PageStyle = {
    width: mm(template.page.widthMm),
    height: mm(template.page.heightMm),
    top: mm(m.top),
    bottom: mm(m.bottom),
    inner: mm(m.inner),
    outer: mm(m.outer),
    headBaseline: mm(m.top - template.page.headerHeightMm),
    folioBaseline: mm(template.page.heightMm - m.bottom + template.page.footerHeightMm),
  };
  // Each role with its fallback families (registered with pdfmake by layout's familiesOf).
  const role = (r: { latin: string; cjk: string; fallback?: string[] }): FontRole => {
    const fallback = drawnFallback(r);
    return { latin: r.latin, cjk: r.cjk, ...(fallback.length > 0 ? { fallback } : {}) };
  };
  const body = role(lang.fonts.body);
  const heading = role(lang.fonts.heading);
  // Code in the template's monospace face, Japanese in it in the role's Japanese face (else the heading faces).
  const code = role(codeFonts(lang.fonts));
  const headingBold = t.headingBold;
  const p = template.proportions;
  const text = (size: number, lineHeight: number, fonts: FontRole, bold: boolean, color: string): TextStyle => ({
    size,
    pitch: size * lineHeight,
    fonts,
    bold,
    color,
  });
  const fullMeasure = page.width - page.inner - page.outer;
  const measure = t.gridMeasure ? Math.floor(fullMeasure / sizes.body + 1e-9) * sizes.body : fullMeasure;
  const headingLead = Math.max(p.headingLineHeight.min, Math.min(t.lineHeight, p.headingLineHeight.max));
  const emphasisItalic = hasOwnVariant(body.latin, 'italics');
  const citationItalic = citationItalicFamily(body);
  return {
    template,
    lang,
    langTag: doc.meta.lang,
    metrics,
    page,
    measure,
    bodyHeight: page.height - page.top - page.bottom,
    body: text(sizes.body, t.lineHeight, body, false, colors.text),
    note: text(sizes.note, t.noteLineHeight, body, false, colors.text),
    chapter: text(sizes.chapter, headingLead, heading, headingBold, colors.heading),
    section: text(sizes.section, headingLead, heading, headingBold, colors.heading),
    subsection: text(sizes.subsection, headingLead, heading, headingBold, colors.heading),
    caption: text(sizes.caption, t.noteLineHeight, heading, headingBold, colors.heading),
    source: text(sizes.notice, t.noteLineHeight, body, false, colors.muted),
    table: text(sizes.table, t.noteLineHeight, body, false, colors.text),
    title: text(sizes.title, headingLead, heading, headingBold, colors.heading),
    subtitle: text(sizes.subtitle, headingLead, heading, false, colors.heading),
    author: text(sizes.author, headingLead, body, false, colors.text),
    notice: text(sizes.notice, t.noteLineHeight, body, false, colors.muted),
    runningHead: text(sizes.runningHead, p.marginalLineHeight, body, false, colors.muted),
    folio: text(sizes.folio, p.marginalLineHeight, body, false, colors.text),
    contents: text(sizes.caption, t.noteLineHeight, body, false, colors.text),
    emphasisItalic,
    emphasisFonts: emphasisItalic ? body : heading,
    ...(citationItalic ? { citationItalicLatin: citationItalic } : {}),
    codeFonts: code,
    interScriptEm: t.interScriptSpaceEm,
    urlBreakAnywhere: t.urlBreakAnywhere,
    indentEm: t.firstLineIndentEm,
    ...(t.hyphenate ? { hyphenate: hyphenatorFor(doc.meta.lang) } : {}),
    ...(atoms ? { atoms } : {}),
    ruleWidth: template.spacing.ruleWidth,
    cellPadding: template.spacing.tableCellPadding,
  };
}

/** Faces of a text style for Japanese and Latin runs. */
export function faceOf(style: TextStyle, latin = false): Face {
  return { family: latin ? style.fonts.latin : style.fonts.cjk, bold: style.bold, italics: false };
}

/** Baseline offset of a line inside its pitch: half the leading above the font's ascent. */
export function baselineOffset(style: TextStyle, metrics: Metrics): number {
  const face = faceOf(style);
  const asc = metrics.ascent(face) * style.size;
  const desc = metrics.descent(face) * style.size;
  return (style.pitch - (asc + desc)) / 2 + asc;
}

/** A text context (for atoms) of a text style. */
export function textContext(style: PdfStyle, text: TextStyle, width: number, notes: { dest(id: string): string; anchor(id: string): string | undefined }): TextContext {
  return {
    metrics: style.metrics,
    size: text.size,
    fonts: text.fonts,
    emphasisFonts: style.emphasisFonts,
    emphasisItalic: style.emphasisItalic,
    ...(style.citationItalicLatin ? { citationItalicLatin: style.citationItalicLatin } : {}),
    codeFonts: style.codeFonts,
    bold: text.bold,
    color: text.color,
    linkColor: style.template.colors.link,
    superscript: style.template.proportions.superscript.pdf,
    interScriptEm: style.interScriptEm,
    urlBreakAnywhere: style.urlBreakAnywhere,
    maxWidth: width,
    noteDest: notes.dest,
    markAnchor: notes.anchor,
    ...(style.hyphenate ? { hyphenate: style.hyphenate } : {}),
    ...(style.atoms ? { store: style.atoms } : {}),
  };
}
