// `finbook run JOBS.yaml` for a jobs file with a `queue:` block: each job is checked as it
// would be before a local export (model, template, its output pattern, its mail's key
// figures) and put on the queue instead of being exported here. The workers export and mail.
import type { ExitCode } from '../services/exit-codes.js';
import { EXIT } from '../services/exit-codes.js';
import type { Output } from '../services/output.js';
import { issuesJson } from '../services/output.js';
import type { DeliveryJob } from '../jobs/deliver.js';
import { jobTarget } from '../jobs/deliver.js';
import type { JobsFile } from '../jobs/schema.js';
import type { Issue } from '../issues.js';
import { formatIssue } from '../issues.js';
import { displayPath } from '../model/load.js';
import { openQueue, queueNameProblem } from './connect.js';
import type { Added } from './enqueue.js';
import { addJobs, DEFAULT_RETRY } from './enqueue.js';
import type { ExportJob, ExportOptions } from './job.js';
import { DEFAULT_QUEUE, JOB_FORMAT } from './job.js';
import { checkExportable, contentHash } from './prepare.js';
import { REDIS_URL_ENV, resolveRedis } from './redis-url.js';

type Checked = { job: DeliveryJob; data: ExportJob } | { job: DeliveryJob; issues: Issue[] };

export async function enqueueJobsFile(file: JobsFile, jobs: readonly DeliveryJob[], o: Output, json: boolean, env: NodeJS.ProcessEnv): Promise<ExitCode> {
  const q = file.queue!;
  const fromEnv = env[REDIS_URL_ENV];
  const password = q.password_env ? env[q.password_env] : undefined;
  if (q.password_env && password === undefined) return usage(o, `queue.password_env names ${q.password_env}, which is not set`);
  const redis = resolveRedis(fromEnv ? { url: fromEnv, where: REDIS_URL_ENV } : { url: q.url, where: 'queue.url in the jobs file', ...(password !== undefined ? { password } : {}) });
  if (!redis.ok) return usage(o, redis.message);
  const name = q.name ?? DEFAULT_QUEUE;
  const nameProblem = queueNameProblem(name);
  if (nameProblem) return usage(o, nameProblem.replace('--queue', 'queue.name'));
  if (file.smtp) o.err('warning: smtp: in the jobs file does not travel with queued jobs; the workers mail with their own FINBOOK_SMTP_URL and FINBOOK_MAIL_FROM');

  const at = { redis: redis.target, name };
  const opened = await openQueue(at);
  if (!opened.ok) {
    o.err(`finbook run: ${opened.message}`);
    return EXIT.environment;
  }
  try {
    const checked: Checked[] = jobs.map((job) => check(job));
    const valid = checked.flatMap((c) => ('data' in c ? [c.data] : []));
    let added: Added[];
    try {
      added = await addJobs(opened.queue, valid, { attempts: q.attempts ?? DEFAULT_RETRY.attempts, firstDelayMs: Math.round((q.retry_delay_s ?? DEFAULT_RETRY.firstDelayMs / 1000) * 1000) });
    } catch (err) {
      o.err(`finbook run: cannot add the jobs to ${at.redis.shown}: ${opened.scrub((err as Error).message)}`);
      return EXIT.environment;
    }
    const byJob = new Map(added.map((a) => [a.job, a]));
    const width = Math.max(...jobs.map((j) => j.name.length));
    const rows = checked.map((c) => {
      if ('issues' in c) return { name: c.job.name, status: 'invalid' as const, issues: c.issues };
      const a = byJob.get(c.data)!;
      return { name: c.job.name, status: a.duplicate ? ('duplicate' as const) : ('queued' as const), job: a.id, model: c.data.model, out: c.data.out };
    });
    const invalid = rows.filter((r) => r.status === 'invalid').length;
    const code = invalid > 0 ? EXIT.invalid : EXIT.ok;
    if (json) {
      o.out(
        JSON.stringify(
          { ok: code === EXIT.ok, exit_code: code, queue: name, redis: at.redis.shown, jobs: rows.map((r) => ('issues' in r ? { ...r, issues: issuesJson(r.issues ?? []) } : { ...r, model: displayPath(r.model), out: displayPath(r.out) })) },
          null,
          2,
        ),
      );
      return code;
    }
    for (const r of rows) {
      if ('issues' in r) {
        for (const i of r.issues ?? []) o.err(`  ${r.name}: ${formatIssue(i)}`);
        o.err(`${'INVALID'.padEnd(9)}  ${r.name.padEnd(width)}  not queued`);
      } else if (r.status === 'duplicate') o.out(`${'waiting'.padEnd(9)}  ${r.name.padEnd(width)}  identical to job ${r.job}, already waiting or running`);
      else o.out(`${'queued'.padEnd(9)}  ${r.name.padEnd(width)}  ${displayPath(r.model)} -> ${displayPath(r.out)} (job ${r.job})`);
    }
    const queued = rows.filter((r) => r.status === 'queued').length;
    const waiting = rows.length - queued - invalid;
    const parts = [`${queued} queued`, ...(waiting > 0 ? [`${waiting} already waiting or running`] : []), ...(invalid > 0 ? [`${invalid} invalid`] : [])];
    o.out(`${rows.length} job${rows.length === 1 ? '' : 's'}: ${parts.join(', ')} on ${at.redis.shown} (queue ${name}) (exit ${code})`);
    return code;
  } finally {
    await opened.close();
  }
}

function check(job: DeliveryJob): Checked {
  const options: ExportOptions = { protect: job.protect, pdf: job.pdf, mailTo: job.mailTo, ifChanged: job.ifChanged, holdOnCheckFailure: job.holdOnCheckFailure, ...(job.scenario === undefined ? {} : { scenario: job.scenario }) };
  const exportable = checkExportable(job.modelPath, options);
  if (!exportable.ok) return { job, issues: exportable.issues };
  const target = jobTarget(job, exportable.computed.program);
  if (!target.ok) return { job, issues: target.issues };
  const out = target.value;
  return { job, data: { format: JOB_FORMAT, model: job.modelPath, out, options, hash: contentHash(exportable.computed, out, options), label: job.name } };
}

function usage(o: Output, message: string): ExitCode {
  o.err(`finbook run: ${message}`);
  return EXIT.invalid;
}
