// Values from CSV: long (line,period,value) and wide (line,<period>...) files, read with
// csv-parse, merged with the model's own values, and every mistake reported with the file,
// the row and the column.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/issues.js';
import { parseAmount } from '../../src/model/csv-values.js';
import { loadAndCompute } from '../../src/pipeline.js';
import type { Computed } from '../../src/pipeline.js';
import { runCli } from '../helpers/cli.js';
import { BASE_TEMPLATE, modelHead, writeFiles } from '../generic/files.js';

// Two sheets that both have an input `costs`, so a bare `costs` is ambiguous.
const TEMPLATE = `${BASE_TEMPLATE}  - id: seg
    name: Segments
    columns:
      - { each: period, kind: value, period: "{period}" }
    lines:
      - { id: costs, label: "Segment costs" }
`;

function setup(csv: string, modelExtra = ''): string {
  return writeFiles({ 'template.yaml': TEMPLATE, 'values.csv': csv, 'model.yaml': `${modelHead('template.yaml')}${modelExtra}` });
}

function load(dir: string, valuesFile?: string): ReturnType<typeof loadAndCompute> {
  return loadAndCompute(join(dir, 'model.yaml'), valuesFile ? { valuesFile: join(dir, valuesFile) } : {});
}

function ok(dir: string, valuesFile?: string): Computed {
  const r = load(dir, valuesFile);
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.value;
}

function messages(dir: string, valuesFile?: string): string[] {
  const r = load(dir, valuesFile);
  if (r.ok) throw new Error('expected problems');
  return r.issues.map(formatIssue);
}

function value(c: Computed, key: string, period: string): number {
  const [sheet, id] = key.split('.') as [string, string];
  return c.results.value(c.program.sheetById.get(sheet)!.lines.get(id)!, period).toNumber();
}

describe('parseAmount', () => {
  it.each([
    ['1234.5', 1234.5],
    ['-7', -7],
    ['+3', 3],
    ['1,234,567', 1234567],
    ['1,234.50', 1234.5],
    ['(1,234)', -1234],
    ['( 56 )', -56],
    ['1e3', 1000],
    ['.5', 0.5],
    ['-', 0],
    ['\u2014', 0],
    ['', null],
    ['  ', null],
    ['12a', undefined],
    ['1,23', undefined],
    ['(-5)', undefined],
    ['$100', undefined],
    ['1 000', undefined],
  ])('%j -> %j', (text, expected) => expect(parseAmount(text)).toBe(expected));
});

const LONG = `line,period,value
is.sales,FY2024,100
is.sales,FY2023,90
is.costs,FY2024,(60)
is.costs,FY2023,-50
seg.costs,FY2024,"1,000"
seg.costs,FY2023,900
`;

