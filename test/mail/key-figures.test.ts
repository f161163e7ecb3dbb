// Key figures: the template's `key_figures` computed by the model for the reporting period.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/issues.js';
import { buildReport } from '../../src/mail/report.js';
import { loadAndCompute } from '../../src/pipeline.js';
import { DEFAULT_MODEL } from '../helpers/cli.js';
import { miniCopy } from './fixture.js';

function reportOf(modelPath: string) {
  const loaded = loadAndCompute(modelPath);
  if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
  return buildReport(loaded.value);
}

function figuresOf(modelPath: string): [string, string, string][] {
  const r = reportOf(modelPath);
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.report.figures.map((f) => [f.label, f.period, f.value.toString()]);
}

function problemsOf(modelPath: string): string[] {
  const r = reportOf(modelPath);
  if (r.ok) throw new Error('expected problems');
  return r.issues.map((i) => formatIssue(i).replace(/^.*\/(\w+\.yaml):/, '$1:'));
}

/** A mini copy with the model and template edited. */
function edited(editModel: (s: string) => string, editTemplate: (s: string) => string = (s) => s): string {
  const m = miniCopy();
  writeFileSync(m.model, editModel(readFileSync(m.model, 'utf8')));
  const t = join(m.dir, 'template.yaml');
  writeFileSync(t, editTemplate(readFileSync(t, 'utf8')));
  return m.model;
}

describe('key figures', () => {
  it('are computed for the model period (4Q02 in the fixture)', () => {
    expect(figuresOf(miniCopy().model)).toEqual([
      ['Total revenues', '4Q02', '4861255'],
      ['Operating income (loss)', '4Q02', '-238745'],
      ['Net income (loss)', '4Q02', '-250745'],
    ]);
  });

  it('default to the first period when the model names none, and follow `period` when it does', () => {
    const first = edited((s) => s.replace('period: 4Q02\n', ''));
    expect(figuresOf(first)[0]).toEqual(['Total revenues', '4Q02', '4861255']);
    const other = edited((s) => s.replace('period: 4Q02', 'period: 4Q01'));
    expect(figuresOf(other)[0]).toEqual(['Total revenues', '4Q01', '4843141']);
  });

  it('take a fixed period from a ref that names one', () => {
    const model = edited(
      (s) => s,
      (s) => s.replace('ref: is_q.net_income }', 'ref: "is_q.net_income[4Q01]" }'),
    );
    expect(figuresOf(model)[2]).toEqual(['Net income (loss)', '4Q01', '133141']);
  });

  it('report a ref to an unknown line or an unshown period where the template says it', () => {
    const model = edited(
      (s) => s,
      (s) => s.replace('ref: is_q.operating_income', 'ref: is_q.operating_incme').replace('ref: is_q.net_income }', 'ref: "is_q.net_income[3Q02]" }'),
    );
    expect(problemsOf(model)).toEqual([
      "template.yaml:29:44 key_figures[1].ref: unknown line 'operating_incme' in sheet 'is_q' (did you mean 'operating_income'?)",
      "template.yaml:30:38 key_figures[2].ref: period '3Q02' is not in the model (did you mean '4Q02'?)",
    ]);
  });

  it('report a model period that is not among its periods', () => {
    const model = edited((s) => s.replace('period: 4Q02', 'period: 4Q03'));
    expect(problemsOf(model)).toEqual(["model.yaml:5:9 period: period '4Q03' is not in the model's periods (did you mean '4Q02'?)"]);
  });

  it('of the default model are the 4Q02 figures of the press release', () => {
    expect(figuresOf(DEFAULT_MODEL)).toEqual([
      ['Total revenues', '4Q02', '13036439'],
      ['Operating income (loss)', '4Q02', '-446432'],
      ['Net loss', '4Q02', '-2136513'],
    ]);
  });
});
