// `finbook worker --redis URL [--concurrency N] [--root DIR]...`: take export jobs off the
// queue until stopped. Each job is `finbook export` of its model (export-job.ts), written
// atomically; its outcome (checks, SHA-256, time) or its error is recorded on the job.
//
// What BullMQ and this file guarantee between them:
// - A worker that dies holding jobs (SIGKILL, a lost machine) stops renewing their locks;
//   after --lock-timeout another worker's stalled-job check puts them back and they run again.
//   A job run again finds its workbook already in place, byte for byte, and leaves it
//   (ExportRequest.skipIdentical), so the file is written once and whole either way.
// - An invalid model (or job data that does not parse, or a path outside --root) fails at
//   once with its message: UnrecoverableError, no retries. An I/O failure (exit 3) is retried
//   with the job's backoff.
// - SIGTERM (or SIGINT) finishes the jobs in hand, takes no new one, and exits 0; a second
//   signal stops at once as an interrupted export does (its files being written removed,
//   exit 143 or 130), and the jobs in hand go back to the queue as stalled.
import { hostname } from 'node:os';
import type { Job } from 'bullmq';
import { UnrecoverableError, Worker } from 'bullmq';
import type { ExitCode } from '../services/exit-codes.js';
import { EXIT } from '../services/exit-codes.js';
import { optimizeAsUsual } from '../v8-tiering.js';
import type { Output } from '../services/output.js';
import { displayPath } from '../model/load.js';
import { stopNow, takeOverSignals } from '../write/interrupt.js';
import { describeRedisError } from './connect.js';
import { exportJob } from './export-job.js';
import type { ExportJob, JobResult } from './job.js';
import { DEFAULT_QUEUE, exportJobSchema } from './job.js';
import type { RedisTarget } from './redis-url.js';
import { connectionOptions, scrubber } from './redis-url.js';
import { rootOf } from './roots.js';

export interface WorkerSettings {
  redis: RedisTarget;
  queue?: string;
  concurrency: number;
  /** Real paths of the directories jobs may read and write under. */
  roots: string[];
  /** A job whose worker has not renewed its lock for this long is run elsewhere. */
  lockTimeoutMs: number;
  quiet: boolean;
  json: boolean;
}

export const DEFAULT_CONCURRENCY = 2;
export const DEFAULT_LOCK_TIMEOUT_S = 30;
/** Times a job may be found stalled (its worker gone) and run again before it fails. */
const MAX_STALLED = 2;
/** After the jobs in hand are done, how long closing the connections may take (1 s when Redis is not answering). */
const CLOSE_GRACE_MS = 10_000;
const CLOSE_GRACE_OFFLINE_MS = 1_000;

