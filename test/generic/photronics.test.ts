// The second worked example: Photronics, Inc. fiscal 2011 on the generic template. The model
// carries every figure the three exhibits print (annual columns, `printed:`): the printed
// line items are the model's inputs (finbook checks each equals its CSV value), the printed
// totals are live formulas that tie to the printed figures on the Tie-out sheet, and every
// check passes; with LibreOffice, the exported workbook recalculates to the same values.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/issues.js';
import { findSoffice } from '../../src/office/index.js';
import { loadAndCompute } from '../../src/pipeline.js';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

const MODEL = join(ROOT, 'data/photronics-fy2011.yaml');

/** The exhibits' totals: printed, and derived by the template's formulas. */
const TOTALS = [
  'is.operating_income',
  'is.pretax_income',
  'is.net_income',
  'is.net_income_parent',
  'bs.total_current_assets',
  'bs.total_assets',
  'bs.total_current_liabilities',
  'bs.total_liabilities_equity',
  'cf.net_cash_operating',
  'cf.net_cash_investing',
  'cf.net_cash_financing',
  'cf.net_change_in_cash',
  'cf.cash_ending',
];

/** Figures printed on two exhibits, typed once: links to the other exhibit's cell. */
const LINKS = ['cf.net_income[FY2011]', 'cf.net_income[FY2010]', 'cf.cash_beginning[FY2011]'];

describe('Photronics fiscal 2011 (data/photronics-fy2011.yaml)', () => {
  const loaded = loadAndCompute(MODEL);
  if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
  const { program, results } = loaded.value;
  const printed = program.printed;

  it('carries every figure of the three exhibits: 59 lines for both years', () => {
    expect(new Set(printed.all.map((f) => f.line.key)).size).toBe(59);
    expect(printed.all).toHaveLength(118);
    expect(new Set(printed.all.map((f) => f.column.period))).toEqual(new Set(['FY2011', 'FY2010']));
  });

  it('computes each printed total and link with a live formula, and it ties to the printed figure within rounding', () => {
    const derived = printed.all.filter((f) => !f.input);
    expect(derived.filter((f) => !TOTALS.includes(f.line.key)).map((f) => `${f.line.key}[${f.column.period}]`)).toEqual(LINKS);
    expect([...new Set(derived.map((f) => f.line.key))].filter((k) => TOTALS.includes(k))).toEqual(TOTALS);
    for (const key of TOTALS) {
      const [sheet, id] = key.split('.') as [string, string];
      expect(program.sheetById.get(sheet)!.lines.get(id)!.node, `${key} is a formula`).not.toBeNull();
    }
    expect(results.tieOut.rows.map((r) => r.figure)).toEqual(derived);
    // whole thousands, summed exactly: every total is the printed figure, to the unit
    for (const r of results.tieOut.rows) expect(r.differenceUnits!.toNumber(), `${r.figure.line.key} ${r.figure.column.period}`).toBe(0);
  });

  it('enters every printed line item exactly once: every input of the workbook is a printed figure, equal to it', () => {
    const printedInputs = new Set(printed.all.filter((f) => f.input).map((f) => f.line.key));
    const inputs = program.order.filter((l) => l.node === null).map((l) => l.key);
    expect(inputs.filter((k) => !printedInputs.has(k))).toEqual([]);
    // an input equal to its printed figure is not listed on the Tie-out sheet
    expect(printed.all.filter((f) => f.input && f.listed)).toEqual([]);
  });

  it('exports with every check OK: the balance sheet balances, the cash flows reach its cash, the printed figures tie out', async () => {
    const dir = tempDir();
    const out = join(dir, 'photronics.xlsx');
    const r = await runCli(['export', MODEL, '--out', out]);
    rmSync(dir, { recursive: true, force: true });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\(9 sheets, 5\/5 checks OK\)/);
    expect(results.checks.map((c) => `${c.check.spec.id} ${c.row.period ?? ''}`.trim())).toEqual([
      'balance_sheet_balances FY2011',
      'balance_sheet_balances FY2010',
      'cash_ties FY2011',
      'cash_ties FY2010',
      'tie_out',
    ]);
  });
});

// LibreOffice: here when installed, and always under CI (where a missing soffice fails).
(findSoffice() !== null || process.env.CI ? describe : describe.skip)('Photronics fiscal 2011 under LibreOffice', () => {
  it('recalculates to the model values: zero differences', async () => {
    const out = join(tempDir(), 'photronics.xlsx');
    const r = await runCli(['export', MODEL, '--out', out, '--verify']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/0 differences/);
  });
});
