// `each: period`: a template that does not know the model's periods gets one column (or
// check) per period, placeholders filled in, and those that need a previous period left out
// for a period without one.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/issues.js';
import { longDate, previousPeriod } from '../../src/model/period-columns.js';
import type { Period } from '../../src/model/schema.js';
import { loadAndCompute } from '../../src/pipeline.js';
import { modelHead, writeFiles } from './files.js';

const year = (id: string, start: string, end: string): Period => ({ id, kind: 'year', start, end });
const FY22 = year('FY22', '2021-04-01', '2022-03-31');
const FY23 = year('FY23', '2022-04-01', '2023-03-31');
const FY24 = year('FY24', '2023-04-01', '2024-03-31');
const Q4 = { id: 'Q4', kind: 'quarter', start: '2024-01-01', end: '2024-03-31' } as const satisfies Period;
const MAR23 = { id: 'Mar23', kind: 'instant', date: '2023-03-31' } as const satisfies Period;
const MAR24 = { id: 'Mar24', kind: 'instant', date: '2024-03-31' } as const satisfies Period;

describe('previousPeriod', () => {
  it.each([
    ['the year before, whatever the list order', FY24, [FY24, FY22, FY23], 'FY23'],
    ['none for the earliest year', FY22, [FY24, FY22, FY23], undefined],
    ['only a period of the same kind', Q4, [FY23, Q4, FY24], undefined],
    ['the instant before, for an instant', MAR24, [MAR24, MAR23, FY24], 'Mar23'],
  ])('%s', (_what, p, all, expected) => {
    expect(previousPeriod(p, all)?.id).toBe(expected);
  });

  it.each([
    ['2011-10-30', 'Oct 30, 2011'],
    ['2024-01-01', 'Jan 1, 2024'],
    ['', ''],
  ])('longDate(%j) is %j', (iso, text) => expect(longDate(iso)).toBe(text));
});

const TEMPLATE = `finbook_template: 1
name: Each period
sheets:
  - id: is
    name: Income
    columns:
      - { each: period, kind: value, period: "{period}", title: "{label} ({end})", bands: ["Year {year}"] }
      - { each: period, kind: change, period: "{period}", base: "{previous}", title: "{period} vs {previous}" }
    lines:
      - { id: sales, label: "Sales" }
checks:
  - { id: sales_positive, each: period, label: "Sales are sales", left: is.sales, right: is.sales }
  - { id: growth, each: period, label: "{label} sales >= {previous_label} sales - 1000", left: "max(is.sales[{period}], is.sales[{previous}] - 1000)", right: "is.sales[{period}]" }
`;

describe('each: period', () => {
  it('repeats columns per period in the model order and skips a change column without a previous period', () => {
    const dir = writeFiles({
      'template.yaml': TEMPLATE,
      'model.yaml': `${modelHead('template.yaml')}values:\n  is:\n    sales: { FY2024: 120, FY2023: 100 }\n`,
    });
    const r = loadAndCompute(join(dir, 'model.yaml'));
    if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
    const columns = r.value.program.sheetById.get('is')!.tables[0]!.columns;
    expect(columns.map((c) => [c.kind, c.period, c.base ?? null, c.title, c.bands])).toEqual([
      ['value', 'FY2024', null, 'Fiscal 2024 (Dec 31, 2024)', ['Year 2024']],
      ['value', 'FY2023', null, 'Fiscal 2023 (Dec 31, 2023)', ['Year 2023']],
      ['change', 'FY2024', 'FY2023', 'FY2024 vs FY2023', []],
    ]);
    // a check without {previous} gets one row per period; one with it, one check per period that has one
    expect(r.value.program.checks.map((c) => [c.spec.id, c.spec.label, c.rows.map((row) => row.period)])).toEqual([
      ['sales_positive', 'Sales are sales', ['FY2024', 'FY2023']],
      ['growth_fy2024', 'Fiscal 2024 sales >= Fiscal 2023 sales - 1000', ['FY2024']],
    ]);
    expect(r.value.results.checks.every((c) => c.ok)).toBe(true);
  });

  it.each([
    ['an unknown placeholder', '{ each: period, kind: value, period: "{perod}" }', /template\.yaml:6:\d+ .*unknown placeholder \{perod\}; known: \{period\}/],
    ['another each', '{ each: year, kind: value, period: "{period}" }', /template\.yaml:6:\d+ .*each takes one of period, actual_period, forecast_period, last_actual, end_date, actual_end_date, forecast_end_date, got "year"/],
  ])('reports %s at its column', (_what, column, expected) => {
    const dir = writeFiles({
      'template.yaml': `finbook_template: 1\nname: T\nsheets:\n  - id: is\n    name: Income\n    columns: [ ${column} ]\n    lines: [ { id: sales } ]\n`,
      'model.yaml': `${modelHead('template.yaml')}values:\n  is:\n    sales: { FY2024: 1, FY2023: 2 }\n`,
    });
    const r = loadAndCompute(join(dir, 'model.yaml'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map(formatIssue).join('\n')).toMatch(expected);
  });
});
