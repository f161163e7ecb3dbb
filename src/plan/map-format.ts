// The map finbook leaves in every workbook it writes, so that `finbook diff` and `finbook
// pull` can tell, after an analyst has edited and saved the file in Excel, LibreOffice or
// openpyxl, which cell is which line and period, what it was, and where it is now.
//
// It lives on a sheet of its own, "finbook map", hidden (veryHidden: Excel's UI cannot
// unhide it; LibreOffice keeps it hidden) and protected (no password):
//
//   A1      a note saying what the sheet is
//   A3...   anchors: =COUNTA('IS Quarter'!C10,'IS Quarter'!E10,...), each with up to 200 of
//           the workbook's input and formula cells as its arguments, in the order of the
//           map's rows and their cells. Excel and LibreOffice adjust these references like
//           any other when rows or columns are inserted or deleted, blocks of cells are
//           moved or sheets renamed; a deleted cell becomes #REF! in its place. So the
//           anchors say where each cell is now.
//   B3...   the map itself as JSON (this schema), in pieces of at most 30,000 characters:
//           what each anchored cell is (sheet, line, period, role) and what finbook wrote
//           there (the input's value or the formula's text). Its double quotes are stored
//           as backticks (a backtick of its own as \u0060): in the sheet's XML a quote
//           costs six characters, and the map would be twice the size.
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

/** input (blue), formula (black), link (green); choice: text picked from a drop-down list (the scenario selector). */
export const ROLES = ['input', 'formula', 'link', 'choice'] as const;
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
    /** finbook's rows (lines) with input or formula cells, in the order their cells are the anchors' arguments. */
    rows: z.array(storedRowSchema),
    /** How many cells each anchor holds (A3, A4, ...): a damaged anchor costs only its own. */
    anchors: z.array(z.number().int().min(1)),
  })
  .strict();

export type StoredMap = z.infer<typeof storedMapSchema>;
export type StoredRow = StoredMap['rows'][number];
export type StoredCell = StoredRow['cells'][number];

/** A mapped cell as finbook wrote it. */
export interface MapCell {
  /** 0-based column where finbook wrote the cell. */
  c: number;
  /** The column (see storedSheetSchema.cols). */
  k: string;
  /** input (blue), formula (black), link (green) or choice: the cell's own role, period by period. */
  t: CellRole;
  /** What finbook wrote: an input's number, a formula's text without '=', a choice's text. */
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

/** The map as the rest of finbook reads it (loadStoredMap). */
export interface WorkbookMap {
  finbook: string;
  sheets: MapSheet[];
  /** finbook's rows with input or formula cells, in the order the anchors hold their cells. */
  rows: MapRow[];
  /** Cells per anchor. */
  anchors: number[];
}

/** The identity of a cell, the same in the workbook's map and in a model's: sheet id, line id, period, column. */
export function cellKey(sheet: MapSheet, row: MapRow, cell: MapCell): string {
  return `${sheet.id}\u0000${row.id}\u0000${row.p ?? ''}\u0000${cell.k}`;
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
  if (stored.anchors.reduce((a, b) => a + b, 0) !== rows.reduce((a, r) => a + r.cells.length, 0)) return null;
  return { finbook: stored.finbook, sheets: stored.sheets.map(({ name, id, kind }) => ({ name, id, kind })), rows, anchors: stored.anchors };
}

const BEYOND_ASCII = /[\u007f-\uffff`]/g;

/**
 * JSON.stringify, quotes as backticks, every character past ASCII (and the backtick) escaped
 * as \uXXXX. Such characters stand only inside strings, where JSON would write them as they
 * are, and a quote only as a string's delimiter or escaped (\"), so the whole text is
 * rewritten at once: one native stringify instead of a string built value by value.
 */
function encoded(map: StoredMap): string {
  const json = JSON.stringify(map);
  return json.replace(BEYOND_ASCII, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).replaceAll('"', '`');
}

/**
 * The map as text for the sheet's cells: its JSON with double quotes as backticks, and
 * every character past ASCII (and the backtick) escaped, so that a cut anywhere is safe.
 */
export function mapJsonPieces(map: StoredMap): string[] {
  const text = encoded(map);
  const pieces: string[] = [];
  for (let at = 0; at < text.length; at += MAP_JSON_CHARS) pieces.push(text.slice(at, at + MAP_JSON_CHARS));
  return pieces;
}

/** The JSON of the map from the sheet's pieces (see mapJsonPieces). */
export function mapJsonText(pieces: readonly string[]): string {
  return pieces.join('').replaceAll('`', '"');
}

/** The text the map's first piece starts with. */
export const MAP_JSON_START = '{`finbook_map`:';
