// Numbers in the mail body, shown as the workbook's number formats show them (plan/number-formats.ts):
// thousands separators, negatives in brackets, zero as a dash. Formatting works on the Decimal
// text so no digit passes through a double.
import type { Decimal } from '../compute/decimal.js';
import type { LineFormat } from '../model/schema.js';

const DECIMALS: Record<LineFormat, number> = { amount: 0, amount_2dp: 2, percent: 1, count: 0, number_1dp: 1, rate: 2 };

export function formatFigure(value: Decimal, format: LineFormat): string {
  const scaled = format === 'percent' ? value.times(100) : value;
  const dp = DECIMALS[format];
  // Excel's number formats round half away from zero, as Decimal's ROUND_HALF_UP does.
  const rounded = scaled.toDecimalPlaces(dp);
  // The rate format has no zero section: 0 shows as 0.00, like the workbook.
  if (rounded.isZero() && format !== 'rate') return '-';
  const [whole, frac] = rounded.abs().toFixed(dp).split('.') as [string, string | undefined];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const text = `${grouped}${frac !== undefined ? `.${frac}` : ''}${format === 'percent' ? '%' : ''}`;
  return rounded.isNegative() ? `(${text})` : text;
}
