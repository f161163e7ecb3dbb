// compute: every line's value for every period its table shows, in dependency order,
// then every check. Pure: no files, no exceljs.
import type { RefNode } from '../expr/ast.js';
import type { CheckInfo, CheckRow, LineInfo, Program, SheetInfo } from '../compile/program.js';
import { formulaFor, isDerived, lookupLine, rangeLines } from '../compile/program.js';
import type { Decimal } from './decimal.js';
import type { EvalContext } from './evaluate.js';
import { evaluate, evaluateExact } from './evaluate.js';
import type { Exact } from './exact.js';
import { exact, toDecimal, toDouble } from './exact.js';

export interface CheckResult {
  check: CheckInfo;
  row: CheckRow;
  left: Decimal;
  right: Decimal;
  difference: Decimal;
  ok: boolean;
}

export interface Results {
  /** Exact values (compute/exact.ts) aligned with line.table.valuePeriods. */
  lineValues: Map<LineInfo, Exact[]>;
  value(line: LineInfo, period: string): Decimal;
  /** The cell's cached value: the exact value converted once to a double. */
  cellValue(line: LineInfo, period: string): number;
  checks: CheckResult[];
  context(sheet: SheetInfo | null, period: string | null): EvalContext;
}

export function compute(program: Program): Results {
  const lineValues = new Map<LineInfo, Exact[]>();
  const exactValue = (line: LineInfo, period: string): Exact => {
    const vals = lineValues.get(line);
    const i = line.table.periodIndex.get(period);
    if (!vals || i === undefined || vals[i] === undefined) throw new Error(`internal: ${line.key}[${period}] used before it was computed`);
    return vals[i]!;
  };
  // a range's lines depend only on its syntax node: resolve it once, not once per period
  const ranges = new WeakMap<RefNode, LineInfo[]>();
  const linesOf = (from: RefNode, to: RefNode, sheet: SheetInfo | null): LineInfo[] => {
    let lines = ranges.get(from);
    if (!lines) ranges.set(from, (lines = rangeLines(program, from, to, sheet!)));
    return lines;
  };
  const context = (sheet: SheetInfo | null, period: string | null): EvalContext => ({
    ref: (ref: RefNode) => exactValue(lookupLine(program, ref, sheet), ref.period ?? period!),
    range: (from: RefNode, to: RefNode) => linesOf(from, to, sheet).map((l) => exactValue(l, period!)),
    input: (name: string) => program.inputs.get(name)!.value,
  });
  const given = program.model.value.values;
  for (const line of program.order) {
    const periods = line.table.valuePeriods;
    const vals: Exact[] = new Array<Exact>(periods.length);
    if (!isDerived(line)) {
      const byPeriod = given[line.sheet.id]![line.id]!;
      for (let i = 0; i < periods.length; i++) vals[i] = exact(byPeriod[periods[i]!]!);
    } else {
      for (let i = 0; i < periods.length; i++) {
        const p = periods[i]!;
        vals[i] = evaluateExact(formulaFor(line, program.periods.get(p)!.kind)!, context(line.sheet, p));
      }
    }
    lineValues.set(line, vals);
  }
  const checks: CheckResult[] = [];
  for (const check of program.checks)
    for (const row of check.rows) {
      const ctx = context(null, row.period);
      const left = evaluate(row.left, ctx);
      const right = evaluate(row.right, ctx);
      const difference = left.minus(right);
      checks.push({ check, row, left, right, difference, ok: difference.abs().lte(check.spec.tolerance) });
    }
  return {
    lineValues,
    value: (line, period) => toDecimal(exactValue(line, period)),
    cellValue: (line, period) => toDouble(exactValue(line, period)),
    checks,
    context,
  };
}
