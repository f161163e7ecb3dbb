// The Redis URL: what it connects to, what may be printed of it, and that its password is
// never in a message or in the printable form, whatever the password holds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { connectionOptions, redisUrlFrom, resolveRedis } from '../../src/queue/redis-url.js';

const at = (url: string | undefined) => resolveRedis({ url, where: '--redis' });

describe('resolveRedis', () => {
  it.each([
    ['redis://127.0.0.1', { host: '127.0.0.1', port: 6379, db: 0, username: undefined, password: undefined, tls: false, shown: 'redis://127.0.0.1/0' }],
    ['redis://queue.example.com:6380/2', { host: 'queue.example.com', port: 6380, db: 2, username: undefined, password: undefined, tls: false, shown: 'redis://queue.example.com:6380/2' }],
    ['redis://:s%40cret@10.1.2.3:6379', { host: '10.1.2.3', port: 6379, db: 0, username: undefined, password: 's@cret', tls: false, shown: 'redis://:***@10.1.2.3:6379/0' }],
    ['rediss://finbook:pw@[::1]:6390/1', { host: '::1', port: 6390, db: 1, username: 'finbook', password: 'pw', tls: true, shown: 'rediss://finbook:***@[::1]:6390/1' }],
    ['redis://finbook@host', { host: 'host', port: 6379, db: 0, username: 'finbook', password: undefined, tls: false, shown: 'redis://finbook@host/0' }],
  ])('%s', (url, target) => {
    expect(at(url)).toEqual({ ok: true, target });
  });

  it.each([
    [undefined, 'no Redis server named: pass --redis redis://[user:password@]host[:port][/db] or set FINBOOK_REDIS_URL'],
    ['127.0.0.1:6379', '--redis is not a URL (not shown: it may hold a password); expected redis://[user:password@]host[:port][/db] (rediss:// for TLS)'],
    ['localhost:6379', '--redis must start with redis:// or rediss://, got localhost://'],
    ['http://host', '--redis must start with redis:// or rediss://, got http://'],
    ['redis:///0', '--redis names no host; expected redis://[user:password@]host[:port][/db] (rediss:// for TLS)'],
    ['redis://host/db1', '--redis: the database after the host must be a number (/0, /1, ...), got /db1'],
    ['redis://host?tls=1', '--redis: options after ? or # are not supported; expected redis://[user:password@]host[:port][/db] (rediss:// for TLS)'],
    ['redis://:pw@ho st', '--redis is not a URL (not shown: it may hold a password); expected redis://[user:password@]host[:port][/db] (rediss:// for TLS)'],
  ])('refuses %s', (url, message) => {
    expect(at(url)).toEqual({ ok: false, message });
  });

  it('takes the password from outside the URL (a jobs file\'s password_env) when the URL has none', () => {
    const r = resolveRedis({ url: 'redis://finbook@host', where: 'queue.url in the jobs file', password: 'from-env' });
    expect(r).toMatchObject({ ok: true, target: { username: 'finbook', password: 'from-env', shown: 'redis://finbook:***@host/0' } });
  });

  it('never shows the password, in a URL that parses or one that does not', () => {
    const password = fc.string({ minLength: 6, maxLength: 24 }).filter((p) => !/^[*\s]*$/.test(p) && !/^[a-z/:.]+$/i.test(p));
    const shape = fc.constantFrom(
      (p: string) => `redis://:${encodeURIComponent(p)}@127.0.0.1:6379/0`,
      (p: string) => `redis://user:${encodeURIComponent(p)}@host/x`,
      (p: string) => `rediss://:${encodeURIComponent(p)}@host:99999`,
      (p: string) => `redis://:${p}@host`,
      (p: string) => `redis//:${p}@host`,
      (p: string) => `ftp://:${encodeURIComponent(p)}@host`,
      (p: string) => p,
    );
    fc.assert(
      fc.property(password, shape, (p, make) => {
        const r = at(make(p));
        const text = r.ok ? r.target.shown : r.message;
        for (const form of [p, encodeURIComponent(p)]) expect(text).not.toContain(form);
      }),
      { numRuns: 500 },
    );
  });
});

describe('redisUrlFrom', () => {
  it('prefers --redis, then FINBOOK_REDIS_URL', () => {
    expect(redisUrlFrom('redis://a', { FINBOOK_REDIS_URL: 'redis://b' })).toEqual({ url: 'redis://a', where: '--redis' });
    expect(redisUrlFrom(undefined, { FINBOOK_REDIS_URL: 'redis://b' })).toEqual({ url: 'redis://b', where: 'FINBOOK_REDIS_URL' });
    expect(redisUrlFrom(undefined, {})).toEqual({ url: undefined, where: 'FINBOOK_REDIS_URL' });
  });
});

describe('connectionOptions', () => {
  const r = at('redis://:pw@host:6390/3');
  const t = r.ok ? r.target : null;
  it('lets a worker wait for Redis forever (BullMQ needs maxRetriesPerRequest null) and a command give up', () => {
    const w = connectionOptions(t!, 'worker');
    expect(w).toMatchObject({ host: 'host', port: 6390, db: 3, password: 'pw', maxRetriesPerRequest: null });
    expect((w.retryStrategy as (n: number) => number | null)(1000)).toBe(5000);
    const c = connectionOptions(t!, 'command');
    expect(c.maxRetriesPerRequest).toBe(1);
    expect((c.retryStrategy as (n: number) => number | null)(3)).toBeNull();
  });
});
