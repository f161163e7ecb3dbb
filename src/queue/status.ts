// `finbook queue status`: how many jobs wait, run, wait to be retried, are done or failed,
// and why each failed one failed. --json adds every job's record (a done job's workbook,
// SHA-256, checks and time). Exit 0 when no job failed, 1 when some did.
import type { Job } from 'bullmq';
import type { ExitCode } from '../services/exit-codes.js';
import { EXIT } from '../services/exit-codes.js';
import type { Output } from '../services/output.js';
import { displayPath } from '../model/load.js';
import type { QueueAt } from './connect.js';
import { openQueue } from './connect.js';
import type { ExportJob } from './job.js';
import { jobResultSchema } from './job.js';
import { scrubber } from './redis-url.js';

export interface StatusCounts {
  waiting: number;
  active: number;
  /** Failed once, waiting for their next attempt. */
  retrying: number;
  done: number;
  failed: number;
}

export async function runStatus(at: QueueAt, json: boolean, o: Output): Promise<ExitCode> {
  // job data and failure messages come from Redis: scrubbed of the password before printing
  const scrub = scrubber(at.redis);
  const opened = await openQueue(at);
  if (!opened.ok) {
    o.err(`finbook queue status: ${opened.message}`);
    return EXIT.environment;
  }
  try {
    const q = opened.queue;
    const c = await q.getJobCounts('wait', 'prioritized', 'active', 'delayed', 'completed', 'failed');
    const counts: StatusCounts = { waiting: (c.wait ?? 0) + (c.prioritized ?? 0), active: c.active ?? 0, retrying: c.delayed ?? 0, done: c.completed ?? 0, failed: c.failed ?? 0 };
    const failed = (await q.getFailed(0, -1)).filter(Boolean).sort(byFinish);
    if (json) {
      const [active, done] = await Promise.all([q.getActive(0, -1), q.getCompleted(0, -1)]);
      const jobs = {
        active: active.filter(Boolean).map((j) => ({ ...describe(j), worker: j.processedBy ?? null, since: iso(j.processedOn) })),
        done: done.filter(Boolean).sort(byFinish).map((j) => ({ ...describe(j), result: parseResult(j.returnvalue), finished: iso(j.finishedOn), stalled: j.stalledCounter ?? 0 })),
        failed: failed.map((j) => ({ ...describe(j), reason: j.failedReason ?? '', finished: iso(j.finishedOn) })),
      };
      o.out(JSON.stringify({ queue: at.name, redis: at.redis.shown, ...counts, jobs: scrubStrings(jobs, scrub) }, null, 2));
    } else {
      o.out(`queue ${at.name} at ${at.redis.shown}: ${counts.waiting} waiting, ${counts.active} active, ${counts.retrying} to retry, ${counts.done} done, ${counts.failed} failed`);
      for (const j of failed) {
        const d = describe(j);
        o.out(scrub(`failed  ${d.model}${d.out ? ` -> ${d.out}` : ''} (job ${d.id}, ${d.attempts} attempt${d.attempts === 1 ? '' : 's'}, ${iso(j.finishedOn) ?? 'unknown time'})`));
        for (const line of (j.failedReason ?? '').split('\n')) o.out(scrub(`    ${line}`));
      }
    }
    return counts.failed > 0 ? EXIT.failed : EXIT.ok;
  } catch (err) {
    o.err(`finbook queue status: cannot read the queue at ${at.redis.shown}: ${scrub((err as Error).message)}`);
    return EXIT.environment;
  } finally {
    await opened.close();
  }
}

function describe(j: Job): { id: string; model: string; out: string | null; attempts: number } {
  const data = (j.data ?? {}) as Partial<ExportJob>;
  return {
    id: String(j.id),
    model: typeof data.model === 'string' ? displayPath(data.model) : '(not an export job)',
    out: typeof data.out === 'string' ? displayPath(data.out) : null,
    attempts: j.attemptsMade ?? 0,
  };
}

function parseResult(v: unknown): unknown {
  const r = jobResultSchema.safeParse(v);
  return r.success ? { ...r.data, workbook: displayPath(r.data.workbook) } : v;
}

function iso(ms: number | undefined): string | null {
  return ms ? new Date(ms).toISOString() : null;
}

function byFinish(a: Job, b: Job): number {
  return (a.finishedOn ?? 0) - (b.finishedOn ?? 0);
}

/** Every string inside a value read from Redis, scrubbed. */
function scrubStrings(v: unknown, scrub: (s: string) => string): unknown {
  if (typeof v === 'string') return scrub(v);
  if (Array.isArray(v)) return v.map((x) => scrubStrings(x, scrub));
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scrubStrings(x, scrub)]));
  return v;
}
