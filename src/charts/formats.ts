// Number formats of chart axes and data labels: a line format name, or an Excel format code.
import { FORMATS } from '../model/schema.js';
import type { LineFormat } from '../model/schema.js';

// Axis labels differ from cell formats: no `_)` padding (it only aligns a column of cells)
// and zero as 0, not the statements' dash, so the axis origin reads as a number.
const AXIS_FORMATS: Record<LineFormat, string> = {
  amount: '#,##0;(#,##0);0',
  amount_2dp: '#,##0.00;(#,##0.00);0',
  percent: '0%;(0%);0%',
  count: '#,##0',
  number_1dp: '#,##0.0;(#,##0.0);0',
  rate: '#,##0.00',
};

function isLineFormat(name: string): name is LineFormat {
  return (FORMATS as readonly string[]).includes(name);
}

/** The value axis format: the named or written one, else the one that suits the first line. */
export function axisFormat(given: string | undefined, lineFormat: LineFormat): string {
  if (given === undefined) return AXIS_FORMATS[lineFormat];
  return isLineFormat(given) ? AXIS_FORMATS[given] : given;
}

/** Why a custom format code cannot be written, or null. Names of line formats always pass. */
export function checkFormatCode(code: string): string | null {
  if (isLineFormat(code)) return null;
  // A bare word is almost always a misspelt format name, not a format code.
  if (/^[a-z][a-z0-9_]*$/.test(code)) return `unknown number format '${code}': expected one of ${FORMATS.join(', ')}, or an Excel format code such as '#,##0,'`;
  if (/[\u0000-\u001f]/.test(code)) return 'a number format cannot contain control characters';
  if (code.split(';').length > 4) return `a number format has at most 4 sections separated by ';', got ${code.split(';').length}`;
  return null;
}
