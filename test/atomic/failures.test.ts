// A failing write (full disk, a directory nobody may write to) exits 3 with a message naming
// the path and leaves the previous workbook untouched; a successful write removes the
// temporary files that killed writers left, and only those.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, statfsSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeStaleTemps, TEMP_MARK } from '../../src/write/atomic.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { sha256, spawnBin, strays, writeBigModel } from './fixtures.js';

const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

/** A tiny tmpfs, when this process may mount one (root in most containers and CI runners). */
function mountSmallDisk(dir: string, size: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const mounted: string[] = [];
afterAll(() => {
  for (const m of mounted) execFileSync('umount', [m], { stdio: 'ignore' });
});

describe('a full disk', () => {
  const probe = tempDir('finbook-mount-probe-');
  const canMount = isRoot && mountSmallDisk(probe, '64k');
  if (canMount) execFileSync('umount', [probe]);

  it.skipIf(!canMount)('exits 3 naming the path, keeps the previous workbook and leaves no temporary file', async () => {
    const work = tempDir('finbook-full-');
    const model = writeBigModel(work, 'B', 1500, 6);
    const disk = join(work, 'disk');
    mkdirSync(disk);
    expect(mountSmallDisk(disk, '256k')).toBe(true);
    mounted.push(disk);
    const target = join(disk, 'book.xlsx');
    writeFileSync(target, 'the previous workbook');
    // fill the disk, leaving room for the lock file but not for the new workbook
    const free = (): number => {
      const s = statfsSync(disk);
      return s.bavail * s.bsize;
    };
    writeFileSync(join(disk, 'filler'), Buffer.alloc(Math.max(0, free() - 16 * 1024)));
    const before = sha256(target);
    const r = await runCli(['export', model, '--out', target]);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(`cannot write ${target}: no space left on the device`);
    expect(sha256(target)).toBe(before);
    expect(strays(disk, ['book.xlsx', 'filler'])).toEqual([]);
  });
});

describe('a directory the user may not write to', () => {
  it('exits 3 naming the path and keeps the previous workbook', async () => {
    const work = tempDir('finbook-perm-');
    chmodSync(work, 0o755); // let the unprivileged child read the model
    const model = writeBigModel(work, 'B', 20, 2);
    const out = join(work, 'out');
    mkdirSync(out);
    const target = join(out, 'book.xlsx');
    writeFileSync(target, 'the previous workbook');
    chmodSync(out, 0o555);
    const before = sha256(target);
    // root may write anywhere: run the export as nobody instead
    const r = await spawnBin(['export', model, '--out', target], isRoot ? { uid: NOBODY, gid: NOBODY, cwd: work } : { cwd: work }).done;
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr.trim()).toBe(`cannot write out/book.xlsx: permission denied`);
    expect(sha256(target)).toBe(before);
    expect(strays(out, ['book.xlsx'])).toEqual([]);
  });
});

describe('temporary files of killed writers', () => {
  it('are removed by the next successful export; a live writer’s and other files stay', async () => {
    const work = tempDir('finbook-strays-');
    const model = writeBigModel(work, 'A', 10, 2);
    const target = join(work, 'book.xlsx');
    const live = spawn('sleep', ['30']);
    try {
      const dead = `.book.xlsx${TEMP_MARK}999999999-0badf00d`;
      const liveTemp = `.book.xlsx${TEMP_MARK}${live.pid}-feedbeef`;
      const ancient = `.book.xlsx${TEMP_MARK}${live.pid}-00000001`;
      const otherTarget = `.other.xlsx${TEMP_MARK}999999999-12345678`;
      for (const n of [dead, liveTemp, ancient, otherTarget]) writeFileSync(join(work, n), 'partial');
      const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
      utimesSync(join(work, ancient), twoDaysAgo, twoDaysAgo);
      const r = await runCli(['export', model, '--out', target, '--quiet']);
      expect(r.code, r.stderr).toBe(0);
      expect(strays(work, ['book.xlsx', 'model-A.yaml', 'template.yaml']).sort()).toEqual([liveTemp, otherTarget].sort());
    } finally {
      live.kill();
    }
  });

  it('removeStaleTemps reports what it removed and ignores a missing directory', async () => {
    const work = tempDir();
    const target = join(work, 'x.xlsx');
    writeFileSync(join(work, `.x.xlsx${TEMP_MARK}999999999-aa`), '');
    expect(await removeStaleTemps(target)).toEqual([join(work, `.x.xlsx${TEMP_MARK}999999999-aa`)]);
    expect(await removeStaleTemps(join(work, 'missing', 'x.xlsx'))).toEqual([]);
  });
});

describe('a failing export', () => {
  it('for bad input, leaves the previous workbook byte for byte (the battery checks every case)', async () => {
    const work = tempDir();
    const good = writeBigModel(work, 'A', 10, 2);
    const target = join(work, 'book.xlsx');
    expect((await runCli(['export', good, '--out', target, '--quiet'])).code).toBe(0);
    const before = readFileSync(target);
    const bad = join(work, 'bad.yaml');
    copyFileSync(good, bad);
    writeFileSync(bad, readFileSync(bad, 'utf8').replace('scale: thousands', 'scale: thousand'));
    const r = await runCli(['export', bad, '--out', target]);
    expect(r.code).toBe(2);
    expect(readFileSync(target).equals(before)).toBe(true);
  });
});
