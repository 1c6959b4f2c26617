/**
 * Editions must agree: the same headings, figures, tables and notes in the
 * same order, and each note citing the same keys. Every edition is compared
 * with the original (the first declared language); each message names the
 * place in both files.
 */
import { allBlocks, diagnostic, inlineText, type Block, type DocumentModel, type Diagnostic, type FigureBlock, type HeadingBlock, type Note, type SourceSpan, type Table } from '@brief/document-model';
import type { ValidationInput } from './index.js';
import { parseLocator, sameLocator } from '@brief/citations';
import { citationsOfNote, where } from './util.js';

interface Element<T> {
  key: string;
  value: T;
  span: SourceSpan;
}

type Step =
  | { kind: 'match'; a: number; b: number }
  /** The same key in both, but in another order. */
  | { kind: 'moved'; a: number; b: number }
  /** Different keys at the same place. */
  | { kind: 'changed'; a: number; b: number }
  | { kind: 'onlyA'; a: number; after?: number }
  | { kind: 'onlyB'; b: number; after?: number };

/** Longest common subsequence of two key lists, as index pairs. */
function lcs(a: readonly string[], b: readonly string[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  const table: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) table[i]![j] = a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}

/**
 * Align two sequences by key: common keys in order are matches; a key in
 * both but out of order is "moved"; in the gaps between matches, leftover
 * elements pair up by position ("changed") and the rest are only on one side.
 */
export function align(a: readonly string[], b: readonly string[]): Step[] {
  const steps: Step[] = [];
  const pairs = lcs(a, b);
  const matchedA = new Set(pairs.map(([i]) => i));
  const matchedB = new Set(pairs.map(([, j]) => j));
  for (const [i, j] of pairs) steps.push({ kind: 'match', a: i, b: j });
  // Keys present on both sides but not matched: moved.
  const freeB = new Map<string, number[]>();
  b.forEach((key, j) => {
    if (!matchedB.has(j)) freeB.set(key, [...(freeB.get(key) ?? []), j]);
  });
  a.forEach((key, i) => {
    if (matchedA.has(i)) return;
    const js = freeB.get(key);
    if (js && js.length > 0) {
      const j = js.shift()!;
      matchedA.add(i);
      matchedB.add(j);
      steps.push({ kind: 'moved', a: i, b: j });
    }
  });
  // Gaps between consecutive matches.
  const anchors: [number, number][] = [[-1, -1], ...pairs, [a.length, b.length]];
  for (let k = 0; k + 1 < anchors.length; k++) {
    const [ai, bj] = anchors[k]!;
    const [an, bn] = anchors[k + 1]!;
    const ga: number[] = [];
    const gb: number[] = [];
    for (let i = ai + 1; i < an; i++) if (!matchedA.has(i)) ga.push(i);
    for (let j = bj + 1; j < bn; j++) if (!matchedB.has(j)) gb.push(j);
    const common = Math.min(ga.length, gb.length);
    for (let x = 0; x < common; x++) steps.push({ kind: 'changed', a: ga[x]!, b: gb[x]! });
    for (const i of ga.slice(common)) steps.push({ kind: 'onlyA', a: i, ...(bj >= 0 ? { after: bj } : {}) });
    for (const j of gb.slice(common)) steps.push({ kind: 'onlyB', b: j, ...(ai >= 0 ? { after: ai } : {}) });
  }
  return steps;
}

interface Edition {
  doc: DocumentModel;
  file: string;
}

function spanOr(span: SourceSpan | undefined, file: string): SourceSpan {
  return span ?? { file, start: { line: 1, column: 1 } };
}

function headingText(h: HeadingBlock): string {
  const text = inlineText(h.children).trim();
  return text.length > 30 ? `${text.slice(0, 29)}…` : text;
}

function hashes(level: number): string {
  return '#'.repeat(level + 1);
}

function tableShape(t: Table): string {
  const rows = t.rows.length + 1;
  const cols = Math.max(t.header.cells.length, ...t.rows.map((r) => r.cells.length));
  return `${rows} row${rows === 1 ? '' : 's'} × ${cols} column${cols === 1 ? '' : 's'}`;
}

