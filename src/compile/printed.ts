// Places the model's printed figures (`printed:`, docs/formats.md) on the template's cells:
// each figure's line, the template column it is printed in (kind, period, base), its value in
// the cell's unit, its printed precision and the reason the model gives for a difference.
//
// A figure printed for a derived cell (a total, a translation, a share, a change, a per-share
// figure) is what the Tie-out sheet lists. A figure printed for an input cell is the input
// itself: it is listed only when the model's value differs from it beyond rounding (so a
// changed input shows up), never otherwise.
import { Decimal } from '../compute/decimal.js';
import type { Issue, IssueCode } from '../issues.js';
import { formatPath } from '../issues.js';
import type { Located } from '../model/load.js';
import type { ColumnSpec, LineFormat, Model, Period } from '../model/schema.js';
import type { LineInfo, SheetInfo, TableInfo } from './program.js';
import { isInputCell } from './cell-kind.js';
import { parsePrintedFigure } from './printed-figure.js';
import { didYouMean } from './suggest.js';

type Path = (string | number)[];

export interface PrintedReason {
  id: string;
  label: string;
  /** The largest |computed - printed| it explains, in units of the last printed digit. */
  upTo: Decimal;
  note: string | undefined;
}

export interface PrintedFigure {
  line: LineInfo;
  /** The template column the figure is printed in, and its index in the line's table. */
  column: ColumnSpec;
  columnIndex: number;
  /** The figure as the model gives it. */
  text: string;
  /** In the cell's unit: a percentage as a fraction (25.6% is 0.256); and as the double a cell holds. */
  value: Decimal;
  cellValue: number;
  /** One unit of the last printed digit, in the cell's unit (0.001 for 25.6%): 10^-unitDigits. */
  unit: Decimal;
  unitDigits: number;
  /** The figure in units of its last printed digit (value * 10^unitDigits, a whole number). */
  units: bigint;
  /** Digits printed after the point (1 for 25.6%), and the printed unit per cell unit (100 for a percentage). */
  decimals: number;
  scale: number;
  /** The cell's number format. */
  format: LineFormat;
  /** The cell holds an input (the model's value) rather than a formula. */
  input: boolean;
  /** On the Tie-out sheet: a derived cell's figure, or an input's that differs from it. */
  listed: boolean;
  /** Printed "n/m" (a share or change that means nothing): it ties when the cell shows n/m too. */
  notMeaningful: boolean;
  reason: PrintedReason | null;
  /** Where the figure is in the model, and the `explained:` entry that gives it its reason. */
  path: Path;
  reasonPath: Path | null;
}

export interface PrintedFigures {
  /** Every printed figure, in sheet, line and column order. */
  all: PrintedFigure[];
  /** The figures of the Tie-out sheet, in the same order. */
  listed: PrintedFigure[];
  /** The figure printed for a cell, by line and column index. */
  at(line: LineInfo, columnIndex: number): PrintedFigure | undefined;
}

export const NO_PRINTED_FIGURES: PrintedFigures = { all: [], listed: [], at: () => undefined };

/** Half a unit of the last printed digit: a figure within it of the printed one rounds to it. */
export const ROUNDING_TOLERANCE_UNITS = new Decimal('0.5');

/** The format of a cell, as plan/statement.ts gives it: shares and changes are percentages. */
function cellFormat(column: ColumnSpec, line: LineInfo): LineFormat {
  return column.kind === 'share' || column.kind === 'change' ? 'percent' : line.spec.format;
}

function sameColumn(c: ColumnSpec, kind: string, period: string, base: string | undefined): boolean {
  return c.kind === kind && c.period === period && (kind !== 'change' || c.base === base);
}

function describeColumn(kind: string, period: string, base: string | undefined): string {
  return kind === 'change' ? `change column for ${period} over ${base}` : `${kind} column for period '${period}'`;
}

/** Which column kinds a line shows in: as plan/statement.ts's lineShowsIn. */
const AMOUNT_COLUMNS: readonly string[] = ['value', 'translated', 'share', 'change'];
const OTHER_COLUMNS: readonly string[] = ['value'];
function showsIn(line: LineInfo, column: ColumnSpec): boolean {
  return (line.spec.columns ?? (line.spec.format === 'amount' ? AMOUNT_COLUMNS : OTHER_COLUMNS)).includes(column.kind);
}

const powers = new Map<number, Decimal>();
/** 10^n as a Decimal, made once per n. */
export function powerOfTen(n: number): Decimal {
  let p = powers.get(n);
  if (!p) powers.set(n, (p = new Decimal(`1e${n}`)));
  return p;
}

/** |given - printed| <= half a unit of the last printed digit (whole numbers without a Decimal). */
function withinRounding(given: number, printed: Decimal, unitDigits: number): boolean {
  if (unitDigits === 0 && Number.isSafeInteger(given) && printed.isInteger()) return Math.abs(given - printed.toNumber()) <= 0.5;
  return new Decimal(given).minus(printed).times(powerOfTen(unitDigits)).abs().lte(ROUNDING_TOLERANCE_UNITS);
}

