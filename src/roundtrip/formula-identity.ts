// Does a formula in the file still compute what finbook wrote? Both are read as canonical
// text (excel-formula.ts) in which every reference is replaced by the identity of the cell
// it points at (sheet, line, period, column): the formula finbook wrote, through the map it
// was written with; the formula in the file, through where each cell is now. A row inserted
// above moves both the cell and every reference to it, so the identities stay the same; a
// reference that now points at another line does not.
import type { Reference } from './excel-formula.js';
import { formulaPieces } from './excel-formula.js';
import type { MapSheet, WorkbookMap } from '../plan/map-format.js';
import { cellKey } from '../plan/map-format.js';
import type { Positions } from './positions.js';

/** A cell as finbook wrote it, to its identity when the map knows it. */
export class MapIndex {
  private readonly keys = new Map<string, string>();
  private readonly sheetByName = new Map<string, number>();

  constructor(readonly map: WorkbookMap) {
    map.sheets.forEach((s, i) => this.sheetByName.set(s.name.toLowerCase(), i));
    for (const row of map.rows) {
      const sheet = map.sheets[row.s]!;
      for (const cell of row.cells) this.keys.set(`${row.s},${row.r},${cell.c}`, cellKey(sheet, row, cell));
    }
  }

  sheetIndex(name: string): number | undefined {
    return this.sheetByName.get(name.toLowerCase());
  }

  sheet(index: number): MapSheet | undefined {
    return this.map.sheets[index];
  }

  /** The identity of a written cell: its key, or its sheet id and place when it held no number. */
  identity(s: number, r: number, c: number): string {
    return this.keys.get(`${s},${r},${c}`) ?? `${this.map.sheets[s]?.id ?? s}!${r},${c}`;
  }
}

/** How one reading names what a reference points at: a cell, and whole rows or columns, on a sheet as the formula names it. */
interface Naming {
  cell(sheet: string | null, row: number, col: number): string;
  lines(kind: 'rows' | 'cols', sheet: string | null, from: number, to: number): string;
}

function canonical(formula: string, naming: Naming): string {
  let out = '';
  for (const p of formulaPieces(formula)) out += p.kind === 'text' ? p.text : `[${named(p.ref, naming)}]`;
  return out;
}

function named(ref: Reference, n: Naming): string {
  switch (ref.kind) {
    case 'cell':
      return n.cell(ref.sheet, ref.row, ref.col);
    case 'area':
      return `${n.cell(ref.sheet, ref.from.row, ref.from.col)}:${n.cell(ref.sheet, ref.to.row, ref.to.col)}`;
    case 'rows':
    case 'cols':
      return n.lines(ref.kind, ref.sheet, ref.from, ref.to);
    case 'name':
      return `name ${ref.name.toLowerCase()}`;
    case 'deleted':
      return '#REF!';
    default: {
      const never: never = ref;
      return String(never);
    }
  }
}

/** A formula as finbook wrote it on sheet `own` (index into the map's sheets), with identities for references. */
export function writtenIdentity(formula: string, own: number, index: MapIndex): string {
  const sheetOf = (sheet: string | null): number | undefined => (sheet === null ? own : index.sheetIndex(sheet));
  return canonical(formula, {
    cell: (sheet, row, col) => {
      const s = sheetOf(sheet);
      return s === undefined ? `?${sheet ?? ''}` : index.identity(s, row, col);
    },
    lines: (kind, sheet, from, to) => {
      const s = sheetOf(sheet);
      return s === undefined ? `?${sheet ?? ''}` : `${index.sheet(s)?.id}!${kind} ${from}:${to}`;
    },
  });
}

/** A formula found in the file on sheet `own` (its current name), with the identities of the cells it points at now. */
export function currentIdentity(formula: string, own: string, positions: Positions, index: MapIndex): string {
  return canonical(formula, {
    cell: (sheet, row, col) => {
      const p = positions.toPlanned({ sheet: sheet ?? own, row, col });
      return p ? index.identity(p.s, p.r, p.c) : `?${(sheet ?? own).toLowerCase()}!${row},${col}`;
    },
    lines: (kind, sheet, from, to) => {
      const s = positions.plannedSheet(sheet ?? own);
      if (s === undefined) return `?${sheet ?? own}`;
      const back = (n: number): number | string => (kind === 'rows' ? positions.plannedRowBack(s, n) : positions.plannedColBack(s, n)) ?? `?${n}`;
      return `${index.sheet(s)?.id}!${kind} ${back(from)}:${back(to)}`;
    },
  });
}

/** A formula's text with references as written (sheet names compared ignoring case): equal when nobody retyped it. */
export function literalFormula(formula: string, own: string): string {
  const sheetOf = (sheet: string | null): string => (sheet ?? own).toLowerCase();
  return canonical(formula, {
    cell: (sheet, row, col) => `${sheetOf(sheet)}!${row},${col}`,
    lines: (kind, sheet, from, to) => `${sheetOf(sheet)}!${kind} ${from}:${to}`,
  });
}
