/**
 * Diagnostics are vfile messages: a reason, a place (file, line, column), a
 * stable rule id and a severity. Every stage reports through these.
 */
import { VFileMessage } from 'vfile-message';
import type { Point, SourceSpan } from './index.js';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  ruleId: string;
  message: string;
  /** How to fix it, when the message alone does not say. */
  hint?: string;
}

/** Build a diagnostic at a span or point. */
export function diagnostic(ruleId: string, severity: Severity, message: string, at: SourceSpan | { file: string; start?: Point }, hint?: string): Diagnostic {
  const start = at.start ?? { line: 1, column: 1 };
  return { file: at.file, line: start.line, column: start.column, severity, ruleId, message, ...(hint ? { hint } : {}) };
}

/** The contract's one-line form: `path:line:column: error|warning: message [rule-id]`. */
export function formatDiagnostic(d: Diagnostic): string {
  const text = d.hint ? `${d.message}; ${d.hint}` : d.message;
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${text} [${d.ruleId}]`;
}

/** The same diagnostic as a vfile message (for unified tooling). */
export function toVFileMessage(d: Diagnostic): VFileMessage {
  const m = new VFileMessage(d.hint ? `${d.message}; ${d.hint}` : d.message, {
    place: { line: d.line, column: d.column },
    ruleId: d.ruleId,
    source: 'brief',
  });
  m.file = d.file;
  m.fatal = d.severity === 'error';
  return m;
}

/** Sort by file, line, column, then rule id (stable, deterministic output). */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId) || a.message.localeCompare(b.message));
}

export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'error');
}
