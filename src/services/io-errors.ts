// A failed read or write in words a user can act on (no errno names, no stack traces).
import type { Issue } from '../issues.js';
import { displayPath } from '../model/load.js';
import { OutputRefusedError } from '../write/safe-path.js';

/** A write that failed: refused (a user mistake, exit 2) or failed (exit 3). */
export function writeFailure(err: unknown, target: string): Issue {
  if (err instanceof OutputRefusedError) return { code: err.code, message: `will not write ${displayPath(target)}: ${err.message}` };
  return { code: 'write_failed', message: `cannot write ${displayPath(target)}: ${describeIoError(err)}` };
}

export function describeIoError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'ENOENT':
      return 'the directory does not exist';
    case 'ENOTDIR':
    case 'EEXIST':
      return 'a part of the path is not a directory';
    case 'EROFS':
      return 'read-only file system';
    default:
      return e.message ?? String(err);
  }
}
