/**
 * YAML read with positions. Values come back as plain data; `spanOf(path)`
 * gives the file:line:column of any key or value, so every later check can
 * point at the line the user wrote. Syntax errors, duplicate keys and alias
 * bombs become diagnostics, never exceptions.
 */
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode } from './libraries.js';
import { diagnostic, type Diagnostic, type SourceSpan } from '@brief/document-model';

export type YamlPath = readonly (string | number)[];

export interface YamlSource {
  file: string;
  /** The parsed value (undefined when the file had syntax errors). */
  value: unknown;
  diagnostics: Diagnostic[];
  /** Span of the value at a path (falls back to the nearest ancestor, then 1:1). */
  spanOf(path: YamlPath): SourceSpan;
  /** Span of the key at a path (the value's span if it has no key). */
  keySpanOf(path: YamlPath): SourceSpan;
}

/** The last texts parsed in this process, with their documents (only read, never changed, once parsed). */
const recent = new Map<string, { doc: ReturnType<typeof parseDocument>; lineCounter: LineCounter }>();
const RECENT = 8;

/**
 * A text's YAML document and line counter, parsed once while it is among the
 * last few read: `brief watch` reads the same references on every save, and
 * a build of many reports often the same references in each.
 */
function parsed(text: string): { doc: ReturnType<typeof parseDocument>; lineCounter: LineCounter } {
  let entry = recent.get(text);
  if (entry) recent.delete(text);
  else {
    const lineCounter = new LineCounter();
    entry = { doc: parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true }), lineCounter };
  }
  recent.set(text, entry);
  if (recent.size > RECENT) recent.delete(recent.keys().next().value!);
  return entry;
}

/** Parse YAML text; `file` is the path used in diagnostics. */
export function readYaml(file: string, text: string): YamlSource {
  const { doc, lineCounter } = parsed(text);
  const diagnostics: Diagnostic[] = [];
  const at = (offset: number): SourceSpan => {
    const p = lineCounter.linePos(offset);
    return { file, start: { line: p.line, column: p.col, offset } };
  };
  // One message per place and text, at most 20 per file (an unclosed flow
  // collection can repeat the same error hundreds of times).
  const seen = new Set<string>();
  for (const err of doc.errors) {
    const msg = err.message.split('\n')[0] ?? err.message;
    const key = `${err.pos[0]}:${msg}`;
    if (seen.has(key) || seen.size >= 20) continue;
    seen.add(key);
    if (/call stack/i.test(msg)) {
      diagnostics.push(
        diagnostic('nesting-too-deep', 'error', 'YAML: collections are nested too deeply to read', at(err.pos[0]), 'a brief.yaml or references.yaml needs only a few levels of nesting'),
      );
      continue;
    }
    const rule = err.code === 'DUPLICATE_KEY' ? 'yaml-duplicate-key' : 'yaml-syntax';
    diagnostics.push(diagnostic(rule, 'error', `YAML: ${msg}`, at(err.pos[0]), rule === 'yaml-syntax' ? syntaxHint(text, err.pos[0]) : 'fix the YAML syntax at this place'));
  }
  let value: unknown;
  if (diagnostics.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: 50 });
    } catch (e) {
      diagnostics.push(diagnostic('yaml-aliases', 'error', `YAML: ${(e as Error).message}`, at(0), 'expand or remove the aliases'));
    }
  }
  const nodeAt = (path: YamlPath, wantKey: boolean): YamlNode | undefined => {
    let node: unknown = doc.contents;
    let keyNode: unknown;
    let last: unknown = node;
    for (const seg of path) {
      keyNode = undefined;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) return (last as YamlNode) ?? undefined;
        keyNode = pair.key;
        node = pair.value ?? pair.key;
      } else if (isSeq(node) && typeof seg === 'number') {
        node = node.items[seg];
        if (!node) return (last as YamlNode) ?? undefined;
      } else {
        return (last as YamlNode) ?? undefined;
      }
      last = node;
    }
    return ((wantKey && keyNode ? keyNode : node) as YamlNode) ?? undefined;
  };
  const span = (path: YamlPath, wantKey: boolean): SourceSpan => {
    const node = nodeAt(path, wantKey);
    const range = node && 'range' in node ? (node.range as [number, number, number] | undefined) : undefined;
    return range ? at(range[0]) : { file, start: { line: 1, column: 1, offset: 0 } };
  };
  return {
    file,
    value,
    diagnostics,
    spanOf: (path) => span(path, false),
    keySpanOf: (path) => span(path, true),
  };
}

/**
 * What to do about a syntax error. The usual one in a report's YAML is a
 * plain value that holds `: ` (a title with a colon in it), which YAML reads
 * as a mapping inside the value: it needs quotes.
 */
function syntaxHint(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
  const end = text.indexOf('\n', offset);
  const line = text.slice(start, end < 0 ? text.length : end);
  const m = /^(\s*(?:-\s+)?[^\s:#"'][^:#]*?):[ \t]+([^\s"'{[|>&*!].*:(?:[ \t].*)?)$/.exec(line);
  if (!m) return 'fix the YAML syntax at this place';
  const value = m[2]!.trim().replace(/"/g, '\\"');
  return `a value that holds ": " must be quoted: ${m[1]!.trim()}: "${value}"`;
}
