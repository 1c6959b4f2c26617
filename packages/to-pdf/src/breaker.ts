/**
 * Line breaking and justification.
 *
 * Lines break only where the gap between two atoms allows it (kinsoku rules,
 * unbreakable words, marks joined to what they follow). A justified
 * paragraph chooses all its breaks together (total fit, after Knuth and
 * Plass): among the breaks that leave no line overfull and none looser than
 * the tolerance, the sequence with the least demerits — each line's
 * (line penalty + badness)² plus its break's penalty², more for two hyphens
 * in a row, a hyphen on the last line but one, and neighbouring lines of very
 * different tightness. A line is stretched (追い出し) or shrunk (追い込み:
 * word spaces and the space between scripts tighten, then punctuation is set
 * half-width, from the line end backwards). Ragged paragraphs, those with no
 * such sequence, and those that set line by line come out with no line
 * stretched beyond its limit (and no two hyphens in a row, no short last
 * line) are set line by line: for each line the last break that fits is
 * weighed against the first that overflows. A
 * paragraph's last line of a single character or word is avoided by pulling
 * it up or pushing one more unit down.
 */
import { unitsAt } from './chars.js';
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
/**
 * TeX's "infinitely bad" (10000, a line stretched to about 4.6 times its
 * limit): the tolerance of total fit's second pass — a looser line is not a
 * feasible break.
 */
const INF_BAD = POINT_PENALTY ** 2;
/**
 * Total fit first looks for lines stretched at most to twice their limit
 * (few breaks to weigh, so it is fast), then, if there are none, for lines
 * up to INF_BAD.
 */
const TOLERANCE = badness(2);
/** Total fit: demerits of every line, so fewer lines are better (TeX's \linepenalty, 10). */
const LINE_PENALTY = Math.sqrt(POINT_PENALTY);
/**
 * Total fit: extra demerits for two lines in a row ending with a hyphen, and
 * for neighbouring lines whose tightness differs by more than one class
 * (TeX's \doublehyphendemerits and \adjdemerits, 10000); half of it for a
 * hyphen on the last line but one (\finalhyphendemerits).
 */
const ADJ_DEMERITS = POINT_PENALTY ** 2;
/** Total fit: a paragraph's last line of a single character or word costs as much as a line stretched to its limit. */
const SHORT_LAST_DEMERITS = (LINE_PENALTY + POINT_PENALTY) ** 2;

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
  /**
   * Ragged lines: rather than break inside a Japanese bracket opened on the
   * line (輸送密度（人 / 日）), break before it when the bracket's words fit on
   * a line of their own (輸送密度 / （人/日）): a table cell's narrow measure.
   */
  keepBrackets?: boolean;
}

interface Sums {
  /** Prefix sums: atom widths, half-width gains, gap widths, stretch and shrink (`natural(i, e)` is `w[e + 1] - w[i] + g[e] - g[i]`). */
  w: Float64Array;
  p: Float64Array;
  g: Float64Array;
  st: Float64Array;
  sh: Float64Array;
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
    w,
    p,
    g,
    st,
    sh,
    natural: (i, e) => w[e + 1]! - w[i]! + g[e]! - g[i]!,
    stretch: (i, e) => st[e]! - st[i]!,
    spaceShrink: (i, e) => sh[e]! - sh[i]!,
    punctShrink: (i, e) => p[e + 1]! - p[i]!,
  };
}

/**
 * The badness of a line set flush left, by how much of its measure it
 * leaves empty: none for a full line, as bad as the loosest line justified
 * (TOLERANCE) for one half full. A line of a URL's pieces, which do not
 * stretch apart, is so set, and the fuller the better.
 */
function flushLeftBadness(natural: number, width: number): number {
  // The ratio of the loosest line justified (TOLERANCE: 2) for half the measure empty.
  const half = width / 2;
  return badness((2 * Math.max(0, width - natural)) / half);
}

