// verifyWorkbook: LibreOffice recalculates every formula of a workbook (headless, its own
// process) and each result is compared with the value the file caches; with a model, every
// cell is also compared with what the model plans, in every scenario (as `finbook verify
// --model` does). Exact: a difference is any value LibreOffice computes otherwise.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { plansFor } from '../services/verify-plan.js';
import type { Comparison } from '../verify/compare.js';
import { compareWorkbooks } from '../verify/compare.js';
import { verifyScenarios, withScenarios } from '../verify/scenarios.js';
import { startRecalculation } from '../verify/verify.js';
import type { LoadedModel } from './loaded-model.js';
import { computedModel } from './loaded-model.js';

export type { CellValue } from '../verify/read-xlsx.js';
export type { Comparison, Difference, DifferenceReason } from '../verify/compare.js';

export interface Verification extends Comparison {
  /** No difference at all. */
  ok: boolean;
}

/**
 * Verify a workbook (a file name, or its bytes) through LibreOffice, against `model` when
 * given. Rejects with OfficeMissingError when LibreOffice is not installed, with
 * WorkbookReadError when the file is not a workbook.
 */
export async function verifyWorkbook(workbook: string | Uint8Array, model?: LoadedModel): Promise<Verification> {
  if (typeof workbook !== 'string') {
    // LibreOffice reads files: the bytes go to a private temporary folder, removed after
    const dir = mkdtempSync(join(tmpdir(), 'finbook-verify-'));
    try {
      const path = join(dir, 'workbook.xlsx');
      writeFileSync(path, workbook);
      return await verifyWorkbook(path, model);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const path = resolve(workbook);
  const computed = model === undefined ? undefined : computedModel(model);
  const run = await startRecalculation(path);
  try {
    const plans = computed === undefined ? undefined : plansFor(computed, run.original);
    // a model that loaded has a plan (its issues came back from loadModel)
    if (plans && !plans.ok) throw new Error(`finbook: the model cannot be planned: ${plans.issues.map((i) => i.message).join('; ')}`);
    let comparison = compareWorkbooks(run.original, await run.recalculated, plans?.plan);
    if (plans && plans.others.length > 0) comparison = withScenarios(comparison, await verifyScenarios(path, plans.others));
    return { ...comparison, ok: comparison.differences.length === 0 };
  } finally {
    await run.dispose();
  }
}
