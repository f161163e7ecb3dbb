// One tree evaluated for every pair of values of two drivers (a sensitivity table: the
// output for each row value and column value). A part of the tree that reads neither driver
// has one value for the whole grid, a part that reads only the row driver one per row, a part
// that reads only the column driver one per column: each is evaluated once for what it reads.
// Evaluation is a pure function of the context (compute/evaluate.ts), and each part is
// evaluated in the very context the whole tree's evaluation would reach it in, so every value
// is exactly that of evaluating the whole tree for each cell.
import type { Node, RefNode } from '../expr/ast.js';
import { assertNever, children } from '../expr/ast.js';
import type { EvalContext } from './evaluate.js';
import { evaluateExact } from './evaluate.js';
import type { Exact } from './exact.js';

/** Which driver a reference reads: the row's, the column's, or neither. */
export type Axis = 'row' | 'column' | null;

const ROW = 1;
const COLUMN = 2;
const BOTH = ROW | COLUMN;

export interface GridCell {
  /** Index of the row value and of the column value: a part read per row or per column is kept under it. */
  row: number;
  column: number;
  /** The drivers' values for this cell (undefined for any other reference). */
  driver(ref: RefNode): Exact | undefined;
}

/**
 * `tree` prepared for evaluation in `base` over a grid, `axis` naming the references the
 * drivers' values replace. A part is set apart only where it is evaluated in the cell's own
 * context: inside a time shift or span the context is another period's (which answers every
 * reference from `base`), so one that reads a driver is kept whole and evaluated per cell; a
 * range is read through `range`, never as a value, so it is kept as it is.
 */
export function gridEvaluator(tree: Node, axis: (ref: RefNode) => Axis, base: EvalContext): (cell: GridCell) => Exact {
  const reads = new Map<Node, number>();
  const readsOf = (node: Node): number => {
    let r = reads.get(node);
    if (r === undefined) {
      if (node.kind === 'ref') {
        const a = axis(node);
        r = a === 'row' ? ROW : a === 'column' ? COLUMN : 0;
      } else r = children(node).reduce((m, c) => m | readsOf(c), 0);
      reads.set(node, r);
    }
    return r;
  };
  // each part set apart stands in the tree as a reference of its own
  const parts = new Map<RefNode, { node: Node; reads: number; values: Map<number, Exact> }>();
  const stand = (node: Node): Node => {
    if (node.kind === 'range' || node.kind === 'num' || node.kind === 'input') return node;
    const r = readsOf(node);
    if (r === BOTH) return rebuild(node);
    const ref: RefNode = { kind: 'ref', sheet: null, line: '', period: null, pos: node.pos, end: node.pos };
    parts.set(ref, { node, reads: r, values: new Map() });
    return ref;
  };
  const rebuild = (node: Node): Node => {
    switch (node.kind) {
      case 'num':
      case 'ref':
      case 'input':
      case 'range':
      // evaluated in another period's context: kept whole (see above)
      case 'shift':
      case 'span':
        return node;
      case 'neg':
        return { ...node, arg: stand(node.arg) };
      case 'binary':
        return { ...node, left: stand(node.left), right: stand(node.right) };
      case 'compare':
        return { ...node, left: stand(node.left), right: stand(node.right) };
      case 'call':
        return { ...node, args: node.args.map(stand) };
      case 'scenario':
        return { ...node, options: node.options.map(stand) };
      default:
        return assertNever(node);
    }
  };
  const top = stand(tree);
  return (cell) => {
    const ctx: EvalContext = {
      ...base,
      ref: (ref) => {
        const part = parts.get(ref);
        if (part === undefined) return cell.driver(ref) ?? base.ref(ref);
        // evaluated when first read (IF reads only the branch it takes), in this cell's context
        const key = part.reads === ROW ? cell.row : part.reads === COLUMN ? cell.column : 0;
        let v = part.values.get(key);
        if (v === undefined) part.values.set(key, (v = evaluateExact(part.node, ctx)));
        return v;
      },
    };
    return evaluateExact(top, ctx);
  };
}
