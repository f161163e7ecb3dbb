// Two exports to one target take turns through the lock file beside it: with real processes,
// the second waits while the first holds the lock (frozen with SIGSTOP mid-write, so the
// overlap is certain), or gives up with a "locked" message; a dead holder's lock is broken.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TEMP_MARK } from '../../src/write/atomic.js';
import { acquireLock, FOREIGN_LOCK_STALE_MS, LockedError, lockPathFor, processStart } from '../../src/write/lock.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { sha256, spawnBin, STREAMING, strays, writeBigModel } from './fixtures.js';

let dir: string;
let models: { A: string; B: string };
let refs: { A: string; B: string };

beforeAll(async () => {
  dir = tempDir('finbook-lock-');
  models = { A: writeBigModel(dir, 'A'), B: writeBigModel(dir, 'B') };
  refs = { A: join(dir, 'ref-A.xlsx'), B: join(dir, 'ref-B.xlsx') };
  for (const v of ['A', 'B'] as const) {
    const r = await runCli(['export', models[v], '--out', refs[v], '--quiet']);
    expect(r.code, r.stderr).toBe(0);
  }
});

function freshOut(): { out: string; target: string } {
  const out = tempDir('finbook-lock-out-');
  const target = join(out, 'book.xlsx');
  copyFileSync(refs.A, target);
  return { out, target };
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** Frozen children, resumed and killed after each test so a failure never leaves one stopped. */
const frozen = new Set<ReturnType<typeof spawnBin>>();
afterEach(() => {
  for (const c of frozen) {
    c.proc.kill('SIGCONT');
    c.proc.kill('SIGKILL');
  }
  frozen.clear();
});

/** Starts an export of version A and freezes it while it holds the lock, mid-write (streaming, so the write lasts). */
async function frozenWriter(target: string, out: string): Promise<ReturnType<typeof spawnBin>> {
  const first = spawnBin(['export', models.A, '--out', target, '--quiet'], { env: STREAMING });
  let exited = false;
  void first.done.then(() => (exited = true));
  const mine = `${TEMP_MARK}${first.proc.pid}-`;
  await until(() => exited || strays(out, ['book.xlsx']).some((n) => n.includes(mine)), 60_000, 'the first export to start writing');
  expect(exited, 'the first export finished before it could be frozen').toBe(false);
  first.proc.kill('SIGSTOP');
  frozen.add(first);
  void first.done.then(() => frozen.delete(first));
  return first;
}

/** The pid of a process that has just exited (so certainly not running). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('two exports to the same target', () => {
  it('the second waits for the first, then writes; nothing interleaves and nothing is left over', async () => {
    const { out, target } = freshOut();
    const first = await frozenWriter(target, out);
    const second = spawnBin(['export', models.B, '--out', target]);
    let secondErr = '';
    second.proc.stderr!.on('data', (d: Buffer) => (secondErr += d.toString()));
    await until(() => secondErr.includes('waiting for'), 60_000, 'the second export to wait');
    expect(secondErr).toContain(`another export (process ${first.proc.pid}) is writing`);
    // while the first is frozen, the target is still the previous workbook
    expect(sha256(target)).toBe(sha256(refs.A));
    first.proc.kill('SIGCONT');
    const [a, b] = await Promise.all([first.done, second.done]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    // the second wrote last, whole
    expect(sha256(target)).toBe(sha256(refs.B));
    expect(strays(out, ['book.xlsx'])).toEqual([]);
  }, 120_000);

  it('with a short FINBOOK_LOCK_TIMEOUT the second gives up with a "locked" message naming the path, exit 3', async () => {
    const { out, target } = freshOut();
    const first = await frozenWriter(target, out);
    const second = await spawnBin(['export', models.B, '--out', target], { env: { FINBOOK_LOCK_TIMEOUT: '1' } }).done;
    first.proc.kill('SIGCONT');
    expect(second.code).toBe(3);
    expect(second.stderr).toContain(`cannot write ${target}: locked by process ${first.proc.pid} since `);
    expect(second.stderr).toContain(`gave up after 1 s (if no finbook is running, delete ${lockPathFor(target)})`);
    const a = await first.done;
    expect(a.code, a.stderr).toBe(0);
    expect(sha256(target)).toBe(sha256(refs.A));
    expect(strays(out, ['book.xlsx'])).toEqual([]);
  }, 120_000);
});

describe('a lock left behind', () => {
  it('by a process that died is broken at once', async () => {
    const { out, target } = freshOut();
    writeFileSync(lockPathFor(target), JSON.stringify({ pid: deadPid(), host: hostname(), since: '2003-02-20T00:00:00.000Z', start: null }));
    const started = Date.now();
    const r = await runCli(['export', models.B, '--out', target, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(sha256(target)).toBe(sha256(refs.B));
    expect(strays(out, ['book.xlsx'])).toEqual([]);
  });

  it('whose process id now belongs to another process (a different start time) is broken', async () => {
    const { out, target } = freshOut();
    writeFileSync(lockPathFor(target), JSON.stringify({ pid: process.pid, host: hostname(), since: '2003-02-20T00:00:00.000Z', start: 'not-this-process' }));
    const r = await runCli(['export', models.B, '--out', target, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(strays(out, ['book.xlsx'])).toEqual([]);
  });

  it('empty (its writer was killed while creating it) is broken once it is a few seconds old', async () => {
    const { out, target } = freshOut();
    const lock = lockPathFor(target);
    writeFileSync(lock, '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    const r = await runCli(['export', models.B, '--out', target, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(strays(out, ['book.xlsx'])).toEqual([]);
  });

  it('held by a live process is waited for, then reported as locked', async () => {
    const { target } = freshOut();
    writeFileSync(lockPathFor(target), JSON.stringify({ pid: process.pid, host: hostname(), since: '2003-02-20T00:00:00.000Z', start: processStart(process.pid) }));
    const prev = process.env.FINBOOK_LOCK_TIMEOUT;
    process.env.FINBOOK_LOCK_TIMEOUT = '0.3';
    try {
      const r = await runCli(['export', models.B, '--out', target]);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/^waiting for .*\.book\.xlsx\.finbook-lock: another export \(process \d+\) is writing /m);
      expect(r.stderr).toContain(`locked by process ${process.pid} since 2003-02-20T00:00:00.000Z`);
    } finally {
      if (prev === undefined) delete process.env.FINBOOK_LOCK_TIMEOUT;
      else process.env.FINBOOK_LOCK_TIMEOUT = prev;
    }
    expect(sha256(target)).toBe(sha256(refs.A));
    expect(existsSync(lockPathFor(target))).toBe(true); // someone else's lock is never removed
  });

  it('on another machine cannot be checked, so it is waited for and named', async () => {
    const d = tempDir();
    const target = join(d, 'x.xlsx');
    writeFileSync(lockPathFor(target), JSON.stringify({ pid: 1, host: 'elsewhere.invalid', since: '2003-02-20T00:00:00.000Z', start: null }));
    await expect(acquireLock(target, { timeoutMs: 200 })).rejects.toThrow(/locked by process 1 on elsewhere\.invalid since/);
  });

  it('on another machine is broken once older than any write takes (a lost queue worker)', async () => {
    const d = tempDir();
    const target = join(d, 'x.xlsx');
    const lock = lockPathFor(target);
    writeFileSync(lock, JSON.stringify({ pid: 1, host: 'elsewhere.invalid', since: '2003-02-20T00:00:00.000Z', start: null }));
    const old = new Date(Date.now() - FOREIGN_LOCK_STALE_MS - 5_000);
    utimesSync(lock, old, old);
    const l = await acquireLock(target, { timeoutMs: 200 });
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    await l.release();
    rmSync(d, { recursive: true, force: true });
  });
});

describe('acquireLock in one process', () => {
  it('hands the lock to one holder at a time, in turn', async () => {
    const d = tempDir();
    mkdirSync(join(d, 'sub'));
    const target = join(d, 'sub', 'x.xlsx');
    const order: string[] = [];
    const first = await acquireLock(target);
    const second = acquireLock(target, { pollMs: 5 }).then(async (l) => {
      order.push('second');
      await l.release();
    });
    await new Promise((r) => setTimeout(r, 50));
    order.push('first releases');
    await first.release();
    await second;
    expect(order).toEqual(['first releases', 'second']);
    expect(strays(join(d, 'sub'), [])).toEqual([]);
  });

  it('gives up with a LockedError after the timeout', async () => {
    const target = join(tempDir(), 'x.xlsx');
    const held = await acquireLock(target);
    const err = await acquireLock(target, { timeoutMs: 100 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LockedError);
    expect((err as LockedError).holder?.pid).toBe(process.pid);
    await held.release();
  });
});
