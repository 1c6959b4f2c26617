/**
 * What an artifact is made from, as one hash: the edition's model (with
 * source positions left out, so moving text without changing it rebuilds
 * nothing), the template, the images' bytes, and the code of the packages
 * that render it. Editing en.md changes only the en models; editing
 * references.yaml changes only models whose rendered citations change; a
 * template change changes every hash.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocumentModel } from '@brief/document-model';
import type { Template } from '@brief/templates';
import { closureHash } from './code-hash.js';
import type { Format } from './formats.js';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

const fileHashes = new Map<string, string>();

function fileHash(path: string): string {
  const st = statSync(path);
  // A named pipe or a device would be read without end (the check reports it).
  if (!st.isFile()) return 'not-a-file';
  const key = `${path}:${st.size}:${st.mtimeMs}`;
  let h = fileHashes.get(key);
  if (!h) {
    h = sha256(readFileSync(path));
    fileHashes.set(key, h);
  }
  return h;
}

/** JSON with sorted keys, without source positions and absolute paths. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => {
    if (key === 'source' && v && typeof v === 'object' && 'file' in v) return undefined;
    if (key === 'sourceDir') return undefined;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const obj = v as Record<string, unknown>;
      // Images: their bytes count, not where they are.
      if (typeof obj.path === 'string' && typeof obj.mediaType === 'string') {
        const { path, ...rest } = obj;
        return sortKeys({ ...rest, sha256: path ? safeFileHash(path) : '' });
      }
      return sortKeys(obj);
    }
    return v;
  });
}

function safeFileHash(path: string): string {
  try {
    return fileHash(path);
  } catch {
    return 'missing';
  }
}

function sortKeys(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(obj).sort()) out[k] = obj[k];
  return out;
}

/**
 * The packages that render each format: their dependency closure is the code
 * that makes the artifact. The EPUB's page list comes from the PDF writer's
 * layout, so its code counts for the EPUB too.
 */
const writersOf: Record<Format, readonly string[]> = {
  pdf: ['@brief/to-pdf'],
  docx: ['@brief/to-docx'],
  epub: ['@brief/to-epub', '@brief/to-pdf'],
};

const here = dirname(fileURLToPath(import.meta.url));
const codeHashes = new Map<Format, string>();

/** Hash of the code that renders a format: the writer package and everything it needs at run time. */
export function codeHash(format: Format): string {
  let h = codeHashes.get(format);
  if (!h) {
    h = closureHash(writersOf[format], here);
    codeHashes.set(format, h);
  }
  return h;
}

/**
 * The hash of a model's or template's `stableJson`, made once per object
 * (nothing changes them after they are read): an edition's artifacts share
 * it, and a build that plans its jobs twice (early, while the rules run,
 * and after) writes the model out once.
 */
const hashOf = new WeakMap<object, string>();

function stableHashOnce(value: DocumentModel | Template): string {
  let hash = hashOf.get(value);
  if (hash === undefined) {
    hash = sha256(stableJson(value));
    hashOf.set(value, hash);
  }
  return hash;
}

/** The bytes of the font files beside a template (the template names them by path only), as one line of hashes. */
function fontFilesHash(template: Template): string {
  const paths = Object.values(template.fontFiles ?? {}).flatMap((files) => Object.values(files).filter((f): f is string => typeof f === 'string'));
  return [...new Set(paths)]
    .sort()
    .map((path) => safeFileHash(path))
    .join(' ');
}

/**
 * The input hash of one artifact. A model or template is written out once
 * and taken as it was then for every later artifact: nothing changes them
 * after they are read.
 */
export function artifactInputHash(doc: DocumentModel, template: Template, format: Format): string {
  return sha256([format, codeHash(format), stableHashOnce(template), fontFilesHash(template), stableHashOnce(doc)].join('\n'));
}
