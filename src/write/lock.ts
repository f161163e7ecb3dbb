// A lock file next to a target so two writers of the same file take turns: the second waits
// (up to a timeout) or gives up with a "locked" error naming the holder. A lock left by a
// process that died (SIGKILL, power loss) is recognised by its process id and broken.
import { hostname } from 'node:os';
import { closeSync, promises as fs, readFileSync, writeSync } from 'node:fs';
import { openFd, unlinkPath } from './fd.js';
import { dirname, join } from 'node:path';
import { refuseWhenInterrupted, removeOnInterrupt } from './interrupt.js';
import { hiddenNameFor } from './safe-path.js';

export const LOCK_MARK = '.finbook-lock';
/** Default wait for a lock held by a live process; FINBOOK_LOCK_TIMEOUT (seconds) overrides. */
export const DEFAULT_LOCK_TIMEOUT_MS = 60_000;
/** A lock file still empty after this long was left by a writer killed while creating it. */
const EMPTY_LOCK_GRACE_MS = 2_000;
/** The breaker is held for microseconds; one older than this belongs to a killed process. */
const STALE_BREAKER_MS = 10_000;
/**
 * A lock is held only while a file is written (seconds, for the largest workbooks); one left
 * by a process on another machine (a queue worker on a machine that was lost) cannot be
 * checked from here, so it is taken as stale once it is this old.
 */
export const FOREIGN_LOCK_STALE_MS = 120_000;

export interface LockHolder {
  pid: number;
  host: string;
  /** When the lock was taken (ISO 8601). */
  since: string;
  /** The holder's start time from /proc, so a reused process id is not mistaken for it. */
  start: string | null;
}

export interface LockOptions {
  /** How long to wait for a live holder; default FINBOOK_LOCK_TIMEOUT or 60 s. */
  timeoutMs?: number;
  pollMs?: number;
  /** Called once when the lock is busy and the caller starts waiting. */
  onWait?: (holder: LockHolder | null, lockPath: string) => void;
}

export interface Lock {
  path: string;
  release(): Promise<void>;
}

export class LockedError extends Error {
  readonly code = 'ELOCKED';
  constructor(
    readonly lockPath: string,
    readonly holder: LockHolder | null,
    readonly waitedMs: number,
  ) {
    const who = holder ? `process ${holder.pid}${holder.host !== hostname() ? ` on ${holder.host}` : ''} since ${holder.since}` : 'another process';
    super(`locked by ${who}; gave up after ${Math.round(waitedMs / 1000)} s (if no finbook is running, delete ${lockPath})`);
  }
}

/** The breaker's suffix (breakStaleLock): the longest name the lock needs beside its own. */
const BREAK_MARK = '.break';

export function lockPathFor(target: string): string {
  return join(dirname(target), `${hiddenNameFor(target, LOCK_MARK.length + BREAK_MARK.length)}${LOCK_MARK}`);
}

export function lockTimeoutMs(options: LockOptions = {}): number {
  if (options.timeoutMs !== undefined) return options.timeoutMs;
  const env = Number(process.env.FINBOOK_LOCK_TIMEOUT);
  return process.env.FINBOOK_LOCK_TIMEOUT && Number.isFinite(env) && env >= 0 ? env * 1000 : DEFAULT_LOCK_TIMEOUT_MS;
}

