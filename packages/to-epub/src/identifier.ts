/**
 * The package identifier: a name-based UUID (version 5, RFC 9562) of the
 * report's canonical URL (or its id) and the edition's language, so the same
 * edition always gets the same identifier and the editions differ.
 */
import { createHash } from 'node:crypto';
import type { Metadata } from '@brief/document-model';

/** The RFC 9562 namespace for URLs. */
const urlNamespace = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

/** A version-5 UUID of `name` in `namespace`. */
export function uuidV5(name: string, namespace: string = urlNamespace): string {
  const hash = createHash('sha1').update(uuidBytes(namespace)).update(name, 'utf8').digest();
  const b = hash.subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The name hashed for an edition: its canonical URL (or a `brief:` name from the id) with the language as fragment. */
export function editionName(meta: Metadata): string {
  const base = meta.url ?? `brief:${meta.id}`;
  return `${base}#lang=${meta.lang}`;
}

/** `urn:uuid:…` for an edition. */
export function editionIdentifier(meta: Metadata): string {
  return `urn:uuid:${uuidV5(editionName(meta))}`;
}
