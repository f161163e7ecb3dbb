// Binds the syntax tree's references to cells for one sheet and period: what both
// back-ends need to agree on which cell a name means.
import type { LineInfo, Program, SheetInfo } from '../compile/program.js';
import { lookupLine, rangeLines } from '../compile/program.js';
import type { RefNode } from '../expr/ast.js';
import type { ExcelResolver } from '../expr/excel.js';
import type { CellAddress } from '../layout/a1.js';
import type { Layout, SheetLayout } from '../layout/layout.js';

export function inputDefinedName(id: string): string {
  return id;
}

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
  const addr = (line: LineInfo, p: string | null): CellAddress => layout.address(line, p ?? period!);
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
  };
}
