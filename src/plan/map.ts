// The workbook's map (src/plan/map-format.ts): every input and formula cell of the
// planned workbook with its identity, its role and what it holds, and the hidden sheet that
// carries the map and its anchors. The role comes from each planned cell (PlannedCell.kind),
// not from its line: a line can be an input in one period and a formula in another.
import type { Program } from '../compile/program.js';
import type { Results } from '../compute/compute.js';
import { a1, columnLetters, quoteSheetName } from '../layout/a1.js';
import type { Layout } from '../layout/layout.js';
import { FIRST_DATA_COL } from '../layout/layout.js';
import type { ColumnSpec } from '../model/schema.js';
import type { StoredCell, StoredMap, StoredRow } from './map-format.js';
import { MAP_ANCHOR_CHARS, MAP_FIRST_ROW, MAP_MAX_CELLS, MAP_NOTE, MAP_REFS_PER_ANCHOR, MAP_SHEET, ROLES, mapJsonPieces } from './map-format.js';
import type { DefinedName, PlannedCell, PlannedRow, PlannedSheet } from './cells.js';
import { tieOutLayout } from './tieout.js';

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
 * The map of a planned workbook, in its stored form, or null when the workbook has more
 * input and formula cells than MAP_MAX_CELLS. `sheets` are the planned sheets in workbook order.
 */
export function planWorkbookMap(program: Program, layout: Layout, results: Results, sheets: readonly PlannedSheet[], names: readonly DefinedName[], version: string): StoredMap | null {
  const mapSheets: StoredMap['sheets'] = [];
  const rows: StoredRow[] = [];
  const anchors: number[] = [];
  let count = 0;
  // the anchors: up to MAP_REFS_PER_ANCHOR cells each, and a formula under MAP_ANCHOR_CHARS
  let inAnchor = 0;
  let anchorLength = 'COUNTA()'.length;
  for (const [s, sheet] of sheets.entries()) {
    const identify = identifier(program, layout, results, sheet, names);
    const cols = new Map<string, number>();
    const column = (k: string): number => {
      let i = cols.get(k);
      if (i === undefined) cols.set(k, (i = cols.size));
      return i;
    };
    // an argument: 'Sheet name'!C10 and its comma
    const refLength = quoteSheetName(sheet.name).length + 1;
    const seen = new Map<string, number>();
    for (const row of sheet.rows) {
      const cells = row.cells; // read once: a large statement builds its rows' cells on each read
      const who = identify.row(row.row, cells);
      const stored: StoredCell[] = [];
      let prefix: string[] | undefined;
      for (const c of cells) {
        // text is not mapped, but for a choice typed in from a list: the scenario selector
        if (c.kind === 'text' && c.role !== 'selector') continue;
        const k = who.column(c.col);
        if (c.kind === 'text') stored.push([c.col, column(k), CHOICE, c.text]);
        else if (c.kind === 'input') {
          // an input's model path: the row's (values.is_q.revenue) and its column (4Q02)
          const m = who.modelPath(c.col);
          if (m) prefix ??= m.slice(0, -1);
          if (m && (m.length !== prefix!.length + 1 || m[m.length - 1] !== k || m.some((x, i) => i < prefix!.length && x !== prefix![i]))) throw new Error(`internal: map row ${who.id}: inputs without one model path`);
          stored.push([c.col, column(k), INPUT, c.value]);
        } else stored.push(typeof c.value === 'string' ? [c.col, column(k), c.link ? LINK : FORMULA, c.formula, c.value] : [c.col, column(k), c.link ? LINK : FORMULA, c.formula]);
        const ref = refLength + a1(c.col, row.row).length + 1;
        if (inAnchor > 0 && (inAnchor >= MAP_REFS_PER_ANCHOR || anchorLength + ref > MAP_ANCHOR_CHARS)) {
          anchors.push(inAnchor);
          inAnchor = 0;
          anchorLength = 'COUNTA()'.length;
        }
        inAnchor++;
        anchorLength += ref;
      }
      if (stored.length === 0) continue;
      count += stored.length;
      if (count > MAP_MAX_CELLS) return null;
      // two rows with the same identity (a template may repeat a label): tell them apart
      const base = `${who.id}\u0000${who.period ?? ''}`;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      const id = n === 1 ? who.id : `${who.id}#${n}`;
      rows.push({ s, r: row.row, id, label: who.label, ...(who.period !== undefined ? { p: who.period } : {}), ...(prefix ? { m: prefix } : {}), cells: stored });
    }
    mapSheets.push({ name: sheet.name, id: identify.sheetId, kind: sheet.kind, cols: [...cols.keys()] });
  }
  if (inAnchor > 0) anchors.push(inAnchor);
  return { finbook_map: 1, finbook: version, sheets: mapSheets, rows, anchors };
}

const INPUT = ROLES.indexOf('input');
const FORMULA = ROLES.indexOf('formula');
const LINK = ROLES.indexOf('link');
const CHOICE = ROLES.indexOf('choice');

/** The hidden, protected sheet that carries the map and its anchors (see map-format.ts). */
export function planMapSheet(map: StoredMap): PlannedSheet {
  const rows: PlannedRow[] = [{ row: 1, cells: [{ kind: 'text', col: 0, text: MAP_NOTE, role: 'note' }] }];
  const pieces = mapJsonPieces(map);
  // every cell's reference, in the map's order, cut into the anchors
  const refs: string[] = [];
  const quotedNames = map.sheets.map((s) => quoteSheetName(s.name));
  for (const row of map.rows) for (const [col] of row.cells) refs.push(`${quotedNames[row.s]}!${a1(col, row.r)}`);
  const height = Math.max(map.anchors.length, pieces.length);
  let next = 0;
  for (let i = 0; i < height; i++) {
    const cells: PlannedCell[] = [];
    const size = map.anchors[i];
    if (size !== undefined) {
      // COUNTA counts the anchored cells; every one holds a number or a formula when written
      cells.push({ kind: 'formula', col: 0, formula: `COUNTA(${refs.slice(next, next + size).join(',')})`, value: size, format: 'count', style: 'normal', link: false });
      next += size;
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
    case 'tie_out':
      return tieOutIdentifier(program, sheet);
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

/**
 * The Tie-out sheet: a printed figure's row is its statement cell (line and column); the
 * printed figures are text in the model (printed:), so an edited one is shown, never pulled.
 */
function tieOutIdentifier(program: Program, sheet: PlannedSheet): SheetIdentifier {
  const headers = new Map<number, string>();
  const header = sheet.rows.find((r) => r.cells.some((c) => c.kind === 'text' && c.role === 'header' && c.col === 0));
  for (const c of header?.cells ?? []) if (c.kind === 'text' && c.role === 'header') headers.set(c.col, c.text.toLowerCase());
  const figures = new Map([...tieOutLayout(program).rowOf].map(([figure, row]) => [row, figure]));
  const fallback = labelledIdentifier('tie_out', sheet, true);
  return {
    sheetId: 'tie_out',
    row(row, cells) {
      const f = figures.get(row);
      if (!f) return fallback.row(row, cells);
      return {
        id: `${f.line.key} ${columnKey(f.column)}`,
        label: f.line.spec.label || f.line.id,
        period: f.column.period,
        column: (col) => headers.get(col) ?? `column ${col}`,
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
      return { id, label, column: (col) => headers.get(col) ?? (byHeader ? columnLetters(col) : 'value'), modelPath: () => undefined };
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
