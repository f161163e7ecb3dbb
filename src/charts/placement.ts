// Where each chart is drawn: the Charts sheet's grid, or beside the tables of a statement
// sheet. The print areas (print-area.ts) and the drawing parts (write/charts/) both follow it.
import { HEADER_ROWS } from '../layout/layout.js';
import type { PlannedSheet, PlannedWorkbook } from '../plan/cells.js';
import type { ResolvedChart } from './model.js';
import type { Anchor, RowPixels, SheetGrid } from './place.js';
import { anchorFor, layoutBoxes, pointsToPixels, ROW_PX } from './place.js';
import { chartsGrid, CHARTS_SHEET, needsChartsSheet } from './sheet.js';

/** A chart and the cells its drawing spans. */
export interface PlacedChart {
  chart: ResolvedChart;
  anchor: Anchor;
}

function rowPixels(sheet: PlannedSheet): RowPixels {
  const heights = new Map<number, number>();
  for (const r of sheet.rows) if (r.height !== undefined) heights.set(r.row, pointsToPixels(r.height));
  return (row) => heights.get(row) ?? ROW_PX;
}

/** Anchors for every chart: the Charts sheet's grid, or beside the tables of a statement sheet. */
export function placeCharts(plan: PlannedWorkbook, charts: readonly ResolvedChart[]): PlacedChart[] {
  const planned = new Map(plan.sheets.map((s) => [s.name, s]));
  const grids = new Map<string, SheetGrid>();
  // a statement sheet may be called Charts only when there is no Charts sheet (resolve.ts)
  const chartsSheet = needsChartsSheet(charts);
  const grid = (sheet: string): SheetGrid => {
    if (chartsSheet && sheet === CHARTS_SHEET) return chartsGrid();
    let g = grids.get(sheet);
    if (!g) {
      const s = planned.get(sheet);
      if (!s) throw new Error(`internal: chart on unplanned sheet '${sheet}'`);
      // one empty column after the last table column, level with the first table
      g = { widths: s.widths, rowPx: rowPixels(s), firstCol: s.lastCol + 2, firstRow: HEADER_ROWS + 1, perRow: 1 };
      grids.set(sheet, g);
    }
    return g;
  };
  const boxes = layoutBoxes(charts, grid);
  return charts.map((chart, i) => {
    const g = grid(chart.sheet);
    return { chart, anchor: anchorFor(boxes[i]!, g.widths, g.rowPx) };
  });
}
