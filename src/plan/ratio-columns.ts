// Share and change columns: a ratio that means nothing is shown as "n/m" (not meaningful),
// as analysts write it, never as 0 ("-" reads as "no change"). The cell holds a formula
// that decides it live, IF(<not meaningful>,"n/m",<ratio>), and the cached value is the
// same text or the ratio computed exactly from the same figures, so every engine and the
// model agree. Inside the IF the denominator is known not to be zero: the ratio is written
// plainly, without the division guard of expr/excel.ts.
import type { LineInfo } from '../compile/program.js';
import type { Results } from '../compute/compute.js';
import type { EvalContext } from '../compute/evaluate.js';
import { evaluateDouble } from '../compute/evaluate.js';
import type { Exact } from '../compute/exact.js';
import { compare, isZero } from '../compute/exact.js';
import type { Node, RefNode } from '../expr/ast.js';
import type { ExcelResolver } from '../expr/excel.js';
import { toExcel } from '../expr/excel.js';
import type { ColumnSpec } from '../model/schema.js';

/** The text of a ratio that means nothing, in the cell and in the cached value. */
export const NOT_MEANINGFUL = 'n/m';

const ref = (line: string, period: string): RefNode => ({ kind: 'ref', sheet: null, line, period, pos: 0, end: 0 });

export interface RatioCell {
  formula: string;
  value: number | string;
}

/** The figures of a share (line / of) or change ((period - base) / base) cell. */
export interface RatioParts {
  figure: RefNode;
  numerator: Node;
  denominator: RefNode;
  signChange: boolean;
}

export function ratioParts(line: LineInfo, column: ColumnSpec & { kind: 'share' | 'change' }): RatioParts {
  const figure = ref(line.id, column.period);
  // the denominator: the total of a share, the base period's figure of a change
  const denominator = column.kind === 'share' ? ref(column.of!, column.period) : ref(line.id, column.base!);
  const numerator: Node = column.kind === 'share' ? figure : { kind: 'binary', op: '-', left: figure, right: denominator, pos: 0 };
  return { figure, numerator, denominator, signChange: column.kind === 'change' && column.n_m === 'sign_change' };
}

/** The rule the cell's IF applies: a zero denominator, or (n_m: sign_change) a change through zero. */
export function isNotMeaningful(ctx: EvalContext, parts: RatioParts): boolean {
  const d = ctx.ref(parts.denominator);
  return isZero(d) || (parts.signChange && oppositeSigns(ctx.ref(parts.figure), d));
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

function oppositeSigns(a: Exact, b: Exact): boolean {
  return compare(a, 0) * compare(b, 0) < 0;
}
