// File names built from model text (a ticker, a period, a model's name) must stay one plain
// name inside the output directory, whatever the text holds.
import { createHash } from 'node:crypto';
import { lstatSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import { inputPath } from '../input/inputs.js';

// Windows keeps these device names in every directory, with any extension.
const WINDOWS_DEVICES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
/** Leaves room for a prefix, an extension and the atomic writer's temporary suffix under 255. */
const MAX_NAME = 180;

/**
 * One safe file-name part: path separators, characters Windows refuses (: * ? " < > |),
 * control characters and leading dots become '-' or go; device names get a '_' prefix.
 */
export function safeFileName(text: string): string {
  let name = text
    // eslint-disable-next-line no-control-regex
    .replace(/[/\\:*?"<>|\u0000-\u001f\u007f]+/g, '-')
    .replace(/^[.\s-]+/, '')
    // Windows drops trailing dots and spaces, which would make two names the same file
    .replace(/[.\s]+$/, '');
  if (name.length > MAX_NAME) name = name.slice(0, MAX_NAME).replace(/[.\s]+$/, '');
  if (WINDOWS_DEVICES.test(name)) name = `_${name}`;
  return name === '' ? '_' : name;
}

/** `dir/name` when it stays inside `dir`; null when `name` would climb out or is absolute. */
export function resolveInside(dir: string, name: string): string | null {
  if (isAbsolute(name)) return null;
  const base = resolve(dir);
  const full = resolve(base, name);
  const rel = relative(base, full);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null;
  return full;
}

// Names beside a target (the atomic writer's temporary file, the lock) must fit wherever the
// target fits. File systems limit one name to 255 bytes (NAME_MAX on Linux and macOS); a
// target name near that limit gets its hidden neighbours' names shortened, with a hash of
// the whole name so that two long names never share a neighbour.
const NAME_MAX = 255;

/**
 * The start of a hidden name beside `target` (`.book.xlsx`), short enough that up to
 * `reserve` more bytes still make a legal name.
 */
export function hiddenNameFor(target: string, reserve: number): string {
  const base = basename(target);
  if (Buffer.byteLength(`.${base}`) + reserve <= NAME_MAX) return `.${base}`;
  const hash = `~${createHash('sha256').update(base).digest('hex').slice(0, 12)}`;
  const room = NAME_MAX - reserve - Buffer.byteLength(`.${hash}`);
  const chars = Array.from(base);
  let bytes = Buffer.byteLength(base);
  while (bytes > room && chars.length > 0) bytes -= Buffer.byteLength(chars.pop()!);
  return `.${chars.join('')}${hash}`;
}

/** Why finbook will not write an output: a user mistake (exit code 2); nothing was written. */
export class OutputRefusedError extends Error {
  readonly code = 'output_refused';
}

type Stat = ReturnType<typeof lstatSync>;

function kindOf(stat: NonNullable<Stat>): string {
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * The file an output really goes to, or OutputRefusedError. finbook writes only to a
 * regular file or a new path: a device, a FIFO or a socket is refused (replacing /dev/null
 * with a workbook damages the system), and so is any file the command read as input (the
 * model, its template, a values file, the jobs file), however it is named (a hard link, a
 * symbolic link). A symbolic link is followed: the file it points to is replaced and the
 * link stays; a link that points to nothing is refused. A directory is left to the write,
 * which fails with "it is a directory".
 */
export function outputTarget(target: string): string {
  const path = resolve(target);
  let stat: Stat;
  try {
    stat = lstatSync(path, { throwIfNoEntry: false });
  } catch {
    return path; // a part of the path is not a directory, or no permission: the write says so
  }
  if (!stat) return path;
  let real = path;
  let final: Stat = stat;
  if (stat.isSymbolicLink()) {
    try {
      real = realpathSync(path);
    } catch {
      throw new OutputRefusedError(`it is a symbolic link to ${readlinkQuietly(path)}, which does not exist; finbook replaces the file a link points to, never the link`);
    }
    final = statSync(real, { throwIfNoEntry: false });
    if (!final) return real;
  }
  if (final.isDirectory()) return real;
  if (!final.isFile()) throw new OutputRefusedError(`it is ${kindOf(final)}${real !== path ? ` (through the link to ${real})` : ''}; finbook writes only to a regular file or a new path`);
  const input = inputPath(final);
  if (input !== undefined) throw new OutputRefusedError(`it is ${input === path ? 'one of the files this command reads' : `${shown(input)}, one of the files this command reads`}; finbook never writes over its input`);
  return real;
}

/** A path relative to the working directory when it is inside it. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

function readlinkQuietly(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return 'nothing';
  }
}