/** Report steps of an alignment with the describers of one element kind. */
function report<T>(
  rule: string,
  a: Edition,
  b: Edition,
  as: readonly Element<T>[],
  bs: readonly Element<T>[],
  describe: (e: Element<T>, index: number) => string,
  what: string,
  out: Diagnostic[],
  onMatch?: (x: Element<T>, y: Element<T>) => void,
): void {
  const steps = align(
    as.map((e) => e.key),
    bs.map((e) => e.key),
  );
  for (const step of steps) {
    switch (step.kind) {
      case 'match':
        onMatch?.(as[step.a]!, bs[step.b]!);
        break;
      case 'moved': {
        const x = as[step.a]!;
        const y = bs[step.b]!;
        out.push(
          diagnostic(
            rule,
            'error',
            `${describe(y, step.b)} is ${what} ${step.b + 1} here but ${what} ${step.a + 1} in ${where(x.span)}: the editions have their ${what}s in another order`,
            y.span,
            `put it in the same place as in ${a.file}`,
          ),
        );
        onMatch?.(x, y);
        break;
      }
      case 'changed': {
        const x = as[step.a]!;
        const y = bs[step.b]!;
        out.push(
          diagnostic(
            rule,
            'error',
            `${what} ${step.b + 1} is ${describe(y, step.b)} here but ${describe(x, step.a)} in ${where(x.span)}`,
            y.span,
            `make both editions hold the same ${what}s with the same ids, in the same order`,
          ),
        );
        break;
      }
      case 'onlyA': {
        const x = as[step.a]!;
        const near = step.after !== undefined ? bs[step.after] : undefined;
        const next = steps.find((s): s is Extract<Step, { kind: 'match' }> => s.kind === 'match' && s.a > step.a);
        const place = near ? `after ${where(near.span)}` : next ? `before ${where(bs[next.b]!.span)}` : `in ${b.file}`;
        out.push(
          diagnostic(
            rule,
            'error',
            `${describe(x, step.a)} (${what} ${step.a + 1}) is in ${a.file} but missing from ${b.file} (expected ${place})`,
            x.span,
            `add it to ${b.file}, or remove it from ${a.file}`,
          ),
        );
        break;
      }
      case 'onlyB': {
        const y = bs[step.b]!;
        const near = step.after !== undefined ? as[step.after] : undefined;
        const next = steps.find((s): s is Extract<Step, { kind: 'match' }> => s.kind === 'match' && s.b > step.b);
        const place = near ? `after ${where(near.span)}` : next ? `before ${where(as[next.a]!.span)}` : `in ${a.file}`;
        out.push(
          diagnostic(
            rule,
            'error',
            `${describe(y, step.b)} (${what} ${step.b + 1}) is in ${b.file} but not in ${a.file} (expected ${place})`,
            y.span,
            `add it to ${a.file}, or remove it from ${b.file}`,
          ),
        );
        break;
      }
    }
  }
}

function compareHeadings(a: Edition, b: Edition, out: Diagnostic[]): void {
  const list = (e: Edition): Element<HeadingBlock>[] =>
    allBlocks(e.doc.body)
      .filter((x): x is HeadingBlock => x.kind === 'heading')
      .map((h) => ({ key: h.id, value: h, span: spanOr(h.source, e.file) }));
  const describe = (e: Element<HeadingBlock>) => `heading ${hashes(e.value.level)} "${headingText(e.value)}" {#${e.value.id}}`;
  report('parity-heading', a, b, list(a), list(b), describe, 'heading', out, (x, y) => {
    if (x.value.level !== y.value.level)
      out.push(
        diagnostic(
          'parity-heading',
          'error',
          `heading {#${y.value.id}} is level ${hashes(y.value.level)} here but ${hashes(x.value.level)} in ${where(x.span)}`,
          y.span,
          'use the same heading level in both editions',
        ),
      );
  });
}

