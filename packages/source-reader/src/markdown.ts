/**
 * Markdown body → mdast, with the format's extensions: GFM tables and
 * footnotes, generic directives, and CJK-friendly emphasis.
 */
import { remarkCjkFriendly, remarkCjkFriendlyGfmStrikethrough, remarkDirective, remarkGfm, remarkParse, unified } from './libraries.js';
import type { Nodes, Root, RootContent } from 'mdast';
import { sectionsOf, type Section } from './sections.js';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkDirective).use(remarkCjkFriendly).use(remarkCjkFriendlyGfmStrikethrough);

/** How many parsed bodies a process keeps (the editions of a report or two). */
const KEPT = 4;

/** Bodies this process parsed, by their text, most recent last. */
const parsed = new Map<string, Root>();

/** Whether parsed bodies and sections are kept for later parses (`keepParses`). */
let keeping = true;

/**
 * Keep parsed bodies and sections for later parses (the default), or not:
 * a one-off build reads each body once, and the trees it would keep (some
 * 12 MB for a 300-page body) would stay in its thread to the end.
 */
export function keepParses(on: boolean): void {
  keeping = on;
  if (!on) {
    parsed.clear();
    sectionParses.clear();
    sectionChars = 0;
  }
}

/**
 * Parse a body into mdast (positions kept). The tree depends on the text
 * alone and nothing changes it after parsing, so a process keeps the last
 * few (unless told not to: `keepParses`): in `brief watch`, a save of one
 * edition's file parses that file only, and of that file only the sections
 * that changed (`sectionsOf`).
 */
export function parseMarkdown(text: string): Root {
  if (!keeping) return parseBySections(text);
  const kept = parsed.get(text);
  parsed.delete(text);
  const tree = kept ?? parseBySections(text);
  parsed.set(text, tree);
  if (parsed.size > KEPT) parsed.delete(parsed.keys().next().value as string);
  return tree;
}

/** Top-level nodes of a section, with positions as if it began at `offset`, on `line`. */
interface Placed {
  nodes: readonly RootContent[];
  offset: number;
  line: number;
}

/**
 * A section text as parsed: the labels it defines (links' `[label]: url`,
 * and notes' `[^label]:`, written `^label`), which do not depend on the
 * rest of the body, and its nodes by the labels the whole body defines
 * (a section parsed alone is told of them), the last two sets kept.
 */
interface SectionParses {
  defines: readonly string[];
  nodes: Map<string, Placed>;
}

/** Sections parsed, by their text, most recently used last. */
const sectionParses = new Map<string, SectionParses>();
/** How many characters of section text the process keeps parsed (the bodies of a few reports). */
const SECTION_CHARS = 2_000_000;
let sectionChars = 0;

/**
 * Parse a body from sections kept from earlier parses, when at most one of
 * its sections is new: that one is parsed alone, told of the labels the
 * others define. Otherwise (the first parse of a body, or an edit across
 * sections) every section is parsed alone, or the whole body at once when
 * it is shorter than `alone` characters, and its sections kept. Either way the
 * tree is the one the whole body parses to. Nodes are shared between trees
 * (nothing changes a parsed tree): a section that did not move is the same
 * nodes, one that moved a copy with its positions moved.
 */
export function parseBySections(text: string, alone = ALONE_FROM): Root {
  const sections = sectionsOf(text);
  if (sections.length < 2) return processor.parse(text) as Root;
  const fresh = sections.filter((s) => !sectionParses.has(s.text));
  if (fresh.length > 1) return text.length >= alone ? parseAllSections(text, sections) : parseWhole(text, sections);
  const labels = new Set<string>();
  for (const s of sections) for (const label of sectionParses.get(s.text)?.defines ?? []) labels.add(label);
  const added = fresh[0];
  const placed = new Map<Section, Placed>();
  if (added) {
    const part = parseSection(added, [...labels]);
    if (!part.defines) return parseWhole(text, sections);
    for (const label of part.defines) labels.add(label);
    placed.set(added, part.placed);
    keepParse(added.text, { defines: part.defines, nodes: new Map() }, labelsKey(labels), part.placed);
  }
  const key = labelsKey(labels);
  for (const section of sections) {
    if (section === added) continue;
    const kept = sectionParses.get(section.text);
    let part = kept?.nodes.get(key);
    if (!kept || !part) {
      const parse = parseSection(section, [...labels]);
      part = parse.placed;
      if (!parse.defines) return parseWhole(text, sections);
      keepParse(section.text, kept ?? { defines: parse.defines, nodes: new Map() }, key, part);
    } else remember(section.text, kept);
    placed.set(section, part);
  }
  const children = sections.flatMap((section) => {
    const part = placed.get(section)!;
    const [offset, lines] = [section.offset - part.offset, section.line - part.line];
    return offset === 0 && lines === 0 ? part.nodes : part.nodes.map((n) => shifted(n, { offset, lines }));
  });
  return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: endOf(text) } };
}