/** TeX's badness of an adjustment ratio (∞ beyond full shrink). */
function badness(ratio: number): number {
  if (ratio < -1 - EPSILON) return Infinity;
  const r = Math.abs(ratio);
  return 100 * r * r * r;
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

const opening = new Set(['（', '「', '『', '【', '〔', '［', '〈', '《', '｛']);
const closing = new Set(['）', '」', '』', '】', '〕', '］', '〉', '》', '｝']);

/**
 * A ragged line's end moved before the Japanese bracket opened on the line
 * that it would break inside, when the bracket's words, to its closing
 * bracket, fit on the next line whole (`BreakOptions.keepBrackets`); else
 * the end as it was.
 */
function beforeBracket(atoms: readonly Atom[], gaps: readonly Gap[], i: number, end: number, width: number, m: Measures): number {
  let depth = 0;
  let open = -1;
  for (let k = end; k > i; k--) {
    const t = atoms[k]!.text;
    if (closing.has(t)) depth++;
    else if (opening.has(t)) {
      if (depth === 0) {
        open = k;
        break;
      }
      depth--;
    }
  }
  if (open < 0 || !isBreakAfter(atoms, gaps, open - 1)) return end;
  depth = 0;
  for (let k = end + 1; k < atoms.length; k++) {
    const t = atoms[k]!.text;
    if (opening.has(t)) depth++;
    else if (closing.has(t)) {
      if (depth === 0) return m.lineNatural(open, k) <= width + EPSILON ? open - 1 : end;
      depth--;
    }
  }
  return end;
}

/** Break atoms into lines. */
export function breakLines(atoms: readonly Atom[], gaps: readonly Gap[], options: BreakOptions): LineSpec[] {
  const n = atoms.length;
  if (n === 0) return [];
  const m = measures(atoms, gaps);
  const quick = firstFit(atoms, gaps, options, m);
  const lines = options.justify && !settled(atoms, quick, options, m) ? (totalFit(atoms, gaps, options, m, TOLERANCE) ?? totalFit(atoms, gaps, options, m, INF_BAD) ?? quick) : quick;
  if (options.avoidShortLast && lines.length >= 2) avoidShortLast(atoms, gaps, lines, options, m.sums, m.shrinkOf);
  return lines;
}

/**
 * Whether lines set one at a time need no second look: none stretched beyond
 * its limit (ratio 1: word spaces half as wide again), no two hyphens in a
 * row, no short last line. Total fit would then mostly even out spacing that
 * is within its limits already (TeX, likewise, keeps a paragraph that its
 * first pass sets within \pretolerance); most Japanese paragraphs, whose
 * lines fill the measure exactly, and many English ones are not searched
 * again.
 */
function settled(atoms: readonly Atom[], lines: readonly LineSpec[], options: BreakOptions, m: Measures): boolean {
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k]!;
    if (k > 0 && l.hyphen && lines[k - 1]!.hyphen) return false;
    if (!l.justify) continue;
    const slack = options.width(k) - m.lineNatural(l.start, l.end);
    if (slack > EPSILON && slack > m.sums.stretch(l.start, l.end)) return false;
  }
  const last = lines[lines.length - 1]!;
  return !(options.avoidShortLast && lines.length >= 2 && letterCount(atoms, last) <= 1);
}

/** Break atoms into lines one line at a time (the breaker of ragged paragraphs, and the fallback of total fit). */
export function breakLinesFirstFit(atoms: readonly Atom[], gaps: readonly Gap[], options: BreakOptions): LineSpec[] {
  if (atoms.length === 0) return [];
  const m = measures(atoms, gaps);
  const lines = firstFit(atoms, gaps, options, m);
  if (options.avoidShortLast && lines.length >= 2) avoidShortLast(atoms, gaps, lines, options, m.sums, m.shrinkOf);
  return lines;
}

/** What both breakers measure a line by. */
interface Measures {
  sums: Sums;
  /** Everything a line from atom i to atom e can shrink by: spaces, then punctuation set half-width. */
  shrinkOf(i: number, e: number): number;
  /** Natural width of a line from atom i to atom e, with the hyphen set if it ends inside a word. */
  lineNatural(i: number, e: number): number;
  /** The penalty of breaking after atom e. */
  penalty(e: number): number;
}

