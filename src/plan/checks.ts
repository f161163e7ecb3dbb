// The Checks sheet: one row per check and period, both sides as live formulas into the
// statements, the difference, the tolerance (an input), and an OK/FAIL status; a master
// check at the top is OK only when every row is.
import type { Program } from '../compile/program.js';
import type { Results } from '../compute/compute.js';
import { toExcel } from '../expr/excel.js';
import { a1 } from '../layout/a1.js';
import type { Layout } from '../layout/layout.js';
import type { PlannedCell, PlannedRow, PlannedSheet } from './cells.js';
import { excelResolver } from './resolver.js';

export const CHECKS_SHEET = 'Checks';
export const MASTER_CHECK_CELL = 'G6';
const FIRST_ROW = 9;
const WHY_WIDTH = 56;
const COL = { label: 0, period: 1, left: 2, right: 3, diff: 4, tol: 5, status: 6, why: 7 } as const;

export function planChecksSheet(program: Program, layout: Layout, results: Results, entityLine: string): PlannedSheet {
  const rows: PlannedRow[] = [
    { row: 1, cells: [{ kind: 'text', col: 0, text: entityLine, role: 'entity' }] },
    { row: 2, cells: [{ kind: 'text', col: 0, text: 'Checks: the statements tie', role: 'title' }] },
    { row: 3, cells: [{ kind: 'text', col: 0, text: 'Each row compares two live formulas; OK when |left - right| <= tolerance.', role: 'subtitle' }] },
    { row: 4, cells: [{ kind: 'text', col: 0, text: 'Units: those of the compared figures (see each statement)', role: 'units' }] },
  ];
  const n = results.checks.length;
  const statusTop = FIRST_ROW;
  const statusBottom = FIRST_ROW + Math.max(n, 1) - 1;
  const allOk = results.checks.every((c) => c.ok);
  rows.push({
    row: 6,
    cells: [
      { kind: 'text', col: 0, text: 'Master check: every check below is OK', role: 'heading', style: 'bold' },
      {
        kind: 'formula',
        col: COL.status,
        formula: `IF(COUNTIF(${a1(COL.status, statusTop)}:${a1(COL.status, statusBottom)},"OK")=${n},"OK","FAIL")`,
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
  results.checks.forEach((c, i) => {
    const r = FIRST_ROW + i;
    const resolver = excelResolver(program, layout, CHECKS_SHEET, null, c.row.period);
    const side = (node: typeof c.row.left, value: number, col: number): PlannedCell => ({
      kind: 'formula',
      col,
      formula: toExcel(node, resolver),
      value,
      format: 'amount_2dp',
      style: 'normal',
      link: node.kind === 'ref',
    });
    const periodLabel = c.row.period ? (program.periods.get(c.row.period)?.label ?? c.row.period) : '';
    // Rows are as tall as their wrapped basis text: neither Excel nor LibreOffice sizes a row
    // to wrapped text on opening a file, so the height is written.
    const why = c.check.spec.why ?? '';
    const lines = Math.ceil(why.length / (WHY_WIDTH * 1.15));
    rows.push({
      ...(lines > 1 ? { height: lines * 11.5 + 2 } : {}),
      row: r,
      cells: [
        { kind: 'text', col: COL.label, text: c.check.spec.label, role: 'check_label' },
        { kind: 'text', col: COL.period, text: periodLabel, role: 'label' },
        side(c.row.left, c.left.toNumber(), COL.left),
        side(c.row.right, c.right.toNumber(), COL.right),
        { kind: 'formula', col: COL.diff, formula: `${a1(COL.left, r)}-${a1(COL.right, r)}`, value: c.difference.toNumber(), format: 'amount_2dp', style: 'normal', link: false },
        { kind: 'input', col: COL.tol, value: c.check.spec.tolerance, format: 'amount_2dp', style: 'normal' },
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
