// Each chart series points at the cells of the lines and periods the template names, and its
// cached values and labels are exactly what those cells hold. The expected cells are found
// independently of the layout code: by the line's label in column A and the period's column
// title in the header row of the written sheet.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cellsOf } from '../../src/write/charts/refs.js';
import type { ReadSheet, ReadWorkbook } from '../../src/verify/read-xlsx.js';
import { readXlsx } from '../../src/verify/read-xlsx.js';
import { runCli, tempDir } from '../helpers/cli.js';
import type { ReadChart } from './read-charts.js';
import { readCharts } from './read-charts.js';

const FIXTURE = join(__dirname, 'fixtures/basic/model.yaml');

// What the fixture's template asks for: line labels (column A) and period column titles.
const LABEL = {
  dedicated_access: 'Dedicated access services (2)',
  dialup_access: 'Dial-up access services',
  systems_integration: 'Systems integration revenues',
  equipment_sales: 'Equipment sales',
  operating_income: 'Operating income (loss)',
  gm_cva: 'Connectivity',
  gm_si: 'Systems integration',
  gm_equipment: 'Equipment sales',
  cash: 'Cash',
  receivables: 'Accounts receivable',
  other_assets: 'Other assets',
} as const;
type LineId = keyof typeof LABEL;
const TITLE: Record<string, string> = { '4Q02': '4Q02', '4Q01': '4Q01', '3Q02': '3Q02', Mar03: 'Mar 31, 2003', Dec02: 'Dec 31, 2002' };

let book: ReadWorkbook;
let charts: ReadChart[];

