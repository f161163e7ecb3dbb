// finbook queue add, queue status, worker and run with a queue, against a real Redis and real
// worker processes of the built CLI.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Queue } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../helpers/cli.js';
import { runBin, runCli, tempDir } from '../helpers/cli.js';
import { restoreEnv, setEnv } from '../mail/env.js';
import type { SmtpSink } from '../mail/smtp-sink.js';
import { closedPort, startSink } from '../mail/smtp-sink.js';
import type { WorkerProcess } from './helpers.js';
import { openTestQueue, startWorker, stopWorker, waitFor, watchAppearances, writeVariants } from './helpers.js';
import type { RedisServer } from './redis-server.js';
import { describeWithRedis, PASSWORD, startRedis } from './redis-server.js';

const dir = tempDir('finbook-queue-');
let redis: RedisServer;
const queues: Queue[] = [];
const workers: WorkerProcess[] = [];
let n = 0;

/** A fresh queue name, a BullMQ handle on it, and the CLI's --redis/--queue for it. */
function freshQueue(): { name: string; queue: Queue; flags: string[] } {
  const name = `q${++n}`;
  const queue = openTestQueue(redis.url, name);
  queues.push(queue);
  return { name, queue, flags: ['--redis', redis.url, '--queue', name] };
}

function models(count: number): string[] {
  const d = join(dir, `models-${++n}`);
  mkdirSync(d);
  return writeVariants(d, count);
}

function breakModel(file: string): void {
  writeFileSync(file, readFileSync(file, 'utf8').replace('scale: thousands', 'scale: dozens'));
}

function worker(name: string, extra: string[] = [], env: Record<string, string> = {}): WorkerProcess {
  const lock = extra.includes('--lock-timeout') ? [] : ['--lock-timeout', '5'];
  const w = startWorker(redis.url, ['--queue', name, '--root', dir, ...lock, ...extra], dir, env);
  workers.push(w);
  return w;
}

/** The CLI in-process (quick); the worker, and some commands here and in scale.test.ts, run the built CLI as a process. */
async function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<RunResult> {
  setEnv(env);
  try {
    return await runCli(args);
  } finally {
    restoreEnv();
  }
}

const finished = (q: Queue, count: number) => async () => (await q.getCompletedCount()) + (await q.getFailedCount()) >= count;

beforeAll(async () => {
  if (describeWithRedis === describe) redis = await startRedis();
});

