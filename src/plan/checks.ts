// The Checks sheet: one row per check and period, both sides as live formulas into the
// statements, the difference, the tolerance (an input), and an OK/FAIL status; a master
// check at the top is OK only when every row is.
import type { CheckSide, Program } from '../compile/program.js';
import type { Results } from '../compute/compute.js';
import type { Node } from '../expr/ast.js';
import { assertNever, collectRefs } from '../expr/ast.js';
import { toExcel } from '../expr/excel.js';
import { lookupLine } from '../compile/program.js';
import type { LineFormat } from '../model/schema.js';
import { a1 } from '../layout/a1.js';
import type { Layout } from '../layout/layout.js';
import type { DecimalsFormat, PlannedCell, PlannedRow, PlannedSheet } from './cells.js';
import { excelResolver } from './resolver.js';
import { noteRowHeight } from './wrapped-note.js';
import type { TieOutLayout } from './tieout.js';
import { tieOutCells, tieOutLayout } from './tieout.js';
import { titleBlock } from './title-block.js';

export const CHECKS_SHEET = 'Checks';
export const MASTER_CHECK_CELL = 'G6';
const FIRST_ROW = 9;
const WHY_WIDTH = 56;
const COL = { label: 0, period: 1, left: 2, right: 3, diff: 4, tol: 5, status: 6, why: 7 } as const;

export function planChecksSheet(program: Program, layout: Layout, results: Results, entityLine: string): PlannedSheet {
  const rows: PlannedRow[] = [
    ...titleBlock(entityLine, 'Checks: the statements tie', 'Each row compares two live formulas; OK when |left - right| <= tolerance.', 'Units: those of the compared figures (see each statement)'),
  ];
  const n = results.checks.length;
  const statusTop = FIRST_ROW;
  const statusBottom = FIRST_ROW + Math.max(n, 1) - 1;
  const allOk = results.checks.every((c) => c.ok);
  const statusRange = `${a1(COL.status, statusTop)}:${a1(COL.status, statusBottom)}`;
  rows.push({
    row: 6,
    cells: [
      { kind: 'text', col: 0, text: 'Master check: every check below is OK', role: 'heading', style: 'bold' },
      {
        kind: 'formula',
        col: COL.status,
        // as many OKs as status rows: no count written into the formula, so a row inserted
        // into the range (or deleted from it) keeps the master check true to its rows
        formula: `IF(COUNTIF(${statusRange},"OK")=ROWS(${statusRange}),"OK","FAIL")`,
        value: allOk ? 'OK' : 'FAIL',
        format: 'status',
        style: 'total',
        link: false,
      },
    ],
  });
  rows.push({
    row: 8,
    cells: ['Check', 'Period', 'Left', 'Right', 'Difference', 'Tolerance', 'Status', 'Basis of the check and its tolerance'].map((t, i) => ({ kind: 'text' as const, col: i, text: t, role: 'header' as const })),
  });
  let tieOutPlaces: TieOutLayout | undefined;
  const tieOut = (): TieOutLayout => (tieOutPlaces ??= tieOutLayout(program));
  results.checks.forEach((c, i) => {
    const r = FIRST_ROW + i;
    const resolver = excelResolver(program, layout, CHECKS_SHEET, null, c.row.period);
    // both sides in the format of the figures they compare (JPY thousands without decimals,
    // a per-ADS figure with two); the difference and the tolerance with as many decimals as
    // the tolerance needs to show as it is (0.005, not 0.01)
    const format = sideFormat(program, c.row.left) ?? sideFormat(program, c.row.right) ?? 'amount_2dp';
    const exact: DecimalsFormat = `decimals_${Math.max(decimalsOf(format), decimalPlaces(c.check.spec.tolerance))}`;
    const side = (s: CheckSide, value: number, col: number): PlannedCell => {
      const cell = (formula: string, link: boolean): PlannedCell => ({ kind: 'formula', col, formula, value, format, style: 'normal', link });
      switch (s.kind) {
        case 'formula':
          return cell(toExcel(s.node, resolver), s.node.kind === 'ref');
        case 'printed':
          // the printed figure is an input of the Tie-out sheet; the check links to it
          return cell(tieOutCells.printed(tieOut(), s.figure), true);
        case 'tie_out':
          return cell(s.count === 'tied' ? tieOutCells.tied : tieOutCells.compared, true);
        default:
          return assertNever(s);
      }
    };
    const periodLabel = c.row.period ? (program.periods.get(c.row.period)?.label ?? c.row.period) : '';
    // Rows are as tall as their wrapped basis text (wrapped-note.ts).
    const height = noteRowHeight(c.check.spec.why ?? '', WHY_WIDTH);
    rows.push({
      ...(height ? { height } : {}),
      row: r,
      cells: [
        { kind: 'text', col: COL.label, text: c.check.spec.label, role: 'check_label' },
        { kind: 'text', col: COL.period, text: periodLabel, role: 'label' },
        side(c.row.left, c.left.toNumber(), COL.left),
        side(c.row.right, c.right.toNumber(), COL.right),
        { kind: 'formula', col: COL.diff, formula: `${a1(COL.left, r)}-${a1(COL.right, r)}`, value: c.difference.toNumber(), format: format === 'percent' ? format : exact, style: 'normal', link: false },
        { kind: 'input', col: COL.tol, value: c.check.spec.tolerance, format: exact, style: 'normal' },
        { kind: 'formula', col: COL.status, formula: `IF(ABS(${a1(COL.diff, r)})<=${a1(COL.tol, r)},"OK","FAIL")`, value: c.ok ? 'OK' : 'FAIL', format: 'status', style: 'normal', link: false },
        ...(c.check.spec.why ? [{ kind: 'text' as const, col: COL.why, text: c.check.spec.why, role: 'note' as const, wrap: true }] : []),
      ],
    });
  });
  return {
    name: CHECKS_SHEET,
    kind: 'checks',
    widths: [58, 24, 15, 15, 12, 10, 8, WHY_WIDTH],
    freeze: { row: FIRST_ROW, col: 1 },
    merges: [],
    lastRow: statusBottom,
    lastCol: COL.why,
    headerRows: [1, 8],
    rows,
    statusRange: `${a1(COL.status, 6)}:${a1(COL.status, statusBottom)}`,
  };
}

/** The format of the first line a check side refers to (a check compares like with like). */
function checkFormat(program: Program, node: Node): LineFormat | undefined {
  const first = collectRefs(node)[0];
  return first ? lookupLine(program, first, null).spec.format : undefined;
}

/** The format of a check side's figures: its formula's first line, the printed figure's cell, or a count. */
function sideFormat(program: Program, side: CheckSide): LineFormat | undefined {
  switch (side.kind) {
    case 'formula':
      return checkFormat(program, side.node);
    case 'printed':
      return side.figure.format;
    case 'tie_out':
      return 'count';
    default:
      return assertNever(side);
  }
}

/** Decimals a line format shows. */
function decimalsOf(format: LineFormat): number {
  switch (format) {
    case 'amount':
    case 'count':
      return 0;
    case 'number_1dp':
      return 1;
    case 'amount_2dp':
    case 'rate':
      return 2;
    case 'percent':
      return 3; // one decimal of a percentage is three of the fraction
    default:
      return assertNever(format);
  }
}

/** Decimals of a tolerance as written (0.005 -> 3, 0.5 -> 1, 1 -> 0), at most 6. */
function decimalPlaces(x: number): number {
  for (let places = 0; places < 6; places++) if (Math.abs(Number(x.toFixed(places)) - x) < 1e-12) return places;
  return 6;
}
