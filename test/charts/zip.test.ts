// The zip container: what writeZip writes, readZip and fflate read back; unchanged entries
// are copied as stored; every entry is dated 1980-01-01 00:00.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { contentOf, deflatedEntry, readZip, writeZip } from '../../src/write/zip.js';
import { tempDir } from '../helpers/cli.js';

const FILES: Record<string, string> = {
  '[Content_Types].xml': '<Types/>',
  'xl/worksheets/sheet1.xml': '<worksheet>'.padEnd(5000, 'x') + '</worksheet>',
  'docs/名前.txt': 'a non-ASCII name',
  'empty.bin': '',
};

describe('zip', () => {
  it('round-trips entries through writeZip and readZip, in order', () => {
    const entries = Object.entries(FILES).map(([name, text]) => deflatedEntry(name, strToU8(text)));
    const back = readZip(writeZip(entries));
    expect(back.map((e) => e.name)).toEqual(Object.keys(FILES));
    expect(back.map((e) => strFromU8(contentOf(e)))).toEqual(Object.values(FILES));
  });

  it('writes archives that fflate and Info-ZIP read', () => {
    const bytes = writeZip(Object.entries(FILES).map(([name, text]) => deflatedEntry(name, strToU8(text))));
    expect(Object.fromEntries(Object.entries(unzipSync(bytes)).map(([k, v]) => [k, strFromU8(v)]))).toEqual(FILES);
    if (spawnSync('unzip', ['-v']).error) return; // Info-ZIP is not installed here
    const file = join(tempDir(), 't.zip');
    writeFileSync(file, bytes);
    const r = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/No errors detected/);
  });

  it('copies stored entries byte for byte, whatever header fields the writer used', () => {
    // fflate writes a different date, extra fields and its own deflate stream
    const original = zipSync({ 'a.xml': [strToU8('<a/>'.repeat(100)), { mtime: new Date(2020, 5, 1), extra: { 0x5455: new Uint8Array([1, 2, 3, 4, 5]) } }] });
    const [entry] = readZip(original);
    const copied = readZip(writeZip([entry!]));
    expect(copied[0]!.data).toEqual(entry!.data);
    expect(strFromU8(contentOf(copied[0]!))).toBe('<a/>'.repeat(100));
  });

  it('dates every entry 1980-01-01 00:00 in the local and central headers', () => {
    const bytes = writeZip([deflatedEntry('a', strToU8('x')), deflatedEntry('b', strToU8('y'))]);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const dates: number[] = [];
    for (let i = 0; i + 4 <= bytes.length; i++) {
      const sig = view.getUint32(i, true);
      if (sig === 0x04034b50) dates.push(view.getUint16(i + 10, true), view.getUint16(i + 12, true));
      if (sig === 0x02014b50) dates.push(view.getUint16(i + 12, true), view.getUint16(i + 14, true));
    }
    expect(dates).toEqual([0, 0x21, 0, 0x21, 0, 0x21, 0, 0x21]);
  });
});
