/**
 * A citation written right after a word inside a note (`See also[@smith]`)
 * prints the work against that word ("See alsoSmith, “Cluster Studies…”"):
 * a note's citations print where they stand. A human editor asks for a
 * space. A warning at the citation, for Latin, Greek and Cyrillic words
 * and figures followed by a citation that prints a letter, a figure or an
 * opening bracket or quotation mark; Japanese text needs no space
 * (…によれば[@key]). In running text a citation prints a note mark, which
 * stands against its word as every mark does.
 */
import { diagnostic, forEachInlines, inlineText, type Diagnostic, type Inline } from '@brief/document-model';
import type { ValidationInput } from './index.js';

/** A word's last character that a citation's text would run into. */
const wordEnd = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}]$/u;
/** A citation's first character that runs into the word before it. */
const runsOn = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}(“‘"'[]/u;

export function checkCitationSpacing(input: ValidationInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const doc of input.editions) {
    const file = input.files.get(doc.meta.lang) ?? doc.meta.id;
    const visit = (inlines: readonly Inline[]) => {
      inlines.forEach((node, i) => {
        if ('children' in node && Array.isArray(node.children)) visit(node.children as Inline[]);
        if (node.kind !== 'citation' || i === 0) return;
        const before = inlineText([inlines[i - 1]!]);
        const printed = inlineText(node.rendered);
        if (!wordEnd.test(before) || !runsOn.test(printed)) return;
        const word = /\S+$/u.exec(before)?.[0] ?? before;
        const start = printed.length > 24 ? `${printed.slice(0, 24)}…` : printed;
        out.push(
          diagnostic(
            'citation-unspaced',
            'warning',
            `the citation stands right after "${word}" and prints against it: "${word}${start}"`,
            node.source ?? { file, start: { line: 1, column: 1 } },
            'put a space before `[@`',
          ),
        );
      });
    };
    for (const note of doc.notes) forEachInlines(note.children, visit);
  }
  return out;
}
