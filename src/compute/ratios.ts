// Share and change figures: a ratio that means nothing is "n/m" (not meaningful), as analysts
// write it, never 0 ("-" reads as "no change"). The rule is the model's, so it lives here: the
// tie-out (compute/tieout.ts) and the workbook's ratio cells (plan/ratio-columns.ts) apply the
// same one.
import type { LineInfo } from '../compile/program.js';
import type { Node, RefNode } from '../expr/ast.js';
import type { ColumnSpec } from '../model/schema.js';
import type { EvalContext } from './evaluate.js';
import type { Exact } from './exact.js';
import { compare, isZero } from './exact.js';

/** The text of a ratio that means nothing, in the cell and in the cached value. */
export const NOT_MEANINGFUL = 'n/m';

const ref = (line: string, period: string): RefNode => ({ kind: 'ref', sheet: null, line, period, pos: 0, end: 0 });

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

function oppositeSigns(a: Exact, b: Exact): boolean {
  return compare(a, 0) * compare(b, 0) < 0;
}
