// A figure written out in terms of two of its drivers, for a sensitivity table: the output
// cell's formula, each reference bound to its cell (time functions resolved by date), and
// every cell on the way that depends on either driver replaced by its own formula, until
// only the two drivers and cells independent of them remain. Printed with the drivers
// pointing at a table's row and column headers, it is a live formula; evaluated with the
// header values, it gives that formula's exact result. Both back-ends read the same tree.
import type { Node, RefNode } from '../expr/ast.js';
import { assertNever } from '../expr/ast.js';
import { TimeError, isMissing } from './calendar.js';
import type { When } from './calendar.js';
import type { LineInfo, Program } from './program.js';
import { cellFormula, isInputCell, readScope, whenOf } from './program.js';
import { bindColumn } from './reads.js';

/** A cell of a line: the line and its period. */
export interface CellKey {
  line: LineInfo;
  period: string;
}

const keyOf = (c: CellKey): string => `${c.line.key}[${c.period}]`;

/** An absolute reference to one cell: sheet, line and period all named. */
function absolute(c: CellKey): RefNode {
  return { kind: 'ref', sheet: c.line.sheet.id, line: c.line.id, period: c.period, pos: 0, end: 0 };
}

/** `node` with every reference bound to its cell at `when`, and no time function left. */
export function bindTree(program: Program, node: Node, sheet: string | null, when: When | null): Node {
  const scope = readScope(program);
  const cellOf = (line: LineInfo, fixed: string | null, w: When | null): RefNode => {
    const i = bindColumn(scope, line, fixed, w);
    if (typeof i !== 'number') throw new TimeError(i.missing);
    return absolute({ line, period: line.table.valuePeriods[i]! });
  };
  const bind = (n: Node, w: When | null): Node => {
    switch (n.kind) {
      case 'num':
      case 'input':
        return n;
      case 'ref':
        return cellOf(scope.line(n, sheet), n.period, w);
      case 'range':
        // only inside sum/min/max, which bind their ranges into the argument list (below)
        throw new Error('internal: a range outside sum/min/max');
      case 'neg':
        return { ...n, arg: bind(n.arg, w) };
      case 'binary':
      case 'compare':
        return { ...n, left: bind(n.left, w), right: bind(n.right, w) };
      case 'call':
        return { ...n, args: n.args.flatMap((a) => (a.kind === 'range' ? scope.rangeLines(a.from, a.to, sheet).map((l) => cellOf(l, null, w)) : [bind(a, w)])) };
      case 'shift': {
        const to = program.calendar.shift(w!, n);
        if (isMissing(to)) throw new TimeError(to.missing);
        return bind(n.arg, to);
      }
      case 'span': {
        const over = program.calendar.span(w!, n);
        if (isMissing(over)) throw new TimeError(over.missing);
        return { kind: 'call', fn: 'sum', args: over.map((x) => bind(n.arg, x)), pos: n.pos, end: n.end };
      }
      case 'scenario':
        return { ...n, options: n.options.map((o) => bind(o, w)) };
      default:
        return assertNever(n);
    }
  };
  return bind(node, when);
}

/**
 * The output cell written out down to the drivers: a tree of absolute references in which
 * the drivers' cells appear as themselves. Returns null when the output does not depend on
 * both drivers (a table of one figure would say nothing).
 */
export function inlineOnDrivers(program: Program, output: CellKey, drivers: readonly CellKey[]): { tree: Node; uses: Set<string> } {
  const driverKeys = new Set(drivers.map(keyOf));
  const lineOf = (ref: RefNode): LineInfo => program.sheetById.get(ref.sheet!)!.lines.get(ref.line)!;
  // each cell: its tree written out, and the drivers it reaches (memoised: a cell read twice is written out once per read)
  const memo = new Map<string, { tree: Node; uses: Set<string> }>();
  const cell = (c: CellKey): { tree: Node; uses: Set<string> } => {
    const key = keyOf(c);
    if (driverKeys.has(key)) return { tree: absolute(c), uses: new Set([key]) };
    const known = memo.get(key);
    if (known) return known;
    const index = c.line.table.periodIndex.get(c.period)!;
    let result: { tree: Node; uses: Set<string> };
    if (isInputCell(c.line, index)) result = { tree: absolute(c), uses: new Set() };
    else {
      const bound = bindTree(program, cellFormula(program, c.line, index)!, c.line.sheet.id, whenOf(program, c.period));
      const written = expand(bound);
      // a cell no driver reaches stays a live reference to itself
      result = written.uses.size === 0 ? { tree: absolute(c), uses: written.uses } : written;
    }
    memo.set(key, result);
    return result;
  };
  const expand = (n: Node): { tree: Node; uses: Set<string> } => {
    const uses = new Set<string>();
    const take = (x: { tree: Node; uses: Set<string> }): Node => {
      for (const u of x.uses) uses.add(u);
      return x.tree;
    };
    const go = (m: Node): Node => {
      switch (m.kind) {
        case 'num':
        case 'input':
        case 'range':
          return m;
        case 'ref':
          return take(cell({ line: lineOf(m), period: m.period! }));
        case 'neg':
          return { ...m, arg: go(m.arg) };
        case 'binary':
        case 'compare':
          return { ...m, left: go(m.left), right: go(m.right) };
        case 'call':
          return { ...m, args: m.args.map(go) };
        case 'shift':
        case 'span':
          throw new Error('internal: a bound tree has no time functions');
        case 'scenario':
          return { ...m, options: m.options.map(go) };
        default:
          return assertNever(m);
      }
    };
    const tree = go(n);
    return { tree, uses };
  };
  return cell(output);
}
