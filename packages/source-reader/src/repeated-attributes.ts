/**
 * Attributes written twice on a directive's opening line
 * (`:::figure{#fig-a source="A" source="B"}`): the directive syntax keeps the
 * last and drops the others without a word. An id counts once whether it is
 * written `#fig-a` or `id=fig-a`; classes (`.wide .tall`) add up and are not
 * counted.
 */
export function repeatedAttributes(openingLine: string): string[] {
  const open = openingLine.indexOf('{');
  if (open < 0) return [];
  const seen = new Set<string>();
  const twice: string[] = [];
  const note = (key: string) => {
    if (seen.has(key) && !twice.includes(key)) twice.push(key);
    seen.add(key);
  };
  // #id, .class, key, key=value, key="…", key='…', up to the closing brace.
  const token = /\s*(?:#([^\s#.}"'=]+)|\.[^\s#.}"'=]+|([^\s#.}"'=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s}"'=]+))?)/y;
  token.lastIndex = open + 1;
  for (let m = token.exec(openingLine); m && m[0].trim() !== ''; m = token.exec(openingLine)) {
    if (m[1] !== undefined) note('id');
    else if (m[2] !== undefined) note(m[2] === 'class' ? '' : m[2]);
  }
  return twice.filter((key) => key !== '');
}
