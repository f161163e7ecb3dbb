// Shared by the forecast tests: a scenario's workbook as finbook plans it, and the cells that
// HyperFormula recalculates to another value than the cached one.
import { compute } from '../../src/compute/compute.js';
import type { Computed } from '../../src/pipeline.js';
import type { PlannedWorkbook } from '../../src/plan/cells.js';
import { planWorkbook } from '../../src/plan/workbook.js';
import { formulaMismatches, plannedAsRead, recalculateWithHyperFormula } from '../verify/hyperformula.js';

/** The workbook with scenario `scenario` selected: its selector and every cached value. */
export function plannedFor(c: Computed, scenario: number): PlannedWorkbook {
  return planWorkbook(c.program, c.layout, compute(c.program, { scenario }), 'test', c.charts);
}

/** Formula cells whose cached value HyperFormula does not recalculate to, described. */
export function wrongCells(workbook: PlannedWorkbook): string[] {
  return formulaMismatches(workbook, recalculateWithHyperFormula(plannedAsRead(workbook)));
}

/** Every formula cell of the workbook (a count, to show a comparison is not empty). */
export function formulaCount(workbook: PlannedWorkbook): number {
  return workbook.sheets.reduce((n, s) => n + s.rows.reduce((m, r) => m + r.cells.filter((c) => c.kind === 'formula').length, 0), 0);
}
