// The structural test: every example's package, part by part, against Excel's rules and the
// order Excel writes each element in (check-package.ts). An example with no finding opens in
// Excel without a repair as far as those rules reach.
import { describe, expect, it } from 'vitest';
import { EXAMPLES, exampleBytes } from '../helpers/examples.js';
import { checkPackage } from './check-package.js';
import { excelOrder } from './excel-order.js';

describe('every part of every example follows Excel’s rules and Excel’s own order', () => {
  it('learns the order from all the Excel-made workbooks', () => {
    const order = excelOrder();
    expect(order.files).toBeGreaterThanOrEqual(280);
    expect(order.after.get('main:worksheet')?.get('main:sheetData')?.has('main:sheetProtection')).toBe(true);
  });

  it.each(EXAMPLES.map((e) => [e.name, e] as const))('%s', async (_name, example) => {
    expect(checkPackage(await exampleBytes(example), excelOrder())).toEqual([]);
  });
});
