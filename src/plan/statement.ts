// Plan one statement sheet: titles, header bands, labels, and for every line and column
// either an input value or a formula with its cached Decimal value.
import type { LineInfo, Program, SheetInfo } from '../compile/program.js';
import { cellFormula } from '../compile/program.js';
import type { Results } from '../compute/compute.js';
import { evaluateDouble } from '../compute/evaluate.js';
import type { Node, RefNode } from '../expr/ast.js';
import { toExcel } from '../expr/excel.js';
import { a1 } from '../layout/a1.js';
import type { Layout, SheetLayout } from '../layout/layout.js';
import { FIRST_DATA_COL } from '../layout/layout.js';
import type { ColumnSpec, LineFormat } from '../model/schema.js';
import type { ExcelResolver } from '../expr/excel.js';
import type { PlannedCell, PlannedRow, PlannedSheet } from './cells.js';
import { ratioCell } from './ratio-columns.js';
import { excelResolver } from './resolver.js';
import { defaultUnits } from './units.js';
import { noteRowHeight } from './wrapped-note.js';

const ref = (line: string, period: string): RefNode => ({ kind: 'ref', sheet: null, line, period, pos: 0, end: 0 });

/** A translated column's formula: the value column of its period over the rate (a global input). */
function translatedNode(column: ColumnSpec, lineId: string): Node {
  return { kind: 'binary', op: '/', left: ref(lineId, column.period), right: { kind: 'input', name: column.rate!, pos: 0, end: 0 }, pos: 0 };
}

/** Which column kinds a line shows in: amounts everywhere, other formats only as values. */
const AMOUNT_COLUMNS: readonly ColumnSpec['kind'][] = ['value', 'translated', 'share', 'change'];
const OTHER_COLUMNS: readonly ColumnSpec['kind'][] = ['value'];

export function lineShowsIn(line: LineInfo, column: ColumnSpec): boolean {
  const kinds = line.spec.columns ?? (line.spec.format === 'amount' ? AMOUNT_COLUMNS : OTHER_COLUMNS);
  return kinds.includes(column.kind);
}

function columnFormat(column: ColumnSpec, format: LineFormat): LineFormat {
  return column.kind === 'share' || column.kind === 'change' ? 'percent' : format;
}

