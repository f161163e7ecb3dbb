// Share and change columns: a ratio that means nothing is shown as "n/m" (compute/ratios.ts).
// The cell holds a formula that decides it live, IF(<not meaningful>,"n/m",<ratio>), and the
// cached value is the same text or the ratio computed exactly from the same figures, so every
// engine and the model agree. Inside the IF the denominator is known not to be zero: the
// ratio is written plainly, without the division guard of expr/excel.ts.
import type { LineInfo } from '../compile/program.js';
import type { Results } from '../compute/compute.js';
import { evaluateDouble } from '../compute/evaluate.js';
import { NOT_MEANINGFUL, isNotMeaningful, ratioParts } from '../compute/ratios.js';
import type { ExcelResolver } from '../expr/excel.js';
import { toExcel } from '../expr/excel.js';
import type { ColumnSpec } from '../model/schema.js';

export interface RatioCell {
  formula: string;
  value: number | string;
}

/** A share (line / of) or change ((period - base) / base) column's cell for one line. */
export function ratioCell(results: Results, line: LineInfo, column: ColumnSpec & { kind: 'share' | 'change' }, r: ExcelResolver): RatioCell {
  const ctx = results.context(line.sheet, column.period);
  const parts = ratioParts(line, column);
  const { figure, numerator, denominator, signChange } = parts;
  const den = toExcel(denominator, r);
  const ratio = `${column.kind === 'share' ? toExcel(numerator, r) : `(${toExcel(numerator, r)})`}/${den}`;
  // a change through zero: the figure and its base have opposite signs (neither is zero)
  const condition = signChange ? `OR(${den}=0,SIGN(${toExcel(figure, r)})*SIGN(${den})<0)` : `${den}=0`;
  const meaningless = isNotMeaningful(ctx, parts);
  return {
    formula: `IF(${condition},"${NOT_MEANINGFUL}",${ratio})`,
    value: meaningless ? NOT_MEANINGFUL : evaluateDouble({ kind: 'binary', op: '/', left: numerator, right: denominator, pos: 0 }, ctx),
  };
}
