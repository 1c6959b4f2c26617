/**
 * `:ref{#id}` prints the label of its target: 図表2 / Figure 2, or the
 * heading's number. Unknown targets are errors.
 */
import { diagnostic, forEachInlines, type Block, type Diagnostic, type Inline, type Note } from '@brief/document-model';

export function resolveCrossReferences(body: Block[], notes: readonly Note[], diagnostics: Diagnostic[]): void {
  const targets = new Map<string, { kind: 'heading' | 'figure'; text: string }>();
  for (const block of body) {
    if (block.kind === 'heading') targets.set(block.id, { kind: 'heading', text: block.refLabel || block.number });
    if (block.kind === 'figure' && block.id) targets.set(block.id, { kind: 'figure', text: block.label });
  }
  const visit = (inlines: Inline[]) => {
    for (const node of inlines) {
      if (node.kind === 'crossRef') {
        const id = node.targetId.replace(/^#/, '');
        node.targetId = id;
        const target = targets.get(id);
        if (!target) {
          diagnostics.push(
            diagnostic(
              'ref-unknown-target',
              'error',
              `cross-reference to unknown id "#${id}"`,
              node.source ?? { file: '?', start: { line: 1, column: 1 } },
              'use the id of a heading ({#id}) or a figure (:::figure{#id})',
            ),
          );
          node.text = `#${id}`;
        } else {
          node.targetKind = target.kind;
          node.text = target.text;
        }
      } else if ('children' in node && Array.isArray(node.children)) visit(node.children as Inline[]);
    }
  };
  forEachInlines(body, visit);
  for (const note of notes) forEachInlines(note.children, visit);
}
