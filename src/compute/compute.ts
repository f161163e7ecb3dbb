// compute: every line's value for every period its table shows, in dependency order,
// then every check. Pure: no files, no exceljs.
import type { RefNode } from '../expr/ast.js';
import type { CheckInfo, CheckRow, LineInfo, Program, SheetInfo } from '../compile/program.js';
import { formulaFor, isDerived, lookupLine, rangeLines } from '../compile/program.js';
import { Decimal } from './decimal.js';
import type { EvalContext } from './evaluate.js';
import { evaluate } from './evaluate.js';

export interface CheckResult {
  check: CheckInfo;
  row: CheckRow;
  left: Decimal;
  right: Decimal;
  difference: Decimal;
  ok: boolean;
}

export interface Results {
  /** Values aligned with line.table.valuePeriods. */
  lineValues: Map<LineInfo, Decimal[]>;
  value(line: LineInfo, period: string): Decimal;
  checks: CheckResult[];
  context(sheet: SheetInfo | null, period: string | null): EvalContext;
}

export function compute(program: Program): Results {
  const lineValues = new Map<LineInfo, Decimal[]>();
  const value = (line: LineInfo, period: string): Decimal => {
    const vals = lineValues.get(line);
    const i = line.table.periodIndex.get(period);
    if (!vals || i === undefined || vals[i] === undefined) throw new Error(`internal: ${line.key}[${period}] used before it was computed`);
    return vals[i]!;
  };
  const context = (sheet: SheetInfo | null, period: string | null): EvalContext => ({
    ref: (ref: RefNode) => value(lookupLine(program, ref, sheet), ref.period ?? period!),
    range: (from: RefNode, to: RefNode) => rangeLines(program, from, to, sheet!).map((l) => value(l, period!)),
    input: (name: string) => program.inputs.get(name)!.value,
  });
  const given = program.model.value.values;
  for (const line of program.order) {
    const periods = line.table.valuePeriods;
    const vals: Decimal[] = new Array<Decimal>(periods.length);
    if (!isDerived(line)) {
      const byPeriod = given[line.sheet.id]![line.id]!;
      for (let i = 0; i < periods.length; i++) vals[i] = new Decimal(byPeriod[periods[i]!]!);
    } else {
      for (let i = 0; i < periods.length; i++) {
        const p = periods[i]!;
        vals[i] = evaluate(formulaFor(line, program.periods.get(p)!.kind)!, context(line.sheet, p));
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
  return { lineValues, value, checks, context };
}
