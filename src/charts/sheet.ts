// The Charts sheet: a title block, the charts that name no sheet of their own (two across),
// and below them the category labels that no statement cell holds (period names, renamed
// lines). Charts read those labels from here because a chart's categories must be a cell
// reference to show in every viewer: LibreOffice ignores literal categories (c:strLit).
import type { PlannedRow, PlannedSheet } from '../plan/cells.js';
import type { ResolvedChart } from './model.js';
import type { Box, Frame, SheetGrid } from './place.js';
import { columnsSpanned, defaultRows, layoutBoxes, rowsSpanned } from './place.js';
import type { ChartSpec } from '../model/chart-schema.js';
import { titleBlock } from '../plan/title-block.js';

export const CHARTS_SHEET = 'Charts';
export const DEFAULT_WIDTH = 640;
export const DEFAULT_HEIGHT = 360;
const FIRST_ROW = 6;
/** Column A is a narrow margin; every other column is Excel's default 64 px. */
const MARGIN_WIDTH = 2;
const GRID_WIDTH = 9.140625;
const MAX_COLS = 16_384;
/** Labels sit in column B, under a heading two rows below the lowest chart. */
export const LABEL_COL = 1;

export function chartsSheetWidths(cols: number): number[] {
  // filled, not mapped: the Charts grid has all 16,384 columns, and a callback per column cost an export milliseconds
  const widths = new Array<number>(Math.max(1, cols)).fill(GRID_WIDTH);
  widths[0] = MARGIN_WIDTH;
  return widths;
}

let grid: SheetGrid | undefined;
/** The Charts sheet's grid, all of Excel's columns: made on first use, not when the module loads (an export without charts never needs its 16,384 widths). */
export function chartsGrid(): SheetGrid {
  return (grid ??= { widths: chartsSheetWidths(MAX_COLS), rowPx: defaultRows, firstCol: 1, firstRow: FIRST_ROW, perRow: 2 });
}

/** Top-left cell (0-based column, 1-based row) of an `anchor: K6` field. */
export function parseAnchor(ref: string): { col: number; row: number } {
  const m = /^([A-Z]+)([0-9]+)$/.exec(ref);
  if (!m) throw new Error(`internal: anchor ${ref} passed the schema`);
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { col: col - 1, row: Number(m[2]) };
}

export function frameOf(spec: ChartSpec, sheet: string): Frame {
  return { sheet, anchor: spec.anchor ? parseAnchor(spec.anchor) : null, width: spec.width ?? DEFAULT_WIDTH, height: spec.height ?? DEFAULT_HEIGHT };
}

export interface ChartsSheetLayout {
  /** Boxes of the charts drawn on the Charts sheet, in template order. */
  boxes: Box[];
  lastCol: number;
  /** Row of the labels heading; the first chart's labels start two rows below. */
  labelHeadingRow: number;
}

export function chartsSheetLayout(specs: readonly ChartSpec[]): ChartsSheetLayout {
  const frames = specs.filter((s) => s.sheet === undefined).map((s) => frameOf(s, CHARTS_SHEET));
  const boxes = layoutBoxes(frames, chartsGrid);
  const lastCol = Math.max(LABEL_COL + 3, ...boxes.map((b) => b.col + columnsSpanned(b.col, b.width, chartsGrid().widths) - 1));
  const bottom = Math.max(FIRST_ROW - 1, ...boxes.map((b) => b.row + rowsSpanned(b.row, b.height) - 1));
  return { boxes, lastCol, labelHeadingRow: bottom + 3 };
}

/** The Charts sheet exists when a chart is drawn on it or reads its labels from it. */
export function needsChartsSheet(charts: readonly ResolvedChart[]): boolean {
  return charts.some((c) => c.onChartsSheet || c.labelsOnChartsSheet);
}

export function planChartsSheet(charts: readonly ResolvedChart[], entityLine: string): PlannedSheet {
  const layout = chartsSheetLayout(charts.map((c) => c.spec));
  const rows: PlannedRow[] = [
    ...titleBlock(entityLine, 'Charts', 'Native charts: every series points at the statement cells, so the charts follow any change of an input.', 'Units as stated on each chart'),
  ];
  let lastRow = layout.labelHeadingRow - 3;
  const labelled = charts.filter((c) => c.labelsOnChartsSheet);
  if (labelled.length > 0) {
    rows.push({ row: layout.labelHeadingRow, cells: [{ kind: 'text', col: 0, text: 'Category labels shown by the charts (text: edit to rename)', role: 'heading', style: 'bold' }] });
    for (const chart of labelled) {
      const cells = chart.categories.cells!;
      rows.push({ row: cells[0]!.row - 1, cells: [{ kind: 'text', col: LABEL_COL, text: chart.title, role: 'label', style: 'bold' }] });
      cells.forEach((c, i) => rows.push({ row: c.row, cells: [{ kind: 'text', col: c.col, text: chart.categories.texts[i]!, role: 'label', indent: 1 }] }));
      lastRow = Math.max(lastRow, cells[cells.length - 1]!.row);
    }
  }
  return {
    name: CHARTS_SHEET,
    kind: 'charts',
    widths: chartsSheetWidths(layout.lastCol + 1),
    freeze: null,
    merges: [],
    lastRow,
    lastCol: layout.lastCol,
    headerRows: null,
    rows,
    statusRange: null,
  };
}
