/**
 * A character that the edition's fonts cannot print is an error: it would
 * come out as an empty box (tofu) in the PDF.
 */
import { diagnostic, forEachInlines, inlineText, type Diagnostic, type Inline, type SourceSpan } from '@brief/document-model';
import { missingGlyphs } from '@brief/fonts';
import { languageStyle } from '@brief/templates';
import type { ValidationInput } from './index.js';

export function checkFontCoverage(input: ValidationInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const doc of input.editions) {
    const style = languageStyle(input.template, doc.meta.lang);
    const families = [...new Set([style.fonts.body.family, style.fonts.body.latin, style.fonts.body.cjk])];
    const seen = new Set<number>();
    const check = (text: string, at: SourceSpan | undefined) => {
      for (const cp of missingGlyphs(text, families)) {
        if (seen.has(cp)) continue;
        seen.add(cp);
        const ch = String.fromCodePoint(cp);
        out.push(
          diagnostic(
            'font-missing-glyph',
            'error',
            `character "${ch}" (U+${cp.toString(16).toUpperCase().padStart(4, '0')}) cannot be printed with ${families.join(' / ')}`,
            at ?? { file: input.files.get(doc.meta.lang) ?? doc.meta.id, start: { line: 1, column: 1 } },
            'replace it with a character the fonts have, or choose another font in the template',
          ),
        );
      }
    };
    const visitBlocks = (blocks: Parameters<typeof forEachInlines>[0]) => {
      for (const block of blocks) {
        const at = 'source' in block ? block.source : undefined;
        forEachInlines([block], (inlines: Inline[]) => check(inlineText(inlines), at));
      }
    };
    visitBlocks(doc.body);
    for (const note of doc.notes) visitBlocks(note.children);
    const m = doc.meta;
    const lang = doc.meta.lang;
    const briefAt = (path: (string | number)[]): SourceSpan => input.brief?.spanOf(path) ?? { file: input.brief?.file ?? 'brief.yaml', start: { line: 1, column: 1 } };
    // Per-language values sit under their language key; plain strings at the key itself.
    const at = (...path: (string | number)[]) => briefAt([...path, lang]);
    check(m.title, at('title'));
    if (m.subtitle) check(m.subtitle, at('subtitle'));
    m.authors.forEach((a, i) => {
      check(a.name, at('authors', i, 'name'));
      if (a.affiliation) check(a.affiliation, at('authors', i, 'affiliation'));
    });
    if (m.series) check(m.series.title, at('series', 'title'));
    if (m.publisher) check(m.publisher, at('publisher'));
    m.notices.forEach((n, i) => check(n, briefAt(['notices', lang, i])));
  }
  return out;
}
