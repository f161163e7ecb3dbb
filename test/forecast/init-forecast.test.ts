// `finbook init --forecast 3` as a new user meets it: scaffold a model with three forecast
// years, fill in two actual years of a real company (Photronics, fiscal 2010 and 2011, mapped
// onto the generic lines, its equity printed as one line), and get a three-year forecast that
// balances in every scenario, through the CLI, in the YAML or in the CSV.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { compute } from '../../src/compute/compute.js';
import { formatIssue } from '../../src/issues.js';
import { findSoffice } from '../../src/office/index.js';
import { loadAndCompute } from '../../src/pipeline.js';
import { runBin, runCli, tempDir } from '../helpers/cli.js';

const FIXTURE = join(__dirname, 'fixtures/photronics-generic.csv');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function dir(): string {
  const d = tempDir('finbook-init-forecast-');
  dirs.push(d);
  return d;
}

/** The fixture's figures: `sheet.line` -> [FY2010, FY2011] (null: not given). */
function figures(): Map<string, (number | null)[]> {
  const out = new Map<string, (number | null)[]>();
  for (const row of readFileSync(FIXTURE, 'utf8').trim().split('\n').slice(1)) {
    const cells = [...row.matchAll(/("([^"]*)"|[^,]*)(,|$)/g)].map((m) => m[2] ?? m[1]!).slice(0, 4);
    const number = (s: string): number | null => (s === '' ? null : s === '-' ? 0 : Number(s.replace(/,/g, '').replace(/^\((.*)\)$/, '-$1')));
    out.set(cells[0]!, [number(cells[2]!), number(cells[3]!)]);
  }
  return out;
}

const ARGS = ['--entity', 'Photronics, Inc.', '--currency', 'USD', '--scale', 'thousands', '--year-end', '10-31'];

describe('finbook init --forecast', () => {
  it('adds three forecast years after the last actual one and asks only for the actual years', async () => {
    const d = dir();
    const r = await runCli(['init', ...ARGS, '--periods', 'FY2010,FY2011', '--forecast', '3', '--out', join(d, 'plab.yaml')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/for 2 periods and 3 forecast years \(FY2012E, FY2013E, FY2014E\), computed from them/);
    const text = readFileSync(join(d, 'plab.yaml'), 'utf8');
    const model = parse(text) as { periods: Record<string, unknown>[]; values: Record<string, Record<string, Record<string, null>>> };
    expect(model.periods).toEqual([
      { id: 'FY2010', label: 'FY2010', kind: 'year', start: '2009-11-01', end: '2010-10-31' },
      { id: 'FY2011', label: 'FY2011', kind: 'year', start: '2010-11-01', end: '2011-10-31' },
      { id: 'FY2012E', label: 'FY2012E', kind: 'year', start: '2011-11-01', end: '2012-10-31', forecast: true },
      { id: 'FY2013E', label: 'FY2013E', kind: 'year', start: '2012-11-01', end: '2013-10-31', forecast: true },
      { id: 'FY2014E', label: 'FY2014E', kind: 'year', start: '2013-11-01', end: '2014-10-31', forecast: true },
    ]);
    // the same input lines as without a forecast, for the actual years only
    const plain = await runCli(['init', ...ARGS, '--periods', 'FY2010,FY2011', '--out', join(d, 'plain.yaml')]);
    expect(plain.code).toBe(0);
    const without = parse(readFileSync(join(d, 'plain.yaml'), 'utf8')) as typeof model;
    expect(model.values).toEqual(without.values);
    for (const byLine of Object.values(model.values)) for (const byPeriod of Object.values(byLine)) expect(Object.keys(byPeriod).every((p) => p === 'FY2010' || p === 'FY2011')).toBe(true);
    expect(text).toMatch(/^# The forecast years \(FY2012E, FY2013E, FY2014E\) are computed from the actual ones/m);
  });

  it('filled in with two actual years of a real company, exports a balancing three-year forecast in every scenario', async () => {
    const d = dir();
    const file = join(d, 'plab.yaml');
    expect((await runCli(['init', ...ARGS, '--periods', 'FY2010,FY2011', '--forecast', '3', '--out', file])).code).toBe(0);
    const model = parse(readFileSync(file, 'utf8')) as { values: Record<string, Record<string, Record<string, number | null>>> };
    for (const [key, [fy10, fy11]] of figures()) {
      const [sheet, line] = key.split('.') as [string, string];
      expect(model.values[sheet]![line], key).toBeDefined();
      model.values[sheet]![line] = fy11 == null ? { FY2010: fy10! } : { FY2010: fy10!, FY2011: fy11 };
    }
    writeFileSync(file, stringify(model));
    const v = await runCli(['validate', file]);
    expect(v.stderr).toBe('');
    expect(v.code).toBe(0);
    const r = await runCli(['export', file, '--out', join(d, 'plab.xlsx')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/7\/7 checks OK/);

    const loaded = loadAndCompute(file);
    if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
    const { program } = loaded.value;
    expect(program.template.value.scenarios?.map((s) => s.id)).toEqual(['base', 'upside', 'downside']);
    const cash = program.sheetById.get('bs')!.lines.get('cash')!;
    const revenue = program.sheetById.get('is')!.lines.get('total_revenue')!;
    const seen = new Set<number>();
    for (let scenario = 0; scenario < 3; scenario++) {
      const results = compute(program, { scenario });
      const forecast = results.checks.filter((c) => c.check.spec.id === 'forecast_balances');
      expect(forecast.map((c) => c.row.period)).toEqual(['FY2012E', 'FY2013E', 'FY2014E']);
      for (const c of results.checks) expect(c.ok, `${c.check.spec.id} ${c.row.period} in scenario ${scenario}`).toBe(true);
      for (const c of forecast) expect(c.difference.abs().toNumber()).toBeLessThan(1e-20);
      // the actual years are the reported figures whatever the scenario
      expect(results.cellValue(cash, 'FY2011')).toBe(189928);
      seen.add(results.cellValue(revenue, 'FY2014E'));
    }
    expect(seen.size).toBe(3);
    // the equity printed as one line is held; the forecast's net income goes to the line that takes what no line does
    const base = compute(program, { scenario: 0 });
    const equity = (id: string, p: string): number => base.cellValue(program.sheetById.get('bs')!.lines.get(id)!, p);
    expect(equity('other_equity', 'FY2014E')).toBe(559756);
    expect(equity('unallocated_equity', 'FY2011')).toBe(0);
    expect(equity('unallocated_equity', 'FY2012E')).toBeGreaterThan(0);
  });

  it('works the same with --csv: the CSV has the actual years only', () => {
    const d = dir();
    const file = join(d, 'data/plab.yaml');
    const r = runBin(['init', ...ARGS, '--periods', 'FY2010,FY2011', '--forecast', '3', '--out', file, '--csv', join(d, 'data/plab.csv')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const csv = readFileSync(join(d, 'data/plab.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('line,label,FY2010,FY2011');
    const given = figures();
    const filled = csv.map((row, i) => {
      if (i === 0) return row;
      const f = given.get(row.split(',')[0]!);
      return f ? row.replace(/,,$/, `,${f[0]},${f[1] ?? ''}`) : row;
    });
    writeFileSync(join(d, 'data/plab.csv'), `${filled.join('\n')}\n`);
    const out = runBin(['export', file, '--out', join(d, 'plab.xlsx')]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/7\/7 checks OK/);
  });

  it('continues newest-first periods newest first, and FY-less ids in their own style', async () => {
    const d = dir();
    expect((await runCli(['init', ...ARGS, '--periods', 'FY2024,FY2023', '--forecast', '2', '--out', join(d, 'a.yaml')])).code).toBe(0);
    expect((parse(readFileSync(join(d, 'a.yaml'), 'utf8')) as { periods: { id: string }[] }).periods.map((p) => p.id)).toEqual(['FY2026E', 'FY2025E', 'FY2024', 'FY2023']);
    expect((await runCli(['init', ...ARGS, '--periods', '2023,2024', '--forecast', '1', '--out', join(d, 'b.yaml')])).code).toBe(0);
    expect((parse(readFileSync(join(d, 'b.yaml'), 'utf8')) as { periods: { id: string }[] }).periods.map((p) => p.id)).toEqual(['2023', '2024', '2025E']);
  });

  it('with one actual year asks for the drivers that need the year before it, in that year', async () => {
    const d = dir();
    expect((await runCli(['init', ...ARGS, '--periods', 'FY2011', '--forecast', '2', '--out', join(d, 'one.yaml')])).code).toBe(0);
    const model = parse(readFileSync(join(d, 'one.yaml'), 'utf8')) as { values: Record<string, Record<string, Record<string, null>>> };
    expect(Object.keys(model.values.assumptions ?? {}).sort()).toEqual(['depreciation_rate', 'interest_income_rate', 'interest_rate', 'revenue_growth']);
    expect(model.values.assumptions!.revenue_growth).toEqual({ FY2011: null });
  });

  it.each([
    ['zero years', ['--periods', 'FY2024', '--forecast', '0'], /--forecast takes a number of years from 1 to 30, got "0"/],
    ['a word', ['--periods', 'FY2024', '--forecast', 'three'], /--forecast takes a number of years from 1 to 30, got "three"/],
    ['periods that are not fiscal years', ['--periods', 'H1_2024', '--forecast', '2'], /--forecast adds years after the last of --periods, which must be fiscal years such as FY2024 or 2024 \(got "H1_2024"\)/],
  ])('refuses %s (exit 2, nothing written)', async (_what, args, expected) => {
    const d = dir();
    const r = await runCli(['init', ...ARGS, ...args, '--out', join(d, 'x.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(expected);
  });
});

(findSoffice() !== null || process.env.CI ? describe : describe.skip)('an init --forecast model under LibreOffice', () => {
  it('recalculates to the model values: zero differences, every check OK', async () => {
    const d = dir();
    const file = join(d, 'plab.yaml');
    expect((await runCli(['init', ...ARGS, '--periods', 'FY2010,FY2011', '--forecast', '3', '--out', file, '--csv', join(d, 'plab.csv')])).code).toBe(0);
    writeFileSync(join(d, 'plab.csv'), readFileSync(FIXTURE, 'utf8'));
    const r = await runCli(['export', file, '--out', join(d, 'plab.xlsx'), '--verify']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/7\/7 checks OK/);
    expect(r.stdout).toMatch(/0 differences/);
  }, 120_000);
});
