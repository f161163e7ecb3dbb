// SIGINT (Ctrl-C) and SIGTERM (kill, systemd stopping a unit) while a file is being written:
// the lock and the temporary file are removed and the process exits 130 or 143, as shells
// report a process ended by those signals. The file being replaced is untouched either way
// (the rename has not happened yet, or it has and the new file is whole).
import { readFileSync, unlinkSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

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

function install(): void {
  // worker threads get no signals; the main thread cleans up for them (onInterrupt)
  if (installed || !isMainThread) return;
  installed = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      cleanUpNow();
      process.exit(EXIT_CODES[signal]);
    });
}
