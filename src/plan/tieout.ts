// The Tie-out sheet: every figure the source prints for a derived cell (the model's
// `printed:`), grouped by statement: the printed figure (an input), the workbook's figure (a
// link to its cell), the difference in units of the last printed digit, OK / EXPLAINED / FAIL,
// and the model's reason. A summary on top counts the rows and feeds the Checks sheet's
// tie-out check; the reasons are listed under the table with how much each may explain.
//
// A figure printed for an input cell is the input itself and is not listed, unless the
// model's value differs from it (compile/printed.ts).
import type { PrintedFigure, PrintedReason } from '../compile/printed.js';
import type { Program } from '../compile/program.js';
import type { Results } from '../compute/compute.js';
import { DIFFERENCE_DIGITS } from '../compute/tieout.js';
import { NOT_MEANINGFUL } from '../compute/ratios.js';
import { a1, qualifiedA1, quoteSheetName } from '../layout/a1.js';
import { FIRST_DATA_COL } from '../layout/layout.js';
import type { Layout } from '../layout/layout.js';
import type { PlannedCell, PlannedRow, PlannedSheet } from './cells.js';

export const TIE_OUT_SHEET = 'Tie-out';

const SUMMARY_HEADER_ROW = 6;
const SUMMARY_ROW = 7;
const HEADER_ROW = 9;
const FIRST_ROW = 10;
const COL = { line: 0, column: 1, period: 2, printed: 3, computed: 4, unit: 5, difference: 6, status: 7, reason: 8 } as const;
// the summary's cells, over the table's columns
const SUMMARY = { compared: COL.period, within: COL.printed, explained: COL.computed, tied: COL.unit, tolerance: COL.difference, status: COL.status } as const;
const WIDTHS = [56, 18, 12, 12, 12, 9, 11, 11, 60];
/** Points per line of a header that wraps (neither Excel nor LibreOffice sizes rows on opening). */
const LINE_HEIGHT = 12.75;

/** Where everything is: one row per listed figure under a heading row per statement sheet. */
export interface TieOutLayout {
  rowOf: Map<PrintedFigure, number>;
  headings: { row: number; sheet: Program['sheets'][number] }[];
  lastTableRow: number;
  /** The row of each reason's entry in the list under the table (its note, if any, on the next row). */
  reasonRows: Map<PrintedReason, number>;
  inputsNoteRow: number;
  lastRow: number;
}

export function tieOutLayout(program: Program): TieOutLayout {
  const rowOf = new Map<PrintedFigure, number>();
  const headings: TieOutLayout['headings'] = [];
  let row = FIRST_ROW;
  let sheet: Program['sheets'][number] | null = null;
  for (const f of program.printed.listed) {
    if (f.line.sheet !== sheet) {
      sheet = f.line.sheet;
      headings.push({ row: row++, sheet });
    }
    rowOf.set(f, row++);
  }
  const lastTableRow = row - 1;
  const inputsNoteRow = row + 1;
  row = inputsNoteRow + 2;
  const reasons = [...new Set(program.printed.listed.flatMap((f) => (f.reason ? [f.reason] : [])))];
  const reasonRows = new Map<PrintedReason, number>();
  if (reasons.length > 0) {
    row += 2; // the list's heading and its column titles
    for (const r of reasons) {
      reasonRows.set(r, row);
      row += r.note ? 2 : 1; // the label and its allowance, then the note under them
    }
  }
  return { rowOf, headings, lastTableRow, reasonRows, inputsNoteRow, lastRow: row - 1 };
}

/** The Tie-out cells other sheets link to. */
export const tieOutCells = {
  compared: `${quoteSheetName(TIE_OUT_SHEET)}!${a1(SUMMARY.compared, SUMMARY_ROW)}`,
  tied: `${quoteSheetName(TIE_OUT_SHEET)}!${a1(SUMMARY.tied, SUMMARY_ROW)}`,
  printed: (layout: TieOutLayout, figure: PrintedFigure): string => `${quoteSheetName(TIE_OUT_SHEET)}!${a1(COL.printed, layout.rowOf.get(figure)!)}`,
};

function columnTitle(f: PrintedFigure): string {
  if (f.column.title) return f.column.title;
  switch (f.column.kind) {
    case 'value':
      return 'Value';
    case 'translated':
      return `Translated at ${f.column.rate}`;
    case 'share':
      return `% of ${f.column.of}`;
    case 'change':
      return 'Change %';
    default:
      return f.column.kind;
  }
}

function periodText(f: PrintedFigure): string {
  return f.column.kind === 'change' ? `${f.column.period} vs ${f.column.base}` : f.column.period;
}

