/**
 * output/<id>/manifest.json: every artifact with its sha256, size, language,
 * format and the hash of the inputs it was made from.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { LanguageTag } from '@brief/document-model';
import type { Format } from './formats.js';

export interface ManifestArtifact {
  file: string;
  lang: LanguageTag;
  format: Format;
  sha256: string;
  size: number;
  inputHash: string;
}

/** What the last successful build read, so an unchanged source is recognised at once. */
export interface ManifestSource {
  /** Fingerprint of the source files, template files, options and code. */
  fingerprint: string;
  /** The build options it was made with (formats, languages, template). */
  options: string;
  /** Template files outside the source folder, relative to it. */
  extraFiles: string[];
  /** Artifacts that build produced. */
  artifacts: string[];
  /** Warnings that build reported. */
  warnings: number;
}

export interface Manifest {
  id: string;
  generator: string;
  source?: ManifestSource;
  artifacts: ManifestArtifact[];
}

export function readManifest(path: string): Manifest | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    return Array.isArray(m.artifacts) ? m : undefined;
  } catch {
    return undefined;
  }
}

export function manifestJson(m: Manifest): string {
  const artifacts = [...m.artifacts].sort((a, b) => a.file.localeCompare(b.file));
  return `${JSON.stringify({ id: m.id, generator: m.generator, ...(m.source ? { source: m.source } : {}), artifacts }, null, 2)}\n`;
}
