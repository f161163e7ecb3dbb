// The workbook's map (src/roundtrip/map-format.ts): every input and formula cell of the
// planned workbook with its identity, its role and what it holds, and the hidden sheet that
// carries the map and its anchors. The role comes from each planned cell (PlannedCell.kind),
// not from its line: a line can be an input in one period and a formula in another.
import type { Program } from '../compile/program.js';
import type { Results } from '../compute/compute.js';
import { a1, quoteSheetName } from '../layout/a1.js';
import type { Layout } from '../layout/layout.js';
import { FIRST_DATA_COL } from '../layout/layout.js';
import type { ColumnSpec } from '../model/schema.js';
import type { CellRole, MapCell, MapRow, MapSheet, WorkbookMap } from '../roundtrip/map-format.js';
import { MAP_ANCHOR_CHARS, MAP_FIRST_ROW, MAP_MAX_CELLS, MAP_NOTE, MAP_REFS_PER_ANCHOR, MAP_SHEET, mapJsonPieces } from '../roundtrip/map-format.js';
import type { DefinedName, PlannedCell, PlannedRow, PlannedSheet } from './cells.js';

type ValueCell = Exclude<PlannedCell, { kind: 'text' }>;

/** How a statement column is named in the map and in reports: the period, and what a derived column does with it. */
export function columnKey(column: ColumnSpec): string {
  switch (column.kind) {
    case 'value':
      return column.period;
    case 'translated':
      return `${column.period} / ${column.rate ?? ''}`;
    case 'share':
      return `${column.period} % of ${column.of ?? ''}`;
    case 'change':
      return `${column.period} vs ${column.base ?? ''}`;
    default:
      return column.period;
  }
}

interface RowIdentity {
  id: string;
  label: string;
  period?: string;
  /** The column key and the model path of an input, for a cell of the row. */
  column(col: number): string;
  modelPath(col: number): string[] | undefined;
}

/**
 * The map of a planned workbook, or null when it has more input and formula cells than
 * MAP_MAX_CELLS. `sheets` are the planned sheets in workbook order.
 */
export function planWorkbookMap(program: Program, layout: Layout, results: Results, sheets: readonly PlannedSheet[], names: readonly DefinedName[], version: string): WorkbookMap | null {
  const mapSheets: MapSheet[] = [];
  const rows: MapRow[] = [];
  let count = 0;
  for (const [s, sheet] of sheets.entries()) {
    const identify = identifier(program, layout, results, sheet, names);
    mapSheets.push({ name: sheet.name, id: identify.sheetId, kind: sheet.kind });
    const seen = new Map<string, number>();
    for (const row of sheet.rows) {
      const cells = row.cells; // read once: a large statement builds its rows' cells on each read
      const valueCells = cells.filter((c): c is ValueCell => c.kind !== 'text');
      if (valueCells.length === 0) continue;
      count += valueCells.length;
      if (count > MAP_MAX_CELLS) return null;
      const who = identify.row(row.row, cells);
      // two rows with the same identity (a template may repeat a label): tell them apart
      const base = `${who.id}\u0000${who.period ?? ''}`;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      const id = n === 1 ? who.id : `${who.id}#${n}`;
      const mapCells = valueCells.map((c) => mapCell(c, who));
      for (const part of anchorParts(sheet.name, row.row, mapCells)) rows.push({ s, r: row.row, id, label: who.label, ...(who.period !== undefined ? { p: who.period } : {}), cells: part });
    }
  }
  return { finbook: version, sheets: mapSheets, rows };
}

function mapCell(c: ValueCell, who: RowIdentity): MapCell {
  const k = who.column(c.col);
  if (c.kind === 'input') {
    const m = who.modelPath(c.col);
    return { c: c.col, k, t: 'input', v: c.value, ...(m ? { m } : {}) };
  }
  const t: CellRole = c.link ? 'link' : 'formula';
  return { c: c.col, k, t, v: c.formula, ...(typeof c.value === 'string' ? { x: c.value } : {}) };
}

