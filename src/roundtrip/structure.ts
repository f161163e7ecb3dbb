// Structural edits, read from where finbook's cells are now: sheets renamed, deleted, added
// or reordered; rows and columns inserted, deleted or moved; single cells moved or deleted.
//
// Per sheet, each of finbook's rows goes where most of its cells went. The rows that kept
// their order (longest increasing run of their new row numbers) frame the gaps between
// them; a row outside that run moved. In each gap, the rows there now, less the rows moved
// into it and less the rows finbook wrote there without cells to follow (headings, blank
// rows), are inserted rows (or, below zero, deleted ones). Columns the same way.
import { a1, columnLetters } from '../layout/a1.js';
import type { ReadWorkbook } from '../verify/read-xlsx.js';
import type { Change } from './changes.js';
import type { MapRow, MapSheet } from '../plan/map-format.js';
import type { Positions } from './positions.js';
import type { MappedCell } from './read-map.js';

/** Indexes of a longest strictly increasing subsequence (patience sorting, O(n log n)). */
export function longestIncreasing(values: readonly number[]): Set<number> {
  const tails: number[] = [];
  const prev = new Array<number>(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]!]! < values[i]!) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const out = new Set<number>();
  for (let i = tails.length > 0 ? tails[tails.length - 1]! : -1; i >= 0; i = prev[i]!) out.add(i);
  return out;
}

interface Axis {
  /** finbook's row (column) -> where it is now; only those with a cell still there. */
  now: Map<number, number>;
  /** Every row (column) of finbook's with a mapped cell, whatever became of it. */
  written: Set<number>;
}

interface Gap {
  count: number;
  /** finbook's rows (columns) framing the gap, and where the inserted ones are now. */
  after: number | null;
  before: number | null;
  from: number;
  to: number;
}

interface AxisEdits {
  moved: { written: number; now: number }[];
  inserted: Gap[];
  deleted: Gap[];
}

/** Moves, insertions and deletions along one axis of one sheet. */
function axisEdits(axis: Axis, occupiedNow: (from: number, to: number) => number): AxisEdits {
  const order = [...axis.now.entries()].sort((a, b) => a[0] - b[0]);
  const kept = longestIncreasing(order.map(([, now]) => now));
  const moved = order.filter((_, i) => !kept.has(i)).map(([written, now]) => ({ written, now }));
  const frame: [number, number][] = [[0, 0], ...order.filter((_, i) => kept.has(i))];
  const inserted: Gap[] = [];
  const deleted: Gap[] = [];
  for (let i = 1; i < frame.length; i++) {
    const [w1, n1] = frame[i - 1]!;
    const [w2, n2] = frame[i]!;
    let writtenBetween = 0;
    for (const w of axis.written) if (w > w1 && w < w2) writtenBetween++;
    const movedIn = new Set(moved.filter((m) => m.now > n1 && m.now < n2).map((m) => m.now)).size;
    const movedOut = moved.filter((m) => m.written > w1 && m.written < w2).length;
    let extra = n2 - n1 - 1 - movedIn - (w2 - w1 - 1 - writtenBetween);
    // rows a block was moved out of (rather than cut and inserted elsewhere) stay, empty
    if (extra > 0 && movedOut > 0) extra -= Math.min(movedOut, extra, Math.max(0, n2 - n1 - 1 - occupiedNow(n1 + 1, n2 - 1)));
    const gap = { after: i > 1 ? w1 : null, before: w2, from: n1 + 1, to: n2 - 1 };
    if (extra > 0) inserted.push({ ...gap, count: extra });
    else if (extra < 0) deleted.push({ ...gap, count: -extra });
  }
  return { moved, inserted, deleted };
}

export function structuralChanges(cells: readonly MappedCell[], sheets: readonly MapSheet[], positions: Positions, wb: ReadWorkbook, mapSheetName: string | null): Change[] {
  const changes: Change[] = [];
  changes.push(...sheetChanges(sheets, positions, wb, mapSheetName));
  const bySheet = new Map<number, MappedCell[]>();
  for (const c of cells) {
    let list = bySheet.get(c.sheetIndex);
    if (!list) bySheet.set(c.sheetIndex, (list = []));
    list.push(c);
  }
  for (const [s, list] of bySheet) {
    const now = positions.sheetNow[s];
    if (now === undefined) continue;
    changes.push(...sheetStructure(s, sheets[s]!, now, list, positions, wb));
  }
  return changes;
}

function sheetChanges(sheets: readonly MapSheet[], positions: Positions, wb: ReadWorkbook, mapSheetName: string | null): Change[] {
  const changes: Change[] = [];
  sheets.forEach((s, i) => {
    const now = positions.sheetNow[i];
    if (now === undefined) changes.push({ kind: 'sheet_deleted', name: s.name });
    else if (now !== s.name) changes.push({ kind: 'sheet_renamed', old: s.name, new: now });
  });
  const known = new Set(positions.sheetNow.filter((n): n is string => n !== undefined));
  for (const f of wb.sheets) if (!known.has(f.name) && f.name !== mapSheetName) changes.push({ kind: 'sheet_added', name: f.name });
  // finbook's sheets in the order written, against their order in the file
  const before = sheets.map((s, i) => ({ written: s.name, now: positions.sheetNow[i] })).filter((x): x is { written: string; now: string } => x.now !== undefined);
  const fileOrder = new Map(wb.sheets.map((s, i) => [s.name, i]));
  const after = [...before].sort((a, b) => fileOrder.get(a.now)! - fileOrder.get(b.now)!);
  if (after.some((x, i) => x !== before[i])) changes.push({ kind: 'sheets_reordered', before: before.map((x) => x.now), after: after.map((x) => x.now) });
  return changes;
}

