// Places the model's printed figures (`printed:`, docs/formats.md) on the template's cells:
// each figure's line, the template column it is printed in (kind, period, base), its value in
// the cell's unit, its printed precision and the reason the model gives for a difference.
//
// A figure printed for a derived cell (a total, a translation, a share, a change, a per-share
// figure) is what the Tie-out sheet lists. A figure printed for an input cell is the input
// itself: it is listed only when the model's value differs from it beyond rounding (so a
// changed input shows up), never otherwise.
import { Decimal } from '../compute/decimal.js';
import type { Issue } from '../issues.js';
import { formatPath } from '../issues.js';
import type { Located } from '../model/load.js';
import type { ColumnSpec, LineFormat, Model, Period } from '../model/schema.js';
import type { LineInfo, SheetInfo } from './program.js';
import { isInputCell } from './program.js';
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
  /** In the cell's unit: a percentage as a fraction (25.6% is 0.256). */
  value: Decimal;
  /** One unit of the last printed digit, in the cell's unit (0.001 for 25.6%). */
  unit: Decimal;
  /** Digits printed after the point (1 for 25.6%), and the printed unit per cell unit (100 for a percentage). */
  decimals: number;
  scale: number;
  /** The cell's number format. */
  format: LineFormat;
  /** The cell holds an input (the model's value) rather than a formula. */
  input: boolean;
  /** On the Tie-out sheet: a derived cell's figure, or an input's that differs from it. */
  listed: boolean;
  reason: PrintedReason | null;
  /** Where the figure is in the model. */
  path: Path;
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
function showsIn(line: LineInfo, column: ColumnSpec): boolean {
  const kinds = line.spec.columns ?? (line.spec.format === 'amount' ? ['value', 'translated', 'share', 'change'] : ['value']);
  return kinds.includes(column.kind);
}

export function resolvePrinted(
  model: Located<Model>,
  sheetById: Map<string, SheetInfo>,
  periods: Map<string, Period>,
): { printed: PrintedFigures; issues: Issue[] } {
  const spec = model.value.printed;
  if (!spec) return { printed: NO_PRINTED_FIGURES, issues: [] };
  const issues: Issue[] = [];
  const at = (path: Path, code: string, message: string): void => {
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
        const columnIndex = line.table.columns.findIndex((x) => sameColumn(x, c.kind, c.period, c.base));
        const column = line.table.columns[columnIndex];
        if (!column) {
          at(fpath, 'figure_no_column', `${line.key} is in a table of sheet '${sheet.id}' without a ${describeColumn(c.kind, c.period, c.base)} (column '${c.id}')`);
          return;
        }
        if (!showsIn(line, column)) {
          at(fpath, 'figure_not_shown', `the template does not show ${line.key} in the ${c.kind} column (column '${c.id}'); its line's \`columns\` or format leave that cell empty`);
          return;
        }
        const parsed = parsePrintedFigure(raw);
        if (typeof parsed === 'string') {
          at(fpath, 'figure_syntax', parsed);
          return;
        }
        const format = cellFormat(column, line);
        const percentCell = format === 'percent';
        if (parsed.percent && !percentCell) {
          at(fpath, 'figure_percent', `"${raw}" is a percentage, but ${line.key}'s ${c.kind} cell is not (format ${format})`);
          return;
        }
        // a percent cell holds a fraction: the printed 25.6 (with or without %) is 0.256
        const scale = percentCell ? 100 : 1;
        const existing = byCell.get(line)?.get(columnIndex);
        if (existing) {
          at(fpath, 'figure_twice', `${line.key} already has a printed figure in this column (at ${formatPath(existing.path)})`);
          return;
        }
        // a cell the model gives the value of (an input line, or an input_for cell of a formula line)
        const periodIndex = line.table.periodIndex.get(column.period);
        const input = column.kind === 'value' && periodIndex !== undefined && isInputCell(line, periodIndex);
        const value = parsed.value.div(scale);
        const unit = new Decimal(10).pow(-parsed.decimals).div(scale);
        const { decimals } = parsed;
        const given = input ? model.value.values[sheet.id]?.[line.id]?.[column.period] : undefined;
        const differs = given !== undefined && new Decimal(given).minus(value).abs().gt(unit.times(ROUNDING_TOLERANCE_UNITS));
        const figure: PrintedFigure = { line, column, columnIndex, text: raw, value, unit, decimals, scale, format, input, listed: !input || differs, reason: null, path: fpath };
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
      else if (reason) figure.reason = reason;
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
