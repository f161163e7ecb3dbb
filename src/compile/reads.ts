// The cells a formula reads when it is computed for one period: the dependency graph's
// edges cell by cell, and the test of whether every period a time function needs is in
// the model. The same date rules (compile/calendar.ts) bind the references of both
// back-ends, so the graph, the Decimal value and the Excel text agree on every cell.
import type { Node, RefNode } from '../expr/ast.js';
import { assertNever } from '../expr/ast.js';
import type { Period } from '../model/schema.js';
import type { Calendar, Missing, When } from './calendar.js';
import { TimeError, columnAt, describeWhen, isMissing } from './calendar.js';

/** What a formula needs of the compiled template to bind its references. */
export interface ReadScope<L extends { key: string; table: { valuePeriods: string[]; periodIndex: Map<string, number> } }> {
  calendar: Calendar;
  period(id: string): Period;
  line(ref: RefNode, sheet: string | null): L;
  rangeLines(from: RefNode, to: RefNode, sheet: string | null): L[];
}

export interface CellRead<L> {
  line: L;
  /** Index into line.table.valuePeriods. */
  index: number;
}

/**
 * The column of `line` a reference means at `when`: the reference's own period when it names
 * one, else the period (or balance date) the formula is read at.
 */
export function bindColumn<L extends { key: string; table: { valuePeriods: string[]; periodIndex: Map<string, number> } }>(
  scope: ReadScope<L>,
  line: L,
  fixed: string | null,
  when: When | null,
): number | Missing {
  if (fixed !== null) return line.table.periodIndex.get(fixed)!;
  if (when === null) throw new TimeError(`${line.key} needs a period here`);
  if (when.at === 'period') {
    const i = line.table.periodIndex.get(when.period.id);
    if (i !== undefined) return i;
  }
  const col = columnAt(line.table.valuePeriods, (id) => scope.period(id), when);
  if (typeof col === 'string') return line.table.periodIndex.get(col)!;
  if (isMissing(col)) return { missing: `${line.key} at ${describeWhen(when)}: the model has no period for it, or the table shows no ${col.missing}` };
  throw new TimeError(`${line.key} at ${describeWhen(when)} is ambiguous: both ${col.ambiguous.join(' and ')} end on that date`);
}

/**
 * Every cell `node` reads at `when` (pushed onto `out`), or the first period it needs that
 * the model lacks. Throws TimeError for a time function used where it has no meaning.
 */
export function cellReads<L extends { key: string; table: { valuePeriods: string[]; periodIndex: Map<string, number> } }>(
  scope: ReadScope<L>,
  node: Node,
  sheet: string | null,
  when: When | null,
  out: CellRead<L>[],
): Missing | null {
  switch (node.kind) {
    case 'num':
    case 'input':
      return null;
    case 'ref': {
      const line = scope.line(node, sheet);
      const index = bindColumn(scope, line, node.period, when);
      if (typeof index !== 'number') return index;
      out.push({ line, index });
      return null;
    }
    case 'range':
      for (const line of scope.rangeLines(node.from, node.to, sheet)) {
        const index = bindColumn(scope, line, null, when);
        if (typeof index !== 'number') return index;
        out.push({ line, index });
      }
      return null;
    case 'neg':
      return cellReads(scope, node.arg, sheet, when, out);
    case 'binary':
    case 'compare':
      return cellReads(scope, node.left, sheet, when, out) ?? cellReads(scope, node.right, sheet, when, out);
    case 'call':
      for (const a of node.args) {
        const m = cellReads(scope, a, sheet, when, out);
        if (m) return m;
      }
      return null;
    case 'shift': {
      if (when === null) throw new TimeError(`${node.fn}() needs a period to start from`);
      const to = scope.calendar.shift(when, node);
      if (isMissing(to)) return { missing: `${to.missing}, for ${node.fn}() at ${describeWhen(when)}` };
      return cellReads(scope, node.arg, sheet, to, out);
    }
    case 'scenario':
      // every option is a dependency: the workbook's selector may choose any of them
      for (const o of node.options) {
        const m = cellReads(scope, o, sheet, when, out);
        if (m) return m;
      }
      return null;
    case 'span': {
      if (when === null) throw new TimeError(`${node.fn}() needs a period to start from`);
      const over = scope.calendar.span(when, node);
      if (isMissing(over)) return { missing: `${over.missing}, for ${node.fn}() at ${describeWhen(when)}` };
      for (const w of over) {
        const m = cellReads(scope, node.arg, sheet, w, out);
        if (m) return m;
      }
      return null;
    }
    default:
      return assertNever(node);
  }
}
