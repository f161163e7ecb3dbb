// compute: every line's value for every period its table shows, in dependency order,
// then every check. Pure: no files, no exceljs.
import type { RefNode } from '../expr/ast.js';
import type { CheckInfo, CheckRow, CheckSide, LineInfo, Program, SheetInfo } from '../compile/program.js';
import { cellFormula, isInputCell, lookupLine, rangeLines, readScope } from '../compile/program.js';
import type { When } from '../compile/calendar.js';
import { isMissing } from '../compile/calendar.js';
import { bindColumn } from '../compile/reads.js';
import { assertNever } from '../expr/ast.js';
import { Decimal } from './decimal.js';
import type { EvalContext } from './evaluate.js';
import { evaluate, evaluateExact } from './evaluate.js';
import type { Exact } from './exact.js';
import { exact, minus, toDecimal, toDouble } from './exact.js';
import type { TieOutResults } from './tieout.js';
import { computeTieOut } from './tieout.js';
import type { LineValues } from '../model/compact-values.js';
import { lineValuesOf } from '../model/compact-values.js';
import { ExactLine } from './exact-line.js';

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
  lineValues: Map<LineInfo, ExactLine>;
  value(line: LineInfo, period: string): Decimal;
  /** The cell's cached value: the exact value converted once to a double. */
  cellValue(line: LineInfo, period: string): number;
  checks: CheckResult[];
  context(sheet: SheetInfo | null, period: string | null): EvalContext;
  /** The scenario these values are for: an index into the template's scenarios. */
  scenario: number;
  /** The printed figures of the Tie-out sheet against the workbook's (compute/tieout.ts). */
  tieOut: TieOutResults;
}

export interface ComputeOptions {
  /** The selected scenario, an index into the template's scenarios (default 0, the first). */
  scenario?: number;
}

export function compute(program: Program, options: ComputeOptions = {}): Results {
  const scenario = options.scenario ?? 0;
  const lineValues = new Map<LineInfo, ExactLine>();
  const scope = readScope(program);
  const valueAt = (line: LineInfo, index: number): Exact => {
    const v = lineValues.get(line)?.get(index);
    if (v === undefined) throw new Error(`internal: ${line.key}[${line.table.valuePeriods[index]}] used before it was computed`);
    return v;
  };
  // compile bound every reference of every cell already: a gap here is a bug
  const column = (line: LineInfo, fixed: string | null, when: When | null): number => {
    const i = bindColumn(scope, line, fixed, when);
    if (typeof i !== 'number') throw new Error(`internal: ${i.missing}`);
    return i;
  };
  // a range's lines depend only on its syntax node: resolve it once, not once per period
  const ranges = new WeakMap<RefNode, LineInfo[]>();
  const linesOf = (from: RefNode, to: RefNode, sheet: SheetInfo | null): LineInfo[] => {
    let lines = ranges.get(from);
    if (!lines) ranges.set(from, (lines = rangeLines(program, from, to, sheet!)));
    return lines;
  };
  const whens = new Map<string, When>();
  const whenOfPeriod = (period: string | null): When | null => {
    if (period === null) return null;
    let w = whens.get(period);
    if (!w) whens.set(period, (w = { at: 'period', period: program.periods.get(period)! }));
    return w;
  };
  const at = (sheet: SheetInfo | null, when: When | null): EvalContext => ({
    ref: (ref: RefNode) => {
      const line = lookupLine(program, ref, sheet);
      return valueAt(line, column(line, ref.period, when));
    },
    range: (from: RefNode, to: RefNode) => linesOf(from, to, sheet).map((l) => valueAt(l, column(l, null, when))),
    input: (name: string) => program.inputs.get(name)!.value,
    shift: (node) => {
      const to = program.calendar.shift(when!, node);
      if (isMissing(to)) throw new Error(`internal: ${to.missing}`);
      return at(sheet, to);
    },
    span: (node) => {
      const over = program.calendar.span(when!, node);
      if (isMissing(over)) throw new Error(`internal: ${over.missing}`);
      return over.map((w) => at(sheet, w));
    },
    scenario: () => scenario,
  });
  const context = (sheet: SheetInfo | null, period: string | null): EvalContext => at(sheet, whenOfPeriod(period));
  const given = program.model.value.values;
  // a line's given values by value-period index, read from a compact line's array
  // (model/compact-values.ts) without a look-up by period id for each cell
  const givenReader = (line: LineInfo): ((i: number) => number) => {
    const periods = line.table.valuePeriods;
    const byPeriod = given[line.sheet.id]?.[line.id];
    const compact = lineValuesOf(byPeriod);
    if (!compact) return (i) => byPeriod![periods[i]!]!;
    const slots = periods.map((p) => compact.periods.index.get(p) ?? -1);
    return (i) => compact.data[slots[i]!]!;
  };
  const readers = new Map<LineInfo, (i: number) => number>();
  const computeCell = (line: LineInfo, vals: ExactLine, i: number, givenAt: (i: number) => number): void => {
    vals.set(i, isInputCell(line, i) ? exact(givenAt(i)) : evaluateExact(cellFormula(program, line, i)!, context(line.sheet, line.table.valuePeriods[i]!)));
  };
  for (const step of program.steps) {
    const line = step.line;
    let vals = lineValues.get(line);
    if (!vals) lineValues.set(line, (vals = new ExactLine(line.table.valuePeriods.length)));
    let givenAt = readers.get(line);
    if (!givenAt) readers.set(line, (givenAt = givenReader(line)));
    if (step.index !== null) computeCell(line, vals, step.index, givenAt);
    else for (let i = 0; i < vals.length; i++) computeCell(line, vals, i, givenAt);
  }
  const exactValue = (line: LineInfo, period: string): Exact => valueAt(line, line.table.periodIndex.get(period)!);
  const value = (line: LineInfo, period: string): Decimal => toDecimal(exactValue(line, period));
  const cellValue = (line: LineInfo, period: string): number => toDouble(exactValue(line, period));
  const tieOut = computeTieOut(program, { exact: exactValue, context });
  const side = (s: CheckSide, ctx: EvalContext): Decimal => {
    switch (s.kind) {
      case 'formula':
        return evaluate(s.node, ctx);
      case 'printed':
        return s.figure.value;
      case 'tie_out':
        return new Decimal(s.count === 'tied' ? tieOut.within + tieOut.explained : tieOut.rows.length);
      default:
        return assertNever(s);
    }
  };
  const checks: CheckResult[] = [];
  for (const check of program.checks)
    for (const row of check.rows) {
      const ctx = context(null, row.period);
      const left = side(row.left, ctx);
      const right = side(row.right, ctx);
      // Decimal rounding residue of two routes to one figure is no difference (exact.ts)
      const difference = toDecimal(minus(left, right));
      checks.push({ check, row, left, right, difference, ok: difference.abs().lte(check.spec.tolerance) });
    }
  return {
    lineValues,
    value,
    cellValue,
    checks,
    context,
    scenario,
    tieOut,
  };
}
