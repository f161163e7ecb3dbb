// Where things are now, both ways: finbook's sheets, rows and columns to the file's, and a
// cell of the file back to the cell finbook wrote (for reading a formula's references as
// they were written). Rows and columns follow the majority of their cells, so a line moved
// whole moves its row while a single cell moved alone stays a moved cell.
import type { MapSheet } from '../plan/map-format.js';
import type { MappedCell, Place } from './read-map.js';

/** A cell as finbook wrote it: sheet index, row, column. */
export interface PlannedPlace {
  s: number;
  r: number;
  c: number;
}

function majority<K>(votes: Map<K, Map<number | string, number>>): Map<K, number | string> {
  const out = new Map<K, number | string>();
  for (const [k, v] of votes) {
    let best: number | string | undefined;
    let most = 0;
    for (const [x, n] of v)
      if (n > most) {
        best = x;
        most = n;
      }
    if (best !== undefined) out.set(k, best);
  }
  return out;
}

function vote<K>(votes: Map<K, Map<number | string, number>>, key: K, value: number | string): void {
  let v = votes.get(key);
  if (!v) votes.set(key, (v = new Map()));
  v.set(value, (v.get(value) ?? 0) + 1);
}

export class Positions {
  /** Current name of each of finbook's sheets (undefined: gone, or nothing on it to follow). */
  readonly sheetNow: (string | undefined)[];
  /** finbook's sheet index of each current sheet name, in lower case. */
  private readonly sheetPlanned = new Map<string, number>();
  /** Per finbook sheet: written row -> row now, written column -> column now. */
  readonly rowNow: Map<number, number>[];
  readonly colNow: Map<number, number>[];
  private readonly rowBack: Map<number, number>[];
  private readonly colBack: Map<number, number>[];
  private readonly cellBack = new Map<string, PlannedPlace>();

  constructor(
    readonly sheets: readonly MapSheet[],
    cells: readonly MappedCell[],
    fileSheets: readonly string[],
  ) {
    const sheetVotes = new Map<number, Map<number | string, number>>();
    const rowVotes = sheets.map(() => new Map<number, Map<number | string, number>>());
    const colVotes = sheets.map(() => new Map<number, Map<number | string, number>>());
    for (const m of cells) {
      if (!m.at) continue;
      vote(sheetVotes, m.sheetIndex, m.at.sheet);
      vote(rowVotes[m.sheetIndex]!, m.row.r, m.at.row);
      vote(colVotes[m.sheetIndex]!, m.cell.c, m.at.col);
      this.cellBack.set(placeKey(m.at), { s: m.sheetIndex, r: m.row.r, c: m.cell.c });
    }
    const sheetNames = majority(sheetVotes);
    const files = new Set(fileSheets);
    this.sheetNow = sheets.map((s, i) => {
      const name = sheetNames.get(i) as string | undefined;
      if (name !== undefined) return files.has(name) ? name : undefined;
      // a sheet with nothing mapped on it (Charts): by its name
      return files.has(s.name) ? s.name : undefined;
    });
    this.sheetNow.forEach((name, i) => {
      if (name !== undefined && !this.sheetPlanned.has(name.toLowerCase())) this.sheetPlanned.set(name.toLowerCase(), i);
    });
    this.rowNow = rowVotes.map((v) => majority(v) as Map<number, number>);
    this.colNow = colVotes.map((v) => majority(v) as Map<number, number>);
    const invert = (m: Map<number, number>): Map<number, number> => {
      const back = new Map<number, number>();
      for (const [planned, now] of m) if (!back.has(now)) back.set(now, planned);
      return back;
    };
    this.rowBack = this.rowNow.map(invert);
    this.colBack = this.colNow.map(invert);
  }

  /** The cell finbook wrote that is now at `place`: itself if it is a mapped cell, else by its row and column; null if neither is known. */
  toPlanned(place: Place): PlannedPlace | null {
    const exact = this.cellBack.get(placeKey(place));
    if (exact) return exact;
    const s = this.sheetPlanned.get(place.sheet.toLowerCase());
    if (s === undefined) return null;
    const r = this.rowBack[s]!.get(place.row);
    const c = this.colBack[s]!.get(place.col);
    return r !== undefined && c !== undefined ? { s, r, c } : null;
  }

  /** finbook's sheet index of a sheet of the file (names compared ignoring case, as Excel does). */
  plannedSheet(name: string): number | undefined {
    return this.sheetPlanned.get(name.toLowerCase());
  }

  /** The written row that is now row `row` of sheet `sheetIndex`, or undefined. */
  plannedRowBack(sheetIndex: number, row: number): number | undefined {
    return this.rowBack[sheetIndex]!.get(row);
  }

  plannedColBack(sheetIndex: number, col: number): number | undefined {
    return this.colBack[sheetIndex]!.get(col);
  }
}

/** Excel compares sheet names ignoring case. */
export function placeKey(p: Place): string {
  return `${p.sheet.toLowerCase()}\u0000${p.row}\u0000${p.col}`;
}
