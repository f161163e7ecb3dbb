// A BullMQ queue for a command that runs and ends (`queue add`, `queue status`, `finbook run`
// with a queue): connected before any work, so an unreachable server or a refused password is
// reported at once (exit 3), and closed at the end. Redis' own messages are scrubbed of the password.
import { Queue } from 'bullmq';
import type { ExportJob } from './job.js';
import type { RedisTarget } from './redis-url.js';
import { connectionOptions, scrubber } from './redis-url.js';

export interface QueueAt {
  redis: RedisTarget;
  name: string;
}

export type Opened = { ok: true; queue: Queue<ExportJob>; close(): Promise<void>; scrub(text: string): string } | { ok: false; message: string };

/** Queue names become part of Redis keys: keep them plain. */
export function queueNameProblem(name: string): string | null {
  return /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(name) ? null : `--queue must be a name of letters, digits, _ . and - (up to 64), got ${JSON.stringify(name)}`;
}

export async function openQueue(at: QueueAt): Promise<Opened> {
  const scrub = scrubber(at.redis);
  const queue = new Queue<ExportJob>(at.name, { connection: connectionOptions(at.redis, 'command') });
  let last: string | undefined;
  queue.on('error', (err: Error) => {
    last = err.message;
  });
  const close = async (): Promise<void> => {
    await queue.close().catch(() => undefined);
  };
  try {
    await queue.waitUntilReady();
    // a command that answers proves the password too
    await queue.getJobCounts('wait');
  } catch (err) {
    await close();
    return { ok: false, message: `cannot use the queue at ${at.redis.shown}: ${describeRedisError(scrub((err as Error).message ?? last ?? 'unknown error'))}` };
  }
  return { ok: true, queue, close, scrub };
}

/** Redis' own words, with a hint for the usual mistakes. */
export function describeRedisError(message: string): string {
  if (/WRONGPASS|invalid password/i.test(message)) return 'the server refused the user name or password';
  if (/NOAUTH/i.test(message)) return 'the server wants a password (redis://:PASSWORD@host:port)';
  if (/ECONNREFUSED/.test(message)) return `nothing listens there (${message})`;
  return message;
}
