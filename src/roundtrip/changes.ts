// What `finbook diff` finds in an edited workbook, as data (printed by report.ts, carried
// or refused by pull.ts).
import type { CellValue } from '../verify/read-xlsx.js';
import type { CellRole } from '../plan/map-format.js';

/** A cell finbook wrote: where it is now and what it is. */
export interface CellWhere {
  /** The sheet's name in the file now (finbook's name when the sheet is gone). */
  sheet: string;
  /** Its address now; null when it was deleted. */
  cell: string | null;
  /** Where finbook wrote it (sheet name as finbook wrote it, address). */
  written: string;
  /** The line's label, its id as sheet.line (is_q.total_revenues, inputs.fx_jpy_per_usd, checks.bs_balances). */
  label: string;
  line: string;
  /** The period (and for a derived column what it shows of it: "4Q02 % of total_revenues"); a check's column. */
  period: string;
  role: CellRole;
}

export type Change =
  /** An input holds another number. */
  | { kind: 'input_changed'; where: CellWhere; old: number; new: number; modelPath?: string[] }
  /** An input cell is empty now. */
  | { kind: 'input_cleared'; where: CellWhere; old: number }
  /** An input holds text, a boolean or an error instead of a number. */
  | { kind: 'input_not_a_number'; where: CellWhere; old: number; new: CellValue }
  /** An input was replaced by a formula. */
  | { kind: 'input_now_formula'; where: CellWhere; old: number; formula: string }
  /** Another choice in a drop-down list (the scenario selector): the workbook shows another scenario. */
  | { kind: 'choice_changed'; where: CellWhere; old: string; new: CellValue }
  /** A formula was replaced by a constant: a hard-code. */
  | { kind: 'hard_coded'; where: CellWhere; formula: string; value: CellValue }
  /** A formula cell is empty now. */
  | { kind: 'formula_cleared'; where: CellWhere; formula: string }
  /** A formula computes something else now (old text as finbook wrote it, new text as in the file). */
  | { kind: 'formula_changed'; where: CellWhere; old: string; new: string }
  /**
   * The formula's text is as finbook wrote it, but the cells it names are no longer the ones
   * it meant: rows or columns moved by a program that does not adjust references (openpyxl).
   */
  | { kind: 'references_not_adjusted'; where: CellWhere; formula: string }
  /** A single cell deleted (cells shifted up or left); whole rows and columns are reported as such. */
  | { kind: 'cell_deleted'; where: CellWhere }
  /** A block of finbook's cells moved without its rows or columns. */
  | { kind: 'cells_moved'; sheet: string; count: number; from: string; to: string }
  /** A line's row moved (its cells went with it). */
  | { kind: 'row_moved'; sheet: string; label: string; line: string; from: number; to: number }
  /** A line's row deleted. */
  | { kind: 'row_deleted'; sheet: string; label: string; line: string; row: number }
  /** Rows inserted (rows: their numbers now) or deleted between two of finbook's rows. */
  | { kind: 'rows_inserted'; sheet: string; count: number; rows: string; after: string | null; before: string | null }
  | { kind: 'rows_deleted'; sheet: string; count: number; after: string | null; before: string | null }
  /** A column of finbook's deleted, moved, or columns inserted / deleted between them. */
  | { kind: 'column_deleted'; sheet: string; column: string; written: string }
  | { kind: 'column_moved'; sheet: string; column: string; from: string; to: string }
  | { kind: 'columns_inserted'; sheet: string; count: number; columns: string; after: string | null; before: string | null }
  | { kind: 'columns_deleted'; sheet: string; count: number; after: string | null; before: string | null }
  /** A number or formula where finbook wrote nothing. */
  | { kind: 'cell_added'; sheet: string; cell: string; formula: string | null; value: CellValue }
  /** A line's label was retyped. */
  | { kind: 'label_changed'; sheet: string; line: string; cell: string; old: string; new: string }
  | { kind: 'sheet_renamed'; old: string; new: string }
  | { kind: 'sheet_deleted'; name: string }
  | { kind: 'sheet_added'; name: string }
  | { kind: 'sheets_reordered'; before: string[]; after: string[] }
  /** With --model: the model has a line or period the workbook does not (the template changed since). */
  | { kind: 'missing_in_workbook'; line: string; label: string; period: string; sheet: string }
  /** With --model: the workbook has a cell the model no longer has. */
  | { kind: 'not_in_model'; where: CellWhere };

export type ChangeKind = Change['kind'];

/** A check's row (or the master check) in the workbook now. */
export interface CheckState {
  /** The master check (OK only when every check is): it has no sides of its own. */
  master: boolean;
  id: string;
  label: string;
  period: string | null;
  sheet: string;
  cell: string;
  status: CellValue;
  /** Its status when finbook wrote it (OK / FAIL), when known. */
  written: string | null;
  left: CellValue;
  right: CellValue;
  difference: CellValue;
}

export interface DiffResult {
  /** The workbook as shown to the user. */
  workbook: string;
  /** What the edits are measured against: the map in the workbook, or the model (--model). */
  baseline: 'workbook' | 'model';
  /** How cells were placed: the workbook's map, or where the model puts them (no map in the file). */
  placement: 'map' | 'model';
  /** Input and formula cells compared. */
  cells: number;
  changes: Change[];
  /** Checks evaluated after recalculation (or from the cached values), failing ones first. */
  checks: CheckState[];
  /** How the checks were evaluated: LibreOffice's recalculation, the values cached in the file, or not at all (no cached values). */
  checksFrom: 'libreoffice' | 'cached' | 'none';
  /** Things the reader should know (anchors not adjusted, a damaged map). */
  notes: string[];
}

/** Changes that make `diff` exit 1. A check failing already when written is no change. */
export function newlyFailing(checks: readonly CheckState[]): CheckState[] {
  return checks.filter((c) => c.status === 'FAIL' && c.written !== 'FAIL');
}
