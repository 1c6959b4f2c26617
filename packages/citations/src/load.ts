import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { diagnostic, type Diagnostic, type SourceSpan } from '@brief/document-model';
import { readYaml, valueKind } from '@brief/yaml-source';
import { citableKeyFor, isCitableKey } from './keys.js';
import { emptyLibrary, nameFields, type CslItem, type CslName, type ReferenceLibrary } from './types.js';

/** The references file of a source directory, if any (references.yaml wins over .json). */
export function referencesFile(sourceDir: string): string | undefined {
  for (const name of ['references.yaml', 'references.yml', 'references.json']) {
    const path = join(sourceDir, name);
    if (existsSync(path)) return path;
  }
  return undefined;
}

/**
 * Load the bibliography of a source directory: CSL-YAML (a bare list or under
 * `references:`) or CSL-JSON. Structural problems become diagnostics.
 */
export function loadReferences(sourceDir: string, cwd = process.cwd()): { library: ReferenceLibrary; diagnostics: Diagnostic[] } {
  const path = referencesFile(sourceDir);
  const library = emptyLibrary();
  if (!path) return { library, diagnostics: [] };
  const file = relative(cwd, path) || path;
  library.file = file;
  // Another references file beside the one read is not read at all: said, so its works are not silently missing.
  const ignored = ['references.yaml', 'references.yml', 'references.json'].map((name) => join(sourceDir, name)).filter((other) => other !== path && existsSync(other));
  const unread = ignored.map((other) =>
    diagnostic(
      'references-file-ignored',
      'warning',
      `${relative(cwd, other) || other} is not read: ${file} is the report's references`,
      { file: relative(cwd, other) || other, start: { line: 1, column: 1 } },
      'keep one references file: move its works into the one that is read, or delete it',
    ),
  );
  // A named pipe or a device would be read without end: only a regular file is read.
  if (!statSync(path).isFile()) {
    library.unreadable = true;
    return { library, diagnostics: [...unread, diagnostic('file-unreadable', 'error', `${file} is not a regular file`, { file, start: { line: 1, column: 1 } }, 'replace it with a text file')] };
  }
  // Printed composed (NFC), like the bodies; the reader warns about decomposed text.
  const text = readFileSync(path, 'utf8').normalize('NFC');
  // JSON is YAML 1.2, so one reader gives positions for both.
  const src = readYaml(file, text);
  const diagnostics = [...unread, ...src.diagnostics];
  if (src.value === undefined) {
    // A file that does not parse: its keys are unknown, not missing.
    if (diagnostics.some((d) => d.severity === 'error')) library.unreadable = true;
    return { library, diagnostics };
  }
  const itemPaths = new Map<string, (string | number)[]>();
  library.keySpanOf = (id, path) => {
    const base = itemPaths.get(id);
    return base ? src.keySpanOf([...base, ...path]) : (library.spans.get(id) ?? src.spanOf([]));
  };
  const root = src.value;
  let list: unknown;
  let base: (string | number)[] = [];
  if (Array.isArray(root)) list = root;
  else if (root && typeof root === 'object' && Array.isArray((root as Record<string, unknown>).references)) {
    list = (root as Record<string, unknown>).references;
    base = ['references'];
  } else if (root === null || root === undefined) {
    list = [];
  } else {
    diagnostics.push(diagnostic('references-shape', 'error', 'references must be a list of CSL items (or a list under `references:`)', src.spanOf([])));
    return { library, diagnostics };
  }
  (list as unknown[]).forEach((raw, i) => {
    const itemPath = [...base, i];
    const span: SourceSpan = src.spanOf(itemPath);
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      diagnostics.push(diagnostic('references-shape', 'error', `reference #${i + 1} is not a mapping of CSL fields`, span));
      return;
    }
    const item = raw as Record<string, unknown>;
    const id = item.id;
    if (typeof id !== 'string' && typeof id !== 'number') {
      diagnostics.push(diagnostic('reference-id-missing', 'error', `reference #${i + 1} has no id`, span, 'add `id: <key>` (the key cited as [@key])'));
      return;
    }
    const key = String(id);
    const idSpan = src.spanOf([...itemPath, 'id']);
    if (library.items.has(key)) {
      diagnostics.push(
        diagnostic('reference-id-duplicate', 'error', `reference id "${key}" is defined twice (first at line ${library.spans.get(key)?.start.line})`, idSpan, 'give each reference its own id'),
      );
      return;
    }
    // `doe 2020`, `日経`: no citation reads such a key, so the work could never be cited.
    if (!isCitableKey(key)) {
      const better = citableKeyFor(key);
      diagnostics.push(
        diagnostic(
          'reference-id-uncitable',
          'warning',
          `reference id "${key}" cannot be cited: a key is letters, digits and _, with the punctuation :.#$%&-+?<>~/ only inside it`,
          idSpan,
          better ? `write id: ${better} and cite it as [@${better}]` : 'write an id of letters and digits, such as id: nikkei-2025, and cite it as [@nikkei-2025]',
        ),
      );
    }
    if (typeof item.type !== 'string') {
      const written = item.type !== undefined && item.type !== null;
      diagnostics.push(
        diagnostic(
          'reference-type-missing',
          'error',
          written ? `reference "${key}": \`type\` holds ${valueKind(item.type)} where one CSL type belongs` : `reference "${key}" has no type`,
          written ? src.spanOf([...itemPath, 'type']) : idSpan,
          written ? 'write one type: type: book' : 'add a CSL `type:` such as article-newspaper, webpage, book, legislation',
        ),
      );
      library.unread ??= new Set();
      library.unread.add(key);
      return;
    }
    // Names are a list of persons or organisations; a number or yes/no is none (and is left out).
    const notNames = new Set<string>();
    for (const field of nameFields) {
      const value = item[field];
      if (typeof value !== 'number' && typeof value !== 'boolean') continue;
      diagnostics.push(
        diagnostic(
          'reference-name',
          'error',
          `reference "${key}": \`${field}\` holds "${String(value)}" where names belong`,
          src.spanOf([...itemPath, field]),
          `write the names: ${field}: [{ family: Doe, given: Jane }], or an organisation as [{ literal: … }]`,
        ),
      );
      notNames.add(field);
    }
    const names = Object.fromEntries(
      Object.entries(item).flatMap(([field, value]) =>
        nameFields.has(field) && !Array.isArray(value) ? [[field, namesOf(value)]] : Array.isArray(value) && nameFields.has(field) ? [[field, value.map(nameOf)]] : [],
      ),
    );
    const loaded = { ...item, ...names, id: key, type: item.type } as CslItem;
    for (const field of notNames) delete (loaded as Record<string, unknown>)[field];
    for (const [field, value] of Object.entries(loaded)) {
      if (field === 'id' || field === 'type') continue;
      // A list where one text belongs (container-title: [日本経済新聞, Nikkei]) would print its first item in every edition.
      if (Array.isArray(value) && textFields.has(field)) {
        diagnostics.push(
          diagnostic(
            'reference-field-list',
            'error',
            `reference "${key}": \`${field}\` holds a list where one text belongs`,
            src.keySpanOf([...itemPath, field]),
            `write one text; for a text per language, a map: ${field}: { ja: …, en: … }`,
          ),
        );
        delete (loaded as Record<string, unknown>)[field];
        continue;
      }
      const values = Array.isArray(value) ? value.map((v, k) => [v, [field, k]] as const) : [[value, [field]] as const];
      for (const [v, path] of values) {
        textsOnly(v, path, (at, kind) =>
          diagnostics.push(
            diagnostic(
              'language-map-value',
              'error',
              `reference "${key}": \`${at.join('.')}\` holds ${kind} where text belongs`,
              src.keySpanOf([...itemPath, ...at]),
              'write the text itself (quoted, if it begins with [ or {): ja: "…"',
            ),
          ),
        );
      }
    }
    library.items.set(key, loaded);
    library.spans.set(key, idSpan);
    itemPaths.set(key, itemPath);
    const fields = new Map<string, SourceSpan>();
    for (const field of Object.keys(item)) fields.set(field, src.spanOf([...itemPath, field]));
    library.fieldSpans.set(key, fields);
  });
  return { library, diagnostics };
}

