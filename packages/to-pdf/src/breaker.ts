/**
 * Line breaking and justification.
 *
 * Lines break only where the gap between two atoms allows it (kinsoku rules,
 * unbreakable words, marks joined to what they follow). For each line the
 * breaker weighs two candidates like TeX does: the last break that fits
 * (the line is then stretched, 追い出し) and the first break that overflows
 * (the line is then shrunk, 追い込み: word spaces and the space between
 * scripts tighten, then punctuation is set half-width, from the line end
 * backwards). A paragraph's last line of a single character or word is
 * avoided by pulling it up or pushing one more unit down.
 */
import { setHalt, type Atom, type Gap, type RunStyle } from './inlines.js';

const EPSILON = 1e-6;
/** Added to the badness of a line that ends with a hyphen (TeX's \hyphenpenalty). */
const HYPHEN_PENALTY = 50;
/**
 * Added to the badness of a line that ends inside a token at a Chicago
 * point: the badness of a line stretched to its limit (ratio 1), so a URL
 * breaks rather than the line before it being stretched further.
 */
const POINT_PENALTY = 100;
/**
 * Added to the badness of a line that ends between two characters of a
 * token: chosen only when every other break leaves the line stretched to
 * more than twice its limit.
 */
const CUT_PENALTY = 1000;

export interface LineSpec {
  start: number;
  /** Last atom, inclusive. */
  end: number;
  /** Stretch or shrink to the full width (false for last and forced lines). */
  justify: boolean;
  /** Atoms set half-width to make the line fit. */
  halts: number[];
  /** The line ends inside a word: a hyphen is set. */
  hyphen?: boolean;
}

export interface BreakOptions {
  /** Width available to line `index` (after its indent). */
  width(index: number): number;
  justify: boolean;
  /** Avoid a last line holding a single character or word. */
  avoidShortLast: boolean;
}

interface Sums {
  natural(i: number, e: number): number;
  stretch(i: number, e: number): number;
  spaceShrink(i: number, e: number): number;
  punctShrink(i: number, e: number): number;
}

function prefixSums(atoms: readonly Atom[], gaps: readonly Gap[]): Sums {
  const n = atoms.length;
  const w = new Float64Array(n + 1);
  const p = new Float64Array(n + 1);
  const g = new Float64Array(n);
  const st = new Float64Array(n);
  const sh = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const a = atoms[k]!;
    w[k + 1] = w[k]! + a.width;
    p[k + 1] = p[k]! + (a.halt ? 0 : a.width - a.haltWidth);
  }
  for (let k = 0; k + 1 < n; k++) {
    const gap = gaps[k]!;
    g[k + 1] = g[k]! + gap.natural;
    st[k + 1] = st[k]! + gap.stretch;
    sh[k + 1] = sh[k]! + gap.shrink;
  }
  return {
    natural: (i, e) => w[e + 1]! - w[i]! + g[e]! - g[i]!,
    stretch: (i, e) => st[e]! - st[i]!,
    spaceShrink: (i, e) => sh[e]! - sh[i]!,
    punctShrink: (i, e) => p[e + 1]! - p[i]!,
  };
}

/** TeX's badness of an adjustment ratio (∞ beyond full shrink). */
function badness(ratio: number): number {
  if (ratio < -1 - EPSILON) return Infinity;
  return 100 * Math.abs(ratio) ** 3;
}

function isBreakAfter(atoms: readonly Atom[], gaps: readonly Gap[], e: number): boolean {
  return e === atoms.length - 1 || gaps[e]!.breakable;
}

function isForcedAfter(atoms: readonly Atom[], e: number): boolean {
  return e === atoms.length - 1 || atoms[e + 1]!.breakBefore;
}

/** Half-width settings that shrink a line by `need` after its spaces gave what they could. */
function haltsFor(atoms: readonly Atom[], i: number, e: number, need: number, spaceShrink: number): number[] {
  const halts: number[] = [];
  let rest = need - spaceShrink;
  for (let k = e; k >= i && rest > EPSILON; k--) {
    const a = atoms[k]!;
    const gain = a.halt ? 0 : a.width - a.haltWidth;
    if (gain > 0) {
      halts.push(k);
      rest -= gain;
    }
  }
  return halts;
}

