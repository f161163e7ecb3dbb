// writeFileAtomically with skipIdentical: a write repeated with the same bytes (a queue job
// run again after its worker was lost) leaves the file in place; different bytes replace it.
// Both ways of producing content (bytes in memory, a stream), each with its SHA-256.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { Content } from '../../src/write/atomic.js';
import { writeFileAtomically } from '../../src/write/atomic.js';
import { tempDir } from '../helpers/cli.js';

const dir = tempDir('finbook-skip-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const streamed =
  (text: string): Content =>
  async (out: Writable) => {
    out.write(text.slice(0, 3));
    out.end(text.slice(3));
  };
const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

describe.each([
  ['bytes in memory', bytes],
  ['a stream', streamed],
] as const)('skipIdentical with %s', (_, content) => {
  it('leaves a file that holds the same bytes in place (same inode), and says so', async () => {
    const file = join(dir, `same-${content === bytes ? 'b' : 's'}.xlsx`);
    expect(await writeFileAtomically(file, content('workbook one'), { skipIdentical: true, digest: true })).toEqual({ replaced: true, sha256: sha('workbook one') });
    const before = statSync(file).ino;
    expect(await writeFileAtomically(file, content('workbook one'), { skipIdentical: true, digest: true })).toEqual({ replaced: false, sha256: sha('workbook one') });
    expect(statSync(file).ino).toBe(before);
    // nothing left beside it: no temporary file, no lock
    expect(readdirSync(dir).filter((n) => n.includes(file.replace(/^.*\//, '')) && n !== file.replace(/^.*\//, ''))).toEqual([]);
  });

  it('replaces a file whose bytes differ, even by one of the same length', async () => {
    const file = join(dir, `differ-${content === bytes ? 'b' : 's'}.xlsx`);
    writeFileSync(file, 'workbook one');
    const before = statSync(file).ino;
    expect((await writeFileAtomically(file, content('workbook two'), { skipIdentical: true })).replaced).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('workbook two');
    expect(statSync(file).ino).not.toBe(before);
  });

  it('without skipIdentical replaces even identical bytes (what finbook export does)', async () => {
    const file = join(dir, `always-${content === bytes ? 'b' : 's'}.xlsx`);
    writeFileSync(file, 'workbook one');
    const before = statSync(file).ino;
    expect((await writeFileAtomically(file, content('workbook one'))).replaced).toBe(true);
    expect(statSync(file).ino).not.toBe(before);
  });
});
