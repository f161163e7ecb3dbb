// The worked forecast example (data/photronics-forecast.yaml): Photronics' fiscal 2010 and
// 2011 as reported and FY2012E-FY2014E from the generic template's forecast block. The actual
// columns are the fiscal 2011 model's figures, whatever the scenario; every driver starts from
// fiscal 2011 as a formula; every check is OK and the forecast balance sheet balances in every
// scenario; HyperFormula (every scenario) and LibreOffice recalculate to the cached values.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compute } from '../../src/compute/compute.js';
import { isInputCell } from '../../src/compile/program.js';
import { formatIssue } from '../../src/issues.js';
import { findSoffice } from '../../src/office/index.js';
import { loadAndCompute } from '../../src/pipeline.js';
import { Decimal } from '../../src/compute/decimal.js';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';
import { formulaCount, plannedFor, wrongCells } from './helpers.js';

const MODEL = join(ROOT, 'data/photronics-forecast.yaml');
const ACTUAL = join(ROOT, 'data/photronics-fy2011.yaml');
const FORECAST = ['FY2012E', 'FY2013E', 'FY2014E'];
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function out(): string {
  const d = tempDir('finbook-forecast-');
  dirs.push(d);
  return join(d, 'photronics-forecast.xlsx');
}

function load(file: string) {
  const loaded = loadAndCompute(file);
  if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
  return loaded.value;
}