function letterCount(atoms: readonly Atom[], spec: LineSpec): number {
  let count = 0;
  for (let k = spec.start; k <= spec.end; k++) {
    const cls = atoms[k]!.cls;
    if (atoms[k]!.split) continue;
    if (cls === 'ideo' || cls === 'latin' || cls === 'iter' || cls === 'prolong' || cls === 'small') count++;
  }
  return count;
}

/** Break atoms into lines. */
export function breakLines(atoms: readonly Atom[], gaps: readonly Gap[], options: BreakOptions): LineSpec[] {
  const n = atoms.length;
  const lines: LineSpec[] = [];
  if (n === 0) return lines;
  const sums = prefixSums(atoms, gaps);
  const shrinkOf = (i: number, e: number) => sums.spaceShrink(i, e) + sums.punctShrink(i, e);
  const lineNatural = (i: number, e: number) => sums.natural(i, e) + (e < n - 1 ? (atoms[e]!.hyphenAfter ?? 0) : 0);
  const stretchBadness = (i: number, e: number, width: number) => {
    const stretch = sums.stretch(i, e);
    return stretch > 0 ? badness((width - lineNatural(i, e)) / stretch) : Infinity;
  };
  const inside = (e: number) => (e < n - 1 ? gaps[e]!.inside : undefined);
  const penalty = (e: number) => (e < n - 1 && atoms[e]!.hyphenAfter ? HYPHEN_PENALTY : 0) + (inside(e) === 'point' ? POINT_PENALTY : inside(e) === 'cut' ? CUT_PENALTY : 0);
  let i = 0;
  while (i < n) {
    const width = options.width(lines.length);
    // The last fitting break of each kind: between words (plain), after a syllable, at a Chicago point, between characters.
    let lastFit = -1;
    let lastPlain = -1;
    let lastPoint = -1;
    let lastCut = -1;
    let over = -1;
    let forced = false;
    for (let e = i; e < n; e++) {
      if (!isBreakAfter(atoms, gaps, e)) continue;
      if (lineNatural(i, e) <= width + EPSILON) {
        const kind = inside(e);
        if (kind === 'point') lastPoint = e;
        else if (kind === 'cut') lastCut = e;
        else {
          lastFit = e;
          if (e === n - 1 || atoms[e]!.hyphenAfter === undefined) lastPlain = e;
        }
        if (isForcedAfter(atoms, e)) {
          forced = true;
          break;
        }
      } else {
        over = e;
        break;
      }
    }
    let end: number;
    let justify = options.justify;
    let halts: number[] = [];
    if (forced) {
      end = Math.max(lastFit, lastPoint, lastCut);
      justify = false;
    } else {
      const shrinkFits = over >= 0 && lineNatural(i, over) - shrinkOf(i, over) <= width + EPSILON;
      // Breaks in order of preference when no badness tells them apart.
      const fallback = lastFit >= 0 ? lastFit : lastPoint >= 0 ? lastPoint : lastCut;
      // Without badness (ragged lines, lines that cannot stretch): between words if possible, else after a
      // syllable, at a Chicago point unless it leaves the line less than half full, else between characters.
      const pointFills = lastPoint >= 0 && lineNatural(i, lastPoint) >= width / 2;
      const ragged = lastPlain >= 0 ? lastPlain : lastFit >= 0 ? lastFit : pointFills || lastCut < 0 ? lastPoint : lastCut;
      if (fallback < 0) {
        // Nothing fits: shrink the first unit in if possible, else let it overflow.
        end = over;
      } else if (!options.justify) {
        end = ragged;
      } else {
        const candidates: { end: number; bad: number }[] = [];
        const add = (e: number) => {
          if (e >= 0) candidates.push({ end: e, bad: stretchBadness(i, e, width) + penalty(e) });
        };
        add(lastFit);
        if (lastPlain !== lastFit) add(lastPlain);
        add(lastPoint);
        add(lastCut);
        if (shrinkFits) {
          const need = lineNatural(i, over) - width;
          candidates.push({ end: over, bad: badness(-need / Math.max(EPSILON, shrinkOf(i, over))) + penalty(over) });
        }
        const best = candidates.reduce<{ end: number; bad: number } | undefined>((b, c) => (b === undefined || c.bad < b.bad ? c : b), undefined);
        end = best && best.bad < Infinity ? best.end : ragged;
      }
      const need = lineNatural(i, end) - width;
      if (need > EPSILON) halts = haltsFor(atoms, i, end, need, sums.spaceShrink(i, end));
      if (isForcedAfter(atoms, end)) justify = false;
    }
    const hyphen = end < n - 1 && (atoms[end]!.hyphenAfter ?? 0) > 0;
    lines.push({ start: i, end, justify, halts, ...(hyphen ? { hyphen } : {}) });
    i = end + 1;
  }
  if (options.avoidShortLast && lines.length >= 2) avoidShortLast(atoms, gaps, lines, options, sums, shrinkOf);
  return lines;
}

