// A1 addresses and sheet-name quoting, by Excel's rules.

export interface CellAddress {
  /** Excel sheet name. */
  sheet: string;
  /** 0-based column index (A = 0). */
  col: number;
  /** 1-based row number. */
  row: number;
}

export function columnLetters(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function a1(col: number, row: number, absolute = false): string {
  return absolute ? `$${columnLetters(col)}$${row}` : `${columnLetters(col)}${row}`;
}

// A name that reads as a cell (A1, XFD1048576), an R1C1 reference (R1C1, R, C, R2, C3)
// or a boolean must be quoted, or Excel parses the reference differently.
const CELL_LIKE = /^[A-Za-z]{1,3}[0-9]+$/;
const R1C1_LIKE = /^(?:[Rr][0-9]*[Cc]?[0-9]*|[Cc][0-9]*)$/;

export function needsQuotes(sheetName: string): boolean {
  if (!/^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/.test(sheetName)) return true;
  if (CELL_LIKE.test(sheetName) || R1C1_LIKE.test(sheetName)) return true;
  return /^(TRUE|FALSE)$/i.test(sheetName);
}

/** `Balance Sheet` -> `'Balance Sheet'`, `Bob's` -> `'Bob''s'`, `Data` -> `Data`. */
export function quoteSheetName(sheetName: string): string {
  return needsQuotes(sheetName) ? `'${sheetName.replace(/'/g, "''")}'` : sheetName;
}

export function qualifiedA1(addr: CellAddress, fromSheet: string, absolute = false): string {
  const local = a1(addr.col, addr.row, absolute);
  return addr.sheet === fromSheet ? local : `${quoteSheetName(addr.sheet)}!${local}`;
}
