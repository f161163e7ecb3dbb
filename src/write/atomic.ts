// Atomic replacement: write a temporary file in the target's directory, flush it to disk,
// then rename it over the target. A crash at any moment leaves the old file or the new one.
// Writers of one target take turns through a lock file (lock.ts), and each successful write
// removes the temporary files that killed writers left behind.
import { randomBytes } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import type { LockOptions } from './lock.js';
import { acquireLock, isProcessAlive } from './lock.js';

export const TEMP_MARK = '.finbook-tmp-';
/** A temporary file this old is stale even if its process id now belongs to a live process. */
const STALE_TEMP_MS = 24 * 60 * 60 * 1000;

export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}`);
}

export interface AtomicOptions {
  /** Lock the target while writing (default), or `false` when the caller holds the lock. */
  lock?: LockOptions | false;
}

export async function writeFileAtomically(target: string, produce: (out: Writable) => Promise<void>, options: AtomicOptions = {}): Promise<void> {
  const lock = options.lock === false ? null : await acquireLock(target, options.lock);
  try {
    await refuseDirectory(target);
    await removeStaleTemps(target);
    await writeAndRename(target, produce);
  } finally {
    await lock?.release();
  }
}

async function writeAndRename(target: string, produce: (out: Writable) => Promise<void>): Promise<void> {
  const temp = tempPathFor(target);
  const handle = await fs.open(temp, 'wx', 0o644);
  try {
    const out = createWriteStream('', { fd: handle.fd, autoClose: false });
    const finished = new Promise<void>((res, rej) => {
      out.on('finish', res);
      out.on('error', rej);
    });
    // A failing stream (full disk) rejects `finished` even if the producer never returns.
    await Promise.all([produce(out), finished]);
    await handle.sync();
    await handle.close();
    await fs.rename(temp, target);
  } catch (err) {
    await handle.close().catch(() => undefined);
    await fs.unlink(temp).catch(() => undefined);
    throw err;
  }
  // make the rename itself durable
  const dir = await fs.open(dirname(target), 'r').catch(() => null);
  if (dir) {
    await dir.sync().catch(() => undefined);
    await dir.close();
  }
}

/** Fail before producing anything when the target is a directory (rename would fail at the end). */
async function refuseDirectory(target: string): Promise<void> {
  const stat = await fs.stat(target).catch(() => null);
  if (stat?.isDirectory()) throw Object.assign(new Error(`${target} is a directory`), { code: 'EISDIR' });
}

/**
 * Temporary files of this target whose writer is gone (killed mid-write): their process id
 * (in the name) is not running, or they are older than a day. Returns the removed paths.
 */
export async function removeStaleTemps(target: string): Promise<string[]> {
  const dir = dirname(target);
  const prefix = `.${basename(target)}${TEMP_MARK}`;
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]);
    const path = join(dir, name);
    const stat = await fs.lstat(path).catch(() => null);
    if (!stat?.isFile()) continue;
    const dead = !Number.isInteger(pid) || pid <= 0 || (pid !== process.pid && !isProcessAlive(pid));
    if (!dead && Date.now() - stat.mtimeMs < STALE_TEMP_MS) continue;
    await fs.unlink(path).then(
      () => removed.push(path),
      () => undefined,
    );
  }
  return removed;
}
