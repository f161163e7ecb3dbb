// The second worked example: Photronics, Inc. fiscal 2011 on the generic template. Every
// figure printed in the three exhibits (annual columns) must come out of the model, the
// printed totals as formulas, and every check must pass; with LibreOffice, the exported
// workbook must recalculate to the same values (zero differences).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/issues.js';
import { findSoffice } from '../../src/office/index.js';
import { loadAndCompute } from '../../src/pipeline.js';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

const MODEL = join(ROOT, 'data/photronics-fy2011.yaml');

/** [exhibit label, line, fiscal 2011, fiscal 2010, printed as a total]: exhibits 99.2-99.4 as printed, brackets as minus. */
const PRINTED: [string, string, number, number, boolean?][] = [
  // Exhibit 99.2, Condensed Consolidated Statements of Income, Year Ended
  ['Net sales', 'is.revenue', 512020, 425554],
  ['Cost of sales', 'is.cost_of_revenue', -375806, -333739],
  ['Selling, general and administrative', 'is.selling_general_admin', -45240, -42387],
  ['Research and development', 'is.research_development', -15507, -14932],
  ['Consolidation, restructuring and related credits', 'is.restructuring_impairment', 0, 4979],
  ['Operating income', 'is.operating_income', 75467, 39475, true],
  ['Debt extinguishment loss', 'is.debt_extinguishment_loss', -35259, 0],
  ['Other expense, net', 'is.other_income', -4309, -6922],
  ['Income before income taxes', 'is.pretax_income', 35899, 32553, true],
  ['Income tax provision', 'is.income_tax', -15691, -7471],
  ['Net income', 'is.net_income', 20208, 25082, true],
  ['Net (income) loss attributable to noncontrolling interests', 'is.noncontrolling_interests', -3979, -1160],
  ['Net income attributable to Photronics, Inc.', 'is.net_income_parent', 16229, 23922, true],
  ['Earnings per share: Basic', 'is.eps_basic', 0.28, 0.45],
  ['Earnings per share: Diluted', 'is.eps_diluted', 0.28, 0.43],
  ['Weighted-average number of common shares outstanding: Basic', 'is.shares_basic', 57030, 53433],
  ['Weighted-average number of common shares outstanding: Diluted', 'is.shares_diluted', 58458, 65803],
  // Exhibit 99.3, Condensed Consolidated Balance Sheets, October 30, 2011 and October 31, 2010
  ['Cash and cash equivalents', 'bs.cash', 189928, 98945],
  ['Accounts receivable', 'bs.accounts_receivable', 85540, 82951],
  ['Inventories', 'bs.inventories', 22100, 15502],
  ['Other current assets', 'bs.other_current_assets', 7639, 8404],
  ['Total current assets', 'bs.total_current_assets', 305207, 205802, true],
  ['Property, plant and equipment, net', 'bs.property_plant_equipment', 368680, 369814],
  ['Investment in joint venture', 'bs.investment_in_joint_venture', 79984, 61127],
  ['Intangible assets, net', 'bs.intangible_assets', 42462, 47748],
  ['Other assets', 'bs.other_noncurrent_assets', 21521, 19388],
  ['(total assets, printed without a label)', 'bs.total_assets', 817854, 703879, true],
  ['Current portion of long-term borrowings', 'bs.short_term_debt', 5583, 11467],
  ['Accounts payable and accrued liabilities', 'bs.accounts_payable', 90318, 107762],
  ['Total current liabilities', 'bs.total_current_liabilities', 95901, 119229, true],
  ['Long-term borrowings', 'bs.long_term_debt', 152577, 78852],
  ['Other liabilities', 'bs.other_noncurrent_liabilities', 9620, 9855],
  ['Equity', 'bs.equity', 559756, 495943],
  ['(total liabilities and equity, printed without a label)', 'bs.total_liabilities_equity', 817854, 703879, true],
  // Exhibit 99.4, Condensed Consolidated Statements of Cash Flows, Year Ended
  ['Net income', 'cf.net_income', 20208, 25082],
  ['Depreciation and amortization', 'cf.depreciation_amortization', 93460, 90300],
  ['Debt extinguishment loss', 'cf.debt_extinguishment_loss', 27399, 0],
  ['Consolidation, restructuring, and related credits', 'cf.restructuring_credits', 0, -5059],
  ['Changes in assets and liabilities and other', 'cf.working_capital_changes', -4514, -14404],
  ['Net cash provided by operating activities', 'cf.net_cash_operating', 136553, 95919, true],
  ['Purchases of property, plant and equipment', 'cf.capital_expenditures', -82121, -71381],
  ['Investments in joint venture', 'cf.investments_in_joint_venture', -18271, 0],
  ['Proceeds from sale of facility', 'cf.proceeds_sale_of_facility', 0, 12880],
  ['Other', 'cf.other_investing', -345, 289],
  ['Net cash used in investing activities', 'cf.net_cash_investing', -100737, -58212, true],
  ['Proceeds from issuance of convertible debt', 'cf.borrowings', 115000, 0],
  ['Proceeds from long-term borrowings', 'cf.long_term_borrowings', 17000, 41680],
  ['Repayments of long-term borrowings', 'cf.debt_repayments', -64107, -72932],
  ['Payments of deferred financing fees', 'cf.deferred_financing_fees', -4318, -1285],
  ['Repurchase of common stock of subsidiary', 'cf.subsidiary_share_repurchase', -9878, 0],
  ['Proceeds from exercise of share-based arrangements', 'cf.shares_issued', 828, 81],
  ['Net cash provided by (used in) financing activities', 'cf.net_cash_financing', 54525, -32456, true],
  ['Effect of exchange rate changes on cash', 'cf.fx_effect', 642, 5155],
  ['Net increase in cash and cash equivalents', 'cf.net_change_in_cash', 90983, 10406, true],
  ['Cash and cash equivalents, beginning of year', 'cf.cash_beginning', 98945, 88539],
  ['Cash and cash equivalents, end of year', 'cf.cash_ending', 189928, 98945, true],
  ['Capital lease obligation for purchase of equipment', 'cf.capital_lease_obligation', 21248, 0],
  ['Common stock issued to extinguish debt', 'cf.stock_issued_to_extinguish_debt', 20234, 0],
  ['Changes in accrual for purchases of property, plant and equipment', 'cf.ppe_accrual_change', -20836, 28717],
];

