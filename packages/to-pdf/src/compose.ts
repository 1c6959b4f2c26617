/**
 * Composing text: inlines → atoms → lines, and lines → pdfmake text nodes
 * positioned on the page (one node per run, so every gap is set exactly).
 */
import { expandTabs, latinRuns, type Inline, type LanguageTag } from '@brief/document-model';
import { phraseBreaks } from '@brief/fonts';
import { fill } from '@brief/templates';
import { keepBreaks, keptBreaks } from './atom-store.js';
import { atomOf, atomize, gapsOf, type Atom, type Gap, type TextContext } from './inlines.js';
import { breakLines, placeLine, sameStyle, type Align, type ComposedLine, type LineSpec, type Run } from './breaker.js';
import { spaceGaps, type TextInline, type TextNode } from './pdfmake-adapter.js';
import { featureSet } from './metrics.js';
import { baselineOffset, type PdfStyle, type TextStyle } from './style.js';

export interface TextLayout {
  /** Width of the text column. */
  width: number;
  /** Indent of the first line. */
  firstIndent: number;
  /** Indent of the following lines (a hanging indent). */
  restIndent: number;
  justify: boolean;
  align: Align;
  avoidShortLast: boolean;
  /** Break before a Japanese bracket rather than inside it, where its words fit a line (`BreakOptions.keepBrackets`). */
  keepBrackets?: boolean;
}

export function composeAtoms(atomsIn: readonly Atom[], ctx: TextContext, layout: TextLayout): ComposedLine[] {
  const widthOf = (index: number) => layout.width - (index === 0 ? layout.firstIndent : layout.restIndent);
  const atoms = cutWide(atomsIn, ctx, Math.min(widthOf(0), widthOf(1)));
  const gaps = gapsOf(atoms, ctx);
  const measure = breaksKey(ctx, layout);
  let specs = keptBreaks(atomsIn, measure);
  if (!specs) {
    specs = breakLines(atoms, gaps, { width: widthOf, justify: layout.justify, avoidShortLast: layout.avoidShortLast, ...(layout.keepBrackets ? { keepBrackets: true } : {}) });
    keepBreaks(atomsIn, measure, specs);
  }
  const lines = specs.map((spec, index) => placeLine(atoms, gaps, spec, widthOf(index), index === 0 ? layout.firstIndent : layout.restIndent, layout.align));
  observer?.({ atoms, gaps, specs, widths: specs.map((_, index) => widthOf(index)), layout });
  return lines;
}

/**
 * What the lines of a kept paragraph (`atom-store.ts`) depend on besides its
 * atoms: the measure, the indents and settings, and the values of the
 * context that cutting and spacing read (the faces name the store).
 */
function breaksKey(ctx: TextContext, layout: TextLayout): string {
  return `${layout.width}/${layout.firstIndent}/${layout.restIndent}/${layout.justify ? 1 : 0}${layout.avoidShortLast ? 1 : 0}${layout.keepBrackets ? 'b' : ''}/${ctx.superscript}/${ctx.interScriptEm}`;
}

/** A paragraph as the breaker set it: its atoms and gaps, the lines' specs and widths. */
export interface ComposedParagraph {
  atoms: readonly Atom[];
  gaps: readonly Gap[];
  specs: readonly LineSpec[];
  widths: readonly number[];
  layout: TextLayout;
}

let observer: ((paragraph: ComposedParagraph) => void) | undefined;

/**
 * Call `fn` with every paragraph composed until it is called again
 * (undefined: stop) — for measuring composition (scripts/loose-lines.mjs).
 */
export function observeComposition(fn: ((paragraph: ComposedParagraph) => void) | undefined): void {
  observer = fn;
}

/**
 * The last resort: a Latin piece wider than the narrowest line is cut into
 * its characters, between which a line may break (no hyphen is set).
 */
export function cutWide(atoms: readonly Atom[], ctx: TextContext, narrowest: number): readonly Atom[] {
  if (!atoms.some((a) => wide(a, narrowest))) return atoms;
  const out: Atom[] = [];
  for (const a of atoms) {
    const chars = [...a.text];
    if (!wide(a, narrowest) || chars.length < 2) {
      out.push(a);
      continue;
    }
    const size = a.style.sup ? a.style.size * ctx.superscript : a.style.size;
    const widths = ctx.metrics.partWidths?.(a.style.face, chars, size) ?? chars.map((ch) => ctx.metrics.width(a.style.face, ch, size, a.style.features));
    chars.forEach((ch, k) => {
      out.push(
        atomOf({
          ...a,
          text: ch,
          width: widths[k]!,
          haltWidth: widths[k]!,
          spaceBefore: k === 0 && a.spaceBefore,
          breakBefore: k === 0 && a.breakBefore,
          anchor: k === 0 ? a.anchor : undefined,
          split: k === 0 ? a.split : 'cut',
          hyphenAfter: k === chars.length - 1 ? a.hyphenAfter : undefined,
        }),
      );
    });
  }
  return out;
}