export function resolvePrinted(
  model: Located<Model>,
  sheetById: Map<string, SheetInfo>,
  periods: Map<string, Period>,
): { printed: PrintedFigures; issues: Issue[] } {
  const spec = model.value.printed;
  if (!spec) return { printed: NO_PRINTED_FIGURES, issues: [] };
  const issues: Issue[] = [];
  const at = (path: Path, code: IssueCode, message: string): void => {
    issues.push({ code, message, path: formatPath(path), source: model.locate(path) });
  };

  const reasons = new Map<string, PrintedReason>();
  for (const [rid, r] of Object.entries(spec.reasons)) {
    const upTo = new Decimal(r.up_to);
    if (upTo.lte(ROUNDING_TOLERANCE_UNITS))
      at(['printed', 'reasons', rid, 'up_to'], 'reason_within_rounding', `reason '${rid}' explains differences up to ${r.up_to} units, which rounding (0.5 units of the last printed digit) already allows; give more than 0.5`);
    reasons.set(rid, { id: rid, label: r.label, upTo, note: r.note });
  }

  const figures: PrintedFigure[] = [];
  const byCell = new Map<LineInfo, Map<number, PrintedFigure>>();
  spec.tables.forEach((table, ti) => {
    const tpath: Path = ['printed', 'tables', ti];
    const sheet = sheetById.get(table.sheet);
    if (!sheet) {
      at([...tpath, 'sheet'], 'unknown_sheet', `the template has no sheet '${table.sheet}'${didYouMean(table.sheet, sheetById.keys())}`);
      return;
    }
    const columnIds = new Set<string>();
    // a column reported here is not reported again at each of its figures
    const unknownColumns = new Set<number>();
    table.columns.forEach((c, ci) => {
      const cpath = [...tpath, 'columns', ci];
      if (columnIds.has(c.id)) at([...cpath, 'id'], 'duplicate_column', `column id '${c.id}' is used twice in this table`);
      columnIds.add(c.id);
      for (const [field, p] of [['period', c.period], ['base', c.base]] as const)
        if (p !== undefined && !periods.has(p)) at([...cpath, field], 'unknown_period', `period '${p}' is not in the model${didYouMean(p, periods.keys())}`);
      if (!sheet.tables.some((tb) => tb.columns.some((x) => sameColumn(x, c.kind, c.period, c.base)))) {
        at(cpath, 'unknown_column', `sheet '${sheet.id}' shows no ${describeColumn(c.kind, c.period, c.base)}`);
        unknownColumns.add(ci);
      }
    });

    const byLine = new Map<string, (PrintedFigure | null)[]>();
    // each printed column's index among a template table's columns (-1: not there), per table
    const columnsOf = new Map<TableInfo, number[]>();
    const templateColumns = (tb: TableInfo): number[] => {
      let found = columnsOf.get(tb);
      if (!found) columnsOf.set(tb, (found = table.columns.map((c) => tb.columns.findIndex((x) => sameColumn(x, c.kind, c.period, c.base)))));
      return found;
    };
    for (const [lineId, row] of Object.entries(table.lines)) {
      const lpath: Path = [...tpath, 'lines', lineId];
      const line = sheet.lines.get(lineId);
      if (!line) {
        at(lpath, 'unknown_line', `sheet '${sheet.id}' has no line '${lineId}'${didYouMean(lineId, sheet.lines.keys())}`);
        continue;
      }
      if (row.length !== table.columns.length) {
        at(lpath, 'figure_count', `${line.key} has ${row.length} figure${row.length === 1 ? '' : 's'} for the table's ${table.columns.length} columns (write ~ where nothing is printed)`);
        continue;
      }
      const placed: (PrintedFigure | null)[] = [];
      row.forEach((raw, fi) => {
        placed.push(null);
        if (raw === null || unknownColumns.has(fi)) return;
        const fpath = [...lpath, fi];
        const c = table.columns[fi]!;
        const columnIndex = templateColumns(line.table)[fi]!;
        const column = line.table.columns[columnIndex];
        if (!column) {
          at(fpath, 'figure_no_column', `${line.key} is in a table of sheet '${sheet.id}' without a ${describeColumn(c.kind, c.period, c.base)} (column '${c.id}')`);
          return;
        }
        if (!showsIn(line, column)) {
          at(fpath, 'figure_not_shown', `the template does not show ${line.key} in the ${c.kind} column (column '${c.id}'); its line's \`columns\` or format leave that cell empty`);
          return;
        }
        const format = cellFormat(column, line);
        const percentCell = format === 'percent';
        // a percent cell holds a fraction: the printed 25.6 (with or without %) is 0.256
        const parsed = parsePrintedFigure(raw, percentCell ? 2 : 0);
        if (typeof parsed === 'string') {
          at(fpath, 'figure_syntax', parsed);
          return;
        }
        if (parsed.notMeaningful && column.kind !== 'share' && column.kind !== 'change') {
          at(fpath, 'figure_not_meaningful', `"${raw}" is what a share or change column shows where the ratio means nothing; ${line.key}'s ${c.kind} cell always has a figure`);
          return;
        }
        if (parsed.percent && !percentCell) {
          at(fpath, 'figure_percent', `"${raw}" is a percentage, but ${line.key}'s ${c.kind} cell is not (format ${format})`);
          return;
        }
        const existing = byCell.get(line)?.get(columnIndex);
        if (existing) {
          at(fpath, 'figure_twice', `${line.key} already has a printed figure in this column (at ${formatPath(existing.path)})`);
          return;
        }
        // a cell the model gives the value of (an input line, or an input_for cell of a formula line)
        const periodIndex = line.table.periodIndex.get(column.period);
        const input = column.kind === 'value' && periodIndex !== undefined && isInputCell(line, periodIndex);
        const { value, decimals, units } = parsed;
        const unitDigits = decimals + (percentCell ? 2 : 0);
        const unit = powerOfTen(-unitDigits);
        const given = input ? model.value.values[sheet.id]?.[line.id]?.[column.period] : undefined;
        const figure: PrintedFigure = {
          line,
          column,
          columnIndex,
          text: raw,
          value,
          // the double nearest the printed figure, as Number() reads the digits
          cellValue: Number(`${units}e-${unitDigits}`),
          unit,
          unitDigits,
          units,
          decimals,
          scale: percentCell ? 100 : 1,
          format,
          input,
          listed: !input || (given !== undefined && !withinRounding(given, value, unitDigits)),
          notMeaningful: parsed.notMeaningful,
          reason: null,
          path: fpath,
          reasonPath: null,
        };
        placed[fi] = figure;
        figures.push(figure);
        let cells = byCell.get(line);
        if (!cells) byCell.set(line, (cells = new Map()));
        cells.set(columnIndex, figure);
      });
      byLine.set(lineId, placed);
    }

    table.explained.forEach((e, ei) => {
      const epath: Path = [...tpath, 'explained', ei];
      const reason = reasons.get(e.reason);
      if (!reason) at([...epath, 'reason'], 'unknown_reason', `no reason '${e.reason}' under printed.reasons${didYouMean(e.reason, reasons.keys())}`);
      const fi = table.columns.findIndex((c) => c.id === e.column);
      if (fi < 0) {
        at([...epath, 'column'], 'unknown_column', `the table has no column '${e.column}'${didYouMean(e.column, table.columns.map((c) => c.id))}`);
        return;
      }
      const row = byLine.get(e.line);
      if (!row) {
        if (!(e.line in table.lines)) at([...epath, 'line'], 'unknown_line', `the table prints no figures for line '${e.line}'${didYouMean(e.line, Object.keys(table.lines))}`);
        return;
      }
      const figure = row[fi];
      if (!figure) {
        if (table.lines[e.line]?.[fi] === null) at(epath, 'nothing_printed', `${sheet.id}.${e.line} has no printed figure in column '${e.column}' to explain`);
        return;
      }
      if (figure.reason) at(epath, 'explained_twice', `${figure.line.key} in column '${e.column}' is explained twice`);
      else if (reason) {
        figure.reason = reason;
        figure.reasonPath = epath;
      }
    });
  });

  // sheet order, then line order, then column order: the Tie-out reads like the statements
  const lineOrder = new Map<LineInfo, number>();
  for (const sheet of sheetById.values()) sheet.ordered.forEach((l, i) => lineOrder.set(l, sheet.index * 1_000_000 + i));
  figures.sort((a, b) => lineOrder.get(a.line)! - lineOrder.get(b.line)! || a.columnIndex - b.columnIndex);
  return {
    printed: { all: figures, listed: figures.filter((f) => f.listed), at: (line, columnIndex) => byCell.get(line)?.get(columnIndex) },
    issues,
  };
}

/** An explanation of a figure that ties within rounding anyway: it explains nothing. */
export function unneededReasons(model: Located<Model>, rows: readonly { figure: PrintedFigure; status: string }[]): Issue[] {
  return rows
    .filter((r) => r.figure.reason && r.figure.reasonPath && r.status === 'OK')
    .map((r) => ({
      code: 'reason_not_needed',
      severity: 'warning' as const,
      message: `${r.figure.line.key} in the ${r.figure.column.kind} column for ${r.figure.column.period} ties within rounding; its reason '${r.figure.reason!.id}' explains nothing (remove the entry)`,
      path: formatPath(r.figure.reasonPath!),
      source: model.locate(r.figure.reasonPath!),
    }));
}
