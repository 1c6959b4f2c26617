/**
 * Citation keys as Pandoc reads them: a letter, digit or `_` at both ends,
 * and the punctuation `:.#$%&-+?<>~/` only inside (`smith:2020`,
 * `doe.2020a`). A punctuation character after a key (`[@doe, p. 3]`,
 * `@doe.`) is not part of it.
 */
export const citationKeySource = String.raw`[A-Za-z0-9_](?:[\w:.#$%&+?<>~/-]*[A-Za-z0-9_])?`;

const wholeKey = new RegExp(`^${citationKeySource}$`);

/** Whether a reference id can be cited as written (`[@id]`). */
export function isCitableKey(id: string): boolean {
  return wholeKey.test(id);
}

/**
 * A key close to an id that cannot be cited (`doe 2020` → `doe-2020`): each
 * run of other characters becomes a hyphen, and punctuation at either end is
 * dropped. Undefined when nothing citable is left (an id with no ASCII letter
 * or digit).
 */
export function citableKeyFor(id: string): string | undefined {
  const key = id
    .normalize('NFKC')
    .replace(/[^\w:.#$%&+?<>~/-]+/g, '-')
    .replace(/^[^A-Za-z0-9_]+|[^A-Za-z0-9_]+$/g, '');
  return isCitableKey(key) ? key : undefined;
}
