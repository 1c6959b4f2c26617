/**
 * The shape of a house style as valibot schemas, made from the style a file
 * extends (its values give every key its type, list length and allowed
 * values), with the messages a user reads: the dotted path of the value,
 * "did you mean" for an unknown key, the allowed values of an enumeration.
 * Issues keep valibot's path, so the loader reports each one at its
 * file:line:column through the YAML positions.
 */
import * as v from 'valibot';
import { isKnownFamily } from '@brief/fonts';

/** Maps keyed by language tag: a new language must define every key. */
const languageMaps = new Set(['fonts', 'typography', 'numbering', 'strings', 'citationStyle']);

/** Mappings whose keys are data (any key, string values). */
const freeMaps = new Set(['ordinals', 'committeeMinutesByChamber']);

const enums: Record<string, readonly string[]> = {
  styles: ['decimal', 'fullwidth-decimal', 'circled-decimal', 'katakana-aiueo', 'lower-alpha', 'upper-alpha', 'lower-roman', 'upper-roman'],
  nestedListStyles: ['decimal', 'fullwidth-decimal', 'circled-decimal', 'katakana-aiueo', 'lower-alpha', 'upper-alpha', 'lower-roman', 'upper-roman'],
  listStyle: ['decimal', 'fullwidth-decimal', 'circled-decimal', 'katakana-aiueo', 'lower-alpha', 'upper-alpha', 'lower-roman', 'upper-roman'],
  citationStyle: ['ja-house', 'en-notes'],
  placement: ['page-foot', 'chapter-end'],
  generic: ['serif', 'sans-serif', 'monospace'],
};

const languageTag = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

/** The message of a failed check and its hint, packed into valibot's message. */
const sep = '\u0000';
const says = (message: string, hint?: string): string => (hint ? `${message}${sep}${hint}` : message);

type Path = readonly (string | number)[];

export interface ShapeIssue {
  /** Path of the value from the checked one. */
  path: (string | number)[];
  message: string;
  hint?: string;
}

export interface ShapeOptions {
  /** Keys a language new to the base may leave out. */
  optionalKeys: ReadonlySet<string>;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  return typeof value === 'object' ? 'mapping' : typeof value;
}

const isMapping = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

/** One problem per value: the first failing check of a leaf. */
const leaf = <T extends v.GenericSchema>(schema: T) => v.config(schema, { abortPipeEarly: true });

