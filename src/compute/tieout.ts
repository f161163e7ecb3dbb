// The tie-out of the printed figures, computed exactly: for each figure of the Tie-out sheet,
// the workbook's figure for that cell, the difference in units of the last printed digit,
// and whether it is within rounding, explained by the model's reason, or a real difference.
// plan/tieout.ts writes the same as formulas; the status rule is the one its formulas apply.
import type { PrintedFigure } from '../compile/printed.js';
import { ROUNDING_TOLERANCE_UNITS } from '../compile/printed.js';
import type { LineInfo, Program, SheetInfo } from '../compile/program.js';
import type { Node, RefNode } from '../expr/ast.js';
import type { ColumnSpec } from '../model/schema.js';
import { Decimal } from './decimal.js';
import type { EvalContext } from './evaluate.js';
import { evaluateDouble, evaluateExact } from './evaluate.js';
import type { Exact } from './exact.js';
import { toDouble } from './exact.js';
import { NOT_MEANINGFUL, isNotMeaningful, ratioParts } from './ratios.js';

const ref = (line: string, period: string): RefNode => ({ kind: 'ref', sheet: null, line, period, pos: 0, end: 0 });

/** A translated cell's quotient: the value column of its period over the rate (plan/statement.ts). */
function translatedNode(column: ColumnSpec, lineId: string): Node {
  return { kind: 'binary', op: '/', left: ref(lineId, column.period), right: { kind: 'input', name: column.rate!, pos: 0, end: 0 }, pos: 0 };
}

export type TieOutStatus = 'OK' | 'EXPLAINED' | 'FAIL';

/** Digits the difference (in units of the last printed digit) is rounded to before it is compared. */
export const DIFFERENCE_DIGITS = 6;
const DIFFERENCE_SCALE = 10n ** BigInt(DIFFERENCE_DIGITS);

export interface TieOutRow {
  figure: PrintedFigure;
  /** The workbook's figure for the cell, exactly (made when asked: only reports need it); null where it shows n/m. */
  readonly computed: Decimal | null;
  /** ... and as the cell caches it: a number, or "n/m" (a share or change that means nothing). */
  cached: number | string;
  /** (computed - printed) / unit, rounded half away from zero to DIFFERENCE_DIGITS; null where either is n/m. */
  differenceUnits: Decimal | null;
  status: TieOutStatus;
}

export interface TieOutResults {
  rows: TieOutRow[];
  /** Rows within rounding, and rows whose difference the model's reason explains. */
  within: number;
  explained: number;
}

export const NO_TIE_OUT: TieOutResults = { rows: [], within: 0, explained: 0 };

/** How the statements give a cell's value: exactly, and the context of its period. */
export interface CellValues {
  exact(line: LineInfo, period: string): Exact;
  context(sheet: SheetInfo, period: string): EvalContext;
}

/**
 * OK when |difference| <= half a unit; EXPLAINED when beyond that but within the reason's
 * `up_to`; FAIL otherwise. The difference is rounded to six digits of the unit first, as the
 * sheet's formula does, so an exact half unit stays a half unit in every engine (in doubles,
 * (0.125 - 0.13) / 0.01 is -0.5000000000000004). A figure printed "n/m" ties with a cell
 * that shows n/m, and only with one; a printed figure never ties with n/m.
 */
export function tieOutStatus(differenceUnits: Decimal | null, figure: PrintedFigure, cellNotMeaningful: boolean): TieOutStatus {
  if (figure.notMeaningful) return cellNotMeaningful ? 'OK' : 'FAIL';
  if (differenceUnits === null) return 'FAIL';
  const size = differenceUnits.abs();
  if (size.lte(ROUNDING_TOLERANCE_UNITS)) return 'OK';
  if (figure.reason && size.lte(figure.reason.upTo)) return 'EXPLAINED';
  return 'FAIL';
}

/** An exact value as a numerator over a power of ten, in BigInts. */
function fraction(x: Exact): [bigint, bigint] {
  if (typeof x === 'number') return [BigInt(x), 1n];
  const text = x.toFixed();
  const point = text.indexOf('.');
  if (point < 0) return [BigInt(text), 1n];
  return [BigInt(text.slice(0, point) + text.slice(point + 1)), 10n ** BigInt(text.length - point - 1)];
}

/** A quotient of two exact values as a fraction (a zero denominator gives 0, as compute/evaluate.ts). */
function quotient(a: Exact, b: Exact): [bigint, bigint] {
  const [an, ad] = fraction(a);
  const [bn, bd] = fraction(b);
  if (bn === 0n) return [0n, 1n];
  const num = an * bd;
  const den = ad * bn;
  return den < 0n ? [-num, -den] : [num, den];
}

/**
 * (n / d - printed) in units of the printed figure's last digit, rounded half away from zero
 * to DIFFERENCE_DIGITS (Excel's ROUND): whole-number arithmetic, exact, no division of Decimals.
 */
export function differenceInUnits(n: bigint, d: bigint, figure: Pick<PrintedFigure, 'units' | 'unitDigits'>): Decimal {
  const scaled = (n * 10n ** BigInt(figure.unitDigits) - figure.units * d) * DIFFERENCE_SCALE;
  let q = scaled / d;
  const r = scaled % d;
  if (2n * (r < 0n ? -r : r) >= d) q += scaled < 0n ? -1n : 1n;
  return new Decimal(`${q}e-${DIFFERENCE_DIGITS}`);
}

/** A statement cell of a printed figure: its exact value as a fraction (null: n/m) and its cached value. */
function cellOf(figure: PrintedFigure, cells: CellValues): { value: [bigint, bigint] | null; cached: number | string } {
  const { line, column } = figure;
  if (column.kind === 'value') {
    const x = cells.exact(line, column.period);
    return { value: fraction(x), cached: toDouble(x) };
  }
  const ctx = cells.context(line.sheet, column.period);
  if (column.kind === 'translated') {
    // the very syntax tree the statement cell's formula is printed from
    const node = translatedNode(column, line.id);
    if (node.kind !== 'binary') throw new Error('unreachable');
    return { value: quotient(evaluateExact(node.left, ctx), evaluateExact(node.right, ctx)), cached: evaluateDouble(node, ctx) };
  }
  // a share or change: n/m where the ratio means nothing, by the rule the cell's IF applies
  const parts = ratioParts(line, { ...column, kind: column.kind });
  if (isNotMeaningful(ctx, parts)) return { value: null, cached: NOT_MEANINGFUL };
  const node: Node = { kind: 'binary', op: '/', left: parts.numerator, right: parts.denominator, pos: 0 };
  return { value: quotient(evaluateExact(parts.numerator, ctx), evaluateExact(parts.denominator, ctx)), cached: evaluateDouble(node, ctx) };
}

export function computeTieOut(program: Program, cells: CellValues): TieOutResults {
  const rows: TieOutRow[] = [];
  let within = 0;
  let explained = 0;
  for (const figure of program.printed.listed) {
    const { value, cached } = cellOf(figure, cells);
    const differenceUnits = value === null || figure.notMeaningful ? null : differenceInUnits(value[0], value[1], figure);
    const status = tieOutStatus(differenceUnits, figure, value === null);
    if (status === 'OK') within++;
    else if (status === 'EXPLAINED') explained++;
    rows.push({
      figure,
      get computed() {
        return value === null ? null : new Decimal(value[0].toString()).div(value[1].toString());
      },
      cached,
      differenceUnits,
      status,
    });
  }
  return { rows, within, explained };
}
