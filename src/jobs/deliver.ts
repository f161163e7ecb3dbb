// One delivery: compute the model, write the workbook (and PDF), mail it, remember what was
// delivered. Used by `finbook run` for each job and by the export service for
// `finbook export --mail-to/--if-changed` (services/export-delivery.ts).
// The workbook is kept whatever happens to the mail; the exit code says what failed.
import { mkdirSync, promises as fs } from 'node:fs';
import { basename, dirname, extname } from 'node:path';
import type { Writable } from 'node:stream';
import { checkTable } from '../services/checks-report.js';
import type { ExitCode } from '../services/exit-codes.js';
import { EXIT } from '../services/exit-codes.js';
import { describeIoError } from '../services/io-errors.js';
import { MAX_SHOWN_ISSUES } from '../services/output.js';
import { computeExport, planExport } from '../services/export-plan.js';
import type { Program } from '../compile/program.js';
import type { Issue } from '../issues.js';
import type { Resolved } from '../model/extends.js';
import { formatIssue } from '../issues.js';
import { reportingPeriod } from '../mail/key-figures.js';
import { composeMessage } from '../mail/message.js';
import { buildReport } from '../mail/report.js';
import { sendWithRetry } from '../mail/send.js';
import type { SmtpSettings } from '../mail/smtp-config.js';
import { tempPathFor, writeFileAtomically } from '../write/atomic.js';
import { removeOnInterrupt } from '../write/interrupt.js';
import { withLock } from '../write/lock.js';
import { OutputRefusedError, outputTarget } from '../write/safe-path.js';
import { writeXlsx } from '../write/xlsx.js';
import type { PatternValues } from './pattern.js';
import type { PdfConverter } from './pdf.js';
import { describePdfError } from './pdf.js';
import { readState, sha256OfFile, writeState } from './state.js';

export interface DeliveryJob {
  name: string;
  /** Absolute path of the model. */
  modelPath: string;
  /** Absolute workbook path from the model's ticker and period. */
  output(values: PatternValues): string;
  pdf: boolean;
  mailTo: string[];
  ifChanged: boolean;
  holdOnCheckFailure: boolean;
  protect: boolean;
  /** The scenario the workbook shows and the mail quotes (id or label; default the template's first). */
  scenario?: string;
  /** Leave a target that already holds exactly these bytes in place (see ExportRequest). */
  skipIdentical?: boolean;
}

export interface DeliveryDeps {
  /** Needed when the job has recipients (callers check this before any work). */
  smtp: SmtpSettings | null;
  convertToPdf: PdfConverter;
  /** Progress lines while the job runs (retries). */
  log(line: string): void;
  /** For the mail's footer, e.g. `job "iij-quarterly"`. */
  origin: string;
  version: string;
}

export type JobStatus = 'delivered' | 'written' | 'unchanged' | 'held' | 'failed' | 'invalid';

export interface JobOutcome {
  name: string;
  status: JobStatus;
  code: ExitCode;
  workbook?: string;
  pdf?: string;
  /** False when --if-changed found the identical file already in place. */
  written?: boolean;
  sheets?: number;
  checks?: { ok: number; total: number };
  sha256?: string;
  mail?: { to: string[]; attempts: number; messageId?: string; rejected: string[] };
  /** What failed, in one line (no secrets). */
  reason?: string;
  /** Lines for stderr: problems of the model, the failed checks. */
  details: string[];
  issues: Issue[];
}

