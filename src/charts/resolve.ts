// Resolve the template's charts against the compiled program: each line reference to its
// statement cells (the same addresses the formulas use), each cached value to the value
// the workbook caches in that cell. User mistakes come back as issues with file positions.
import type { LineInfo, Program } from '../compile/program.js';
import { didYouMean } from '../compile/suggest.js';
import type { Results } from '../compute/compute.js';
import type { Issue, IssueCode } from '../issues.js';
import { formatPath } from '../issues.js';
import type { CellAddress } from '../layout/a1.js';
import type { Layout } from '../layout/layout.js';
import type { LineFormat } from '../model/schema.js';
import { NUMBER_FORMATS } from '../plan/number-formats.js';
import { PALETTE, withColours } from './colours.js';
import { axisFormat, checkFormatCode } from './formats.js';
import type { ChartSeries, DataLabels, ResolvedChart, TextSource } from './model.js';
import { CHARTS_SHEET, chartsSheetLayout, DEFAULT_HEIGHT, DEFAULT_WIDTH, LABEL_COL, needsChartsSheet, parseAnchor } from './sheet.js';
import type { ChartLineSpec, ChartPeriodSpec, ChartSpec } from '../model/chart-schema.js';

type Path = (string | number)[];
type Report = (path: Path, code: IssueCode, message: string) => void;
type Resolved = { ok: true; charts: ResolvedChart[] } | { ok: false; issues: Issue[] };

// Excel's sheet size: columns A..XFD, rows 1..1,048,576
const MAX_COL = 16_383;
const MAX_ROW = 1_048_576;

interface Plotted {
  line: LineInfo;
  label: string | undefined;
}

interface PlottedPeriod {
  id: string;
  label: string;
}

/** A chart that passed every check: what it plots and where. */
interface Checked {
  lines: Plotted[];
  periods: PlottedPeriod[];
  /** One series per period (over the lines) rather than one per line (over the periods). */
  byPeriods: boolean;
  dataLabels: DataLabels;
  sheet: string;
}

const isRound = (spec: ChartSpec): boolean => spec.type === 'pie' || spec.type === 'doughnut';

export function resolveCharts(program: Program, layout: Layout, results: Results): Resolved {
  const issues: Issue[] = [];
  const at: Report = (path, code, message) => {
    issues.push({ code, message, path: formatPath(path), source: program.template.locate(path) });
  };
  const charts: ResolvedChart[] = [];
  const ids = new Set<string>();
  (program.template.value.charts ?? []).forEach((spec, index) => {
    if (ids.has(spec.id)) at(['charts', index, 'id'], 'duplicate_chart', `duplicate chart id '${spec.id}'`);
    ids.add(spec.id);
    const checked = checkChart(program, spec, ['charts', index], at);
    if (checked) charts.push(buildChart(layout, results, spec, checked));
  });
  if (issues.length > 0) return { ok: false, issues };
  const labelled = withColours(withLabelCells(charts), PALETTE.length);
  if (needsChartsSheet(labelled)) {
    const clash = program.sheets.find((s) => s.name.toLowerCase() === CHARTS_SHEET.toLowerCase());
    if (clash) {
      at(['sheets', clash.index, 'name'], 'charts_sheet_name', `sheet name '${clash.name}' is taken by the Charts sheet, which holds the template's charts and their labels; rename the sheet`);
      return { ok: false, issues };
    }
  }
  return { ok: true, charts: labelled };
}

/** Every check of one chart; null when one fails (each failure reported). */
function checkChart(program: Program, spec: ChartSpec, path: Path, at: Report): Checked | null {
  let ok = true;
  const report: Report = (p, code, message) => {
    ok = false;
    at(p, code, message);
  };
  const lines = spec.lines.map((l, li) => lookupLine(program, l, [...path, 'lines', li], report));
  const periods = spec.periods.map((p, pi) => lookupPeriod(program, p, [...path, 'periods', pi], report));
  if (!ok) return null;
  const plotted = lines.filter((l): l is Plotted => l !== null);
  // every plotted cell must exist: the line's table shows a value column for the period
  periods.forEach((p, pi) => {
    plotted.forEach((l, li) => {
      if (!l.line.table.valuePeriods.includes(p.id)) report([...path, 'periods', pi], 'period_not_shown', `${l.line.key} (lines[${li}]) has no value column for period '${p.id}'`);
    });
  });
  const byPeriods = (spec.series ?? (isRound(spec) ? 'periods' : 'lines')) === 'periods';
  const seriesCount = byPeriods ? periods.length : lines.length;
  if (spec.type === 'pie' && seriesCount !== 1)
    report([...path, byPeriods ? 'periods' : 'lines'], 'pie_series', `a pie shows one series; this one would show ${seriesCount} (one per ${byPeriods ? 'period' : 'line'})`);
  if (byPeriods && new Set(plotted.map((l) => l.line.sheet.id)).size > 1)
    report([...path, 'lines'], 'series_sheets', 'with `series: periods` each series runs over the lines, which must then all be on one sheet (Excel reads a series from one sheet)');
  const dataLabels: DataLabels = spec.data_labels ?? (isRound(spec) ? 'percent' : 'none');
  if (dataLabels === 'percent' && !isRound(spec))
    report([...path, 'data_labels'], 'data_labels_percent', `percent labels are for pie and doughnut charts; a ${spec.type} chart can show 'value' or 'none'`);
  const format = spec.y_axis?.format;
  const formatProblem = format === undefined ? null : checkFormatCode(format);
  if (formatProblem) report([...path, 'y_axis', 'format'], 'chart_format', formatProblem);
  if (spec.anchor) {
    const a = parseAnchor(spec.anchor);
    if (a.col > MAX_COL || a.row > MAX_ROW) report([...path, 'anchor'], 'anchor_outside', `cell ${spec.anchor} is outside the sheet (last cell XFD1048576)`);
  }
  const sheet = spec.sheet === undefined ? CHARTS_SHEET : program.sheetById.get(spec.sheet)?.name;
  if (sheet === undefined) report([...path, 'sheet'], 'unknown_sheet', `unknown sheet '${spec.sheet}'${didYouMean(spec.sheet!, program.sheetById.keys())}`);
  return ok && sheet !== undefined ? { lines: plotted, periods, byPeriods, dataLabels, sheet } : null;
}