function avoidShortLast(atoms: readonly Atom[], gaps: readonly Gap[], lines: LineSpec[], options: BreakOptions, sums: Sums, shrinkOf: (i: number, e: number) => number): void {
  const L = lines.length;
  const last = lines[L - 1]!;
  const prev = lines[L - 2]!;
  if (prev.justify === false || letterCount(atoms, last) > 1) return;
  const prevWidth = options.width(L - 2);
  const lastWidth = options.width(L - 1);
  // Pull the last line up into the one before, if shrinking can take it.
  const need = sums.natural(prev.start, last.end) - prevWidth;
  if (need <= 0 || need <= shrinkOf(prev.start, last.end)) {
    const halts = need > EPSILON ? haltsFor(atoms, prev.start, last.end, need, sums.spaceShrink(prev.start, last.end)) : [];
    lines.splice(L - 2, 2, { start: prev.start, end: last.end, justify: false, halts });
    return;
  }
  // Else push one more unit down, if the line before stays within its stretch.
  for (let e = prev.end - 1; e >= prev.start; e--) {
    if (!isBreakAfter(atoms, gaps, e) || atoms[e]!.hyphenAfter !== undefined || gaps[e]!.inside) continue;
    if (sums.natural(e + 1, last.end) > lastWidth + EPSILON) return;
    const slack = prevWidth - sums.natural(prev.start, e);
    const stretch = sums.stretch(prev.start, e);
    if (stretch <= 0 || slack / stretch > 1) return;
    lines.splice(L - 2, 2, { start: prev.start, end: e, justify: true, halts: [] }, { start: e + 1, end: last.end, justify: false, halts: [] });
    return;
  }
}

// ---------------------------------------------------------------------------
// Placing a line: positions of runs.

/** A run of text set by one pdfmake inline at a computed position. */
export interface Run {
  /** Offset from the line's start. */
  x: number;
  text: string;
  style: RunStyle;
  /** Character spacing inside the run (justification between Japanese characters). */
  cs: number;
  width: number;
  anchor?: string;
  note?: number;
}

export interface ComposedLine {
  runs: Run[];
  /** Offset of the line's start from the text's left edge (indent, alignment). */
  x: number;
  /** Width the line fills. */
  width: number;
  /** Note numbers of the marks on this line, in order. */
  notes: number[];
  justified: boolean;
  /** The line ends with a hyphen set where a word was broken (not in the text). */
  hyphen?: boolean;
}

export type Align = 'left' | 'center' | 'right';

function sameStyle(a: RunStyle, b: RunStyle): boolean {
  return (
    a.face.family === b.face.family &&
    a.face.bold === b.face.bold &&
    a.face.italics === b.face.italics &&
    a.size === b.size &&
    a.color === b.color &&
    !!a.sup === !!b.sup &&
    (a.features ?? []).join() === (b.features ?? []).join() &&
    a.link === b.link &&
    a.dest === b.dest &&
    !!a.strike === !!b.strike &&
    a.lang === b.lang
  );
}

