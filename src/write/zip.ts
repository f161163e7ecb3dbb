// A minimal zip container (APPNOTE 6.3): read the entries of a package as stored, and write
// a package whose unchanged entries are copied still compressed. Only the parts the charts
// change are inflated and deflated again, so adding a chart to a workbook of millions of
// cells costs milliseconds, not a second of recompression. DEFLATE itself is Node's zlib
// (native, so as fast in a short-lived process as in a warm one).
//
// Two layouts (the entries and their data are the same; only header fields differ):
// 'plain', what finbook writes for a workbook with charts, and 'archiver', what exceljs'
// streaming writer writes through archiver (sizes in a data descriptor after each entry's
// data, made by Unix, files -rw-r--r--). The in-memory writer (write/xlsx-memory.ts) lays
// out a workbook without charts as archiver does, so its bytes are the streaming writer's.
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  crc: number;
  /** Uncompressed size. */
  size: number;
  /** The bytes as stored in the archive. */
  data: Uint8Array;
}

const SIG = { local: 0x04034b50, central: 0x02014b50, end: 0x06054b50, descriptor: 0x08074b50 } as const;
// DOS date and time of 1980-01-01 00:00:00, as XlsxWriter writes: (1980 - 1980) << 9 | 1 << 5 | 1.
const DOS_DATE = 0x0021;
const DOS_TIME = 0;
// Bit 11: the name is UTF-8.
const UTF8_FLAG = 0x0800;
// Bit 3: CRC and sizes follow the data in a data descriptor (zero in the local header).
const DESCRIPTOR_FLAG = 0x0008;

export type ZipLayout = 'plain' | 'archiver';

interface LayoutFields {
  /** Central directory "version made by": 2.0 on MS-DOS, or archiver's 4.5 on Unix. */
  madeBy: number;
  flags: number;
  /** Central directory external attributes: none, or archiver's regular file 0644 (and the DOS archive bit). */
  attributes: number;
}

const LAYOUT: Record<ZipLayout, LayoutFields> = {
  plain: { madeBy: 20, flags: 0, attributes: 0 },
  archiver: { madeBy: (3 << 8) | 45, flags: DESCRIPTOR_FLAG, attributes: ((0o100644 << 16) | 0x20) >>> 0 },
};

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function readZip(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== SIG.end) end--;
  if (end < 0) throw new Error('internal: the written workbook is not a zip archive');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== SIG.central) throw new Error('internal: malformed zip central directory');
    const method = view.getUint16(at + 10, true);
    const crc = view.getUint32(at + 16, true);
    const compressed = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    // the data follows the local header, whose name and extra field lengths may differ
    const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    entries.push({ name, method, crc, size, data: bytes.subarray(dataStart, dataStart + compressed) });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

export function contentOf(entry: ZipEntry): Uint8Array {
  if (entry.method === 0) return entry.data;
  if (entry.method === 8) return inflateRawSync(entry.data);
  throw new Error(`internal: zip entry ${entry.name} uses compression method ${entry.method}`);
}

/** A part compressed as archiver compresses it (zlib, level 6): the streaming writer's bytes. */
export function deflatedEntry(name: string, content: Uint8Array): ZipEntry {
  return { name, method: 8, crc: crc32(content) >>> 0, size: content.length, data: deflateRawSync(content, { level: 6 }) };
}

function header(signature: number, e: ZipEntry, name: Uint8Array, layout: LayoutFields, central: { offset: number } | null): Uint8Array {
  const length = central ? 46 : 30;
  const out = new Uint8Array(length + name.length);
  const v = new DataView(out.buffer);
  let p = 0;
  v.setUint32(p, signature, true);
  p += 4;
  if (central) {
    v.setUint16(p, layout.madeBy, true);
    p += 2;
  }
  v.setUint16(p, 20, true); // needed to extract: 2.0 (deflate)
  v.setUint16(p + 2, layout.flags | (/[^\x20-\x7e]/.test(e.name) ? UTF8_FLAG : 0), true);
  v.setUint16(p + 4, e.method, true);
  v.setUint16(p + 6, DOS_TIME, true);
  v.setUint16(p + 8, DOS_DATE, true);
  // with a data descriptor, the local header leaves CRC and sizes zero
  if (central || !(layout.flags & DESCRIPTOR_FLAG)) {
    v.setUint32(p + 10, e.crc, true);
    v.setUint32(p + 14, e.data.length, true);
    v.setUint32(p + 18, e.size, true);
  }
  v.setUint16(p + 22, name.length, true);
  // extra field, and in the central directory: comment, disk, internal attributes: all zero
  if (central) {
    v.setUint32(p + 32, layout.attributes, true); // external attributes, at 38
    v.setUint32(p + 36, central.offset, true); // local header offset, at 42
  }
  out.set(name, length);
  return out;
}

function descriptor(e: ZipEntry): Uint8Array {
  const out = new Uint8Array(16);
  const v = new DataView(out.buffer);
  v.setUint32(0, SIG.descriptor, true);
  v.setUint32(4, e.crc, true);
  v.setUint32(8, e.data.length, true);
  v.setUint32(12, e.size, true);
  return out;
}

/** The archive: entries in the order given, every one dated 1980-01-01 00:00. */
export function writeZip(entries: readonly ZipEntry[], layoutName: ZipLayout = 'plain'): Uint8Array {
  if (entries.length > 0xffff) throw new Error('internal: too many zip entries without ZIP64');
  const layout = LAYOUT[layoutName];
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    // archiver stores an empty part without compression and with other fields: never written here
    if (layoutName === 'archiver' && (e.method !== 8 || e.size === 0)) throw new Error(`internal: ${e.name} is not a deflated part with content`);
    const name = encoder.encode(e.name);
    const local = header(SIG.local, e, name, layout, null);
    central.push(header(SIG.central, e, name, layout, { offset }));
    chunks.push(local, e.data);
    offset += local.length + e.data.length;
    if (layout.flags & DESCRIPTOR_FLAG) {
      const d = descriptor(e);
      chunks.push(d);
      offset += d.length;
    }
    if (offset > 0xffffffff) throw new Error('internal: workbook too large for a zip without ZIP64');
  }
  const directorySize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const v = new DataView(end.buffer);
  v.setUint32(0, SIG.end, true);
  v.setUint16(8, entries.length, true);
  v.setUint16(10, entries.length, true);
  v.setUint32(12, directorySize, true);
  v.setUint32(16, offset, true);
  const out = new Uint8Array(offset + directorySize + end.length);
  let p = 0;
  for (const c of [...chunks, ...central, end]) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}
