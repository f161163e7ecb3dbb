// `finbook export --mail-to` against a real SMTP server on 127.0.0.1.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { XLSX_TYPE } from '../../src/mail/message.js';
import { DEFAULT_MODEL, runCli, tempDir } from '../helpers/cli.js';
import { readXlsx } from '../../src/verify/read-xlsx.js';
import { restoreEnv, setEnv, smtpEnv } from './env.js';
import { changeAccess, miniCopy } from './fixture.js';
import type { SmtpSink } from './smtp-sink.js';
import { closedPort, silentServer, startSink } from './smtp-sink.js';

let sink: SmtpSink | null = null;
afterEach(async () => {
  restoreEnv();
  await sink?.close();
  sink = null;
});

async function exportTo(mailTo: string, options: { offByOne?: boolean; extra?: string[] } = {}) {
  const m = miniCopy(options);
  const out = join(m.dir, 'out', 'mini.xlsx');
  const r = await runCli(['export', m.model, '--out', out, '--mail-to', mailTo, ...(options.extra ?? [])]);
  return { ...r, out, dir: m.dir, model: m.model };
}

describe('export --mail-to delivers the workbook', () => {
  it('sends one message to every recipient with the exported file attached byte for byte', async () => {
    sink = await startSink();
    smtpEnv(sink.url);
    const r = await exportTo('a@example.com,b@example.com');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wrote .*mini\.xlsx \(\d+ sheets, 2\/2 checks OK\); mailed to a@example\.com, b@example\.com$/);
    expect(sink.messages).toHaveLength(1);
    const msg = sink.messages[0]!;
    expect(msg.rcptTo).toEqual(['a@example.com', 'b@example.com']);
    expect(msg.mailFrom).toBe('finbook-test@localhost');
    expect(msg.parsed.subject).toBe('Mini Corp (MINI): financial statements 4Q02, Three months ended Mar 31, 2003');
    const [att] = msg.parsed.attachments;
    expect(msg.parsed.attachments).toHaveLength(1);
    expect(att!.filename).toBe('mini.xlsx');
    expect(att!.contentType).toBe(XLSX_TYPE);
    expect(att!.content.equals(readFileSync(r.out))).toBe(true);
  });

  it('puts the key figures computed by the model and the master check in the text and HTML bodies', async () => {
    sink = await startSink();
    smtpEnv(sink.url);
    await exportTo('a@example.com');
    const { text, html } = sink.messages[0]!.parsed;
    // 3,341,255 + 1,520,000 = 4,861,255; less costs 5,100,000 = (238,745); less tax 12,000 = (250,745)
    expect(text).toContain('Key figures (thousands of JPY):');
    expect(text).toMatch(/Total revenues\s+4,861,255\n/);
    expect(text).toMatch(/Operating income \(loss\)\s+\(238,745\)\n/);
    expect(text).toMatch(/Net income \(loss\)\s+\(250,745\)\n/);
    expect(text).toContain('Master check: OK (2 of 2 checks pass)');
    expect(html).toContain('<td style="padding:2px 0;text-align:right;font-variant-numeric:tabular-nums">4,861,255</td>');
    expect(html).toContain('OK (2 of 2 checks pass)');
  });

  it('prefixes the subject with [CHECKS FAILED] and exits 1 when a check fails', async () => {
    sink = await startSink();
    smtpEnv(sink.url);
    const r = await exportTo('a@example.com', { offByOne: true });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('1 check failed:');
    expect(r.stderr).toContain('net_income_ties');
    const msg = sink.messages[0]!;
    expect(msg.parsed.subject).toBe('[CHECKS FAILED] Mini Corp (MINI): financial statements 4Q02, Three months ended Mar 31, 2003');
    expect(msg.parsed.text).toContain('Master check: FAILED (1 of 2 checks fails: net_income_ties [4Q02])');
  });
});

