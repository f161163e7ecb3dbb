// The job data a worker accepts, and the `finbook export` arguments a job stands for.
import { describe, expect, it } from 'vitest';
import { exportArgsFor, exportJobSchema, exportOptionsSchema } from '../../src/queue/job.js';
import { checkExportable } from '../../src/queue/prepare.js';
import { DEFAULT_MODEL } from '../helpers/cli.js';

const job = { format: 1, model: '/srv/models/acme.yaml', out: '/srv/out/acme.xlsx', options: {}, hash: 'f'.repeat(64) };

describe('exportJobSchema', () => {
  it('fills the options every export has by default', () => {
    expect(exportJobSchema.parse(job).options).toEqual({ protect: false, pdf: false, mailTo: [], ifChanged: false, holdOnCheckFailure: false });
  });

  it.each([
    ['a relative model path', { ...job, model: 'acme.yaml' }, 'model'],
    ['a workbook that is not .xlsx', { ...job, out: '/srv/out/acme.xls' }, 'out'],
    ['a path with a NUL', { ...job, out: '/srv/out/a\0.xlsx' }, 'out'],
    ['an unknown option', { ...job, options: { colour: 'red' } }, 'options'],
    ['an empty scenario', { ...job, options: { scenario: '' } }, 'options'],
    ['an address that is not one', { ...job, options: { mailTo: ['nobody'] } }, 'options'],
    ['another format', { ...job, format: 2 }, 'format'],
    ['a field it does not know', { ...job, command: 'rm -rf /' }, ''],
    ['a hash that is not a SHA-256', { ...job, hash: 'abc' }, 'hash'],
  ])('refuses %s', (_, data, path) => {
    const r = exportJobSchema.safeParse(data);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toContainEqual(expect.stringMatching(new RegExp(`^${path}`)));
  });
});

describe('exportArgsFor', () => {
  it('is finbook export MODEL --out OUT with the job\'s options, quiet, leaving identical workbooks in place', () => {
    expect(exportArgsFor(exportJobSchema.parse(job))).toEqual({
      model: '/srv/models/acme.yaml',
      out: '/srv/out/acme.xlsx',
      quiet: true,
      protect: false,
      pdf: false,
      mailTo: undefined,
      ifChanged: false,
      holdOnCheckFailure: false,
      skipIdentical: true,
    });
    const options = exportOptionsSchema.parse({ protect: true, pdf: true, mailTo: ['a@example.com'], ifChanged: true, holdOnCheckFailure: true, scenario: 'downside' });
    expect(exportArgsFor({ ...exportJobSchema.parse(job), options })).toMatchObject({ protect: true, pdf: true, mailTo: ['a@example.com'], ifChanged: true, holdOnCheckFailure: true, scenario: 'downside' });
  });
});

describe('checkExportable', () => {
  it('refuses a scenario the template does not have before anything is queued, naming the scenarios', () => {
    const r = checkExportable(DEFAULT_MODEL, exportOptionsSchema.parse({ scenario: 'bear' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.message).toMatch(/--scenario "bear" is not a scenario of the template.*the scenarios are base, upside, downside/);
    expect(checkExportable(DEFAULT_MODEL, exportOptionsSchema.parse({ scenario: 'Upside' })).ok).toBe(true);
  });
});
