// `finbook diff`: every edit to a workbook finbook wrote, named by sheet, line and period.
import { a1, columnLetters } from '../layout/a1.js';
import type { CellValue, ReadCell, ReadSheet, ReadWorkbook } from '../verify/read-xlsx.js';
import { followLabels } from './align.js';
import type { CellWhere, Change, CheckState, DiffResult } from './changes.js';
import { MapIndex, currentIdentity, literalFormula, writtenIdentity } from './formula-identity.js';
import type { MapCell, WorkbookMap } from '../plan/map-format.js';
import { cellKey } from '../plan/map-format.js';
import { Positions, placeKey } from './positions.js';
import type { MappedCell } from './read-map.js';
import { plannedPlaces, readWorkbookMap } from './read-map.js';
import { structuralChanges, wholeDeletions } from './structure.js';

/** The workbook's map is gone and no model was given: nothing to compare with (a user mistake, exit 2). */
export class NoMapError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoMapError';
  }
}

export interface DiffInput {
  /** The workbook as shown to the user. */
  shown: string;
  file: ReadWorkbook;
  /** The workbook recalculated by LibreOffice, when it was. */
  recalculated?: ReadWorkbook;
  /** The model's map (--model): edits are measured against the model, not against what the workbook says it was. */
  model?: WorkbookMap;
  /** The cells placed already (placeCells). */
  placed?: Placed;
}

/**
 * Inputs keep their value when it agrees in the 15 significant digits Excel and LibreOffice
 * keep of a number (a value with more digits reads back rounded).
 */
export function sameInput(a: number, b: number): boolean {
  return a === b || Number(a.toPrecision(15)) === Number(b.toPrecision(15));
}

export interface Placed {
  map: WorkbookMap;
  cells: MappedCell[];
  positions: Positions;
  mapSheet: string | null;
  placement: 'map' | 'model';
  notes: string[];
}

/** Where each of finbook's cells is now: by the workbook's map, or (without one) where the model puts them. */
export function placeCells(file: ReadWorkbook, model: WorkbookMap | undefined): Placed {
  const read = readWorkbookMap(file);
  const notes: string[] = [];
  let map: WorkbookMap;
  let cells: MappedCell[];
  let placement: Placed['placement'] = 'map';
  if (read) {
    map = read.map;
    cells = read.cells;
    if (read.brokenAnchors > 0) notes.push(`${read.brokenAnchors} of the map's anchors were damaged; their cells are taken to be where finbook wrote them`);
  } else if (model) {
    map = model;
    cells = plannedPlaces(model);
    placement = 'model';
    notes.push('the workbook carries no map of its cells (written by an earlier finbook, or too large to map): cells are taken to be where the model puts them, moved only where their labels moved');
  } else throw new NoMapError('the workbook carries no map of its cells (written by an earlier finbook, or too large to map): give the model it was written from with --model');
  const moved = followLabels(cells, file);
  for (const sheet of moved)
    notes.push(
      placement === 'map'
        ? `on '${sheet}' rows moved but no reference to them was adjusted (openpyxl's insert_rows / delete_rows do that): finbook found its lines by their labels, and formulas that refer to the moved rows now point at other cells`
        : `on '${sheet}' rows were inserted or deleted: finbook found its lines by their labels`,
    );
  const positions = new Positions(map.sheets, cells, file.sheets.map((s) => s.name));
  return { map, cells, positions, mapSheet: read?.sheetName ?? null, placement, notes };
}

