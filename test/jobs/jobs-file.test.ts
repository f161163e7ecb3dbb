// The jobs file format: what is accepted, and how mistakes are reported (file:line:col, path).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadJobs } from '../../src/jobs/load.js';
import { fillPattern } from '../../src/jobs/pattern.js';
import { formatIssue } from '../../src/issues.js';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

function write(text: string): string {
  const file = join(tempDir('finbook-jobs-'), 'jobs.yaml');
  writeFileSync(file, text);
  return file;
}

function problems(text: string, only: string[] = []): string[] {
  const r = loadJobs(write(text), only);
  if (r.ok) throw new Error('expected problems');
  return r.issues.map((i) => formatIssue(i).replace(/^.*jobs\.yaml:/, 'jobs.yaml:'));
}

describe('output patterns', () => {
  const values = { ticker: 'IIJI', period: '4Q02', model: 'iij-fy2002', job: 'quarterly' };
  it.each([
    ['out/{ticker}-{period}.xlsx', 'out/IIJI-4Q02.xlsx'],
    ['{job}/{model}.xlsx', 'quarterly/iij-fy2002.xlsx'],
    ['plain.xlsx', 'plain.xlsx'],
  ])('%s -> %s', (pattern, path) => {
    expect(fillPattern(pattern, values)).toBe(path);
  });

  it.each([
    ['A/B', 'A-B'],
    ['..', '_'],
    ['CON', '_CON'],
    ['Q4 2002', 'Q4-2002'],
    ['a:b*c?', 'a-b-c-'],
  ])('a value %j becomes one safe file-name part %j', (ticker, part) => {
    expect(fillPattern('{ticker}.xlsx', { ...values, ticker })).toBe(`${part}.xlsx`);
  });
});

describe('the jobs file', () => {
  it('resolves model and output paths against the file, and fills in the defaults', () => {
    const file = write('finbook_jobs: 1\njobs:\n  - { name: q, model: ../m.yaml, output: "out/{ticker}.xlsx" }\n');
    const r = loadJobs(file, []);
    if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
    const [job] = r.value.jobs;
    const dir = join(file, '..');
    expect(job!.modelPath).toBe(join(dir, '../m.yaml'));
    expect(job!.output({ ticker: 'T', period: 'P', model: 'm', job: 'q' })).toBe(join(dir, 'out/T.xlsx'));
    expect(job).toMatchObject({ pdf: false, mailTo: [], ifChanged: false, holdOnCheckFailure: false, protect: false });
  });

  // The wording of zod's own messages belongs to the loader; the place (line:col path) and
  // the jobs file's own messages are pinned here.
  it('reports each mistake with its line, column and path', () => {
    const found = problems(`finbook_jobs: 1
jobs:
  - name: q
    model: m.yaml
    output: "out/{tickr}.xlsx"
    mail_to: [a@example.com, "Analyst <b@example.com>"]
    pdf: yes please
  - { name: q, model: m.yaml, output: out/q.csv, hold: true }
`);
    expect(found).toHaveLength(5);
    expect(found).toContain('jobs.yaml:5:13 jobs[0].output: unknown placeholder {tickr}; use {ticker}, {period}, {model}, {job}, got "out/{tickr}.xlsx"');
    expect(found).toContain('jobs.yaml:6:30 jobs[0].mail_to[1]: expected an e-mail address such as analyst@example.com, got "Analyst <b@example.com>"');
    expect(found).toContainEqual(expect.stringMatching(/^jobs\.yaml:7:10 jobs\[0\]\.pdf: .*"yes please"$/));
    expect(found).toContainEqual(expect.stringMatching(/^jobs\.yaml:8:\d+ jobs\[1\].*unknown field 'hold'/));
    expect(found).toContain('jobs.yaml:8:39 jobs[1].output: the output must end in .xlsx, got "out/q.csv"');
  });

  it('refuses duplicate job names and an unknown top-level field', () => {
    const found = problems('finbook_jobs: 1\nschedule: hourly\njobs:\n  - { name: a, model: m.yaml, output: a.xlsx }\n  - { name: a, model: m.yaml, output: b.xlsx }\n');
    expect(found).toHaveLength(2);
    expect(found).toContainEqual(expect.stringMatching(/^jobs\.yaml:\d+:1 .*unknown field 'schedule'/));
    expect(found).toContainEqual(expect.stringMatching(/^jobs\.yaml:5:13 jobs\[1\]\.name: duplicate job name 'a'/));
  });

  it('exits 2 through the CLI for an invalid jobs file, before any job runs', async () => {
    const r = await runCli(['run', write('finbook_jobs: 2\njobs: []\n')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/jobs\.yaml:1:15 finbook_jobs: /);
    expect(r.stderr).toMatch(/jobs\.yaml:2:7 jobs: /);
  });

  it('exits 2 when a job mails but no SMTP server is configured, before any job runs', async () => {
    const saved = process.env.FINBOOK_SMTP_URL;
    delete process.env.FINBOOK_SMTP_URL;
    try {
      const dir = tempDir('finbook-jobs-');
      const file = join(dir, 'jobs.yaml');
      writeFileSync(file, 'finbook_jobs: 1\njobs:\n  - { name: a, model: m.yaml, output: a.xlsx, mail_to: x@example.com }\n');
      const r = await runCli(['run', file]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('finbook run: no SMTP server configured');
    } finally {
      if (saved !== undefined) process.env.FINBOOK_SMTP_URL = saved;
    }
  });

  it('accepts the documented example, examples/jobs.yaml', () => {
    const r = loadJobs(join(ROOT, 'examples/jobs.yaml'), []);
    if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
    expect(r.value.jobs.map((j) => j.name)).toEqual(['iij-quarterly', 'iij-archive']);
    expect(r.value.jobs[0]!.modelPath).toBe(join(ROOT, 'data/iij-fy2002.yaml'));
  });
});