describe('Photronics fiscal 2011 (data/photronics-fy2011.yaml)', () => {
  const loaded = loadAndCompute(MODEL);
  if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
  const { program, results } = loaded.value;

  it.each(PRINTED)('reproduces %s (%s)', (_label, key, fy2011, fy2010, total) => {
    const [sheet, id] = key.split('.') as [string, string];
    const line = program.sheetById.get(sheet)?.lines.get(id);
    expect(line, `${key} is in the workbook`).toBeDefined();
    expect(results.value(line!, 'FY2011').toNumber()).toBe(fy2011);
    expect(results.value(line!, 'FY2010').toNumber()).toBe(fy2010);
    // a printed total is a live formula, never a typed-in figure
    if (total) expect(line!.node, `${key} is a formula`).not.toBeNull();
  });

  it('enters every printed line item exactly once: every input of the workbook is a printed figure', () => {
    const printed = new Set(PRINTED.map(([, key]) => key));
    const inputs = program.order.filter((l) => l.node === null).map((l) => l.key);
    expect(inputs.filter((k) => !printed.has(k))).toEqual([]);
  });

  it('exports with every check OK: the balance sheet balances and the cash flows reach its cash', async () => {
    const out = join(tempDir(), 'photronics.xlsx');
    const r = await runCli(['export', MODEL, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/4\/4 checks OK/);
    expect(results.checks.map((c) => `${c.check.spec.id} ${c.row.period}`)).toEqual([
      'balance_sheet_balances FY2011',
      'balance_sheet_balances FY2010',
      'cash_ties FY2011',
      'cash_ties FY2010',
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
