/**
 * Pagination with notes at the foot of the page that holds their mark.
 *
 * The body is a sequence of boxes of known height (lines, headings, figures,
 * table rows); boxes linked by `keepWithNext` form chains that go on one page
 * (a heading with the first lines after it, the first and last two lines of a
 * paragraph, the parts of a figure). Notes are lists of lines of known height.
 *
 * A chain goes on the current page if it fits together with the notes its
 * marks call for: every new note whole, except the last, which may be split
 * (at least two lines here and two at the foot of the next page, before
 * that page's own notes). Otherwise the page is closed. A figure that does not fit
 * floats to the top of the next page while the text goes on (past headings
 * too: holding the text back would not bring the figure any earlier), in
 * order; a figure right after a heading goes with it only when both fit,
 * else the heading stays with the lines after it, unless none follow before
 * the next heading (a section of figures only): then the heading goes with
 * its first figure and every waiting figure is set before the next heading,
 * so headings never change order. A float marked `held`
 * waits for the box that first mentions it (`releases`). A waiting float
 * that holds a note mark lets no text with a later note go before it: the
 * page ends there, so the notes print in their order.
 *
 * A page that ends early because what comes next does not fit has its blank
 * spread over the page (vertical justification, `flushBottom`): first at
 * boundaries between blocks, up to a cap each, then evenly between lines, up
 * to a smaller cap; what is left stays at the foot.
 *
 * Nothing is ever dropped: when a page cannot hold a note at all (a note
 * longer than a page), the note continues on the following pages in order,
 * and notes called on those pages queue behind it.
 */

/** The fewest lines of a note set on either side of a page break (a split note). */
const NOTE_SPLIT_LINES = 2;

export interface Box<T = unknown> {
  height: number;
  /** Note numbers whose marks sit in this box, in order. */
  notes: readonly number[];
  /** Must go on the same page as the next box. */
  keepWithNext: boolean;
  /** Space at the box's top that is dropped when it starts a page. */
  topTrim?: number;
  /** Dropped entirely when it would start a page (space between paragraphs). */
  discardable?: boolean;
  /** Boxes of one figure share a float group: they may move to the next page's top. */
  float?: number;
  /** Floats held back must be placed before this box (notes at a chapter's end). */
  barrier?: boolean;
  /**
   * Floats waiting for a page go before this box (a chapter's heading) when
   * the page they leave ends no emptier than `softBarrierBlank` of it.
   */
  softBarrier?: boolean;
  /** A heading: a section that holds only floats ends where the next one starts. */
  heading?: boolean;
  /** The first box of a block: the boundary before it may take extra space when the page is justified. */
  blockStart?: boolean;
  /** A float box that must not go on a page before the box that first mentions it. */
  held?: boolean;
  /** Float groups first mentioned in this box. */
  releases?: readonly number[];
  /** Set first when this box starts a page in the middle of its group (a table's header row). */
  repeatAtTop?: Box<T>;
  /** What the writer needs to draw the box. */
  payload: T;
}

export interface NoteLines {
  number: number;
  /** Height of each line of the note. */
  lines: readonly number[];
}

export interface PaginateOptions {
  /** Height available for body and notes on page `index` (0-based). */
  capacity(index: number): number;
  /** Space the note area takes besides its lines (gap, rule). */
  noteOverhead: number;
  /** Space between two notes. */
  noteSpacing: number;
  /** Body height kept free when a long note continues onto a page. */
  minBody: number;
  /** The most of a page left blank for the floats before a soft barrier (a fraction of its capacity; default 0). */
  softBarrierBlank?: number;
  /** Vertical justification; pages stay ragged at the foot without it. */
  flushBottom?: {
    /** Largest blank spread, as a fraction of the page's capacity. */
    maxFraction: number;
    /** Largest extra space at one boundary between blocks. */
    blockCap: number;
    /** Largest extra space between two lines; what the caps leave stays at the foot. */
    lineCap: number;
  };
}

export interface PlacedBox<T> {
  box: Box<T>;
  /** Offset from the top of the body area. */
  top: number;
  /** Height used on this page (less than box.height when trimmed at the top). */
  height: number;
  /** Amount trimmed from the box's top. */
  trimmed: number;
}