describe('Photronics with a three-year forecast (data/photronics-forecast.yaml)', () => {
  const computed = load(MODEL);
  const { program, warnings } = computed;
  const scenarios = [0, 1, 2].map((scenario) => compute(program, { scenario }));
  const line = (key: string) => {
    const [s, id] = key.split('.') as [string, string];
    const l = program.sheetById.get(s)?.lines.get(id);
    if (!l) throw new Error(`no line ${key}`);
    return l;
  };

  it('loads without a warning: Assumptions first, then the statements with their forecast columns', () => {
    expect(warnings).toEqual([]);
    expect(program.sheets.map((s) => s.name)).toEqual(['Assumptions', 'Income Statement', 'Balance Sheet', 'Cash Flows', 'KPIs']);
    expect(line('is.total_revenue').table.valuePeriods).toEqual(['FY2010', 'FY2011', ...FORECAST]);
    expect(line('bs.cash').table.valuePeriods).toEqual(['FY2010', 'FY2011', ...FORECAST]);
    expect(line('assumptions.revenue_growth').table.valuePeriods).toEqual(['FY2011', ...FORECAST]);
  });

  it('passes every check in every scenario; the forecast balance sheet balances in each forecast year', () => {
    for (const [i, results] of scenarios.entries()) {
      expect(results.checks.map((c) => `${c.check.spec.id} ${c.row.period}`)).toEqual([
        'balance_sheet_balances FY2010',
        'balance_sheet_balances FY2011',
        ...FORECAST.map((p) => `forecast_balances ${p}`),
        'cash_ties FY2010',
        'cash_ties FY2011',
      ]);
      for (const c of results.checks) expect(c.ok, `${c.check.spec.id} ${c.row.period}, scenario ${i}`).toBe(true);
      for (const c of results.checks.filter((x) => x.check.spec.id === 'forecast_balances')) expect(c.difference.abs().toNumber()).toBeLessThan(1e-20);
    }
  });

  it('keeps the actual years exactly as the fiscal 2011 model reports them, in every scenario', () => {
    const actual = load(ACTUAL);
    let compared = 0;
    for (const sheet of actual.program.sheets)
      for (const l of sheet.ordered) {
        const here = program.sheetById.get(sheet.id)?.lines.get(l.id);
        expect(here, l.key).toBeDefined();
        for (const p of ['FY2010', 'FY2011'])
          for (const results of scenarios) {
            expect(results.value(here!, p).toString(), `${l.key}[${p}]`).toBe(actual.results.value(l, p).toString());
            compared++;
          }
      }
    expect(compared).toBeGreaterThan(300);
  });

  it('starts every driver from fiscal 2011, as a formula: the base case holds it, the others move by the stated spread', () => {
    const base = scenarios[0]!;
    const v = (key: string, p: string, r = base) => r.value(line(key), p);
    const growth = new Decimal(512020).dividedBy(425554).minus(1);
    expect(v('assumptions.revenue_growth', 'FY2011').toString()).toBe(growth.toString());
    for (const p of FORECAST) {
      expect(v('assumptions.revenue_growth_base', p).toString()).toBe(growth.toString());
      expect(v('assumptions.revenue_growth_upside', p).toString()).toBe(growth.plus(0.03).toString());
      expect(v('assumptions.revenue_growth_downside', p).toString()).toBe(growth.minus(0.03).toString());
      expect(v('assumptions.gross_margin_base', p).toString()).toBe(new Decimal(512020 - 375806).dividedBy(512020).toString());
      expect(v('assumptions.receivable_days_base', p).toString()).toBe(new Decimal(85540).dividedBy(512020).times(365).toString());
      // on the property at the start of fiscal 2011: the balance sheet of Oct 31, 2010
      expect(v('assumptions.depreciation_rate_base', p).toString()).toBe(new Decimal(93460).dividedBy(369814).toString());
    }
    // nothing of the forecast is typed in: every assumption and forecast cell is a formula
    for (const sheet of program.sheets)
      for (const l of sheet.ordered)
        l.table.valuePeriods.forEach((p, i) => {
          if (FORECAST.includes(p)) expect(isInputCell(l, i), `${l.key}[${p}]`).toBe(false);
        });
    // the live case follows the selected scenario
    expect(v('assumptions.revenue_growth', 'FY2013E', scenarios[1]).toString()).toBe(growth.plus(0.03).toString());
    expect(v('is.total_revenue', 'FY2012E').toString()).toBe(new Decimal(512020).times(growth.plus(1)).toString());
  });

  it('moves every forecast figure of the statements with the scenario, and no actual one', () => {
    for (const key of ['is.total_revenue', 'is.gross_profit', 'is.operating_income', 'is.net_income', 'bs.accounts_receivable', 'bs.total_assets', 'cf.net_cash_operating', 'bs.cash'])
      for (const p of FORECAST) {
        const values = new Set(scenarios.map((r) => r.value(line(key), p).toString()));
        expect(values.size, `${key}[${p}]`).toBe(3);
      }
  });

  it('recalculates in HyperFormula to the cached values in every scenario, the selector naming it', () => {
    for (const [i, label] of ['Base', 'Upside', 'Downside'].entries()) {
      const workbook = plannedFor(computed, i);
      const assumptions = workbook.sheets.find((s) => s.name === 'Assumptions')!;
      expect(assumptions.rows.find((r) => r.row === 5)!.cells.some((c) => c.kind === 'text' && c.text === label)).toBe(true);
      expect(formulaCount(workbook)).toBeGreaterThan(500);
      expect(wrongCells(workbook), label).toEqual([]);
    }
  });

  it('exports with every check OK', async () => {
    const r = await runCli(['export', MODEL, '--out', out()]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/7\/7 checks OK/);
  });
});

describe('the same template for fiscal 2011 alone (data/photronics-fy2011.yaml)', () => {
  it('has no trace of the forecast: no Assumptions, no scenarios, no forecast-only line, its totals as before', () => {
    const { program } = load(ACTUAL);
    expect(program.sheets.map((s) => s.name)).toEqual(['Income Statement', 'Balance Sheet', 'Cash Flows', 'KPIs']);
    expect(program.template.value.scenarios).toBeUndefined();
    expect(program.sheetById.get('bs')!.lines.has('revolver')).toBe(false);
    expect(program.sheetById.get('cf')!.lines.has('revolver_draw')).toBe(false);
    // the range of equity lines shrunk to its one line, and no forecast-only line added to it
    expect(program.sheetById.get('bs')!.lines.get('total_equity')!.spec.formula).toBe('sum(equity:equity)');
    // the template's revenue line is a plain input line: no forecast formula
    const revenue = program.template.value.sheets.find((s) => s.id === 'is')!.lines!.find((l) => l.id === 'revenue')!;
    expect([revenue.formula, revenue.formula_for, revenue.input_for]).toEqual([undefined, undefined, undefined]);
    // the template's two checks, and the tie-out of the exhibits' printed figures (printed: in the model)
    expect(program.checks.map((c) => c.spec.id)).toEqual(['balance_sheet_balances', 'cash_ties', 'tie_out']);
  });
});