describe('temporary failures are retried, permanent ones are not; the workbook is kept', () => {
  it('tries exactly three times on 451 and exits 3', async () => {
    sink = await startSink({ reply: () => ({ code: 451, message: 'Requested action aborted: try again later' }) });
    smtpEnv(sink.url);
    const r = await exportTo('a@example.com');
    expect(r.code).toBe(3);
    expect(sink.attempts).toBe(3);
    expect(sink.messages).toHaveLength(0);
    expect(r.stderr).toContain('attempt 1 of 3 failed (451 Requested action aborted: try again later); trying again in 10 ms');
    expect(r.stderr).toContain('attempt 2 of 3 failed (451 Requested action aborted: try again later); trying again in 20 ms');
    expect(r.stderr).toContain('mail not delivered (temporary failure, 3 attempts): 451 Requested action aborted: try again later');
    expect(existsSync(r.out)).toBe(true);
  });

  it('delivers on the second attempt after one 451', async () => {
    sink = await startSink({ reply: (n) => (n === 1 ? { code: 451, message: 'greylisted, come back later' } : null) });
    smtpEnv(sink.url);
    const r = await exportTo('a@example.com');
    expect(r.code).toBe(0);
    expect(sink.attempts).toBe(2);
    expect(sink.messages).toHaveLength(1);
    expect(r.stdout).toContain('mailed to a@example.com (attempt 2)');
  });

  it('tries exactly once on 550 and exits 3', async () => {
    sink = await startSink({ reply: () => ({ code: 550, message: 'Mailbox unavailable' }) });
    smtpEnv(sink.url);
    const r = await exportTo('a@example.com');
    expect(r.code).toBe(3);
    expect(sink.attempts).toBe(1);
    expect(r.stderr).toContain('mail not delivered (permanent failure, 1 attempt): 550 Mailbox unavailable');
    expect(existsSync(r.out)).toBe(true);
  });

  it('retries a refused connection (server down) three times and exits 3', async () => {
    smtpEnv(`smtp://127.0.0.1:${await closedPort()}`);
    const r = await exportTo('a@example.com');
    expect(r.code).toBe(3);
    expect(r.stderr.match(/trying again in/g)).toHaveLength(2);
    expect(r.stderr).toContain('mail not delivered (temporary failure, 3 attempts): connection refused (is the SMTP server running?)');
    expect(existsSync(r.out)).toBe(true);
  });

  it('retries a server that never answers (time-out) three times', async () => {
    const silent = await silentServer();
    try {
      smtpEnv(`smtp://127.0.0.1:${silent.port}`);
      setEnv({ FINBOOK_SMTP_TIMEOUT_MS: '200' });
      const r = await exportTo('a@example.com');
      expect(r.code).toBe(3);
      expect(silent.connections).toBe(3);
      expect(r.stderr).toContain('mail not delivered (temporary failure, 3 attempts)');
    } finally {
      await silent.close();
    }
  });
});

describe('secrets and settings', () => {
  const PASS = 'Pa55-w0rd!secret';

  it('logs in with the password of FINBOOK_SMTP_URL', async () => {
    sink = await startSink({ auth: { user: 'reports', pass: PASS } });
    smtpEnv(sink.url);
    const r = await exportTo('a@example.com');
    expect(r.code).toBe(0);
    expect(sink.messages).toHaveLength(1);
  });

  it('never prints the password, even when the login fails', async () => {
    sink = await startSink({ auth: { user: 'reports', pass: 'another-one' } });
    smtpEnv(sink.url.replace('another-one', encodeURIComponent(PASS)));
    const r = await exportTo('a@example.com');
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('535');
    expect(r.stderr).toMatch(/\[server smtp:\/\/reports:\*\*\*@127\.0\.0\.1:\d+\]/);
    expect(`${r.stdout}\n${r.stderr}`).not.toContain(PASS);
    expect(`${r.stdout}\n${r.stderr}`).not.toContain(encodeURIComponent(PASS));
  });

  it('never prints the password’s base64 when the server’s 535 reply quotes the AUTH blob', async () => {
    sink = await startSink({ auth: { user: 'reports', pass: 'another-one' }, quoteAuth: true });
    smtpEnv(sink.url.replace('another-one', encodeURIComponent(PASS)));
    const r = await exportTo('a@example.com');
    const said = `${r.stdout}\n${r.stderr}`;
    expect(r.code).toBe(3);
    expect(said).toMatch(/535 Invalid username or password: \*\*\*/);
    expect(said).not.toContain(Buffer.from(`\0reports\0${PASS}`).toString('base64'));
    expect(said).not.toContain(PASS);
  });

  it('stops with exit 2 and writes nothing when no SMTP server is configured', async () => {
    smtpEnv(undefined);
    const r = await exportTo('a@example.com');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no SMTP server configured: set FINBOOK_SMTP_URL');
    expect(existsSync(r.out)).toBe(false);
  });

  it('refuses an address that is not one with exit 2', async () => {
    smtpEnv('smtp://127.0.0.1:25');
    const r = await exportTo('a@example.com,not-an-address');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--mail-to: not an e-mail address: "not-an-address"');
  });
});

