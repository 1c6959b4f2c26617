/**
 * Two note marks side by side (…cities²¹²², or with only punctuation
 * between: cities²¹.²²) read as one number or as a stray full stop. A
 * demanding editor asks for one note: its text can hold both citations
 * (`[@a; @b]`) or the remark and the citation. A warning, at the second mark.
 * Marks a comma separates on purpose (⁵⁰、⁵¹; ²¹,²²) are left alone.
 */
import { diagnostic, forEachInlines, type Diagnostic, type Inline } from '@brief/document-model';
import type { ValidationInput } from './index.js';

const between = /^[\s.,;:!?…”’"')）」』。、]*$/u;

export function checkAdjacentMarks(input: ValidationInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const doc of input.editions) {
    const file = input.files.get(doc.meta.lang) ?? doc.meta.id;
    const visit = (inlines: readonly Inline[]) => {
      let last: number | undefined;
      inlines.forEach((node, i) => {
        if ('children' in node && Array.isArray(node.children)) visit(node.children as Inline[]);
        if (node.kind === 'noteRef') {
          const gap = last === undefined ? undefined : inlines.slice(last + 1, i);
          const separated = gap?.length === 1 && gap[0]!.kind === 'text' && /^\s*[,、，]\s*$/u.test(gap[0]!.value);
          if (gap && !separated && gap.every((g) => g.kind === 'text' && between.test(g.value))) {
            const first = inlines[last!] as Extract<Inline, { kind: 'noteRef' }>;
            out.push(
              diagnostic(
                'note-marks-adjacent',
                'warning',
                `note marks ${first.number} and ${node.number} stand together and print as one number (${first.number}${node.number})`,
                node.source ?? first.source ?? { file, start: { line: 1, column: 1 } },
                'make them one note: cite both works in one citation ([@a; @b]) or put the remark and the citation in one note',
              ),
            );
          }
          last = i;
        } else if (node.kind !== 'text' || !between.test(node.value)) last = undefined;
      });
    };
    forEachInlines(doc.body, visit);
  }
  return out;
}
