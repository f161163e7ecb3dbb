// Compare what a workbook says with what an independent engine computed from its formulas,
// and (optionally) with what the TypeScript model computed: a list of differences, never a
// stop at the first one.
import { a1 } from '../layout/a1.js';
import type { PlannedWorkbook } from '../plan/cells.js';
import type { CellValue, ReadCell, ReadSheet, ReadWorkbook } from './read-xlsx.js';
import { parseA1 } from './read-xlsx.js';

/**
 * Cells are IEEE doubles and LibreOffice saves 15 significant digits, so numbers agree
 * within a relative 1e-9, or an absolute 1e-9 near zero. Text (the checks' "OK"/"FAIL")
 * must match exactly.
 */
export const RELATIVE_TOLERANCE = 1e-9;

export function sameValue(expected: CellValue, actual: CellValue): boolean {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (!Number.isFinite(expected) || !Number.isFinite(actual)) return false;
    return Math.abs(expected - actual) <= RELATIVE_TOLERANCE * Math.max(1, Math.abs(expected), Math.abs(actual));
  }
  if (isError(expected) || isError(actual)) return isError(expected) && isError(actual) && expected.error === actual.error;
  return expected === actual;
}

function isError(v: CellValue): v is { error: string } {
  return typeof v === 'object' && v !== null;
}

export type DifferenceReason =
  /** The cached value in the file is not what LibreOffice computes from the formula. */
  | 'cached'
  /** LibreOffice's result is not what the TypeScript model computes for the cell. */
  | 'model'
  /** The formula text is not the one the model plans for the cell. */
  | 'formula'
  /** An input cell holds another value than the model's. */
  | 'input'
  /** The model plans a formula or input here; the file has none. */
  | 'missing'
  /** The file has a formula the model does not plan. */
  | 'extra';

export interface Difference {
  sheet: string;
  cell: string;
  formula: string;
  /** The file's cached value (cached), or the model's value or formula (model, formula, input, missing). */
  expected: CellValue;
  /** LibreOffice's result, or what the file holds (formula, input, missing, extra). */
  actual: CellValue;
  reason: DifferenceReason;
  /** For a workbook with scenarios: the scenario chosen in the selector when it was found. */
  scenario?: string;
}

export interface Comparison {
  /** Formula cells in the file, every one recalculated and compared. */
  formulaCells: number;
  sheets: number;
  differences: Difference[];
  /** Other scenarios chosen in the selector, recalculated and compared with the model too. */
  scenarios?: string[];
}

/**
 * `original` is the file as written; `recalculated` the same workbook after a full
 * recalculation by another engine. With `model`, every planned cell is compared too.
 */
export function compareWorkbooks(original: ReadWorkbook, recalculated: ReadWorkbook, model?: PlannedWorkbook): Comparison {
  const differences: Difference[] = [];
  const recalculatedSheets = new Map(recalculated.sheets.map((s) => [s.name, s]));
  let formulaCells = 0;
  for (const sheet of original.sheets) {
    const again = recalculatedSheets.get(sheet.name);
    for (const cell of sheet.cells.values()) {
      if (cell.formula === null) continue;
      formulaCells++;
      const actual = again?.cells.get(cell.ref)?.value ?? null;
      if (!sameValue(cell.value, actual)) differences.push({ sheet: sheet.name, cell: cell.ref, formula: cell.formula, expected: cell.value, actual, reason: 'cached' });
    }
  }
  if (model) differences.push(...compareWithModel(original, recalculatedSheets, model));
  return { formulaCells, sheets: original.sheets.length, differences: sortDifferences(differences, original) };
}

function compareWithModel(original: ReadWorkbook, recalculated: Map<string, ReadSheet>, model: PlannedWorkbook): Difference[] {
  const out: Difference[] = [];
  const fileSheets = new Map(original.sheets.map((s) => [s.name, s]));
  for (const planned of model.sheets) {
    const file = fileSheets.get(planned.name);
    const again = recalculated.get(planned.name);
    const plannedRefs = new Set<string>();
    for (const row of planned.rows)
      for (const c of row.cells) {
        if (c.kind === 'text') continue;
        const ref = a1(c.col, row.row);
        plannedRefs.add(ref);
        const inFile: ReadCell | undefined = file?.cells.get(ref);
        if (c.kind === 'input') {
          const held = inFile?.value ?? null;
          if (!inFile || inFile.formula !== null) out.push({ sheet: planned.name, cell: ref, formula: '', expected: c.value, actual: inFile?.formula ? `=${inFile.formula}` : held, reason: 'missing' });
          else if (!sameValue(c.value, held)) out.push({ sheet: planned.name, cell: ref, formula: '', expected: c.value, actual: held, reason: 'input' });
          continue;
        }
        if (!inFile || inFile.formula === null) {
          out.push({ sheet: planned.name, cell: ref, formula: c.formula, expected: c.value, actual: inFile?.value ?? null, reason: 'missing' });
          continue;
        }
        if (inFile.formula !== c.formula) out.push({ sheet: planned.name, cell: ref, formula: inFile.formula, expected: `=${c.formula}`, actual: `=${inFile.formula}`, reason: 'formula' });
        const actual = again?.cells.get(ref)?.value ?? null;
        if (!sameValue(c.value, actual)) out.push({ sheet: planned.name, cell: ref, formula: inFile.formula, expected: c.value, actual, reason: 'model' });
      }
    if (!file) continue;
    for (const cell of file.cells.values()) {
      if (cell.formula !== null && !plannedRefs.has(cell.ref))
        out.push({ sheet: planned.name, cell: cell.ref, formula: cell.formula, expected: null, actual: again?.cells.get(cell.ref)?.value ?? null, reason: 'extra' });
    }
  }
  return out;
}

/** Sheet order of the file, then row, then column, so a report reads top to bottom. */
function sortDifferences(list: Difference[], original: ReadWorkbook): Difference[] {
  const sheetIndex = new Map(original.sheets.map((s, i) => [s.name, i]));
  const key = (d: Difference): [number, number, number] => {
    const at = parseA1(d.cell);
    return [sheetIndex.get(d.sheet) ?? Number.MAX_SAFE_INTEGER, at?.row ?? 0, at?.col ?? 0];
  };
  return list
    .map((d, i) => ({ d, i, k: key(d) }))
    .sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.k[2] - b.k[2] || a.i - b.i)
    .map((x) => x.d);
}

export function formatValue(v: CellValue): string {
  if (v === null) return '(empty)';
  if (typeof v === 'object') return v.error;
  if (typeof v === 'string') return JSON.stringify(v);
  return String(v);
}
