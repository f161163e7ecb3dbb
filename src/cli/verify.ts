// `finbook verify WORKBOOK [--model MODEL]` and `finbook export --verify`: LibreOffice
// recalculates every formula; any difference from the cached values (or the model) fails.
import { resolve } from 'node:path';
import { OfficeFailedError, OfficeMissingError } from '../office/index.js';
import { displayPath } from '../model/load.js';
import { loadAndCompute } from '../pipeline.js';
import type { ModelPlans } from '../services/verify-plan.js';
import { plansFor } from '../services/verify-plan.js';
import { compareWorkbooks } from '../verify/compare.js';
import { WorkbookReadError } from '../verify/read-xlsx.js';
import type { ReadWorkbook } from '../verify/read-xlsx.js';
import { verifyScenarios, withScenarios } from '../verify/scenarios.js';
import { differenceTable, reportJson, summaryLine } from '../verify/report.js';
import type { Recalculation } from '../verify/verify.js';
import { startRecalculation } from '../verify/verify.js';
import type { ExitCode } from './exit-codes.js';
import { EXIT } from './exit-codes.js';
import type { ExportArgs } from './export.js';
import { defaultOutPath, describeIoError, runExport } from './export.js';
import type { Output } from './output.js';
import { reportIssues } from './output.js';
import { defaultModelPath } from './paths.js';

export interface VerifyArgs {
  workbook: string;
  model?: string;
  json?: boolean;
}

/** `valuesFile`: the CSV the workbook was exported with (export --values ... --verify). */
function planFrom(modelPath: string, valuesFile?: string): (file: ReadWorkbook) => ModelPlans {
  return (file) => {
    const first = loadAndCompute(modelPath, valuesFile === undefined ? {} : { valuesFile });
    return first.ok ? plansFor(first.value, file) : { ok: false, issues: first.issues };
  };
}

export async function runVerify(args: VerifyArgs, o: Output): Promise<ExitCode> {
  return verifyAndReport(resolve(args.workbook), args.model === undefined ? undefined : planFrom(resolve(args.model)), { json: args.json ?? false }, o);
}

/** Export, then verify the written file against the same model. */
export async function runExportAndVerify(args: ExportArgs, o: Output): Promise<ExitCode> {
  const exported = await runExport(args, o);
  if (exported === EXIT.invalid || exported === EXIT.environment) return exported;
  const modelPath = resolve(args.model ?? defaultModelPath());
  const verified = await verifyAndReport(resolve(args.out ?? defaultOutPath(modelPath)), planFrom(modelPath, args.values), { json: args.json ?? false, quiet: args.quiet ?? false }, o);
  if (verified === EXIT.ok) return exported;
  return verified;
}

/**
 * Exit codes: 2 when the workbook or the model is invalid (checked first), 3 when
 * LibreOffice is missing or fails, 1 on any difference, 0 when there is none. The model is
 * computed while LibreOffice recalculates (it runs in its own process).
 */
export async function verifyAndReport(path: string, model: ((file: ReadWorkbook) => ModelPlans) | undefined, opts: { json: boolean; quiet?: boolean }, o: Output): Promise<ExitCode> {
  const shown = displayPath(path);
  let run: Recalculation;
  try {
    run = await startRecalculation(path);
  } catch (err) {
    return reportError(err, shown, o);
  }
  try {
    const planned = model?.(run.original);
    if (planned && !planned.ok) {
      reportIssues(o, planned.issues, opts.json);
      return EXIT.invalid;
    }
    let recalculated;
    let comparison;
    try {
      recalculated = await run.recalculated;
      comparison = compareWorkbooks(run.original, recalculated, planned?.plan);
      // every other scenario: chosen in the selector, recalculated, compared with the model's figures
      if (planned && planned.others.length > 0) comparison = withScenarios(comparison, await verifyScenarios(path, planned.others));
    } catch (err) {
      return reportError(err, shown, o);
    }
    const failed = comparison.differences.length > 0;
    if (opts.json) o.out(reportJson(shown, comparison));
    else {
      // The report is the command's result: stdout, so it can be piped or saved.
      if (failed) for (const line of differenceTable(comparison.differences)) o.out(line);
      if (failed || !opts.quiet) o.out(summaryLine(comparison, planned !== undefined));
    }
    return failed ? EXIT.failed : EXIT.ok;
  } finally {
    await run.dispose();
  }
}

function reportError(err: unknown, shown: string, o: Output): ExitCode {
  if (err instanceof WorkbookReadError) {
    o.err(err.unreadable ? `cannot read ${shown}: ${err.message}` : `${shown}: ${err.message}`);
    return EXIT.invalid;
  }
  if (err instanceof OfficeMissingError || err instanceof OfficeFailedError) {
    o.err(`finbook verify: ${err.message}`);
    return EXIT.environment;
  }
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'EISDIR') {
    o.err(`cannot read ${shown}: ${code === 'ENOENT' ? 'no such file' : 'it is a directory'}`);
    return EXIT.invalid;
  }
  if (typeof code === 'string') {
    o.err(`cannot verify ${shown}: ${describeIoError(err)}`);
    return EXIT.environment;
  }
  throw err;
}