/** Fields that hold one text (or one per language), never a list. */
const textFields = new Set([
  'title',
  'title-short',
  'container-title',
  'collection-title',
  'publisher',
  'publisher-place',
  'authority',
  'genre',
  'chamber',
  'committee',
  'edition',
  'volume',
  'issue',
  'page',
  'number',
  'section',
  'chapter-number',
  'URL',
  'DOI',
  'medium',
  'version',
  'status',
  'event-title',
]);

/** The keys of a CSL date object (a mapping that is no per-language map). */
const dateKeys = new Set(['date-parts', 'raw', 'literal', 'season', 'circa', 'iso8601']);

/**
 * Make the per-language maps of a field (and of a name's parts) hold text
 * only: a number or a truth value read as such by YAML (ja: 1984) becomes
 * its text; a list or a mapping where text belongs is told through
 * `report` and left out, so no edition prints (or chokes on) it.
 */
function textsOnly(value: unknown, path: readonly (string | number)[], report: (at: (string | number)[], kind: string) => void): void {
  if (!value || typeof value !== 'object' || Array.isArray(value) || value instanceof Date) return;
  const map = value as Record<string, unknown>;
  if (Object.keys(map).some((k) => dateKeys.has(k) && k !== 'literal')) return;
  for (const [key, inner] of Object.entries(map)) {
    if (typeof inner === 'number' || typeof inner === 'boolean') map[key] = String(inner);
    else if (inner && typeof inner === 'object' && !(inner instanceof Date)) {
      // A name's parts are maps of their own (family: { ja: 山田, en: Yamada }).
      if (!Array.isArray(inner) && ['family', 'given', 'literal', 'suffix', 'dropping-particle', 'non-dropping-particle'].includes(key)) {
        textsOnly(inner, [...path, key], report);
        continue;
      }
      report([...path, key], valueKind(inner));
      delete map[key];
    }
  }
}