afterAll(async () => {
  for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
  await Promise.all(workers.map((w) => w.exited));
  for (const q of queues) await q.close();
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describeWithRedis('finbook queue add', () => {
  it('queues one job per model and refuses an invalid model with its file, line and field (exit 2)', async () => {
    const { queue, flags } = freshQueue();
    const [a, broken, b] = models(3) as [string, string, string];
    breakModel(broken);
    const out = join(dir, 'out-add');
    const r = await cli(['queue', 'add', a, broken, b, '--out', out, ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^invalid  .*co-002\.yaml: not queued\n {4}.*co-002\.yaml:3:\d+ entity\.scale: expected one of/);
    expect(r.stdout.trim()).toMatch(/^queued 2 of 3 models on redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0 \(queue q\d+\); 1 invalid, not queued$/);
    const waiting = await queue.getWaiting(0, -1);
    expect(waiting.map((j) => j.data.model).sort()).toEqual([a, b]);
    expect(waiting.find((j) => j.data.model === a)!.data).toEqual({
      format: 1,
      model: a,
      out: join(out, 'co-001.xlsx'),
      options: { protect: false, pdf: false, mailTo: [], ifChanged: false, holdOnCheckFailure: false },
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(existsSync(out)).toBe(false);
  });

  it('does not queue a job identical to one still waiting; other options or content make a new job', async () => {
    const { queue, flags } = freshQueue();
    const [a] = models(1) as [string];
    const out = join(dir, 'out-dup');
    expect((await cli(['queue', 'add', a, '--out', out, ...flags])).code).toBe(0);
    const again = await cli(['queue', 'add', a, '--out', out, ...flags]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^queued 0 of 1 model on .*; 1 identical to a job already waiting or running, not queued again$/m);
    expect((await cli(['queue', 'add', a, '--out', out, '--protect', ...flags])).stdout).toMatch(/^queued 1 of 1 model on /);
    writeFileSync(a, readFileSync(a, 'utf8').replace('reported_net_income', 'reported_net_income').replace('title: Mini Corp', 'title: Mini Corp (restated)'));
    expect((await cli(['queue', 'add', a, '--out', out, ...flags])).stdout).toMatch(/^queued 1 of 1 model on /);
    expect(await queue.getWaitingCount()).toBe(3);
  });

  it('lists the jobs it queued as JSON with --json', async () => {
    const { flags } = freshQueue();
    const [a] = models(1) as [string];
    const r = await cli(['queue', 'add', a, '--out', join(dir, 'out-json'), '--json', ...flags]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, queued: 1, duplicates: 0, invalid: 0, jobs: [{ status: 'queued', job: expect.stringMatching(/^[0-9a-f]{12}-/) }] });
  });

  it.each([
    [['--redis', 'http://127.0.0.1:1'], /--redis must start with redis:\/\/ or rediss:\/\//],
    [['--redis', `redis://:${PASSWORD}@127.0.0.1:1/x`], /--redis: options after \? or # are not supported/],
    [['--redis', `redis//:${PASSWORD}@127.0.0.1:1`], /--redis is not a URL \(not shown: it may hold a password\)/],
    [['--redis', `redis://:${encodeURIComponent(PASSWORD)}@127.0.0.1:1/x`], /--redis: the database after the host must be a number/],
    [['--redis', 'redis://127.0.0.1:1', '--attempts', '0'], /--attempts must be a whole number from 1 to 100/],
    [['--redis', 'redis://127.0.0.1:1', '--mail-to', 'nobody'], /--mail-to: not an e-mail address: "nobody"/],
    [['--redis', 'redis://127.0.0.1:1', '--queue', 'a b'], /--queue must be a name of letters/],
  ])('refuses %j before touching Redis (exit 2), the password never shown', async (extra, message) => {
    const [a] = models(1) as [string];
    const r = await cli(['queue', 'add', a, '--out', join(dir, 'never'), ...extra]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout + r.stderr).not.toContain(PASSWORD);
    expect(r.stdout + r.stderr).not.toContain(encodeURIComponent(PASSWORD));
  });

  it('takes FINBOOK_REDIS_URL when --redis is not given, and says when neither is', async () => {
    const [a] = models(1) as [string];
    const none = await cli(['queue', 'add', a, '--out', join(dir, 'never')], { FINBOOK_REDIS_URL: '' });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no Redis server named: pass --redis .* or set FINBOOK_REDIS_URL/);
    const r = await cli(['queue', 'add', a, '--out', join(dir, 'out-env'), '--queue', 'from-env'], { FINBOOK_REDIS_URL: redis.url });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^queued 1 of 1 model on redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0 \(queue from-env\)$/m);
  });

  it('exits 3 with the reason when Redis refuses the password or nothing listens, the password never shown', async () => {
    const [a] = models(1) as [string];
    const wrong = await cli(['queue', 'add', a, '--out', join(dir, 'never'), '--redis', `redis://:not-${encodeURIComponent(PASSWORD)}@127.0.0.1:${redis.port}`]);
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toMatch(/cannot use the queue at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0: the server refused the user name or password/);
    const port = await closedPort();
    const nobody = await cli(['queue', 'status', '--redis', `redis://:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}`]);
    expect(nobody.code).toBe(3);
    expect(nobody.stderr).toMatch(/cannot use the queue at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0: nothing listens there \(connect ECONNREFUSED/);
    for (const r of [wrong, nobody]) expect(r.stdout + r.stderr).not.toMatch(/pa:ss|pa%3Ass/);
  });
});

describeWithRedis('finbook worker', () => {
  it('exports each job as finbook export would and records its SHA-256, checks and time; a model broken since it was queued fails at once with its message', async () => {
    const { name, queue, flags } = freshQueue();
    const [a, b] = models(2) as [string, string];
    const out = join(dir, 'out-work');
    expect(runBin(['queue', 'add', a, b, '--out', out, ...flags]).code).toBe(0);
    breakModel(b);
    const w = worker(name);
    await waitFor('both jobs finished', finished(queue, 2));
    const [done] = await queue.getCompleted(0, -1);
    expect(done!.returnvalue).toMatchObject({ status: 'exported', workbook: join(out, 'co-001.xlsx'), written: true, checks: { ok: 2, total: 2 }, worker: w.name, messages: [] });
    const local = join(dir, 'local-co-001.xlsx');
    expect(runBin(['export', a, '--out', local, '--quiet']).code).toBe(0);
    expect(readFileSync(join(out, 'co-001.xlsx')).equals(readFileSync(local))).toBe(true);
    const [failed] = await queue.getFailed(0, -1);
    // no retries for a model with mistakes: one attempt of the five
    expect(failed!.attemptsMade).toBe(1);
    expect(failed!.failedReason).toMatch(/co-002\.yaml:3:\d+ entity\.scale: expected one of/);
    const status = runBin(['queue', 'status', ...flags]);
    expect(status.code).toBe(1);
    expect(status.stdout).toMatch(/: 0 waiting, 0 active, 0 to retry, 1 done, 1 failed\nfailed  .*co-002\.yaml -> .*co-002\.xlsx \(job \S+, 1 attempt, \S+\)\n {4}.*co-002\.yaml:3:\d+ entity\.scale: expected one of/);
    const json = JSON.parse(runBin(['queue', 'status', '--json', ...flags]).stdout) as { done: number; failed: number; jobs: { done: { result: { sha256: string } }[] } };
    expect(json).toMatchObject({ waiting: 0, active: 0, retrying: 0, done: 1, failed: 1 });
    expect(json.jobs.done[0]!.result.sha256).toBe((done!.returnvalue as { sha256: string }).sha256);
    expect(await stopWorker(w)).toEqual({ code: 0, signal: null });
    expect(w.output()).toMatch(/^done +.*co-001\.yaml -> .*co-001\.xlsx \(\d+ ms, 2\/2 checks OK, sha256 [0-9a-f]{12}\)$/m);
    expect(w.output()).toMatch(/^invalid +.*co-002\.yaml\n {4}.*entity\.scale/m);
    expect(w.output()).not.toContain(PASSWORD);
  });

  it('runs a job again (as after a lost worker) without writing its workbook a second time', async () => {
    const { name, queue, flags } = freshQueue();
    const [a] = models(1) as [string];
    const out = join(dir, 'out-again');
    mkdirSync(out);
    const watch = watchAppearances(out, (f) => f.endsWith('.xlsx') && !f.startsWith('.'));
    expect((await cli(['queue', 'add', a, '--out', out, ...flags])).code).toBe(0);
    const w = worker(name);
    await waitFor('the job done', async () => (await queue.getCompletedCount()) === 1);
    const [job] = await queue.getCompleted(0, -1);
    expect(job!.returnvalue).toMatchObject({ written: true });
    // its outcome lost, as when a worker dies between the rename and recording the job
    await job!.retry('completed');
    const again = async () => (await queue.getJob(job!.id!))!;
    await waitFor('the job done again', async () => (await again()).attemptsStarted >= 2 && (await (await again()).getState()) === 'completed');
    await new Promise((r) => setTimeout(r, 200));
    watch.close();
    expect(Object.fromEntries(watch.counts)).toEqual({ 'co-001.xlsx': 1 });
    expect((await again()).returnvalue).toMatchObject({ written: false, status: 'exported' });
    expect(w.output()).toMatch(/^in place +.*co-001\.yaml -> .*co-001\.xlsx/m);
    await stopWorker(w);
  });

  it('fails job data that is not an export job, and paths outside its roots, at once', async () => {
    const { name, queue } = freshQueue();
    const options = { protect: false, pdf: false, mailTo: [], ifChanged: false, holdOnCheckFailure: false };
    await queue.add('export', { format: 1, model: join(dir, '..', 'elsewhere.yaml'), out: join(dir, 'x.xlsx'), options, hash: 'a'.repeat(64) }, { attempts: 3 });
    await queue.add('export', { format: 1, model: models(1)[0], out: '/etc/finbook-never.xlsx', options, hash: 'b'.repeat(64) }, { attempts: 3 });
    await queue.add('export', { format: 2, model: 'relative.yaml', script: 'rm -rf /' }, { attempts: 3 });
    const w = worker(name);
    await waitFor('three jobs failed', async () => (await queue.getFailedCount()) === 3);
    const reasons = (await queue.getFailed(0, -1)).map((j) => [j.attemptsMade, j.failedReason]);
    expect(reasons).toEqual(
      expect.arrayContaining([
        [1, expect.stringMatching(/^the model .*elsewhere\.yaml is outside this worker's roots \(.*\); start the worker with --root for it$/)],
        [1, expect.stringMatching(/^the workbook \/etc\/finbook-never\.xlsx is outside this worker's roots/)],
        [1, expect.stringMatching(/^the job's data is not a finbook export job: .*format/)],
      ]),
    );
    expect(existsSync('/etc/finbook-never.xlsx')).toBe(false);
    await stopWorker(w);
  });

  it('retries a job that cannot write its workbook, with backoff, and writes it once the directory is there', async () => {
    const { name, queue, flags } = freshQueue();
    const [a] = models(1) as [string];
    const blocked = join(dir, 'blocked');
    writeFileSync(blocked, 'a file where the output directory should be');
    expect((await cli(['queue', 'add', a, '--out', blocked, '--attempts', '4', '--retry-delay', '0.5', ...flags])).code).toBe(0);
    const w = worker(name);
    await waitFor('the first attempt failed', async () => (await queue.getDelayedCount()) === 1);
    const status = await cli(['queue', 'status', ...flags]);
    expect(status.stdout).toMatch(/0 waiting, 0 active, 1 to retry, 0 done, 0 failed/);
    rmSync(blocked);
    await waitFor('the job done', async () => (await queue.getCompletedCount()) === 1);
    const [job] = await queue.getCompleted(0, -1);
    expect(job!.attemptsMade).toBeGreaterThanOrEqual(1);
    expect(existsSync(join(blocked, 'co-001.xlsx'))).toBe(true);
    expect(w.output()).toMatch(/^retry 1\/4 +.*co-001\.yaml\n {4}cannot write .*blocked\/co-001\.xlsx: a part of the path is not a directory/m);
    await stopWorker(w);
  });

  it('on SIGTERM finishes the job in hand, takes no other, and exits 0', async () => {
    const { name, queue, flags } = freshQueue();
    const big = join(dir, 'big', 'big.json');
    expect((await cli(['generate', '--lines', '150', '--periods', '80', '--sheets', '2', '--out', big, '--quiet'])).code).toBe(0);
    const small = models(2);
    const out = join(dir, 'out-term');
    expect((await cli(['queue', 'add', big, ...small, '--out', out, ...flags])).code).toBe(0);
    const w = worker(name, ['--concurrency', '1']);
    await waitFor('the big model in hand', async () => (await queue.getActive(0, -1)).some((j) => j.data.model === big), 20_000);
    w.child.kill('SIGTERM');
    expect(await w.exited).toEqual({ code: 0, signal: null });
    expect(w.output()).toMatch(/stopping; finishing 1 job in hand\n[\s\S]*done +.*big\.json -> .*big\.xlsx[\s\S]*stopped\n$/);
    expect((await queue.getCompleted(0, -1)).map((j) => j.data.model)).toEqual([big]);
    expect(await queue.getWaitingCount()).toBe(2);
    expect(existsSync(join(out, 'big.xlsx'))).toBe(true);
  });
});

describeWithRedis('a worker stopped twice', () => {
  it('stops at once on a second SIGTERM as an interrupted export does (exit 143, no file of its own left); the job runs again elsewhere', async () => {
    const { name, queue } = freshQueue();
    // large enough (about 70,000 cells, streamed) to be in hand for a while
    const big = join(dir, 'big2', 'big.json');
    expect((await cli(['generate', '--lines', '300', '--periods', '120', '--sheets', '2', '--out', big, '--quiet'])).code).toBe(0);
    const out = join(dir, 'out-twice');
    expect((await cli(['queue', 'add', big, '--out', out, '--redis', redis.url, '--queue', name])).code).toBe(0);
    const w = worker(name, ['--concurrency', '1', '--lock-timeout', '2']);
    await waitFor('the big model in hand', async () => (await queue.getActive(0, -1)).length === 1, 20_000);
    w.child.kill('SIGTERM');
    // signals of one kind do not queue: the second after the first was heard
    await waitFor('the first SIGTERM heard', () => /stopping; finishing 1 job in hand/.test(w.output()));
    w.child.kill('SIGTERM');
    expect(await w.exited).toEqual({ code: 143, signal: null });
    expect(w.output()).toMatch(/stopping now; the jobs in hand will run again elsewhere\n$/);
    expect(existsSync(out) ? readdirSync(out).filter((f) => f.startsWith('.')) : []).toEqual([]);
    const again = worker(name, ['--lock-timeout', '2']);
    await waitFor('the job done elsewhere', async () => (await queue.getCompletedCount()) === 1, 30_000);
    const [job] = await queue.getCompleted(0, -1);
    // stalled at least once (the stopped worker's); a busy machine can let the lock of the
    // second worker's export (2 s here) lapse once more: still done once, as the file list shows
    expect(job!.stalledCounter).toBeGreaterThanOrEqual(1);
    expect(readdirSync(out)).toEqual(['big.xlsx']);
    await stopWorker(again);
  });
});

describeWithRedis('a worker without its Redis', () => {
  it('says so, keeps trying, and still stops at once on SIGTERM (exit 0), the password never shown', async () => {
    const port = await closedPort();
    const w = startWorker(`redis://:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}`, ['--root', dir], dir);
    workers.push(w);
    await waitFor('the worker to say Redis is unreachable', () => /nothing listens there/.test(w.output()), 20_000);
    w.child.kill('SIGTERM');
    expect(await w.exited).toEqual({ code: 0, signal: null });
    expect(w.output()).toMatch(/Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0: nothing listens there \(connect ECONNREFUSED [^)]*\) \(retrying\)\n/);
    expect(w.output()).toMatch(/stopped \(Redis at .* did not answer; the jobs in hand were exported, their outcome may not be recorded\)\n$/);
    expect(w.output()).not.toMatch(/pa:ss|pa%3Ass/);
  });

  it('exits 3 when Redis refuses its password', async () => {
    const w = startWorker(`redis://:wrong@127.0.0.1:${redis.port}`, ['--root', dir], dir);
    workers.push(w);
    expect(await w.exited).toEqual({ code: 3, signal: null });
    expect(w.output()).toMatch(/finbook worker: cannot use the queue at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0: the server refused the user name or password\n$/);
  });
});

describeWithRedis('mail and jobs files through the queue', () => {
  let sink: SmtpSink | null = null;
  afterEach(async () => {
    await sink?.close();
    sink = null;
  });

  it('finbook run of a jobs file with queue: queues its jobs; a worker writes them by their output pattern and mails them', async () => {
    sink = await startSink();
    const { name, queue } = freshQueue();
    const [a] = models(1) as [string];
    const jobsFile = join(dir, `jobs-${name}.yaml`);
    writeFileSync(
      jobsFile,
      [
        'finbook_jobs: 1',
        'queue:',
        `  name: ${name}`,
        'jobs:',
        '  - name: mini-quarterly',
        `    model: ${a}`,
        '    output: out-run/{ticker}-{period}.xlsx',
        '    mail_to: [analyst@example.com]',
        '',
      ].join('\n'),
    );
    const r = runBin(['run', jobsFile], { env: { FINBOOK_REDIS_URL: redis.url } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^queued {5}mini-quarterly  .*co-001\.yaml -> .*out-run\/MINI-4Q02\.xlsx \(job \S+\)\n1 job: 1 queued on redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0 \(queue q\d+\) \(exit 0\)\n$/);
    const again = await cli(['run', jobsFile], { FINBOOK_REDIS_URL: redis.url });
    expect(again.stdout).toMatch(/^waiting {4}mini-quarterly  identical to job \S+, already waiting or running\n1 job: 0 queued, 1 already waiting or running/);
    const w = worker(name, [], { FINBOOK_SMTP_URL: sink.url, FINBOOK_MAIL_FROM: 'finbook-test@localhost', FINBOOK_SMTP_RETRY_BASE_MS: '10' });
    await waitFor('the job done', finished(queue, 1));
    expect(await queue.getFailedCount()).toBe(0);
    const workbook = join(dir, 'out-run', 'MINI-4Q02.xlsx');
    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0]!.rcptTo).toEqual(['analyst@example.com']);
    expect(sink.messages[0]!.parsed.attachments[0]!.content.equals(readFileSync(workbook))).toBe(true);
    const [job] = await queue.getCompleted(0, -1);
    expect(job!.returnvalue).toMatchObject({ status: 'exported', workbook, mailedTo: ['analyst@example.com'] });
    await stopWorker(w);
  });
});
