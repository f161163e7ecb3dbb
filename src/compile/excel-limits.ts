// Excel's limits, which exceljs does not enforce: a file that breaks them is repaired or refused.
// Each check returns why a value would break the file, or undefined when it is fine.

/** Characters in one cell (Excel specifications and limits). */
export const MAX_CELL_TEXT = 32_767;
/** Characters in one formula's text. */
export const MAX_FORMULA = 8_192;
export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;
/** Excel stores and shows 15 significant digits; more are silently dropped. */
export const MAX_SIGNIFICANT_DIGITS = 15;
/** Characters in a defined name. */
export const MAX_DEFINED_NAME = 255;
/** Excel's own sheet-name limit; exceljs truncates longer names, breaking references to them. */
export const MAX_SHEET_NAME = 31;

/** Why a sheet name would make Excel repair the file, or undefined when it is fine. */
export function sheetNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'a sheet name cannot be empty';
  if (name.length > MAX_SHEET_NAME) return `sheet name "${name}" is ${name.length} characters; Excel allows at most ${MAX_SHEET_NAME}`;
  const bad = name.match(/[[\]:*?/\\]/);
  if (bad) return `sheet name "${name}" contains '${bad[0]}'; Excel forbids [ ] : * ? / \\`;
  if (name.startsWith("'") || name.endsWith("'")) return `sheet name "${name}" cannot start or end with an apostrophe`;
  // Excel keeps "History" for its change-tracking sheet.
  if (name.toLowerCase() === 'history') return `"${name}" is reserved by Excel (its change history) and cannot be a sheet name`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\ufffe\uffff]/.test(name)) return `sheet name "${name.replace(/[\u0000-\u001f]/g, '?')}" contains a control character`;
  return undefined;
}

// XML 1.0 allows only tab, LF, CR, U+0020-U+D7FF, U+E000-U+FFFD and U+10000-U+10FFFF. In
// unicode mode the surrogate class matches only unpaired halves (pairs are one code point).
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u{0}-\u{8}\u{B}\u{C}\u{E}-\u{1F}\u{D800}-\u{DFFF}\u{FFFE}\u{FFFF}]/u;

/** The first character XML cannot hold (so no .xlsx can), with its index in the string. */
export function forbiddenCharacter(text: string): { index: number; codePoint: string } | undefined {
  const m = XML_FORBIDDEN.exec(text);
  if (!m) return undefined;
  return { index: m.index, codePoint: `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` };
}

/** "the control character U+0007", "half a surrogate pair U+D800", "the non-character U+FFFF". */
export function describeCharacter(codePoint: string): string {
  const n = parseInt(codePoint.slice(2), 16);
  if (n >= 0xd800 && n <= 0xdfff) return `half a surrogate pair (${codePoint})`;
  if (n >= 0xfffe) return `the non-character ${codePoint}`;
  return `the control character ${codePoint}`;
}

// XML allows these, but a cell does not keep them: a carriage return is read back as a line
// feed (XML's end-of-line handling) and DEL is dropped by the writer. Refused, so that no
// character of a label is silently changed or lost.
const CHANGED_IN_A_CELL = /[\r\u007f]/;

/** Why a text cannot be a cell's text. */
export function cellTextProblem(text: string): string | undefined {
  const bad = forbiddenCharacter(text);
  if (bad) return `contains ${describeCharacter(bad.codePoint)} at position ${bad.index + 1}, which an Excel file cannot hold`;
  const changed = CHANGED_IN_A_CELL.exec(text);
  if (changed)
    return changed[0] === '\r'
      ? `contains a carriage return (U+000D) at position ${changed.index + 1}, which a cell would turn into a line feed; write \\n for a line break`
      : `contains the control character U+007F (DEL) at position ${changed.index + 1}, which an Excel cell cannot keep`;
  if (text.length > MAX_CELL_TEXT) return `text is ${text.length.toLocaleString('en-US')} characters; an Excel cell holds at most ${MAX_CELL_TEXT.toLocaleString('en-US')}`;
  return undefined;
}

/** Levels of functions nested in one formula (Excel specifications and limits). */
export const MAX_NESTING = 64;
/** Arguments of one function call. */
export const MAX_ARGUMENTS = 255;