function compareFigures(a: Edition, b: Edition, out: Diagnostic[]): void {
  const list = (e: Edition): Element<FigureBlock>[] =>
    allBlocks(e.doc.body)
      .filter((x): x is FigureBlock => x.kind === 'figure')
      .map((f) => ({ key: f.id, value: f, span: spanOr(f.source, e.file) }));
  const describe = (e: Element<FigureBlock>) => `${e.value.body.kind === 'table' ? 'table' : 'figure'} {#${e.value.id}}`;
  report('parity-figure', a, b, list(a), list(b), describe, 'figure', out, (x, y) => {
    const bx = x.value.body;
    const by = y.value.body;
    if (bx.kind !== by.kind)
      out.push(
        diagnostic(
          'parity-figure',
          'error',
          `figure {#${y.value.id}} holds ${by.kind === 'table' ? 'a table' : 'an image'} here but ${bx.kind === 'table' ? 'a table' : 'an image'} in ${where(x.span)}`,
          y.span,
          'both editions must hold the same kind of figure body',
        ),
      );
    else if (bx.kind === 'table' && by.kind === 'table' && tableShape(bx.table) !== tableShape(by.table))
      out.push(
        diagnostic(
          'parity-table',
          'error',
          `the table of figure {#${y.value.id}} has ${tableShape(by.table)} here but ${tableShape(bx.table)} in ${where(x.span)}`,
          y.span,
          'translate the table cell by cell, keeping its rows and columns',
        ),
      );
    const nx = x.value.remarks?.length ?? 0;
    const ny = y.value.remarks?.length ?? 0;
    if (nx !== ny)
      out.push(
        diagnostic(
          'parity-figure',
          'error',
          `figure {#${y.value.id}} has ${ny} note${ny === 1 ? '' : 's'} under it here but ${nx} in ${where(x.span)}`,
          y.span,
          'translate the notes under a figure one by one, as its other text',
        ),
      );
  });
}

function compareTables(a: Edition, b: Edition, out: Diagnostic[]): void {
  const list = (e: Edition): Element<Table>[] =>
    allBlocks(e.doc.body)
      .filter((x): x is Extract<Block, { kind: 'table' }> => x.kind === 'table')
      .map((t) => ({ key: 'table', value: t.table, span: spanOr(t.source, e.file) }));
  const describe = (e: Element<Table>) => `a table of ${tableShape(e.value)}`;
  report('parity-table', a, b, list(a), list(b), describe, 'table', out, (x, y) => {
    if (tableShape(x.value) !== tableShape(y.value))
      out.push(
        diagnostic(
          'parity-table',
          'error',
          `this table has ${tableShape(y.value)} but the table at ${where(x.span)} has ${tableShape(x.value)}`,
          y.span,
          'translate the table cell by cell, keeping its rows and columns',
        ),
      );
  });
}

function noteLabel(note: Note): string {
  if (!note.generated) return `note [^${note.id}]`;
  const keys = citationsOfNote(note).flatMap((c) => c.items.map((i) => `@${i.key}`));
  return `the note made from the citation [${keys.join('; ')}] in running text`;
}

function compareNotes(a: Edition, b: Edition, out: Diagnostic[]): void {
  const list = (e: Edition): Element<Note>[] => e.doc.notes.map((n) => ({ key: n.id, value: n, span: spanOr(n.source, e.file) }));
  const describe = (e: Element<Note>) => noteLabel(e.value);
  report('parity-note', a, b, list(a), list(b), describe, 'note', out, (x, y) => compareCitations(x.value, y.value, a, b, out));
}

/** The keys a note cites, in order, each with its locator and where its citation was written. */
function citedIn(note: Note, file: string): { key: string; locator: string | undefined; span: SourceSpan }[] {
  const out: { key: string; locator: string | undefined; span: SourceSpan }[] = [];
  for (const cite of citationsOfNote(note)) for (const item of cite.items) out.push({ key: item.key, locator: item.locator, span: spanOr(cite.source ?? note.source, file) });
  return out;
}

/**
 * The same works cited at different places: a locator in one edition and none in the other,
 * or other pages (`p. 12` and `12頁` are the same place). Locators that are not pages
 * (`chap. 3`, `第3章`) are written in each language and not compared.
 */
