// What an analyst reads on the pages, checked on the planned workbook (the rendered pages
// are in docs/images/pages): units under every statement's title, "n/m" where a ratio
// means nothing, the Checks sheet's formats and master check, one page per statement, and
// charts' helper cells outside the print area.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlannedCell, PlannedSheet, PlannedWorkbook } from '../../src/plan/cells.js';
import { a1 } from '../../src/layout/a1.js';
import { sheetFit } from '../../src/write/sheet-writer.js';
import { DEFAULT_MODEL, ROOT } from '../helpers/cli.js';
import { planModel } from '../verify/support.js';

let iij: PlannedWorkbook;
let photronics: PlannedWorkbook;
let awkward: PlannedWorkbook;

beforeAll(() => {
  iij = planModel(DEFAULT_MODEL);
  photronics = planModel(join(ROOT, 'data/photronics-fy2011.yaml'));
  awkward = planModel(join(ROOT, 'test/structure/fixtures/awkward/model.yaml'));
});

const sheet = (wb: PlannedWorkbook, name: string): PlannedSheet => wb.sheets.find((s) => s.name === name)!;
const cell = (s: PlannedSheet, ref: string): PlannedCell | undefined => {
  for (const r of s.rows) for (const c of r.cells) if (a1(c.col, r.row) === ref) return c;
  return undefined;
};
/** The number formats of a row's figures. */
const formats = (cells: PlannedCell[]): string[] => cells.flatMap((c) => (c.kind === 'text' ? [] : [c.format]));

/** The cell of a labelled row in a column, by the row's label in column A. */
function at(s: PlannedSheet, label: string, col: number): PlannedCell | undefined {
  const row = s.rows.find((r) => r.cells.some((c) => c.col === 0 && c.kind === 'text' && c.text === label));
  return row?.cells.find((c) => c.col === col);
}

describe('units under every statement’s title', () => {
  it.each([
    ['Income Statement', 'Thousands of USD, except per-share amounts and counts'],
    ['Balance Sheet', 'Thousands of USD'],
    ['Cash Flows', 'Thousands of USD'],
    ['KPIs', 'Thousands of USD, except percentages and ratios'],
  ])('Photronics %s (the generic template names none): %s', (name, units) => {
    expect(cell(sheet(photronics, name), 'A4')).toMatchObject({ kind: 'text', role: 'units', text: units });
  });
});

describe('n/m where a change or share means nothing', () => {
  it('a change over a zero base is n/m, decided live by the formula (Photronics debt extinguishment loss)', () => {
    const change = at(sheet(photronics, 'Income Statement'), 'Debt extinguishment loss', 3)!;
    // the generic template marks changes of sign too (n_m: sign_change)
    expect(change).toMatchObject({ kind: 'formula', value: 'n/m', formula: 'IF(OR(C19=0,SIGN(B19)*SIGN(C19)<0),"n/m",(B19-C19)/C19)' });
  });

  it('a change over a negative base is the release’s signed ratio in the IIJ workbook ((169.3)% for income tax)', () => {
    const change = at(sheet(iij, 'IS Quarter'), 'Income tax expense(benefit)', 6) as Extract<PlannedCell, { kind: 'formula' }>;
    expect(change.value).toBeCloseTo(-1.6928, 4);
  });

  it('with n_m: sign_change, a change across zero is n/m and a change to zero is -100%', () => {
    const pl = sheet(awkward, 'Gewinn–Verlust€');
    expect(at(pl, 'Profit (loss)', 5)).toMatchObject({ value: 'n/m', formula: 'IF(OR(D11=0,SIGN(B11)*SIGN(D11)<0),"n/m",(B11-D11)/D11)' });
    expect(at(pl, 'Profit (loss)', 4)).toMatchObject({ value: -1.6 }); // zero_base: (-300 - 500) / 500
    expect(at(pl, 'Licences', 5)).toMatchObject({ value: -1 });
    expect(at(pl, 'Services', 4)).toMatchObject({ value: 'n/m' });
  });
});

describe('the Checks sheet', () => {
  it('counts its own rows in the master check', () => {
    const checks = sheet(iij, 'Checks');
    const last = Math.max(...checks.rows.map((r) => r.row));
    expect(cell(checks, 'G6')).toMatchObject({ kind: 'formula', formula: `IF(COUNTIF(G9:G${last},"OK")=ROWS(G9:G${last}),"OK","FAIL")`, value: 'OK' });
  });

  it('shows each check in the format of its figures, and differences and tolerances with the decimals the tolerance needs', () => {
    const checks = sheet(iij, 'Checks');
    const row = (label: string): PlannedCell[] => checks.rows.find((r) => r.cells.some((c) => c.kind === 'text' && c.text === label))!.cells;
    const balance = row('Balance sheet: assets = liabilities + minority interest + equity');
    expect(formats(balance)).toEqual(['amount', 'amount', 'decimals_0', 'decimals_0', 'status']);
    const perAds = row('Net loss per ADS equivalent: computed = printed in the release');
    expect(formats(perAds)).toEqual(['amount_2dp', 'amount_2dp', 'decimals_3', 'decimals_3', 'status']);
  });
});

describe('printing', () => {
  it.each([
    ['IIJ', () => iij, ['IS Quarter', 'IS Annual', 'Balance Sheet', 'Cash Flow Quarter', 'Cash Flow Annual']],
    ['Photronics', () => photronics, ['Income Statement', 'Balance Sheet', 'Cash Flows']],
  ] as const)('every %s statement prints on one page', (_name, wb, names) => {
    for (const name of names) expect(sheetFit(sheet(wb(), name)), name).toMatchObject({ fitToHeight: 1 });
  });

  it('leaves the Charts sheet’s category labels out of its print area, and takes a chart beside a table into its sheet’s', () => {
    const charts = sheet(iij, 'Charts');
    const labelsAt = charts.rows.find((r) => r.cells.some((c) => c.kind === 'text' && c.text.startsWith('Category labels')))!.row;
    expect(charts.printArea!.lastRow).toBeLessThan(labelsAt);
    const bs = sheet(awkward, 'Bilanz 📊');
    expect(bs.printArea!.lastCol).toBeGreaterThan(bs.lastCol + 1);
  });
});
