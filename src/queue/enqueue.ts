// Put export jobs on the queue. A job's id carries its content hash, and BullMQ's
// deduplication keeps one job per hash while it waits, retries or runs: adding the same
// export again meanwhile is a no-op (a second `queue add`, a cron run that overlaps the last).
// Once the job is finished, the same export may be queued again (the next refresh).
import { randomBytes } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { ExportJob } from './job.js';
import { JOB_NAME } from './job.js';

export interface RetryPolicy {
  /** Attempts in all for a job that fails for want of a file, a disk, a mail server. */
  attempts: number;
  /** Wait before the second attempt; each later wait doubles. */
  firstDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, firstDelayMs: 5_000 };
/** Finished jobs stay this long for `queue status` (seconds), then BullMQ removes them. */
export const KEEP_DONE_S = 7 * 24 * 3600;
export const KEEP_FAILED_S = 30 * 24 * 3600;
/** Jobs per round trip. */
const CHUNK = 500;

export interface Added {
  job: ExportJob;
  /** The job's id: new, or the identical job's that was already waiting or running. */
  id: string;
  duplicate: boolean;
}

/** `<12 hex of the hash>-<time>-<random>`: unique per add, readable in `queue status`. */
export function newJobId(hash: string): string {
  return `${hash.slice(0, 12)}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

export async function addJobs(queue: Queue<ExportJob>, jobs: readonly ExportJob[], retry: RetryPolicy): Promise<Added[]> {
  const added: Added[] = [];
  for (let at = 0; at < jobs.length; at += CHUNK) {
    const chunk = jobs.slice(at, at + CHUNK).map((job) => ({ job, id: newJobId(job.hash) }));
    const made = await queue.addBulk(
      chunk.map(({ job, id }) => ({
        name: JOB_NAME,
        data: job,
        opts: {
          jobId: id,
          deduplication: { id: job.hash },
          attempts: retry.attempts,
          backoff: { type: 'exponential', delay: retry.firstDelayMs },
          removeOnComplete: { age: KEEP_DONE_S },
          removeOnFail: { age: KEEP_FAILED_S },
        },
      })),
    );
    // BullMQ answers a deduplicated add with the id of the job already there
    made.forEach((j, i) => added.push({ job: chunk[i]!.job, id: j.id ?? chunk[i]!.id, duplicate: j.id !== chunk[i]!.id }));
  }
  return added;
}