export function planStatementSheet(program: Program, layout: Layout, results: Results, sheet: SheetInfo, entityLine: string): PlannedSheet {
  const sl: SheetLayout = layout.sheets.get(sheet.id)!;
  const rows: PlannedRow[] = [];
  const merges: string[] = [];
  const spec = sheet.spec;
  // a large sheet's line rows build their cells when read (lazyRow); a small sheet's are built
  // once, as the checks before writing, the writer and verify each read them
  const lazy = sl.tables.reduce((n, tl) => n + tl.table.lines.length * tl.table.columns.length, 0) > LAZY_CELLS;
  // one resolver per period, shared by the sheet's formula cells
  const resolvers = new Map<string, ExcelResolver>();
  const resolver = (period: string): ExcelResolver => {
    let r = resolvers.get(period);
    if (!r) resolvers.set(period, (r = excelResolver(program, layout, sheet.name, sheet, period)));
    return r;
  };
  const text = (row: number, col: number, t: string, role: Extract<PlannedCell, { kind: 'text' }>['role']): void => {
    rows.push({ row, cells: [{ kind: 'text', col, text: t, role }] });
  };
  // A footnote spans the printed width of the sheet and wraps there (wrapped-note.ts).
  const labelWidth = spec.label_width ?? 52;
  const printedWidth = labelWidth + Array.from({ length: sl.lastCol }, (_, i) => columnWidth(sl, i + FIRST_DATA_COL)).reduce((a, b) => a + b, 0);
  const note = (row: number, t: string): void => {
    const height = noteRowHeight(t, printedWidth);
    rows.push({ row, cells: [{ kind: 'text', col: 0, text: t, role: 'note', wrap: true }], ...(height ? { height } : {}) });
    if (sl.lastCol > 0) merges.push(`${a1(0, row)}:${a1(sl.lastCol, row)}`);
  };
  text(1, 0, entityLine, 'entity');
  text(2, 0, spec.title ?? spec.name, 'title');
  if (spec.subtitle) text(3, 0, spec.subtitle, 'subtitle');
  // the sheet's units, else its first table's, else the model's (units.ts)
  text(4, 0, spec.units ?? sl.tables[0]?.table.units ?? defaultUnits(program.model.value.entity, sheet), 'units');
  // a drivers sheet holds the scenario selector in the frozen rows, above its blocks
  const scenarios = program.template.value.scenarios ?? [];
  const selector = spec.drivers && scenarios.length > 0;
  if (selector)
    rows.push({
      row: SELECTOR_ROW,
      cells: [
        { kind: 'text', col: 0, text: 'Scenario (choose from the list):', role: 'heading', style: 'bold' },
        { kind: 'text', col: FIRST_DATA_COL, text: scenarios[results.scenario]!.label, role: 'selector' },
      ],
    });
  // sources and rationales of the lines, in a wrapped column right of the figures
  const sourceCol = sheet.ordered.some((l) => l.spec.source) ? sl.lastCol + 1 : null;
  // a forecast period's column is shaded, its header included
  const isForecast = (column: ColumnSpec): boolean => program.periods.get(column.period)?.forecast === true;

  for (const tl of sl.tables) {
    const table = tl.table;
    if (tl.titleRow !== null) text(tl.titleRow, 0, table.title!, 'heading');
    if (tl.unitsRow !== null) text(tl.unitsRow, 0, table.units!, 'units');
    // header bands: merge neighbouring columns that carry the same text at the same level
    for (let level = 0; level < tl.bandRows; level++) {
      const r = tl.bandTop + level;
      const cells: PlannedCell[] = [];
      let start = 0;
      const bandAt = (ci: number): string | undefined => {
        const c = table.columns[ci]!;
        // bands are aligned to the bottom: a column with fewer bands leaves the top rows empty
        const offset = tl.bandRows - c.bands.length;
        return level >= offset ? c.bands[level - offset] : undefined;
      };
      while (start < table.columns.length) {
        const label = bandAt(start);
        let end = start;
        while (end + 1 < table.columns.length && bandAt(end + 1) === label && label !== undefined) end++;
        if (label) {
          cells.push({ kind: 'text', col: FIRST_DATA_COL + start, text: label, role: 'band' });
          if (end > start) merges.push(`${a1(FIRST_DATA_COL + start, r)}:${a1(FIRST_DATA_COL + end, r)}`);
        }
        start = end + 1;
      }
      if (cells.length) rows.push({ row: r, cells });
    }
    const titles = table.columns.map((c) => c.title ?? defaultTitle(program, c));
    // header titles wrap inside their column: give the row room for the longest one
    const lines = Math.max(1, ...titles.map((t, ci) => Math.ceil((t.length + 1) / Math.max(4, columnWidth(sl, FIRST_DATA_COL + ci) - 2))));
    rows.push({
      row: tl.headerRow,
      cells: [
        ...titles.map((t, ci) => ({ kind: 'text' as const, col: FIRST_DATA_COL + ci, text: t, role: 'header' as const, ...(isForecast(table.columns[ci]!) ? { forecast: true } : {}) })),
        ...(sourceCol !== null ? [{ kind: 'text' as const, col: sourceCol, text: 'Source or rationale', role: 'header' as const }] : []),
      ],
      ...(lines > 1 ? { height: 13 * lines + 2 } : {}),
    });

    table.lines.forEach((lineSpec, li) => {
      const r = tl.lineRows[li]!;
      if (lineSpec.blank) return;
      const line = lineSpec.id ? sheet.lines.get(lineSpec.id) : undefined;
      const build = (): PlannedCell[] => {
        const cells: PlannedCell[] = [];
        if (lineSpec.label) cells.push({ kind: 'text', col: 0, text: lineSpec.label, role: lineSpec.id ? 'label' : 'heading', indent: lineSpec.indent, style: lineSpec.style });
        if (line)
          table.columns.forEach((column, ci) => {
            if (!lineShowsIn(line, column)) return;
            const cell = planLineCell(program, results, line, column, FIRST_DATA_COL + ci, resolver);
            cells.push(isForecast(column) && cell.kind !== 'text' ? { ...cell, forecast: true } : cell);
          });
        if (sourceCol !== null && lineSpec.source) cells.push({ kind: 'text', col: sourceCol, text: lineSpec.source, role: 'note', wrap: true });
        return cells;
      };
      // wrapped sources: room for their lines (neither Excel nor LibreOffice fits a row on opening)
      // (9-point italics: about 1.3 characters per unit of column width)
      const sourceLines = sourceCol !== null && lineSpec.source ? Math.ceil(lineSpec.source.length / (SOURCE_WIDTH * 1.3)) : 1;
      const extra = { ...(lineSpec.indent > 0 && lineSpec.id ? { outline: Math.min(lineSpec.indent, 7) } : {}), ...(sourceLines > 1 ? { height: sourceLines * 11.5 + 2 } : {}) };
      rows.push(lazy ? lazyRow(r, extra, build) : { row: r, cells: build(), ...extra });
    });
    table.notes.forEach((n, i) => note(tl.notesTop + i, n));
  }
  if (spec.notes.length > 0) {
    const top = sl.lastRow - spec.notes.length + 1;
    spec.notes.forEach((n, i) => note(top + i, n));
  }
  // every row's cells are built in column order; rows sharing a number are joined
  rows.sort((a, b) => a.row - b.row);
  const merged: PlannedRow[] = [];
  for (const r of rows) {
    const last = merged[merged.length - 1];
    if (last && last.row === r.row) merged[merged.length - 1] = { ...last, cells: [...last.cells, ...r.cells].sort((a, b) => a.col - b.col) };
    else merged.push(r);
  }

  const firstTable = sl.tables[0]!;
  return {
    name: sheet.name,
    kind: 'statement',
    widths: [labelWidth, ...Array.from({ length: sl.lastCol }, (_, i) => columnWidth(sl, i + FIRST_DATA_COL)), ...(sourceCol !== null ? [SOURCE_WIDTH] : [])],
    freeze: { row: sl.freezeRow, col: FIRST_DATA_COL },
    merges,
    lastRow: sl.lastRow,
    lastCol: sourceCol ?? sl.lastCol,
    headerRows: [1, firstTable.headerRow],
    rows: merged,
    statusRange: null,
    ...(selector ? { validations: [{ ref: a1(FIRST_DATA_COL, SELECTOR_ROW), list: scenarios.map((sc) => sc.label) }] } : {}),
  };
}

