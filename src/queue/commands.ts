// The queue's commands: `finbook queue add`, `finbook queue status`, `finbook worker`, and
// `finbook run` of a jobs file that names a queue. Bundled apart from the CLI as
// dist/queue.cjs (scripts/build.mjs) and loaded only by these commands, so BullMQ costs the
// other commands nothing.
import { resolve } from 'node:path';
import { planTasks } from '../batch/plan-tasks.js';
import type { ExitCode } from '../services/exit-codes.js';
import { EXIT } from '../services/exit-codes.js';
import type { Output } from '../services/output.js';
import { issuesJson } from '../services/output.js';
import type { Issue } from '../issues.js';
import { formatIssue } from '../issues.js';
import { displayPath } from '../model/load.js';
import type { QueueAt } from './connect.js';
import { openQueue, queueNameProblem } from './connect.js';
import type { Added, RetryPolicy } from './enqueue.js';
import { addJobs, DEFAULT_RETRY } from './enqueue.js';
import type { ExportJob, ExportOptions } from './job.js';
import { DEFAULT_QUEUE, exportOptionsSchema, JOB_FORMAT } from './job.js';
import { checkExportable, contentHash } from './prepare.js';
import type { RedisUrlSource } from './redis-url.js';
import { redisUrlFrom, resolveRedis } from './redis-url.js';
import { resolveRoots } from './roots.js';
import { runStatus } from './status.js';
import { DEFAULT_CONCURRENCY, DEFAULT_LOCK_TIMEOUT_S, runWorker } from './worker.js';

export { enqueueJobsFile } from './run-jobs.js';

export interface QueueAddArgs {
  models: string[];
  out: string | undefined;
  redis: string | undefined;
  queue: string | undefined;
  protect: boolean;
  pdf: boolean;
  mailTo: string[] | undefined;
  ifChanged: boolean;
  scenario: string | undefined;
  attempts: unknown;
  retryDelay: unknown;
  json: boolean;
}

export interface QueueStatusArgs {
  redis: string | undefined;
  queue: string | undefined;
  json: boolean;
}

export interface WorkerArgs {
  redis: string | undefined;
  queue: string | undefined;
  concurrency: unknown;
  roots: string[];
  lockTimeout: unknown;
  quiet: boolean;
  json: boolean;
}

/** One problem per mistake in the flags; none means the queue's address and name. */
function queueAt(source: RedisUrlSource, queue: string | undefined, problems: string[]): QueueAt | null {
  const name = queue ?? DEFAULT_QUEUE;
  const nameProblem = queueNameProblem(name);
  if (nameProblem) problems.push(nameProblem);
  const redis = resolveRedis(source);
  if (!redis.ok) problems.push(redis.message);
  return redis.ok && !nameProblem ? { redis: redis.target, name } : null;
}

function wholeNumber(v: unknown, flag: string, min: number, max: number, fallback: number, problems: string[]): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    problems.push(`${flag} must be a whole number from ${min} to ${max}, got ${String(v)}`);
    return fallback;
  }
  return v;
}

function seconds(v: unknown, flag: string, min: number, max: number, fallback: number, problems: string[]): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    problems.push(`${flag} must be a number of seconds from ${min} to ${max}, got ${String(v)}`);
    return fallback;
  }
  return v;
}

function usage(o: Output, command: string, problems: readonly string[]): ExitCode {
  for (const p of problems) o.err(`finbook ${command}: ${p}`);
  return EXIT.invalid;
}

/** The export options of the flags, through the same schema the worker reads them with. */
function exportOptions(a: { protect: boolean; pdf: boolean; mailTo: string[] | undefined; ifChanged: boolean; scenario: string | undefined }, problems: string[]): ExportOptions {
  if (a.mailTo !== undefined && a.mailTo.length === 0) problems.push('--mail-to needs at least one address');
  const parsed = exportOptionsSchema.safeParse({ protect: a.protect, pdf: a.pdf, mailTo: a.mailTo ?? [], ifChanged: a.ifChanged, ...(a.scenario === undefined ? {} : { scenario: a.scenario }) });
  if (!parsed.success) {
    const bad = (a.mailTo ?? []).filter((m, i) => parsed.error.issues.some((x) => x.path[0] === 'mailTo' && x.path[1] === i));
    problems.push(`--mail-to: not an e-mail address: ${bad.map((b) => JSON.stringify(b)).join(', ')}`);
    return exportOptionsSchema.parse({});
  }
  return parsed.data;
}