function measures(atoms: readonly Atom[], gaps: readonly Gap[]): Measures {
  const n = atoms.length;
  const sums = prefixSums(atoms, gaps);
  const inside = (e: number) => (e < n - 1 ? gaps[e]!.inside : undefined);
  return {
    sums,
    shrinkOf: (i, e) => sums.spaceShrink(i, e) + sums.punctShrink(i, e),
    lineNatural: (i, e) => sums.natural(i, e) + (e < n - 1 ? (atoms[e]!.hyphenAfter ?? 0) : 0) + (atoms[e]!.endDelta ?? 0),
    penalty: (e) => (e < n - 1 && atoms[e]!.hyphenAfter ? HYPHEN_PENALTY : 0) + (inside(e) === 'point' ? POINT_PENALTY : inside(e) === 'cut' ? CUT_PENALTY : 0),
  };
}

/** The line spec of atoms i to e, with the punctuation set half-width that a shrunk line needs. */
function lineSpec(atoms: readonly Atom[], options: BreakOptions, m: Measures, i: number, end: number, width: number, justify: boolean): LineSpec {
  const n = atoms.length;
  const need = m.lineNatural(i, end) - width;
  const halts = need > EPSILON ? haltsFor(atoms, i, end, need, m.sums.spaceShrink(i, end)) : [];
  const hyphen = end < n - 1 && (atoms[end]!.hyphenAfter ?? 0) > 0;
  return { start: i, end, justify: justify && options.justify && !isForcedAfter(atoms, end), halts, ...(hyphen ? { hyphen } : {}) };
}

/**
 * Line by line: for each line the last break that fits (stretched) against
 * the first that overflows (shrunk). Ragged paragraphs, and justified ones
 * for which total fit finds no feasible breaks.
 */
function firstFit(atoms: readonly Atom[], gaps: readonly Gap[], options: BreakOptions, m: Measures): LineSpec[] {
  const n = atoms.length;
  const lines: LineSpec[] = [];
  const { sums, shrinkOf, lineNatural, penalty } = m;
  const stretchBadness = (i: number, e: number, width: number) => {
    const stretch = sums.stretch(i, e);
    return stretch > 0 ? badness((width - lineNatural(i, e)) / stretch) : Infinity;
  };
  const inside = (e: number) => (e < n - 1 ? gaps[e]!.inside : undefined);
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
        end = options.keepBrackets ? beforeBracket(atoms, gaps, i, ragged, width, m) : ragged;
      } else {
        const candidates: { end: number; bad: number; flush?: boolean }[] = [];
        const add = (e: number) => {
          if (e < 0) return;
          const bad = stretchBadness(i, e, width);
          // As total fit weighs it: a line too loose to justify that holds pieces of a token broken at a Chicago
          // point and fills half the measure is set flush left, as bad as the loosest line justified (when it has
          // word spaces), not cut between two letters of the token.
          const natural = lineNatural(i, e);
          const piece = inside(e) === 'point' || (i > 0 && inside(i - 1) === 'point');
          if (bad > TOLERANCE && piece && natural >= width / 2) {
            candidates.push({ end: e, bad: (sums.stretch(i, e) > 0 ? TOLERANCE : 0) + flushLeftBadness(natural, width) + penalty(e), flush: true });
          } else candidates.push({ end: e, bad: bad + penalty(e) });
        };
        add(lastFit);
        if (lastPlain !== lastFit) add(lastPlain);
        add(lastPoint);
        add(lastCut);
        if (shrinkFits) {
          const need = lineNatural(i, over) - width;
          candidates.push({ end: over, bad: badness(-need / Math.max(EPSILON, shrinkOf(i, over))) + penalty(over) });
        }
        const best = candidates.reduce<{ end: number; bad: number; flush?: boolean } | undefined>((b, c) => (b === undefined || c.bad < b.bad ? c : b), undefined);
        end = best && best.bad < Infinity ? best.end : ragged;
        if (best?.flush && end === best.end) justify = false;
      }
      const need = lineNatural(i, end) - width;
      if (need > EPSILON) halts = haltsFor(atoms, i, end, need, sums.spaceShrink(i, end));
      if (isForcedAfter(atoms, end)) justify = false;
    }
    const hyphen = end < n - 1 && (atoms[end]!.hyphenAfter ?? 0) > 0;
    lines.push({ start: i, end, justify, halts, ...(hyphen ? { hyphen } : {}) });
    i = end + 1;
  }
  return lines;
}

