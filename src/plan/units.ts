// The units line of a statement that states none (the generic template's statements): the
// model's scale and currency, as the Cover states them, and the kinds of figures on the sheet
// that are not in them. An analyst reads the units under the title; a blank line there left
// "Thousands of USD" to the Cover alone.
import type { SheetInfo } from '../compile/program.js';
import type { LineFormat, Model } from '../model/schema.js';

/** What a figure in a format other than `amount` is, as the units line names the exception. */
const EXCEPTIONS: Partial<Record<LineFormat, string>> = {
  amount_2dp: 'per-share amounts',
  percent: 'percentages',
  rate: 'ratios',
  count: 'counts',
};

/** "Thousands of USD", "Thousands of USD, except per-share amounts and counts". */
export function defaultUnits(entity: Model['entity'], sheet: SheetInfo): string {
  const scale = entity.scale === 'units' ? entity.currency : `${entity.scale[0]!.toUpperCase()}${entity.scale.slice(1)} of ${entity.currency}`;
  const found = new Set<string>();
  for (const line of sheet.ordered) {
    const exception = EXCEPTIONS[line.spec.format];
    if (exception) found.add(exception);
  }
  const list = [...found];
  if (list.length === 0) return scale;
  const last = list.pop()!;
  return `${scale}, except ${list.length > 0 ? `${list.join(', ')} and ${last}` : last}`;
}
