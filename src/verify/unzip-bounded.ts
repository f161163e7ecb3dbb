// The parts of a zip archive (an .xlsx), inflated within a bound on the bytes they may
// inflate to. A few megabytes of deflate can hold gigabytes (a "zip bomb"), and an archive
// can say a part is small and then inflate to much more; each part is inflated by zlib with
// its stated size as the most it may give, and the stated sizes together may not pass the
// bound, so memory stays bounded whatever the archive says or holds.
import { inflateRawSync } from 'node:zlib';

/** The most the parts verify reads (the XML of sheets, strings, relationships) may inflate to, together. */
export const MAX_INFLATED_BYTES = 512 * 1024 * 1024;

export class ZipError extends Error {}

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function entries(zip: Uint8Array): Entry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  // the end-of-central-directory record: in the last 22 bytes plus up to 64 KiB of comment
  let end = -1;
  for (let i = zip.length - 22; i >= 0 && i >= zip.length - 22 - 0xffff; i--)
    if (view.getUint32(i, true) === EOCD) {
      end = i;
      break;
    }
  if (end < 0) throw new ZipError('the file is not a zip archive');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  if (count === 0xffff || at === 0xffffffff) throw new ZipError('the archive is in the ZIP64 format, which workbooks of this size never need');
  const out: Entry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || view.getUint32(at, true) !== CENTRAL) throw new ZipError('the archive\'s directory is damaged');
    const nameLength = view.getUint16(at + 28, true);
    const skip = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const entry = {
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      name: Buffer.from(zip.buffer, zip.byteOffset + at + 46, Math.min(nameLength, Math.max(0, zip.length - at - 46))).toString('utf8'),
      localOffset: view.getUint32(at + 42, true),
    };
    if (entry.compressedSize === 0xffffffff || entry.size === 0xffffffff || entry.localOffset === 0xffffffff) throw new ZipError('the archive is in the ZIP64 format, which workbooks of this size never need');
    out.push(entry);
    at += 46 + skip;
  }
  return out;
}

/** The parts whose names pass `wanted`, inflated; throws ZipError for a damaged or oversized archive. */
export function unzipBounded(zip: Uint8Array, wanted: (name: string) => boolean, bound: number = MAX_INFLATED_BYTES): Record<string, Uint8Array> {
  const chosen = entries(zip).filter((e) => wanted(e.name));
  const stated = chosen.reduce((sum, e) => sum + e.size, 0);
  if (stated > bound) throw new ZipError(`its parts would inflate to ${mib(stated)}; finbook verifies workbooks whose sheets and strings hold up to ${mib(bound)}`);
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const files: Record<string, Uint8Array> = {};
  for (const e of chosen) {
    const at = e.localOffset;
    if (at + 30 > zip.length || view.getUint32(at, true) !== LOCAL) throw new ZipError(`the archive is damaged at ${e.name}`);
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const data = zip.subarray(start, start + e.compressedSize);
    if (data.length !== e.compressedSize) throw new ZipError(`the archive is damaged at ${e.name}`);
    if (e.method === 0) {
      if (e.compressedSize !== e.size) throw new ZipError(`the archive is damaged at ${e.name}`);
      files[e.name] = data;
    } else if (e.method === 8) {
      try {
        // a part may not inflate past the size the directory states for it
        files[e.name] = inflateRawSync(data, { maxOutputLength: Math.max(e.size, 1) });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ERR_BUFFER_TOO_LARGE') throw new ZipError(`${e.name} inflates to more than the ${e.size.toLocaleString('en-US')} bytes the archive states for it`);
        throw new ZipError(`the archive is damaged at ${e.name}`);
      }
      if (files[e.name]!.length !== e.size) throw new ZipError(`the archive is damaged at ${e.name}`);
    } else throw new ZipError(`${e.name} is compressed with method ${e.method}; workbooks use deflate`);
  }
  return files;
}

function mib(n: number): string {
  return `${Math.round(n / (1024 * 1024)).toLocaleString('en-US')} MiB`;
}
