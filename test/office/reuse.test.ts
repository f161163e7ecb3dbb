// PDFs in bulk: a `finbook run` with a PDF per job, and `finbook batch --pdf`, print every PDF
// with one LibreOffice (src/office/server.ts), start another when that one is killed mid-run,
// and leave none running afterwards. The built CLI runs real LibreOffice; soffice is named
// through FINBOOK_SOFFICE by a wrapper that notes each start (its process id) in a log.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { OfficeServer, findSoffice } from '../../src/office/index.js';
import { BIN, DEFAULT_MODEL, ROOT, tempDir } from '../helpers/cli.js';
import { describeWithOffice } from '../verify/office.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A directory with a logging soffice wrapper and a jobs file of `count` jobs, each with a PDF. */
function setUp(count: number): { dir: string; log: string; env: Record<string, string>; jobs: string } {
  const dir = tempDir('finbook-office-reuse-');
  dirs.push(dir);
  const log = join(dir, 'soffice-starts.log');
  const wrapper = join(dir, 'soffice');
  writeFileSync(wrapper, `#!/bin/sh\necho $$ >> '${log}'\nexec '${findSoffice()}' "$@"\n`);
  chmodSync(wrapper, 0o755);
  const jobs = join(dir, 'jobs.yaml');
  const lines = Array.from({ length: count }, (_, i) => `  - { name: j${i + 1}, model: ${JSON.stringify(DEFAULT_MODEL)}, output: out/j${i + 1}.xlsx, pdf: true }`);
  writeFileSync(jobs, `finbook_jobs: 1\njobs:\n${lines.join('\n')}\n`);
  // LibreOffices started by finbook itself, not the run's pool (test/setup/office-pool.ts)
  const env = { ...process.env, FINBOOK_SOFFICE: wrapper, TMPDIR: dir } as Record<string, string>;
  delete env.FINBOOK_OFFICE_PIPE;
  return { dir, log, jobs, env };
}

const starts = (log: string): number[] => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map(Number) : []);

/** Running: a process that has ended but was not reaped yet (a zombie, state Z) is not. */
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // /proc/PID/stat: "pid (comm) state ...": comm may hold spaces and brackets, so read after the last ')'
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
};

/** The PDF is the workbook's: its pages and the total revenues figure of fiscal 2002. */
function expectIijPdf(pdf: string): void {
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
  expect(pages).toBeGreaterThanOrEqual(5);
  expect(execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })).toContain('44,017,561');
}

describeWithOffice('one LibreOffice for many PDFs', () => {
  it('a jobs run with four PDFs starts LibreOffice once and leaves it ended and its profile removed', () => {
    const s = setUp(4);
    const r = execFileSync(process.execPath, [BIN, 'run', s.jobs], { cwd: ROOT, env: s.env, encoding: 'utf8' });
    expect(r).toMatch(/4 jobs: 4 written/);
    for (let i = 1; i <= 4; i++) expectIijPdf(join(s.dir, 'out', `j${i}.pdf`));
    const pids = starts(s.log);
    expect(pids).toHaveLength(1);
    expect(alive(pids[0]!)).toBe(false);
    expect(readdirSync(s.dir).filter((f) => f.startsWith('finbook-office-'))).toEqual([]);
  }, 300_000);

  it('a jobs run whose LibreOffice is killed mid-run starts another and writes every PDF', async () => {
    const s = setUp(4);
    const child = spawn(process.execPath, [BIN, 'run', s.jobs], { cwd: ROOT, env: s.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    const exited = new Promise<number | null>((res) => child.on('close', (code) => res(code)));
    // once the first PDF is there, kill that LibreOffice (the launcher and soffice.bin under it)
    const firstPdf = join(s.dir, 'out', 'j1.pdf');
    while (!existsSync(firstPdf)) await new Promise((res) => setTimeout(res, 100));
    const [first] = starts(s.log);
    const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(first)], { encoding: 'utf8' }).trim().split(/\s+/).filter(Boolean).map(Number);
    for (const pid of [...children, first!]) process.kill(pid, 'SIGKILL');
    expect(await exited).toBe(0);
    expect(stdout).toMatch(/4 jobs: 4 written/);
    for (let i = 1; i <= 4; i++) expectIijPdf(join(s.dir, 'out', `j${i}.pdf`));
    const pids = starts(s.log);
    expect(pids).toHaveLength(2);
    for (const pid of pids) expect(alive(pid)).toBe(false);
  }, 300_000);

  it('finbook batch --pdf prints every workbook with one LibreOffice', () => {
    const s = setUp(0);
    const models = [1, 2, 3].map((i) => {
      const m = join(s.dir, `m${i}.yaml`);
      writeFileSync(m, readFileSync(DEFAULT_MODEL, 'utf8').replace(/^template: (.*)$/m, (_, t: string) => `template: ${join(ROOT, 'data', t)}`));
      return m;
    });
    const r = execFileSync(process.execPath, [BIN, 'batch', ...models, '--out', join(s.dir, 'out'), '--pdf', '--jobs', '2'], { cwd: ROOT, env: s.env, encoding: 'utf8' });
    expect(r).toMatch(/3 PDFs/);
    for (let i = 1; i <= 3; i++) expectIijPdf(join(s.dir, 'out', `m${i}.pdf`));
    expect(starts(s.log)).toHaveLength(1);
  }, 300_000);
});

describeWithOffice('a LibreOffice that hangs', () => {
  it('is ended after the time-out, and the next file gets a new one', async () => {
    const s = setUp(0);
    const xlsx = join(s.dir, 'iij.xlsx');
    execFileSync(process.execPath, [BIN, 'export', '--quiet', '--out', xlsx], { cwd: ROOT, env: s.env });
    const server = new OfficeServer({ timeoutMs: 30_000, env: s.env });
    try {
      expectIijPdf(await server.convert(xlsx, { ext: 'pdf', filter: 'calc_pdf_Export' }));
      // stop (not kill) the running LibreOffice: it answers nothing from now on
      const [first] = starts(s.log);
      const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(first)], { encoding: 'utf8' }).trim().split(/\s+/).filter(Boolean).map(Number);
      for (const pid of [first!, ...children]) process.kill(pid, 'SIGSTOP');
      const started = Date.now();
      await expect(server.convert(xlsx, { ext: 'pdf', filter: 'calc_pdf_Export' })).rejects.toThrow(/did not finish within 30 s/);
      expect(Date.now() - started).toBeLessThan(60_000);
      // killed (a moment for the kernel to reap them)
      for (let i = 0; i < 50 && [first!, ...children].some(alive); i++) await new Promise((res) => setTimeout(res, 100));
      for (const pid of [first!, ...children]) expect(alive(pid)).toBe(false);
      expectIijPdf(await server.convert(xlsx, { ext: 'pdf', filter: 'calc_pdf_Export' }));
      expect(starts(s.log)).toHaveLength(2);
    } finally {
      server.close();
    }
  }, 300_000);
});
