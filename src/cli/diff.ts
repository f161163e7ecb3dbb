// `finbook diff WORKBOOK [--model MODEL] [--no-recalc] [--json]`: every edit made to a
// workbook finbook wrote, by sheet, line and period, and the checks that fail after
// LibreOffice recalculated it. Exit 0 nothing changed, 1 something did, 2 the workbook (or
// the model) cannot be read, 3 LibreOffice is missing or failed.
import { readInputFile } from '../input/read.js';
import { resolve } from 'node:path';
import type { Issue } from '../issues.js';
import { displayPath } from '../model/load.js';
import type { OfficeSession } from '../office/index.js';
import { OfficeFailedError, OfficeMissingError, openOfficeSession, recalculateWithOffice } from '../office/index.js';
import { loadAndCompute, plan } from '../pipeline.js';
import { newlyFailing } from '../roundtrip/changes.js';
import type { DiffResult } from '../roundtrip/changes.js';
import { NoMapError, diffWorkbook } from '../roundtrip/diff.js';
import { expandSharedFormulas } from '../roundtrip/excel-formula.js';
import type { WorkbookMap } from '../plan/map-format.js';
import { loadStoredMap } from '../plan/map-format.js';
import { MapReadError, readWorkbookMap } from '../roundtrip/read-map.js';
import { reportJson, reportLines } from '../roundtrip/report.js';
import type { ReadWorkbook } from '../verify/read-xlsx.js';
import { WorkbookReadError, readXlsx } from '../verify/read-xlsx.js';
import type { ExitCode } from './exit-codes.js';
import { EXIT } from './exit-codes.js';
import { describeIoError } from './export.js';
import type { Output } from './output.js';
import { reportIssues } from './output.js';

export interface DiffArgs {
  workbook: string;
  model?: string;
  json?: boolean;
  /** Recalculate with LibreOffice to evaluate the checks (default); false: the cached values. */
  recalc?: boolean;
}

/** A failure that ends the command with a message and an exit code. */
export class CommandFailure extends Error {
  constructor(
    message: string,
    readonly code: ExitCode,
    readonly issues?: Issue[],
  ) {
    super(message);
    this.name = 'CommandFailure';
  }
}

/** The model's map (--model): what the model would write now. */
export function modelMap(modelPath: string): WorkbookMap {
  const loaded = loadAndCompute(resolve(modelPath));
  if (!loaded.ok) throw new CommandFailure('', EXIT.invalid, loaded.issues);
  const planned = plan(loaded.value);
  if (!planned.map) throw new CommandFailure(`${displayPath(resolve(modelPath))}: the model's workbook is too large to map cell by cell; diff and pull work on workbooks of up to 50,000 input and formula cells`, EXIT.invalid);
  return loadStoredMap(planned.map)!;
}

/** Read a workbook, failing with exit 2 (not a workbook, no such file) or 3 (I/O). */
export async function readWorkbookFile(path: string): Promise<ReadWorkbook> {
  const shown = displayPath(path);
  // a regular file of bounded size only: a FIFO or a device is refused, never waited on
  const read = readInputFile(path);
  if (!read.ok) throw new CommandFailure(`cannot read ${shown}: ${read.reason}`, read.code === 'file_unreadable' && !/no such file|directory/.test(read.reason) ? EXIT.environment : EXIT.invalid);
  const bytes = read.bytes;
  try {
    const wb = readXlsx(bytes);
    expandSharedFormulas(wb);
    return wb;
  } catch (err) {
    if (err instanceof WorkbookReadError) throw new CommandFailure(`${shown}: ${err.message}`, EXIT.invalid);
    throw err;
  }
}

/** The diff of a workbook (recalculated by LibreOffice when `recalc`), or a CommandFailure. */
export async function diffFile(args: DiffArgs, session?: OfficeSession): Promise<DiffResult> {
  const path = resolve(args.workbook);
  const shown = displayPath(path);
  const file = await readWorkbookFile(path);
  // a workbook without a usable map and no model: say so before LibreOffice starts
  try {
    const read = readWorkbookMap(file);
    if (!read && args.model === undefined) throw new NoMapError('the workbook carries no map of its cells (written by an earlier finbook, or too large to map): give the model it was written from with --model');
  } catch (err) {
    if (err instanceof NoMapError || err instanceof MapReadError) throw new CommandFailure(`${shown}: ${err.message}`, EXIT.invalid);
    throw err;
  }
  const model = args.model === undefined ? undefined : modelMap(args.model);
  let recalculated: ReadWorkbook | undefined;
  if (args.recalc !== false) {
    let own: OfficeSession | undefined;
    try {
      const s = session ?? (own = await openOfficeSession());
      recalculated = readXlsx(await recalculateWithOffice(s, path));
    } catch (err) {
      if (err instanceof OfficeMissingError || err instanceof OfficeFailedError) throw new CommandFailure(`finbook diff: ${err.message} (or run with --no-recalc to read the checks from the values cached in the file)`, EXIT.environment);
      throw err;
    } finally {
      await own?.dispose();
    }
  }
  try {
    return diffWorkbook({ shown, file, ...(recalculated ? { recalculated } : {}), ...(model ? { model } : {}) });
  } catch (err) {
    if (err instanceof NoMapError || err instanceof MapReadError) throw new CommandFailure(`${shown}: ${err.message}`, EXIT.invalid);
    throw err;
  }
}

export function reportFailure(err: unknown, o: Output, json: boolean): ExitCode {
  if (!(err instanceof CommandFailure)) throw err;
  if (err.issues) reportIssues(o, err.issues, json);
  else if (json) o.out(JSON.stringify({ ok: false, issues: [{ severity: 'error', code: 'diff_failed', message: err.message }] }, null, 2));
  else o.err(err.message);
  return err.code;
}

export async function runDiff(args: DiffArgs, o: Output): Promise<ExitCode> {
  let result: DiffResult;
  try {
    result = await diffFile(args);
  } catch (err) {
    return reportFailure(err, o, args.json ?? false);
  }
  if (args.json) o.out(reportJson(result));
  else for (const line of reportLines(result)) o.out(line);
  return result.changes.length > 0 || newlyFailing(result.checks).length > 0 ? EXIT.failed : EXIT.ok;
}