describe('the forecast balance check can fail', () => {
  it('in the workbook: forecast cash typed over shows as FAIL on its balance date after recalculation', () => {
    const computed = load(MODEL);
    const workbook = plannedFor(computed, 0);
    const bs = workbook.sheets.find((s) => s.name === 'Balance Sheet')!;
    const at = computed.layout.address(computed.program.sheetById.get('bs')!.lines.get('cash')!, 'FY2013E');
    const row = bs.rows.find((r) => r.row === at.row)!;
    const i = row.cells.findIndex((c) => c.col === at.col);
    const cell = row.cells[i]!;
    expect(cell.kind).toBe('formula');
    row.cells[i] = { kind: 'input', col: at.col, value: (cell.kind === 'formula' ? Number(cell.value) : 0) + 1000, format: 'amount', style: 'normal' };
    const wrong = wrongCells(workbook).filter((w) => w.startsWith('Checks!'));
    // (a figure the cash flow reads, inventories say, moves cash with it and balances: the
    // cash flow is built from the balance sheet's changes.) FY2013E's difference, and
    // FY2014E's, which opens with that cash; their statuses and the master check fail
    expect(wrong.filter((w) => /HyperFormula 1000$/.test(w))).toHaveLength(2);
    expect(wrong.filter((w) => /HyperFormula "FAIL"$/.test(w)).length).toBeGreaterThanOrEqual(3);
  });

  it('in the model: a forecast rule that moves cash without a balance fails the check in that year and after', () => {
    const d = tempDir('finbook-forecast-');
    dirs.push(d);
    writeFileSync(join(d, 'values.csv'), readFileSync(join(__dirname, 'fixtures/photronics-generic.csv')));
    writeFileSync(
      join(d, 'model.yaml'),
      `finbook_model: 1
template: ${join(ROOT, 'templates/generic.yaml')}
entity: { name: Photronics, currency: USD, scale: thousands }
source: { title: Form 8-K, date: 2011-12-06 }
periods:
  - { id: FY2010, kind: year, start: 2009-11-02, end: 2010-10-31 }
  - { id: FY2011, kind: year, start: 2010-11-01, end: 2011-10-30 }
  - { id: FY2012E, kind: year, start: 2011-10-31, end: 2012-10-28, forecast: true }
  - { id: FY2013E, kind: year, start: 2012-10-29, end: 2013-11-03, forecast: true }
values_file: values.csv
template_changes:
  change_lines:
    - { line: cf.other_investing, formula_for: { forecast: "-10" } }
`,
    );
    const loaded = load(join(d, 'model.yaml'));
    const failed = loaded.results.checks.filter((c) => !c.ok);
    expect(failed.map((c) => `${c.check.spec.id} ${c.row.period}`)).toEqual(['forecast_balances FY2012E', 'forecast_balances FY2013E']);
    // assets short of the cash paid out: 10, then 20
    expect(failed.map((c) => Number(c.difference.toFixed(9)))).toEqual([-10, -20]);
  });
});

(findSoffice() !== null || process.env.CI ? describe : describe.skip)('Photronics with a forecast under LibreOffice', () => {
  it('recalculates to the model values: zero differences', async () => {
    const r = await runCli(['export', MODEL, '--out', out(), '--verify']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/0 differences/);
  }, 120_000);
});