/** A feasible break of total fit: where the next line starts, and the best way there. */
interface Node {
  /** First atom of the next line. */
  start: number;
  /** Index of the next line, and its width. */
  line: number;
  width: number;
  /** Prefix sums at `start`: natural width, stretch, shrink (spaces and punctuation). */
  natural: number;
  stretch: number;
  shrink: number;
  /** Tightness of the line that ends here (fitness class). */
  fitness: number;
  /** The line that ends here ends with a hyphen. */
  hyphen: boolean;
  /** The break was forced (the paragraph's start, or a line break in the text). */
  forced: boolean;
  /** The line that ends here is set flush left (too loose to justify: see `flushLeftBadness`). */
  flush: boolean;
  demerits: number;
  prev: Node | undefined;
}

/** TeX's fitness classes, by adjustment ratio: very loose (over 1), loose (over ½), decent, tight (under -½). */
const VERY_LOOSE = 0;
const LOOSE = VERY_LOOSE + 1;
const DECENT = LOOSE + 1;
const TIGHT = DECENT + 1;

function fitnessOf(ratio: number): number {
  if (ratio > 1) return VERY_LOOSE;
  if (ratio > 1 / 2) return LOOSE;
  if (ratio >= -1 / 2) return DECENT;
  return TIGHT;
}

/**
 * Total fit: the breaks of a justified paragraph chosen together, by dynamic
 * programming over the feasible breaks (a line neither overfull beyond its
 * shrink nor looser than `tolerance`; one that cannot stretch must fill its
 * measure). A break stops being a candidate start once
 * a line from it would be overfull, so the search looks at about one line's
 * worth of breaks at a time; of the breaks at one atom, one whose demerits
 * exceed the best one's by more than any later line can make up
 * (ADJ_DEMERITS) is dropped. Undefined when no sequence of feasible lines
 * exists (a unit wider than its line, a line that cannot stretch enough).
 */
