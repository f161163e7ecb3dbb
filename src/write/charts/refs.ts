// The formula text (c:f) that points a series at its cells. Neighbouring cells in plotting
// order collapse into one area ($C$7:$C$10); anything else becomes a union of areas in
// brackets, ('IS Quarter'!$E$7,'IS Quarter'!$H$7,'IS Quarter'!$C$7), which is how Excel
// itself writes a series picked from cells that are not next to each other. Areas keep the
// plotting order, so a union may run right to left (periods in time order, columns not).
import type { CellAddress } from '../../layout/a1.js';
import { a1, quoteSheetName } from '../../layout/a1.js';

interface Area {
  first: CellAddress;
  last: CellAddress;
}

function extends_(area: Area, next: CellAddress): boolean {
  const { first, last } = area;
  const single = first.col === last.col && first.row === last.row;
  const down = next.col === last.col && next.row === last.row + 1 && (single || first.col === last.col);
  const right = next.row === last.row && next.col === last.col + 1 && (single || first.row === last.row);
  return down || right;
}

export function areas(cells: readonly CellAddress[]): Area[] {
  const out: Area[] = [];
  for (const c of cells) {
    const last = out[out.length - 1];
    if (last && extends_(last, c)) last.last = c;
    else out.push({ first: c, last: c });
  }
  return out;
}

export function seriesFormula(cells: readonly CellAddress[]): string {
  if (cells.length === 0) throw new Error('internal: a series needs at least one cell');
  const sheet = cells[0]!.sheet;
  if (cells.some((c) => c.sheet !== sheet)) throw new Error('internal: a series reads one sheet');
  const prefix = `${quoteSheetName(sheet)}!`;
  const parts = areas(cells).map(({ first, last }) => {
    const from = a1(first.col, first.row, true);
    return first.col === last.col && first.row === last.row ? `${prefix}${from}` : `${prefix}${from}:${a1(last.col, last.row, true)}`;
  });
  return parts.length === 1 ? parts[0]! : `(${parts.join(',')})`;
}

/** Every cell a series formula names, in order: the inverse of seriesFormula (for tests and checks). */
export function cellsOf(formula: string): CellAddress[] {
  const inner = formula.startsWith('(') && formula.endsWith(')') ? formula.slice(1, -1) : formula;
  const out: CellAddress[] = [];
  const area = /('(?:[^']|'')+'|[^'!,()]+)!\$([A-Z]+)\$([0-9]+)(?::\$([A-Z]+)\$([0-9]+))?/g;
  for (const m of inner.matchAll(area)) {
    const sheet = m[1]!.startsWith("'") ? m[1]!.slice(1, -1).replace(/''/g, "'") : m[1]!;
    const c1 = colIndex(m[2]!);
    const r1 = Number(m[3]);
    const c2 = m[4] ? colIndex(m[4]) : c1;
    const r2 = m[5] ? Number(m[5]) : r1;
    for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) out.push({ sheet, col: c, row: r });
  }
  return out;
}

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
