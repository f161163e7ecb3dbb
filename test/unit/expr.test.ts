import { describe, expect, it } from 'vitest';
import type { RefNode } from '../../src/expr/ast.js';
import type { ExcelResolver } from '../../src/expr/excel.js';
import { toExcel } from '../../src/expr/excel.js';
import { FormulaSyntaxError, parseFormula } from '../../src/expr/parser.js';
import { evaluate } from '../../src/compute/evaluate.js';
import type { EvalContext } from '../../src/compute/evaluate.js';
import { Decimal } from '../../src/compute/decimal.js';

// Lines a..h sit in rows 1..8 of column C on sheet "IS"; sheet "bs" is "Balance Sheet".
const rows: Record<string, number> = { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8 };
const values: Record<string, number> = { a: 10, b: 4, c: 3, d: 0, e: -2.5, f: 7, g: 1, h: 2 };
const resolver: ExcelResolver = {
  sheet: 'IS',
  cell: (r: RefNode) => ({ sheet: r.sheet === 'bs' ? 'Balance Sheet' : r.sheet === 'fy' ? 'FY2024' : 'IS', col: r.period === 'P0' ? 1 : 2, row: rows[r.line] ?? 99 }),
  range: (from, to) => Object.keys(rows).slice(rows[from.line]! - 1, rows[to.line]!).map((l) => ({ sheet: 'IS', col: 2, row: rows[l]! })),
  isEmptyCell: () => false,
  inputName: (n) => n,
  inputIsNonZero: (n) => n === 'fx',
  shift: () => {
    throw new Error('no periods in this table');
  },
  span: () => [],
  scenarioIndex: () => 'MATCH(scenario,scenario_list,0)',
};
const ctx: EvalContext = {
  ref: (r: RefNode) => new Decimal(values[r.line] ?? 0),
  range: (from: RefNode, to: RefNode) => Object.keys(rows).slice(rows[from.line]! - 1, rows[to.line]!).map((l) => new Decimal(values[l]!)),
  input: (n: string) => new Decimal(n === 'fx' ? 118.07 : 0),
  shift: () => {
    throw new Error('no periods in this table');
  },
  span: () => [],
  scenario: () => 1,
};
const excel = (src: string): string => toExcel(parseFormula(src), resolver);
const value = (src: string): string => evaluate(parseFormula(src), ctx).toString();

describe('printing formulas keeps the tree shape and Excel precedence', () => {
  it.each([
    ['a-(b-c)', 'C1-(C2-C3)'],
    ['a-b-c', 'C1-C2-C3'],
    ['a+(b+c)', 'C1+(C2+C3)'],
    ['a/(b*c)', 'IFERROR(C1/(C2*C3),0)'],
    ['a/b*c', 'IF(C2=0,0,C1/C2)*C3'],
    ['(a+b)*c', '(C1+C2)*C3'],
    ['-(a+b)', '-(C1+C2)'],
    ['-a*b', '-C1*C2'],
    ['a*-b', 'C1*(-C2)'],
    ['a - -b', 'C1-(-C2)'],
    ['--a', '-(-C1)'],
    ['a / $fx', 'C1/fx'],
    ['a / 1000', 'C1/1000'],
    ['a / (b - c)', 'IFERROR(C1/(C2-C3),0)'],
    ['a / b', 'IF(C2=0,0,C1/C2)'],
    ['a / $zero', 'IF(zero=0,0,C1/zero)'],
    ['a / (b / c)', 'IFERROR(C1/(IF(C3=0,0,C2/C3)),0)'],
    ['sum(a:d)', 'SUM(C1:C4)'],
    ['sum(a, b, c)', 'SUM(C1:C3)'],
    ['sum(a, c)', 'SUM(C1,C3)'],
    ['sum(a, b * 2)', 'SUM(C1,C2*2)'],
    ['bs.a + a', "'Balance Sheet'!C1+C1"],
    ['fy.a', "'FY2024'!C1"],
    ['a[P0] + a', 'B1+C1'],
    ['round(a / 3, 2)', 'ROUND(IF(3=0,0,C1/3),2)'.replace('IF(3=0,0,C1/3)', 'C1/3')],
    ['if(a > b, a, b)', 'IF(C1>C2,C1,C2)'],
    ['max(a, 0) - min(b:c)', 'MAX(C1,0)-MIN(C2:C3)'],
    ['abs(e)', 'ABS(C5)'],
    ['.5 + 007 + 1.50', '0.5+7+1.5'],
  ])('%s prints as %s', (src, expected) => {
    expect(excel(src)).toBe(expected);
  });

  it('writes each divisor once, so nested divisions grow linearly (IF(d=0,0,n/d) doubled them at every level)', () => {
    // a / (b / (c / (... / h))) and the same 24 levels deep: the formula text grows by a fixed amount per level
    const nested = (depth: number): string => {
      let f = 'h';
      for (let i = 0; i < depth; i++) f = `${'abcdefg'[i % 7]} / (${f} + 1)`;
      return f;
    };
    const lengths = [1, 2, 3, 24, 70].map((n) => excel(nested(n)).length);
    const step = lengths[1]! - lengths[0]!;
    expect(lengths[2]! - lengths[1]!).toBe(step);
    expect(lengths[3]).toBe(lengths[0]! + 23 * step);
    expect(lengths[4]).toBe(lengths[0]! + 69 * step);
  });
});

describe('Decimal evaluation follows the same rules', () => {
  it.each([
    ['a-(b-c)', '9'],
    ['a-b-c', '3'],
    ['a/(b*c)', '0.8333333333333333333333333333333333333333'],
    ['a / d', '0'], // division by zero gives 0
    ['-e', '2.5'],
    ['round(e, 0)', '-3'], // half away from zero, like Excel
    ['round(1234.5, -2)', '1200'],
    ['round(2.675, 2)', '2.68'],
    ['if(a > b, a, b)', '10'],
    ['if(d, 1, 2)', '2'],
    ['sum(a:h)', '24.5'],
    ['max(a, f) - min(b:c)', '7'],
  ])('%s = %s', (src, expected) => {
    expect(value(src)).toBe(expected);
  });
});

describe('syntax errors name the position', () => {
  it.each([
    ['a +', 3, 'expected a number'],
    ['a + (b', 6, "expected ')'"],
    ['foo(a)', 0, "unknown function 'foo'"],
    ['a ? b', 2, "unexpected character '?'"],
    ['a b', 2, "unexpected 'b'"],
    ['bs.', 3, 'expected a line id'],
    ['a[', 2, 'expected a period id'],
    ['1x', 0, 'cannot start with a digit'],
  ])('%s fails at %i', (src, pos, message) => {
    try {
      parseFormula(src);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(FormulaSyntaxError);
      expect((err as FormulaSyntaxError).pos).toBe(pos);
      expect((err as Error).message).toContain(message);
    }
  });
});
