// Atomic replacement: write a temporary file in the target's directory, flush it to disk,
// then rename it over the target. A crash at any moment leaves the old file or the new one.
// Writers of one target take turns through a lock file (lock.ts), and each successful write
// removes the temporary files that killed writers left behind. Content already in memory
// (a workbook of ordinary size) is written with one write on a descriptor (fd.ts); content
// produced as a stream (a large workbook) goes through a write stream. Waiting on the disk
// (creating files, fsync) happens in libuv's thread pool, so a batch worker computes its
// next workbook meanwhile. A caller that may be repeating a write (a queue job run again after
// its worker was lost) can leave a target that already holds exactly the new bytes in place.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, lstatSync, openSync, readdirSync, readFileSync, statSync, unlinkSync, writeSync, promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import type { LockOptions } from './lock.js';
import { fsyncFd, openFd, renamePath, unlinkPath } from './fd.js';
import { refuseWhenInterrupted, removeOnInterrupt } from './interrupt.js';
import { acquireLock, isProcessAlive, LOCK_MARK } from './lock.js';
import { hiddenNameFor, outputTarget } from './safe-path.js';

export const TEMP_MARK = '.finbook-tmp-';
/** A temporary file this old is stale even if its process id now belongs to a live process. */
const STALE_TEMP_MS = 24 * 60 * 60 * 1000;

/** Room after the temporary name's prefix: the mark, a process id (up to 7 digits), '-' and 8 hex digits. */
const TEMP_TAIL = TEMP_MARK.length + 16;

/** `.book.xlsx.finbook-tmp-`: the start of every temporary name of this target (shortened to fit, safe-path.ts). */
function tempPrefixFor(target: string): string {
  return `${hiddenNameFor(target, TEMP_TAIL)}${TEMP_MARK}`;
}

export function tempPathFor(target: string): string {
  return join(dirname(target), `${tempPrefixFor(target)}${process.pid}-${randomBytes(4).toString('hex')}`);
}

export interface AtomicOptions {
  /** Lock the target while writing (default), or `false` when the caller holds the lock. */
  lock?: LockOptions | false;
  /**
   * Leave the target alone when it already holds exactly these bytes (compared under the
   * lock): a write repeated after a lost worker then leaves the file as the first one made it.
   */
  skipIdentical?: boolean;
  /** Report the SHA-256 of the bytes (for a streamed file, read back before the rename). */
  digest?: boolean;
}

export interface AtomicResult {
  /** False when skipIdentical found the same bytes in place and nothing was written. */
  replaced: boolean;
  /** Hex SHA-256 of the content, when `digest` was asked for. */
  sha256?: string;
}

/** The file's content: bytes, or a producer that writes it to a stream and ends the stream. */
export type Content = Uint8Array | ((out: Writable) => Promise<void>);

/**
 * Replace `target` with `content`. Throws OutputRefusedError (safe-path.ts) before anything
 * is written when the target is a device, a FIFO, a socket or a file this command read; a
 * symbolic link is followed to the file it names.
 */
export async function writeFileAtomically(given: string, content: Content, options: AtomicOptions = {}): Promise<AtomicResult> {
  const target = outputTarget(given);
  const lock = options.lock === false ? null : await acquireLock(target, options.lock);
  try {
    // (content in memory is produced already: renaming it onto a directory fails as EISDIR)
    if (!(content instanceof Uint8Array)) refuseDirectory(target);
    removeStaleTempsNow(target);
    if (content instanceof Uint8Array) {
      const sha256 = options.digest ? createHash('sha256').update(content).digest('hex') : undefined;
      if (options.skipIdentical && holdsBytes(target, content)) return { replaced: false, sha256 };
      await writeBytesAndRename(target, content);
      return { replaced: true, sha256 };
    }
    return await writeAndRename(target, content, options);
  } finally {
    await lock?.release();
  }
}

/** The target is a file of exactly these bytes (read only when the sizes agree). */
function holdsBytes(target: string, bytes: Uint8Array): boolean {
  try {
    const stat = statSync(target, { throwIfNoEntry: false });
    return stat !== undefined && stat.isFile() && stat.size === bytes.length && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).equals(readFileSync(target));
  } catch {
    return false;
  }
}

/** SHA-256 of a file in hex, or null when it does not exist. */
export async function sha256OfFile(file: string): Promise<string | null> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  return hash.digest('hex');
}

