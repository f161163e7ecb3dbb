// Resolve the template's charts against the compiled program: each line reference to its
// statement cells (the same addresses the formulas use), each cached value to the value
// the workbook caches in that cell. User mistakes come back as issues with file positions.
import type { LineInfo, Program } from '../compile/program.js';
import { didYouMean } from '../compile/suggest.js';
import type { Results } from '../compute/compute.js';
import type { Issue } from '../issues.js';
import type { CellAddress } from '../layout/a1.js';
import type { Layout } from '../layout/layout.js';
import type { LineFormat } from '../model/schema.js';
import { NUMBER_FORMATS } from '../write/styles.js';
import { axisFormat, checkFormatCode } from './formats.js';
import type { ChartSeries, DataLabels, ResolvedChart, TextSource } from './model.js';
import { CHARTS_SHEET, chartsSheetLayout, DEFAULT_HEIGHT, DEFAULT_WIDTH, LABEL_COL, needsChartsSheet, parseAnchor } from './sheet.js';
import type { ChartLineSpec, ChartPeriodSpec, ChartSpec } from './spec.js';

type Path = (string | number)[];

// Excel's sheet size: columns A..XFD, rows 1..1,048,576
const MAX_COL = 16_383;
const MAX_ROW = 1_048_576;
type Resolved = { ok: true; charts: ResolvedChart[] } | { ok: false; issues: Issue[] };

interface Plotted {
  line: LineInfo;
  label: string | undefined;
}

