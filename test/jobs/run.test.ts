// `finbook run JOBS.yaml` against a real SMTP server on 127.0.0.1, in-process.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { restoreEnv, setEnv, smtpEnv } from '../mail/env.js';
import { changeAccess, miniCopy } from '../mail/fixture.js';
import type { SmtpSink } from '../mail/smtp-sink.js';
import { startSink } from '../mail/smtp-sink.js';

let sink: SmtpSink | null = null;
afterEach(async () => {
  vi.useRealTimers();
  restoreEnv();
  await sink?.close();
  sink = null;
});

/** A jobs file beside a copy of the mini model; `jobs` is the YAML of the jobs list. */
function jobsFile(jobs: string, options: { offByOne?: boolean; head?: string } = {}): { file: string; dir: string; model: string } {
  const m = miniCopy(options);
  const file = join(m.dir, 'jobs.yaml');
  writeFileSync(file, `finbook_jobs: 1\n${options.head ?? ''}jobs:\n${jobs}`);
  return { file, dir: m.dir, model: m.model };
}

describe('finbook run', () => {
  it('runs the jobs in order, prints one line per job and a summary, and mails each to its recipients', async () => {
    sink = await startSink();
    smtpEnv(sink.url);
    const j = jobsFile(`
  - { name: first, model: model.yaml, output: "out/{ticker}-{period}.xlsx", mail_to: [a@example.com, b@example.com] }
  - { name: second, model: model.yaml, output: "out/{job}/{model}.xlsx", mail_to: c@example.com }
  - { name: archive, model: model.yaml, output: "out/{ticker}-{period}-archive.xlsx" }
`);
    const r = await runCli(['run', j.file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^delivered\s+first\s+wrote .*out\/MINI-4Q02\.xlsx \(\d+ sheets, 2\/2 checks OK\); mailed to a@example\.com, b@example\.com$/);
    expect(lines[1]).toMatch(/^delivered\s+second\s+wrote .*out\/second\/model\.xlsx .*; mailed to c@example\.com$/);
    expect(lines[2]).toMatch(/^written\s+archive\s+wrote .*out\/MINI-4Q02-archive\.xlsx/);
    expect(lines[3]).toBe('3 jobs: 2 delivered, 1 written (exit 0)');
    expect(sink.messages.map((m) => m.rcptTo)).toEqual([['a@example.com', 'b@example.com'], ['c@example.com']]);
    expect(sink.messages[0]!.parsed.attachments[0]!.content.equals(readFileSync(join(j.dir, 'out/MINI-4Q02.xlsx')))).toBe(true);
    expect(sink.messages[0]!.parsed.text).toContain('Sent by finbook');
    expect(sink.messages[0]!.parsed.text).toContain('job "first"');
  });

  it('runs only the jobs named by --only', async () => {
    sink = await startSink();
    smtpEnv(sink.url);
    const j = jobsFile(`
  - { name: first, model: model.yaml, output: out/first.xlsx, mail_to: a@example.com }
  - { name: second, model: model.yaml, output: out/second.xlsx, mail_to: b@example.com }
`);
    const r = await runCli(['run', j.file, '--only', 'second']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 job: 1 delivered (exit 0)');
    expect(sink.messages.map((m) => m.rcptTo)).toEqual([['b@example.com']]);
    expect(existsSync(join(j.dir, 'out/first.xlsx'))).toBe(false);
  });

  it('refuses an unknown --only name with exit 2 and a suggestion, before running anything', async () => {
    const j = jobsFile(`  - { name: quarterly, model: model.yaml, output: out/q.xlsx }\n`);
    const r = await runCli(['run', j.file, '--only', 'quartrly']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--only quartrly: no such job (did you mean 'quarterly'?); the jobs are quarterly");
  });

  it('keeps going after a failed job and exits with the highest code (3 for a delivery failure)', async () => {
    sink = await startSink({ reply: (n) => (n === 1 ? { code: 550, message: 'No such user' } : null) });
    smtpEnv(sink.url);
    const j = jobsFile(`
  - { name: bounced, model: model.yaml, output: out/a.xlsx, mail_to: nobody@example.com }
  - { name: fine, model: model.yaml, output: out/b.xlsx, mail_to: a@example.com }
`);
    const r = await runCli(['run', j.file]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^FAILED\s+bounced\s+wrote .*out\/a\.xlsx .*; mail not delivered \(permanent failure, 1 attempt\): 550 No such user \[server smtp:\/\/127\.0\.0\.1:\d+\]$/m);
    expect(r.stdout).toMatch(/^delivered\s+fine/m);
    expect(r.stdout).toContain('2 jobs: 1 failed, 1 delivered (exit 3)');
    expect(existsSync(join(j.dir, 'out/a.xlsx'))).toBe(true);
  });

  it('mails a workbook whose checks fail with a [CHECKS FAILED] subject, or holds it when the job says so', async () => {
    sink = await startSink();
    smtpEnv(sink.url);
    const j = jobsFile(
      `
  - { name: flagged, model: model.yaml, output: out/a.xlsx, mail_to: a@example.com }
  - { name: held, model: model.yaml, output: out/b.xlsx, mail_to: b@example.com, hold_on_check_failure: true }
`,
      { offByOne: true },
    );
    const r = await runCli(['run', j.file]);
    expect(r.code).toBe(1);
    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0]!.parsed.subject).toMatch(/^\[CHECKS FAILED\] Mini Corp \(MINI\)/);
    expect(r.stderr).toContain('flagged: 1 check failed:');
    expect(r.stderr).toMatch(/^HELD\s+held\s+wrote .*out\/b\.xlsx \(\d+ sheets, 1\/2 checks OK\); checks failed; not mailed \(hold_on_check_failure\)$/m);
    expect(existsSync(join(j.dir, 'out/b.xlsx'))).toBe(true);
  });

  it('with if_changed, mails the first run and sends nothing on a second run with the same model', async () => {
    sink = await startSink();
    smtpEnv(sink.url);
    const j = jobsFile(`  - { name: hourly, model: model.yaml, output: out/h.xlsx, mail_to: a@example.com, if_changed: true }\n`);
    // An hour apart: the workbook's bytes carry no clock time, so the hash only follows the model.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    const first = await runCli(['run', j.file]);
    expect(first.code).toBe(0);
    vi.setSystemTime(new Date('2030-01-01T01:00:07Z'));
    const second = await runCli(['run', j.file]);
    vi.useRealTimers();
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^unchanged\s+hourly\s+.*out\/h\.xlsx is unchanged since the last delivery: nothing written or sent$/m);
    expect(sink.messages).toHaveLength(1);

    writeFileSync(j.model, changeAccess(readFileSync(j.model, 'utf8'), 3341255 + 7));
    await runCli(['run', j.file]);
    expect(sink.messages).toHaveLength(2);
  });

  it('reports a model problem as INVALID with exit 2 and still runs the other jobs', async () => {
    sink = await startSink();
    smtpEnv(sink.url);
    const j = jobsFile(`
  - { name: broken, model: missing.yaml, output: out/a.xlsx, mail_to: a@example.com }
  - { name: fine, model: model.yaml, output: out/b.xlsx, mail_to: a@example.com }
`);
    const r = await runCli(['run', j.file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing.yaml:1:1 cannot read the model: no such file');
    expect(r.stderr).toMatch(/^INVALID\s+broken\s+1 problem in the model or template; nothing was written$/m);
    expect(sink.messages).toHaveLength(1);
  });

  it('prints the outcome of every job as JSON with --json', async () => {
    sink = await startSink();
    smtpEnv(sink.url);
    const j = jobsFile(`  - { name: one, model: model.yaml, output: out/a.xlsx, mail_to: a@example.com }\n`);
    const r = await runCli(['run', j.file, '--json']);
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.stdout) as { ok: boolean; exit_code: number; jobs: { name: string; status: string; sha256: string; mail: { to: string[]; attempts: number } }[] };
    expect(parsed.ok).toBe(true);
    expect(parsed.jobs[0]).toMatchObject({ name: 'one', status: 'delivered', mail: { to: ['a@example.com'], attempts: 1 } });
    expect(parsed.jobs[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('takes the SMTP server from the jobs file when FINBOOK_SMTP_URL is not set', async () => {
    sink = await startSink();
    smtpEnv(undefined);
    const j = jobsFile(`  - { name: one, model: model.yaml, output: out/a.xlsx, mail_to: a@example.com }\n`, {
      head: `smtp: { url: "${sink.url}", from: "reports@example.com", retry_base_ms: 10 }\n`,
    });
    const r = await runCli(['run', j.file]);
    expect(r.code).toBe(0);
    expect(sink.messages[0]!.mailFrom).toBe('finbook-test@localhost'); // FINBOOK_MAIL_FROM wins over smtp.from
    setEnv({ FINBOOK_MAIL_FROM: undefined });
    await runCli(['run', j.file]);
    expect(sink.messages[1]!.mailFrom).toBe('reports@example.com');
  });
});