describe('export --if-changed', () => {
  it('mails once, then neither writes nor mails while the workbook is unchanged, then mails the change', async () => {
    sink = await startSink();
    smtpEnv(sink.url);
    const first = await exportTo('a@example.com', { extra: ['--if-changed'] });
    expect(first.code).toBe(0);
    const args = ['export', first.model, '--out', first.out, '--mail-to', 'a@example.com', '--if-changed'];
    const before = readFileSync(first.out);
    const second = await runCli(args);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/mini\.xlsx is unchanged since the last delivery: nothing written or sent$/);
    expect(sink.messages).toHaveLength(1);
    expect(readFileSync(first.out).equals(before)).toBe(true);
    expect(existsSync(join(first.dir, 'out', '.mini.xlsx.finbook-delivered.json'))).toBe(true);

    rmSync(first.out); // removed since: the delivered bytes are put back, not sent again
    const restored = await runCli(args);
    expect(restored.stdout).toMatch(/^rewrote .*mini\.xlsx, which is unchanged since the last delivery: nothing sent$/);
    expect(readFileSync(first.out).equals(before)).toBe(true);
    expect(sink.messages).toHaveLength(1);

    writeFileSync(first.model, changeAccess(readFileSync(first.model, 'utf8'), 3341300));
    const third = await runCli(args);
    expect(third.code).toBe(1); // the changed input breaks the check; the change is still mailed
    expect(sink.messages).toHaveLength(2);
    expect(sink.messages[1]!.parsed.attachments[0]!.content.equals(readFileSync(first.out))).toBe(true);
  });

  it('without --mail-to, leaves an unchanged workbook alone on the second run', async () => {
    const m = miniCopy();
    const out = join(m.dir, 'mini.xlsx');
    const first = await runCli(['export', m.model, '--out', out, '--if-changed']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^wrote .*mini\.xlsx \(\d+ sheets, 2\/2 checks OK\)$/);
    const second = await runCli(['export', m.model, '--out', out, '--if-changed']);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/mini\.xlsx is unchanged since the last delivery: nothing written or sent$/);
  });

  it('sends again when the last delivery failed', async () => {
    sink = await startSink({ reply: (n) => (n === 1 ? { code: 550, message: 'no' } : null) });
    smtpEnv(sink.url);
    const first = await exportTo('a@example.com', { extra: ['--if-changed'] });
    expect(first.code).toBe(3);
    const second = await runCli(['export', first.model, '--out', first.out, '--mail-to', 'a@example.com', '--if-changed']);
    expect(second.code).toBe(0);
    expect(sink.messages).toHaveLength(1);
  });
});

describe('export --mail-to with --scenario', () => {
  it('mails the workbook of the scenario chosen: its selector shows it and its figures are cached', async () => {
    sink = await startSink();
    smtpEnv(sink.url);
    const dir = tempDir();
    const out = join(dir, 'iij.xlsx');
    const r = await runCli(['export', DEFAULT_MODEL, '--out', out, '--scenario', 'downside', '--mail-to', 'a@example.com']);
    expect(r.code, r.stderr).toBe(0);
    const [att] = sink.messages[0]!.parsed.attachments;
    const wb = readXlsx(new Uint8Array(att!.content));
    expect(wb.sheets.find((s) => s.name === 'Assumptions')!.cells.get('B5')!.value).toBe('Downside');
    expect(att!.content.equals(readFileSync(out))).toBe(true);
  });
});
