// The map finbook leaves in every workbook it writes, so that `finbook diff` and `finbook
// pull` can tell, after an analyst has edited and saved the file in Excel, LibreOffice or
// openpyxl, which cell is which line and period, what it was, and where it is now.
//
// It lives on a sheet of its own, "finbook map", hidden (veryHidden: Excel's UI cannot
// unhide it; LibreOffice keeps it hidden) and protected (no password):
//
//   A1      a note saying what the sheet is
//   A3...   one anchor per planned row (or part of a long row): =COUNTA('IS Quarter'!C10,...)
//           whose arguments are the row's input and formula cells, in the order of the
//           entry's `cells`. Excel and LibreOffice adjust these references like any other
//           when rows or columns are inserted or deleted, blocks of cells are moved or sheets
//           renamed; a deleted cell becomes #REF! in its place. So each anchor says where its
//           cells are now.
//   B3...   the map itself as JSON (this schema), in pieces of at most 30,000 characters:
//           what each anchored cell is (sheet, line, period, role) and what finbook wrote
//           there (the input's value or the formula's text).
//
// Why a sheet and not the alternatives (each measured with LibreOffice 7.4 and openpyxl 3.0):
// - defined names also follow edits and survive both, but LibreOffice drops their `hidden`
//   flag, so a thousand names would crowd the Name Manager and the Name Box of every analyst
//   after one save; a name cannot carry what the cell held.
// - a custom XML part (or custom document properties) is dropped by openpyxl on save, and no
//   application adjusts what it says when rows move.
// A hidden sheet's cells survive all three, and its formulas are adjusted like any other.
import * as z from 'zod';

export const MAP_SHEET = 'finbook map';
/** Row of the first anchor (and of the first piece of JSON). */
export const MAP_FIRST_ROW = 3;
export const MAP_NOTE =
  "finbook's map of this workbook: where each input and formula was written and what it held, read by `finbook diff` and `finbook pull`. Hidden and protected: please leave it as it is.";
/** At most this many cells per anchor (Excel allows 255 arguments to a function). */
export const MAP_REFS_PER_ANCHOR = 200;
/** An anchor's formula stays under Excel's 8,192 characters. */
export const MAP_ANCHOR_CHARS = 8_000;
/** Each piece of JSON stays under Excel's 32,767 characters per cell. */
export const MAP_JSON_CHARS = 30_000;
/**
 * Workbooks with more input and formula cells than this carry no map: the map would cost
 * more than the workbook (a 1.4-million-cell export doubles), and such workbooks are
 * generated rather than edited by hand. `diff` and `pull` then need --model and find the
 * cells where the model puts them.
 */
export const MAP_MAX_CELLS = 50_000;

export const ROLES = ['input', 'formula', 'link'] as const;
export type CellRole = (typeof ROLES)[number];

// On the sheet the map is compact (every quote costs six characters of XML): a cell is a
// tuple, its column an index into its sheet's list of columns, its role an index into ROLES.

/** [column where finbook wrote it (0-based), index into the sheet's `cols`, index into ROLES, value, text result] */
const storedCellSchema = z.tuple([z.number().int().min(0), z.number().int().min(0), z.number().int().min(0).max(ROLES.length - 1), z.union([z.number(), z.string()])], z.string());

const storedRowSchema = z
  .object({
    /** Index into `sheets`. */
    s: z.number().int().min(0),
    /** Row where finbook wrote the line. */
    r: z.number().int().min(1),
    /** The line's id (a statement line, a global input, a check); unique within the sheet together with `p`. */
    id: z.string(),
    /** The text of the row's label cell (column A). */
    label: z.string(),
    /** The period of a check's row. */
    p: z.string().optional(),
    /** Where the row's inputs live in the model file: an input's path is this and its column (values.is_q.revenue + 4Q02). */
    m: z.array(z.string()).optional(),
    cells: z.array(storedCellSchema),
  })
  .strict();

const storedSheetSchema = z
  .object({
    name: z.string(),
    /** The template's sheet id (statements) or the sheet's kind (cover, inputs, checks). */
    id: z.string(),
    kind: z.string(),
    /** The sheet's columns: a period id on a statement (4Q02, "4Q02 % of total_revenues" for a derived column), the header's text elsewhere. */
    cols: z.array(z.string()),
  })
  .strict();

export const storedMapSchema = z
  .object({
    finbook_map: z.literal(1),
    /** finbook's version that wrote the workbook. */
    finbook: z.string(),
    sheets: z.array(storedSheetSchema),
    /** One entry per anchor, in the map sheet's row order from MAP_FIRST_ROW. */
    rows: z.array(storedRowSchema),
  })
  .strict();