export async function deliver(job: DeliveryJob, deps: DeliveryDeps): Promise<JobOutcome> {
  const base = { name: job.name, details: [] as string[], issues: [] as Issue[] };
  const loaded = computeExport(job.modelPath, job.scenario === undefined ? {} : { scenario: job.scenario });
  if (!loaded.ok) return invalid(base, loaded.issues);
  const computed = loaded.value;
  const { program, results, warnings } = computed;
  base.issues.push(...warnings);
  base.details.push(...warnings.map(formatIssue));
  const targetOf = jobTarget(job, program);
  if (!targetOf.ok) return invalid(base, targetOf.issues);
  const target = targetOf.value;
  const report = job.mailTo.length > 0 ? buildReport(computed) : null;
  if (report && !report.ok) return invalid(base, report.issues);

  const failed = results.checks.filter((c) => !c.ok);
  const checks = { ok: results.checks.length - failed.length, total: results.checks.length };
  // A failed check is a finding about the figures (exit 1), not a reason to stop.
  const checksCode: ExitCode = failed.length > 0 ? EXIT.failed : EXIT.ok;
  if (failed.length > 0) base.details.push(`${failed.length} check${failed.length === 1 ? '' : 's'} failed:`, ...checkTable(program, failed).map((l) => `  ${l}`));
  // Excel's limits, before anything is written (as `finbook export` does)
  const planned = planExport(computed);
  if (!planned.ok) return invalid(base, planned.issues);
  const { workbook, warnings: limits } = planned;
  base.issues.push(...limits);
  base.details.push(...limits.map(formatIssue));
  const out = { ...base, workbook: target, sheets: workbook.sheets.length, checks };

  let file: WriteResult;
  try {
    // a device, a FIFO or one of the job's own inputs is refused before anything is written
    outputTarget(target);
    if (job.pdf) outputTarget(pdfPathOf(target));
  } catch (err) {
    if (!(err instanceof OutputRefusedError)) throw err;
    return { ...out, status: 'invalid', code: EXIT.invalid, reason: `will not write ${target}: ${err.message}` };
  }
  try {
    file = await writeCompared(target, (s) => writeXlsx(workbook, s, { protect: job.protect }), job.ifChanged, job.skipIdentical ?? false);
  } catch (err) {
    return { ...out, status: 'failed', code: EXIT.environment, reason: `cannot write ${target}: ${describeIoError(err)}` };
  }
  const { sha256 } = file;
  if (file.unchanged) return { ...out, status: 'unchanged', code: checksCode, written: file.replaced, sha256 };

  let pdfPath: string | undefined;
  if (job.pdf) {
    pdfPath = pdfPathOf(target);
    try {
      await deps.convertToPdf(target, pdfPath);
    } catch (err) {
      // No mail without the PDF that was asked for; the next run tries again.
      return { ...out, status: 'failed', code: EXIT.environment, written: file.replaced, sha256, reason: `PDF not made${job.mailTo.length > 0 ? ', so nothing was mailed' : ''}: ${describePdfError(err)}` };
    }
  }
  const done = { ...out, written: file.replaced, sha256, ...(pdfPath ? { pdf: pdfPath } : {}) };

  if (!report) {
    if (job.ifChanged) {
      const saved = await saveState(target, sha256, []);
      if (saved) return { ...done, status: 'failed', code: EXIT.environment, reason: saved };
    }
    return { ...done, status: 'written', code: checksCode };
  }
  if (failed.length > 0 && job.holdOnCheckFailure) return { ...done, status: 'held', code: EXIT.failed, reason: 'checks failed; not mailed (hold_on_check_failure)' };
  if (!deps.smtp) return { ...done, status: 'failed', code: EXIT.environment, reason: 'no SMTP server configured' };

  const message = composeMessage({ report: report.report, to: job.mailTo, xlsxPath: target, pdfPath, origin: deps.origin, version: deps.version });
  const sent = await sendWithRetry(deps.smtp, message, (line) => deps.log(`${job.name}: ${line}`));
  if (!sent.ok) {
    const tries = `${sent.attempts} attempt${sent.attempts === 1 ? '' : 's'}`;
    return {
      ...done,
      status: 'failed',
      code: EXIT.environment,
      mail: { to: job.mailTo, attempts: sent.attempts, rejected: [] },
      reason: `mail not delivered (${sent.permanent ? 'permanent failure' : 'temporary failure'}, ${tries}): ${sent.reason} [server ${deps.smtp.shown}]`,
    };
  }
  const mail = { to: job.mailTo, attempts: sent.attempts, messageId: sent.messageId, rejected: sent.rejected };
  const saved = await saveState(target, sha256, sent.accepted);
  if (sent.rejected.length > 0) return { ...done, status: 'failed', code: EXIT.environment, mail, reason: `the server refused ${sent.rejected.join(', ')}` };
  if (saved) return { ...done, status: 'failed', code: EXIT.environment, mail, reason: saved };
  return { ...done, status: 'delivered', code: checksCode, mail };
}

