// Back-end 1: evaluate a syntax tree exactly (decimal.js, with whole numbers kept in doubles
// while that is exact: compute/exact.ts), by the same rules as expr/excel.ts.
import type { Node, RefNode, ShiftNode, SpanNode } from '../expr/ast.js';
import { assertNever } from '../expr/ast.js';
import { Decimal } from './decimal.js';
import type { Exact } from './exact.js';
import { absolute, compare, dividedBy, exactLiteral, isZero, largest, minus, negated, plus, quotientDouble, smallest, times, toDecimal, toDouble } from './exact.js';

/** Values come back as Decimals or as the exact whole numbers of compute/exact.ts. */
export interface EvalContext {
  ref(ref: RefNode): Exact;
  range(from: RefNode, to: RefNode): Exact[];
  input(name: string): Exact;
  /** The context of the period prev()/opening()/closing() reads (compile/calendar.ts). */
  shift(node: ShiftNode): EvalContext;
  /** The contexts of the periods sum_within()/ytd()/ltm() adds up, in time order. */
  span(node: SpanNode): EvalContext[];
  /** The selected scenario: an index into the template's scenarios. */
  scenario(): number;
}

export function evaluate(node: Node, ctx: EvalContext): Decimal {
  return toDecimal(evaluateExact(node, ctx));
}

/**
 * toDouble(evaluateExact(node, ctx)): a cell's cached value. A division at the top (a share,
 * a change, a ratio) is rounded to a double straight from its exact operands (quotientDouble).
 */
export function evaluateDouble(node: Node, ctx: EvalContext): number {
  if (node.kind === 'binary' && node.op === '/') {
    const a = evaluateExact(node.left, ctx);
    const b = evaluateExact(node.right, ctx);
    // the division-by-zero policy of evaluateExact
    return isZero(b) ? 0 : quotientDouble(a, b);
  }
  return toDouble(evaluateExact(node, ctx));
}

export function evaluateExact(node: Node, ctx: EvalContext): Exact {
  switch (node.kind) {
    case 'num':
      return exactLiteral(node.text);
    case 'ref':
      return ctx.ref(node);
    case 'input':
      return ctx.input(node.name);
    case 'range':
      throw new Error('a range is only valid inside sum/min/max (compile rejects it elsewhere)');
    case 'neg':
      return negated(evaluateExact(node.arg, ctx));
    case 'binary': {
      const a = evaluateExact(node.left, ctx);
      const b = evaluateExact(node.right, ctx);
      const op = node.op;
      switch (op) {
        case '+':
          return plus(a, b);
        case '-':
          return minus(a, b);
        case '*':
          return times(a, b);
        case '/':
          // The one division-by-zero policy: a zero denominator gives 0 (Excel: IF(d=0,0,n/d)).
          return isZero(b) ? 0 : dividedBy(a, b);
        default:
          return assertNever(op);
      }
    }
    case 'compare':
      return condition(node, ctx) ? 1 : 0;
    case 'call': {
      const fn = node.fn;
      switch (fn) {
        case 'sum': {
          let s: Exact = 0;
          for (const v of values(node.args, ctx)) s = plus(s, v);
          return s;
        }
        case 'min':
          return smallest(values(node.args, ctx));
        case 'max':
          return largest(values(node.args, ctx));
        case 'abs':
          return absolute(evaluateExact(node.args[0]!, ctx));
        case 'round': {
          // Excel's ROUND: half away from zero; negative digits round left of the point.
          const x = evaluateExact(node.args[0]!, ctx);
          const digits = toDouble(evaluateExact(node.args[1]!, ctx));
          // a whole number rounded to zero or more decimals is itself
          if (typeof x === 'number' && digits >= 0) return x;
          const d = toDecimal(x);
          if (digits >= 0) return d.toDecimalPlaces(digits, Decimal.ROUND_HALF_UP);
          const unit = new Decimal(10).pow(-digits);
          return d.div(unit).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).times(unit);
        }
        case 'if':
          return condition(node.args[0]!, ctx) ? evaluateExact(node.args[1]!, ctx) : evaluateExact(node.args[2]!, ctx);
        default:
          return assertNever(fn);
      }
    }
    case 'shift':
      return evaluateExact(node.arg, ctx.shift(node));
    case 'span': {
      // Excel: SUM over the periods' cells, in time order
      let s: Exact = 0;
      for (const c of ctx.span(node)) s = plus(s, evaluateExact(node.arg, c));
      return s;
    }
    case 'scenario':
      // Excel's CHOOSE evaluates only the chosen option, as here
      return evaluateExact(node.options[ctx.scenario()]!, ctx);
    default:
      return assertNever(node);
  }
}

function values(args: Node[], ctx: EvalContext): Exact[] {
  const out: Exact[] = [];
  for (const a of args) {
    if (a.kind === 'range') for (const v of ctx.range(a.from, a.to)) out.push(v);
    else out.push(evaluateExact(a, ctx));
  }
  return out;
}

/** IF's condition: a comparison, or any number (non-zero is TRUE, as in Excel). */
export function condition(node: Node, ctx: EvalContext): boolean {
  if (node.kind !== 'compare') return !isZero(evaluateExact(node, ctx));
  const c = compare(evaluateExact(node.left, ctx), evaluateExact(node.right, ctx));
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