// What can wait on the disk (creating, flushing, renaming a file) goes to the thread pool;
// writing to the page cache and closing do not wait, and are made here.
async function writeBytesAndRename(target: string, bytes: Uint8Array): Promise<void> {
  refuseWhenInterrupted();
  const temp = tempPathFor(target);
  const forget = removeOnInterrupt(temp);
  let fd: number;
  try {
    fd = await openFd(temp, 'wx', 0o644);
  } catch (err) {
    forget();
    throw err;
  }
  let open = true;
  try {
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    await fsyncFd(fd);
    open = false;
    closeSync(fd);
    await renamePath(temp, target);
  } catch (err) {
    if (open) closeQuietly(fd);
    await unlinkPath(temp).catch(() => undefined);
    throw err;
  } finally {
    forget();
  }
  await syncDirectory(dirname(target));
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // closing is all that is left to do
  }
}

/** Make a rename in `dir` durable. */
async function syncDirectory(dir: string): Promise<void> {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  // not every file system syncs a directory
  await fsyncFd(fd).catch(() => undefined);
  closeQuietly(fd);
}

async function writeAndRename(target: string, produce: (out: Writable) => Promise<void>, options: AtomicOptions): Promise<AtomicResult> {
  refuseWhenInterrupted();
  const temp = tempPathFor(target);
  const forget = removeOnInterrupt(temp);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(temp, 'wx', 0o644);
  } catch (err) {
    forget();
    throw err;
  }
  let sha256: string | undefined;
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
    if (options.digest || options.skipIdentical) sha256 = (await sha256OfFile(temp))!;
    if (options.skipIdentical && (await sha256OfFile(target).catch(() => null)) === sha256) {
      await fs.unlink(temp);
      return { replaced: false, sha256 };
    }
    await fs.rename(temp, target);
  } catch (err) {
    await handle.close().catch(() => undefined);
    await fs.unlink(temp).catch(() => undefined);
    throw err;
  } finally {
    forget();
  }
  // make the rename itself durable
  await syncDirectory(dirname(target));
  return { replaced: true, ...(options.digest ? { sha256 } : {}) };
}

/** Fail before producing anything when the target is a directory (rename would fail at the end). */
function refuseDirectory(target: string): void {
  let stat;
  try {
    stat = statSync(target, { throwIfNoEntry: false });
  } catch {
    return; // whatever stops a stat stops the write too, and is reported there
  }
  if (stat?.isDirectory()) throw Object.assign(new Error(`${target} is a directory`), { code: 'EISDIR' });
}

/**
 * This process's temporary files and locks in `dir`, removed at once (synchronously): what
 * an interrupted batch leaves, whose workers write in threads that get no signals.
 */
export function removeOwnFilesIn(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    try {
      if (name.includes(`${TEMP_MARK}${process.pid}-`)) unlinkSync(path);
      else if (name.endsWith(LOCK_MARK) && (JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown }).pid === process.pid) unlinkSync(path);
    } catch {
      // gone already, or not ours
    }
  }
}

/**
 * Temporary files of this target whose writer is gone (killed mid-write): their process id
 * (in the name) is not running, or they are older than a day. Returns the removed paths.
 */
export function removeStaleTemps(target: string): Promise<string[]> {
  return Promise.resolve(removeStaleTempsNow(target));
}

/**
 * Directory listings kept by a process that writes many files into one directory (a batch
 * worker, listDirectoriesOnce): reading a directory of a thousand workbooks for every file
 * written costs more than writing the file. Such a process removes the temporary files
 * that were there when it first wrote into the directory.
 */
let listings: Map<string, Set<string>> | null = null;

export function listDirectoriesOnce(): void {
  listings ??= new Map();
}

function namesIn(dir: string): Iterable<string> {
  let names = listings?.get(dir);
  if (!names) {
    names = new Set(readdirSync(dir));
    listings?.set(dir, names);
  }
  return names;
}

function removeStaleTempsNow(target: string): string[] {
  const dir = dirname(target);
  const prefix = tempPrefixFor(target);
  let names: string[];
  try {
    names = [...namesIn(dir)].filter((n) => n.startsWith(prefix));
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]);
    const path = join(dir, name);
    let stat;
    try {
      stat = lstatSync(path);
    } catch {
      continue;
    }
    if (!stat.isFile()) continue;
    const dead = !Number.isInteger(pid) || pid <= 0 || (pid !== process.pid && !isProcessAlive(pid));
    if (!dead && Date.now() - stat.mtimeMs < STALE_TEMP_MS) continue;
    try {
      unlinkSync(path);
      removed.push(path);
    } catch {
      // removed by another writer meanwhile
    }
    listings?.get(dir)?.delete(name);
  }
  return removed;
}
