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

const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

/**
 * Whether Excel requires a sheet name quoted in a formula, a defined name or a chart series
 * (the Excel-made quote_name files; XlsxWriter's quote_sheetname):
 * 1. any character but a letter, a digit, `_` or `.` (so `P&L`, `Gewinn–Verlust€`, emoji);
 * 2. a first character that is a digit or `.` (`1Sheet`; `FY2024` is fine);
 * 3. the whole name reads as an A1 cell within Excel's grid (`A1`, `XFD1048576`, not `XFE1`);
 * 4. the name starts with an R1C1 reference (`R1`, `R12x`, `C3`, `RC5`, or is R, C, RC);
 * 5. TRUE or FALSE.
 */
export function excelRequiresQuotes(sheetName: string): boolean {
  if (/[^\p{L}\p{N}_.]/u.test(sheetName) || /^[\p{N}.]/u.test(sheetName)) return true;
  const upper = sheetName.toUpperCase();
  const cell = /^([A-Z]{1,3})(\d+)$/.exec(upper);
  if (cell && columnNumber(cell[1]!) <= MAX_COL && Number(cell[2]) >= 1 && Number(cell[2]) <= MAX_ROW) return true;
  const row = /^R(\d+)/.exec(upper);
  if (row && Number(row[1]) > 0 && Number(row[1]) <= MAX_ROW) return true;
  const col = /^R?C(\d+)/.exec(upper);
  if (col && Number(col[1]) > 0 && Number(col[1]) <= MAX_COL) return true;
  return upper === 'R' || upper === 'C' || upper === 'RC' || upper === 'TRUE' || upper === 'FALSE';
}

/**
 * Whether finbook quotes a sheet name: where Excel requires it, and also any name with a
 * character beyond ASCII (Excel writes `Sheeté` bare, but HyperFormula reads only ASCII
 * names bare). Quoting a name that needs none is always safe in Excel and LibreOffice.
 */
export function needsQuotes(sheetName: string): boolean {
  return excelRequiresQuotes(sheetName) || /[^\x20-\x7e]/.test(sheetName);
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** `Balance Sheet` -> `'Balance Sheet'`, `Bob's` -> `'Bob''s'`, `Data` -> `Data`. */
export function quoteSheetName(sheetName: string): string {
  return needsQuotes(sheetName) ? `'${sheetName.replace(/'/g, "''")}'` : sheetName;
}

export function qualifiedA1(addr: CellAddress, fromSheet: string, absolute = false): string {
  const local = a1(addr.col, addr.row, absolute);
  return addr.sheet === fromSheet ? local : `${quoteSheetName(addr.sheet)}!${local}`;
}
