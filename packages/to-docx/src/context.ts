/**
 * What the renderers of one DOCX edition carry down the tree: the template
 * and language, the fonts and paragraph style at this place, the marks of
 * the inlines around, and the state shared by the whole render.
 */
import type { FontRole, LanguageStyle, Template } from '@brief/templates';
import type { Box, Fallbacks, MediaBytes } from './figures.js';

/** Text formatting carried down through nested inlines. */
export interface Marks {
  strong?: boolean;
  emphasis?: boolean;
  strike?: boolean;
  code?: boolean;
  link?: boolean;
}

/** State shared by one render: which notes have been referenced, list instances. */
export interface RenderState {
  /** Note numbers already referenced (a later reference is a NOTEREF field to the first). */
  referenced: Set<number>;
  /** Notes marked more than once: their first mark carries a bookmark the later ones refer to (NOTEREF). */
  markedAgain: ReadonlySet<number>;
  /** Next list instance (each list restarts its numbering). */
  listInstance: { next: number };
  /** The Latin faces with an italic that runs of Latin emphasis are set in (`emphasisRuns`): the font table lists them. */
  italicLatin?: Set<string>;
}

export interface Ctx {
  /**
   * In a table cell whose column is narrower than some of its words: the
   * column's width (twips), how wide a word is set there (with the room
   * Word's rounding asks for), and where a word
   * may be hyphenated (see `withSoftHyphens`).
   */
  softHyphens?: { width: number; measure: (word: string) => number; hyphenate: (word: string) => string[] };
  template: Template;
  ls: LanguageStyle;
  /** Fonts of the paragraph's style, for splitting runs by script. */
  role: FontRole;
  /** Language of the text being set (differs from the edition inside foreign runs). */
  lang: string;
  marks: Marks;
  /** Paragraph style for paragraphs at this place (Normal, Quote, footnote text…). */
  paragraphStyle: string;
  /** Paragraphs here stay on the page of the next one (a quotation's words before their attribution). */
  keepNext?: true;
  /** A paragraph here has no space after it: the next one goes on with the same quotation (its later paragraph, its attribution). */
  joinNext?: true;
  inNote: boolean;
  /** Inside a quotation: a list in it keeps the quotation's indents. */
  inQuote?: boolean;
  /** Inside a citation: Japanese in its emphasis stays in the running face. */
  inCitation?: boolean;
  listLevel: number;
  /** Model id → Word bookmark name, for cross-references. */
  bookmarks: ReadonlyMap<string, string>;
  /** Room for a picture, in CSS px. */
  box: Box;
  /** PNG fallbacks of the SVG pictures, drawn beforehand. */
  fallbacks: Fallbacks;
  /** The pictures' bytes by the stand-ins the docx library is given (`standIn`). */
  media: MediaBytes;
  /** Width of the text block in twips (tables). */
  textWidth: number;
  state: RenderState;
}

/** Whether the template gathers the notes at the end of each chapter (else they are Word footnotes). */
export function chapterEndNotes(ctx: Pick<Ctx, 'template'>): boolean {
  return ctx.template.notes.placement === 'chapter-end';
}
