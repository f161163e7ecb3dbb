// The export service: one model to one workbook file (and its PDF, and its mail). `finbook
// export` is argument parsing over it; `finbook batch` (batch/export-one.ts) and the queue
// worker (queue/export-job.ts) run it with their printed lines captured; `finbook run` and
// --mail-to/--if-changed go through the delivery (jobs/deliver.ts), which shares its first half
// (export-plan.ts). What it prints is what `finbook export` prints.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { displayPath } from '../model/load.js';
import { writeFileAtomically } from '../write/atomic.js';
import { OutputRefusedError, outputTarget } from '../write/safe-path.js';
import { xlsxContent } from '../write/xlsx.js';
import { checkTable } from './checks-report.js';
import { tieOutFailureTable } from './tieout-report.js';
import type { ExitCode } from './exit-codes.js';
import { EXIT } from './exit-codes.js';
import { computeExport, planExport, streamChecked } from './export-plan.js';
import { CellLimitsError } from '../plan/text-safety.js';
import type { ExportEvents, ExportRequest } from './export-request.js';
import { defaultOutPath, pdfPathFor } from './export-request.js';
import { writeFailure } from './io-errors.js';
import type { Output } from './output.js';
import { issuesJson, reportFailure, reportIssues } from './output.js';
import { workbookPathProblem } from './workbook-path.js';

// The delivery (mail, --if-changed) and LibreOffice (--pdf) are set up only when an export asks
// for them: with their modules (child_process, net, readline, the mail composer) a plain export's
// start-up cost more than its Tie-out sheet.
const delivery = () => import('./export-delivery.js');
const pdfs = () => import('../jobs/pdf.js');

/** Export one model; prints to `o` what `finbook export` prints and returns its exit code. */
export async function exportWorkbook(request: ExportRequest, o: Output, events: ExportEvents = {}): Promise<ExitCode> {
  const json = request.json ?? false;
  const badOut = request.out === undefined ? undefined : workbookPathProblem(request.out);
  if (badOut) {
    reportFailure(o, { code: 'out_extension', message: badOut }, json);
    return EXIT.invalid;
  }
  if (request.mailTo !== undefined || request.ifChanged) {
    return (await delivery()).exportAndDeliver(request, o, process.env, events);
  }
  const modelPath = resolve(request.model);
  const loaded = computeExport(modelPath, { valuesFile: request.values, scenario: request.scenario });
  if (!loaded.ok) {
    reportIssues(o, loaded.issues, json);
    return EXIT.invalid;
  }
  const { program, results, warnings } = loaded.value;
  if (warnings.length > 0 && !json) reportIssues(o, warnings, false);
  const target = resolve(request.out ?? defaultOutPath(modelPath));
  const planned = planExport(loaded.value, { checkCellsAsWritten: true });
  if (!planned.ok) {
    reportIssues(o, planned.issues, json);
    return EXIT.invalid;
  }
  const { workbook } = planned;
  let limits = planned.warnings;
  let lateWarnings = false;
  if (limits.length > 0 && !json) reportIssues(o, limits, false);
  // a device, a FIFO or the model itself is refused before anything is written (safe-path.ts)
  for (const path of request.pdf ? [target, pdfPathFor(target)] : [target]) {
    try {
      outputTarget(path);
    } catch (err) {
      if (!(err instanceof OutputRefusedError)) throw err;
      reportFailure(o, writeFailure(err, path), json);
      return EXIT.invalid;
    }
  }
  const onWait = (holder: { pid: number } | null, lockPath: string): void => {
    if (!request.quiet && !json) o.err(`waiting for ${displayPath(lockPath)}: another export (process ${holder?.pid ?? 'unknown'}) is writing ${displayPath(target)}`);
  };
  let written;
  try {
    mkdirSync(resolve(target, '..'), { recursive: true });
    // a streamed workbook's cells are checked as they are written (export-plan.ts)
    const content = planned.cellsUnchecked
      ? streamChecked(workbook, loaded.value, request.protect ?? false, (late) => {
          limits = late;
          lateWarnings = true;
        })
      : xlsxContent(workbook, { protect: request.protect ?? false });
    if (content instanceof Uint8Array) events.computed?.();
    written = await writeFileAtomically(target, content, { lock: { onWait }, skipIdentical: request.skipIdentical ?? false, digest: events.written !== undefined });
  } catch (err) {
    if (err instanceof CellLimitsError) {
      reportIssues(o, err.issues, json);
      return EXIT.invalid;
    }
    reportFailure(o, writeFailure(err, target), json);
    return err instanceof OutputRefusedError ? EXIT.invalid : EXIT.environment;
  }
  // a streamed workbook's cell warnings (digits Excel drops) are known once it is written
  if (lateWarnings && !json) reportIssues(o, limits, false);
  const failed = results.checks.filter((c) => !c.ok);
  if (written.sha256 !== undefined)
    events.written?.({ workbook: target, sha256: written.sha256, replaced: written.replaced, sheets: workbook.sheets.length, checks: { ok: results.checks.length - failed.length, total: results.checks.length } });
  const summary = { path: displayPath(target), sheets: workbook.sheets.length, checks: results.checks.length, failedChecks: failed.length };
  if (json) o.out(JSON.stringify({ ok: failed.length === 0, ...summary, issues: issuesJson([...warnings, ...limits]) }, null, 2));
  else if (!request.quiet) {
    const what = `(${workbook.sheets.length} sheets, ${results.checks.length - failed.length}/${results.checks.length} checks OK)`;
    o.out(written.replaced ? `wrote ${displayPath(target)} ${what}` : `${displayPath(target)} already held this workbook ${what}`);
  }
  if (request.pdf) {
    const pdf = pdfPathFor(target);
    const { describePdfError, officePdf } = await pdfs();
    try {
      await officePdf(target, pdf);
    } catch (err) {
      // the workbook stays written; only the PDF is missing
      reportFailure(o, { code: 'pdf_failed', message: `wrote ${displayPath(target)} but not ${displayPath(pdf)}: ${describePdfError(err)}` }, json);
      return EXIT.environment;
    }
    if (!request.quiet && !json) o.out(`wrote ${displayPath(pdf)}`);
  }
  if (failed.length > 0) {
    o.err(`${failed.length} check${failed.length === 1 ? '' : 's'} failed:`);
    for (const line of checkTable(program, failed)) o.err(`  ${line}`);
    for (const line of tieOutFailureTable(results)) o.err(`  ${line}`);
    return EXIT.failed;
  }
  return EXIT.ok;
}