export function diffWorkbook(input: DiffInput): DiffResult {
  const { file } = input;
  const placed = input.placed ?? placeCells(file, input.model);
  const { map, cells, positions } = placed;
  const index = new MapIndex(map);
  // the baseline: what the workbook says finbook wrote, or what the model says now
  const model = input.model && placed.placement === 'map' ? modelBaseline(input.model) : null;
  const sheetsByName = new Map(file.sheets.map((s) => [s.name, s]));
  const structure = structuralChanges(cells, map.sheets, positions, file, placed.mapSheet);
  const whole = wholeDeletions(structure);
  const changes: Change[] = [];
  const seenKeys = new Set<string>();

  for (const m of cells) {
    const key = cellKey(m.sheet, m.row, m.cell);
    seenKeys.add(key);
    const baseline = model ? model.cells.get(key) : { cell: m.cell, sheetIndex: m.sheetIndex };
    const where = describe(m, baseline?.cell ?? m.cell);
    if (!baseline) {
      changes.push({ kind: 'not_in_model', where });
      continue;
    }
    if (!m.at) {
      const sheetNow = positions.sheetNow[m.sheetIndex];
      // whole rows, columns and sheets are reported once, as such
      if (sheetNow !== undefined && !whole.rows.has(`${sheetNow}\u0000${m.row.r}`) && !whole.cols.has(`${sheetNow}\u0000${columnLetters(m.cell.c)}`)) changes.push({ kind: 'cell_deleted', where });
      continue;
    }
    const here = sheetsByName.get(m.at.sheet)?.cells.get(a1(m.at.col, m.at.row));
    const change = compareCell(m, where, here, baseline.cell, () =>
      model ? writtenIdentity(String(baseline.cell.v), baseline.sheetIndex, model.index) : writtenIdentity(String(m.cell.v), m.sheetIndex, index),
    (formula) => currentIdentity(formula, m.at!.sheet, positions, index));
    if (change) changes.push(change);
  }
  if (model)
    for (const [key, b] of model.cells)
      if (!seenKeys.has(key)) {
        const row = b.row;
        changes.push({ kind: 'missing_in_workbook', line: `${model.map.sheets[b.sheetIndex]!.id}.${row.id}`, label: row.label, period: periodOf(row.p, b.cell.k, model.map.sheets[b.sheetIndex]!.kind), sheet: model.map.sheets[b.sheetIndex]!.name });
      }
  changes.push(...labelChanges(cells, positions, sheetsByName));
  changes.push(...structure);
  changes.push(...addedCells(file, positions, cells, placed.mapSheet));
  const checks = checkStates(cells, input.recalculated ?? file, model);
  const cached = !input.recalculated && checks.length > 0 && checks.every((c) => c.status === null);
  return {
    workbook: input.shown,
    baseline: input.model ? 'model' : 'workbook',
    placement: placed.placement,
    cells: cells.length,
    changes,
    checks: cached ? [] : checks,
    checksFrom: input.recalculated ? 'libreoffice' : cached || checks.length === 0 ? 'none' : 'cached',
    notes: placed.notes,
  };
}

interface Baseline {
  map: WorkbookMap;
  index: MapIndex;
  cells: Map<string, { cell: MapCell; row: WorkbookMap['rows'][number]; sheetIndex: number }>;
}

function modelBaseline(map: WorkbookMap): Baseline {
  const cells: Baseline['cells'] = new Map();
  for (const row of map.rows) for (const cell of row.cells) cells.set(cellKey(map.sheets[row.s]!, row, cell), { cell, row, sheetIndex: row.s });
  return { map, index: new MapIndex(map), cells };
}

export function periodOf(p: string | undefined, k: string, kind: string): string {
  if (kind === 'statement') return k;
  if (p !== undefined) return `${p}, ${k}`;
  return k === 'value' ? '' : k;
}

function describe(m: MappedCell, baseline: MapCell): CellWhere {
  return {
    sheet: m.at?.sheet ?? m.sheet.name,
    cell: m.at ? a1(m.at.col, m.at.row) : null,
    written: `${m.sheet.name}!${a1(m.cell.c, m.row.r)}`,
    label: m.row.label,
    line: `${m.sheet.id}.${m.row.id}`,
    period: periodOf(m.row.p, m.cell.k, m.sheet.kind),
    role: baseline.t,
  };
}

function compareCell(m: MappedCell, where: CellWhere, here: ReadCell | undefined, baseline: MapCell, written: () => string, current: (formula: string) => string): Change | null {
  const formula = here?.formula ?? null;
  const value: CellValue = here?.value ?? null;
  if (baseline.t === 'choice') {
    const old = String(baseline.v);
    return formula === null && value === old ? null : { kind: 'choice_changed', where, old, new: formula ? `=${formula}` : value };
  }
  if (baseline.t === 'input') {
    const old = Number(baseline.v);
    if (formula !== null && formula !== '') return { kind: 'input_now_formula', where, old, formula };
    if (value === null || value === '') return { kind: 'input_cleared', where, old };
    if (typeof value !== 'number') return { kind: 'input_not_a_number', where, old, new: value };
    if (sameInput(old, value)) return null;
    return { kind: 'input_changed', where, old, new: value, ...(baseline.m ? { modelPath: baseline.m } : {}) };
  }
  const old = String(baseline.v);
  if (formula === null || formula === '') {
    if (value === null || value === '') return { kind: 'formula_cleared', where, formula: old };
    return { kind: 'hard_coded', where, formula: old, value };
  }
  if (current(formula) === written()) return null;
  // the same text, other cells: references a program moved cells under without adjusting them
  if (literalFormula(formula, where.sheet) === literalFormula(old, m.sheet.name)) return { kind: 'references_not_adjusted', where, formula };
  return { kind: 'formula_changed', where, old, new: formula };
}

