// Read the map back from a workbook (plan/map-format.ts): the JSON says what each cell was, the
// anchors say where each cell is now, as the program that saved the file adjusted them.
import type { ReadSheet, ReadWorkbook } from '../verify/read-xlsx.js';
import { anchorReferences } from './excel-formula.js';
import type { MapCell, MapRow, MapSheet, WorkbookMap } from '../plan/map-format.js';
import { MAP_FIRST_ROW, MAP_JSON_START, MAP_SHEET, loadStoredMap, mapJsonText, storedMapSchema } from '../plan/map-format.js';

/** Where a cell is in the file now. */
export interface Place {
  sheet: string;
  row: number;
  col: number;
}

/** One input or formula cell finbook wrote, and where it is now. */
export interface MappedCell {
  sheetIndex: number;
  sheet: MapSheet;
  row: MapRow;
  cell: MapCell;
  /** Where it is now; null when its row, column or sheet was deleted. */
  at: Place | null;
  /** How `at` was found: its anchor, or the place finbook wrote it (no anchor to follow), or its label (an anchor not adjusted). */
  found: 'anchor' | 'planned' | 'label';
}

export interface WorkbookMapRead {
  map: WorkbookMap;
  cells: MappedCell[];
  /** The map sheet's name in the file. */
  sheetName: string;
  /** Anchors that were missing, or not formulas of the expected shape: their cells are placed where finbook wrote them. */
  brokenAnchors: number;
}

/** The workbook has a map sheet, but its JSON is not a map finbook can read. */
export class MapReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MapReadError';
  }
}

/** The sheet holding the map: by its name, or (renamed) by the JSON it starts with. */
export function findMapSheet(wb: ReadWorkbook): ReadSheet | undefined {
  return wb.sheets.find((s) => s.name === MAP_SHEET) ?? wb.sheets.find((s) => {
    const first = s.cells.get(`B${MAP_FIRST_ROW}`)?.value;
    return typeof first === 'string' && first.startsWith(MAP_JSON_START);
  });
}

/** The workbook's map and where each mapped cell is now; null when the workbook carries no map. */
export function readWorkbookMap(wb: ReadWorkbook): WorkbookMapRead | null {
  const sheet = findMapSheet(wb);
  if (!sheet) return null;
  const pieces: string[] = [];
  for (let row = MAP_FIRST_ROW; ; row++) {
    const v = sheet.cells.get(`B${row}`)?.value;
    if (typeof v !== 'string' || v === '') break;
    pieces.push(v);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(mapJsonText(pieces));
  } catch {
    throw new MapReadError(`the sheet '${sheet.name}' does not hold a map finbook can read (its text is not JSON)`);
  }
  const parsed = storedMapSchema.safeParse(raw);
  const map = parsed.success ? loadStoredMap(parsed.data) : null;
  if (!map) throw new MapReadError(`the sheet '${sheet.name}' does not hold a map this finbook can read${parsed.success ? '' : ` (${parsed.error.issues[0]?.message ?? 'unknown format'})`}`);

  // the anchors' arguments, in order; an anchor that is not one (or holds another number of
  // cells) places its cells where finbook wrote them
  const places: (Place | null | undefined)[] = [];
  let brokenAnchors = 0;
  map.anchors.forEach((size, i) => {
    const formula = sheet.cells.get(`A${MAP_FIRST_ROW + i}`)?.formula;
    const refs = formula ? anchorReferences(formula) : null;
    if (!refs || refs.length !== size) {
      brokenAnchors++;
      for (let j = 0; j < size; j++) places.push(undefined);
      return;
    }
    for (const ref of refs) places.push(ref.kind === 'deleted' ? null : ref.kind === 'cell' ? { sheet: ref.sheet ?? sheet.name, row: ref.row, col: ref.col } : undefined);
  });
  const cells: MappedCell[] = [];
  let next = 0;
  for (const row of map.rows) {
    const mapSheet = map.sheets[row.s]!;
    for (const cell of row.cells) {
      const at = places[next++];
      if (at === undefined) cells.push({ sheetIndex: row.s, sheet: mapSheet, row, cell, at: { sheet: mapSheet.name, row: row.r, col: cell.c }, found: 'planned' });
      else cells.push({ sheetIndex: row.s, sheet: mapSheet, row, cell, at, found: 'anchor' });
    }
  }
  return { map, cells, sheetName: sheet.name, brokenAnchors };
}

/** Cells placed where finbook wrote them: for a workbook without a map, from the model's. */
export function plannedPlaces(map: WorkbookMap): MappedCell[] {
  const cells: MappedCell[] = [];
  for (const row of map.rows) {
    const sheet = map.sheets[row.s]!;
    for (const cell of row.cells) cells.push({ sheetIndex: row.s, sheet, row, cell, at: { sheet: sheet.name, row: row.r, col: cell.c }, found: 'planned' });
  }
  return cells;
}
