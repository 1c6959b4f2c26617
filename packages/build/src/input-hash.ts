/**
 * What an artifact is made from, as one hash: the edition's model (with
 * source positions left out, so moving text without changing it rebuilds
 * nothing), the template, the images' bytes, and the code of the packages
 * that render it. Editing en.md changes only the en models; editing
 * references.yaml changes only models whose rendered citations change; a
 * template change changes every hash.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocumentModel } from '@brief/document-model';
import type { Template } from '@brief/templates';
import type { Format } from './formats.js';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

const fileHashes = new Map<string, string>();

function fileHash(path: string): string {
  const st = statSync(path);
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

const packagesByFormat: Record<Format, string[]> = {
  pdf: ['@brief/document-model', '@brief/templates', '@brief/fonts', '@brief/to-pdf', 'pdfmake', 'harfbuzzjs'],
  docx: ['@brief/document-model', '@brief/templates', '@brief/fonts', '@brief/svg-raster', '@brief/to-docx', 'docx', 'harfbuzzjs', 'subset-font', '@resvg/resvg-js'],
  epub: ['@brief/document-model', '@brief/templates', '@brief/fonts', '@brief/svg-raster', '@brief/to-epub', 'fflate', 'harfbuzzjs', 'subset-font', '@resvg/resvg-js'],
};

function packageRoot(name: string): string | undefined {
  try {
    let dir = dirname(fileURLToPath(import.meta.resolve(name)));
    for (let i = 0; i < 5; i++) {
      try {
        statSync(join(dir, 'package.json'));
        return dir;
      } catch {
        dir = dirname(dir);
      }
    }
  } catch {
    /* not resolvable */
  }
  return undefined;
}

function codeHashOf(name: string): string {
  const root = packageRoot(name);
  if (!root) return `${name}:unresolved`;
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string };
  if (!name.startsWith('@brief/')) return `${name}@${pkg.version ?? '?'}`;
  // Our own packages: the compiled code itself, so an edit to a writer rebuilds.
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.js')) files.push(p);
    }
  };
  try {
    walk(join(root, 'dist'));
  } catch {
    /* no dist */
  }
  return sha256(files.map((f) => `${f.slice(root.length)}:${fileHash(f)}`).join('\n'));
}

/** Hash of the code of several packages. */
export function codeHashOfPackages(names: readonly string[]): string {
  return sha256(names.map(codeHashOf).join('\n'));
}

const codeHashes = new Map<Format, string>();

/** Hash of the code that renders a format. */
export function codeHash(format: Format): string {
  let h = codeHashes.get(format);
  if (!h) {
    h = sha256(packagesByFormat[format].map(codeHashOf).join('\n'));
    codeHashes.set(format, h);
  }
  return h;
}

/** The input hash of one artifact. */
export function artifactInputHash(doc: DocumentModel, template: Template, format: Format): string {
  return sha256([format, codeHash(format), stableJson(template), stableJson(doc)].join('\n'));
}
