/**
 * Text contexts for the writer's unit tests: Japanese body text in the
 * report style's faces (`jaContext`), English (`enContext`), or either with
 * some fields changed; and a one-language document of given blocks
 * (`testDocument`). Not part of the package (excluded from its build).
 */
import type { Block, DocumentModel, LanguageTag } from '@brief/document-model';
import { reportTemplate } from '@brief/templates';
import { hyphenatorFor } from '@brief/fonts';
import type { TextContext } from './inlines.js';
import { createMetrics } from './metrics.js';
import { PT_PER_MM } from './style.js';

const { page, sizes, typography } = reportTemplate;
/** The report style's grid measure: whole body-size characters across the text block. */
const measure = Math.floor(((page.widthMm - page.margin.inner - page.margin.outer) * PT_PER_MM) / sizes.body) * sizes.body;

/** A Japanese body-text context, with `overrides` applied. */
export function textContext(overrides: Partial<TextContext> = {}): TextContext {
  return {
    metrics: createMetrics(),
    size: sizes.body,
    fonts: { latin: 'Noto Serif JP', cjk: 'Noto Serif JP' },
    emphasisFonts: { latin: 'Noto Sans JP', cjk: 'Noto Sans JP' },
    emphasisItalic: false,
    codeFonts: { latin: 'Noto Sans JP', cjk: 'Noto Sans JP' },
    bold: false,
    color: '#000000',
    linkColor: '#1f4e8c',
    superscript: reportTemplate.proportions.superscript.pdf,
    interScriptEm: typography.ja?.interScriptSpaceEm ?? 0,
    maxWidth: measure,
    noteDest: (id) => `note-${id}`,
    markAnchor: () => undefined,
    ...overrides,
  };
}

export const jaContext = textContext();
export const enContext = textContext({ fonts: { latin: 'Noto Serif', cjk: 'Noto Serif JP' }, interScriptEm: 0, emphasisItalic: true, hyphenate: hyphenatorFor('en') });

/** A document in one language holding `body`, with no notes. */
export function testDocument(lang: LanguageTag, body: Block[], title = 'T'): DocumentModel {
  return { kind: 'document', meta: { id: 'test', lang, languages: [lang], title, authors: [{ name: 'A. Tester' }], published: '2026-03-16', notices: [] }, sourceDir: '/nonexistent', body, notes: [] };
}
