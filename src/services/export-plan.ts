// The first half of every export (finbook export, run, batch, the queue worker and the
// library's API): the model computed, then planned cell by cell and held to Excel's limits
// before anything is written.
import type { Issue } from '../issues.js';
import { isError } from '../issues.js';
import type { Computed, LoadOptions } from '../pipeline.js';
import { loadAndCompute, plan } from '../pipeline.js';
import type { PlannedWorkbook } from '../plan/cells.js';
import { checkPlannedWorkbook } from '../plan/text-safety.js';

export type { Computed, LoadOptions } from '../pipeline.js';

/** The model at `modelPath` (absolute) loaded and computed, or the problems that stop it. */
export function computeExport(modelPath: string, options: LoadOptions = {}): { ok: true; value: Computed } | { ok: false; issues: Issue[] } {
  return loadAndCompute(modelPath, options);
}

export type PlannedExport = { ok: true; workbook: PlannedWorkbook; warnings: Issue[] } | { ok: false; issues: Issue[] };

/** The computed model's workbook, planned; Excel's limits first (exceljs enforces none of them). */
export function planExport(computed: Computed): PlannedExport {
  const workbook = plan(computed);
  const limits = checkPlannedWorkbook(workbook, computed);
  if (limits.some(isError)) return { ok: false, issues: limits };
  return { ok: true, workbook, warnings: limits };
}
