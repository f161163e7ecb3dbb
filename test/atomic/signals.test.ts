// SIGTERM and SIGINT while a workbook is being written (real child processes, caught inside
// their write phase): the process removes its lock and temporary file and exits 143 / 130,
// and the previous workbook is still there byte for byte. Also: the temporary and lock
// names fit wherever the target's name fits.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeStaleTemps, TEMP_MARK, tempPathFor, writeFileAtomically } from '../../src/write/atomic.js';
import { lockPathFor } from '../../src/write/lock.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { sha256, spawnBin, STREAMING, strays, writeBigModel } from './fixtures.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function work(): string {
  const dir = tempDir('finbook-signal-');
  dirs.push(dir);
  return dir;
}

describe.each([
  ['SIGTERM', 143],
  ['SIGINT', 130],
] as const)('%s during the write', (signal, exitCode) => {
  it(`removes the lock and the temporary file, keeps the old workbook and exits ${exitCode}`, async () => {
    const dir = work();
    const model = writeBigModel(dir, 'A', 1200, 8);
    const out = join(dir, 'out');
    mkdirSync(out);
    const target = join(out, 'book.xlsx');
    writeFileSync(target, 'the previous workbook');
    const before = sha256(target);
    // caught inside its write phase: its own temporary file exists (streaming: the phase lasts)
    for (let attempt = 0; ; attempt++) {
      const child = spawnBin(['export', model, '--out', target, '--quiet'], { env: STREAMING });
      const mine = `${TEMP_MARK}${child.proc.pid}-`;
      let exited = false;
      void child.done.then(() => (exited = true));
      while (!exited && !readdirSync(out).some((n) => n.includes(mine))) await new Promise((r) => setTimeout(r, 1));
      if (exited) {
        expect(attempt, 'the export finished before it could be interrupted, three times').toBeLessThan(3);
        writeFileSync(target, 'the previous workbook');
        continue;
      }
      expect(readdirSync(out).some((n) => n.endsWith('.finbook-lock'))).toBe(true);
      child.proc.kill(signal);
      const r = await child.done;
      expect(r.signal).toBeNull();
      expect(r.code, r.stderr).toBe(exitCode);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      break;
    }
    expect(sha256(target)).toBe(before);
    expect(strays(out, ['book.xlsx'])).toEqual([]);
  }, 120_000);
});

describe('SIGTERM during a batch', () => {
  it('removes the temporary files and locks of every worker thread and exits 143', async () => {
    const dir = work();
    const models = ['A', 'B', 'C', 'D', 'E', 'F'].map((v) => writeBigModel(dir, v, 800, 8));
    const out = join(dir, 'out');
    const child = spawnBin(['batch', ...models, '--out', out, '--quiet', '--jobs', '2'], { env: STREAMING });
    let exited = false;
    void child.done.then(() => (exited = true));
    const writing = (): boolean => {
      try {
        return readdirSync(out).some((n) => n.includes(TEMP_MARK));
      } catch {
        return false;
      }
    };
    while (!exited && !writing()) await new Promise((r) => setTimeout(r, 1));
    expect(exited, 'the batch ended before a workbook was being written').toBe(false);
    child.proc.kill('SIGTERM');
    const r = await child.done;
    expect(r.code, r.stderr).toBe(143);
    expect(readdirSync(out).filter((n) => !/^[A-F]\.xlsx$/.test(n))).toEqual([]);
  }, 120_000);
});

describe('names beside a long target name', () => {
  it.each([235, 255])('a workbook named with %i characters is written, and nothing is left beside it', async (length) => {
    const dir = work();
    const name = `${'n'.repeat(length - 5)}.xlsx`;
    const r = await runCli(['export', join(__dirname, '../errors/base/model.yaml'), '--out', join(dir, name), '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dir)).toEqual([name]);
  });

  it('a name of multi-byte characters is measured in bytes', async () => {
    const dir = work();
    const name = `${'é'.repeat(125)}.xlsx`; // 255 bytes
    await writeFileAtomically(join(dir, name), Uint8Array.of(1, 2, 3));
    expect(readdirSync(dir)).toEqual([name]);
  });

  it('temporary and lock names stay within 255 bytes, differ between long names, and stale ones are still found', async () => {
    const dir = work();
    const a = join(dir, `${'a'.repeat(250)}.xlsx`);
    const b = join(dir, `${'a'.repeat(249)}b.xlsx`);
    for (const p of [tempPathFor(a), lockPathFor(a)]) expect(Buffer.byteLength(p.slice(dir.length + 1))).toBeLessThanOrEqual(255);
    expect(lockPathFor(a)).not.toBe(lockPathFor(b));
    // 4999999: above Linux's largest process id (4194304), so never a live process
    const stale = tempPathFor(a).replace(`${TEMP_MARK}${process.pid}-`, `${TEMP_MARK}4999999-`);
    writeFileSync(stale, '');
    writeFileSync(tempPathFor(b).replace(`${TEMP_MARK}${process.pid}-`, `${TEMP_MARK}4999999-`), '');
    expect(await removeStaleTemps(a)).toEqual([stale]);
  });
});
