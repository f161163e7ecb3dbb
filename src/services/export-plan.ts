// The first half of every export (finbook export, run, batch, the queue worker and the
// library's API): the model computed, then planned cell by cell and held to Excel's limits
// before anything is written.
import type { Issue } from '../issues.js';
import { isError } from '../issues.js';
import type { Computed, LoadOptions } from '../pipeline.js';
import { loadAndCompute, plan } from '../pipeline.js';
import type { PlannedWorkbook } from '../plan/cells.js';
import type { PlanOrigin } from '../plan/text-safety.js';
import { CellLimitsError, CellProblems, cellsCheckedAsWritten, checkPlannedWorkbook } from '../plan/text-safety.js';
import type { Writable } from 'node:stream';
import { writeStreaming } from '../write/xlsx.js';
import { fitsInMemory } from '../write/xlsx-memory.js';

export type { Computed, LoadOptions } from '../pipeline.js';

/** The model at `modelPath` (absolute) loaded and computed, or the problems that stop it. */
export function computeExport(modelPath: string, options: LoadOptions = {}): { ok: true; value: Computed } | { ok: false; issues: Issue[] } {
  return loadAndCompute(modelPath, options);
}

/** `cellsUnchecked`: the cells are left to streamChecked, which writes the workbook. */
export type PlannedExport = { ok: true; workbook: PlannedWorkbook; warnings: Issue[]; cellsUnchecked: boolean } | { ok: false; issues: Issue[] };

export interface PlanExportOptions {
  /**
   * A workbook too large to build in memory streams to its file: check its cells as the
   * writer reads them (streamChecked) instead of building every cell once more only to check
   * it (a fifth of a large export's time).
   */
  checkCellsAsWritten?: boolean;
}

/** The computed model's workbook, planned; Excel's limits first (exceljs enforces none of them). */
export function planExport(computed: Computed, options: PlanExportOptions = {}): PlannedExport {
  const workbook = plan(computed);
  const deferred = options.checkCellsAsWritten === true && !fitsInMemory(workbook);
  const limits = checkPlannedWorkbook(workbook, computed, { cells: !deferred });
  if (limits.some(isError)) return { ok: false, issues: limits };
  return { ok: true, workbook, warnings: limits, cellsUnchecked: deferred };
}

/**
 * The workbook streamed to its file with its cells checked on the way: when a cell has a
 * problem, the workbook is checked again with the problems the writer noted (no cell is
 * built twice); errors throw CellLimitsError (the
 * atomic write then keeps no file), warnings go to `warn` once the workbook is written.
 */
export function streamChecked(workbook: PlannedWorkbook, origin: PlanOrigin, protect: boolean, warn: (issues: Issue[]) => void): (out: Writable) => Promise<void> {
  const problems = new CellProblems();
  const checked = cellsCheckedAsWritten(workbook, problems);
  return async (out) => {
    await writeStreaming(checked, out, { protect });
    if (!problems.any) return;
    const issues = checkPlannedWorkbook(workbook, origin, { cells: problems });
    if (issues.some(isError)) throw new CellLimitsError(issues);
    warn(issues);
  };
}