/**
 * From how many characters a new body's sections are parsed one by one
 * rather than the body at once: below it, parsing at once is as quick.
 */
const ALONE_FROM = 100_000;

const labelsKey = (labels: Iterable<string>) => [...labels].sort().join('\n');

/**
 * Every section of a body parsed alone (much cheaper than the whole body
 * at once, whose parse grows faster than its length), each told of the
 * labels it may use that others define. Those are first guessed from the
 * lines that look like definitions; a section told other labels than the
 * ones its body defines and it may use is parsed again.
 */
function parseAllSections(text: string, sections: readonly Section[]): Root {
  const guessed = normalizedLabels(definitionLike(text));
  const parts = sections.map((section) => {
    const used = bracketed(section.text);
    const told = [...guessed].filter(([, normal]) => used.has(normal));
    return {
      section,
      used,
      told,
      parse: parseSection(
        section,
        told.map(([label]) => label),
        used,
      ),
    };
  });
  const defined = new Set<string>();
  for (const { parse } of parts) {
    if (!parse.defines) return parseWhole(text, sections);
    for (const label of parse.defines) defined.add(label);
  }
  const labels = normalizedLabels(defined);
  const key = labelsKey(defined);
  const children: RootContent[] = [];
  for (const { section, used, told, parse: first } of parts) {
    const needed = [...labels].filter(([, normal]) => used.has(normal));
    const same = labelsKey(needed.map(([, normal]) => normal)) === labelsKey(told.map(([, normal]) => normal));
    const { placed, defines } = same
      ? first
      : parseSection(
          section,
          needed.map(([label]) => label),
          used,
        );
    if (!defines) return parseWhole(text, sections);
    for (const node of placed.nodes) moveInPlace(node, { offset: section.offset, lines: section.line - 1 });
    const here = { nodes: placed.nodes, offset: section.offset, line: section.line };
    keepParse(section.text, sectionParses.get(section.text) ?? { defines, nodes: new Map() }, key, here);
    children.push(...placed.nodes);
  }
  return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: endOf(text) } };
}

/** The labels of lines that look like definitions (`[label]:` or `[^label]:` at the start of a line); a guess, checked after parsing. */
function definitionLike(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/^ {0,3}\[((?:[^[\]\\\n]|\\.)+)\]:/gm)) out.add(m[1]!.replace(/\s+/g, ' '));
  return out;
}

/**
 * What stands between brackets in a text (no bracket inside, unless
 * escaped), normalized as labels are matched: every label the text can
 * use, and more. Telling a parse of a label its text does not use changes
 * nothing, so a section is told only of these.
 */
function bracketed(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\[((?:[^[\]\\]|\\[\s\S])*)\]/g)) out.add(normalizeLabel(m[1]!));
  return out;
}

const normalizedLabels = (labels: Iterable<string>) => new Map([...labels].map((label) => [label, normalizeLabel(label)]));

/** A label as CommonMark matches it: runs of white space as one space, trimmed, case folded. */
const normalizeLabel = (label: string) =>
  label
    .replace(/[\t\n\r ]+/g, ' ')
    .replace(/^ | $/g, '')
    .toLowerCase()
    .toUpperCase();

const endOf = (text: string): Point => ({ line: text.split('\n').length, column: text.length - text.lastIndexOf('\n'), offset: text.length });

/** The whole body parsed, and each of its sections kept. */
function parseWhole(text: string, sections: readonly Section[]): Root {
  const tree = processor.parse(text) as Root;
  const labels = new Set<string>();
  const bySection = sections.map((section, k) => {
    const end = sections[k + 1]?.offset ?? text.length;
    const nodes = tree.children.filter((n) => n.position!.start.offset! >= section.offset && n.position!.start.offset! < end);
    const defines = definedLabels(nodes);
    for (const label of defines ?? []) labels.add(label);
    return { section, placed: { nodes, offset: section.offset, line: section.line }, defines };
  });
  if (bySection.some((s) => s.defines === undefined)) return tree;
  const key = labelsKey(labels);
  for (const { section, placed, defines } of bySection) keepParse(section.text, sectionParses.get(section.text) ?? { defines: defines!, nodes: new Map() }, key, placed);
  return tree;
}

