// A sensitivity grid evaluated part by part (src/compute/grid.ts) gives, cell for cell, exactly
// the value of evaluating the whole tree with the drivers replaced.
import { describe, expect, it } from 'vitest';
import type { RefNode } from '../../src/expr/ast.js';
import { parseFormula } from '../../src/expr/parser.js';
import type { EvalContext } from '../../src/compute/evaluate.js';
import { evaluateExact } from '../../src/compute/evaluate.js';
import type { Exact } from '../../src/compute/exact.js';
import { exact, toDecimal } from '../../src/compute/exact.js';
import { gridEvaluator } from '../../src/compute/grid.js';
import { loadAndCompute } from '../../src/pipeline.js';
import { defaultModelPath } from '../../src/cli/paths.js';

const text = (x: Exact): string => toDecimal(x).toString();

/** Every cell of a grid both ways, counting how often the model's references are read. */
function bothWays(tree: ReturnType<typeof parseFormula>, base: EvalContext, isRow: (r: RefNode) => boolean, isColumn: (r: RefNode) => boolean, rows: number[], columns: number[]): { whole: string[]; parts: string[]; wholeReads: number; partReads: number } {
  let reads = 0;
  const counted: EvalContext = { ...base, ref: (r) => (reads++, base.ref(r)) };
  const whole: string[] = [];
  for (const rv of rows) for (const cv of columns) whole.push(text(evaluateExact(tree, { ...counted, ref: (r) => (isRow(r) ? exact(rv) : isColumn(r) ? exact(cv) : counted.ref(r)) })));
  const wholeReads = reads;
  reads = 0;
  const cell = gridEvaluator(tree, (r) => (isRow(r) ? 'row' : isColumn(r) ? 'column' : null), counted);
  const parts: string[] = [];
  rows.forEach((rv, i) => columns.forEach((cv, j) => parts.push(text(cell({ row: i, column: j, driver: (r) => (isRow(r) ? exact(rv) : isColumn(r) ? exact(cv) : undefined) })))));
  return { whole, parts, wholeReads, partReads: reads };
}

describe('a sensitivity grid evaluated part by part', () => {
  it("is exactly the whole tree's value in every cell of the default model's tables, reading the model less", () => {
    const loaded = loadAndCompute(defaultModelPath());
    if (!loaded.ok) throw new Error('the default model loads');
    const { program, results } = loaded.value;
    expect(program.sensitivities.length).toBeGreaterThan(0);
    for (const s of program.sensitivities) {
      const same = (a: RefNode, b: typeof s.rows): boolean => a.sheet === b.line.sheet.id && a.line === b.line.id && a.period === b.period;
      const r = bothWays(s.tree, results.context(null, null), (x) => same(x, s.rows), (x) => same(x, s.columns), [...s.spec.rows.values, 0, -1.5, 1e6], [...s.spec.columns.values, 0, 7.25]);
      expect(r.parts).toEqual(r.whole);
      expect(r.partReads).toBeLessThan(r.wholeReads);
    }
  });

  it('is exact through IF, comparisons, MIN/MAX, ROUND, division by zero and time functions', () => {
    const values: Record<string, number> = { a: 3, b: 0, c: 1234567, d: 0.1 };
    const base: EvalContext = {
      ref: (r) => exact(values[r.line] ?? 0),
      range: () => [exact(1), exact(2)],
      input: () => exact(5),
      shift: () => base,
      span: () => [base, base],
      scenario: () => 0,
    };
    const formulas = ['if(g > a, g * c / 7, min(h, d) - a)', 'round(g / h, 2) + max(a, b, g) * (1 + d)', 'if(a = 3, c / b, g) + h / b', 'prev(g) + ytd(h) + sum(a, b) - abs(-g * h)', '-(g - h) / (a + d) + if(g, h, a)', 'a * c + d'];
    for (const f of formulas) {
      const tree = parseFormula(f);
      const r = bothWays(tree, base, (x) => x.line === 'g', (x) => x.line === 'h', [0, 1, -2.5, 0.1, 1e15], [0, 3, 0.2, -7]);
      expect(r.parts, f).toEqual(r.whole);
    }
  });
});
