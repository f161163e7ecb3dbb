// A second formula engine in-process, for tests only: HyperFormula is GPLv3, so it is a
// devDependency and nothing under src/ may import it.
import { DetailedCellError, HyperFormula } from 'hyperformula';
import type { RawCellContent } from 'hyperformula';
import { a1 } from '../../src/layout/a1.js';
import type { PlannedWorkbook } from '../../src/plan/cells.js';
import { formatValue, sameValue } from '../../src/verify/compare.js';
import type { CellValue, ReadCell, ReadWorkbook } from '../../src/verify/read-xlsx.js';
import { readXlsx } from '../../src/verify/read-xlsx.js';
import { xlsxBytes } from './support.js';

/** Every formula cell of the workbook, recalculated from the formulas and inputs alone. */
export function recalculateWithHyperFormula(wb: ReadWorkbook): Map<string, Map<string, CellValue>> {
  const sheets: Record<string, RawCellContent[][]> = {};
  for (const sheet of wb.sheets) {
    const grid: RawCellContent[][] = [];
    for (const cell of sheet.cells.values()) {
      const row = (grid[cell.row - 1] ??= []);
      // Cached values are left out on purpose: only formulas and constants go in.
      row[cell.col] = cell.formula !== null ? `=${cell.formula}` : constant(cell.value);
    }
    for (let r = 0; r < grid.length; r++) grid[r] ??= [];
    sheets[sheet.name] = grid;
  }
  const names = wb.definedNames.filter((n) => n.localSheetId === undefined && !n.name.startsWith('_xlnm.')).map((n) => ({ name: n.name, expression: `=${n.ref}` }));
  const hf = load(sheets, names);
  const out = new Map<string, Map<string, CellValue>>();
  for (const sheet of wb.sheets) {
    const id = hf.getSheetId(sheet.name)!;
    const values = new Map<string, CellValue>();
    for (const cell of sheet.cells.values()) {
      if (cell.formula === null) continue;
      const v = hf.getCellValue({ sheet: id, row: cell.row - 1, col: cell.col });
      values.set(cell.ref, v instanceof DetailedCellError ? { error: v.value } : v);
    }
    out.set(sheet.name, values);
  }
  return out;
}

// One engine per test process, emptied and refilled for each workbook: building a new one
// costs more than the recalculation itself (property tests recalculate hundreds).
let engine: HyperFormula | undefined;

function load(sheets: Record<string, RawCellContent[][]>, names: { name: string; expression: string }[]): HyperFormula {
  const hf = (engine ??= HyperFormula.buildEmpty({ licenseKey: 'gpl-v3' }));
  hf.batch(() => {
    for (const n of hf.listNamedExpressions()) hf.removeNamedExpression(n);
    for (const name of hf.getSheetNames()) hf.removeSheet(hf.getSheetId(name)!);
    for (const name of Object.keys(sheets)) hf.addSheet(name);
    for (const [name, grid] of Object.entries(sheets)) hf.setSheetContent(hf.getSheetId(name)!, grid);
    for (const n of names) hf.addNamedExpression(n.name, n.expression);
  });
  return hf;
}

/** The planned workbook as the reader would return it, for recalculation without writing a file. */
export function plannedAsRead(workbook: PlannedWorkbook): ReadWorkbook {
  return {
    sheets: workbook.sheets.map((sheet) => {
      const cells = new Map<string, ReadCell>();
      for (const row of sheet.rows)
        for (const c of row.cells) {
          const ref = a1(c.col, row.row);
          cells.set(ref, { ref, row: row.row, col: c.col, formula: c.kind === 'formula' ? c.formula : null, value: c.kind === 'text' ? c.text : c.value });
        }
      return { name: sheet.name, cells };
    }),
    definedNames: workbook.definedNames.map((n) => ({ name: n.name, ref: n.ref })),
  };
}

function constant(v: CellValue): RawCellContent {
  if (v === null || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'string') return `'${v}`; // text stays text, whatever it starts with
  return v.error;
}

/**
 * Every planned formula cell whose value another engine's recalculation does not have, as
 * "Sheet!A1 =formula: Decimal x, <engine> y" (empty when they all agree within 1e-9).
 */
export function formulaMismatches(workbook: PlannedWorkbook, recalculated: Map<string, Map<string, CellValue>>, engine = 'HyperFormula'): string[] {
  const wrong: string[] = [];
  for (const sheet of workbook.sheets)
    for (const row of sheet.rows)
      for (const cell of row.cells) {
        if (cell.kind !== 'formula') continue;
        const ref = a1(cell.col, row.row);
        const got = recalculated.get(sheet.name)?.get(ref) ?? null;
        if (!sameValue(cell.value, got)) wrong.push(`${sheet.name}!${ref} =${cell.formula}: Decimal ${formatValue(cell.value)}, ${engine} ${formatValue(got)}`);
      }
  return wrong;
}

/**
 * The planned workbook written to bytes, read back (optionally edited, as a tampered file
 * would be), recalculated by HyperFormula: the formula cells it counted, and every one whose
 * value is not the model's.
 */
export async function hyperFormulaMismatches(workbook: PlannedWorkbook, edit: (file: ReadWorkbook) => void = () => undefined): Promise<{ checked: number; wrong: string[] }> {
  const file = readXlsx(await xlsxBytes(workbook));
  edit(file);
  const wrong = formulaMismatches(workbook, recalculateWithHyperFormula(file));
  let checked = 0;
  for (const sheet of workbook.sheets) for (const row of sheet.rows) for (const cell of row.cells) if (cell.kind === 'formula') checked++;
  return { checked, wrong };
}