/**
 * A name written as a plain string, as people write them (`author: Jane Doe`,
 * `editor: [Doe, Jane]`), rather than as CSL's parts: "Family, Given" is
 * split at the comma; Latin-script words are split before the last one (and
 * before a lowercase particle: Ludwig van Beethoven is van Beethoven, Ludwig);
 * anything else (one word, Japanese, an organisation in a language map)
 * prints as written. A part map or a number is left for the checks to report.
 */
function nameOf(value: unknown): unknown {
  if (typeof value !== 'string') return value && typeof value === 'object' && !Object.keys(value).some((k) => ['family', 'given', 'literal'].includes(k)) ? { literal: value } : value;
  const text = value.trim();
  const comma = /^([^,]+),\s*([^,]+)$/.exec(text);
  if (comma) return { family: comma[1]!.trim(), given: comma[2]!.trim() } satisfies CslName;
  const words = text.split(/\s+/);
  if (words.length < 2 || !/^[\p{Script=Latin}\p{M}\s.'’-]+$/u.test(text)) return { literal: text } satisfies CslName;
  const particle = words.findIndex((w, i) => i > 0 && i < words.length - 1 && /^\p{Ll}/u.test(w));
  const split = particle > 0 ? particle : words.length - 1;
  return { family: words.slice(split).join(' '), given: words.slice(0, split).join(' ') } satisfies CslName;
}

function namesOf(value: unknown): unknown {
  return typeof value === 'string' || (value && typeof value === 'object') ? [nameOf(value)] : value;
}