function totalFit(atoms: readonly Atom[], gaps: readonly Gap[], options: BreakOptions, m: Measures, tolerance: number): LineSpec[] | undefined {
  const n = atoms.length;
  const { w, p, g, st, sh } = m.sums;
  const widths: number[] = [];
  const widthOf = (line: number) => (widths[line] ??= options.width(line));
  // Lines from this index on all have the same width, so breaks that start such a line at the same atom
  // are told apart by fitness alone (a paragraph has at most one line more than it has breaks).
  let breaks = 0;
  for (let e = 0; e < n; e++) if (isBreakAfter(atoms, gaps, e)) breaks++;
  let sameFrom = 0;
  for (let line = 0; line < breaks; line++) if (widthOf(line) !== widthOf(line + 1)) sameFrom = line + 1;
  const active: Node[] = [{ start: 0, line: 0, width: widthOf(0), natural: 0, stretch: 0, shrink: 0, fitness: DECENT, hyphen: false, forced: true, flush: false, demerits: 0, prev: undefined }];
  // The best way to each break, per line class (lines before `sameFrom`, then all later ones) and fitness class.
  const slots = (sameFrom + 1) * (TIGHT + 1);
  const slotDemerits = new Float64Array(slots).fill(Infinity);
  const slotFrom: (Node | undefined)[] = new Array<Node | undefined>(slots).fill(undefined);
  const slotFlush: boolean[] = new Array<boolean>(slots).fill(false);
  const touched: number[] = [];
  let head = 0;
  // The last atom at which a line before `sameFrom` starts (such lines may differ in width).
  let narrowUntil = sameFrom > 0 ? 0 : -1;
  let final: Node | undefined;
  for (let e = 0; e < n; e++) {
    if (!isBreakAfter(atoms, gaps, e)) continue;
    const last = e === n - 1;
    const forced = isForcedAfter(atoms, e);
    const hyphenWidth = last ? 0 : (atoms[e]!.hyphenAfter ?? 0);
    const hyphen = !last && atoms[e]!.hyphenAfter !== undefined && gaps[e]!.inside === undefined;
    const penaltyDemerits = m.penalty(e) ** 2;
    // Prefix sums at the break: a line from node a has natural width `naturalE - a.natural`, and so on.
    const naturalE = w[e + 1]! + g[e]!;
    const stretchE = st[e]!;
    const shrinkE = sh[e]! + p[e + 1]!;
    // Active breaks are in the order of their atoms, so lines from them get shorter along the list: first
    // those overfull beyond their shrink (for good: nothing after this break fits either), then feasible ones,
    // then those too loose (still active: a later break may suit them).
    while (head < active.length && naturalE - active[head]!.natural - (shrinkE - active[head]!.shrink) > active[head]!.width + EPSILON) head++;
    for (let k = head; k < active.length; k++) {
      const a = active[k]!;
      const shrink = shrinkE - a.shrink;
      const width = a.width;
      const natural = naturalE - a.natural + hyphenWidth;
      let bad: number;
      let ratio = 0;
      let flush = false;
      if (natural > width + EPSILON) {
        if (natural - shrink > width + EPSILON) continue;
        ratio = -(natural - width) / Math.max(EPSILON, shrink);
        bad = badness(ratio);
      } else if (forced || natural >= width - EPSILON) bad = 0;
      else {
        const stretch = stretchE - a.stretch;
        ratio = stretch > 0 ? (width - natural) / stretch : Infinity;
        bad = badness(ratio);
        if (bad > tolerance) {
          // A line too loose to justify that holds pieces of a token broken at a Chicago point (a URL) and
          // fills at least half the measure is set flush left, and weighed with the paragraph's other lines
          // (rather than cutting the token between letters): a line of the token's pieces alone (nothing in it
          // stretches) by how full it is, one with word spaces as bad as the loosest line justified, and more
          // the emptier it is.
          const piece = gaps[e]?.inside === 'point' || (a.start > 0 && gaps[a.start - 1]?.inside === 'point');
          if (piece && natural >= width / 2) {
            ratio = 2;
            bad = (stretch > 0 ? TOLERANCE : 0) + flushLeftBadness(natural, width);
            flush = true;
          } else if (stretch > 0 && a.start > narrowUntil) {
            // Too loose: so are the lines from the breaks after this one, if they have the same width.
            break;
          } else continue;
        }
      }
      const fitness = fitnessOf(ratio);
      const lineBad = LINE_PENALTY + bad;
      let demerits = a.demerits + lineBad * lineBad + penaltyDemerits;
      if (hyphen && a.hyphen) demerits += ADJ_DEMERITS;
      if (last && a.hyphen) demerits += ADJ_DEMERITS / 2;
      if (fitness - a.fitness > 1 || a.fitness - fitness > 1) demerits += ADJ_DEMERITS;
      if (last && options.avoidShortLast && !a.forced && letters(atoms, a.start, e) <= 1) demerits += SHORT_LAST_DEMERITS;
      const slot = Math.min(a.line + 1, sameFrom) * (TIGHT + 1) + fitness;
      if (demerits < slotDemerits[slot]!) {
        if (slotFrom[slot] === undefined) touched.push(slot);
        slotDemerits[slot] = demerits;
        slotFrom[slot] = a;
        slotFlush[slot] = flush;
      }
    }
    if (forced) {
      active.length = 0;
      head = 0;
    } else if (head * 2 > active.length) {
      active.splice(0, head);
      head = 0;
    }
    // Of the breaks here in one line class, one whose demerits exceed the best's by more than a later line can make up is dropped.
    const next = e + 1;
    for (const slot of touched) {
      const lineClass = Math.floor(slot / (TIGHT + 1));
      let classBest = Infinity;
      for (const other of touched) if (Math.floor(other / (TIGHT + 1)) === lineClass) classBest = Math.min(classBest, slotDemerits[other]!);
      const from = slotFrom[slot]!;
      const demerits = slotDemerits[slot]!;
      const line = from.line + 1;
      if (last) {
        if (!final || demerits < final.demerits)
          final = { start: next, line, width: 0, natural: 0, stretch: 0, shrink: 0, fitness: slot % (TIGHT + 1), hyphen, forced, flush: slotFlush[slot]!, demerits, prev: from };
        continue;
      }
      if (demerits > classBest + ADJ_DEMERITS) continue;
      if (line < sameFrom) narrowUntil = next;
      active.push({
        start: next,
        line,
        width: widthOf(line),
        natural: w[next]! + g[next]!,
        stretch: st[next]!,
        shrink: sh[next]! + p[next]!,
        fitness: slot % (TIGHT + 1),
        hyphen,
        forced,
        flush: slotFlush[slot]!,
        demerits,
        prev: from,
      });
    }
    for (const slot of touched) {
      slotDemerits[slot] = Infinity;
      slotFrom[slot] = undefined;
    }
    touched.length = 0;
    if (last) break;
    if (head === active.length) return undefined;
  }
  if (!final) return undefined;
  const ends: Node[] = [];
  for (let node: Node | undefined = final; node?.prev; node = node.prev) ends.push(node);
  ends.reverse();
  return ends.map((node) => lineSpec(atoms, options, m, node.prev!.start, node.start - 1, widthOf(node.prev!.line), !node.flush));
}