function buildChart(layout: Layout, results: Results, spec: ChartSpec, c: Checked): ResolvedChart {
  const cell = (l: Plotted, p: string): CellAddress => layout.address(l.line, p);
  const cached = (l: Plotted, p: string): number => results.value(l.line, p).toNumber();
  // names from the statement's label cells, unless the template gives its own
  const lineText = (ls: Plotted[]): TextSource =>
    ls.some((l) => l.label !== undefined)
      ? { cells: null, texts: ls.map((l) => l.label ?? l.line.spec.label) }
      : { cells: ls.map((l) => labelCell(layout, l.line)), texts: ls.map((l) => l.line.spec.label) };
  const periodText = (ps: PlottedPeriod[]): TextSource => ({ cells: null, texts: ps.map((p) => p.label) });
  const series: ChartSeries[] = c.byPeriods
    ? c.periods.map((p) => ({
        name: periodText([p]),
        values: { cells: c.lines.map((l) => cell(l, p.id)), values: c.lines.map((l) => cached(l, p.id)), formatCode: sourceFormat(c.lines.map((l) => l.line.spec.format)) },
      }))
    : c.lines.map((l) => ({
        name: lineText([l]),
        values: { cells: c.periods.map((p) => cell(l, p.id)), values: c.periods.map((p) => cached(l, p.id)), formatCode: NUMBER_FORMATS[l.line.spec.format] },
      }));
  return {
    spec,
    type: spec.type,
    title: spec.title,
    categories: c.byPeriods ? lineText(c.lines) : periodText(c.periods),
    series,
    xTitle: spec.x_axis?.title ?? null,
    yTitle: spec.y_axis?.title ?? null,
    valueFormat: axisFormat(spec.y_axis?.format, c.lines[0]!.line.spec.format),
    dataLabels: c.dataLabels,
    sheet: c.sheet,
    onChartsSheet: spec.sheet === undefined,
    labelsOnChartsSheet: false,
    anchor: spec.anchor ? parseAnchor(spec.anchor) : null,
    width: spec.width ?? DEFAULT_WIDTH,
    height: spec.height ?? DEFAULT_HEIGHT,
    colours: [],
  };
}

/**
 * Categories that no statement cell holds (periods, renamed lines) get cells on the Charts
 * sheet, under the charts: a title row per chart, then one label per row.
 */
function withLabelCells(charts: ResolvedChart[]): ResolvedChart[] {
  let titleRow = chartsSheetLayout(charts.map((c) => c.spec)).labelHeadingRow + 2;
  return charts.map((chart) => {
    if (chart.categories.cells !== null) return chart;
    const texts = chart.categories.texts;
    const cells = texts.map((_, i) => ({ sheet: CHARTS_SHEET, col: LABEL_COL, row: titleRow + 1 + i }));
    titleRow += texts.length + 2;
    return { ...chart, categories: { cells, texts }, labelsOnChartsSheet: true };
  });
}

function lookupLine(program: Program, l: ChartLineSpec, path: Path, at: Report): Plotted | null {
  const ref = typeof l === 'string' ? l : l.line;
  const where = typeof l === 'string' ? path : [...path, 'line'];
  const [sheetId, lineId] = ref.split('.') as [string, string];
  const sheet = program.sheetById.get(sheetId);
  if (!sheet) {
    at(where, 'unknown_sheet', `unknown sheet '${sheetId}'${didYouMean(sheetId, program.sheetById.keys())}`);
    return null;
  }
  const line = sheet.lines.get(lineId);
  if (!line) {
    at(where, 'unknown_line', `unknown line '${lineId}' in sheet '${sheetId}'${didYouMean(lineId, sheet.lines.keys())}`);
    return null;
  }
  return { line, label: typeof l === 'string' ? undefined : l.label };
}

function lookupPeriod(program: Program, p: ChartPeriodSpec, path: Path, at: Report): PlottedPeriod {
  const id = typeof p === 'string' ? p : p.period;
  if (!program.periods.has(id)) at(typeof p === 'string' ? path : [...path, 'period'], 'unknown_period', `period '${id}' is not in the model${didYouMean(id, program.periods.keys())}`);
  return { id, label: typeof p === 'string' ? id : p.label };
}

/** The label column (A) of the line's row: the series name stays the statement's own text. */
function labelCell(layout: Layout, line: LineInfo): CellAddress {
  const row = layout.sheets.get(line.sheet.id)!.rowOfLine.get(line.id)!;
  return { sheet: line.sheet.name, col: 0, row };
}

/** The cache's format when a series mixes lines: theirs if they agree, else General. */
function sourceFormat(formats: LineFormat[]): string {
  const first = formats[0]!;
  return formats.every((f) => f === first) ? NUMBER_FORMATS[first] : 'General';
}