function compareLocators(kx: ReturnType<typeof citedIn>, ky: ReturnType<typeof citedIn>, x: Note, y: Note, a: Edition, out: Diagnostic[]): void {
  kx.forEach((cx, i) => {
    const cy = ky[i]!;
    const lx = parseLocator(cx.locator);
    const ly = parseLocator(cy.locator);
    const differ = !lx || !ly ? lx !== ly : lx.kind === 'page' && ly.kind === 'page' && !sameLocator(cx.locator, cy.locator);
    if (!differ) return;
    const at = (l: string | undefined) => (l === undefined ? 'without a locator' : `at "${l}"`);
    const numbers = x.number === y.number ? `note ${y.number}` : `note ${y.number} (note ${x.number} in ${a.file})`;
    out.push(
      diagnostic(
        'parity-locator',
        'warning',
        `${numbers} cites @${cy.key} ${at(cy.locator)} but ${where(cx.span)} cites it ${at(cx.locator)}`,
        cy.span,
        'cite the same pages in both editions (the form may differ: p. 12 and 12頁 are the same place)',
      ),
    );
  });
}

function compareCitations(x: Note, y: Note, a: Edition, b: Edition, out: Diagnostic[]): void {
  const kx = citedIn(x, a.file);
  const ky = citedIn(y, b.file);
  if (kx.map((k) => k.key).join('\n') === ky.map((k) => k.key).join('\n')) return compareLocators(kx, ky, x, y, a, out);
  const n = Math.max(kx.length, ky.length);
  let i = 0;
  while (i < n && kx[i]?.key === ky[i]?.key) i++;
  const cx = kx[i];
  const cy = ky[i];
  const list = (ks: readonly { key: string }[]) => ks.map((k) => `@${k.key}`).join(', ');
  let whatY: string;
  let whatX: string;
  let yAt: SourceSpan;
  let xAt: SourceSpan;
  if (cx && cy) {
    whatY = `cites @${cy.key}`;
    whatX = `cites @${cx.key}`;
    yAt = cy.span;
    xAt = cx.span;
  } else {
    // One list is the other's beginning: name both lists whole.
    const longerHere = ky.length > kx.length;
    whatY = ky.length === 0 ? 'cites nothing' : `cites ${longerHere ? '' : 'only '}${list(ky)}`;
    whatX = kx.length === 0 ? 'cites nothing' : `cites ${longerHere ? 'only ' : ''}${list(kx)}`;
    yAt = (cy ?? ky[ky.length - 1])?.span ?? spanOr(y.source, b.file);
    xAt = (cx ?? kx[kx.length - 1])?.span ?? spanOr(x.source, a.file);
  }
  const numbers = x.number === y.number ? `note ${y.number}` : `note ${y.number} (note ${x.number} in ${a.file})`;
  out.push(
    diagnostic(
      'parity-citation',
      'error',
      `${numbers} ${whatY} but ${where(xAt)} ${whatX}`,
      yAt,
      `cite the same keys in the same order in both editions (here: ${list(ky) || 'none'}; in ${a.file}: ${list(kx) || 'none'})`,
    ),
  );
}

export function checkParity(input: ValidationInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (input.editions.length < 2) return out;
  const editions: Edition[] = input.editions.map((doc) => ({
    doc,
    file: input.files.get(doc.meta.lang) ?? doc.notes[0]?.source?.file ?? `${doc.meta.lang}.md`,
  }));
  const originalLang = input.editions[0]!.meta.languages.find((l) => editions.some((e) => e.doc.meta.lang === l));
  const original = editions.find((e) => e.doc.meta.lang === originalLang) ?? editions[0]!;
  for (const other of editions) {
    if (other === original) continue;
    compareHeadings(original, other, out);
    compareFigures(original, other, out);
    compareTables(original, other, out);
    // Notes misread in either edition are numbered apart from the others: comparing them would only blame the notes after.
    if (!input.notesMisread?.has(original.doc.meta.lang) && !input.notesMisread?.has(other.doc.meta.lang)) compareNotes(original, other, out);
  }
  return out;
}