/** Line labels retyped (column A of each line's row now). */
function labelChanges(cells: readonly MappedCell[], positions: Positions, sheets: Map<string, ReadSheet>): Change[] {
  const out: Change[] = [];
  const done = new Set<MappedCell['row']>();
  for (const m of cells) {
    if (done.has(m.row) || !m.row.label) continue;
    done.add(m.row);
    const now = positions.sheetNow[m.sheetIndex];
    const row = positions.rowNow[m.sheetIndex]!.get(m.row.r);
    if (now === undefined || row === undefined) continue;
    const text = sheets.get(now)?.cells.get(a1(0, row))?.value;
    const shown = typeof text === 'string' ? text : text === null || text === undefined ? '' : String(text);
    // no label where the line's figures are now: they were moved without it (reported as a move)
    if (shown.trim() === '') continue;
    if (shown.replace(/\s+/g, ' ').trim() !== m.row.label.replace(/\s+/g, ' ').trim())
      out.push({ kind: 'label_changed', sheet: now, line: `${m.sheet.id}.${m.row.id}`, cell: a1(0, row), old: m.row.label, new: shown });
  }
  return out;
}

/** Numbers and formulas where finbook wrote none, on finbook's sheets. */
function addedCells(file: ReadWorkbook, positions: Positions, cells: readonly MappedCell[], mapSheet: string | null): Change[] {
  const mapped = new Set(cells.filter((c) => c.at).map((c) => placeKey(c.at!)));
  const out: Change[] = [];
  for (const sheet of file.sheets) {
    if (sheet.name === mapSheet || positions.plannedSheet(sheet.name) === undefined) continue;
    for (const c of sheet.cells.values()) {
      const numberOrFormula = (c.formula !== null && c.formula !== '') || typeof c.value === 'number';
      if (numberOrFormula && !mapped.has(placeKey({ sheet: sheet.name, row: c.row, col: c.col }))) out.push({ kind: 'cell_added', sheet: sheet.name, cell: c.ref, formula: c.formula || null, value: c.value });
    }
  }
  return out;
}

/** Each check's status now, from the recalculated workbook (or the cached values). */
function checkStates(cells: readonly MappedCell[], values: ReadWorkbook, model: Baseline | null): CheckState[] {
  const sheets = new Map(values.sheets.map((s) => [s.name, s]));
  const rows = new Map<MappedCell['row'], MappedCell[]>();
  for (const m of cells) {
    if (m.sheet.kind !== 'checks' || !m.at) continue;
    let list = rows.get(m.row);
    if (!list) rows.set(m.row, (list = []));
    list.push(m);
  }
  const out: CheckState[] = [];
  for (const [row, list] of rows) {
    const status = list.find((m) => m.cell.k === 'status');
    if (!status?.at) continue;
    const valueOf = (k: string): CellValue => {
      const m = list.find((x) => x.cell.k === k);
      return m?.at ? (sheets.get(m.at.sheet)?.cells.get(a1(m.at.col, m.at.row))?.value ?? null) : null;
    };
    const key = cellKey(status.sheet, row, status.cell);
    const written = model ? (model.cells.get(key)?.cell.x ?? null) : (status.cell.x ?? null);
    out.push({
      master: !list.some((x) => x.cell.k === 'left'),
      id: row.id,
      label: row.label,
      period: row.p ?? null,
      sheet: status.at.sheet,
      cell: a1(status.at.col, status.at.row),
      status: valueOf('status'),
      written,
      left: valueOf('left'),
      right: valueOf('right'),
      difference: valueOf('difference'),
    });
  }
  const failing = (c: CheckState): number => (c.status === 'FAIL' ? 0 : 1);
  return out.sort((a, b) => failing(a) - failing(b));
}
