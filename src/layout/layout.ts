// layout: give every sheet row and column a place. Pure data, no exceljs.
//
// Each statement sheet:   row 1 entity, 2 title, 3 subtitle, 4 units, 5 blank,
// then per table: [table title] [units] band rows, the column-title row, the lines,
// the table's notes, a blank row. Column A holds labels; table column i is column i+1.
import type { LineInfo, Program, SheetInfo, TableInfo } from '../compile/program.js';
import type { CellAddress } from './a1.js';

export interface TableLayout {
  table: TableInfo;
  titleRow: number | null;
  unitsRow: number | null;
  /** First band row; bands occupy bandRows rows above the column-title row. */
  bandTop: number;
  bandRows: number;
  headerRow: number;
  /** Row of each line spec (index into table.lines). */
  lineRows: number[];
  notesTop: number;
  /** period id -> 0-based column of its value column */
  valueCol: Map<string, number>;
}

export interface SheetLayout {
  sheet: SheetInfo;
  tables: TableLayout[];
  rowOfLine: Map<string, number>;
  tableOfLine: Map<string, TableLayout>;
  /** Rows of lines with ids (they hold numbers); anything else in a table is empty. */
  numericRows: Set<number>;
  lastRow: number;
  lastCol: number;
  /** First row below the frozen header. */
  freezeRow: number;
}

export const FIRST_DATA_COL = 1;
export const HEADER_ROWS = 5;

export interface Layout {
  sheets: Map<string, SheetLayout>;
  address(line: LineInfo, period: string): CellAddress;
}

export function layoutProgram(program: Program): Layout {
  const sheets = new Map<string, SheetLayout>();
  for (const sheet of program.sheets) sheets.set(sheet.id, layoutSheet(sheet));
  return {
    sheets,
    address(line: LineInfo, period: string): CellAddress {
      const sl = sheets.get(line.sheet.id)!;
      const tl = sl.tableOfLine.get(line.id)!;
      return { sheet: line.sheet.name, col: tl.valueCol.get(period)!, row: sl.rowOfLine.get(line.id)! };
    },
  };
}

function layoutSheet(sheet: SheetInfo): SheetLayout {
  let row = HEADER_ROWS + 1;
  const tables: TableLayout[] = [];
  const rowOfLine = new Map<string, number>();
  const tableOfLine = new Map<string, TableLayout>();
  const numericRows = new Set<number>();
  let lastCol = 0;
  let freezeRow = 0;
  sheet.tables.forEach((table, ti) => {
    if (ti > 0) row++; // a blank row between tables
    const titleRow = table.title ? row++ : null;
    const unitsRow = table.units ? row++ : null;
    const bandRows = Math.max(0, ...table.columns.map((c) => c.bands.length));
    const bandTop = row;
    row += bandRows;
    const headerRow = row++;
    const valueCol = new Map<string, number>();
    table.columns.forEach((c, ci) => {
      if (c.kind === 'value') valueCol.set(c.period, FIRST_DATA_COL + ci);
    });
    lastCol = Math.max(lastCol, FIRST_DATA_COL + table.columns.length - 1);
    const tl: TableLayout = { table, titleRow, unitsRow, bandTop, bandRows, headerRow, lineRows: [], notesTop: 0, valueCol };
    if (ti === 0) freezeRow = headerRow + 1;
    for (const line of table.lines) {
      tl.lineRows.push(row);
      if (line.id) {
        rowOfLine.set(line.id, row);
        tableOfLine.set(line.id, tl);
        numericRows.add(row);
      }
      row++;
    }
    tl.notesTop = row;
    row += table.notes.length;
    tables.push(tl);
  });
  if (sheet.spec.notes.length > 0) row += 1 + sheet.spec.notes.length;
  return { sheet, tables, rowOfLine, tableOfLine, numericRows, lastRow: row - 1, lastCol, freezeRow };
}
