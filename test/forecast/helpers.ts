// Shared by the forecast tests: a scenario's workbook as finbook plans it, and the cells that
// HyperFormula recalculates to another value than the cached one.
import { compute } from '../../src/compute/compute.js';
import type { Computed } from '../../src/pipeline.js';
import { a1 } from '../../src/layout/a1.js';
import type { PlannedWorkbook } from '../../src/plan/cells.js';
import { planWorkbook } from '../../src/plan/workbook.js';
import { formatValue, sameValue } from '../../src/verify/compare.js';
import { plannedAsRead, recalculateWithHyperFormula } from '../verify/hyperformula.js';

/** The workbook with scenario `scenario` selected: its selector and every cached value. */
export function plannedFor(c: Computed, scenario: number): PlannedWorkbook {
  return planWorkbook(c.program, c.layout, compute(c.program, { scenario }), 'test', c.charts);
}

/** Formula cells whose cached value HyperFormula does not recalculate to, described. */
export function wrongCells(workbook: PlannedWorkbook): string[] {
  const recalculated = recalculateWithHyperFormula(plannedAsRead(workbook));
  const wrong: string[] = [];
  for (const sheet of workbook.sheets)
    for (const row of sheet.rows)
      for (const cell of row.cells) {
        if (cell.kind !== 'formula') continue;
        const ref = a1(cell.col, row.row);
        const got = recalculated.get(sheet.name)?.get(ref) ?? null;
        if (!sameValue(cell.value, got)) wrong.push(`${sheet.name}!${ref} =${cell.formula}: cached ${formatValue(cell.value)}, HyperFormula ${formatValue(got)}`);
      }
  return wrong;
}

/** Every formula cell of the workbook (a count, to show a comparison is not empty). */
export function formulaCount(workbook: PlannedWorkbook): number {
  return workbook.sheets.reduce((n, s) => n + s.rows.reduce((m, r) => m + r.cells.filter((c) => c.kind === 'formula').length, 0), 0);
}
