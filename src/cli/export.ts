// `finbook export [MODEL] [--out PATH]`
import { mkdirSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { loadAndCompute, plan } from '../pipeline.js';
import { displayPath } from '../model/load.js';
import { writeFileAtomically } from '../write/atomic.js';
import { OutputRefusedError, outputTarget, safeFileName } from '../write/safe-path.js';
import { xlsxContent } from '../write/xlsx.js';
import { checkTable } from './checks-report.js';
import { tieOutFailureTable } from './tieout-report.js';
import { runExportDelivery } from './export-mail.js';
import type { ExitCode } from './exit-codes.js';
import { EXIT } from './exit-codes.js';
import { isError } from '../issues.js';
import type { Issue } from '../issues.js';
import { checkPlannedWorkbook } from '../plan/text-safety.js';
import { describePdfError, officePdf } from '../jobs/pdf.js';
import type { Output } from './output.js';
import { issuesJson, reportFailure, reportIssues } from './output.js';
import { defaultModelPath } from './paths.js';
import { workbookPathProblem } from './workbook-path.js';

export interface ExportArgs {
  model?: string;
  out?: string;
  json?: boolean;
  protect?: boolean;
  quiet?: boolean;
  /** Mail the workbook to these addresses (src/cli/export-mail.ts). */
  mailTo?: string[];
  /** Write and mail only when the workbook differs from the last one delivered. */
  ifChanged?: boolean;
  /** A CSV file of values merged with the model's (src/model/csv-values.ts). */
  values?: string;
  /** Also print the workbook to PDF (same name, .pdf) through headless LibreOffice. */
  pdf?: boolean;
  /** The scenario selected in the workbook and computed for its cached values (id or label). */
  scenario?: string;
  /**
   * Leave a workbook that already holds exactly these bytes in place instead of replacing it
   * (finbook worker: a job run again after its worker was lost writes its file only once).
   */
  skipIdentical?: boolean;
  /** With mail: a workbook whose checks fail is written but not mailed (a jobs file's hold_on_check_failure). */
  holdOnCheckFailure?: boolean;
}

/** out/x.xlsx -> out/x.pdf */
export function pdfPathFor(workbook: string): string {
  return `${workbook.replace(/\.xlsx$/i, '')}.pdf`;
}

export function defaultOutPath(modelPath: string): string {
  // one plain name inside out/, whatever the model's file is called
  return resolve('out', `${safeFileName(basename(modelPath, extname(modelPath)))}.xlsx`);
}

/** The workbook an export left at its target. */
export interface ExportWritten {
  /** Absolute path of the workbook. */
  workbook: string;
  /** Hex SHA-256 of its bytes. */
  sha256: string;
  /** False when skipIdentical found exactly these bytes in place and left them. */
  replaced: boolean;
  sheets: number;
  checks: { ok: number; total: number };
}

/** What a caller may learn while an export runs (finbook batch, finbook worker). */
export interface ExportEvents {
  /** The workbook is built in memory; only writing it is left. */
  computed?(): void;
  /** The workbook is in place (before any PDF or mail). */
  written?(w: ExportWritten): void;
}

export async function runExport(args: ExportArgs, o: Output, events: ExportEvents = {}): Promise<ExitCode> {
  const badOut = args.out === undefined ? undefined : workbookPathProblem(args.out);
  if (badOut) {
    reportFailure(o, { code: 'out_extension', message: badOut }, args.json ?? false);
    return EXIT.invalid;
  }
  if (args.mailTo !== undefined || args.ifChanged) return runExportDelivery(args, o, process.env, events);
  const modelPath = resolve(args.model ?? defaultModelPath());
  const loaded = loadAndCompute(modelPath, { valuesFile: args.values, scenario: args.scenario });
  if (!loaded.ok) {
    reportIssues(o, loaded.issues, args.json ?? false);
    return EXIT.invalid;
  }
  const { program, results, warnings } = loaded.value;
  if (warnings.length > 0 && !args.json) reportIssues(o, warnings, false);
  const target = resolve(args.out ?? defaultOutPath(modelPath));
  const workbook = plan(loaded.value);
  // Excel's limits, before anything is written (exceljs enforces none of them)
  const limits = checkPlannedWorkbook(workbook, loaded.value);
  if (limits.some(isError)) {
    reportIssues(o, limits, args.json ?? false);
    return EXIT.invalid;
  }
  if (limits.length > 0 && !args.json) reportIssues(o, limits, false);
  // a device, a FIFO or the model itself is refused before anything is written (safe-path.ts)
  for (const path of args.pdf ? [target, pdfPathFor(target)] : [target]) {
    try {
      outputTarget(path);
    } catch (err) {
      if (!(err instanceof OutputRefusedError)) throw err;
      reportFailure(o, writeFailure(err, path), args.json ?? false);
      return EXIT.invalid;
    }
  }
  const onWait = (holder: { pid: number } | null, lockPath: string): void => {
    if (!args.quiet && !args.json) o.err(`waiting for ${displayPath(lockPath)}: another export (process ${holder?.pid ?? 'unknown'}) is writing ${displayPath(target)}`);
  };
  let written;
  try {
    mkdirSync(resolve(target, '..'), { recursive: true });
    const content = xlsxContent(workbook, { protect: args.protect ?? false });
    if (content instanceof Uint8Array) events.computed?.();
    written = await writeFileAtomically(target, content, { lock: { onWait }, skipIdentical: args.skipIdentical ?? false, digest: events.written !== undefined });
  } catch (err) {
    reportFailure(o, writeFailure(err, target), args.json ?? false);
    return err instanceof OutputRefusedError ? EXIT.invalid : EXIT.environment;
  }
  const failed = results.checks.filter((c) => !c.ok);
  if (written.sha256 !== undefined)
    events.written?.({ workbook: target, sha256: written.sha256, replaced: written.replaced, sheets: workbook.sheets.length, checks: { ok: results.checks.length - failed.length, total: results.checks.length } });
  const summary = { path: displayPath(target), sheets: workbook.sheets.length, checks: results.checks.length, failedChecks: failed.length };
  if (args.json) o.out(JSON.stringify({ ok: failed.length === 0, ...summary, issues: issuesJson([...warnings, ...limits]) }, null, 2));
  else if (!args.quiet) {
    const what = `(${workbook.sheets.length} sheets, ${results.checks.length - failed.length}/${results.checks.length} checks OK)`;
    o.out(written.replaced ? `wrote ${displayPath(target)} ${what}` : `${displayPath(target)} already held this workbook ${what}`);
  }
  if (args.pdf) {
    const pdf = pdfPathFor(target);
    try {
      await officePdf(target, pdf);
    } catch (err) {
      // the workbook stays written; only the PDF is missing
      reportFailure(o, { code: 'pdf_failed', message: `wrote ${displayPath(target)} but not ${displayPath(pdf)}: ${describePdfError(err)}` }, args.json ?? false);
      return EXIT.environment;
    }
    if (!args.quiet && !args.json) o.out(`wrote ${displayPath(pdf)}`);
  }
  if (failed.length > 0) {
    o.err(`${failed.length} check${failed.length === 1 ? '' : 's'} failed:`);
    for (const line of checkTable(program, failed)) o.err(`  ${line}`);
    for (const line of tieOutFailureTable(results)) o.err(`  ${line}`);
    return EXIT.failed;
  }
  return EXIT.ok;
}

/** A write that failed: refused (a user mistake, exit 2) or failed (exit 3). */
export function writeFailure(err: unknown, target: string): Issue {
  if (err instanceof OutputRefusedError) return { code: err.code, message: `will not write ${displayPath(target)}: ${err.message}` };
  return { code: 'write_failed', message: `cannot write ${displayPath(target)}: ${describeIoError(err)}` };
}

export function describeIoError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'ENOENT':
      return 'the directory does not exist';
    case 'ENOTDIR':
    case 'EEXIST':
      return 'a part of the path is not a directory';
    case 'EROFS':
      return 'read-only file system';
    default:
      return e.message ?? String(err);
  }
}