function wide(a: Atom, narrowest: number): boolean {
  return !a.cjk && a.cls === 'latin' && a.width + (a.hyphenAfter ?? 0) > narrowest;
}

export function composeInlines(inlines: readonly Inline[], ctx: TextContext, layout: TextLayout): ComposedLine[] {
  return composeAtoms(atomize(inlines, ctx), ctx, layout);
}

/**
 * A line of code as text to compose: tabs to the next tab stop
 * (`proportions.codeTabColumns`), leading spaces kept as no-break spaces,
 * and runs of spaces inside kept (all but the last as no-break spaces, so
 * the line may still break there).
 */
export function codeLine(source: string, tabColumns: number): string {
  return expandTabs(source, tabColumns)
    .replace(/^ +/, (m) => '\u00a0'.repeat(m.length))
    .replace(/ {2,}/g, (m) => `${'\u00a0'.repeat(m.length - 1)} `);
}

/** Plain text as inlines. */
export function plain(text: string): Inline[] {
  return [{ kind: 'text', value: text }];
}

export interface DrawOptions {
  /** Named destination at the line's start. */
  id?: string;
  /** Custom keys for the first run (read back after layout). */
  tag?: Record<`_${string}`, unknown>;
}

/**
 * pdfmake text nodes for one composed line whose line box starts at `top`
 * (the line pitch of `text` holds the glyphs centred on half the leading).
 */
export function drawLine(line: ComposedLine, style: PdfStyle, text: TextStyle, x0: number, top: number, options: DrawOptions = {}): TextNode[] {
  const baseline = top + baselineOffset(text, style.metrics);
  return drawLineAt(line, style, x0, baseline, options);
}

export function drawLineAt(line: ComposedLine, style: PdfStyle, x0: number, baseline: number, options: DrawOptions = {}): TextNode[] {
  const nodes: TextNode[] = [];
  const drawn = joinWords(line, style);
  drawn.forEach(({ run, text, width, gaps }, k) => {
    const s = run.style;
    const effective = s.sup ? s.size * style.template.proportions.superscript.pdf : s.size;
    const ascent = style.metrics.ascent(s.face) * effective;
    const inline: TextInline = {
      text,
      noWrap: true,
      font: s.face.family,
      fontSize: s.size,
      color: s.color,
      _width: width,
    };
    // A run beginning with an ideographic space (or NBSP) is drawn where it stands, not moved left by pdfmake.
    if (/^\s/.test(text)) inline.preserveLeadingSpaces = true;
    if (s.face.bold) inline.bold = true;
    if (s.face.italics) inline.italics = true;
    if (run.cs) inline.characterSpacing = run.cs;
    const features = featureSet(s.features);
    if (features) inline.fontFeatures = features;
    if (gaps.length > 0) inline.fontFeatures = { ...inline.fontFeatures, [spaceGaps]: gaps };
    if (s.sup) inline.sup = true;
    if (s.link) inline.link = s.link;
    if (s.dest) inline.linkToDestination = s.dest;
    if (s.linkName) inline._contents = s.linkName;
    if (s.strike) inline.decoration = 'lineThrough';
    if (run.note !== undefined) {
      inline._mark = run.note;
      inline._sub = { type: 'Reference' };
      inline._contents = fill(style.lang.strings.noteLinkName, { n: run.note });
    } else if (k === drawn.length - 1 && line.hyphen && text.endsWith('-')) {
      inline._sub = { type: 'Span', actual: text.slice(0, -1), ...(s.lang ? { lang: s.lang } : {}) };
    } else if (s.lang) inline._sub = { type: 'Span', lang: s.lang };
    else if (!s.link && englishInJapanese(text, style.langTag)) inline._sub = { type: 'Span', lang: 'en' };
    else if (!s.link && japaneseInOther(text, style.langTag)) inline._sub = { type: 'Span', lang: 'ja' };
    if (k === 0 && options.tag) Object.assign(inline, options.tag);
    const node: TextNode = { text: [inline], absolutePosition: { x: x0 + line.x + run.x, y: baseline - ascent } };
    const id = k === 0 && options.id ? options.id : run.anchor;
    if (id) node.id = id;
    nodes.push(node);
  });
  // A link into the document drawn in several runs (図表 and 1 in their own faces, a contents entry with Latin
  // in it) names its whole text on the line in each of its annotations, not the run's piece (a URL names itself).
  for (let k = 0; k < nodes.length; ) {
    const target = (n: TextNode) => (n.text[0]!.link === undefined ? n.text[0]!.linkToDestination : undefined);
    const own = target(nodes[k]!);
    let end = k + 1;
    while (own !== undefined && end < nodes.length && target(nodes[end]!) === own) end++;
    if (end - k > 1) {
      const whole = nodes
        .slice(k, end)
        .map((n) => n.text[0]!.text)
        .join('')
        .trim();
      for (const n of nodes.slice(k, end)) n.text[0]!._contents ??= whole;
    }
    k = end;
  }
  return nodes;
}

