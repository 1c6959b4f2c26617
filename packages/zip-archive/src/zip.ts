/**
 * A zip archive in one pass, the same bytes for the same entries: entries in
 * the order given, one fixed time, no extra fields, no data descriptors
 * (every size and checksum is in the local header, as the EPUB container
 * asks of its first entry). Entries are compressed with Node's zlib, which
 * is native code: a JavaScript deflater costs several times as much in a
 * fresh process, before the engine has optimised it. Archives up to 4 GB
 * (no Zip64).
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  path: string;
  bytes: Uint8Array;
  /** Store without compression (already compressed data, or a part that must be stored). */
  stored?: boolean;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
/** Version 2.0: deflate. */
const VERSION = 20;
/** General-purpose flag bit 11: the name is UTF-8. */
const UTF8 = 0x0800;

/** The MS-DOS time and date of the local-time fields of `mtime` (1980 to 2107). */
function dosTime(mtime: Date): { time: number; date: number } {
  const year = Math.min(2107, Math.max(1980, mtime.getFullYear()));
  return {
    time: (mtime.getHours() << 11) | (mtime.getMinutes() << 5) | (mtime.getSeconds() >> 1),
    date: ((year - 1980) << 9) | ((mtime.getMonth() + 1) << 5) | mtime.getDate(),
  };
}

/** The archive of `entries`, in their order, each dated `mtime` (read in local time, as zip stores it). */
export function zipArchive(entries: readonly ZipEntry[], mtime: Date): Uint8Array {
  const { time, date } = dosTime(mtime);
  const seen = new Set<string>();
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    if (seen.has(entry.path)) throw new Error(`duplicate zip entry ${entry.path}`);
    seen.add(entry.path);
    const name = Buffer.from(entry.path, 'utf8');
    const flags = /[^\x00-\x7f]/.test(entry.path) ? UTF8 : 0;
    const method = entry.stored ? 0 : 8;
    const data = entry.stored ? entry.bytes : deflateRawSync(entry.bytes, { level: 6 });
    const crc = crc32(entry.bytes) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(entry.bytes.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(CENTRAL, 0);
    record.writeUInt16LE(VERSION, 4);
    record.writeUInt16LE(VERSION, 6);
    local.copy(record, 8, 6, 30);
    // Comment length, disk number, internal and external attributes: 0.
    record.writeUInt32LE(offset, 42);
    parts.push(local, name, data);
    central.push(record, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  const out = Buffer.concat([...parts, directory, end]);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
