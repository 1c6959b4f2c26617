/**
 * The OCF container as a deterministic zip: `mimetype` first and stored,
 * then every other entry in the order given, compressed, all with one fixed
 * time.
 */
import { zipArchive } from '@brief/zip-archive';

export interface Entry {
  path: string;
  bytes: Uint8Array;
  /** Store without compression (already compressed images). */
  stored?: boolean;
}

/**
 * A fixed entry time from an ISO date. Zip times are local times; a Date
 * built from local fields gives back the same fields in every time zone, so
 * the bytes do not depend on the machine's zone.
 */
export function entryTime(isoDate: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  const year = Math.max(1980, Number(m?.[1] ?? 1980));
  return new Date(year, Number(m?.[2] ?? 1) - 1, Number(m?.[3] ?? 1), 0, 0, 0);
}

export function ocfZip(entries: readonly Entry[], mtime: Date): Uint8Array {
  const mimetype = { path: 'mimetype', bytes: new TextEncoder().encode('application/epub+zip'), stored: true };
  return zipArchive([mimetype, ...entries.filter((e) => e.path !== 'mimetype')], mtime);
}
