// Killing an export at any moment (SIGKILL: no handler runs, nothing is cleaned up) leaves the
// previous workbook or the new one, byte for byte, and the next successful export removes
// whatever the killed ones left behind. Replay a run with FINBOOK_KILL_SEED=<seed>. Both
// writers: the streaming one (whose write phase lasts long enough to aim kills into it) and
// the in-memory one that workbooks of this size take (written with one system call).
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEMP_MARK } from '../../src/write/atomic.js';
import { tempDir } from '../helpers/cli.js';
import { hashOrNull, readWorkbookSubject, seededRandom, sha256, spawnBin, STREAMING, strays, writeBigModel } from './fixtures.js';

const RUNS = 24;

type Env = Record<string, string>;

interface Timing {
  total: number;
  /** When the temporary file (the write phase) was first and last seen, in ms after the start. */
  writeFrom: number;
  writeTo: number;
}

/** A clean export, timed, with the moments its write phase began and ended. */
async function timedExport(model: string, target: string, env: Env): Promise<Timing> {
  const start = Date.now();
  const child = spawnBin(['export', model, '--out', target, '--quiet'], { env });
  let exited = false;
  void child.done.then(() => (exited = true));
  let writeFrom = -1;
  let writeTo = -1;
  while (!exited) {
    if (readdirSync(dirname(target)).some((n) => n.includes(TEMP_MARK))) {
      if (writeFrom < 0) writeFrom = Date.now() - start;
      writeTo = Date.now() - start;
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  const r = await child.done;
  expect(r.code, r.stderr).toBe(0);
  const total = Date.now() - start;
  return { total, writeFrom: writeFrom < 0 ? total * 0.8 : writeFrom, writeTo: writeTo < 0 ? total : writeTo };
}

/**
 * `runs` exports of alternating versions into one target, each killed: a third at a random
 * moment of the run, the rest at a random moment after its write phase begins.
 */
async function killedExports(env: Env, runs: number): Promise<void> {
  const seed = Number(process.env.FINBOOK_KILL_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const random = seededRandom(seed);
  const dir = tempDir('finbook-kill-');
  const models = { A: writeBigModel(dir, 'A'), B: writeBigModel(dir, 'B') };
  const refs = { A: join(dir, 'ref-A.xlsx'), B: join(dir, 'ref-B.xlsx') };
  const timing = await timedExport(models.A, refs.A, env);
  await timedExport(models.B, refs.B, env);
  const hashes = { A: sha256(refs.A), B: sha256(refs.B) };
  expect(hashes.A).not.toBe(hashes.B);
  expect(await readWorkbookSubject(refs.A)).toBe('Version A');
  expect(await readWorkbookSubject(refs.B)).toBe('Version B');

  const out = join(dir, 'out');
  mkdirSync(out);
  const target = join(out, 'book.xlsx');
  copyFileSync(refs.A, target);
  const log: string[] = [`seed ${seed}, clean run ${timing.total} ms, write phase ${timing.writeFrom}-${timing.writeTo} ms`];
  let killedWhileWriting = 0;

  for (let i = 0; i < runs; i++) {
    const version = i % 2 === 0 ? 'B' : 'A';
    const before = sha256(target);
    const child = spawnBin(['export', models[version], '--out', target, '--quiet'], { env });
    let exited = false;
    void child.done.then(() => (exited = true));
    // a third of the kills anywhere in the run, the rest inside the write phase (where damage could happen)
    if (i % 3 === 0) await new Promise((r) => setTimeout(r, random() * timing.total * 1.1));
    else {
      // this child's own temporary file marks its write phase (a killed run's lock may linger)
      const mine = `${TEMP_MARK}${child.proc.pid}-`;
      const end = Date.now() + timing.total * 5;
      while (!exited && Date.now() < end && !strays(out, ['book.xlsx']).some((n) => n.includes(mine))) await new Promise((r) => setTimeout(r, 1));
      await new Promise((r) => setTimeout(r, random() * (timing.writeTo - timing.writeFrom)));
    }
    const writing = strays(out, ['book.xlsx']).some((n) => n.includes(`${TEMP_MARK}${child.proc.pid}-`));
    child.proc.kill('SIGKILL');
    const r = await child.done;
    const after = hashOrNull(target);
    log.push(`run ${i}: ${version}, ${r.signal ?? `exit ${r.code}`}, ${writing ? 'while writing' : 'outside the write'}, now ${after === hashes.A ? 'A' : after === hashes.B ? 'B' : after ?? 'missing'}`);
    if (writing && r.signal === 'SIGKILL') killedWhileWriting++;
    expect(after, log.join('\n')).not.toBeNull();
    expect([before, hashes[version]], log.join('\n')).toContain(after);
  }
  if (process.env.FINBOOK_KILL_LOG) console.log(log.join('\n'));
  // the kills did land inside the write phase, where a non-atomic writer would break the file
  // (the in-memory writer's phase is too short to aim at: its kills land where they land)
  if (env === STREAMING) expect(killedWhileWriting, log.join('\n')).toBeGreaterThanOrEqual(2);
  expect(await readWorkbookSubject(target)).toMatch(/^Version [AB]$/);

  const clean = await spawnBin(['export', models.B, '--out', target], { env }).done;
  expect(clean.code, clean.stderr).toBe(0);
  expect(sha256(target)).toBe(hashes.B);
  expect(strays(out, ['book.xlsx']), log.join('\n')).toEqual([]);
}

describe('an export killed with SIGKILL', () => {
  it(`never leaves a damaged workbook (${RUNS} kills at random moments, streaming), and the next run cleans up`, () => killedExports(STREAMING, RUNS), 240_000);

  it(`never leaves a damaged workbook (${RUNS / 2} kills at random moments, built in memory), and the next run cleans up`, () => killedExports({}, RUNS / 2), 240_000);
});
