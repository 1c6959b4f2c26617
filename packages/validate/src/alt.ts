/**
 * A figure that shows an image needs alternative text (`:::figure{alt="…"}`
 * or the image's own `![…](…)`): without it, a screen reader of the EPUB
 * or DOCX edition (or of the tagged PDF) says nothing of the picture.
 */
import { blocksOfKind, diagnostic, type Diagnostic } from '@brief/document-model';
import type { ValidationInput } from './index.js';

export function checkAltText(input: ValidationInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const doc of input.editions) {
    for (const figure of blocksOfKind(doc.body, 'figure')) {
      if (figure.body.kind !== 'image' || figure.alt?.trim()) continue;
      out.push(
        diagnostic(
          'alt-missing',
          'warning',
          `figure {#${figure.id}} shows an image with no alternative text`,
          figure.source ?? { file: input.files.get(doc.meta.lang) ?? doc.meta.id, start: { line: 1, column: 1 } },
          `say what it shows: :::figure{#${figure.id} alt="…"} or ![what it shows](${figure.body.image.src})`,
        ),
      );
    }
  }
  return out;
}
