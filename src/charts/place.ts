// Where each chart sits: a two-cell anchor (from/to cell plus offsets in EMU), computed from
// the sheet's column widths so a chart keeps its size in pixels and moves with its cells.

/** English Metric Units per pixel at 96 dpi (914,400 EMU per inch). */
export const EMU_PER_PX = 9525;
/** exceljs writes defaultRowHeight 15 pt: 20 px per row. */
export const ROW_PX = 20;

/** Pixel height of a 1-based row. */
export type RowPixels = (row: number) => number;
export const defaultRows: RowPixels = () => ROW_PX;

/** Row height in points (as a sheet stores it) -> pixels at 96 dpi. */
export function pointsToPixels(points: number): number {
  return Math.round((points * 96) / 72);
}
/** Excel's default column: 8.43 characters, 64 px. */
const DEFAULT_COL_PX = 64;

export interface CellPoint {
  /** 0-based column. */
  col: number;
  /** 0-based row (DrawingML counts rows from 0). */
  row: number;
  colOff: number;
  rowOff: number;
}

export interface Anchor {
  from: CellPoint;
  to: CellPoint;
}

export interface Box {
  /** 0-based column and 1-based row of the top-left cell. */
  col: number;
  row: number;
  width: number;
  height: number;
}

/**
 * Column width in characters -> pixels, by the rule in ECMA-376 §18.3.1.13 with the
 * maximum digit width of the default font (Calibri 11: 7 px):
 * px = trunc(((256 * width + trunc(128 / 7)) / 256) * 7).
 */
export function columnPixels(width: number | undefined): number {
  if (width === undefined) return DEFAULT_COL_PX;
  return Math.trunc(((256 * width + Math.trunc(128 / 7)) / 256) * 7);
}

export function anchorFor(box: Box, widths: readonly number[], rowPx: RowPixels = defaultRows): Anchor {
  const px = (col: number): number => columnPixels(widths[col]);
  let col = box.col;
  let left = box.width;
  while (left >= px(col)) {
    left -= px(col);
    col++;
  }
  let row = box.row;
  let down = box.height;
  while (down >= rowPx(row)) {
    down -= rowPx(row);
    row++;
  }
  // DrawingML counts rows from 0
  return {
    from: { col: box.col, row: box.row - 1, colOff: 0, rowOff: 0 },
    to: { col, row: row - 1, colOff: left * EMU_PER_PX, rowOff: down * EMU_PER_PX },
  };
}

/** Number of whole columns from `col` that a width in pixels needs. */
export function columnsSpanned(col: number, width: number, widths: readonly number[]): number {
  let n = 0;
  let used = 0;
  while (used < width) {
    used += columnPixels(widths[col + n]);
    n++;
  }
  return n;
}

/** Number of whole rows from `row` that a height in pixels needs. */
export function rowsSpanned(row: number, height: number, rowPx: RowPixels = defaultRows): number {
  let n = 0;
  let used = 0;
  while (used < height) {
    used += rowPx(row + n);
    n++;
  }
  return n;
}

/** What placement needs to know of a chart. */
export interface Frame {
  sheet: string;
  anchor: { col: number; row: number } | null;
  width: number;
  height: number;
}

export interface SheetGrid {
  widths: readonly number[];
  rowPx: RowPixels;
  /** Charts without an anchor start in this column (0-based) at `firstRow`. */
  firstCol: number;
  firstRow: number;
  /** Charts side by side before the flow starts a new band. */
  perRow: number;
}

/**
 * Boxes for every chart, in template order. Charts with an anchor sit there; the others flow
 * from the sheet's first free place, `perRow` across, one blank column and two blank rows apart.
 */
export function layoutBoxes(frames: readonly Frame[], grid: (sheet: string) => SheetGrid): Box[] {
  const flow = new Map<string, { col: number; row: number; inRow: number; bandRows: number }>();
  return frames.map((f) => {
    if (f.anchor) return { ...f.anchor, width: f.width, height: f.height };
    const g = grid(f.sheet);
    let at = flow.get(f.sheet) ?? { col: g.firstCol, row: g.firstRow, inRow: 0, bandRows: 0 };
    if (at.inRow === g.perRow) at = { col: g.firstCol, row: at.row + at.bandRows + 2, inRow: 0, bandRows: 0 };
    const box: Box = { col: at.col, row: at.row, width: f.width, height: f.height };
    flow.set(f.sheet, { col: at.col + columnsSpanned(at.col, f.width, g.widths) + 1, row: at.row, inRow: at.inRow + 1, bandRows: Math.max(at.bandRows, rowsSpanned(at.row, f.height, g.rowPx)) });
    return box;
  });
}
