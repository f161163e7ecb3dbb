// Reading a file finbook was given (a model, a template, a values CSV, a jobs file, a
// workbook to verify): only a regular file, and only up to a size limit, so a name that
// points at a FIFO, a device (/dev/zero) or a socket is refused at once instead of hanging
// or reading without end. Every file read is remembered (inputs.ts), so no output can
// replace it.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { rememberInput } from './inputs.js';

/** The largest input file finbook reads by default (models, templates, CSV and jobs files, workbooks). */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/**
 * FINBOOK_MAX_INPUT_MIB raises (or lowers) the limit for a machine that exports very large
 * generated models on purpose (10M cells are a 150 MiB JSON file): a whole number of MiB,
 * 1 to 4096. The default stays 64 MiB, so a stray file cannot cost gigabytes by accident.
 */
export const MAX_INPUT_ENV = 'FINBOOK_MAX_INPUT_MIB';

/** The limit in bytes, or why the environment's setting is not one. */
export function maxInputBytes(env: NodeJS.ProcessEnv = process.env): number | string {
  const raw = env[MAX_INPUT_ENV];
  if (raw === undefined || raw === '') return MAX_INPUT_BYTES;
  const mib = /^\d{1,4}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!(mib >= 1 && mib <= 4096)) return `${MAX_INPUT_ENV}=${JSON.stringify(raw)} is not a whole number of MiB from 1 to 4096`;
  return mib * 1024 * 1024;
}

export type ReadResult = { ok: true; bytes: Buffer } | { ok: false; code: 'file_unreadable' | 'not_a_file' | 'file_too_large'; reason: string };

/** What a non-regular file is, in words. */
function kindOf(stat: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** `remember`: false for a file the command reads and then rewrites itself (a delivery state). */
export function readInputFile(path: string, limit?: number, remember = true): ReadResult {
  const maxBytes = limit ?? maxInputBytes();
  if (typeof maxBytes === 'string') return { ok: false, code: 'file_too_large', reason: maxBytes };
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO with no writer returns at once (it is refused below) instead
    // of waiting for one; O_NOCTTY: a terminal named as input never becomes ours.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (err) {
    return { ok: false, code: 'file_unreadable', reason: describeReadError(err) };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, code: 'not_a_file', reason: `it is ${kindOf(stat)}, not a regular file` };
    if (stat.size > maxBytes) return { ok: false, code: 'file_too_large', reason: tooLarge(stat.size, maxBytes) };
    if (remember) rememberInput(stat, path);
    // The size can be wrong (files in /proc say 0) or grow while reading: read to the end,
    // never past the limit.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(stat.size - total, 64 * 1024), maxBytes + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      if (total > maxBytes) return { ok: false, code: 'file_too_large', reason: tooLarge(total, maxBytes, true) };
    }
    return { ok: true, bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total) };
  } catch (err) {
    return { ok: false, code: 'file_unreadable', reason: describeReadError(err) };
  } finally {
    closeSync(fd);
  }
}

function tooLarge(size: number, max: number, atLeast = false): string {
  const mib = (n: number): string => `${(n / (1024 * 1024)).toLocaleString('en-US', { maximumFractionDigits: 1 })} MiB`;
  return `it is ${atLeast ? 'over ' : ''}${mib(size)}; finbook reads files of up to ${mib(max)} (${MAX_INPUT_ENV} sets another limit)`;
}

/** Why a file could not be opened or read, in words a user acts on. */
export function describeReadError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENXIO':
      return 'it is a socket or a device that is not there, not a regular file';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'ELOOP':
      return 'too many symbolic links';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    default:
      return String(code ?? err);
  }
}
