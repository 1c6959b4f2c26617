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

export interface Manifest {
  id: string;
  generator: string;
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
  return `${JSON.stringify({ id: m.id, generator: m.generator, artifacts }, null, 2)}\n`;
}