export function resolveCharts(program: Program, layout: Layout, results: Results): Resolved {
  const specs = program.template.value.charts ?? [];
  const issues: Issue[] = [];
  const at = (path: Path, code: string, message: string): void => {
    issues.push({ code, message, path: pathText(path), source: program.template.locate(path) });
  };
  const charts: ResolvedChart[] = [];
  const ids = new Set<string>();
  specs.forEach((spec, index) => {
    const path: Path = ['charts', index];
    if (ids.has(spec.id)) at([...path, 'id'], 'duplicate_chart', `duplicate chart id '${spec.id}'`);
    ids.add(spec.id);
    const before = issues.length;
    const lines = spec.lines.map((l, li) => lookup(program, l, [...path, 'lines', li], at)).filter((l): l is Plotted => l !== null);
    const periods = spec.periods.map((p, pi) => period(program, p, [...path, 'periods', pi], at));
    if (issues.length > before) return;
    // every plotted cell must exist: the line's table shows a value column for the period
    spec.periods.forEach((_, pi) => {
      for (const [li, l] of lines.entries())
        if (!l.line.table.valuePeriods.includes(periods[pi]!.id))
          at([...path, 'periods', pi], 'period_not_shown', `${l.line.key} (lines[${li}]) has no value column for period '${periods[pi]!.id}'`);
    });
    const byPeriods = (spec.series ?? (spec.type === 'pie' || spec.type === 'doughnut' ? 'periods' : 'lines')) === 'periods';
    const seriesCount = byPeriods ? periods.length : lines.length;
    if (spec.type === 'pie' && seriesCount !== 1)
      at([...path, byPeriods ? 'periods' : 'lines'], 'pie_series', `a pie shows one series; this one would show ${seriesCount} (one per ${byPeriods ? 'period' : 'line'})`);
    if (byPeriods && new Set(lines.map((l) => l.line.sheet.id)).size > 1)
      at([...path, 'lines'], 'series_sheets', 'with `series: periods` each series runs over the lines, which must then all be on one sheet (Excel reads a series from one sheet)');
    const dataLabels: DataLabels = spec.data_labels ?? (spec.type === 'pie' || spec.type === 'doughnut' ? 'percent' : 'none');
    if (dataLabels === 'percent' && spec.type !== 'pie' && spec.type !== 'doughnut')
      at([...path, 'data_labels'], 'data_labels_percent', `percent labels are for pie and doughnut charts; a ${spec.type} chart can show 'value' or 'none'`);
    for (const axis of ['x_axis', 'y_axis'] as const) {
      const f = spec[axis]?.format;
      const problem = f === undefined ? null : checkFormatCode(f);
      if (problem) at([...path, axis, 'format'], 'chart_format', problem);
    }
    if (spec.anchor) {
      const a = parseAnchor(spec.anchor);
      if (a.col > MAX_COL || a.row > MAX_ROW) at([...path, 'anchor'], 'anchor_outside', `cell ${spec.anchor} is outside the sheet (last cell XFD1048576)`);
    }
    const target = spec.sheet === undefined ? CHARTS_SHEET : program.sheetById.get(spec.sheet)?.name;
    if (target === undefined) at([...path, 'sheet'], 'unknown_sheet', `unknown sheet '${spec.sheet}'${didYouMean(spec.sheet!, program.sheetById.keys())}`);
    if (issues.length > before) return;

    const cell = (l: Plotted, p: string): CellAddress => layout.address(l.line, p);
    const cached = (l: Plotted, p: string): number => results.value(l.line, p).toNumber();
    const lineText = (ls: Plotted[]): TextSource =>
      ls.some((l) => l.label !== undefined)
        ? { cells: null, texts: ls.map((l) => l.label ?? l.line.spec.label) }
        : { cells: ls.map((l) => labelCell(layout, l.line)), texts: ls.map((l) => l.line.spec.label) };
    const periodText = (ps: { id: string; label: string }[]): TextSource => ({ cells: null, texts: ps.map((p) => p.label) });
    const series: ChartSeries[] = byPeriods
      ? periods.map((p) => ({
          name: periodText([p]),
          values: { cells: lines.map((l) => cell(l, p.id)), values: lines.map((l) => cached(l, p.id)), formatCode: sourceFormat(lines.map((l) => l.line.spec.format)) },
        }))
      : lines.map((l) => ({
          name: lineText([l]),
          values: { cells: periods.map((p) => cell(l, p.id)), values: periods.map((p) => cached(l, p.id)), formatCode: NUMBER_FORMATS[l.line.spec.format] },
        }));
    const anchor = spec.anchor ? parseAnchor(spec.anchor) : null;
    charts.push({
      spec,
      index,
      type: spec.type,
      title: spec.title,
      categories: byPeriods ? lineText(lines) : periodText(periods),
      series,
      xTitle: spec.x_axis?.title ?? null,
      yTitle: spec.y_axis?.title ?? null,
      valueFormat: axisFormat(spec.y_axis?.format, lines[0]!.line.spec.format),
      dataLabels,
      sheet: target!,
      onChartsSheet: spec.sheet === undefined,
      labelsOnChartsSheet: false,
      anchor,
      width: spec.width ?? DEFAULT_WIDTH,
      height: spec.height ?? DEFAULT_HEIGHT,
    });
  });
  if (issues.length > 0) return { ok: false, issues };
  const labelled = withLabelCells(charts);
  if (needsChartsSheet(labelled)) {
    const clash = program.sheets.find((s) => s.name.toLowerCase() === CHARTS_SHEET.toLowerCase());
    if (clash) {
      at(['sheets', clash.index, 'name'], 'charts_sheet_name', `sheet name '${clash.name}' is taken by the Charts sheet, which holds the template's charts and their labels; rename the sheet`);
      return { ok: false, issues };
    }
  }
  return { ok: true, charts: labelled };
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

function lookup(program: Program, l: ChartLineSpec, path: Path, at: (path: Path, code: string, message: string) => void): Plotted | null {
  const ref = typeof l === 'string' ? l : l.line;
  const label = typeof l === 'string' ? undefined : l.label;
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
  return { line, label };
}

function period(program: Program, p: ChartPeriodSpec, path: Path, at: (path: Path, code: string, message: string) => void): { id: string; label: string } {
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

function pathText(path: Path): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out;
}
