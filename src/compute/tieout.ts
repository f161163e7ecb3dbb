// The tie-out of the printed figures, computed exactly: for each figure of the Tie-out sheet,
// the workbook's figure for that cell, the difference in units of the last printed digit,
// and whether it is within rounding, explained by the model's reason, or a real difference.
// plan/tieout.ts writes the same as formulas; the status rule is the one its formulas apply.
import type { PrintedFigure } from '../compile/printed.js';
import { ROUNDING_TOLERANCE_UNITS } from '../compile/printed.js';
import type { Program } from '../compile/program.js';
import { Decimal } from './decimal.js';
import type { EvalContext } from './evaluate.js';
import { evaluate, evaluateDouble } from './evaluate.js';
import type { ColumnSpec } from '../model/schema.js';
import type { Node, RefNode } from '../expr/ast.js';

const ref = (line: string, period: string): RefNode => ({ kind: 'ref', sheet: null, line, period, pos: 0, end: 0 });

/** The quotient a translated, share or change cell shows (plan/statement.ts, plan/ratio-columns.ts). */
function columnNode(column: ColumnSpec, lineId: string): Node {
  const figure = ref(lineId, column.period);
  if (column.kind === 'translated') return { kind: 'binary', op: '/', left: figure, right: { kind: 'input', name: column.rate!, pos: 0, end: 0 }, pos: 0 };
  if (column.kind === 'share') return { kind: 'binary', op: '/', left: figure, right: ref(column.of!, column.period), pos: 0 };
  const base = ref(lineId, column.base!);
  return { kind: 'binary', op: '/', left: { kind: 'binary', op: '-', left: figure, right: base, pos: 0 }, right: base, pos: 0 };
}

export type TieOutStatus = 'OK' | 'EXPLAINED' | 'FAIL';

/** Digits the difference (in units of the last printed digit) is rounded to before it is compared. */
export const DIFFERENCE_DIGITS = 6;

export interface TieOutRow {
  figure: PrintedFigure;
  /** The workbook's figure for the cell, exactly, and as the cell caches it. */
  computed: Decimal;
  cached: number;
  /** (computed - printed) / unit, rounded to DIFFERENCE_DIGITS. */
  differenceUnits: Decimal;
  status: TieOutStatus;
}

export interface TieOutResults {
  rows: TieOutRow[];
  /** Rows within rounding, and rows whose difference the model's reason explains. */
  within: number;
  explained: number;
}

export const NO_TIE_OUT: TieOutResults = { rows: [], within: 0, explained: 0 };

/** How the statements give a cell's value: exactly, as cached, and the context of its period. */
export interface CellValues {
  value(line: PrintedFigure['line'], period: string): Decimal;
  cellValue(line: PrintedFigure['line'], period: string): number;
  context(sheet: PrintedFigure['line']['sheet'], period: string): EvalContext;
}

/**
 * OK when |difference| <= half a unit; EXPLAINED when beyond that but within the reason's
 * `up_to`; FAIL otherwise. The difference is rounded to six digits of the unit first, as the
 * sheet's formula does, so an exact half unit stays a half unit in every engine.
 */
export function tieOutStatus(differenceUnits: Decimal, figure: PrintedFigure): TieOutStatus {
  const size = differenceUnits.abs();
  if (size.lte(ROUNDING_TOLERANCE_UNITS)) return 'OK';
  if (figure.reason && size.lte(figure.reason.upTo)) return 'EXPLAINED';
  return 'FAIL';
}

export function computeTieOut(program: Program, cells: CellValues): TieOutResults {
  const rows: TieOutRow[] = [];
  for (const figure of program.printed.listed) {
    const { line, column } = figure;
    let computed: Decimal;
    let cached: number;
    if (column.kind === 'value') {
      computed = cells.value(line, column.period);
      cached = cells.cellValue(line, column.period);
    } else {
      // the very syntax tree the statement cell's formula is printed from
      const node = columnNode(column, line.id);
      const ctx = cells.context(line.sheet, column.period);
      computed = evaluate(node, ctx);
      cached = evaluateDouble(node, ctx);
    }
    const differenceUnits = computed.minus(figure.value).div(figure.unit).toDecimalPlaces(DIFFERENCE_DIGITS, Decimal.ROUND_HALF_UP);
    rows.push({ figure, computed, cached, differenceUnits, status: tieOutStatus(differenceUnits, figure) });
  }
  return { rows, within: rows.filter((r) => r.status === 'OK').length, explained: rows.filter((r) => r.status === 'EXPLAINED').length };
}