export async function acquireLock(target: string, options: LockOptions = {}): Promise<Lock> {
  const path = lockPathFor(target);
  const timeout = lockTimeoutMs(options);
  const began = Date.now();
  const me: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString(), start: ownStart() };
  const mine = JSON.stringify(me);
  let told = false;
  for (;;) {
    try {
      // O_CREAT|O_EXCL: exactly one process creates the file, on every local file system.
      // (Creating waits on the disk, in the thread pool; a few bytes are written at once.)
      refuseWhenInterrupted();
      const fd = await openFd(path, 'wx', 0o644);
      const forget = removeOnInterrupt(path, mine);
      try {
        writeSync(fd, mine);
      } finally {
        closeSync(fd);
      }
      return {
        path,
        release: async () => {
          await releaseLock(path, mine);
          forget();
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const seen = await readLock(path);
    if (seen === null) continue; // released between our attempt and the read
    const holder = parseHolder(seen.text);
    if (isStale(holder, seen.ageMs)) {
      await breakStaleLock(path, seen.identity);
      continue;
    }
    const waited = Date.now() - began;
    if (waited >= timeout) throw new LockedError(path, holder, waited);
    if (!told) {
      told = true;
      options.onWait?.(holder, path);
    }
    await sleep(Math.min(options.pollMs ?? 100, Math.max(1, timeout - waited)));
  }
}

export async function withLock<T>(target: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const lock = await acquireLock(target, options);
  try {
    return await work();
  } finally {
    await lock.release();
  }
}

async function releaseLock(path: string, mine: string): Promise<void> {
  // Only our own lock: if it was broken as stale (it cannot be while we live), leave the new one.
  let text: string | undefined;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (text === mine) await unlinkPath(path).catch(() => undefined);
}

interface SeenLock {
  text: string;
  ageMs: number;
  /** Which file this was (inode and mtime), so a new lock with the same text is not taken for it. */
  identity: string;
}

async function readLock(path: string): Promise<SeenLock | null> {
  try {
    const [text, stat] = await Promise.all([fs.readFile(path, 'utf8'), fs.stat(path)]);
    return { text, ageMs: Date.now() - stat.mtimeMs, identity: `${stat.ino}:${stat.mtimeMs}:${text}` };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

function parseHolder(text: string): LockHolder | null {
  try {
    const v = JSON.parse(text) as Partial<LockHolder>;
    if (typeof v.pid !== 'number' || typeof v.host !== 'string') return null;
    return { pid: v.pid, host: v.host, since: String(v.since ?? ''), start: typeof v.start === 'string' ? v.start : null };
  } catch {
    return null;
  }
}

function isStale(holder: LockHolder | null, ageMs: number): boolean {
  // Empty or torn: the writer was killed between creating the file and filling it.
  if (!holder) return ageMs > EMPTY_LOCK_GRACE_MS;
  // Another machine's process cannot be checked from here: wait for it (or the timeout),
  // unless the lock is older than any write takes.
  if (holder.host !== hostname()) return ageMs > FOREIGN_LOCK_STALE_MS;
  return !isProcessAlive(holder.pid, holder.start);
}

export function isProcessAlive(pid: number, start: string | null = null): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: the process exists but belongs to someone else
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const now = processStart(pid);
  return !(start && now && now !== start);
}

let ownStartTime: string | null | undefined;

/** This process's start time (processStart), read once. */
function ownStart(): string | null {
  if (ownStartTime === undefined) ownStartTime = processStart(process.pid);
  return ownStartTime;
}

/** Field 22 of /proc/PID/stat (start time in clock ticks since boot), or null off Linux. */
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) is in brackets and may hold spaces: count after the last ')'
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/**
 * Remove a stale lock without racing another breaker: a short-lived second lock file makes
 * breakers take turns, and the lock is removed only if it still holds what was judged stale
 * (a fresh lock taken in between is left alone).
 */
async function breakStaleLock(path: string, staleIdentity: string): Promise<void> {
  const breaker = `${path}${BREAK_MARK}`;
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(breaker, 'wx', 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const stat = await fs.stat(breaker).catch(() => null);
    if (stat && Date.now() - stat.mtimeMs > STALE_BREAKER_MS) await fs.unlink(breaker).catch(() => undefined);
    else await sleep(5);
    return;
  }
  try {
    const now = await readLock(path);
    if (now?.identity === staleIdentity) await fs.unlink(path).catch(() => undefined);
  } finally {
    await handle.close();
    await fs.unlink(breaker).catch(() => undefined);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((res) => setTimeout(res, ms));
}
