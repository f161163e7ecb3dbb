// What prints of a sheet with charts: its cells and every chart drawn on it. A chart beside a
// statement's table lies right of the table's last column and would fall outside a print
// area of the cells alone; the Charts sheet prints its charts but not the category labels
// kept below them for the charts to read (helper cells, not a report).
import type { PlannedWorkbook } from '../plan/cells.js';
import type { ResolvedChart } from './model.js';
import { CHARTS_SHEET, needsChartsSheet } from './sheet.js';
import { placeCharts } from './placement.js';

/** The workbook with each sheet's print area covering the charts drawn on it. */
export function withChartPrintAreas(plan: PlannedWorkbook, charts: readonly ResolvedChart[]): PlannedWorkbook {
  if (charts.length === 0) return plan;
  // the last column and row (0-based column, 1-based row) each chart covers, by sheet
  const extent = new Map<string, { lastRow: number; lastCol: number }>();
  for (const { chart, anchor } of placeCharts(plan, charts)) {
    // a chart that ends exactly at a cell's top-left corner does not reach into that cell
    const lastCol = anchor.to.colOff > 0 ? anchor.to.col : anchor.to.col - 1;
    const lastRow = anchor.to.rowOff > 0 ? anchor.to.row + 1 : anchor.to.row;
    const e = extent.get(chart.sheet) ?? { lastRow: 0, lastCol: 0 };
    extent.set(chart.sheet, { lastRow: Math.max(e.lastRow, lastRow), lastCol: Math.max(e.lastCol, lastCol) });
  }
  const chartsSheet = needsChartsSheet(charts) ? CHARTS_SHEET : null;
  return {
    ...plan,
    sheets: plan.sheets.map((sheet) => {
      const e = extent.get(sheet.name);
      if (!e) return sheet;
      // the Charts sheet: its title block and the charts, not the labels below them
      const cells = sheet.name === chartsSheet ? { lastRow: Math.min(sheet.lastRow, 4), lastCol: 0 } : { lastRow: sheet.lastRow, lastCol: sheet.lastCol };
      return { ...sheet, printArea: { lastRow: Math.max(cells.lastRow, e.lastRow), lastCol: Math.max(cells.lastCol, e.lastCol) } };
    }),
  };
}