/** A run as drawn: runs of the line joined, their text, width, and the extra advance of each space in it. */
interface DrawnRun {
  /** The first of the runs joined (its place, style and marks). */
  run: Run;
  text: string;
  width: number;
  /** What each space of `text` adds to its advance, in thousandths of an em (PDF text adjustments). */
  gaps: number[];
}

/**
 * The runs of a line as drawn. Words of one style that only word spaces part
 * are drawn as one text object, not one each: each space then carries what
 * the line's justification adds to it (`gaps`), so every word stands exactly
 * where composition put it. Runs that carry a mark, an anchor, character
 * spacing, features, a superscript or a span of their own (another
 * language, a hyphenated word) are drawn by themselves.
 */
function joinWords(line: ComposedLine, style: PdfStyle): DrawnRun[] {
  const out: DrawnRun[] = [];
  const last = line.runs.length - 1;
  const japanese = isJapanese(style.langTag);
  const plain = (run: Run, k: number) =>
    run.note === undefined &&
    run.cs === 0 &&
    !run.style.features?.length &&
    !run.style.sup &&
    !run.style.lang &&
    !(k === last && line.hyphen) &&
    !(japanese && englishInJapanese(run.text, style.langTag));
  let open: { drawn: DrawnRun; prev: Run; at: number } | undefined;
  line.runs.forEach((run, k) => {
    const prev = open?.prev;
    if (open && prev?.text.endsWith(' ') && run.anchor === undefined && plain(run, k) && sameStyle(prev.style, run.style)) {
      // Where the text drawn so far ends, and how far this run's place lies beyond it.
      const end = open.at + style.metrics.width(prev.style.face, prev.text, prev.style.size);
      open.drawn.gaps.push(((run.x - end) * 1000) / run.style.size);
      open.drawn.text += run.text;
      open.drawn.width = run.x + run.width - open.drawn.run.x;
      open.prev = run;
      open.at = run.x;
      return;
    }
    const drawn: DrawnRun = { run, text: run.text, width: run.width, gaps: [] };
    out.push(drawn);
    open = plain(run, k) ? { drawn, prev: run, at: run.x } : undefined;
  });
  return out;
}

/**
 * Whether a run of a Japanese edition is English words (the e-book's
 * heuristic, `latinRuns`): a screen reader then reads it in English.
 */
function englishInJapanese(text: string, lang: LanguageTag): boolean {
  // A run of English holds two Latin letters in a row: most Japanese runs have none, and need no closer look.
  return isJapanese(lang) && twoLatinLetters.test(text) && latinRuns(text).some((r) => r.latin);
}

const twoLatinLetters = /[A-Za-z\u00C0-\u024F]{2}/;

/** Whether a run of an edition in another language is Japanese (kana or kanji): a screen reader then reads it in Japanese, as the e-book's `lang="ja"` runs. */
function japaneseInOther(text: string, lang: LanguageTag): boolean {
  return !isJapanese(lang) && /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u.test(text);
}

function isJapanese(lang: LanguageTag): boolean {
  return lang === 'ja' || lang.startsWith('ja-');
}

/**
 * Centred lines of even length (as the DOCX title block sets them with
 * @brief/fonts' balancedLines): a text that takes more than one line at the
 * full measure is set at the narrowest measure that keeps its number of
 * lines, then centred in the full measure (the title, captions); when a
 * line of it would end inside a Japanese word, at the next wider measure
 * whose lines end between phrases (@brief/fonts' phraseBreaks).
 */
export function balancedLines(compose: (measure: number) => ComposedLine[], width: number): ComposedLine[] {
  const full = compose(width);
  if (full.length < 2) return full;
  let lo = width / full.length;
  let hi = width;
  // Bisection to a hundredth of a point (measures are not continuous: keep the last that worked).
  while (hi - lo > BALANCE_PRECISION) {
    const mid = (lo + hi) / 2;
    if (compose(mid).length > full.length) lo = mid;
    else hi = mid;
  }
  // Centred in the full measure; at a wider measure where that one breaks a Japanese word (標準|化).
  const centred = (measure: number) => compose(measure).map((line) => ({ ...line, x: line.x + (width - measure) / 2 }));
  return phraseBreaks(
    centred,
    (line) => line.runs.map((r) => r.text).join(''),
    (line) => line.width,
    hi,
    width,
  );
}

/** How closely the balanced measure is found, in points. */
const BALANCE_PRECISION = 0.01;
