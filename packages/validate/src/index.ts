/**
 * Validation rules that need more than reading one file: references and
 * their fields, dates against as-of, Diet minutes against their sessions,
 * literal ibid, parity between editions, font coverage, alternative text. Rules that one file
 * suffices for (notes, raw HTML, images, brief.yaml) live in the reader.
 */
import type { Diagnostic, DocumentModel, SourceSpan } from '@brief/document-model';
import type { ReferenceLibrary } from '@brief/citations';
import type { Template } from '@brief/templates';
import { checkAltText } from './alt.js';
import { checkFontCoverage } from './font-coverage.js';
import { checkFigureText } from './figure-fonts.js';
import { checkImageResolution } from './image-resolution.js';
import { checkAdjacentMarks } from './note-marks.js';
import { checkCitationSpacing } from './citation-spacing.js';
import { checkReferences } from './references.js';
import { checkDietMinutes } from './diet.js';
import { checkLiteralIbid } from './ibid.js';
import { checkParity } from './parity.js';

export interface ValidationInput {
  editions: readonly DocumentModel[];
  library: ReferenceLibrary;
  template: Template;
  /** Body file of each edition, by language (for parity messages). */
  files: ReadonlyMap<string, string>;
  asOf?: string;
  /** Languages whose notes the reader could not all read (a definition without its colon): their notes are not compared with the other editions'. */
  notesMisread?: ReadonlySet<string>;
  /** Where brief.yaml wrote its values (names the as-of line in messages). */
  brief?: { file: string; spanOf(path: readonly (string | number)[]): SourceSpan };
}

/** The languages whose notes the reader could not all read (`ValidationInput.notesMisread`), from its diagnostics. */
export function notesMisread(bodies: readonly { lang: string; file: string }[], read: readonly Diagnostic[]): Set<string> {
  const files = new Set(read.filter((d) => d.ruleId === 'note-definition-colon').map((d) => d.file));
  return new Set(bodies.filter((b) => files.has(b.file)).map((b) => b.lang));
}

/** Run every rule; diagnostics are not sorted. */
export function validate(input: ValidationInput): Diagnostic[] {
  return [
    ...checkReferences(input),
    ...checkDietMinutes(input),
    ...checkLiteralIbid(input),
    ...checkParity(input),
    ...checkFontCoverage(input),
    ...checkFigureText(input),
    ...checkImageResolution(input),
    ...checkAltText(input),
    ...checkAdjacentMarks(input),
    ...checkCitationSpacing(input),
  ];
}

export { dietSessions, findSession, type DietSession } from './diet.js';
export { requiredFields } from './references.js';