function leafSchema(example: unknown, path: Path): v.GenericSchema {
  const where = path.join('.');
  const key = String(path[path.length - 1] ?? '');
  if (typeof example === 'number') {
    return leaf(
      v.pipe(
        v.number(says(`\`${where}\` must be a number`)),
        v.finite(says(`\`${where}\` must be a number`)),
        v.minValue(0, says(`\`${where}\` must not be negative`)),
        v.maxValue(2000, (issue) => says(`\`${where}\` is implausibly large (${String(issue.input)})`)),
      ),
    );
  }
  if (typeof example === 'boolean') return v.boolean(says(`\`${where}\` must be true or false`));
  if (typeof example !== 'string') return v.unknown();
  const parent = String(path[path.length - 2] ?? '');
  const allowed = enums[key] ?? enums[parent] ?? (path[0] === 'citationStyle' ? enums.citationStyle : undefined);
  const checks: v.PipeItem<string, string, v.BaseIssue<unknown>>[] = [];
  // An item of a list (numbering styles) is named by its list.
  const name = typeof path[path.length - 1] === 'number' ? parent : key;
  if (allowed) checks.push(v.picklist(allowed, (issue) => says(`"${String(issue.input)}" is not a valid \`${name}\``, `use one of: ${allowed.join(', ')}`)));
  if (path[0] === 'colors') checks.push(v.regex(/^#[0-9a-fA-F]{6}$/, (issue) => says(`colour "${String(issue.input)}" must be #rrggbb`)));
  if (path[0] === 'fonts' && ['family', 'latin', 'cjk'].includes(key)) {
    checks.push(
      v.check(isKnownFamily, (issue) =>
        says(`font family "${String(issue.input)}" is not available`, 'use a Noto family (Noto Serif JP, Noto Sans JP, Noto Serif, Noto Sans, Noto Sans Mono) or list the font files under fontFiles'),
      ),
    );
  }
  return leaf(v.pipe(v.string(says(`\`${where}\` must be a string`)), ...checks));
}

/**
 * The schema of `value` where the base style has `example` at `path`. With
 * `complete`, every key of the example must be there (a language new to the
 * base). `value` tells which new languages and unknown keys to expect.
 */
function shapeSchema(value: unknown, example: unknown, path: Path, complete: boolean, options: ShapeOptions): v.GenericSchema {
  const where = path.join('.');
  const key = String(path[path.length - 1] ?? '');
  // A role's fallback families: a list of any length (none too) of families this machine has.
  if (path[0] === 'fonts' && key === 'fallback') {
    return leaf(
      v.pipe(
        v.custom<unknown[]>(Array.isArray, (issue) => says(`\`${where}\` must be a list of font families, not a ${kindOf(issue.input)}`)),
        v.array(leafSchema('', [...path, 'family'])),
      ),
    );
  }
  if (Array.isArray(example)) {
    const items = example.map((item, i) => shapeSchema(Array.isArray(value) ? value[i] : undefined, item ?? example[0], [...path, i], complete, options));
    return leaf(
      v.pipe(
        v.custom<unknown[]>(Array.isArray, (issue) => says(`\`${where}\` must be a list (${example.length} items), not a ${kindOf(issue.input)}`)),
        v.check(
          (list) => list.length === example.length,
          (issue) => says(`\`${where}\` must have ${example.length} items, not ${(issue.input as unknown[]).length}`),
        ),
        v.strictTuple(items as [v.GenericSchema, ...v.GenericSchema[]]),
      ),
    );
  }
  if (example === null || typeof example !== 'object') return leafSchema(example, path);

  const notMapping = says(`\`${where || 'the template'}\` must be a mapping, not a {kind}`);
  const mapping = v.custom<Record<string, unknown>>(isMapping, (issue) => notMapping.replace('{kind}', kindOf(issue.input)));
  if (freeMaps.has(key)) {
    const keys = isMapping(value) ? Object.keys(value) : [];
    return v.pipe(mapping, v.object(Object.fromEntries(keys.map((k) => [k, v.string(says(`\`${where}.${k}\` must be a string`))]))));
  }
  const ex = example as Record<string, unknown>;
  const given = isMapping(value) ? value : {};
  const known = Object.keys(ex);
  const isLanguageMap = path.length === 1 && languageMaps.has(key);
  const entryOf = (k: string): v.GenericSchema => {
    const schema = shapeSchema(given[k], ex[k], [...path, k], complete, options);
    return complete && ex[k] !== undefined && !options.optionalKeys.has(k) ? schema : v.optional(schema);
  };
  // In the order of the file, so problems are reported as they are written; then the keys it leaves out.
  const entries: Record<string, v.GenericSchema> = {};
  for (const k of Object.keys(given)) {
    if (k in ex) entries[k] = entryOf(k);
    else if (isLanguageMap) {
      // A language the base does not define must be complete.
      entries[k] = languageTag.test(k)
        ? shapeSchema(given[k], ex.en ?? Object.values(ex)[0], [...path, k], true, options)
        : v.custom(() => false, says(`"${k}" is not a language tag`, 'use a BCP 47 tag such as fr, de, zh-Hant'));
    } else {
      const guess = known.find((n) => n.toLowerCase() === k.toLowerCase()) ?? known.find((n) => n.startsWith(k.slice(0, 4)));
      entries[k] = v.custom(() => false, says(`unknown key "${k}" in \`${where || 'the template'}\``, guess ? `did you mean "${guess}"?` : `known keys: ${known.join(', ')}`));
    }
  }
  for (const k of known) if (!(k in entries)) entries[k] = entryOf(k);
  // Keys a complete mapping lacks: reported once at the mapping, after what it holds.
  const absent = complete && isMapping(value) ? known.filter((k) => !(k in given) && ex[k] !== undefined && !options.optionalKeys.has(k)) : [];
  for (const k of absent) entries[k] = v.optional(entries[k]!);
  return v.pipe(
    mapping,
    v.object(entries),
    v.rawCheck(({ addIssue }) => {
      for (const k of absent) addIssue({ message: says(`\`${where}\` has no \`${k}\``, 'a language new to the base style must define every value; copy them from the en entry') });
    }),
  );
}

/**
 * Check `value` against the shape of `example` (the base style's value at
 * `path`): unknown keys, wrong types, list lengths, allowed values, colours,
 * fonts, numbers out of range; with `complete`, missing keys. Issues with
 * their path from `value`.
 */
export function checkShape(value: unknown, example: unknown, path: Path, complete: boolean, options: ShapeOptions): ShapeIssue[] {
  const result = v.safeParse(shapeSchema(value, example, path, complete, options), value);
  if (result.success) return [];
  return result.issues.map((issue) => {
    const [message = issue.message, hint] = issue.message.split(sep);
    return { path: (issue.path ?? []).map((p) => p.key as string | number), message, ...(hint ? { hint } : {}) };
  });
}