function sheetStructure(s: number, sheet: MapSheet, now: string, cells: readonly MappedCell[], positions: Positions, wb: ReadWorkbook): Change[] {
  const changes: Change[] = [];
  const fileSheet = wb.sheets.find((f) => f.name === now);
  const rowsNow = positions.rowNow[s]!;
  const colsNow = positions.colNow[s]!;
  const label = (r: number): string => cells.find((c) => c.row.r === r)?.row.label ?? `row ${r}`;
  const line = (r: number): MapRow | undefined => cells.find((c) => c.row.r === r)?.row;
  // rows (columns) in a range that hold a number or a formula: a row whose figures were moved
  // away keeps its label, but no longer counts
  const occupied = (isRow: boolean) => (from: number, to: number): number => {
    const seen = new Set<number>();
    for (const c of fileSheet?.cells.values() ?? []) {
      const at = isRow ? c.row : c.col;
      if (at >= from && at <= to && (typeof c.value === 'number' || (c.formula !== null && c.formula !== ''))) seen.add(at);
    }
    return seen.size;
  };

  // columns and rows whose every cell is gone
  const deletedCols = new Set<number>();
  const byCol = groupBy(cells, (c) => c.cell.c);
  for (const [col, list] of byCol) if (list.every((c) => c.at === null) && !colsNow.has(col)) deletedCols.add(col);
  const deletedRows = new Set<number>();
  const byRow = groupBy(cells, (c) => c.row.r);
  for (const [row, list] of byRow) if (list.every((c) => c.at === null) && !list.every((c) => deletedCols.has(c.cell.c))) deletedRows.add(row);
  // a sheet whose every cell is gone reads as all its rows deleted: say it once per row anyway
  for (const col of [...deletedCols].sort((a, b) => a - b)) changes.push({ kind: 'column_deleted', sheet: now, column: byCol.get(col)![0]!.cell.k, written: columnLetters(col) });
  for (const row of [...deletedRows].sort((a, b) => a - b)) {
    const l = line(row)!;
    changes.push({ kind: 'row_deleted', sheet: now, label: l.label, line: `${sheet.id}.${l.id}`, row });
  }

  const rows = axisEdits({ now: rowsNow, written: new Set(byRow.keys()) }, occupied(true));
  for (const m of rows.moved) {
    const l = line(m.written)!;
    changes.push({ kind: 'row_moved', sheet: now, label: l.label, line: `${sheet.id}.${l.id}`, from: m.written, to: m.now });
  }
  for (const g of rows.inserted)
    changes.push({ kind: 'rows_inserted', sheet: now, count: g.count, rows: g.from === g.to ? String(g.from) : `${g.from}-${g.to}`, after: g.after === null ? null : label(g.after), before: g.before === null ? null : label(g.before) });
  for (const g of rows.deleted) changes.push({ kind: 'rows_deleted', sheet: now, count: g.count, after: g.after === null ? null : label(g.after), before: g.before === null ? null : label(g.before) });

  const columnName = (c: number): string => byCol.get(c)?.[0]?.cell.k ?? columnLetters(c);
  const cols = axisEdits({ now: colsNow, written: new Set(byCol.keys()) }, occupied(false));
  for (const m of cols.moved) changes.push({ kind: 'column_moved', sheet: now, column: columnName(m.written), from: columnLetters(m.written), to: columnLetters(m.now) });
  for (const g of cols.inserted)
    changes.push({
      kind: 'columns_inserted',
      sheet: now,
      count: g.count,
      columns: g.from === g.to ? columnLetters(g.from) : `${columnLetters(g.from)}-${columnLetters(g.to)}`,
      after: g.after === null ? null : columnName(g.after),
      before: g.before === null ? null : columnName(g.before),
    });
  for (const g of cols.deleted) changes.push({ kind: 'columns_deleted', sheet: now, count: g.count, after: g.after === null ? null : columnName(g.after), before: g.before === null ? null : columnName(g.before) });

  // single cells: not where their row and column went
  const blocks = new Map<string, { dr: number; dc: number; cells: MappedCell[] }>();
  for (const c of cells) {
    if (!c.at) continue;
    const row = rowsNow.get(c.row.r);
    const col = colsNow.get(c.cell.c);
    if (row === undefined || col === undefined || c.at.sheet !== now || (c.at.row === row && c.at.col === col)) continue;
    const dr = c.at.row - c.row.r;
    const dc = c.at.col - c.cell.c;
    const key = `${dr},${dc}`;
    let b = blocks.get(key);
    if (!b) blocks.set(key, (b = { dr, dc, cells: [] }));
    b.cells.push(c);
  }
  for (const b of blocks.values()) {
    const rs = b.cells.map((c) => c.row.r);
    const cs = b.cells.map((c) => c.cell.c);
    const box = (dr: number, dc: number): string => {
      const from = a1(Math.min(...cs) + dc, Math.min(...rs) + dr);
      const to = a1(Math.max(...cs) + dc, Math.max(...rs) + dr);
      return from === to ? from : `${from}:${to}`;
    };
    changes.push({ kind: 'cells_moved', sheet: now, count: b.cells.length, from: box(0, 0), to: box(b.dr, b.dc) });
  }
  return changes;
}

function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const t of items) {
    const k = key(t);
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(t);
  }
  return out;
}

/** Rows and columns whose cells were deleted as a whole (reported once, not cell by cell). */
export function wholeDeletions(changes: readonly Change[]): { rows: Set<string>; cols: Set<string> } {
  const rows = new Set<string>();
  const cols = new Set<string>();
  for (const c of changes) {
    if (c.kind === 'row_deleted') rows.add(`${c.sheet}\u0000${c.row}`);
    if (c.kind === 'column_deleted') cols.add(`${c.sheet}\u0000${c.written}`);
  }
  return { rows, cols };
}