/** Resolves with the exit code once the worker has stopped. */
export async function runWorker(s: WorkerSettings, o: Output, signals: NodeJS.EventEmitter = process): Promise<ExitCode> {
  // a worker runs until stopped: V8's own tiering, not the CLI's (v8-tiering.ts)
  optimizeAsUsual();
  // what comes from outside (Redis' and BullMQ's errors, job data, export messages) is
  // scrubbed of the password; lines made here hold only the URL's printable form
  const scrub = scrubber(s.redis);
  const say = (line: string): void => o.out(line);
  const warn = (line: string): void => o.err(line);
  const name = `${hostname()}:${process.pid}`;
  const queue = s.queue ?? DEFAULT_QUEUE;
  const inHand = new Set<Promise<unknown>>();
  const log = jobLog(s, (l) => say(scrub(l)), (l) => warn(scrub(l)));

  const processor = async (job: Job): Promise<JobResult> => {
    const work = processJob(job, s, name);
    inHand.add(work);
    try {
      const result = await work;
      log.done(job, result);
      return result;
    } catch (err) {
      log.failed(job, err as Error);
      throw err;
    } finally {
      inHand.delete(work);
    }
  };

  const worker = new Worker(queue, processor, {
    connection: connectionOptions(s.redis, 'worker'),
    concurrency: s.concurrency,
    name,
    lockDuration: s.lockTimeoutMs,
    stalledInterval: s.lockTimeoutMs,
    maxStalledCount: MAX_STALLED,
    autorun: false,
  });

  let fatal: string | null = null;
  let lastError = '';
  let stop: (why: 'signal' | 'fatal') => void = () => undefined;
  const stopped = new Promise<'signal' | 'fatal'>((res) => (stop = res));
  worker.on('error', (err: Error) => {
    const message = scrub(err.message ?? String(err));
    // a refused password does not get better by trying again
    if (/WRONGPASS|NOAUTH/.test(message)) {
      fatal = `cannot use the queue at ${s.redis.shown}: ${describeRedisError(message)}`;
      stop('fatal');
      return;
    }
    if (!isConnectionError(message)) {
      // BullMQ's own word about a job (a lock lost to a stalled-job check, say): not an outage
      warn(`finbook worker: ${message}`);
      return;
    }
    if (message === lastError) return;
    lastError = message;
    warn(`finbook worker: Redis at ${s.redis.shown}: ${describeRedisError(message)} (retrying)`);
  });
  worker.on('ready', () => {
    if (lastError !== '') say(`finbook worker: connected to ${s.redis.shown} again`);
    lastError = '';
  });

  // the first SIGTERM or SIGINT finishes the jobs in hand; a second one interrupts as it
  // would any export (src/write/interrupt.ts): files being written are removed, exit 143/130
  takeOverSignals();
  let signalled = false;
  const onSignal = (signal: 'SIGINT' | 'SIGTERM') => (): void => {
    if (!signalled) {
      signalled = true;
      stop('signal');
      return;
    }
    say(`finbook worker ${name}: stopping now; the jobs in hand will run again elsewhere`);
    stopNow(signal);
  };
  const onTerm = onSignal('SIGTERM');
  const onInt = onSignal('SIGINT');
  signals.on('SIGTERM', onTerm);
  signals.on('SIGINT', onInt);
  say(`finbook worker ${name}: queue ${queue} at ${s.redis.shown}, ${s.concurrency} job${s.concurrency === 1 ? '' : 's'} at a time, under ${s.roots.join(', ')}`);
  const running = worker.run().catch((err: Error) => {
    fatal = `the worker stopped: ${describeRedisError(scrub(err.message))}`;
    stop('fatal');
  });

  const why = await stopped;
  // no new job from here on (BullMQ would otherwise fetch the next one as it records the last)
  const closing = worker.close(why === 'fatal').catch(() => undefined);
  if (why === 'signal') {
    say(`finbook worker ${name}: stopping; finishing ${inHand.size} job${inHand.size === 1 ? '' : 's'} in hand`);
    // (a second signal meanwhile stops at once: onSignal)
    await Promise.allSettled([...inHand]);
  }
  const closed = await Promise.race([closing.then(() => true), sleep(lastError === '' ? CLOSE_GRACE_MS : CLOSE_GRACE_OFFLINE_MS).then(() => false)]);
  if (closed) await Promise.race([running, sleep(1000)]);
  signals.off('SIGTERM', onTerm);
  signals.off('SIGINT', onInt);
  const code = fatal !== null ? EXIT.environment : EXIT.ok;
  if (fatal !== null) warn(`finbook worker: ${fatal}`);
  else say(`finbook worker ${name}: stopped${closed ? '' : ` (Redis at ${s.redis.shown} did not answer; the jobs in hand were exported, their outcome may not be recorded)`}`);
  if (!closed) {
    // Redis is gone: BullMQ cannot record anything more, and ioredis would go on trying to
    // reconnect for ever, keeping the process alive. Drop the connections; should anything
    // still hold the process a second from now, end it (a timer that does not itself keep
    // the process alive, so a clean exit is never delayed).
    void worker.disconnect().catch(() => undefined);
    setTimeout(() => process.exit(code), 1000).unref();
  }
  return code;
}

