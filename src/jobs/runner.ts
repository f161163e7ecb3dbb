// `finbook run JOBS.yaml`: every job in order, one line each, then a summary. The exit code
// is the highest of the jobs' codes: 3 (a file, the PDF or the mail failed) over 2 (a model
// or template is invalid) over 1 (checks failed) over 0.
import type { ExitCode } from '../services/exit-codes.js';
import { EXIT } from '../services/exit-codes.js';
import type { Output } from '../services/output.js';
import { reportIssues } from '../services/output.js';
import type { SmtpSettings } from '../mail/smtp-config.js';
import { resolveSmtp } from '../mail/smtp-config.js';
import type { DeliveryDeps, JobOutcome, JobStatus } from './deliver.js';
import { deliver } from './deliver.js';
import { describeOutcome } from './describe.js';
import { loadJobs } from './load.js';
import type { PdfConverter } from './pdf.js';

export interface RunJobsArgs {
  file: string;
  only: string[];
  json: boolean;
}

export interface RunJobsEnv {
  env: NodeJS.ProcessEnv;
  convertToPdf: PdfConverter;
  version: string;
}

const LABEL: Record<JobStatus, string> = {
  delivered: 'delivered',
  written: 'written',
  unchanged: 'unchanged',
  held: 'HELD',
  failed: 'FAILED',
  invalid: 'INVALID',
};

export async function runJobs(args: RunJobsArgs, o: Output, world: RunJobsEnv): Promise<ExitCode> {
  const loaded = loadJobs(args.file, args.only);
  if (!loaded.ok) {
    reportIssues(o, loaded.issues, args.json);
    return EXIT.invalid;
  }
  const { file, jobs } = loaded.value;
  for (const line of plaintextPasswordWarning(file.smtp?.url, 'smtp')) o.err(line);
  if (file.queue) {
    for (const line of plaintextPasswordWarning(file.queue.url, 'queue')) o.err(line);
    // the queue's code (BullMQ) is loaded only when a jobs file names a queue
    const { enqueueJobsFile } = await import('../queue/commands.js');
    return enqueueJobsFile(file, jobs, o, args.json, world.env);
  }
  // Settle the SMTP settings before any work, so a misconfiguration costs no export.
  let smtp: SmtpSettings | null = null;
  if (jobs.some((j) => j.mailTo.length > 0)) {
    const resolved = resolveSmtp(world.env, file.smtp);
    if (!resolved.ok) {
      o.err(`finbook run: ${resolved.message}`);
      return EXIT.invalid;
    }
    smtp = resolved.settings;
  }
  const outcomes: JobOutcome[] = [];
  const width = Math.max(...jobs.map((j) => j.name.length));
  for (const job of jobs) {
    const deps: DeliveryDeps = { smtp, convertToPdf: world.convertToPdf, log: (l) => o.err(`  ${l}`), origin: `job "${job.name}"`, version: world.version };
    const r = await deliver(job, deps);
    outcomes.push(r);
    if (args.json) continue;
    for (const d of r.details) o.err(`  ${job.name}: ${d}`);
    const line = `${LABEL[r.status].padEnd(9)}  ${job.name.padEnd(width)}  ${describeOutcome(r)}`;
    if (r.code === EXIT.ok) o.out(line);
    else o.err(line);
  }
  const code = outcomes.reduce<ExitCode>((worst, r) => (r.code > worst ? r.code : worst), EXIT.ok);
  if (args.json) o.out(JSON.stringify({ ok: code === EXIT.ok, exit_code: code, jobs: outcomes.map(jsonOutcome) }, null, 2));
  else o.out(summary(outcomes, code));
  return code;
}

function summary(outcomes: JobOutcome[], code: ExitCode): string {
  const counts = new Map<JobStatus, number>();
  for (const r of outcomes) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const parts = [...counts].map(([s, n]) => `${n} ${s}`);
  return `${outcomes.length} job${outcomes.length === 1 ? '' : 's'}: ${parts.join(', ')} (exit ${code})`;
}

function jsonOutcome(r: JobOutcome): Record<string, unknown> {
  return {
    name: r.name,
    status: r.status,
    exit_code: r.code,
    workbook: r.workbook,
    pdf: r.pdf,
    sha256: r.sha256,
    checks: r.checks,
    mail: r.mail,
    reason: r.reason,
    issues: r.issues,
  };
}

/** A password written into the jobs file is readable by anyone who can read the file. */
export function plaintextPasswordWarning(url: string | undefined, block: 'smtp' | 'queue' = 'smtp'): string[] {
  if (!url) return [];
  try {
    if (new URL(url).password) return [`warning: ${block}.url in the jobs file holds a password; prefer ${block}.password_env or ${block === 'smtp' ? 'FINBOOK_SMTP_URL' : 'FINBOOK_REDIS_URL'}`];
  } catch {
    // reported by resolveSmtp when the URL is used
  }
  return [];
}
