// The Sensitivity sheet: each table shows one output for every pair of values of two
// drivers. Every cell of the grid is a live formula: the output's formula written out down
// to the two drivers (compile/inline.ts), with the drivers replaced by the table's row and
// column headers (inputs, blue) and everything else pointing at the model's own cells, so a
// changed input or scenario moves the whole table. Excel's data tables (TABLE()) would be
// shorter, but LibreOffice, Gnumeric and HyperFormula do not recalculate them; these
// formulas they all do, and the cached values are the same tree evaluated exactly.
import type { Program, SensitivityInfo } from '../compile/program.js';
import type { Results } from '../compute/compute.js';
import { gridEvaluator } from '../compute/grid.js';
import { exact, toDouble } from '../compute/exact.js';
import type { RefNode } from '../expr/ast.js';
import type { ExcelResolver } from '../expr/excel.js';
import { toExcel } from '../expr/excel.js';
import type { CellAddress } from '../layout/a1.js';
import { a1 } from '../layout/a1.js';
import type { Layout } from '../layout/layout.js';
import type { LineFormat } from '../model/schema.js';
import type { PlannedCell, PlannedRow, PlannedSheet } from './cells.js';
import { excelResolver } from './resolver.js';
import { titleBlock } from './title-block.js';

export const SENSITIVITY_SHEET = 'Sensitivity';
const FIRST_ROW = 6;
/** Columns: A the row driver's name, B its values, C... the grid. */
const ROW_VALUES = 1;
const GRID = 2;

export function needsSensitivitySheet(program: Program): boolean {
  return program.sensitivities.length > 0;
}

export function planSensitivitySheet(program: Program, layout: Layout, results: Results, entityLine: string): PlannedSheet {
  const rows: PlannedRow[] = [
    ...titleBlock(entityLine, 'Sensitivity of key figures to two drivers', 'Every figure is a live formula of the model; the headers (blue) replace the two drivers, the rest of the live scenario stays.', 'Units as stated on each table'),
  ];
  let row = FIRST_ROW;
  let lastCol = GRID;
  const merges: string[] = [];
  for (const s of program.sensitivities) {
    row = planTable(program, layout, results, s, row, rows, merges);
    lastCol = Math.max(lastCol, GRID + s.spec.columns.values.length - 1);
    row += 1;
  }
  return {
    name: SENSITIVITY_SHEET,
    kind: 'statement',
    widths: [40, 14, ...Array.from({ length: lastCol - GRID + 1 }, () => 14)],
    freeze: null,
    merges,
    lastRow: row - 1,
    lastCol,
    headerRows: null,
    rows,
    statusRange: null,
  };
}

function planTable(program: Program, layout: Layout, results: Results, s: SensitivityInfo, top: number, rows: PlannedRow[], merges: string[]): number {
  const label = (c: SensitivityInfo['rows']): string => c.line.spec.label || c.line.key;
  const driverFormat = (c: SensitivityInfo['rows']): LineFormat => c.line.spec.format;
  const period = (c: SensitivityInfo['rows']): string => c.period;
  let r = top;
  rows.push({ row: r++, cells: [{ kind: 'text', col: 0, text: s.spec.title, role: 'heading', style: 'bold' }] });
  const units = s.spec.units ?? `${label(s.output)}, ${period(s.output)}`;
  rows.push({ row: r++, cells: [{ kind: 'text', col: 0, text: units, role: 'units' }] });
  // the column driver's name over its values (a band across the grid), the row driver's name
  // beside the header row, its values down column B
  const headerRow = r + 1;
  const lastGridCol = GRID + s.spec.columns.values.length - 1;
  rows.push({ row: r++, cells: [{ kind: 'text', col: GRID, text: `${label(s.columns)}, ${period(s.columns)} \u2192`, role: 'band' }] });
  merges.push(`${a1(GRID, headerRow - 1)}:${a1(lastGridCol, headerRow - 1)}`);
  rows.push({
    row: headerRow,
    cells: [
      { kind: 'text', col: 0, text: `${label(s.rows)}, ${period(s.rows)} \u2193`, role: 'label', style: 'bold' },
      ...s.spec.columns.values.map((v, j): PlannedCell => ({ kind: 'input', col: GRID + j, value: v, format: driverFormat(s.columns), style: 'bold' })),
    ],
  });
  r = headerRow + 1;
  const sheet = SENSITIVITY_SHEET;
  const base = excelResolver(program, layout, sheet, null, null);
  const context = results.context(null, null);
  const same = (a: RefNode, b: SensitivityInfo['rows']): boolean => a.sheet === b.line.sheet.id && a.line === b.line.id && a.period === b.period;
  // the parts of the output that read one driver or neither are evaluated once per row, per column or per table
  const evaluateCell = gridEvaluator(s.tree, (ref) => (same(ref, s.rows) ? 'row' : same(ref, s.columns) ? 'column' : null), context);
  s.spec.rows.values.forEach((rowValue, i) => {
    const at = r + i;
    const cells: PlannedCell[] = [{ kind: 'input', col: ROW_VALUES, value: rowValue, format: driverFormat(s.rows), style: 'bold' }];
    s.spec.columns.values.forEach((colValue, j) => {
      const rowHeader: CellAddress = { sheet, col: ROW_VALUES, row: at };
      const colHeader: CellAddress = { sheet, col: GRID + j, row: headerRow };
      const resolver: ExcelResolver = { ...base, cell: (ref) => (same(ref, s.rows) ? rowHeader : same(ref, s.columns) ? colHeader : base.cell(ref)) };
      const value = evaluateCell({ row: i, column: j, driver: (ref) => (same(ref, s.rows) ? exact(rowValue) : same(ref, s.columns) ? exact(colValue) : undefined) });
      cells.push({ kind: 'formula', col: GRID + j, formula: toExcel(s.tree, resolver), value: toDouble(value), format: s.spec.format, style: 'normal', link: false });
    });
    rows.push({ row: at, cells });
  });
  return r + s.spec.rows.values.length;
}
