// The queue under failure, with a real Redis and real worker processes: 300 models over three
// workers, one SIGKILLed while it holds jobs; then Redis itself killed and restarted mid-run
// (AOF on). Every workbook must appear exactly once (counted by inotify, not by the workers'
// own word) and equal the local export of its model byte for byte.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Queue } from 'bullmq';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runBin, tempDir } from '../helpers/cli.js';
import type { WorkerProcess } from './helpers.js';
import { openTestQueue, startWorker, stopWorker, waitFor, watchAppearances, writeVariants } from './helpers.js';
import type { RedisServer } from './redis-server.js';
import { describeWithRedis, PASSWORD, startRedis } from './redis-server.js';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
/** inotify's last events reach the watcher on a later turn of the event loop. */
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 200));

describeWithRedis('the queue when a worker or Redis dies', () => {
  const dir = tempDir('finbook-queue-scale-');
  const servers: RedisServer[] = [];
  const workers: WorkerProcess[] = [];
  const queues: Queue[] = [];

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    for (const q of queues) await q.close();
    for (const s of servers) await s.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The models, their local exports (finbook batch: runExport per model, as finbook export) and an empty output directory. */
  function prepare(name: string, count: number): { models: string[]; out: string; reference: string } {
    const base = join(dir, name);
    const modelsDir = join(base, 'models');
    mkdirSync(modelsDir, { recursive: true });
    const models = writeVariants(modelsDir, count);
    const reference = join(base, 'reference');
    expect(runBin(['batch', ...models, '--out', reference, '--quiet']).code).toBe(0);
    const out = join(base, 'out');
    mkdirSync(out);
    return { models, out, reference };
  }

  /** Every workbook once, equal to its local export, its job's recorded SHA-256 its own; nothing else left in the directory. */
  async function expectWrittenOnce(queue: Queue, models: string[], out: string, reference: string, counts: Map<string, number>): Promise<void> {
    const names = models.map((m) => m.replace(/^.*\//, '').replace(/\.yaml$/, '.xlsx'));
    expect(readdirSync(out).sort()).toEqual([...names].sort());
    const twice = names.filter((n) => counts.get(n) !== 1).map((n) => `${n}: ${counts.get(n) ?? 0}`);
    expect(twice).toEqual([]);
    for (const n of names) expect(readFileSync(join(out, n)).equals(readFileSync(join(reference, n))), n).toBe(true);
    const done = await queue.getCompleted(0, -1);
    expect(done).toHaveLength(models.length);
    for (const j of done) {
      const r = j.returnvalue as { workbook: string; sha256: string };
      expect(r.sha256).toBe(sha(readFileSync(r.workbook)));
    }
  }

  beforeAll(async () => {
    servers.push(await startRedis({ aof: true }));
  });

  it('300 models over three workers, one SIGKILLed holding jobs: every workbook written once, equal to its local export', async () => {
    const redis = servers[0]!;
    const { models, out, reference } = prepare('kill', 300);
    const queue = openTestQueue(redis.url, 'kill');
    queues.push(queue);
    const added = runBin(['queue', 'add', ...models, '--out', out, '--redis', redis.url, '--queue', 'kill']);
    expect(added.stdout + added.stderr).not.toContain(PASSWORD);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^queued 300 of 300 models on redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0 \(queue kill\)$/m);

    const watch = watchAppearances(out, (n) => n.endsWith('.xlsx') && !n.startsWith('.'));
    const args = ['--queue', 'kill', '--concurrency', '2', '--lock-timeout', '2', '--root', dir];
    const three = [0, 1, 2].map(() => startWorker(redis.url, args, dir));
    workers.push(...three);
    const [victim, ...survivors] = three as [WorkerProcess, WorkerProcess, WorkerProcess];

    // mid-run: a third of the jobs done, then the victim frozen until it is seen holding jobs
    await waitFor('100 jobs done', async () => (await queue.getCompletedCount()) >= 100);
    let held: string[] = [];
    await waitFor('the victim holding a job', async () => {
      victim.child.kill('SIGSTOP');
      const active = await queue.getActive(0, -1);
      held = active.filter((j) => j.processedBy === victim.name).map((j) => j.id!);
      if (held.length === 0) victim.child.kill('SIGCONT');
      return held.length > 0;
    });
    victim.child.kill('SIGKILL');
    expect((await victim.exited).signal).toBe('SIGKILL');

    await waitFor('every job done', async () => (await queue.getCompletedCount()) + (await queue.getFailedCount()) >= 300, 45_000);
    await settle();
    watch.close();
    expect(await queue.getFailedCount()).toBe(0);
    // the jobs the victim held were found stalled and run again by the others
    for (const id of held) {
      const job = (await queue.getJob(id))!;
      expect(job.stalledCounter, `job ${id}`).toBeGreaterThanOrEqual(1);
      expect((job.returnvalue as { worker: string }).worker).not.toBe(victim.name);
    }
    await expectWrittenOnce(queue, models, out, reference, watch.counts);
    // the kill left no temporary or lock file: the jobs run again cleared them
    for (const w of survivors) expect(await stopWorker(w)).toEqual({ code: 0, signal: null });
    for (const w of three) expect(w.output()).not.toContain(PASSWORD);
    expect(survivors.map((w) => w.output()).join('')).toMatch(/stopping; finishing \d+ jobs? in hand[\s\S]*stopped/);
  });

  it('Redis killed and restarted mid-run (AOF, appendfsync always): no job lost, every workbook written once', async () => {
    const redis = servers[0]!;
    const { models, out, reference } = prepare('restart', 120);
    const queue = openTestQueue(redis.url, 'restart');
    queues.push(queue);
    expect(runBin(['queue', 'add', ...models, '--out', out, '--redis', redis.url, '--queue', 'restart']).code).toBe(0);
    const watch = watchAppearances(out, (n) => n.endsWith('.xlsx') && !n.startsWith('.'));
    const two = [0, 1].map(() => startWorker(redis.url, ['--queue', 'restart', '--concurrency', '2', '--lock-timeout', '2', '--root', dir], dir));
    workers.push(...two);

    await waitFor('30 jobs done', async () => (await queue.getCompletedCount()) >= 30);
    await redis.kill();
    await new Promise((r) => setTimeout(r, 300));
    await redis.restart();
    await waitFor('every job done after the restart', async () => (await queue.getCompletedCount()) + (await queue.getFailedCount()) >= 120, 45_000);
    await settle();
    watch.close();
    expect(await queue.getFailedCount()).toBe(0);
    const counts = await queue.getJobCounts('wait', 'active', 'delayed', 'completed', 'failed');
    expect(counts).toEqual({ wait: 0, active: 0, delayed: 0, completed: 120, failed: 0 });
    await expectWrittenOnce(queue, models, out, reference, watch.counts);
    for (const w of two) {
      expect(await stopWorker(w)).toEqual({ code: 0, signal: null });
      expect(w.output()).not.toContain(PASSWORD);
      expect(w.output()).not.toContain(encodeURIComponent(PASSWORD));
    }
    // the outage was seen and survived
    expect(two.map((w) => w.output()).join('')).toMatch(/Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0: .*\(retrying\)/);
  });
});
