// A real Redis (Debian's redis-server) for the queue tests: its own loopback port (never
// 6379), its own working directory in the temp dir, a password with characters that need
// escaping in a URL, AOF on when a test restarts it. Stopped and removed by the test.
import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { closedPort } from '../mail/smtp-sink.js';

export const REDIS_SERVER = process.env.FINBOOK_REDIS_SERVER ?? 'redis-server';
export const redisAvailable = spawnSync(REDIS_SERVER, ['--version'], { encoding: 'utf8' }).status === 0;
/** Without redis-server: skipped on a developer's machine, failed on CI (CI is set). */
export const describeWithRedis = redisAvailable || process.env.CI ? describe : describe.skip;

/** A password that must be escaped in a URL, so a leak in any form is caught. */
export const PASSWORD = 'pa:ss@w/rd#7%q';

export interface RedisServer {
  port: number;
  /** redis://:PASSWORD@127.0.0.1:PORT/0, the password URL-encoded. */
  url: string;
  dir: string;
  /** SIGKILL, as a crash or a lost machine. */
  kill(): Promise<void>;
  /** Start again on the same port with the same directory (its AOF). */
  restart(): Promise<void>;
  /** Stop and remove its directory. */
  stop(): Promise<void>;
}

export async function startRedis(options: { aof?: boolean } = {}): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'finbook-redis-'));
  let port = await closedPort();
  while (port === 6379) port = await closedPort();
  const args = [
    '--port', String(port),
    '--bind', '127.0.0.1',
    '--dir', dir,
    '--daemonize', 'no',
    '--save', '',
    '--appendonly', options.aof ? 'yes' : 'no',
    // every write on disk before Redis answers: a SIGKILL loses nothing acknowledged
    '--appendfsync', 'always',
    '--maxmemory-policy', 'noeviction',
    '--requirepass', PASSWORD,
    '--logfile', join(dir, 'redis.log'),
  ];
  let child: ChildProcess | null = null;
  const start = async (): Promise<void> => {
    child = spawn(REDIS_SERVER, args, { stdio: 'ignore' });
    await waitForPong(port);
  };
  const exited = async (signal: NodeJS.Signals): Promise<void> => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const done = new Promise<void>((res) => c.once('exit', () => res()));
    c.kill(signal);
    await done;
    child = null;
  };
  await start();
  return {
    port,
    url: `redis://:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}/0`,
    dir,
    kill: () => exited('SIGKILL'),
    restart: start,
    stop: async () => {
      await exited('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** AUTH and PING over RESP until Redis answers PONG (10 s at most). */
async function waitForPong(port: number): Promise<void> {
  const auth = `*2\r\n$4\r\nAUTH\r\n$${Buffer.byteLength(PASSWORD)}\r\n${PASSWORD}\r\n*1\r\n$4\r\nPING\r\n`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ok = await new Promise<boolean>((res) => {
      const s = connect(port, '127.0.0.1');
      let text = '';
      s.setTimeout(1000, () => (s.destroy(), res(false)));
      s.on('error', () => res(false));
      s.on('connect', () => s.write(auth));
      s.on('data', (d) => {
        text += d.toString();
        if (text.includes('+PONG')) {
          s.end();
          res(true);
        } else if (text.includes('-')) {
          // LOADING the AOF, or not yet ready
          s.destroy();
          res(false);
        }
      });
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer within 10 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
