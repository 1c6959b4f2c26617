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
    entry = { doc: parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true }), lineCounter };
  }
  recent.set(text, entry);
  if (recent.size > RECENT) recent.delete(recent.keys().next().value!);
  return entry;
}

/** What a YAML value is called in a message where another kind belongs: a list, a mapping, empty, or the value itself quoted. */
export function valueKind(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'empty';
  if (typeof value === 'object' && !(value instanceof Date)) return 'a mapping';
  return `"${String(value)}"`;
}

/** Parse YAML text; `file` is the path used in diagnostics. */
export function readYaml(file: string, written: string): YamlSource {
  // A byte-order mark before the first line is dropped (YAML's reader takes it for text before a list's first `-`).
  const unmarked = written.charCodeAt(0) === 0xfeff ? written.slice(1) : written;
  // Lines ended by a lone carriage return (classic Mac OS) end as the others do: one character for one, so offsets hold.
  const text = unmarked.includes('\r') ? unmarked.replace(/\r(?!\n)/g, '\n') : unmarked;
  const { doc, lineCounter } = parsed(text);
  // JSON is read by the same reader (JSON is YAML 1.2), but its errors are told as JSON's: a references.json's author wrote no YAML.
  const json = /\.json$/i.test(file);
  const lang = json ? 'JSON' : 'YAML';
  const diagnostics: Diagnostic[] = [];
  const at = (offset: number): SourceSpan => {
    const p = lineCounter.linePos(offset);
    return { file, start: { line: p.line, column: p.col, offset } };
  };
  // Duplicate keys are each a mistake of their own; a syntax error throws
  // the parser off, and what it reports after the first one mostly follows
  // from it (one line indented a space too far gives five messages). So the
  // first syntax error is reported, with the count of those after it.
  const seen = new Set<string>();
  let syntax: { offset: number; msg: string; later: number } | undefined;
  for (const err of doc.errors) {
    const msg = err.message.split('\n')[0] ?? err.message;
    if (/call stack/i.test(msg)) {
      diagnostics.push(
        diagnostic('nesting-too-deep', 'error', `${lang}: collections are nested too deeply to read`, at(err.pos[0]), 'a brief.yaml or references.yaml needs only a few levels of nesting'),
      );
      continue;
    }
    if (err.code === 'DUPLICATE_KEY') {
      const key = `${err.pos[0]}:${msg}`;
      if (seen.has(key) || seen.size >= 20) continue;
      seen.add(key);
      const twice = duplicateKey(text, err.pos[0]);
      diagnostics.push(
        twice
          ? diagnostic(
              'yaml-duplicate-key',
              'error',
              `${lang}: the key "${twice.key}" is written twice in one ${json ? 'object' : 'mapping'}${twice.firstLine ? ` (first at line ${twice.firstLine})` : ''}`,
              at(err.pos[0]),
              json
                ? 'keep one of them: an object holds each key once (values per language go in one object: "title": { "ja": "…", "en": "…" })'
                : 'keep one of them: a mapping holds each key once (values per language go in one map: title: { ja: …, en: … })',
            )
          : diagnostic('yaml-duplicate-key', 'error', `${lang}: ${json ? jsonWords(msg) : msg}`, at(err.pos[0]), `fix the ${lang} syntax at this place`),
      );
    } else if (!syntax) syntax = { offset: err.pos[0], msg: json ? jsonWords(msg) : msg, later: 0 };
    else if (err.pos[0] !== syntax.offset || (json ? jsonWords(msg) : msg) !== syntax.msg) syntax.later++;
  }
  if (syntax) {
    // Indentation is structure in YAML only; a JSON value holds its quotes.
    const indent = json ? undefined : misindented(text, syntax.offset);
    const more = syntax.later > 0 ? ` (${lang} reports ${syntax.later} more ${syntax.later === 1 ? 'error' : 'errors'} after this one, which may follow from it)` : '';
    diagnostics.push(
      indent
        ? diagnostic('yaml-syntax', 'error', `${lang}: ${indent.message}`, at(indent.offset), indent.hint + more)
        : diagnostic('yaml-syntax', 'error', `${lang}: ${syntax.msg}`, at(syntax.offset), (json ? jsonHint(syntax.msg) : syntaxHint(text, syntax.offset)) + more),
    );
  }
  // A key that is a list or a mapping (`? [a, b]`) names no field: told, and the file not read further
  // (YAML's reader would write it as text, with a warning of its own on the process's output).
  if (diagnostics.length === 0) {
    const key = collectionKey(doc.contents);
    if (key?.range)
      diagnostics.push(diagnostic('yaml-syntax', 'error', `${lang}: this key is a list or a mapping, and names no field`, at(key.range[0]), 'write the key as one word or text: title: …'));
  }
  let value: unknown;
  if (diagnostics.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: 50 });
    } catch (e) {
      diagnostics.push(diagnostic('yaml-aliases', 'error', `${lang}: ${(e as Error).message}`, at(0), 'expand or remove the aliases'));
    }
  }
  if (value !== undefined) escapedControls(doc.contents, text, at, diagnostics);
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

