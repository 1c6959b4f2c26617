/**
 * Inline content → docx runs. Runs carry formatting of their own only where
 * it is not the paragraph style's: a character style for emphasis and
 * links, and the Japanese face and language on Japanese runs set inside
 * Latin text (English edition). Note marks are Word footnote references or,
 * with chapter-end notes, links to the notes.
 */
import { Bookmark, ExternalHyperlink, FootnoteReferenceRun, InternalHyperlink, SoftHyphen, TextRun, XmlAttributeComponent, XmlComponent, type IRunOptions, type ParagraphChild } from 'docx';
import { assertNever, inlineText, isCjk, noteRefsIn, type Inline } from '@brief/document-model';
import { hasOwnVariant, splitByScript } from '@brief/fonts';
import { citationItalicFamily } from '@brief/templates';
import { chapterEndNotes, type Ctx, type Marks } from './context.js';
import { S } from './style.js';
import { eastAsianLocale, wordLocale } from './units.js';

function runStyle(marks: Marks): Partial<IRunOptions> {
  const style = marks.link ? S.hyperlink : marks.strong ? S.strong : marks.emphasis ? S.emphasis : marks.code ? S.verbatim : undefined;
  return {
    ...(style ? { style } : {}),
    ...(marks.strong && marks.link ? { bold: true } : {}),
    ...(marks.emphasis && (marks.link || marks.strong) ? { italics: true } : {}),
    ...(marks.strike ? { strike: true } : {}),
  };
}

/**
 * Runs for a string, split by script: a Japanese run inside Latin text gets
 * the Japanese face in every font slot and the Japanese language; a run in a
 * language other than the edition's gets that language.
 */
export function textRuns(text: string, ctx: Ctx): TextRun[] {
  if (!text) return [];
  const base = runStyle(ctx.marks);
  if (ctx.marks.emphasis && !ctx.marks.code && !hasOwnVariant(ctx.role.latin, 'italics')) return emphasisRuns(text, ctx, base);
  const { latin, cjk } = ctx.role;
  const foreign = ctx.lang !== ctx.ls.lang;
  if (latin === cjk) {
    return [new TextRun({ ...withSoftHyphens(text, ctx), ...base, ...(foreign ? { language: languageOf(ctx.lang) } : {}) })];
  }
  return splitByScript(text, latin, cjk).map((run) => {
    const japanese = run.family === cjk && [...run.text].some((ch) => isCjk(ch.codePointAt(0) ?? 0));
    if (run.family === cjk) {
      const ea = eastAsianLocale(ctx.ls.lang);
      return new TextRun({
        text: run.text,
        ...base,
        font: { ascii: cjk, hAnsi: cjk, cs: cjk, eastAsia: cjk, hint: 'eastAsia' },
        ...(japanese ? { language: { value: ea, eastAsia: ea } } : {}),
      });
    }
    return new TextRun({ ...withSoftHyphens(run.text, ctx), ...base, ...(foreign ? { language: languageOf(ctx.lang) } : {}) });
  });
}

/**
 * A run's text, with soft hyphens (`w:softHyphen`) where a word wider than
 * its table column may be hyphenated (`Ctx.softHyphens`): Word and
 * LibreOffice break it there, with a hyphen, not between any two letters.
 */
function withSoftHyphens(text: string, ctx: Ctx): { text: string } | { children: (string | SoftHyphen)[] } {
  const room = ctx.softHyphens;
  if (!room) return { text };
  const children: (string | SoftHyphen)[] = [];
  let plain = '';
  // A compound's parts each (Decommissioning- | assurance): Word breaks after its hyphen first.
  for (const word of text.split(/(\s+)|(?<=\p{L}-)(?=\p{L})/u).filter((w) => w !== undefined && w !== '')) {
    const syllables = word.trim() !== '' && room.measure(word) > room.width ? room.hyphenate(word) : [word];
    syllables.forEach((syllable, k) => {
      plain += syllable;
      if (k === syllables.length - 1) return;
      children.push(plain, new SoftHyphen());
      plain = '';
    });
  }
  if (children.length === 0) return { text };
  if (plain) children.push(plain);
  return { children };
}

