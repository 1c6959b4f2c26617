/**
 * The shape of brief.yaml as valibot schemas. Each check carries its rule id,
 * message and hint (`says`), so an issue becomes a diagnostic at the place
 * the user wrote (the issue's path below the checked value; an unknown key is
 * reported at the key). Checks that need other values (a per-language value
 * against `languages`) stay in readBrief, which runs these schemas.
 */
import * as v from 'valibot';
import { valueKind, type YamlPath } from '@brief/yaml-source';

/** Rule id, message and hint of a failed check, packed into valibot's message. */
const sep = '\u0000';
export function says(rule: string, message: string, hint?: string): string {
  return `${rule}${sep}${message}${sep}${hint ?? ''}`;
}

/** A mapping (not a list), with the message of the value's rule. */
const mapping = (message: string) => v.custom<Record<string, unknown>>((x) => !!x && typeof x === 'object' && !Array.isArray(x) && !(x instanceof Date), message);

export interface SchemaIssue {
  rule: string;
  message: string;
  hint?: string;
  /** Path of the value below the checked one. */
  path: (string | number)[];
  /** The issue is about a key (an unknown key), not its value. */
  atKey: boolean;
}

/** Run a schema; its issues as rule, message, hint and place. */
export function check<S extends v.GenericSchema>(schema: S, value: unknown): { output?: v.InferOutput<S>; issues: SchemaIssue[] } {
  const result = v.safeParse(schema, value, { abortPipeEarly: true });
  if (result.success) return { output: result.output, issues: [] };
  return {
    // An unknown key does not make the rest unreadable: the value is still used.
    ...(result.issues.every((issue) => issue.message.startsWith(`brief-unknown-key${sep}`)) ? { output: result.output as v.InferOutput<S> } : {}),
    issues: result.issues.map((issue) => {
      const [rule = 'brief-value', text = issue.message, hint = ''] = issue.message.split(sep);
      const path = (issue.path ?? []).map((p) => p.key as string | number);
      const last = issue.path?.[issue.path.length - 1];
      // An unknown key is named in the message and reported at the key.
      const message = text.replace('{key}', String(path[path.length - 1] ?? ''));
      return { rule, message, ...(hint ? { hint } : {}), path, atKey: rule === 'brief-unknown-key' || (last !== undefined && 'origin' in last && last.origin === 'key') };
    }),
  };
}

