// Does a formula in the file still compute what finbook wrote? Both are read as canonical
// text (excel-formula.ts) in which every reference is replaced by the identity of the cell
// it points at (sheet, line, period, column): the formula finbook wrote, through the map it
// was written with; the formula in the file, through where each cell is now. A row inserted
// above moves both the cell and every reference to it, so the identities stay the same; a
// reference that now points at another line does not.
import type { Reference } from './excel-formula.js';
import { formulaPieces } from './excel-formula.js';
import type { MapSheet, WorkbookMap } from './map-format.js';
import { cellKey } from './map-format.js';
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

type Resolve = (ref: Reference) => string;

function canonical(formula: string, resolve: Resolve): string {
  let out = '';
  for (const p of formulaPieces(formula)) out += p.kind === 'text' ? p.text : `[${resolve(p.ref)}]`;
  return out;
}

/** A formula as finbook wrote it on sheet `own` (index into the map's sheets), with identities for references. */
export function writtenIdentity(formula: string, own: number, index: MapIndex): string {
  return canonical(formula, (ref) => {
    const s = ref.sheet === null ? own : index.sheetIndex(ref.sheet);
    if (s === undefined) return `?${ref.sheet ?? ''}`;
    switch (ref.kind) {
      case 'cell':
        return index.identity(s, ref.row, ref.col);
      case 'area':
        return `${index.identity(s, ref.from.row, ref.from.col)}:${index.identity(s, ref.to.row, ref.to.col)}`;
      case 'rows':
        return `${index.sheet(s)?.id}!rows ${ref.from}:${ref.to}`;
      case 'cols':
        return `${index.sheet(s)?.id}!cols ${ref.from}:${ref.to}`;
      case 'name':
        return `name ${ref.name.toLowerCase()}`;
      case 'deleted':
        return '#REF!';
      default: {
        const never: never = ref;
        return String(never);
      }
    }
  });
}

/** A formula found in the file on sheet `own` (its current name), with the identities of the cells it points at now. */
export function currentIdentity(formula: string, own: string, positions: Positions, index: MapIndex): string {
  const cell = (sheet: string, row: number, col: number): string => {
    const p = positions.toPlanned({ sheet, row, col });
    return p ? index.identity(p.s, p.r, p.c) : `?${sheet.toLowerCase()}!${row},${col}`;
  };
  return canonical(formula, (ref) => {
    const sheet = ref.sheet ?? own;
    switch (ref.kind) {
      case 'cell':
        return cell(sheet, ref.row, ref.col);
      case 'area':
        return `${cell(sheet, ref.from.row, ref.from.col)}:${cell(sheet, ref.to.row, ref.to.col)}`;
      case 'rows':
      case 'cols': {
        const s = positions.plannedSheet(sheet);
        const back = (n: number): number | string => (s === undefined ? `?${n}` : ((ref.kind === 'rows' ? positions.plannedRowBack(s, n) : positions.plannedColBack(s, n)) ?? `?${n}`));
        return `${s === undefined ? `?${sheet}` : index.sheet(s)?.id}!${ref.kind} ${back(ref.from)}:${back(ref.to)}`;
      }
      case 'name':
        return `name ${ref.name.toLowerCase()}`;
      case 'deleted':
        return '#REF!';
      default: {
        const never: never = ref;
        return String(never);
      }
    }
  });
}

/** A formula's text with references as written (sheet names compared ignoring case): equal when nobody retyped it. */
export function literalFormula(formula: string, own: string): string {
  return canonical(formula, (ref) => {
    const sheet = (ref.sheet ?? own).toLowerCase();
    switch (ref.kind) {
      case 'cell':
        return `${sheet}!${ref.row},${ref.col}`;
      case 'area':
        return `${sheet}!${ref.from.row},${ref.from.col}:${ref.to.row},${ref.to.col}`;
      case 'rows':
      case 'cols':
        return `${sheet}!${ref.kind} ${ref.from}:${ref.to}`;
      case 'name':
        return `name ${ref.name.toLowerCase()}`;
      case 'deleted':
        return '#REF!';
      default: {
        const never: never = ref;
        return String(never);
      }
    }
  });
}
