// SIGINT (Ctrl-C) and SIGTERM (kill, systemd stopping a unit) while a file is being written:
// the lock and the temporary file are removed and the process exits 130 or 143, as shells
// report a process ended by those signals. The file being replaced is untouched either way
// (the rename has not happened yet, or it has and the new file is whole).
import { readFileSync, unlinkSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

/**
 * Shared with worker threads (finbook batch): set when the process is interrupted, so a
 * worker creates no new temporary file or lock while the main thread removes theirs.
 */
export const stopping = new Int32Array(new SharedArrayBuffer(4));
let shared: Int32Array = stopping;

/** A worker thread's view of the flag its main thread passed it. */
export function shareStopping(flag: Int32Array): void {
  shared = flag;
}

/** Thrown instead of creating a file once the process is being interrupted. */
export class InterruptedError extends Error {}

/** Call before creating a temporary file or a lock. */
export function refuseWhenInterrupted(): void {
  if (Atomics.load(shared, 0) === 1) throw new InterruptedError('finbook is being interrupted');
}

/** How long the main thread waits for workers to finish creating a file they had begun. */
const SETTLE_MS = 50;

/** Files to remove if the process is interrupted: a temporary file, or a lock with the text it must still hold. */
const pending = new Map<string, string | null>();
const hooks = new Set<() => void>();
let installed = false;

const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

/** Remove `path` if the process is interrupted before the returned function is called. */
export function removeOnInterrupt(path: string, ifHolds: string | null = null): () => void {
  install();
  pending.set(path, ifHolds);
  return () => {
    pending.delete(path);
  };
}

/** Run `cleanUp` (synchronously) if the process is interrupted; for files written by worker threads (finbook batch). */
export function onInterrupt(cleanUp: () => void): () => void {
  install();
  hooks.add(cleanUp);
  return () => {
    hooks.delete(cleanUp);
  };
}

/** Everything registered, removed now (the signal handler's work; exported for tests). */
export function cleanUpNow(): void {
  if (hooks.size > 0) {
    // workers stop creating files; one that was creating one has it (and its lock's text) soon
    Atomics.store(stopping, 0, 1);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, SETTLE_MS);
  }
  for (const hook of hooks) {
    try {
      hook();
    } catch {
      // the next hook and the files still get their turn
    }
  }
  for (const [path, holds] of pending) {
    try {
      // a lock is removed only while it still holds our text (never another writer's)
      if (holds === null || readFileSync(path, 'utf8') === holds) unlinkSync(path);
    } catch {
      // gone already
    }
  }
  pending.clear();
}

/**
 * For a process that handles SIGINT and SIGTERM itself (finbook worker, whose first SIGTERM
 * finishes the jobs in hand): no handler is installed here, and the process calls
 * stopNow() when it does stop at once.
 */
export function takeOverSignals(): void {
  installed = true;
}

/** What the handler here does: remove everything registered and exit as the signal asks. */
export function stopNow(signal: 'SIGINT' | 'SIGTERM'): never {
  cleanUpNow();
  process.exit(EXIT_CODES[signal]);
}

function install(): void {
  // worker threads get no signals; the main thread cleans up for them (onInterrupt)
  if (installed || !isMainThread) return;
  installed = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => stopNow(signal));
}
