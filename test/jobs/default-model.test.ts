// The built CLI (`npm run build`) runs a jobs file that delivers the default IIJ workbook and
// its PDF to a real SMTP server on 127.0.0.1. LibreOffice makes the PDF: without soffice this
// test is skipped on a workstation and fails when CI is set.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { PDF_TYPE, XLSX_TYPE } from '../../src/mail/message.js';
import { findSoffice } from '../../src/office/index.js';
import { BIN, DEFAULT_MODEL, runCli, tempDir } from '../helpers/cli.js';
import { restoreEnv, setEnv, smtpEnv } from '../mail/env.js';
import type { SmtpSink } from '../mail/smtp-sink.js';
import { startSink } from '../mail/smtp-sink.js';

const run = promisify(execFile);
let sink: SmtpSink | null = null;
afterEach(async () => {
  restoreEnv();
  await sink?.close();
  sink = null;
});

function jobsFile(job: string): { file: string; dir: string } {
  const dir = tempDir('finbook-default-');
  const file = join(dir, 'jobs.yaml');
  writeFileSync(file, `finbook_jobs: 1\njobs:\n  - ${job}\n`);
  return { file, dir };
}

describe('finbook run with the default model', () => {
  it.skipIf(!findSoffice() && !process.env.CI)('delivers the IIJ workbook and its PDF with the 4Q02 key figures (built CLI, real LibreOffice)', async () => {
    sink = await startSink();
    const j = jobsFile(`{ name: iij, model: ${JSON.stringify(DEFAULT_MODEL)}, output: "out/{ticker}-{period}.xlsx", pdf: true, mail_to: [one@example.com, two@example.com] }`);
    // The SMTP server lives in this process, so the CLI must run asynchronously (not spawnSync).
    const r = await run(process.execPath, [BIN, 'run', j.file], {
      cwd: j.dir,
      env: { ...process.env, FINBOOK_SMTP_URL: sink.url, FINBOOK_SMTP_RETRY_BASE_MS: '10', FINBOOK_MAIL_FROM: 'reports@example.com' },
    });
    expect(r.stdout).toMatch(/^delivered\s+iij\s+wrote out\/IIJI-4Q02\.xlsx \(\d+ sheets, (\d+)\/\1 checks OK\) and out\/IIJI-4Q02\.pdf; mailed to one@example\.com, two@example\.com\n1 job: 1 delivered \(exit 0\)\n$/);
    expect(sink.messages).toHaveLength(1);
    const msg = sink.messages[0]!;
    expect(msg.rcptTo).toEqual(['one@example.com', 'two@example.com']);
    expect(msg.parsed.subject).toBe('Internet Initiative Japan Inc. (IIJI): financial statements 4Q02, Three months ended Mar 31, 2003');
    const [xlsx, pdf] = msg.parsed.attachments;
    expect([xlsx!.filename, xlsx!.contentType, pdf!.filename, pdf!.contentType]).toEqual(['IIJI-4Q02.xlsx', XLSX_TYPE, 'IIJI-4Q02.pdf', PDF_TYPE]);
    expect(xlsx!.content.equals(readFileSync(join(j.dir, 'out/IIJI-4Q02.xlsx')))).toBe(true);
    expect(pdf!.content.equals(readFileSync(join(j.dir, 'out/IIJI-4Q02.pdf')))).toBe(true);
    expect(pdf!.content.subarray(0, 5).toString()).toBe('%PDF-');
    // The release's 4Q02 figures (thousands of JPY), computed by the model.
    expect(msg.parsed.text).toMatch(/Total revenues\s+13,036,439\n/);
    expect(msg.parsed.text).toMatch(/Operating income \(loss\)\s+\(446,432\)\n/);
    expect(msg.parsed.text).toMatch(/Net loss\s+\(2,136,513\)\n/);
    expect(msg.parsed.text).toMatch(/Master check: OK \((\d+) of \1 checks pass\)/);
  });

  it('keeps the workbook, mails nothing and exits 3 when LibreOffice is missing for the PDF', async () => {
    sink = await startSink();
    smtpEnv(sink.url);
    setEnv({ FINBOOK_SOFFICE: '/nonexistent/soffice' });
    const j = jobsFile(`{ name: iij, model: ${JSON.stringify(DEFAULT_MODEL)}, output: "out/{ticker}-{period}.xlsx", pdf: true, mail_to: one@example.com }`);
    const r = await runCli(['run', j.file]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^FAILED\s+iij\s+wrote .*out\/IIJI-4Q02\.xlsx .*; PDF not made, so nothing was mailed: LibreOffice \(soffice\) is not installed/m);
    expect(readFileSync(join(j.dir, 'out/IIJI-4Q02.xlsx')).length).toBeGreaterThan(0);
    expect(sink.messages).toHaveLength(0);
  });
});
