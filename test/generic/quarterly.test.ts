// The worked quarterly example (data/quarterly-example.yaml) on the generic template: eight
// quarters and two fiscal years, each figure typed once per quarter, the years live sums of
// their quarters, a balance sheet at every quarter end, every beginning cash a link to the
// balance sheet of the day before, all checks OK, and LibreOffice recalculating every cell
// to the cached value.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isInputCell } from '../../src/compile/program.js';
import { formatIssue } from '../../src/issues.js';
import { a1 } from '../../src/layout/a1.js';
import { findSoffice } from '../../src/office/index.js';
import { loadAndCompute } from '../../src/pipeline.js';
import { readXlsx } from '../../src/verify/read-xlsx.js';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

const MODEL = join(ROOT, 'data/quarterly-example.yaml');
const QUARTERS = { FY2024: ['1Q24', '2Q24', '3Q24', '4Q24'], FY2025: ['1Q25', '2Q25', '3Q25', '4Q25'] };

describe('the quarterly example', () => {
  const loaded = loadAndCompute(MODEL);
  if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
  const { program, results, layout, warnings } = loaded.value;
  const line = (key: string) => {
    const [s, id] = key.split('.') as [string, string];
    return program.sheetById.get(s)!.lines.get(id)!;
  };

  it('loads without a warning and exports with every check OK', async () => {
    expect(warnings).toEqual([]);
    const out = join(tempDir(), 'quarterly.xlsx');
    const r = await runCli(['export', MODEL, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/19\/19 checks OK/);
  });

  it('computes each fiscal year of the income statement and cash flow as a live SUM of its four quarters', async () => {
    const out = join(tempDir(), 'quarterly.xlsx');
    expect((await runCli(['export', MODEL, '--out', out])).code).toBe(0);
    const wb = readXlsx(readFileSync(out));
    for (const key of ['is.revenue', 'is.cost_of_revenue', 'is.income_tax', 'cf.capital_expenditures', 'cf.dividends_paid'])
      for (const [year, quarters] of Object.entries(QUARTERS)) {
        const l = line(key);
        const at = layout.address(l, year);
        const first = layout.address(l, quarters[0]!);
        const last = layout.address(l, quarters[3]!);
        const cell = wb.sheets.find((s) => s.name === at.sheet)!.cells.get(a1(at.col, at.row))!;
        expect(cell.formula, `${key}[${year}]`).toBe(`SUM(${a1(first.col, first.row)}:${a1(last.col, last.row)})`);
        expect(cell.value).toBe(quarters.reduce((sum, q) => sum + results.cellValue(l, q), 0));
        expect(quarters.every((q) => isInputCell(l, l.table.periodIndex.get(q)!))).toBe(true);
      }
  });

  it('types every figure once: no cash-flow net income, no beginning cash', () => {
    for (const key of ['cf.net_income', 'cf.cash_beginning']) {
      const l = line(key);
      expect(l.table.valuePeriods.filter((_, i) => isInputCell(l, i)), key).toEqual([]);
    }
    // the first quarter and the first year open with the balance sheet of Jun 30, 2023
    expect(results.cellValue(line('cf.cash_beginning'), '1Q24')).toBe(results.cellValue(line('bs.cash'), 'Jun23'));
    expect(results.cellValue(line('cf.cash_beginning'), 'FY2024')).toBe(results.cellValue(line('bs.cash'), 'Jun23'));
    expect(results.cellValue(line('cf.cash_beginning'), '3Q25')).toBe(results.cellValue(line('bs.cash'), '2Q25'));
  });

  it('shows one balance-sheet column per balance date: the opening date and the eight quarter ends', () => {
    expect(line('bs.cash').table.valuePeriods).toEqual(['Jun23', '1Q24', '2Q24', '3Q24', '4Q24', '1Q25', '2Q25', '3Q25', '4Q25']);
  });
});

(findSoffice() !== null || process.env.CI ? describe : describe.skip)('the quarterly example under LibreOffice', () => {
  it('recalculates to the model values: zero differences', async () => {
    const out = join(tempDir(), 'quarterly.xlsx');
    const r = await runCli(['export', MODEL, '--out', out, '--verify']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/0 differences/);
  }, 120_000);
});