/** A row's cells in groups that each fit one anchor formula. */
function anchorParts(sheetName: string, row: number, cells: MapCell[]): MapCell[][] {
  const parts: MapCell[][] = [];
  let part: MapCell[] = [];
  let length = 'COUNTA()'.length;
  for (const c of cells) {
    const ref = anchorRef(sheetName, row, c.c).length + 1;
    if (part.length > 0 && (part.length >= MAP_REFS_PER_ANCHOR || length + ref > MAP_ANCHOR_CHARS)) {
      parts.push(part);
      part = [];
      length = 'COUNTA()'.length;
    }
    part.push(c);
    length += ref;
  }
  if (part.length > 0) parts.push(part);
  return parts;
}

function anchorRef(sheetName: string, row: number, col: number): string {
  return `${quoteSheetName(sheetName)}!${a1(col, row)}`;
}

/** The hidden, protected sheet that carries the map and its anchors (see map-format.ts). */
export function planMapSheet(map: WorkbookMap): PlannedSheet {
  const rows: PlannedRow[] = [{ row: 1, cells: [{ kind: 'text', col: 0, text: MAP_NOTE, role: 'note' }] }];
  const pieces = mapJsonPieces(map);
  const height = Math.max(map.rows.length, pieces.length);
  for (let i = 0; i < height; i++) {
    const cells: PlannedCell[] = [];
    const entry = map.rows[i];
    if (entry) {
      const sheetName = map.sheets[entry.s]!.name;
      // COUNTA counts the anchored cells; every one holds a number or a formula when written
      const formula = `COUNTA(${entry.cells.map((c) => anchorRef(sheetName, entry.r, c.c)).join(',')})`;
      cells.push({ kind: 'formula', col: 0, formula, value: entry.cells.length, format: 'count', style: 'normal', link: false });
    }
    const piece = pieces[i];
    if (piece !== undefined) cells.push({ kind: 'text', col: 1, text: piece, role: 'note' });
    rows.push({ row: MAP_FIRST_ROW + i, cells });
  }
  return {
    name: MAP_SHEET,
    kind: 'map',
    widths: [16, 100],
    freeze: null,
    merges: [],
    lastRow: MAP_FIRST_ROW + height - 1,
    lastCol: 1,
    headerRows: null,
    rows,
    statusRange: null,
    hidden: true,
    protect: true,
  };
}

interface SheetIdentifier {
  sheetId: string;
  row(row: number, cells: readonly PlannedCell[]): RowIdentity;
}

function identifier(program: Program, layout: Layout, results: Results, sheet: PlannedSheet, names: readonly DefinedName[]): SheetIdentifier {
  switch (sheet.kind) {
    case 'statement':
      return statementIdentifier(program, layout, sheet);
    case 'inputs':
      return inputsIdentifier(program, sheet, names);
    case 'checks':
      return checksIdentifier(results, sheet);
    case 'cover':
    case 'charts':
    case 'map':
      return labelledIdentifier(sheet.kind, sheet, false);
    default: {
      const never: never = sheet.kind;
      throw new Error(`unknown sheet kind ${String(never)}`);
    }
  }
}

const labelOf = (cells: readonly PlannedCell[]): string => {
  const first = cells.find((c) => c.kind === 'text' && c.col === 0);
  return first?.kind === 'text' ? first.text : '';
};

