// The default IIJ workbook carries the four charts with the release's figures: the
// cached series values are read back from the written chart parts and compared with the
// press release (and with the cells the series point at).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cellsOf } from '../../src/write/charts/refs.js';
import { readXlsx } from '../../src/verify/read-xlsx.js';
import type { ReadWorkbook } from '../../src/verify/read-xlsx.js';
import { DEFAULT_MODEL, runCli, tempDir } from '../helpers/cli.js';
import type { ReadChart } from './read-charts.js';
import { readCharts } from './read-charts.js';

let charts: ReadChart[];
let book: ReadWorkbook;

beforeAll(async () => {
  const out = join(tempDir(), 'iij.xlsx');
  const r = await runCli(['export', DEFAULT_MODEL, '--out', out, '--quiet']);
  expect(r.code, r.stderr).toBe(0);
  const bytes = readFileSync(out);
  charts = readCharts(bytes);
  book = readXlsx(bytes);
});

const byTitle = (title: string): ReadChart => charts.find((c) => c.title === title)!;
const round = (xs: number[], digits: number): number[] => xs.map((x) => Number(x.toFixed(digits)));

describe('charts of the default workbook', () => {
  it('are the four the issue asks for, on the Charts sheet', () => {
    expect(charts.map((c) => [c.title, c.plot, c.grouping, c.sheet])).toEqual([
      ['Revenues by service line, quarterly', 'barChart', 'stacked', 'Charts'],
      ['Revenue portfolio mix, 4Q02', 'doughnutChart', null, 'Charts'],
      ['Gross margin by segment', 'barChart', 'clustered', 'Charts'],
      ['Operating income (loss) and adjusted EBITDA, quarterly', 'barChart', 'clustered', 'Charts'],
    ]);
  });

  it('stack the six service lines to the total revenues of 4Q01, 3Q02 and 4Q02', () => {
    const c = byTitle('Revenues by service line, quarterly');
    expect(c.series.map((s) => s.name)).toEqual(['Dedicated access', 'Dial-up access', 'Value-added services', 'Other connectivity', 'Systems integration', 'Equipment sales']);
    expect(c.series[0]!.values).toEqual([3643141, 3404016, 3341255]);
    const totals = [0, 1, 2].map((i) => c.series.reduce((sum, s) => sum + s.values[i]!, 0));
    expect(totals).toEqual([12109774, 10563578, 13036439]);
    expect(c.series[0]!.categories).toEqual(['4Q01', '3Q02', '4Q02']);
  });

  it('show the 4Q02 portfolio mix in the slide order, adding to 100%, each service named as in the revenue chart', () => {
    const s = byTitle('Revenue portfolio mix, 4Q02').series[0]!;
    expect(s.categories).toEqual(['Dedicated access', 'Dial-up access', 'Systems integration', 'Value-added services', 'Equipment sales', 'Other connectivity']);
    expect(round(s.values, 3)).toEqual([0.256, 0.059, 0.376, 0.071, 0.208, 0.029]);
    expect(s.values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('colour each service line the same in both revenue charts (the doughnut coloured by position did not)', () => {
    const seriesFill = (xml: string): string[] => [...xml.matchAll(/<c:ser>[\s\S]*?<\/c:tx><c:spPr><a:solidFill><a:srgbClr val="([0-9A-F]{6})"/g)].map((m) => m[1]!);
    const sliceFill = (xml: string): string[] => [...xml.matchAll(/<c:dPt><c:idx val="\d+"\/><c:bubble3D val="0"\/><c:spPr><a:solidFill><a:srgbClr val="([0-9A-F]{6})"/g)].map((m) => m[1]!);
    const column = byTitle('Revenues by service line, quarterly');
    const doughnut = byTitle('Revenue portfolio mix, 4Q02');
    const byName = new Map(column.series.map((s, i) => [s.name!, seriesFill(column.xml)[i]!]));
    const slices = sliceFill(doughnut.xml);
    expect(new Set(byName.values()).size).toBe(6);
    expect(slices).toHaveLength(6);
    doughnut.series[0]!.categories.forEach((name, i) => expect(slices[i], name).toBe(byName.get(name)));
  });

  it('show the gross margins the release quotes (SI 11.2% in 4Q01, 13.4% in 4Q02)', () => {
    const c = byTitle('Gross margin by segment');
    expect(c.series.map((s) => s.name)).toEqual(['4Q01', '3Q02', '4Q02']);
    expect(c.series[0]!.categories).toEqual(['Connectivity and VAS', 'Systems integration', 'Equipment sales', 'Total']);
    expect(round([c.series[0]!.values[1]!, c.series[2]!.values[1]!], 3)).toEqual([0.112, 0.134]);
  });

  it('set operating income against adjusted EBITDA as the reconciliation prints them', () => {
    const c = byTitle('Operating income (loss) and adjusted EBITDA, quarterly');
    expect(c.series.map((s) => [s.name, s.values])).toEqual([
      ['Operating income (loss)', [186, -567, -446]],
      ['Adjusted EBITDA', [968, 349, 459]],
    ]);
  });

  it('cache exactly what the cells they point at hold', () => {
    const value = (a: { sheet: string; col: number; row: number }): unknown =>
      [...book.sheets.find((s) => s.name === a.sheet)!.cells.values()].find((c) => c.col === a.col && c.row === a.row)?.value;
    for (const c of charts)
      for (const s of c.series) {
        expect(cellsOf(s.valuesRef).map(value), c.title).toEqual(s.values);
        expect(cellsOf(s.categoriesRef!).map(value), c.title).toEqual(s.categories);
      }
  });
});