describe('reading values from CSV', () => {
  it('reads a long file given on the command line', () => {
    const c = ok(setup(LONG), 'values.csv');
    expect(value(c, 'is.profit', 'FY2024')).toBe(40);
    expect(value(c, 'seg.costs', 'FY2024')).toBe(1000);
  });

  it('reads a wide file named by the model (values_file), with a label column and bare unique ids', () => {
    const csv = 'Line,Label,FY2023,FY2024\nsales,Sales,90,100\nis.costs,Costs,-50,-60\nseg.costs,,900,1000\n';
    const c = ok(setup(csv, 'values_file: values.csv\n'));
    expect(value(c, 'is.total_sales', 'FY2023')).toBe(90);
    expect(value(c, 'is.profit', 'FY2024')).toBe(40);
  });

  it('merges with the model values, and an empty cell is no value', () => {
    const csv = 'line,FY2024,FY2023\nis.sales,100,\n';
    const c = ok(setup(csv, 'values_file: values.csv\nvalues:\n  is:\n    sales: { FY2023: 90 }\n    costs: { FY2024: -60, FY2023: -50 }\n  seg:\n    costs: { FY2024: 1, FY2023: 2 }\n'));
    expect(value(c, 'is.profit', 'FY2023')).toBe(40);
  });

  it('compares a value for a line the template computes: a warning when it agrees, an error at its row when not', () => {
    const complete = 'line,FY2024,FY2023\nis.sales,100,90\nis.costs,-60,-50\nseg.costs,1,2\n';
    const agrees = ok(setup(`${complete}is.profit,40,40\n`, 'values_file: values.csv\n'));
    expect(agrees.warnings.map(formatIssue)).toEqual([expect.stringMatching(/values\.csv:5:1 values\.is\.profit: is\.profit is computed by the template \(.+\); the model's values for FY2024, FY2023 agree and are not needed: remove them$/)]);
    expect(messages(setup(`${complete}is.profit,41,40\n`, 'values_file: values.csv\n'))).toEqual([
      expect.stringMatching(/values\.csv:5:1 values\.is\.profit\.FY2024: is\.profit\[FY2024\] is computed by the template \(.+ = 40\), but the model gives 41: remove the value, or correct the figures it is computed from$/),
    ]);
  });

  it('reports what is missing after the CSV line by line, like a YAML model', () => {
    const lines = messages(setup('line,FY2024,FY2023\nis.sales,100,\n', 'values_file: values.csv\n'));
    expect(lines).toEqual([
      expect.stringMatching(/values\.csv:2:1 values\.is\.sales: input line 'is\.sales' \(Sales\) has no value for period FY2023$/),
      expect.stringMatching(/input line 'is\.costs' \(Costs\) has no value for periods FY2024, FY2023$/),
      expect.stringMatching(/input line 'seg\.costs' \(Segment costs\) has no value for periods FY2024, FY2023$/),
    ]);
  });

  it.each([
    ['a missing header', 'is.sales,FY2024,100\n', [/values\.csv:1:1 row 1, column 1 \(is\.sales\): the first row must be a header: line,period,value/]],
    ['an unknown period column', 'line,FY2024,FY2025\nis.sales,1,2\n', [/values\.csv:1:3 row 1, column 3 \(FY2025\): column 'FY2025' is not a period of the model \(did you mean 'FY2024'\?\)/]],
    ['a number that is not one', 'line,period,value\nis.sales,FY2024,12a\n', [/values\.csv:2:3 row 2, column 3 \(value\): expected a number .*got "12a"/]],
    ['an unknown period in a long file', 'line,period,value\nis.sales,FY2042,1\n', [/values\.csv:2:2 row 2, column 2 \(period\): 'FY2042' is not a period of the model/]],
    ['an ambiguous bare id', 'line,period,value\ncosts,FY2024,1\n', [/values\.csv:2:1 .*line 'costs' is an input of several sheets \(is, seg\): write is\.costs or seg\.costs/]],
    ['an unknown line', 'line,period,value\nis.sale,FY2024,1\n', [/values\.csv:2:1 .*'is\.sale' is not an input line of the template \(did you mean 'is\.sales'\?\)/]],
    ['an unknown sheet', 'line,period,value\nbs.cash,FY2024,1\n', [/values\.csv:2:1 .*the template has no sheet 'bs'/]],
    ['a value given twice', 'line,period,value\nis.sales,FY2024,1\nis.sales,FY2024,2\n', [/values\.csv:3:3 .*is\.sales has a value for FY2024 already, in row 2/]],
    ['a row with too few cells', 'line,period,value\nis.sales,FY2024\n', [/values\.csv:2:1 invalid CSV: .*/]],
    ['an unclosed quote', 'line,period,value\n"is.sales,FY2024,1\n', [/values\.csv:\d+:1 invalid CSV: .*quote/i]],
    ['an empty file', '', [/values\.csv:1:1 the values file is empty/]],
  ])('reports %s with the file, row and column', (_what, csv, expected) => {
    const lines = messages(setup(csv), 'values.csv');
    expected.forEach((re, i) => expect(lines[i]).toMatch(re));
  });

  it('reports a value given both in the model and in the CSV, naming both places', () => {
    const dir = setup('line,period,value\nis.sales,FY2024,100\n', 'values:\n  is:\n    sales: { FY2024: 100, FY2023: 90 }\n');
    expect(messages(dir, 'values.csv')[0]).toMatch(/values\.csv:2:3 is\.sales\[FY2024\] is given twice: here and at .*model\.yaml:10:\d+/);
  });

  it('reports a values_file that cannot be read where the model names it', () => {
    const dir = setup('', 'values_file: nowhere.csv\n');
    expect(messages(dir)[0]).toMatch(/model\.yaml:8:\d+ values_file: cannot read values file .*nowhere\.csv: no such file/);
  });
});

describe('finbook export --values', () => {
  it('exports with values from the CSV, and exits 2 with row and column for a bad cell', async () => {
    const dir = setup(LONG);
    const good = await runCli(['export', join(dir, 'model.yaml'), '--values', join(dir, 'values.csv'), '--out', join(dir, 'out.xlsx')]);
    expect(good.stderr).toBe('');
    expect(good.code).toBe(0);
    const bad = setup(LONG.replace('900', 'nine hundred'));
    const r = await runCli(['validate', join(bad, 'model.yaml'), '--values', join(bad, 'values.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/values\.csv:7:3 row 7, column 3 \(value\): expected a number/);
  });
});
