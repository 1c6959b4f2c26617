/**
 * Validation rules that need more than reading one file: references and
 * their fields, dates against as-of, parity between editions, font coverage.
 */
import type { Diagnostic, DocumentModel } from '@brief/document-model';
import type { ReferenceLibrary } from '@brief/citations';
import type { Template } from '@brief/templates';
import { checkFontCoverage } from './font-coverage.js';

export interface ValidationInput {
  editions: readonly DocumentModel[];
  library: ReferenceLibrary;
  template: Template;
  /** Body file of each edition, by language (for parity messages). */
  files: ReadonlyMap<string, string>;
  asOf?: string;
}

/** Run every rule; diagnostics are not sorted. */
export function validate(input: ValidationInput): Diagnostic[] {
  return [...checkFontCoverage(input)];
}
