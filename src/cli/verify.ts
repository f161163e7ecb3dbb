// `finbook verify WORKBOOK [--model MODEL]` and `finbook export --verify`: LibreOffice
// recalculates every formula; any difference from the cached values (or the model) fails.
import { resolve } from 'node:path';
import { OfficeFailedError, OfficeMissingError } from '../office/index.js';
import { displayPath } from '../model/load.js';
import { loadAndCompute, plan } from '../pipeline.js';
import type { PlannedWorkbook } from '../plan/cells.js';
import { WorkbookReadError } from '../verify/read-xlsx.js';
import { differenceTable, reportJson, summaryLine } from '../verify/report.js';
import { verifyWorkbook } from '../verify/verify.js';
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

export async function runVerify(args: VerifyArgs, o: Output): Promise<ExitCode> {
  let model: PlannedWorkbook | undefined;
  if (args.model !== undefined) {
    const loaded = loadAndCompute(resolve(args.model));
    if (!loaded.ok) {
      reportIssues(o, loaded.issues, args.json ?? false);
      return EXIT.invalid;
    }
    model = plan(loaded.value);
  }
  return verifyAndReport(resolve(args.workbook), model, args.json ?? false, o);
}

/** Export, then verify the written file against the same model. */
export async function runExportAndVerify(args: ExportArgs, o: Output): Promise<ExitCode> {
  const exported = await runExport(args, o);
  if (exported === EXIT.invalid || exported === EXIT.environment) return exported;
  const modelPath = resolve(args.model ?? defaultModelPath());
  const loaded = loadAndCompute(modelPath);
  if (!loaded.ok) return EXIT.invalid;
  const verified = await verifyAndReport(resolve(args.out ?? defaultOutPath(modelPath)), plan(loaded.value), args.json ?? false, o, args.quiet ?? false);
  if (verified === EXIT.ok) return exported;
  return verified === EXIT.failed ? EXIT.failed : verified;
}

export async function verifyAndReport(path: string, model: PlannedWorkbook | undefined, json: boolean, o: Output, quiet = false): Promise<ExitCode> {
  const shown = displayPath(path);
  let comparison;
  try {
    comparison = await verifyWorkbook(path, model ? { model } : {});
  } catch (err) {
    if (err instanceof WorkbookReadError) {
      o.err(`${shown}: ${err.message}`);
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
  if (json) o.out(reportJson(shown, comparison));
  else {
    const failed = comparison.differences.length > 0;
    // The report is the command's result: stdout, so it can be piped or saved.
    if (failed) for (const line of differenceTable(comparison.differences)) o.out(line);
    if (failed || !quiet) o.out(summaryLine(comparison, model !== undefined));
  }
  return comparison.differences.length > 0 ? EXIT.failed : EXIT.ok;
}