/** A run of Japanese characters (kana, kanji, Japanese punctuation and full-width forms, ―), captured, or a run of others. */
const japaneseOrNot =
  /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef\u30fc\u2015]+)|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef\u30fc\u2015]+/gu;

/**
 * Emphasis where the running face has no italic (Japanese), as the PDF and
 * the e-book set it: Japanese upright in the heading face (Gothic; in a
 * citation, the running face), never slanted; Latin (a work's title) in
 * italics, in a Latin face that has them (`citationItalicFamily`).
 */
function emphasisRuns(text: string, ctx: Ctx, base: Partial<IRunOptions>): TextRun[] {
  const japaneseFace = ctx.inCitation ? ctx.role.cjk : ctx.ls.fonts.heading.cjk;
  const italicLatin = citationItalicFamily(ctx.role);
  if (italicLatin) {
    ctx.state.italicLatin ??= new Set();
    ctx.state.italicLatin.add(italicLatin);
  }
  const ea = eastAsianLocale(ctx.ls.lang);
  const runs: TextRun[] = [];
  // Runs of Japanese (group 1) and of other text.
  for (const m of text.matchAll(japaneseOrNot)) {
    const part = m[0];
    if (m[1] !== undefined)
      runs.push(
        new TextRun({
          text: part,
          ...base,
          italics: false,
          font: { ascii: japaneseFace, hAnsi: japaneseFace, cs: japaneseFace, eastAsia: japaneseFace, hint: 'eastAsia' },
          language: { value: ea, eastAsia: ea },
        }),
      );
    else runs.push(new TextRun({ ...withSoftHyphens(part, ctx), ...base, ...(italicLatin ? { font: { ascii: italicLatin, hAnsi: italicLatin, cs: italicLatin } } : {}) }));
  }
  return runs;
}

function languageOf(lang: string) {
  return { value: wordLocale(lang), eastAsia: eastAsianLocale(lang) };
}

export function renderInlines(inlines: readonly Inline[], ctx: Ctx): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const node of inlines) {
    switch (node.kind) {
      case 'text':
        out.push(...textRuns(node.value, ctx));
        break;
      case 'emphasis':
        out.push(...renderInlines(node.children, { ...ctx, marks: { ...ctx.marks, emphasis: true } }));
        break;
      case 'strong':
        out.push(...renderInlines(node.children, { ...ctx, marks: { ...ctx.marks, strong: true } }));
        break;
      case 'delete':
        out.push(...renderInlines(node.children, { ...ctx, marks: { ...ctx.marks, strike: true } }));
        break;
      case 'code':
        out.push(...textRuns(node.value, { ...ctx, marks: { ...ctx.marks, code: true } }));
        break;
      case 'link': {
        const children = renderInlines(node.children, { ...ctx, marks: { ...ctx.marks, link: true } });
        out.push(new ExternalHyperlink({ link: node.url, children }));
        // Chapter-end marks are links themselves: those inside a link follow it (links do not nest).
        if (chapterEndNotes(ctx) && !ctx.marks.link) {
          for (const mark of marksIn(node.children)) out.push(...noteMark(mark.number, ctx));
        }
        break;
      }
      case 'noteRef':
        out.push(...noteMark(node.number, ctx));
        break;
      case 'citation':
        out.push(...renderInlines(node.rendered, { ...ctx, inCitation: true }));
        break;
      case 'crossRef': {
        const anchor = ctx.bookmarks.get(node.targetId);
        const runs = textRuns(node.text, ctx);
        out.push(...(anchor && !ctx.marks.link ? [new InternalHyperlink({ anchor, children: runs })] : runs));
        break;
      }
      case 'foreign':
        out.push(...renderInlines(node.children, { ...ctx, lang: node.lang }));
        break;
      case 'lineBreak':
        out.push(new TextRun({ break: 1 }));
        break;
      default:
        assertNever(node, 'inline');
    }
  }
  return out;
}

/** Hidden bookmark (leading underscore, as Word's own `_Toc`) on a chapter-end note. */
export const noteAnchor = (n: number): string => `_Note${n}`;
/** Hidden bookmark on the first mark of a chapter-end note (target of the note's back-link). */
export const markAnchor = (n: number): string => `_NoteRef${n}`;

