/**
 * The small pattern language of the template's citation layouts and title
 * forms: `{name}` placeholders filled with inline content, `[…]` groups that
 * print only when every placeholder directly inside them has a value, `*…*`
 * for emphasis (what a value sets in italics is then set in roman), and `\` to print the next character as it is.
 */
import type { Inline } from '@brief/document-model';

type Node = { kind: 'text'; value: string } | { kind: 'slot'; name: string } | { kind: 'group'; children: Node[] } | { kind: 'emphasis'; children: Node[] };

/** Values for placeholders; undefined or empty means "no value". */
export type Slots = Record<string, Inline[] | undefined>;

const cache = new Map<string, Node[]>();

function parse(pattern: string): Node[] {
  const cached = cache.get(pattern);
  if (cached) return cached;
  let i = 0;
  const read = (until: ']' | '*' | undefined): Node[] => {
    const out: Node[] = [];
    let text = '';
    const flush = () => {
      if (text) out.push({ kind: 'text', value: text });
      text = '';
    };
    while (i < pattern.length) {
      const c = pattern[i]!;
      if (c === '\\' && i + 1 < pattern.length) {
        text += pattern[i + 1];
        i += 2;
      } else if (c === until) {
        i++;
        flush();
        return out;
      } else if (c === '[') {
        i++;
        flush();
        out.push({ kind: 'group', children: read(']') });
      } else if (c === '*') {
        i++;
        flush();
        out.push({ kind: 'emphasis', children: read('*') });
      } else if (c === '{') {
        const end = pattern.indexOf('}', i);
        const name = end > i ? pattern.slice(i + 1, end) : '';
        if (/^[A-Za-z][A-Za-z0-9]*$/.test(name)) {
          flush();
          out.push({ kind: 'slot', name });
          i = end + 1;
        } else {
          text += c;
          i++;
        }
      } else {
        text += c;
        i++;
      }
    }
    flush();
    return out;
  };
  const nodes = read(undefined);
  cache.set(pattern, nodes);
  return nodes;
}

function hasValue(slots: Slots, name: string): boolean {
  const v = slots[name];
  return v !== undefined && v.length > 0;
}

/** Placeholders of a group, not counting those inside nested groups. */
function directSlots(nodes: readonly Node[]): string[] {
  const out: string[] = [];
  for (const n of nodes) {
    if (n.kind === 'slot') out.push(n.name);
    else if (n.kind === 'emphasis') out.push(...directSlots(n.children));
  }
  return out;
}

/** The first or last character of inline content (of its text, links and emphasis included), or ''. */
function edgeChar(inlines: readonly Inline[], last: boolean): string {
  const list = last ? [...inlines].reverse() : inlines;
  for (const node of list) {
    const found = node.kind === 'text' ? node.value : 'children' in node ? edgeChar(node.children as Inline[], last) : '';
    if (found !== '') return last ? found.slice(-1) : found.slice(0, 1);
  }
  return '';
}

/**
 * Whether two values printed one after the other with nothing of the
 * layout's between them would read as one word: a Latin letter, digit or
 * full stop, then a Latin letter or digit (a genre after an English name,
 * Kindle before 3頁). A space goes between them.
 */
const runTogether = (before: string, after: string) => /[A-Za-z0-9.]/.test(before) && /[A-Za-z0-9]/.test(after);

/** What the rendering so far ends with: its last character, and whether a placeholder's value printed it. */
interface Tail {
  char: string;
  fromSlot: boolean;
}

function render(nodes: readonly Node[], slots: Slots, used?: Set<string>, tail: Tail = { char: '', fromSlot: false }): Inline[] {
  const out: Inline[] = [];
  for (const n of nodes) {
    switch (n.kind) {
      case 'text':
        out.push({ kind: 'text', value: n.value });
        if (n.value !== '') Object.assign(tail, { char: n.value.slice(-1), fromSlot: false });
        break;
      case 'slot': {
        const value = slots[n.name] ?? [];
        if (hasValue(slots, n.name)) used?.add(n.name);
        const first = edgeChar(value, false);
        if (first === '') break;
        if (tail.fromSlot && runTogether(tail.char, first)) out.push({ kind: 'text', value: ' ' });
        out.push(...value);
        Object.assign(tail, { char: edgeChar(value, true), fromSlot: true });
        break;
      }
      case 'group':
        if (directSlots(n.children).every((name) => hasValue(slots, name))) out.push(...render(n.children, slots, used, tail));
        break;
      case 'emphasis':
        out.push(...italicised(render(n.children, slots, used, tail)));
        break;
    }
  }
  return out;
}

/**
 * Content set in italics by a layout's `*…*`: what is already italic in it
 * (a case name in a book's title) is set in roman, as Chicago 8.171 sets
 * italics within italics; the rest is one emphasis a run.
 */
export function italicised(inlines: readonly Inline[]): Inline[] {
  const out: Inline[] = [];
  let run: Inline[] = [];
  const flush = () => {
    if (run.length > 0) out.push({ kind: 'emphasis', children: run });
    run = [];
  };
  for (const node of inlines) {
    if (node.kind === 'emphasis') {
      flush();
      out.push(...node.children);
    } else run.push(node);
  }
  flush();
  return out;
}

/** Merge adjacent text runs (recursively) and drop empty ones. */
export function normaliseInlines(inlines: readonly Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const node of inlines) {
    if (node.kind === 'text') {
      if (node.value === '') continue;
      const last = out[out.length - 1];
      if (last && last.kind === 'text') out[out.length - 1] = { kind: 'text', value: last.value + node.value };
      else out.push({ kind: 'text', value: node.value });
    } else if (node.kind === 'emphasis' || node.kind === 'strong') {
      const children = normaliseInlines(node.children);
      if (children.length > 0) out.push({ ...node, children });
    } else out.push(node);
  }
  return out;
}

/** Fill a layout or title form; `used` collects the placeholders that printed a value. */
export function fillLayout(pattern: string, slots: Slots, used?: Set<string>): Inline[] {
  return normaliseInlines(render(parse(pattern), slots, used));
}

/** The placeholder names a pattern uses (for checks and docs). */
export function layoutSlots(pattern: string): string[] {
  const out: string[] = [];
  const walk = (nodes: readonly Node[]) => {
    for (const n of nodes) {
      if (n.kind === 'slot') out.push(n.name);
      else if (n.kind === 'group' || n.kind === 'emphasis') walk(n.children);
    }
  };
  walk(parse(pattern));
  return out;
}

/**
 * The placeholders without a value that keep a placeholder with one from
 * printing: those of the groups around it (`[({place}: {publisher})]` holds
 * `place` back until `publisher` has a value), at its first place in the
 * pattern; none when nothing holds it back or the pattern does not name it.
 */
export function slotHeldBy(pattern: string, name: string, slots: Slots): string[] {
  const find = (nodes: readonly Node[], around: readonly string[]): string[] | undefined => {
    for (const n of nodes) {
      if (n.kind === 'slot' && n.name === name) return [...around];
      if (n.kind === 'group' || n.kind === 'emphasis') {
        const missing = n.kind === 'group' ? directSlots(n.children).filter((s) => s !== name && !hasValue(slots, s)) : [];
        const found = find(n.children, [...around, ...missing]);
        if (found) return found;
      }
    }
    return undefined;
  };
  return [...new Set(find(parse(pattern), []) ?? [])];
}