const units = new Map<number, number>();
/** 10^-digits as the double a cell holds (Number('1e-3') is the double nearest 0.001). */
function unitValue(digits: number): number {
  let u = units.get(digits);
  if (u === undefined) units.set(digits, (u = Number(`1e-${digits}`)));
  return u;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/**
 * "2003-05-20" -> "May 20, 2003", as the statements date things: what toLocaleDateString('en-US',
 * { month: 'short', day: 'numeric', year: 'numeric' }) prints, without setting up Intl (ICU's
 * date formats cost an export more than the rest of its Tie-out sheet). The schema accepts
 * only real YYYY-MM-DD dates (src/model/schema.ts).
 */
export function longDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return `${MONTHS[month - 1]} ${day}, ${year}`;
}

export function planTieOutSheet(program: Program, layout: Layout, results: Results, entityLine: string): PlannedSheet {
  const tl = tieOutLayout(program);
  const rows: PlannedRow[] = [];
  const merges: string[] = [];
  const m = program.model.value;
  const tie = results.tieOut;
  // the first and the last figure's rows (a statement's heading row comes before its figures):
  // the summary's ranges start and end at cells the workbook's map knows, so that finbook diff
  // follows them when rows move (src/roundtrip/formula-identity.ts)
  const first = Math.min(...tl.rowOf.values());
  const last = tl.lastTableRow;
  const statusRange = `${a1(COL.status, first)}:${a1(COL.status, last)}`;
  const tolerance = a1(SUMMARY.tolerance, SUMMARY_ROW, true);
  const text = (col: number, t: string, role: Extract<PlannedCell, { kind: 'text' }>['role'], extra: Partial<Extract<PlannedCell, { kind: 'text' }>> = {}): PlannedCell => ({ kind: 'text', col, text: t, role, ...extra });

  rows.push({ row: 1, cells: [text(0, entityLine, 'entity')] });
  rows.push({ row: 2, cells: [text(0, 'Tie-out to the source', 'title')] });
  rows.push({ row: 3, cells: [text(0, `Each figure "${m.source.title}" (${longDate(m.source.date)}) prints for a derived cell, against the live figure of the workbook`, 'subtitle')] });
  rows.push({ row: 4, cells: [text(0, 'Units as printed on each statement; differences in units of the last printed digit', 'units')] });

  const titles: [number, string][] = [
    [SUMMARY.compared, 'Printed figures'],
    [SUMMARY.within, 'Within rounding'],
    [SUMMARY.explained, 'Explained'],
    [SUMMARY.tied, 'Tied or explained'],
    [SUMMARY.tolerance, 'Rounding (units)'],
    [SUMMARY.status, 'Tie-out'],
  ];
  rows.push({ row: SUMMARY_HEADER_ROW, height: 2 * LINE_HEIGHT + 2, cells: [text(0, 'Summary', 'heading', { style: 'bold' }), ...titles.map(([c, t]) => text(c, t, 'header'))] });
  const tied = tie.within + tie.explained;
  const count = (col: number, formula: string, value: number): PlannedCell => ({ kind: 'formula', col, formula, value, format: 'count', style: 'normal', link: false });
  rows.push({
    row: SUMMARY_ROW,
    cells: [
      text(0, 'Figures within half a unit of the last printed digit, or explained by a reason below', 'label'),
      // COUNTA: every figure's row has a status formula, a heading's row nothing there
      count(SUMMARY.compared, `COUNTA(${statusRange})`, tie.rows.length),
      count(SUMMARY.within, `COUNTIF(${statusRange},"OK")`, tie.within),
      count(SUMMARY.explained, `COUNTIF(${statusRange},"EXPLAINED")`, tie.explained),
      count(SUMMARY.tied, `${a1(SUMMARY.within, SUMMARY_ROW)}+${a1(SUMMARY.explained, SUMMARY_ROW)}`, tied),
      { kind: 'input', col: SUMMARY.tolerance, value: 0.5, format: 'amount_2dp', style: 'normal' },
      {
        kind: 'formula',
        col: SUMMARY.status,
        formula: `IF(${a1(SUMMARY.tied, SUMMARY_ROW)}=${a1(SUMMARY.compared, SUMMARY_ROW)},"OK","FAIL")`,
        value: tied === tie.rows.length ? 'OK' : 'FAIL',
        format: 'status',
        style: 'total',
        link: false,
      },
    ],
  });
  const headers = ['Line', 'Column', 'Period', 'Printed', 'Workbook', 'Last digit', 'Difference (units)', 'Status', 'Reason for the difference'];
  rows.push({ row: HEADER_ROW, height: 2 * LINE_HEIGHT + 2, cells: headers.map((h, i) => text(i, h, 'header')) });

  for (const h of tl.headings) rows.push({ row: h.row, cells: [text(0, `${h.sheet.name}: ${h.sheet.spec.title ?? h.sheet.name}`, 'heading', { style: 'bold' })] });
  for (const r of tie.rows) {
    const f = r.figure;
    const row = tl.rowOf.get(f)!;
    const target = { sheet: f.line.sheet.name, col: FIRST_DATA_COL + f.columnIndex, row: layout.sheets.get(f.line.sheet.id)!.rowOfLine.get(f.line.id)! };
    const [printed, workbook, unit, diff] = [COL.printed, COL.computed, COL.unit, COL.difference].map((c) => a1(c, row)) as [string, string, string, string];
    // a share or change cell shows n/m where its ratio means nothing (compute/ratios.ts)
    const ratio = f.column.kind === 'share' || f.column.kind === 'change';
    const explained = f.reason ? `IF(ABS(${diff})<=${a1(COL.difference, tl.reasonRows.get(f.reason)!, true)},"EXPLAINED","FAIL")` : '"FAIL"';
    const rule = `IF(ABS(${diff})<=${tolerance},"OK",${explained})`;
    const cells: PlannedCell[] = [
      text(COL.line, f.line.spec.label || f.line.id, 'label', { indent: 1 }),
      text(COL.column, columnTitle(f), 'label'),
      text(COL.period, periodText(f), 'label'),
      { kind: 'formula', col: COL.computed, formula: qualifiedA1(target, TIE_OUT_SHEET), value: r.cached, format: f.format, style: 'normal', link: true },
    ];
    if (f.notMeaningful) {
      // printed "n/m": it ties with a cell that shows n/m (no number), and with nothing else
      cells.push(
        text(COL.printed, f.text, 'label'),
        { kind: 'formula', col: COL.status, formula: `IF(ISNUMBER(${workbook}),"FAIL","OK")`, value: r.status, format: 'status', style: 'normal', link: false },
      );
    } else {
      const difference = `ROUND((${workbook}-${printed})/${unit},${DIFFERENCE_DIGITS})`;
      cells.push(
        { kind: 'input', col: COL.printed, value: f.cellValue, format: f.format, style: 'normal' },
        { kind: 'input', col: COL.unit, value: unitValue(f.unitDigits), format: f.format, style: 'normal' },
        {
          kind: 'formula',
          col: COL.difference,
          formula: ratio ? `IF(ISNUMBER(${workbook}),${difference},"${NOT_MEANINGFUL}")` : difference,
          value: r.differenceUnits === null ? NOT_MEANINGFUL : r.differenceUnits.toNumber(),
          format: 'amount_2dp',
          style: 'normal',
          link: false,
        },
        { kind: 'formula', col: COL.status, formula: ratio ? `IF(ISNUMBER(${diff}),${rule},"FAIL")` : rule, value: r.status, format: 'status', style: 'normal', link: false },
      );
    }
    if (f.reason) cells.push(text(COL.reason, f.reason.label, 'label'));
    cells.sort((a, b) => a.col - b.col);
    rows.push({ row, outline: 1, cells });
  }

  const inputs = program.printed.all.length - program.printed.listed.length;
  rows.push({
    row: tl.inputsNoteRow,
    cells: [text(0, `${inputs} further printed figure${inputs === 1 ? ' is an input' : 's are inputs'} of the statements and equal${inputs === 1 ? 's' : ''} the model's value${inputs === 1 ? '' : 's'}; an input that differs from its printed figure is listed above.`, 'note')],
  });
  if (tl.reasonRows.size > 0) {
    const top = Math.min(...tl.reasonRows.values()) - 2;
    rows.push({ row: top, cells: [text(0, 'Reasons for the explained differences', 'heading', { style: 'bold' })] });
    rows.push({ row: top + 1, cells: [text(COL.line, 'Reason', 'header'), text(COL.difference, 'Explains up to (units)', 'header')], height: 2 * LINE_HEIGHT + 2 });
    for (const [reason, row] of tl.reasonRows) {
      rows.push({ row, cells: [text(COL.line, reason.label, 'label'), { kind: 'input', col: COL.difference, value: reason.upTo.toNumber(), format: 'amount_2dp', style: 'normal' }] });
      if (!reason.note) continue;
      // the note spans the sheet's width and wraps there (about 1.1 characters per unit of width)
      const lines = Math.ceil(reason.note.length / (WIDTHS.reduce((a, b) => a + b, 0) * 1.1));
      rows.push({ row: row + 1, cells: [text(0, reason.note, 'note', { wrap: true })], ...(lines > 1 ? { height: lines * LINE_HEIGHT + 2 } : {}) });
      merges.push(`${a1(0, row + 1)}:${a1(COL.reason, row + 1)}`);
    }
  }
  rows.sort((a, b) => a.row - b.row);
  return {
    name: TIE_OUT_SHEET,
    kind: 'tie_out',
    widths: WIDTHS,
    freeze: { row: FIRST_ROW, col: 1 },
    merges,
    lastRow: tl.lastRow,
    lastCol: COL.reason,
    headerRows: [1, HEADER_ROW],
    rows,
    statusRange: `${a1(COL.status, SUMMARY_ROW)}:${a1(COL.status, last)}`,
  };
}