/** Stretch beyond this ratio leaves the line unjustified (too loose to be worth it). */
const MAX_STRETCH_RATIO = 8;

/**
 * Place the atoms of one line: apply its half-width settings, share out the
 * slack (or the overflow) over the gaps, and merge atoms into runs.
 */
export function placeLine(atomsIn: readonly Atom[], gaps: readonly Gap[], spec: LineSpec, width: number, indent: number, align: Align): ComposedLine {
  const atoms: (Atom | Readonly<Atom>)[] = [];
  for (let k = spec.start; k <= spec.end; k++) {
    const source = atomsIn[k]!;
    const hyphen = k === spec.end && spec.hyphen;
    if (!hyphen && !spec.halts.includes(k)) {
      atoms.push(source);
      continue;
    }
    const a = { ...source };
    if (spec.halts.includes(k)) setHalt(a);
    if (hyphen) {
      a.text += '-';
      a.width += a.hyphenAfter ?? 0;
    }
    atoms.push(a);
  }
  const lineGaps = gaps.slice(spec.start, spec.end);
  let natural = 0;
  for (const a of atoms) natural += a.width;
  let stretch = 0;
  let shrink = 0;
  for (const g of lineGaps) {
    natural += g.natural;
    stretch += g.stretch;
    shrink += g.shrink;
  }
  const slack = width - natural;
  let stretchFactor = 0;
  let shrinkFactor = 0;
  let justified = false;
  if (slack < -EPSILON && shrink > 0) {
    shrinkFactor = Math.min(1, -slack / shrink);
    justified = spec.justify;
  } else if (spec.justify && slack > EPSILON && stretch > 0 && slack / stretch <= MAX_STRETCH_RATIO) {
    stretchFactor = slack / stretch;
    justified = true;
  } else if (spec.justify && Math.abs(slack) <= EPSILON) {
    justified = true;
  }
  const adjust = (g: Gap) => g.stretch * stretchFactor - g.shrink * shrinkFactor;

  const runs: Run[] = [];
  const notes: number[] = [];
  let x = 0;
  let run: Run | undefined;
  let runLastAtom: Atom | undefined;
  for (let k = 0; k < atoms.length; k++) {
    const a = atoms[k]!;
    if (a.note !== undefined) notes.push(a.note);
    const gapBefore = k > 0 ? lineGaps[k - 1]! : undefined;
    if (gapBefore) x += gapBefore.natural + adjust(gapBefore);
    const adj = gapBefore ? adjust(gapBefore) : 0;
    const mergeable =
      run !== undefined &&
      runLastAtom !== undefined &&
      gapBefore !== undefined &&
      !gapBefore.space &&
      gapBefore.natural === 0 &&
      !a.anchor &&
      !a.halt &&
      !runLastAtom.halt &&
      a.cls !== 'mark' &&
      runLastAtom.cls !== 'mark' &&
      sameStyle(run.style, a.style) &&
      // The last character of a spaced line stands alone, so the line's end is
      // exactly where a reader (or a text extractor) sees the last glyph end.
      !(k === atoms.length - 1 && adj !== 0) &&
      (adj === 0 ? run.cs === 0 || run.text.length === 0 : a.cjk && runLastAtom.cjk && (run.cs === adj || [...run.text].length === 1));
    if (mergeable && run) {
      if ([...run.text].length === 1 && run.cs === 0) run.cs = adj;
      run.text += a.text;
      run.width = x + a.width - run.x;
    } else {
      if (run && runLastAtom && gapBefore?.space) run.text += ' ';
      run = { x, text: a.text, style: a.style, cs: 0, width: a.width, ...(a.anchor ? { anchor: a.anchor } : {}), ...(a.note !== undefined ? { note: a.note } : {}) };
      runs.push(run);
    }
    runLastAtom = a;
    x += a.width;
  }
  const used = x;
  let offset = indent;
  if (!justified && align !== 'left') offset += (width - used) * (align === 'center' ? 0.5 : 1);
  return { runs, x: offset, width: used, notes, justified, ...(spec.hyphen ? { hyphen: true } : {}) };
}