export interface NoteSegment {
  number: number;
  /** First line (inclusive) and end (exclusive) of the note's lines on this page. */
  from: number;
  to: number;
}

export interface PagePlan<T> {
  body: PlacedBox<T>[];
  notes: NoteSegment[];
  /** Height of the note area (0 without notes). */
  notesHeight: number;
}

export interface Pagination<T> {
  pages: PagePlan<T>[];
  /** Notes that could not sit on the page of their mark (their number and the mark's page index). */
  displaced: { number: number; markPage: number; notePage: number }[];
}

interface Chain<T> {
  boxes: Box<T>[];
  float: boolean;
  barrier: boolean;
  /** Boxes at the chain's end that are one float (a figure right after a heading). */
  trailingFloat: number;
}

const isFloat = <T>(boxes: readonly Box<T>[]) => boxes.length > 0 && boxes.every((b) => b.float !== undefined) && new Set(boxes.map((b) => b.float)).size === 1;

function chainOf<T>(boxes: Box<T>[]): Chain<T> {
  let trailing = 0;
  const last = boxes[boxes.length - 1]?.float;
  if (last !== undefined && !isFloat(boxes)) while (trailing < boxes.length && boxes[boxes.length - 1 - trailing]!.float === last) trailing++;
  return { boxes, float: isFloat(boxes), barrier: boxes[0]!.barrier ?? false, trailingFloat: trailing };
}

function chainsOf<T>(boxes: readonly Box<T>[]): Chain<T>[] {
  const chains: Chain<T>[] = [];
  let current: Box<T>[] = [];
  for (const box of boxes) {
    current.push(box);
    if (!box.keepWithNext) {
      chains.push(chainOf(current));
      current = [];
    }
  }
  if (current.length > 0) chains.push({ ...chainOf(current), float: false, trailingFloat: 0 });
  return chains;
}

interface PageState<T> {
  index: number;
  body: PlacedBox<T>[];
  used: number;
  notes: NoteSegment[];
  noteLines: number;
}