beforeAll(async () => {
  const out = join(tempDir(), 'fixture.xlsx');
  const r = await runCli(['export', FIXTURE, '--out', out, '--quiet']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const bytes = readFileSync(out);
  book = readXlsx(bytes);
  charts = readCharts(bytes);
});

const sheetNamed = (name: string): ReadSheet => book.sheets.find((s) => s.name === name)!;
const text = (sheet: ReadSheet, col: number, row: number): unknown => [...sheet.cells.values()].find((c) => c.col === col && c.row === row)?.value;

/** The cell of a line (by its label in column A) and a period (by its column title), searched in the written sheet. */
function cellOf(sheetName: string, line: LineId, period: string, section?: string): { col: number; row: number } {
  const sheet = sheetNamed(sheetName);
  const cells = [...sheet.cells.values()];
  const sectionRow = section ? cells.find((c) => c.col === 0 && c.value === section)!.row : 0;
  const row = cells.filter((c) => c.col === 0 && c.value === LABEL[line] && c.row > sectionRow).sort((a, b) => a.row - b.row)[0]!.row;
  const header = cells.filter((c) => c.value === TITLE[period] && c.row < row).sort((a, b) => b.row - a.row)[0]!;
  return { col: header.col, row };
}

function valuesAt(ref: string): unknown[] {
  return cellsOf(ref).map((a) => text(sheetNamed(a.sheet), a.col, a.row));
}

const chart = (title: string): ReadChart => {
  const c = charts.find((x) => x.title === title);
  if (!c) throw new Error(`no chart '${title}' among ${charts.map((x) => x.title).join(', ')}`);
  return c;
};

describe('series references of the fixture', () => {
  it('writes every chart of the template, on the sheet it names', () => {
    expect(charts.map((c) => [c.title, c.sheet, c.plot, c.grouping])).toEqual([
      ["Assets at Mar 31, 2003", "Company's Balance", 'pieChart', null],
      ['Revenue by service line', 'Charts', 'barChart', 'stacked'],
      ['Revenue mix 4Q02', 'Charts', 'doughnutChart', null],
      ['Gross margin by segment', 'Charts', 'barChart', 'clustered'],
      ['Operating income (loss)', 'Charts', 'lineChart', 'standard'],
    ]);
  });

  it('points a series per line at that line over the periods, in the order given (stacked column)', () => {
    const c = chart('Revenue by service line');
    const lines: LineId[] = ['dedicated_access', 'dialup_access', 'systems_integration', 'equipment_sales'];
    expect(c.series.map((s) => s.name)).toEqual(['Dedicated access', 'Dial-up access', 'Systems integration', 'Equipment sales']);
    c.series.forEach((s, i) => {
      expect(cellsOf(s.valuesRef)).toEqual(['4Q01', '3Q02', '4Q02'].map((p) => ({ sheet: 'IS Quarter', ...cellOf('IS Quarter', lines[i]!, p) })));
    });
    // 4Q02 comes first on the sheet (column B), 4Q01 and 3Q02 are neighbours (D:E): a union in time order
    expect(c.series[0]!.valuesRef).toMatch(/^\('IS Quarter'!\$D\$\d+:\$E\$\d+,'IS Quarter'!\$B\$\d+\)$/);
  });

  it('points a series per period at the lines (doughnut, clustered column)', () => {
    const mix = chart('Revenue mix 4Q02');
    expect(mix.series).toHaveLength(1);
    expect(cellsOf(mix.series[0]!.valuesRef)).toEqual((['dedicated_access', 'dialup_access', 'systems_integration', 'equipment_sales'] as LineId[]).map((l) => ({ sheet: 'IS Quarter', ...cellOf('IS Quarter', l, '4Q02') })));
    const margin = chart('Gross margin by segment');
    expect(margin.series.map((s) => s.name)).toEqual(['4Q01', '3Q02', '4Q02']);
    margin.series.forEach((s, i) => {
      const period = ['4Q01', '3Q02', '4Q02'][i]!;
      expect(cellsOf(s.valuesRef)).toEqual((['gm_cva', 'gm_si', 'gm_equipment'] as LineId[]).map((l) => ({ sheet: 'IS Quarter', ...cellOf('IS Quarter', l, period, 'Gross margin ratios') })));
    });
  });

  it('reads a sheet whose name needs quotes and doubled apostrophes', () => {
    const c = chart('Assets at Mar 31, 2003');
    expect(c.series[0]!.valuesRef.startsWith("'Company''s Balance'!")).toBe(true);
    expect(cellsOf(c.series[0]!.valuesRef)).toEqual((['cash', 'receivables', 'other_assets'] as LineId[]).map((l) => ({ sheet: "Company's Balance", ...cellOf("Company's Balance", l, 'Mar03') })));
  });

  it('caches exactly the values the referenced cells cache', () => {
    for (const c of charts)
      for (const s of c.series) {
        expect(s.values.length).toBeGreaterThan(0);
        expect(valuesAt(s.valuesRef), `${c.title} / ${s.name ?? s.nameRef}`).toEqual(s.values);
      }
  });

  it('takes category labels from cells, cached as those cells read', () => {
    for (const c of charts)
      for (const s of c.series) {
        expect(s.categoriesRef, c.title).not.toBeNull();
        expect(valuesAt(s.categoriesRef!)).toEqual(s.categories);
      }
    // statement labels where the template renames nothing, the Charts sheet's label cells otherwise
    expect(chart('Revenue mix 4Q02').series[0]!.categories).toEqual(['Dedicated access services (2)', 'Dial-up access services', 'Systems integration revenues', 'Equipment sales']);
    expect(chart('Revenue mix 4Q02').series[0]!.categoriesRef).toMatch(/^\('IS Quarter'!\$A\$\d+:\$A\$\d+,'IS Quarter'!\$A\$\d+:\$A\$\d+\)$/);
    expect(chart('Operating income (loss)').series[0]!.categories).toEqual(['Mar 2002', 'Dec 2002', 'Mar 2003']);
    expect(cellsOf(chart('Operating income (loss)').series[0]!.categoriesRef!).every((a) => a.sheet === 'Charts')).toBe(true);
  });

  it('names a series after its statement label cell when the template gives no label', () => {
    const s = chart('Operating income (loss)').series[0]!;
    expect(s.nameRef).not.toBeNull();
    expect(valuesAt(s.nameRef!)).toEqual(['Operating income (loss)']);
  });

  it('caches values with the number format of their cells', () => {
    expect(chart('Gross margin by segment').series[0]!.formatCode).toBe('#,##0.0%_);(#,##0.0%);"-"_)');
    expect(chart('Revenue by service line').series[0]!.formatCode).toBe('#,##0_);(#,##0);"-"_)');
  });
});
