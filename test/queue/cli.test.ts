// The queue's commands refuse what they cannot do before they touch Redis (in-process CLI).
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, runCli, tempDir } from '../helpers/cli.js';
import { closedPort } from '../mail/smtp-sink.js';

const dir = tempDir('finbook-queue-cli-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('finbook queue and worker on the command line', () => {
  it('lists both commands in --help, and asks for a subcommand of queue', async () => {
    const help = await runCli(['--help']);
    expect(help.stdout).toMatch(/finbook queue +export jobs on a Redis queue/);
    expect(help.stdout).toMatch(/finbook worker +take export jobs off a Redis queue/);
    const bare = await runCli(['queue']);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/name a subcommand: add, status/);
  });

  it('a worker reports every mistake in its flags at once (exit 2)', async () => {
    const r = await runCli(['worker', '--concurrency', '0', '--lock-timeout', '0', '--root', join(dir, 'nope'), '--redis', 'redis://:hunter2hunter2@ho st']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toEqual([
      'finbook worker: --concurrency must be a whole number from 1 to 64, got 0',
      'finbook worker: --lock-timeout must be a number of seconds from 1 to 3600, got 0',
      'finbook worker: --redis is not a URL (not shown: it may hold a password); expected redis://[user:password@]host[:port][/db] (rediss:// for TLS)',
      `finbook worker: --root ${join(dir, 'nope')}: no such directory`,
    ]);
  });

  it('queue add refuses two models that would write the same workbook before queueing anything', async () => {
    const other = join(dir, 'iij-fy2002.yaml');
    writeFileSync(other, '{}');
    const r = await runCli(['queue', 'add', DEFAULT_MODEL, other, '--out', join(dir, 'out'), '--redis', 'redis://127.0.0.1:1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/iij-fy2002\.yaml and .*iij-fy2002\.yaml would both write .*out\/iij-fy2002\.xlsx/);
  });

  it('finbook run with a queue: warns of a password in the file, never prints it, and exits 3 when Redis is not there', async () => {
    const port = await closedPort();
    const jobs = join(dir, 'jobs.yaml');
    writeFileSync(jobs, `finbook_jobs: 1\nqueue:\n  url: redis://:hunter2hunter2@127.0.0.1:${port}\njobs:\n  - { name: a, model: ${DEFAULT_MODEL}, output: "${join(dir, 'a.xlsx')}" }\n`);
    const prev = process.env.FINBOOK_REDIS_URL;
    delete process.env.FINBOOK_REDIS_URL;
    try {
      const r = await runCli(['run', jobs]);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/^warning: queue\.url in the jobs file holds a password; prefer queue\.password_env or FINBOOK_REDIS_URL\n/);
      expect(r.stderr).toMatch(/finbook run: cannot use the queue at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0: nothing listens there/);
      expect(r.stdout + r.stderr).not.toContain('hunter2');
    } finally {
      if (prev !== undefined) process.env.FINBOOK_REDIS_URL = prev;
    }
  });

  it('finbook run with a queue: names an unset password_env (exit 2)', async () => {
    const jobs = join(dir, 'jobs-env.yaml');
    writeFileSync(jobs, `finbook_jobs: 1\nqueue:\n  url: redis://finbook@127.0.0.1:1\n  password_env: FINBOOK_TEST_UNSET_PASSWORD\njobs:\n  - { name: a, model: ${DEFAULT_MODEL}, output: "${join(dir, 'a.xlsx')}" }\n`);
    const r = await runCli(['run', jobs]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/finbook run: queue\.password_env names FINBOOK_TEST_UNSET_PASSWORD, which is not set/);
  });
});
