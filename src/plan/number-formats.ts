// The number format code of each cell format: the cells' styles (write/styles.ts) and the
// charts' axes and values (charts/resolve.ts) show a figure the same way.
import type { LineFormat } from '../model/schema.js';
import type { DecimalsFormat } from './cells.js';

// `_)` leaves room for the closing bracket so positives and negatives line up; every format
// groups thousands, percentages too ("(3,214.0%)", not "(3214.0%)").
export const NUMBER_FORMATS: Record<LineFormat, string> = {
  amount: '#,##0_);(#,##0);"-"_)',
  amount_2dp: '#,##0.00_);(#,##0.00);"-"_)',
  percent: '#,##0.0%_);(#,##0.0%);"-"_)',
  count: '#,##0_);(#,##0);"-"_)',
  number_1dp: '#,##0.0_);(#,##0.0);"-"_)',
  rate: '#,##0.00_);(#,##0.00)',
};

/** The number format code of a cell format. */
export function numberFormat(format: LineFormat | DecimalsFormat): string {
  if (!format.startsWith('decimals_')) return NUMBER_FORMATS[format as LineFormat];
  const places = Number(format.slice('decimals_'.length));
  const body = places > 0 ? `#,##0.${'0'.repeat(places)}` : '#,##0';
  return `${body}_);(${body});"-"_)`;
}