/** Why a formula (without its leading '=') cannot be written. */
export function formulaProblem(formula: string): string | undefined {
  // Excel counts the leading '=' that the file leaves out.
  const length = formula.length + 1;
  if (length > MAX_FORMULA) return `formula is ${length.toLocaleString('en-US')} characters; Excel allows at most ${MAX_FORMULA.toLocaleString('en-US')}`;
  const bad = forbiddenCharacter(formula);
  if (bad) return `formula contains ${describeCharacter(bad.codePoint)}, which an Excel file cannot hold`;
  const { nesting, arguments: args } = formulaShape(formula);
  if (nesting > MAX_NESTING) return `formula nests functions ${nesting} levels deep (IF, IFERROR, SUM, ...); Excel allows at most ${MAX_NESTING}`;
  if (args > MAX_ARGUMENTS) return `formula passes ${args} arguments to one function; Excel allows at most ${MAX_ARGUMENTS}`;
  return undefined;
}

/**
 * The deepest nesting of function calls in a formula and the most arguments of one call.
 * Text in double quotes ("n/m") and sheet names in single quotes ('P&L (2024)') are skipped;
 * a bracket after a function name opens a call, any other bracket only groups.
 */
export function formulaShape(formula: string): { nesting: number; arguments: number } {
  const open: ({ args: number; empty: boolean } | null)[] = [];
  let calls = 0;
  let nesting = 0;
  let most = 0;
  for (let i = 0; i < formula.length; i++) {
    const ch = formula[i]!;
    if (ch === '"' || ch === "'") {
      // to the closing quote; a doubled quote inside stands for one
      i++;
      while (i < formula.length && !(formula[i] === ch && formula[i + 1] !== ch)) i += formula[i] === ch ? 2 : 1;
      continue;
    }
    const top = open[open.length - 1];
    if (top && top.empty && ch !== ')' && ch !== ' ') top.empty = false;
    if (ch === '(') {
      const call = /[A-Za-z0-9_.]$/.test(formula.slice(0, i));
      open.push(call ? { args: 1, empty: true } : null);
      if (call) nesting = Math.max(nesting, ++calls);
    } else if (ch === ')') {
      const closed = open.pop();
      if (closed) {
        calls--;
        most = Math.max(most, closed.empty ? 0 : closed.args);
      }
    } else if (ch === ',' && top) top.args++;
  }
  return { nesting, arguments: most };
}

/** Why a number cannot be a cell's value (NaN and Infinity make Excel repair the file). */
export function numberProblem(value: number): string | undefined {
  if (Number.isNaN(value)) return 'the value is NaN (not a number); Excel cannot store it';
  if (!Number.isFinite(value)) return `the value is ${value > 0 ? '' : '-'}Infinity (too large for a double); Excel cannot store it`;
  return undefined;
}

/**
 * Significant digits of the shortest decimal text that reads back as this double, e.g.
 * 118.07 -> 5, 0.1 + 0.2 -> 17, 1e21 -> 1. Trailing zeros of whole numbers do not count.
 */
export function significantDigits(value: number): number {
  if (!Number.isFinite(value) || value === 0) return 0;
  const [mantissa] = Math.abs(value).toExponential().split('e');
  // toExponential() without an argument gives as many digits as needed to round-trip.
  return mantissa!.replace('.', '').replace(/0+$/, '').length || 1;
}

// A defined name cannot read as a cell (A1 style up to XFD, or R1C1 style), cannot be
// TRUE/FALSE, and starts with a letter, _ or \ (Excel's Define Name rules).
const NAME_CHARS = /^[A-Za-z_\\][A-Za-z0-9_.\\]*$/;
const A1_LIKE = /^\$?[A-Za-z]{1,3}\$?[0-9]+$/;
const R1C1_LIKE = /^[Rr][0-9]*[Cc][0-9]*$|^[RrCc][0-9]*$/;

/** Why Excel refuses a defined name, as the end of a sentence ("... reads as the cell FX1"). */
export function definedNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (name.length > MAX_DEFINED_NAME) return `is ${name.length} characters long (at most ${MAX_DEFINED_NAME})`;
  if (!NAME_CHARS.test(name)) return 'must start with a letter or _ and hold only letters, digits, _ and .';
  if (A1_LIKE.test(name) && columnNumber(name.replace(/[$0-9]/g, '')) <= MAX_COLS) return `reads as the cell ${name.replace(/\$/g, '').toUpperCase()}`;
  if (R1C1_LIKE.test(name)) return 'reads as an R1C1 cell reference';
  if (/^(true|false)$/i.test(name)) return 'reads as a boolean';
  return undefined;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
