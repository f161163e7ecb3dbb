// children(node) is the one walk over the syntax tree (expr/ast.ts): walk, collectRefs,
// collectInputs, usesTime and the rewrite of optional lines build on it. One row per node
// kind; the table is typed by Node['kind'], so a new kind does not type-check until it has
// its row here (and its case in children(), whose default is `never`).
import { describe, expect, it } from 'vitest';
import type { Node } from '../../src/expr/ast.js';
import { children, collectInputs, collectRefs, usesTime, walk } from '../../src/expr/ast.js';
import { parseFormula } from '../../src/expr/parser.js';
import { toSource } from '../../src/expr/source.js';

/** For each kind: a formula whose root is of that kind, and the source of its children. */
const BY_KIND: Record<Node['kind'], { formula: string; children: string[] }> = {
  num: { formula: '42', children: [] },
  ref: { formula: 'revenue', children: [] },
  input: { formula: '$fx', children: [] },
  range: { formula: 'sum(a:b)', children: [] }, // the root is the call; its range is checked below
  neg: { formula: '-a', children: ['a'] },
  binary: { formula: 'a + b * c', children: ['a', 'b * c'] },
  compare: { formula: 'a >= b', children: ['a', 'b'] },
  call: { formula: 'max(a, b, 0)', children: ['a', 'b', '0'] },
  shift: { formula: 'prev(a + b)', children: ['a + b'] },
  span: { formula: 'sum_within(a, quarter)', children: ['a'] },
  scenario: { formula: 'scenario(a, b * 2, 0)', children: ['a', 'b * 2', '0'] },
};

describe('children(node): the direct sub-trees of every node kind', () => {
  it.each(Object.entries(BY_KIND).filter(([kind]) => kind !== 'range'))('%s', (kind, { formula, children: expected }) => {
    const node = parseFormula(formula);
    expect(node.kind).toBe(kind);
    expect(children(node).map(toSource)).toEqual(expected);
  });

  it('range: its two ends', () => {
    const call = parseFormula(BY_KIND.range.formula);
    const range = children(call)[0]!;
    expect(range.kind).toBe('range');
    expect(children(range).map(toSource)).toEqual(['a', 'b']);
  });
});

describe('the walks built on children()', () => {
  const deep = parseFormula('scenario(prev(a) + $fx, ytd(b) + sum(c:e), -max(d, $g))');

  it('walk visits every node, parents first, in text order', () => {
    const kinds: string[] = [];
    walk(deep, (n) => kinds.push(n.kind));
    expect(kinds).toEqual(['scenario', 'binary', 'shift', 'ref', 'input', 'binary', 'span', 'ref', 'call', 'range', 'ref', 'ref', 'neg', 'call', 'ref', 'input']);
  });

  it('collectRefs and collectInputs find what sits under time functions and scenarios', () => {
    expect(collectRefs(deep).map((r) => r.line)).toEqual(['a', 'b', 'c', 'e', 'd']);
    expect(collectInputs(deep)).toEqual(['fx', 'g']);
  });

  it('usesTime sees a time function at any depth', () => {
    expect(usesTime(parseFormula('a + max(b, -scenario(c, ltm(d)))'))).toBe(true);
    expect(usesTime(parseFormula('a + max(b, -scenario(c, d))'))).toBe(false);
  });
});