export function paginate<T>(boxes: readonly Box<T>[], notes: ReadonlyMap<number, NoteLines>, options: PaginateOptions): Pagination<T> {
  const pages: PagePlan<T>[] = [];
  const displaced: Pagination<T>['displaced'] = [];
  const markPage = new Map<number, number>();
  /** Notes (or their rest) waiting for a page, in order. */
  const queue: NoteSegment[] = [];
  const placedNotes = new Set<number>();
  const deferred: Chain<T>[] = [];

  const lineHeights = (n: number): readonly number[] => notes.get(n)?.lines ?? [];
  const segHeight = (seg: NoteSegment) => {
    const lines = lineHeights(seg.number);
    let h = 0;
    for (let k = seg.from; k < seg.to; k++) h += lines[k] ?? 0;
    return h;
  };
  const notesHeight = (segs: readonly NoteSegment[]) => {
    if (segs.length === 0) return 0;
    let h = options.noteOverhead + options.noteSpacing * (segs.length - 1);
    for (const s of segs) h += segHeight(s);
    return h;
  };

  let page: PageState<T> = openPage(0);
  /** Height still free on the current page. */
  const blankLeft = () => {
    const last = page.body[page.body.length - 1];
    return options.capacity(page.index) - (last ? last.top + last.height : 0) - notesHeight(page.notes);
  };

  function openPage(index: number): PageState<T> {
    const p: PageState<T> = { index, body: [], used: 0, notes: [], noteLines: 0 };
    // Notes continued from the page before come first, up to what leaves room for some body.
    const room = options.capacity(index) - options.minBody;
    while (queue.length > 0) {
      const seg = queue[0]!;
      const trial = [...p.notes, seg];
      if (notesHeight(trial) <= room) {
        p.notes.push(seg);
        queue.shift();
        continue;
      }
      // Split: as many lines as fit (at least one when the page has no notes yet).
      const lines = lineHeights(seg.number);
      let to = seg.from;
      while (to < seg.to && notesHeight([...p.notes, { ...seg, to: to + 1 }]) <= room) to++;
      if (to === seg.from && p.notes.length === 0) to = seg.from + 1;
      if (to > seg.from) {
        p.notes.push({ ...seg, to });
        queue[0] = { ...seg, from: to };
        if (to >= lines.length) queue.shift();
      }
      break;
    }
    return p;
  }

  /** Spread the blank of a page that ended early over its boundaries (vertical justification). */
  function justify(p: PageState<T>): void {
    const flush = options.flushBottom;
    if (!flush) return;
    let end = p.body.length;
    while (end > 0 && p.body[end - 1]!.box.discardable) end--;
    if (end < 2) return;
    const last = p.body[end - 1]!;
    const capacity = options.capacity(p.index);
    const slack = capacity - (last.top + last.height) - notesHeight(p.notes);
    if (slack <= 1e-6 || slack > flush.maxFraction * capacity) return;
    let points = 0;
    for (let k = 1; k < end; k++) if (p.body[k]!.box.blockStart) points++;
    const perBlock = points > 0 ? Math.min(flush.blockCap, slack / points) : 0;
    const perLine = Math.min(flush.lineCap, (slack - perBlock * points) / (end - 1));
    let shift = 0;
    for (let k = 1; k < p.body.length; k++) {
      if (k < end) shift += perLine + (p.body[k]!.box.blockStart ? perBlock : 0);
      p.body[k]!.top += shift;
    }
  }

  function closePage(spread = true): void {
    if (spread) justify(page);
    for (const seg of page.notes) {
      if (seg.from === 0) {
        const mp = markPage.get(seg.number);
        if (mp !== undefined && mp !== page.index) displaced.push({ number: seg.number, markPage: mp, notePage: page.index });
      }
    }
    pages.push({ body: page.body, notes: page.notes, notesHeight: notesHeight(page.notes) });
    page = openPage(page.index + 1);
  }

  const chainHeight = (chain: Chain<T>, atTop: boolean) => {
    let h = 0;
    chain.boxes.forEach((b, k) => {
      h += b.height - (k === 0 && atTop ? (b.topTrim ?? 0) : 0);
    });
    return h;
  };

  /** New notes a chain calls for (not placed or queued before). */
  const newNotesOf = (chain: Chain<T>) => {
    const out: number[] = [];
    for (const b of chain.boxes) for (const n of b.notes) if (!placedNotes.has(n) && !out.includes(n) && notes.has(n)) out.push(n);
    return out;
  };

  interface Fit {
    /** Note segments that go on this page. */
    segs: NoteSegment[];
    /** What continues on the next pages. */
    rest: NoteSegment[];
  }

  /**
   * Whether a chain fits on the current page with the notes its marks call
   * for; `force` places it anyway (alone on a page), its notes continuing.
   */
  function fit(chain: Chain<T>, force: boolean): Fit | undefined {
    const atTop = page.body.length === 0;
    const h = chainHeight(chain, atTop);
    const cap = options.capacity(page.index) + 1e-6;
    const fresh = newNotesOf(chain).map((n) => ({ number: n, from: 0, to: lineHeights(n).length }));
    const fits = (segs: readonly NoteSegment[]) => page.used + h + notesHeight([...page.notes, ...segs]) <= cap;
    if (queue.length > 0 || fresh.length === 0) {
      // Notes queue behind a note that is still continuing.
      return fits([]) || force ? { segs: [], rest: fresh } : undefined;
    }
    if (fits(fresh)) return { segs: fresh, rest: [] };
    // Split the last new note: at least two lines here and two on the next page (a note of three lines
    // or fewer goes whole), as a paragraph keeps its first and last two lines together.
    const last = fresh[fresh.length - 1]!;
    const others = fresh.slice(0, -1);
    for (let to = last.to - NOTE_SPLIT_LINES; to >= NOTE_SPLIT_LINES; to--) {
      if (fits([...others, { ...last, to }])) return { segs: [...others, { ...last, to }], rest: [{ ...last, from: to }] };
    }
    if (!force) return undefined;
    // Alone on a page and still too much: notes continue on the next pages, in order.
    const segs: NoteSegment[] = [];
    const rest: NoteSegment[] = [];
    for (const seg of fresh) {
      if (rest.length > 0) {
        rest.push(seg);
        continue;
      }
      let to = seg.from;
      while (to < seg.to && fits([...segs, { ...seg, to: to + 1 }])) to++;
      if (to > seg.from) segs.push({ ...seg, to });
      if (to < seg.to) rest.push({ ...seg, from: to });
    }
    return { segs, rest };
  }

  function commit(chain: Chain<T>, placed: Fit): void {
    const atTop = page.body.length === 0;
    for (const n of newNotesOf(chain)) placedNotes.add(n);
    chain.boxes.forEach((box, k) => {
      const trimmed = k === 0 && atTop ? (box.topTrim ?? 0) : 0;
      const height = box.height - trimmed;
      page.body.push({ box, top: page.used, height, trimmed });
      page.used += height;
      for (const n of box.notes) if (!markPage.has(n)) markPage.set(n, page.index);
    });
    page.notes.push(...placed.segs);
    queue.push(...placed.rest);
  }

  /** The header a box repeats when it starts a page (table rows). */
  function withRepeat(chain: Chain<T>): Chain<T> {
    const first = chain.boxes[0]!;
    if (page.body.length === 0 && first.repeatAtTop) return { ...chain, boxes: [first.repeatAtTop, ...chain.boxes] };
    return chain;
  }

  const released = new Set<number>();
  let flushing = false;

  function commitChain(chain: Chain<T>, placed: Fit): void {
    commit(chain, placed);
    for (const box of chain.boxes) for (const id of box.releases ?? []) released.add(id);
  }

  /**
   * `hold`: a waiting float of the section this chain's heading opens; when the chain
   * goes to a new page, the floats from it on wait until the heading is set (the
   * caller then places them after it, as soon as they fit), never above it.
   */
  function place(chainIn: Chain<T>, hold?: Chain<T>): void {
    if (page.body.length === 0 && chainIn.boxes.length === 1 && chainIn.boxes[0]!.discardable) return;
    let chain = withRepeat(chainIn);
    let placed = fit(chain, false);
    if (placed) return commitChain(chain, placed);
    if (page.body.length > 0) {
      closePage();
      if (!flushing) placeDeferred(false, hold);
      chain = withRepeat(chainIn);
      if (page.body.length === 0 && chainIn.boxes.length === 1 && chainIn.boxes[0]!.discardable) return;
      placed = fit(chain, false);
      if (placed) return commitChain(chain, placed);
    }
    // Alone on a page and still too tall: place its boxes one by one.
    if (chainIn.boxes.length > 1) {
      for (const box of chainIn.boxes) place({ boxes: [{ ...box, keepWithNext: false }], float: false, barrier: false, trailingFloat: 0 }, hold);
      return;
    }
    commitChain(chain, fit(chain, true)!);
  }

  /** A held float may go on a page once the box that mentions it is placed. */
  const ready = (chain: Chain<T>) => !chain.boxes[0]!.held || released.has(chain.boxes[0]!.float!);

  /**
   * Place the floats waiting for a page, in order, as long as they fit on it (one at least
   * on an empty page); the rest wait for the next page. `all`: every one (at the end, or
   * before a barrier), on as many pages as they need.
   */
  function placeDeferred(all = false, hold?: Chain<T>): void {
    if (flushing) return;
    flushing = true;
    while (deferred.length > 0 && deferred[0] !== hold && (all || ready(deferred[0]!))) {
      if (!all && page.body.length > 0 && !fit(withRepeat(deferred[0]!), false)) break;
      place(deferred.shift()!);
    }
    flushing = false;
  }

  function placeFloat(chain: Chain<T>): void {
    if (deferred.length > 0 || !ready(chain)) {
      deferred.push(chain);
      return;
    }
    // One that does not fit waits for the next page, however tall, while the text fills this one.
    if (page.body.length > 0 && !fit(withRepeat(chain), false)) {
      deferred.push(chain);
      return;
    }
    place(chain);
  }

  /** Floats just released by their mention go on this page when they fit, else wait for the next one. */
  function placeReleased(): void {
    while (deferred.length > 0 && deferred[0]!.boxes[0]!.held && ready(deferred[0]!)) {
      const chain = deferred[0]!;
      const placed = fit(withRepeat(chain), false);
      if (!placed) return;
      deferred.shift();
      commitChain(withRepeat(chain), placed);
    }
  }

  /** A heading whose figure went to wait for a page stays with the lines after it … */
  let carry: Box<T>[] = [];
  /** … unless its section has none: then it goes with that figure (`carried`), before what comes next. */
  let carried: Chain<T> | undefined;
  const headFloat = () => {
    const k = carried ? deferred.indexOf(carried) : -1;
    if (k >= 0) {
      deferred[k] = { ...chainOf([...carry, ...carried!.boxes]), float: true, trailingFloat: 0 };
      carry = [];
      // Everything waiting goes now, in order: no heading, barrier or note may pass the section.
      placeDeferred(true);
    }
    carried = undefined;
  };
  /** Floats held back for their heading: they follow it at the next paragraph's start, when they fit. */
  let following: Chain<T> | undefined;
  for (const next of chainsOf(boxes)) {
    const first = next.boxes[0]!;
    if (following && (first.blockStart || first.heading || next.float) && deferred.includes(following)) placeDeferred();
    if (!deferred.includes(following!)) following = undefined;
    if (carry.length > 0 && !next.float && (first.heading || first.barrier || first.softBarrier)) headFloat();
    const chain = carry.length > 0 ? chainOf([...carry, ...next.boxes]) : next;
    // The carried heading's own figures wait for it.
    const hold = carry.length > 0 && carried && deferred.includes(carried) ? carried : undefined;
    carry = [];
    // Floats of earlier sections go before a barrier; the barrier heading's own ones wait for it.
    const before = deferred.length > 0 && deferred[0] !== hold;
    if (chain.barrier && before) {
      if (page.body.length > 0) closePage(false);
      placeDeferred(true, hold);
    } else if (chain.boxes[0]!.softBarrier && before && blankLeft() <= (options.softBarrierBlank ?? 0) * options.capacity(page.index)) {
      if (page.body.length > 0) closePage(false);
      placeDeferred(true, hold);
    }
    if (chain.float) {
      placeFloat(chain);
      continue;
    }
    // A waiting figure whose table or caption holds a note mark goes before text with a later
    // note: set after it, its note would print a page after the later one (…29, 30, 32 | 31).
    // The page ends here and the figure opens the next.
    const waitingNote = Math.min(...deferred.filter((c) => c !== hold && ready(c)).flatMap((c) => c.boxes.flatMap((b) => b.notes)));
    if (Number.isFinite(waitingNote) && chain.boxes.some((b) => b.notes.some((n) => n > waitingNote))) {
      // The page ends early, as when what follows does not fit: its blank is spread.
      if (page.body.length > 0) closePage();
      placeDeferred(false, hold);
    }
    if (chain.trailingFloat > 0) {
      // A figure right after a heading goes with it only when both fit here; else the figure
      // floats and the heading stays with the lines after it.
      const whole = deferred.length === 0 && ready(chainOf(chain.boxes.slice(-chain.trailingFloat))) && fit(withRepeat(chain), false);
      if (!whole) {
        // Never above its heading: it waits for the next page.
        const figure = chainOf(chain.boxes.slice(-chain.trailingFloat));
        deferred.push(figure);
        carry = chain.boxes.slice(0, -chain.trailingFloat);
        if (carried === undefined || !deferred.includes(carried)) carried = figure;
        continue;
      }
    }
    carried = undefined;
    place(chain, hold);
    if (hold && deferred.includes(hold)) following = hold;
    placeReleased();
  }
  if (carry.length > 0) headFloat();
  if (carry.length > 0) place({ ...chainOf(carry), trailingFloat: 0 });
  if (deferred.length > 0) {
    if (page.body.length > 0) closePage();
    placeDeferred(true);
  }
  while (page.body.length > 0 || page.notes.length > 0 || queue.length > 0) closePage(false);
  return { pages, displaced };
}