/** The row of a drivers sheet that holds the scenario selector (column B), in the frozen header. */
export const SELECTOR_ROW = 5;
/** Width (characters) of the column of sources and rationales. */
const SOURCE_WIDTH = 64;

function columnWidth(sl: SheetLayout, col: number): number {
  let width = 11;
  for (const tl of sl.tables) {
    const c = tl.table.columns[col - FIRST_DATA_COL];
    if (!c) continue;
    if (c.width) return c.width;
    width = Math.max(width, c.kind === 'value' || c.kind === 'translated' ? 13 : 10, ...(c.title ?? '').split(' ').map((w) => w.length + 2));
  }
  return width;
}

function defaultTitle(program: Program, c: ColumnSpec): string {
  const p = program.periods.get(c.period);
  const label = p?.label ?? c.period;
  switch (c.kind) {
    case 'value':
      return label;
    case 'translated':
      return `${label} (${c.rate})`;
    case 'share':
      return '%';
    case 'change':
      return `Chg % vs ${program.periods.get(c.base!)?.label ?? c.base}`;
    default:
      return label;
  }
}

/**
 * A link (green by convention): the cell only repeats one cell of another sheet, in this
 * period or another (opening(bs.cash) is the balance sheet's cash at the period's start).
 */
export function isLinkTo(node: Node, ownSheet: string): boolean {
  let n = node;
  while (n.kind === 'shift') n = n.arg;
  return n.kind === 'ref' && n.sheet !== null && n.sheet !== ownSheet;
}

/** Cells above which a sheet's rows are built when read rather than held. */
export const LAZY_CELLS = 20_000;

/**
 * A line's row builds its cells each time they are read instead of holding them, so a
 * sheet of a million cells streams from the plan through the writer in bounded memory
 * (docs/benchmarks.md). Read `cells` once per pass: each read builds them again.
 */
function lazyRow(row: number, extra: Pick<PlannedRow, 'outline'>, build: () => PlannedCell[]): PlannedRow {
  const r = { row, ...extra } as PlannedRow;
  Object.defineProperty(r, 'cells', { get: build, enumerable: true });
  return r;
}

function planLineCell(program: Program, results: Results, line: LineInfo, column: ColumnSpec, col: number, resolver: (period: string) => ExcelResolver): PlannedCell {
  const style = line.spec.style;
  const format = columnFormat(column, line.spec.format);
  if (column.kind === 'value') {
    const value = results.cellValue(line, column.period);
    const node = cellFormula(program, line, line.table.periodIndex.get(column.period)!);
    if (node === null) return { kind: 'input', col, value, format, style };
    return { kind: 'formula', col, formula: toExcel(node, resolver(column.period)), value, format, style, link: isLinkTo(node, line.sheet.id) };
  }
  if (column.kind === 'share' || column.kind === 'change') {
    const ratio = ratioCell(results, line, { ...column, kind: column.kind }, resolver(column.period));
    return { kind: 'formula', col, ...ratio, format, style, link: false };
  }
  const node = translatedNode(column, line.id);
  const value = evaluateDouble(node, results.context(line.sheet, column.period));
  return { kind: 'formula', col, formula: toExcel(node, resolver(column.period)), value, format, style, link: false };
}