/** Note marks anywhere inside inlines, in order. */
export const marksIn = noteRefsIn;

/**
 * A note mark. With page-foot notes, the first reference to a note in the
 * body is a Word footnote reference (Word numbers them in order, as the
 * model does), bookmarked when the note is marked again; a note cannot have
 * two references in Word, so a later one, or one inside a note, is a
 * NOTEREF field to the first, its result the number in the note mark's style.
 * With chapter-end notes, every mark is the model's number linked to the
 * note, and the first one carries the bookmark the note links back to; a
 * mark inside a link is written after it (see 'link').
 */
function noteMark(number: number, ctx: Ctx): ParagraphChild[] {
  if (chapterEndNotes(ctx)) {
    if (ctx.marks.link) return [];
    // U+2060 WORD JOINER keeps the mark on the line of the word it follows, and keeps applications from
    // adding the space they set between Japanese and Latin text or digits.
    const mark = [new TextRun('\u2060'), new InternalHyperlink({ anchor: noteAnchor(number), children: [new TextRun({ text: String(number), style: S.noteReference })] })];
    if (ctx.state.referenced.has(number)) return mark;
    ctx.state.referenced.add(number);
    return [new Bookmark({ id: markAnchor(number), children: mark })];
  }
  if (!ctx.inNote && !ctx.state.referenced.has(number)) {
    ctx.state.referenced.add(number);
    const mark = new FootnoteReferenceRun(number);
    return ctx.state.markedAgain.has(number) ? [new Bookmark({ id: markAnchor(number), children: [mark] })] : [mark];
  }
  // A later mark is a NOTEREF field to the first (bookmarked) one, formatted as a note mark (\\f) and linked
  // to the note (\\h), its result the number in the mark's style: Word renumbers it with the notes, and
  // readers that do not update fields (Pandoc, LibreOffice) show the number. The word joiner keeps it on
  // the word's line, with no space set before it between Japanese and digits.
  return [
    new TextRun('\u2060'),
    new TextRun({ children: [new FieldChar('begin')] }),
    new TextRun({ children: [new FieldInstruction(`NOTEREF ${markAnchor(number)} \\f \\h`)] }),
    new TextRun({ children: [new FieldChar('separate')] }),
    new TextRun({ text: String(number), style: S.footnoteReference }),
    new TextRun({ children: [new FieldChar('end')] }),
  ];
}

class FieldCharType extends XmlAttributeComponent<{ type: 'begin' | 'separate' | 'end' }> {
  protected override readonly xmlKeys = { type: 'w:fldCharType' };
}

/** A complex field's mark (`w:fldChar`): where its instruction begins, where its result begins, where it ends. */
class FieldChar extends XmlComponent {
  constructor(type: 'begin' | 'separate' | 'end') {
    super('w:fldChar');
    this.root.push(new FieldCharType({ type }));
  }
}

class PreservedSpace extends XmlAttributeComponent<{ space: 'preserve' }> {
  protected override readonly xmlKeys = { space: 'xml:space' };
}

/** A complex field's instruction (`w:instrText`). */
class FieldInstruction extends XmlComponent {
  constructor(instruction: string) {
    super('w:instrText');
    this.root.push(new PreservedSpace({ space: 'preserve' }));
    this.root.push(` ${instruction} `);
  }
}

/**
 * Word breaks a line only at spaces and hyphens, and a URL nowhere: a
 * justified line before a URL or an identifier longer than this many
 * characters opens wide.
 */
const LONG_TOKEN = 40;

/**
 * Whether inline content holds a URL, or a run of characters Word cannot
 * break (no space or hyphen; Japanese breaks between its characters),
 * longer than `LONG_TOKEN`: such a paragraph is set flush left.
 */
export function holdsLongToken(inlines: readonly Inline[]): boolean {
  const text = inlineText(inlines);
  if ([...text.matchAll(/(?:https?:\/\/|www\.)\S+/g)].some((m) => m[0].length > LONG_TOKEN)) return true;
  let run = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    run = /[\s-]/u.test(ch) || isCjk(cp) ? 0 : run + 1;
    if (run > LONG_TOKEN) return true;
  }
  return false;
}