/** One job: its data checked, its paths confined, its export run and turned into an outcome. */
async function processJob(job: Job, s: WorkerSettings, worker: string): Promise<JobResult> {
  const parsed = exportJobSchema.safeParse(job.data);
  if (!parsed.success) {
    const what = parsed.error.issues.map((i) => `${i.path.join('.') || '(job data)'}: ${i.message}`).join('; ');
    throw new UnrecoverableError(`the job's data is not a finbook export job: ${what}`);
  }
  const data = parsed.data;
  for (const [what, path] of [
    ['model', data.model],
    ['workbook', data.out],
  ] as const)
    if (rootOf(path, s.roots) === null) throw new UnrecoverableError(`the ${what} ${path} is outside this worker's roots (${s.roots.join(', ')}); start the worker with --root for it`);
  const r = await exportJob(data);
  const message = r.messages.join('\n');
  switch (r.code) {
    case EXIT.ok:
    case EXIT.failed: {
      if (!r.written) throw new Error(message || 'the export reported no workbook');
      const w = r.written;
      return {
        status: r.code === EXIT.ok ? 'exported' : 'checks_failed',
        workbook: w.workbook,
        sha256: w.sha256,
        written: w.replaced,
        sheets: w.sheets,
        checks: w.checks,
        ...(data.options.pdf ? { pdf: w.workbook.replace(/\.xlsx$/i, '.pdf') } : {}),
        ...(data.options.mailTo.length > 0 ? { mailedTo: data.options.mailTo } : {}),
        ms: Math.round(r.ms),
        worker,
        messages: r.messages,
      };
    }
    case EXIT.invalid:
      throw new UnrecoverableError(message || 'invalid model');
    case EXIT.environment:
      // a file, the disk, LibreOffice, the mail server: worth another attempt later
      throw new Error(message || 'the export failed');
    default:
      return r.code satisfies never;
  }
}

interface JobLog {
  done(job: Job, r: JobResult): void;
  failed(job: Job, err: Error): void;
}

/** One line per job (`--quiet`: failures only), or one JSON object per line with --json. */
function jobLog(s: WorkerSettings, say: (l: string) => void, warn: (l: string) => void): JobLog {
  const modelOf = (job: Job): string => {
    const m = (job.data as Partial<ExportJob> | undefined)?.model;
    return typeof m === 'string' ? displayPath(m) : `job ${job.id}`;
  };
  return {
    done(job, r) {
      if (s.json) return say(JSON.stringify({ event: r.status, job: job.id, model: (job.data as ExportJob).model, ...r }));
      if (s.quiet && r.status === 'exported') return;
      const word = r.status === 'checks_failed' ? 'checks failed' : r.written ? 'done' : 'in place';
      const line = `${word.padEnd(14)} ${modelOf(job)} -> ${displayPath(r.workbook)} (${r.ms} ms, ${r.checks.ok}/${r.checks.total} checks OK, sha256 ${r.sha256.slice(0, 12)})`;
      say(line);
      if (r.status === 'checks_failed') for (const m of r.messages) say(`    ${m}`);
    },
    failed(job, err) {
      const attempts = job.opts.attempts ?? 1;
      const final = err instanceof UnrecoverableError || job.attemptsMade + 1 >= attempts;
      const event = err instanceof UnrecoverableError ? 'invalid' : final ? 'failed' : 'retry';
      if (s.json) return warn(JSON.stringify({ event, job: job.id, model: (job.data as Partial<ExportJob>)?.model, attempt: job.attemptsMade + 1, attempts, message: err.message }));
      const word = event === 'retry' ? `retry ${job.attemptsMade + 1}/${attempts}` : event;
      warn(`${word.padEnd(14)} ${modelOf(job)}`);
      for (const m of err.message.split('\n')) warn(`    ${m}`);
    },
  };
}

/** ioredis' and Node's words for a connection that failed or dropped. */
export function isConnectionError(message: string): boolean {
  return /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|Connection is closed|connect ETIMEDOUT|Socket closed/i.test(message);
}

function sleep(ms: number): Promise<void> {
  return new Promise((res) => setTimeout(res, ms).unref());
}