/** A section parsed alone, told of the labels defined elsewhere (definitions appended after it, then left out). */
function parseSection(section: Section, labels: readonly string[], used = bracketed(section.text)): { placed: Placed; defines: string[] | undefined } {
  const told = labels
    .filter((label) => used.has(normalizeLabel(label)))
    .sort()
    .map((label) => (label.startsWith('^') ? `[^${label.slice(1)}]: x` : `[${label}]: x`));
  const tree = processor.parse(`${section.text}\n\n${told.join('\n\n')}\n`) as Root;
  const nodes = tree.children.filter((n) => n.position!.start.offset! < section.text.length);
  return { placed: { nodes, offset: 0, line: 1 }, defines: definedLabels(nodes) };
}

/**
 * The labels of the definitions among nodes, notes' with `^`, spaces as in
 * a label written on one line; none when a definition stands inside another
 * node (a quotation, a list, a directive, a note). Definitions at the top
 * level hold for the whole body, but one inside another node only for
 * what is parsed after it (micromark parses nested content later): such a
 * body is parsed whole.
 */
function definedLabels(nodes: readonly RootContent[]): string[] | undefined {
  const out = new Set<string>();
  const label = (node: { label?: string | null | undefined; identifier: string }) => (node.label ?? node.identifier).replace(/\s+/g, ' ');
  let nested = false;
  const walk = (node: Nodes) => {
    if (node.type === 'definition' || node.type === 'footnoteDefinition') nested = true;
    if ('children' in node) for (const child of node.children) walk(child);
  };
  for (const node of nodes) {
    if (node.type === 'definition') out.add(label(node));
    else if (node.type === 'footnoteDefinition') {
      out.add(`^${label(node)}`);
      for (const child of node.children) walk(child);
    } else walk(node);
  }
  return nested ? undefined : [...out].sort();
}

/** Keep a parse of a section under the labels it was told of (the last two such parses). */
function keepParse(text: string, parses: SectionParses, key: string, placed: Placed): void {
  parses.nodes.delete(key);
  parses.nodes.set(key, placed);
  if (parses.nodes.size > 2) parses.nodes.delete(parses.nodes.keys().next().value as string);
  remember(text, parses);
}

/** Keep a section's parses as the most recently used, and forget the oldest beyond the bound. */
function remember(text: string, parses: SectionParses): void {
  if (!keeping) return;
  if (sectionParses.delete(text)) sectionChars -= text.length;
  sectionParses.set(text, parses);
  sectionChars += text.length;
  for (const [old] of sectionParses) {
    if (sectionChars <= SECTION_CHARS) break;
    sectionParses.delete(old);
    sectionChars -= old.length;
  }
}

/** How positions move: by characters and lines, and by columns on the first line (a piece that begins inside a line). */
interface Move {
  offset: number;
  lines: number;
  columns?: number;
}

/** A copy of a node and everything in it, its positions moved. */
function shifted<T>(node: T, move: Move): T {
  if (Array.isArray(node)) return node.map((n) => shifted(n, move)) as T;
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'position' && v) {
      const p = v as { start: Point; end: Point };
      out[k] = { start: movedPoint(p.start, move), end: movedPoint(p.end, move) };
    } else out[k] = shifted(v, move);
  }
  return out as T;
}

/** Move the positions of a node just parsed (held by nothing else) and of everything in it. */
function moveInPlace(node: unknown, move: Move): void {
  if (Array.isArray(node)) {
    for (const n of node) moveInPlace(n, move);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  for (const k of Object.keys(record)) {
    const v = record[k];
    if (k === 'position' && v) {
      const p = v as { start: Point; end: Point };
      record[k] = { start: movedPoint(p.start, move), end: movedPoint(p.end, move) };
    } else moveInPlace(v, move);
  }
}

function movedPoint(p: Point, { offset, lines, columns = 0 }: Move): Point {
  const moved = { line: p.line + lines, column: p.line === 1 ? p.column + columns : p.column };
  return p.offset === undefined ? moved : { ...moved, offset: p.offset + offset };
}

/**
 * Parse a piece of one line of a body that starts at `at` (not kept): its
 * nodes carry their positions in the body.
 */
export function parseFragment(text: string, at: { line: number; column: number; offset?: number | undefined }): Root {
  return shifted(processor.parse(text) as Root, { offset: at.offset ?? 0, lines: at.line - 1, columns: at.column - 1 });
}

interface Point {
  line: number;
  column: number;
  offset?: number | undefined;
}
