// Binds the syntax tree's references to cells for one sheet and period: what both
// back-ends need to agree on which cell a name means.
import type { LineInfo, Program, SheetInfo } from '../compile/program.js';
import { lookupLine, rangeLines } from '../compile/program.js';
import type { RefNode } from '../expr/ast.js';
import type { ExcelResolver } from '../expr/excel.js';
import type { CellAddress } from '../layout/a1.js';
import type { Layout } from '../layout/layout.js';

export function inputDefinedName(id: string): string {
  return id;
}

export function excelResolver(program: Program, layout: Layout, onSheet: string, sheet: SheetInfo | null, period: string | null): ExcelResolver {
  const addr = (line: LineInfo, p: string | null): CellAddress => layout.address(line, p ?? period!);
  return {
    sheet: onSheet,
    cell: (ref: RefNode) => addr(lookupLine(program, ref, sheet), ref.period),
    range: (from: RefNode, to: RefNode) => rangeLines(program, from, to, sheet!).map((l) => addr(l, null)),
    isEmptyCell: (a: CellAddress) => {
      const target = program.sheets.find((s) => s.name === a.sheet);
      return target ? !layout.sheets.get(target.id)!.numericRows.has(a.row) : false;
    },
    inputName: inputDefinedName,
    inputIsNonZero: (name: string) => !program.inputs.get(name)!.value.isZero(),
  };
}
