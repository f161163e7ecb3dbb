// Where the queue lives: a Redis URL from --redis or FINBOOK_REDIS_URL (or a jobs file's
// `queue:` block), turned into ioredis options field by field. The URL itself never goes to
// ioredis or into a message: only `shown`, with the password replaced by ***.
import type { RedisOptions } from 'bullmq';
import { maskSecrets } from '../mail/smtp-config.js';

export const REDIS_URL_ENV = 'FINBOOK_REDIS_URL';
const FORM = 'redis://[user:password@]host[:port][/db] (rediss:// for TLS)';

export interface RedisTarget {
  host: string;
  port: number;
  db: number;
  username: string | undefined;
  password: string | undefined;
  tls: boolean;
  /** The URL as it may be printed: the password replaced by ***. */
  shown: string;
}

export type RedisResolution = { ok: true; target: RedisTarget } | { ok: false; message: string };

/** Where a URL came from, for messages: `--redis`, `FINBOOK_REDIS_URL`, `queue.url in the jobs file`. */
export interface RedisUrlSource {
  url: string | undefined;
  where: string;
  /** A password kept outside the URL (a jobs file's queue.password_env), used when the URL has none. */
  password?: string;
}

/** The flag wins over the environment variable. */
export function redisUrlFrom(flag: string | undefined, env: NodeJS.ProcessEnv): RedisUrlSource {
  if (flag !== undefined && flag !== '') return { url: flag, where: '--redis' };
  return { url: env[REDIS_URL_ENV] || undefined, where: REDIS_URL_ENV };
}

export function resolveRedis(source: RedisUrlSource): RedisResolution {
  const raw = source.url;
  if (raw === undefined || raw === '') return { ok: false, message: `no Redis server named: pass --redis ${FORM.split(' ')[0]} or set ${REDIS_URL_ENV}` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // not echoed: a text that is not a URL may still be, or hold, a password
    return { ok: false, message: `${source.where} is not a URL (not shown: it may hold a password); expected ${FORM}` };
  }
  const secret = url.password ? safeDecode(url.password) : undefined;
  const mask = (text: string): string => maskSecrets(text, [url.password, secret, source.password]);
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') return { ok: false, message: mask(`${source.where} must start with redis:// or rediss://, got ${url.protocol}//`) };
  if (!url.hostname) return { ok: false, message: `${source.where} names no host; expected ${FORM}` };
  if (url.search || url.hash) return { ok: false, message: `${source.where}: options after ? or # are not supported; expected ${FORM}` };
  const dbText = url.pathname.replace(/^\//, '');
  const db = dbText === '' ? 0 : Number(dbText);
  if (!Number.isInteger(db) || db < 0 || !/^\d*$/.test(dbText)) return { ok: false, message: mask(`${source.where}: the database after the host must be a number (/0, /1, ...), got /${dbText}`) };
  const username = url.username ? safeDecode(url.username) : undefined;
  const password = secret ?? source.password;
  const port = url.port ? Number(url.port) : 6379;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const user = url.username ? `${url.username}${password !== undefined ? ':***' : ''}@` : password !== undefined ? ':***@' : '';
  return {
    ok: true,
    target: { host, port, db, username, password, tls: url.protocol === 'rediss:', shown: `${url.protocol}//${user}${url.host}/${db}` },
  };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * ioredis options. A command (`queue add`, `queue status`) gives up after a few attempts so
 * an unreachable server is reported at once; a worker keeps trying (a restarted Redis, a
 * network blip) and BullMQ needs maxRetriesPerRequest null for its blocking calls.
 */
export function connectionOptions(t: RedisTarget, use: 'command' | 'worker'): RedisOptions {
  return {
    host: t.host,
    port: t.port,
    db: t.db,
    ...(t.username !== undefined ? { username: t.username } : {}),
    ...(t.password !== undefined ? { password: t.password } : {}),
    ...(t.tls ? { tls: { servername: t.host } } : {}),
    connectionName: use === 'worker' ? 'finbook-worker' : 'finbook',
    connectTimeout: 5_000,
    // ioredis waits this long for a socket that does not close after QUIT (2 s by default),
    // keeping a finished command alive
    disconnectTimeout: 500,
    ...(use === 'worker'
      ? { maxRetriesPerRequest: null, retryStrategy: (attempt: number) => Math.min(250 * attempt, 5_000) }
      : { maxRetriesPerRequest: 1, retryStrategy: (attempt: number) => (attempt > 2 ? null : 100 * attempt) }),
  };
}

/** Every secret a line might hold, replaced with ***. */
export function scrubber(t: RedisTarget): (line: string) => string {
  return (line) => maskSecrets(line, [t.password]);
}