/** The first key, at any depth, that is a list or a mapping. */
function collectionKey(node: unknown): YamlNode | undefined {
  if (isMap(node) || isSeq(node)) {
    for (const item of node.items) {
      if (isPair(item)) {
        if (isMap(item.key) || isSeq(item.key)) return item.key as YamlNode;
        const inner = collectionKey(item.value);
        if (inner) return inner;
      } else {
        const inner = collectionKey(item);
        if (inner) return inner;
      }
    }
  }
  return undefined;
}

/** C0 and C1 controls but tab and line feed, the non-characters U+FFFE and U+FFFF, and a surrogate alone. */
const controlChar = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;

/**
 * Control characters a quoted scalar's escapes make (`"A \0 Report"`,
 * `"\ud800"`): told at the scalar, as the reader tells those typed into a
 * body. Those typed as they are into the file are told by the file's
 * decoding, not again here.
 */
function escapedControls(node: unknown, text: string, at: (offset: number) => SourceSpan, out: Diagnostic[]): void {
  if (out.length >= 20) return;
  if (isScalar(node)) {
    if (typeof node.value !== 'string' || !node.range) return;
    const m = controlChar.exec(node.value.replace(/[\ud800-\udbff][\udc00-\udfff]/g, 'x'));
    if (!m || text.slice(node.range[0], node.range[1]).includes(m[0])) return;
    const unit = m[0].charCodeAt(0);
    const code = unit.toString(16).toUpperCase().padStart(4, '0');
    const what = unit >= 0xd800 && unit <= 0xdfff ? 'half of a surrogate pair' : 'control character';
    out.push(diagnostic('control-character', 'error', `an escape in this text makes ${what} U+${code}`, at(node.range[0]), 'delete the escape (it is invisible and prints as nothing or a box)'));
    return;
  }
  if (isMap(node) || isSeq(node)) {
    for (const item of node.items) {
      if (isPair(item)) {
        escapedControls(item.key, text, at, out);
        escapedControls(item.value, text, at, out);
      } else escapedControls(item, text, at, out);
    }
  }
}

/** A line's key: its indentation, the column its key starts at (after a `- `), whether it opens a block (nothing after the colon), and the key. */
interface KeyLine {
  offset: number;
  indent: number;
  keyColumn: number;
  opensBlock: boolean;
  key: string;
}

