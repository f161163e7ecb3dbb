// Binds the syntax tree's references to cells for one sheet and period: what both
// back-ends need to agree on which cell a name means.
import type { LineInfo, Program, SheetInfo } from '../compile/program.js';
import { lookupLine, rangeLines, readScope, whenOf } from '../compile/program.js';
import type { When } from '../compile/calendar.js';
import { isMissing } from '../compile/calendar.js';
import { bindColumn } from '../compile/reads.js';
import type { RefNode } from '../expr/ast.js';
import type { ExcelResolver } from '../expr/excel.js';
import type { CellAddress } from '../layout/a1.js';
import type { Layout, SheetLayout } from '../layout/layout.js';

export function inputDefinedName(id: string): string {
  return id;
}

/** Defined names of the scenario selector cell and of the list of scenario labels it matches. */
export const SCENARIO_NAME = 'scenario';
export const SCENARIO_LIST_NAME = 'scenario_list';

// Per layout: sheet layouts by Excel name (isEmptyCell gets addresses, which carry names).
const byName = new WeakMap<Layout, Map<string, SheetLayout>>();
// Per range node: its lines (a range means the same lines in every period).
const rangeCache = new WeakMap<RefNode, LineInfo[]>();

function sheetsByName(layout: Layout): Map<string, SheetLayout> {
  let m = byName.get(layout);
  if (!m) {
    m = new Map([...layout.sheets.values()].map((sl) => [sl.sheet.name, sl]));
    byName.set(layout, m);
  }
  return m;
}

export function excelResolver(program: Program, layout: Layout, onSheet: string, sheet: SheetInfo | null, period: string | null): ExcelResolver {
  return resolverAt(program, layout, onSheet, sheet, whenOf(program, period));
}

function resolverAt(program: Program, layout: Layout, onSheet: string, sheet: SheetInfo | null, when: When | null): ExcelResolver {
  const scope = readScope(program);
  // compile bound every reference of every cell already: a gap here is a bug
  const addr = (line: LineInfo, fixed: string | null): CellAddress => {
    const i = bindColumn(scope, line, fixed, when);
    if (typeof i !== 'number') throw new Error(`internal: ${i.missing}`);
    return layout.address(line, line.table.valuePeriods[i]!);
  };
  const names = sheetsByName(layout);
  const linesOf = (from: RefNode, to: RefNode): LineInfo[] => {
    let lines = rangeCache.get(from);
    if (!lines) rangeCache.set(from, (lines = rangeLines(program, from, to, sheet!)));
    return lines;
  };
  return {
    sheet: onSheet,
    cell: (ref: RefNode) => addr(lookupLine(program, ref, sheet), ref.period),
    range: (from: RefNode, to: RefNode) => linesOf(from, to).map((l) => addr(l, null)),
    isEmptyCell: (a: CellAddress) => {
      const target = names.get(a.sheet);
      return target ? !target.numericRows.has(a.row) : false;
    },
    inputName: inputDefinedName,
    inputIsNonZero: (name: string) => !program.inputs.get(name)!.value.isZero(),
    shift: (node) => {
      const to = program.calendar.shift(when!, node);
      if (isMissing(to)) throw new Error(`internal: ${to.missing}`);
      return resolverAt(program, layout, onSheet, sheet, to);
    },
    span: (node) => {
      const over = program.calendar.span(when!, node);
      if (isMissing(over)) throw new Error(`internal: ${over.missing}`);
      return over.map((w) => resolverAt(program, layout, onSheet, sheet, w));
    },
    scenarioIndex: () => `MATCH(${SCENARIO_NAME},${SCENARIO_LIST_NAME},0)`,
  };
}