/** A statement's rows are its lines, its columns the tables' columns (layout.ts). */
function statementIdentifier(program: Program, layout: Layout, sheet: PlannedSheet): SheetIdentifier {
  const info = program.sheets.find((s) => s.name === sheet.name);
  const sl = info ? layout.sheets.get(info.id) : undefined;
  if (!info || !sl) return labelledIdentifier(sheet.name, sheet, true);
  const lines = new Map<number, { id: string; label: string; columns: ColumnSpec[] }>();
  for (const tl of sl.tables)
    tl.table.lines.forEach((spec, li) => {
      if (spec.id) lines.set(tl.lineRows[li]!, { id: spec.id, label: spec.label, columns: tl.table.columns });
    });
  const fallback = labelledIdentifier(info.id, sheet, true);
  return {
    sheetId: info.id,
    row(row, cells) {
      const line = lines.get(row);
      if (!line) return fallback.row(row, cells);
      const columnAt = (col: number): ColumnSpec | undefined => line.columns[col - FIRST_DATA_COL];
      return {
        id: line.id,
        label: labelOf(cells) || line.label,
        column: (col) => {
          const c = columnAt(col);
          return c ? columnKey(c) : `column ${col}`;
        },
        modelPath: (col) => {
          const c = columnAt(col);
          return c?.kind === 'value' ? ['values', info.id, line.id, c.period] : undefined;
        },
      };
    },
  };
}

/** Each global input has a defined name over its value cell (plan/inputs.ts). */
function inputsIdentifier(program: Program, sheet: PlannedSheet, names: readonly DefinedName[]): SheetIdentifier {
  const byRef = new Map(names.map((n) => [n.ref, n.name]));
  const headers = headerTexts(sheet);
  const fallback = labelledIdentifier('inputs', sheet, true);
  return {
    sheetId: 'inputs',
    row(row, cells) {
      const value = cells.find((c) => c.kind === 'input');
      const id = value ? byRef.get(`${quoteSheetName(sheet.name)}!${a1(value.col, row, true)}`) : undefined;
      if (!id) return fallback.row(row, cells);
      const input = program.inputs.get(id);
      return {
        id,
        label: labelOf(cells),
        column: (col) => headers.get(col) ?? `column ${col}`,
        // unit_scale follows entity.scale: no value of its own in the model
        modelPath: () => (input && !input.builtin ? ['inputs', id, 'value'] : undefined),
      };
    },
  };
}

/** The Checks sheet lists results.checks in order, one row each, under the master check. */
function checksIdentifier(results: Results, sheet: PlannedSheet): SheetIdentifier {
  const headers = headerTexts(sheet);
  const checkRows = new Map<number, number>();
  for (const row of sheet.rows) if (row.cells.some((c) => c.kind === 'text' && c.role === 'check_label')) checkRows.set(row.row, checkRows.size);
  const fallback = labelledIdentifier('checks', sheet, true);
  return {
    sheetId: 'checks',
    row(row, cells) {
      const index = checkRows.get(row);
      const check = index === undefined ? undefined : results.checks[index];
      if (!check) return { ...fallback.row(row, cells), column: (col) => headers.get(col) ?? `column ${col}` };
      return {
        id: check.check.spec.id,
        label: check.check.spec.label,
        ...(check.row.period ? { period: check.row.period } : {}),
        column: (col) => headers.get(col) ?? `column ${col}`,
        // tolerances belong to the template, not to the model
        modelPath: () => undefined,
      };
    },
  };
}

/** Any other sheet: rows by their label, columns by their header (with `byHeader`) or as 'value'. */
function labelledIdentifier(sheetId: string, sheet: PlannedSheet, byHeader: boolean): SheetIdentifier {
  const headers = byHeader ? headerTexts(sheet) : new Map<number, string>();
  return {
    sheetId,
    row(row, cells) {
      const label = labelOf(cells);
      const id = label ? label.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || `row_${row}` : `row_${row}`;
      return { id, label, column: (col) => headers.get(col) ?? 'value', modelPath: () => undefined };
    },
  };
}

/** The texts of a sheet's first header row, by column, in lower case. */
function headerTexts(sheet: PlannedSheet): Map<number, string> {
  const out = new Map<number, string>();
  const header = sheet.rows.find((r) => r.cells.some((c) => c.kind === 'text' && c.role === 'header'));
  for (const c of header?.cells ?? []) if (c.kind === 'text' && c.role === 'header') out.set(c.col, c.text.toLowerCase());
  return out;
}