export async function runQueueAdd(a: QueueAddArgs, o: Output): Promise<ExitCode> {
  const problems: string[] = [];
  if (a.models.length === 0) problems.push('name at least one model file');
  if (!a.out) problems.push('--out is required: the directory the workers write the workbooks to');
  const options = exportOptions(a, problems);
  const retry: RetryPolicy = {
    attempts: wholeNumber(a.attempts, '--attempts', 1, 100, DEFAULT_RETRY.attempts, problems),
    firstDelayMs: Math.round(seconds(a.retryDelay, '--retry-delay', 0, 86_400, DEFAULT_RETRY.firstDelayMs / 1000, problems) * 1000),
  };
  const at = queueAt(redisUrlFrom(a.redis, process.env), a.queue, problems);
  const { tasks, clashes } = planTasks(a.models, resolve(a.out ?? '.'), options.protect);
  problems.push(...clashes);
  if (problems.length > 0 || !at) return usage(o, 'queue add', problems);

  // the queue first: an unreachable server costs no validation of thousands of models
  const opened = await openQueue(at);
  if (!opened.ok) {
    o.err(`finbook queue add: ${opened.message}`);
    return EXIT.environment;
  }
  try {
    const jobs: ExportJob[] = [];
    const invalid: { model: string; issues: Issue[] }[] = [];
    for (const t of tasks) {
      const checked = checkExportable(t.model, options);
      if (!checked.ok) invalid.push({ model: t.model, issues: checked.issues });
      else jobs.push({ format: JOB_FORMAT, model: t.model, out: t.out, options, hash: contentHash(checked.computed, t.out, options) });
    }
    let added: Added[];
    try {
      added = await addJobs(opened.queue, jobs, retry);
    } catch (err) {
      o.err(`finbook queue add: cannot add the jobs to ${at.redis.shown}: ${opened.scrub((err as Error).message)}`);
      return EXIT.environment;
    }
    reportAdded(o, a.json, at, added, invalid, tasks.length);
    return invalid.length > 0 ? EXIT.invalid : EXIT.ok;
  } finally {
    await opened.close();
  }
}

function reportAdded(o: Output, json: boolean, at: QueueAt, added: readonly Added[], invalid: readonly { model: string; issues: Issue[] }[], total: number): void {
  const queued = added.filter((x) => !x.duplicate).length;
  const duplicates = added.length - queued;
  if (json) {
    o.out(
      JSON.stringify(
        {
          ok: invalid.length === 0,
          queue: at.name,
          redis: at.redis.shown,
          queued,
          duplicates,
          invalid: invalid.length,
          jobs: [
            ...added.map((x) => ({ model: displayPath(x.job.model), out: displayPath(x.job.out), status: x.duplicate ? 'duplicate' : 'queued', job: x.id, hash: x.job.hash })),
            ...invalid.map((x) => ({ model: displayPath(x.model), status: 'invalid', issues: issuesJson(x.issues) })),
          ],
        },
        null,
        2,
      ),
    );
    return;
  }
  for (const x of invalid) {
    o.err(`invalid  ${displayPath(x.model)}: not queued`);
    for (const i of x.issues) o.err(`    ${formatIssue(i)}`);
  }
  const parts = [`queued ${queued} of ${total} model${total === 1 ? '' : 's'} on ${at.redis.shown} (queue ${at.name})`];
  if (duplicates > 0) parts.push(`${duplicates} identical to a job already waiting or running, not queued again`);
  if (invalid.length > 0) parts.push(`${invalid.length} invalid, not queued`);
  o.out(parts.join('; '));
}

export async function runQueueStatus(a: QueueStatusArgs, o: Output): Promise<ExitCode> {
  const problems: string[] = [];
  const at = queueAt(redisUrlFrom(a.redis, process.env), a.queue, problems);
  if (problems.length > 0 || !at) return usage(o, 'queue status', problems);
  return runStatus(at, a.json, o);
}

export async function runWorkerCommand(a: WorkerArgs, o: Output): Promise<ExitCode> {
  const problems: string[] = [];
  const concurrency = wholeNumber(a.concurrency, '--concurrency', 1, 64, DEFAULT_CONCURRENCY, problems);
  const lockTimeout = seconds(a.lockTimeout, '--lock-timeout', 1, 3600, DEFAULT_LOCK_TIMEOUT_S, problems);
  const at = queueAt(redisUrlFrom(a.redis, process.env), a.queue, problems);
  const roots = resolveRoots(a.roots);
  if (!roots.ok) problems.push(roots.message);
  if (problems.length > 0 || !at || !roots.ok) return usage(o, 'worker', problems);
  return runWorker({ redis: at.redis, queue: at.name, concurrency, roots: roots.roots, lockTimeoutMs: Math.round(lockTimeout * 1000), quiet: a.quiet, json: a.json }, o);
}