/** The job's workbook: its output pattern filled in from the model (ticker, period, names). */
export function jobTarget(job: Pick<DeliveryJob, 'name' | 'modelPath' | 'output'>, program: Program): Resolved<string> {
  const period = reportingPeriod(program);
  if (!period.ok) return period;
  const m = program.model.value;
  const modelName = basename(job.modelPath, extname(job.modelPath));
  return { ok: true, value: job.output({ ticker: m.entity.ticker ?? modelName, period: period.period, model: modelName, job: job.name }) };
}

interface WriteResult {
  sha256: string;
  /** The bytes equal the last delivery's (only asked with --if-changed). */
  unchanged: boolean;
  /** The file at the target was replaced (false when the identical file was already there). */
  replaced: boolean;
}

/** Write beside the target first, so --if-changed can compare before anything is replaced. */
function pdfPathOf(workbook: string): string {
  return `${workbook.replace(/\.xlsx$/i, '')}.pdf`;
}

async function writeCompared(given: string, produce: (out: Writable) => Promise<void>, ifChanged: boolean, skipIdentical: boolean): Promise<WriteResult> {
  mkdirSync(dirname(given), { recursive: true });
  const target = outputTarget(given);
  // the target's lock, as `finbook export` takes it: a job and an export to the same file take turns
  return withLock(target, () => writeComparedLocked(target, produce, ifChanged, skipIdentical));
}

async function writeComparedLocked(target: string, produce: (out: Writable) => Promise<void>, ifChanged: boolean, skipIdentical: boolean): Promise<WriteResult> {
  const pending = tempPathFor(target);
  // interrupted before the rename, the finished temporary file goes too (src/write/interrupt.ts)
  const forget = removeOnInterrupt(pending);
  try {
    await writeFileAtomically(pending, produce, { lock: false });
    const sha256 = (await sha256OfFile(pending))!;
    const unchanged = ifChanged && (await readState(target))?.sha256 === sha256;
    // Unchanged and still in place: nothing to write. Unchanged but edited or removed since:
    // put the delivered bytes back, without sending them again.
    if ((unchanged || skipIdentical) && (await sha256OfFile(target)) === sha256) {
      await fs.unlink(pending);
      return { sha256, unchanged, replaced: false };
    }
    await fs.rename(pending, target);
    return { sha256, unchanged, replaced: true };
  } catch (err) {
    await fs.unlink(pending).catch(() => undefined);
    throw err;
  } finally {
    forget();
  }
}

function invalid(base: { name: string; details: string[]; issues: Issue[] }, issues: Issue[]): JobOutcome {
  const errors = issues.filter((i) => i.severity !== 'warning').length;
  return {
    ...base,
    status: 'invalid',
    code: EXIT.invalid,
    // the first problems in full, then a count (as `finbook export` prints them)
    details: [...base.details, ...issues.slice(0, MAX_SHOWN_ISSUES).map(formatIssue), ...(issues.length > MAX_SHOWN_ISSUES ? [`… and ${(issues.length - MAX_SHOWN_ISSUES).toLocaleString('en-US')} more (the first ${MAX_SHOWN_ISSUES} are shown)`] : [])],
    issues: [...base.issues, ...issues],
    reason: `${errors} problem${errors === 1 ? '' : 's'} in the model or template; nothing was written`,
  };
}

/** Record the delivery; returns a reason when that fails (the next run would send again). */
async function saveState(target: string, sha256: string, recipients: string[]): Promise<string | undefined> {
  try {
    await writeState(target, { sha256, file: basename(target), delivered_at: new Date().toISOString(), recipients });
    return undefined;
  } catch (err) {
    return `cannot save the delivery state beside ${target}: ${describeIoError(err)}`;
  }
}