function keyLine(line: string, offset: number): KeyLine | undefined {
  const m = /^( *)((?:- +)*)([^\s:#"'{}[\]-][^:#]*?|"[^"]*"|'[^']*'):(?:[ \t]+(.*))?$/.exec(line);
  if (!m) return undefined;
  const value = (m[4] ?? '').trim();
  return { offset, indent: m[1]!.length, keyColumn: m[1]!.length + m[2]!.length, opensBlock: value === '' || value.startsWith('#') || /^[|>]/.test(value), key: m[3]! };
}

/**
 * A key indented to a column no key around it starts at, on the line of the
 * error or the one after (YAML reports a key indented too far on the line
 * above it). The keys of one mapping line up; a key deeper than the one above
 * belongs to it only when that one opens a block; a key less deep must line
 * up with one of the keys it closes back to.
 */
function misindented(text: string, offset: number): { offset: number; message: string; hint: string } | undefined {
  const lines: { text: string; offset: number }[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    lines.push({ text: line.replace(/\r$/, ''), offset: start });
    start += line.length + 1;
  }
  const at = lines.findIndex((l, i) => offset >= l.offset && (i === lines.length - 1 || offset < lines[i + 1]!.offset));
  if (at < 0) return undefined;
  const meaningful = (l: { text: string }) => l.text.trim() !== '' && !l.text.trimStart().startsWith('#');
  for (const candidate of [at, at + 1]) {
    const here = lines[candidate];
    if (!here || !meaningful(here)) continue;
    const key = keyLine(here.text, here.offset);
    if (!key) continue;
    let above: KeyLine | undefined;
    const enclosing = new Set<number>();
    let least = Number.POSITIVE_INFINITY;
    for (let i = candidate - 1; i >= 0; i--) {
      const l = lines[i]!;
      if (!meaningful(l)) continue;
      const k = keyLine(l.text, l.offset);
      if (!k) {
        if (!above) break;
        continue;
      }
      if (!above) above = k;
      if (k.indent < least || k.keyColumn < least) {
        enclosing.add(k.keyColumn);
        enclosing.add(k.indent);
        least = Math.min(k.indent, least);
      }
    }
    if (!above) continue;
    const fits = key.keyColumn === above.keyColumn || (above.opensBlock && key.indent > above.keyColumn) || (key.indent < above.keyColumn && enclosing.has(key.indent));
    if (fits) continue;
    const spaces = (n: number) => `${n} space${n === 1 ? '' : 's'}`;
    return {
      offset: here.offset + key.indent,
      message: `"${key.key}" is indented ${spaces(key.keyColumn)}, but "${above.key}" on the line above starts ${spaces(above.keyColumn)} in`,
      hint: `the keys of one entry start in the same column (YAML reads the indentation as structure): indent "${key.key}" ${spaces(above.keyColumn)}, as "${above.key}" is`,
    };
  }
  return undefined;
}

/**
 * YAML's reader's words for the parts of JSON (`flow map`, `double-quoted-scalar
 * token`) as JSON names them: an object, a string.
 */
function jsonWords(msg: string): string {
  return msg
    .replace(/ in YAML stream(?::.*)?$/, '')
    .replace(/ in block collection must be sufficiently indented and end/, ' must end')
    .replace(/double-quoted-scalar token/g, 'string')
    .replace(/(?:plain|single-quoted)-scalar token/g, 'value')
    .replace(/flow-map-start(?: token)?/g, '"{"')
    .replace(/flow-map-end(?: token)?/g, '"}"')
    .replace(/flow-seq-start(?: token)?/g, '"["')
    .replace(/flow-seq-end(?: token)?/g, '"]"')
    .replace(/\bflow map\b/gi, 'object')
    .replace(/\bflow sequence\b/gi, (m) => (m[0] === 'F' ? 'Array' : 'array'))
    .replace(/\bflow collection\b/gi, 'object or array')
    .replace(/ at node end/g, ' where a comma or a closing bracket belongs');
}

/** What to do about a JSON syntax error: most are a comma left out between two items. */
function jsonHint(msg: string): string {
  if (/^Missing ,|^Unexpected (?:string|value|"[{[]")/.test(msg)) return 'write a comma between the items of an object or an array: { "id": "a", "type": "book" }';
  return 'fix the JSON syntax at this place';
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

/**
 * The key a duplicate-key error points at, and the line of its first
 * writing: the nearest line above with the same key at the same indent,
 * within the mapping (no line less indented between).
 */
function duplicateKey(text: string, offset: number): { key: string; firstLine?: number } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lines = text.slice(0, lineStart).split('\n');
  const own = /^([ \t]*(?:- )?)(["']?)([^"':#\n]+?)\2[ \t]*:/.exec(text.slice(lineStart, text.indexOf('\n', offset) < 0 ? undefined : text.indexOf('\n', offset)));
  const key = /^(["']?)([^"':#\n{},]+?)\1[ \t]*:/.exec(text.slice(offset))?.[2]?.trim();
  if (!key) return undefined;
  if (!own || own[3]!.trim() !== key) return { key };
  const indent = own[1]!.replace('- ', '  ').length;
  for (let i = lines.length - 2; i >= 0; i--) {
    const line = lines[i]!;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const m = /^([ \t]*(?:- )?)(["']?)([^"':#\n]+?)\2[ \t]*:/.exec(line);
    const width = (m?.[1] ?? /^[ \t]*/.exec(line)![0]).replace('- ', '  ').length;
    if (width < indent || (m?.[1]?.includes('- ') && width === indent && m[3]!.trim() !== key)) return { key };
    if (m && width === indent && m[3]!.trim() === key) return { key, firstLine: i + 1 };
  }
  return { key };
}
