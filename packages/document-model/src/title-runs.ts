/**
 * Titles written with italics in them: `*Marbury v. Madison*` in a
 * reference's title or in brief.yaml's.
 */
import type { Inline } from './index.js';
/** A run of a title as written (references.yaml, brief.yaml): its text, and whether `*…*` or `_…_` set it in italics. */
export interface TitleRun {
  text: string;
  italic: boolean;
}

/**
 * A title's italics as Pandoc's citeproc reads a field (and this reader a
 * title in brief.yaml): `*Marbury v. Madison*` or `_…_` (an asterisk or
 * underscore next to the text it opens or closes, not inside a Latin word:
 * M*A*S*H stays as it is; 「*Brown*判決」 is italic), `\*` for an asterisk.
 * Bold (`**…**`, `__…__`) is no part of a title's form: its marks are left
 * out (`***x***` is italic). The runs of a title without marks are the
 * title itself.
 */
export function titleRuns(written: string): TitleRun[] {
  const runs: TitleRun[] = [];
  const unescaped = (s: string) => s.replace(/\\([*_\\])/g, '$1');
  const title = written.replace(/(?<![\\*_])(\*\*|__)(?=\S)(.+?)(?<=[^\s\\])\1(?![*_])/gsu, '$2');
  const marked = /(?<![\\\p{Script=Latin}\p{N}*_])([*_])(?=[^\s*_])((?:\\.|(?!\1).)+?)(?<=[^\s\\*_])\1(?![\p{Script=Latin}\p{N}*_])/gsu;
  let last = 0;
  for (const m of title.matchAll(marked)) {
    if (m.index > last) runs.push({ text: unescaped(title.slice(last, m.index)), italic: false });
    runs.push({ text: unescaped(m[2]!), italic: true });
    last = m.index + m[0].length;
  }
  if (last < title.length) runs.push({ text: unescaped(title.slice(last)), italic: false });
  return runs.filter((r) => r.text !== '');
}

/** A title's text without its italics marks. */
export function titlePlain(title: string): string {
  return titleRuns(title)
    .map((r) => r.text)
    .join('');
}

/** Runs as inlines: the italic ones as emphasis. */
export function runInlines(runs: readonly TitleRun[]): Inline[] {
  return runs.map((r): Inline => (r.italic ? { kind: 'emphasis', children: [{ kind: 'text', value: r.text }] } : { kind: 'text', value: r.text }));
}

/**
 * A reference's title as its citation style is to set it: a title written
 * wholly in italics (`*Carpenter v. United States*`) is its text, whose
 * italics the style's form decides (a case name in italics, not in roman
 * inside italics); otherwise its runs.
 */
export function citedTitleRuns(title: string): TitleRun[] {
  const runs = titleRuns(title);
  return runs.length === 1 && runs[0]!.italic ? [{ text: runs[0]!.text, italic: false }] : runs;
}