export type StoredMap = z.infer<typeof storedMapSchema>;

/** A mapped cell as finbook wrote it. */
export interface MapCell {
  /** 0-based column where finbook wrote the cell. */
  c: number;
  /** The column (see storedSheetSchema.cols). */
  k: string;
  /** input (blue), formula (black) or link (green): the cell's own role, period by period. */
  t: CellRole;
  /** What finbook wrote: an input's number, or a formula's text without '='. */
  v: number | string;
  /** A formula's cached result when it is text (a check's OK / FAIL). */
  x?: string;
  /** Where an input's value lives in the model file; absent when the template owns it. */
  m?: string[];
}

export interface MapRow {
  s: number;
  r: number;
  id: string;
  label: string;
  p?: string;
  cells: MapCell[];
}

export interface MapSheet {
  name: string;
  id: string;
  kind: string;
}

export interface WorkbookMap {
  finbook: string;
  sheets: MapSheet[];
  /** One entry per anchor, in the map sheet's row order. */
  rows: MapRow[];
}

/** The identity of a cell, the same in the workbook's map and in a model's: sheet id, line id, period, column. */
export function cellKey(sheet: MapSheet, row: MapRow, cell: MapCell): string {
  return `${sheet.id}\u0000${row.id}\u0000${row.p ?? ''}\u0000${cell.k}`;
}

/** The compact form written to the sheet. */
export function storeMap(map: WorkbookMap): StoredMap {
  const cols = map.sheets.map(() => new Map<string, number>());
  const rows = map.rows.map((row) => {
    const byColumn = cols[row.s]!;
    const index = (k: string): number => {
      let i = byColumn.get(k);
      if (i === undefined) byColumn.set(k, (i = byColumn.size));
      return i;
    };
    // the row's model path, when every carried input's path is it plus the input's column
    const inputs = row.cells.filter((c) => c.m);
    const prefix = inputs[0]?.m?.slice(0, -1);
    const shared = prefix !== undefined && inputs.every((c) => c.m!.length === prefix.length + 1 && c.m!.every((p, i) => (i < prefix.length ? p === prefix[i] : p === c.k)));
    if (inputs.length > 0 && (!shared || row.cells.some((c) => c.t === 'input' && !c.m))) throw new Error(`map row ${row.id}: inputs without one model path`);
    return {
      s: row.s,
      r: row.r,
      id: row.id,
      label: row.label,
      ...(row.p !== undefined ? { p: row.p } : {}),
      ...(shared ? { m: prefix } : {}),
      cells: row.cells.map((c): StoredMap['rows'][number]['cells'][number] => [c.c, index(c.k), ROLES.indexOf(c.t), c.v, ...(c.x !== undefined ? [c.x] : [])]),
    };
  });
  return { finbook_map: 1, finbook: map.finbook, sheets: map.sheets.map((s, i) => ({ ...s, cols: [...cols[i]!.keys()] })), rows };
}

/** The map as the rest of finbook reads it; null when a column or sheet index points nowhere. */
export function loadStoredMap(stored: StoredMap): WorkbookMap | null {
  const rows: MapRow[] = [];
  for (const row of stored.rows) {
    const sheet = stored.sheets[row.s];
    if (!sheet) return null;
    const cells: MapCell[] = [];
    for (const [c, ki, ti, v, x] of row.cells) {
      const k = sheet.cols[ki];
      if (k === undefined) return null;
      const t = ROLES[ti]!;
      cells.push({ c, k, t, v, ...(x !== undefined ? { x } : {}), ...(t === 'input' && row.m ? { m: [...row.m, k] } : {}) });
    }
    rows.push({ s: row.s, r: row.r, id: row.id, label: row.label, ...(row.p !== undefined ? { p: row.p } : {}), cells });
  }
  return { finbook: stored.finbook, sheets: stored.sheets.map(({ name, id, kind }) => ({ name, id, kind })), rows };
}

/** The map as text for the sheet's cells: JSON with every character past ASCII escaped, so any cut is safe. */
export function mapJsonPieces(map: WorkbookMap): string[] {
  const json = JSON.stringify(storeMap(map)).replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const pieces: string[] = [];
  for (let at = 0; at < json.length; at += MAP_JSON_CHARS) pieces.push(json.slice(at, at + MAP_JSON_CHARS));
  return pieces;
}
