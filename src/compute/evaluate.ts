// Back-end 1: evaluate a syntax tree with decimal.js, by the same rules as expr/excel.ts.
import type { Node, RefNode } from '../expr/ast.js';
import { assertNever } from '../expr/ast.js';
import { Decimal, ZERO } from './decimal.js';

export interface EvalContext {
  ref(ref: RefNode): Decimal;
  range(from: RefNode, to: RefNode): Decimal[];
  input(name: string): Decimal;
}

export function evaluate(node: Node, ctx: EvalContext): Decimal {
  switch (node.kind) {
    case 'num':
      return new Decimal(node.text);
    case 'ref':
      return ctx.ref(node);
    case 'input':
      return ctx.input(node.name);
    case 'range':
      throw new Error('a range is only valid inside sum/min/max (compile rejects it elsewhere)');
    case 'neg':
      return evaluate(node.arg, ctx).neg();
    case 'binary': {
      const a = evaluate(node.left, ctx);
      const b = evaluate(node.right, ctx);
      const op = node.op;
      switch (op) {
        case '+':
          return a.plus(b);
        case '-':
          return a.minus(b);
        case '*':
          return a.times(b);
        case '/':
          // The one division-by-zero policy: a zero denominator gives 0 (Excel: IF(d=0,0,n/d)).
          return b.isZero() ? ZERO : a.div(b);
        default:
          return assertNever(op);
      }
    }
    case 'compare':
      return condition(node, ctx) ? new Decimal(1) : ZERO;
    case 'call':
      switch (node.fn) {
        case 'sum':
          return values(node.args, ctx).reduce((s, v) => s.plus(v), ZERO);
        case 'min':
          return Decimal.min(...values(node.args, ctx));
        case 'max':
          return Decimal.max(...values(node.args, ctx));
        case 'abs':
          return evaluate(node.args[0]!, ctx).abs();
        case 'round': {
          // Excel's ROUND: half away from zero; negative digits round left of the point.
          const x = evaluate(node.args[0]!, ctx);
          const digits = evaluate(node.args[1]!, ctx).toNumber();
          if (digits >= 0) return x.toDecimalPlaces(digits, Decimal.ROUND_HALF_UP);
          const unit = new Decimal(10).pow(-digits);
          return x.div(unit).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).times(unit);
        }
        case 'if':
          return condition(node.args[0]!, ctx) ? evaluate(node.args[1]!, ctx) : evaluate(node.args[2]!, ctx);
        default:
          return assertNever(node.fn);
      }
    default:
      return assertNever(node);
  }
}

function values(args: Node[], ctx: EvalContext): Decimal[] {
  const out: Decimal[] = [];
  for (const a of args) {
    if (a.kind === 'range') out.push(...ctx.range(a.from, a.to));
    else out.push(evaluate(a, ctx));
  }
  return out;
}

/** IF's condition: a comparison, or any number (non-zero is TRUE, as in Excel). */
export function condition(node: Node, ctx: EvalContext): boolean {
  if (node.kind !== 'compare') return !evaluate(node, ctx).isZero();
  const c = evaluate(node.left, ctx).comparedTo(evaluate(node.right, ctx));
  const op = node.op;
  switch (op) {
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
    case '=':
      return c === 0;
    case '<>':
      return c !== 0;
    default:
      return assertNever(op);
  }
}
