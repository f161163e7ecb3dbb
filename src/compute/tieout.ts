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
const DIFFERENCE_SCALE = 10n ** BigInt(DIFFERENCE_DIGITS);

export interface TieOutRow {
  figure: PrintedFigure;
  /** The workbook's figure for the cell, exactly (made when asked: only reports need it). */
  readonly computed: Decimal;
  /** ... and as the cell caches it. */
  cached: number;
  /** (computed - printed) / unit, rounded half away from zero to DIFFERENCE_DIGITS. */
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

/** How the statements give a cell's value: exactly, and the context of its period. */
export interface CellValues {
  exact(line: LineInfo, period: string): Exact;
  context(sheet: SheetInfo, period: string): EvalContext;
}

/**
 * OK when |difference| <= half a unit; EXPLAINED when beyond that but within the reason's
 * `up_to`; FAIL otherwise. The difference is rounded to six digits of the unit first, as the
 * sheet's formula does, so an exact half unit stays a half unit in every engine (in doubles,
 * (0.125 - 0.13) / 0.01 is -0.5000000000000004).
 */
export function tieOutStatus(differenceUnits: Decimal, figure: PrintedFigure): TieOutStatus {
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

/**
 * A statement cell's value as a fraction: a quotient (shares, changes, translations) from its
 * exact operands, with the division rule of compute/evaluate.ts (a zero denominator gives 0);
 * anything else exactly as evaluated.
 */
function cellFraction(node: Node, ctx: EvalContext): [bigint, bigint] {
  if (node.kind !== 'binary' || node.op !== '/') return fraction(evaluateExact(node, ctx));
  const [an, ad] = fraction(evaluateExact(node.left, ctx));
  const [bn, bd] = fraction(evaluateExact(node.right, ctx));
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

export function computeTieOut(program: Program, cells: CellValues): TieOutResults {
  const rows: TieOutRow[] = [];
  let within = 0;
  let explained = 0;
  for (const figure of program.printed.listed) {
    const { line, column } = figure;
    let value: [bigint, bigint];
    let cached: number;
    if (column.kind === 'value') {
      const x = cells.exact(line, column.period);
      value = fraction(x);
      cached = toDouble(x);
    } else {
      // the very syntax tree the statement cell's formula is printed from
      const node = columnNode(column, line.id);
      const ctx = cells.context(line.sheet, column.period);
      value = cellFraction(node, ctx);
      cached = evaluateDouble(node, ctx);
    }
    const differenceUnits = differenceInUnits(value[0], value[1], figure);
    const status = tieOutStatus(differenceUnits, figure);
    if (status === 'OK') within++;
    else if (status === 'EXPLAINED') explained++;
    const [n, d] = value;
    rows.push({
      figure,
      get computed() {
        return new Decimal(n.toString()).div(d.toString());
      },
      cached,
      differenceUnits,
      status,
    });
  }
  return { rows, within, explained };
}