/** BCP 47 tag, simplified: language, optional script/region/variants. */
export const languageTagPattern = /^[a-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?(?:-[A-Za-z0-9]{5,8})*$/;
export const idPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * A tag in the case BCP 47 writes it (`EN` → `en`, `EN-GB` → `en-GB`,
 * `ZH-HANT` → `zh-Hant`), if that is a valid tag. A language subtag in
 * capitals is not read as its lower case (the edition's body file, en.md,
 * and its values in per-language maps are named by the tag as written): it is
 * told, with the tag to write.
 */
export function canonicalLanguageTag(tag: string): string | undefined {
  const [language = '', ...rest] = tag.split('-');
  const canonical = [
    language.toLowerCase(),
    ...rest.map((sub, i) => (i === 0 && /^[A-Za-z]{4}$/.test(sub) ? sub[0]!.toUpperCase() + sub.slice(1).toLowerCase() : /^[A-Za-z]{2}$/.test(sub) ? sub.toUpperCase() : sub.toLowerCase())),
  ].join('-');
  return languageTagPattern.test(canonical) ? canonical : undefined;
}

/** The message and hint for a tag that is not valid: its right case when that is all it lacks. */
export function languageTagProblem(tag: string): { message: string; hint: string } {
  const canonical = canonicalLanguageTag(tag);
  return canonical !== undefined && canonical !== tag
    ? { message: `language tag "${tag}" is not written in its case (${canonical}): the language is in lower case`, hint: `write ${canonical}, and name its body ${canonical}.md` }
    : { message: `"${tag}" is not a valid language tag`, hint: 'use a BCP 47 tag such as ja, en, en-GB' };
}

/** Valid ISO calendar date `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12) return false;
  return d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** ISSN check digit (ISO 3297): weights 8..2, mod 11, X for 10. */
export function issnCheckDigitOk(issn: string): boolean {
  const digits = issn.replace('-', '');
  if (!/^\d{7}[\dX]$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += Number(digits[i]) * (8 - i);
  const check = (11 - (sum % 11)) % 11;
  return digits[7] === (check === 10 ? 'X' : String(check));
}

const shown = (input: unknown) => (Array.isArray(input) ? input.map(String).join(',') : input !== null && typeof input === 'object' ? JSON.stringify(input) : String(input));
const idHint = 'use lower-case letters, digits and hyphens ([a-z0-9-]+)';

export const idSchema = v.pipe(
  v.union([v.string(), v.number(), v.array(v.unknown())], (issue) => says('brief-id', `id "${shown(issue.input)}" is not valid`, idHint)),
  v.check(
    (id) => typeof id === 'string' && idPattern.test(id),
    (issue) => says('brief-id', `id "${shown(issue.input)}" is not valid`, idHint),
  ),
  // The editions' files are named after the id (<id>.<lang>.<format>, and the build's lock and temporary files): a file name holds 255 bytes.
  v.check(
    (id) => typeof id !== 'string' || id.length <= maxIdLength,
    (issue) => says('brief-id', `id is ${String(issue.input).length} characters long: the editions' files are named after it`, `shorten it to ${maxIdLength} characters at most`),
  ),
  v.transform((id) => id as string),
);

/** The longest id: the editions' files and the build's temporary files are named after it. */
export const maxIdLength = 100;

export const languagesSchema = v.pipe(
  v.array(
    v.pipe(
      v.unknown(),
      v.check(
        (tag) => typeof tag === 'string' && languageTagPattern.test(tag),
        (issue) => {
          const problem = typeof issue.input === 'string' ? languageTagProblem(issue.input) : languageTagProblem(String(issue.input));
          return says('language-tag', problem.message, problem.hint);
        },
      ),
    ),
    says('brief-languages', '`languages` must be a non-empty list of language tags', 'e.g. `languages: [ja, en]`'),
  ),
  v.minLength(1, says('brief-languages', '`languages` must be a non-empty list of language tags', 'e.g. `languages: [ja, en]`')),
);

/** A per-language value's shape: a string (or number) for every edition, or a map of language → string. */
export function perLanguageSchema(label: string) {
  const message = says('brief-value', `\`${label}\` must be a string or a map of language → string`);
  return v.union([v.string(), v.number(), mapping(message)], message);
}

export function perLanguageEntrySchema(label: string, lang: string) {
  return v.union([v.string(), v.number()], says('brief-value', `\`${label}.${lang}\` must be a string`));
}

const unknownKey = (where: string, known: readonly string[]) => v.never(says('brief-unknown-key', `unknown key "{key}" in ${where}`, `known keys: ${known.join(', ')}`));

export const authorKeys = ['name', 'affiliation'] as const;
export function authorSchema(i: number) {
  const message = says('brief-authors', `author #${i + 1} must be a mapping with \`name\``);
  return v.pipe(mapping(message), v.objectWithRest({ name: v.optional(v.unknown()), affiliation: v.optional(v.unknown()) }, unknownKey('an author', authorKeys), message));
}

export const authorsSchema = v.pipe(
  v.array(v.unknown(), says('brief-authors', '`authors` must list at least one author')),
  v.minLength(1, says('brief-authors', '`authors` must list at least one author')),
);

export const issnSchema = v.pipe(
  v.union([v.string(), v.number()], (issue) => says('issn-format', `ISSN is ${valueKind(issue.input)}: write one, of the form NNNN-NNNC`)),
  v.transform(String),
  v.regex(/^\d{4}-\d{3}[\dX]$/, (issue) => says('issn-format', `ISSN "${issue.input}" is not of the form NNNN-NNNC`)),
  v.check(issnCheckDigitOk, (issue) => says('issn-check-digit', `ISSN "${issue.input}" has a wrong check digit`, 'copy the ISSN again from the publication')),
);

const pagesPattern = /^(\d+)(?:\s*[-–]\s*(\d+))?$/;
export const pagesSchema = v.pipe(
  v.union([v.string(), v.number()], (issue) => says('brief-pages', `pages is ${valueKind(issue.input)}: write a number or a range like 45-59`)),
  v.transform(String),
  v.regex(pagesPattern, (issue) => says('brief-pages', `pages "${issue.input}" must be a number or a range like 45-59`)),
  v.check(
    (pages) => {
      const m = pagesPattern.exec(pages)!;
      return !m[2] || Number(m[2]) >= Number(m[1]);
    },
    (issue) => says('brief-pages', `page range "${issue.input}" runs backwards`),
  ),
);

export const seriesKeys = ['title', 'issn', 'issue', 'pages'] as const;
/** The issue of a series: one number or text (No. 1340, 2026-3). */
export const seriesIssueSchema = v.pipe(
  v.union([v.string(), v.number()], (issue) => says('brief-series', `series issue is ${valueKind(issue.input)}: write one number or text`)),
  // A number prints as written: 1e+26, Infinity or 4.5 is no issue number.
  v.check(
    (issue) => typeof issue === 'string' || (Number.isSafeInteger(issue) && issue > 0),
    (issue) => says('brief-series', `series issue ${String(issue.input)} is no issue number`, 'write a whole number (482), or the issue as text in quotes ("482-2")'),
  ),
);
export const seriesSchema = v.pipe(
  mapping(says('brief-series', '`series` must be a mapping')),
  v.objectWithRest(
    { title: v.optional(v.unknown()), issn: v.optional(v.unknown()), issue: v.optional(v.unknown()), pages: v.optional(v.unknown()) },
    unknownKey('`series`', seriesKeys),
    says('brief-series', '`series` must be a mapping'),
  ),
);

/** A date written `YYYY-MM-DD` (YAML may read it as a Date). */
export function dateSchema(label: string) {
  return v.pipe(
    v.union([v.string(), v.date(), v.number()], (issue) => says('brief-value', `${label} is ${valueKind(issue.input)}: write one date, YYYY-MM-DD`)),
    v.transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).trim())),
    v.check(isIsoDate, (issue) => says('date-impossible', `${label} date "${issue.input}" is not a real YYYY-MM-DD date`)),
  );
}

export const noticesSchema = v.union(
  [
    v.pipe(
      v.array(v.unknown()),
      v.transform((list) => list.map(String)),
    ),
    mapping(says('brief-value', '`notices` must be a list or a map of language → list')),
  ],
  says('brief-value', '`notices` must be a list or a map of language → list'),
);
export function noticesListSchema(lang: string) {
  return v.pipe(
    v.array(v.unknown(), says('brief-value', `\`notices.${lang}\` must be a list of strings`)),
    v.transform((list) => list.map(String)),
  );
}

export const templateSchema = v.string(says('brief-value', '`template` must be a built-in name or a relative path'));
export const templateOverridesSchema = mapping(says('brief-value', '`template-overrides` must be a mapping'));

/** Where an issue of a check of the value at `base` is reported. */
export function issuePath(base: YamlPath, issue: SchemaIssue): YamlPath {
  return [...base, ...issue.path];
}