function letters(atoms: readonly Atom[], start: number, end: number): number {
  return letterCount(atoms, { start, end, justify: false, halts: [] });
}

function avoidShortLast(atoms: readonly Atom[], gaps: readonly Gap[], lines: LineSpec[], options: BreakOptions, sums: Sums, shrinkOf: (i: number, e: number) => number): void {
  const L = lines.length;
  const last = lines[L - 1]!;
  const prev = lines[L - 2]!;
  if (prev.justify === false || letterCount(atoms, last) > 1) return;
  const prevWidth = options.width(L - 2);
  const lastWidth = options.width(L - 1);
  // Pull the last line up into the one before, if shrinking can take it.
  const endOf = (e: number) => atoms[e]!.endDelta ?? 0;
  const need = sums.natural(prev.start, last.end) + endOf(last.end) - prevWidth;
  if (need <= 0 || need <= shrinkOf(prev.start, last.end)) {
    const halts = need > EPSILON ? haltsFor(atoms, prev.start, last.end, need, sums.spaceShrink(prev.start, last.end)) : [];
    lines.splice(L - 2, 2, { start: prev.start, end: last.end, justify: false, halts });
    return;
  }
  // Else push one more unit down, if the line before stays within its stretch.
  for (let e = prev.end - 1; e >= prev.start; e--) {
    if (!isBreakAfter(atoms, gaps, e) || atoms[e]!.hyphenAfter !== undefined || gaps[e]!.inside) continue;
    if (sums.natural(e + 1, last.end) + endOf(last.end) > lastWidth + EPSILON) return;
    const slack = prevWidth - sums.natural(prev.start, e) - endOf(e);
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

/** Whether two runs are set alike (and may be drawn as one). */
export function sameStyle(a: RunStyle, b: RunStyle): boolean {
  // Atoms of one run of text share their style object.
  if (a === b) return true;
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
    a.linkName === b.linkName &&
    !!a.strike === !!b.strike &&
    a.lang === b.lang
  );
}

/** Whether a text is one character (one code point: a surrogate pair is one). */
function oneCharacter(text: string): boolean {
  return text.length > 0 && unitsAt(text, 0) === text.length;
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
    const end = k === spec.end && source.endDelta !== undefined;
    if (!hyphen && !end && !spec.halts.includes(k)) {
      atoms.push(source);
      continue;
    }
    const a = { ...source };
    // The line's last run is drawn on its own: as wide as it is then.
    if (end) a.width += source.endDelta ?? 0;
    if (spec.halts.includes(k)) setHalt(a);
    if (hyphen) {
      a.text += '-';
      a.width += a.hyphenAfter ?? 0;
    }
    atoms.push(a);
  }
  const lineGaps = gaps.slice(spec.start, spec.end);
  let natural = 0;
  for (let k = 0; k < atoms.length; k++) natural += atoms[k]!.width;
  let stretch = 0;
  let shrink = 0;
  for (let k = 0; k < lineGaps.length; k++) {
    const g = lineGaps[k]!;
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
      (adj === 0 ? run.cs === 0 || run.text.length === 0 : a.cjk && runLastAtom.cjk && (run.cs === adj || oneCharacter(run.text)));
    if (mergeable && run) {
      if (oneCharacter(run.text) && run.cs === 0) run.cs = adj;
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
