// Parser and printer agree: printing a tree as formula text and parsing it again gives the
// same tree, for hand-picked precedence cases and for generated trees.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BinaryOp, Node, RefNode } from '../../src/expr/ast.js';
import { parseFormula } from '../../src/expr/parser.js';
import { toSource } from '../../src/expr/source.js';

/** The tree without source positions. */
function shape(n: Node): unknown {
  return JSON.parse(JSON.stringify(n, (k, v: unknown) => (k === 'pos' || k === 'end' ? undefined : v)));
}

const refArb: fc.Arbitrary<RefNode> = fc.record({
  kind: fc.constant('ref' as const),
  sheet: fc.option(fc.constantFrom('is', 'bs', 'cf_q'), { nil: null }),
  line: fc.constantFrom('a', 'b', 'total_revenues', 'x1'),
  period: fc.option(fc.constantFrom('4Q02', 'FY2002', 'Mar03'), { nil: null }),
  pos: fc.constant(0),
  end: fc.constant(0),
});

const { tree } = fc.letrec<{ tree: Node }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ kind: fc.constant('num' as const), text: fc.constantFrom('0', '1', '2.5', '1000', '0.125'), pos: fc.constant(0) }),
    refArb,
    fc.record({ kind: fc.constant('input' as const), name: fc.constantFrom('fx', 'unit_scale'), pos: fc.constant(0), end: fc.constant(0) }),
    fc.record({ kind: fc.constant('neg' as const), arg: tie('tree'), pos: fc.constant(0) }),
    fc.record({ kind: fc.constant('binary' as const), op: fc.constantFrom<BinaryOp>('+', '-', '*', '/'), left: tie('tree'), right: tie('tree'), pos: fc.constant(0) }),
    fc.record({ kind: fc.constant('call' as const), fn: fc.constantFrom('sum' as const, 'max' as const, 'min' as const), args: fc.array(tie('tree'), { minLength: 1, maxLength: 3 }), pos: fc.constant(0), end: fc.constant(0) }),
    fc.record({ kind: fc.constant('call' as const), fn: fc.constant('abs' as const), args: fc.tuple(tie('tree')).map((a) => [...a]), pos: fc.constant(0), end: fc.constant(0) }),
  ),
}));

describe('parse(toSource(tree)) gives the tree back', () => {
  it.each([
    ['a - (b - c)', 'a - (b - c)'],
    ['a - b - c', 'a - b - c'],
    ['a / (b * c)', 'a / (b * c)'],
    ['(a + b) * c', '(a + b) * c'],
    ['-(a + b)', '-(a + b)'],
    ['a * -b', 'a * (-b)'],
    ['--a', '-(-a)'],
    ['is.a[4Q02] + $fx', 'is.a[4Q02] + $fx'],
    ['sum(a:b, c)', 'sum(a:b, c)'],
    ['if(a >= b, a, -b)', 'if(a >= b, a, -b)'],
  ])('%s prints as %s', (src, printed) => {
    const t = parseFormula(src);
    expect(toSource(t)).toBe(printed);
    expect(shape(parseFormula(toSource(t)))).toEqual(shape(t));
  });

  it('for generated trees', () => {
    fc.assert(
      fc.property(tree, (t) => {
        expect(shape(parseFormula(toSource(t)))).toEqual(shape(t));
      }),
      { numRuns: 500 },
    );
  });
});
