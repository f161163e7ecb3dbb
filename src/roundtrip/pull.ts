// `finbook pull`: which of an edited workbook's inputs go back into the model file, and
// which edits stay behind. Three values meet for each input cell: what finbook wrote there
// (the workbook's map), what the workbook holds now, and what the model holds now. Only an
// input the analyst changed is carried, and only when the model still holds what finbook
// wrote (otherwise the model was edited too: a conflict, left for a person to decide).
// Formulas are never carried: a hard-code, a changed formula or a structural edit is listed
// and makes the command exit 1, so that a scheduled job notices.
import { a1 } from '../layout/a1.js';
import type { CellWhere, Change, ChangeKind, DiffResult } from './changes.js';
import { periodOf, sameInput } from './diff.js';
import type { WorkbookMap } from '../plan/map-format.js';
import { cellKey } from '../plan/map-format.js';
import type { MappedCell } from './read-map.js';
import type { ReadWorkbook } from '../verify/read-xlsx.js';

export interface Carried {
  path: string[];
  /** The model's value now, and the workbook's. */
  old: number;
  new: number;
  where: CellWhere;
}

export interface Left {
  /** Why it stays behind. */
  reason: string;
  change: Change;
}

export interface PullPlan {
  carry: Carried[];
  /** Changed in the workbook, and the model already holds the same value. */
  already: number;
  /** Edits not carried that make pull exit 1 (hard-codes, formulas, structure, inputs it cannot place). */
  blocking: Left[];
  /** Edits that change no figure of the model (labels, sheet names and order, the scenario shown): listed, not carried, not blocking. */
  layout: Left[];
}

/** Edits that change nothing a model holds: listed, but they do not make pull fail. */
const LAYOUT_ONLY: readonly ChangeKind[] = ['label_changed', 'sheet_renamed', 'sheets_reordered', 'choice_changed'];

function reasonFor(c: Change): string {
  switch (c.kind) {
    case 'hard_coded':
    case 'formula_cleared':
      return 'a formula replaced by a constant is never carried: the model keeps its formula';
    case 'formula_changed':
    case 'references_not_adjusted':
      return 'formulas belong to the template: change it there';
    case 'input_cleared':
    case 'input_not_a_number':
    case 'input_now_formula':
      return 'not a number: the model keeps its value';
    case 'label_changed':
    case 'sheet_renamed':
    case 'sheets_reordered':
      return 'layout belongs to the template';
    case 'choice_changed':
      return 'the model holds every scenario; the one a workbook shows is chosen when it is written: finbook export --scenario NAME';
    case 'missing_in_workbook':
    case 'not_in_model':
      return 'the workbook and the model have different lines or periods';
    case 'input_changed':
      return 'input not carried';
    case 'cell_added':
      return 'a cell finbook did not write has no place in the model';
    default:
      return 'a structural edit is never carried: the model keeps its layout';
  }
}

export interface PullInput {
  diff: DiffResult;
  /** Every mapped cell and where it is now (diff.placeCells). */
  cells: readonly MappedCell[];
  file: ReadWorkbook;
  /** The model's map: what it holds now, cell by cell. */
  model: WorkbookMap;
  /** Whether the model file itself has a value at a path (not a values file). */
  inModelFile(path: readonly string[]): boolean;
  /** The model's values file, when it has one. */
  valuesFile?: string;
  /** Whether the cells were placed by the workbook's own map (else by the model's: no record of what finbook wrote). */
  hasMap: boolean;
}

export function planPull(input: PullInput): PullPlan {
  const modelCells = new Map<string, number | string>();
  for (const row of input.model.rows) for (const cell of row.cells) modelCells.set(cellKey(input.model.sheets[row.s]!, row, cell), cell.v);
  const sheets = new Map(input.file.sheets.map((s) => [s.name, s]));
  const carry: Carried[] = [];
  const blocking: Left[] = [];
  const layout: Left[] = [];
  let already = 0;
  for (const c of input.diff.changes) {
    if (c.kind === 'input_changed') continue; // decided below, with the model's value
    (LAYOUT_ONLY.includes(c.kind) ? layout : blocking).push({ reason: reasonFor(c), change: c });
  }
  for (const m of input.cells) {
    if (m.cell.t !== 'input' || !m.at) continue;
    const now = sheets.get(m.at.sheet)?.cells.get(a1(m.at.col, m.at.row));
    if (!now || now.formula || typeof now.value !== 'number') continue; // listed above
    const w = now.value;
    const written = Number(m.cell.v);
    const model = modelCells.get(cellKey(m.sheet, m.row, m.cell));
    const where: CellWhere = {
      sheet: m.at.sheet,
      cell: a1(m.at.col, m.at.row),
      written: `${m.sheet.name}!${a1(m.cell.c, m.row.r)}`,
      label: m.row.label,
      line: `${m.sheet.id}.${m.row.id}`,
      period: periodOf(m.row.p, m.cell.k, m.sheet.kind),
      role: 'input',
    };
    if (input.hasMap && sameInput(w, written)) continue; // the analyst left it alone
    const change: Change = { kind: 'input_changed', where, old: input.hasMap ? written : Number(model ?? written), new: w, ...(m.cell.m ? { modelPath: m.cell.m } : {}) };
    if (model === undefined || typeof model !== 'number') {
      blocking.push({ reason: 'the model no longer has this line or period', change });
      continue;
    }
    if (sameInput(w, model)) {
      already++;
      continue;
    }
    if (!m.cell.m) {
      blocking.push({ reason: m.sheet.kind === 'checks' ? "a check's tolerance belongs to the template: change it there" : 'this input belongs to the template (or follows entity.scale), not to the model: change it there', change });
      continue;
    }
    if (input.hasMap && !sameInput(model, written)) {
      blocking.push({ reason: `conflict: the model was changed too since the workbook was written (${written} -> ${model}); decide by hand`, change });
      continue;
    }
    // a value the model file lacks came from its values file (CSV): that file is the place to change it
    if (!input.inModelFile(m.cell.m) && input.valuesFile !== undefined) {
      blocking.push({ reason: `the value comes from the values file ${input.valuesFile}: change it there`, change });
      continue;
    }
    carry.push({ path: m.cell.m, old: model, new: w, where });
  }
  return { carry, already, blocking, layout };
}
