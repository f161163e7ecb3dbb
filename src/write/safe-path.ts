// File names built from model text (a ticker, a period, a model's name) must stay one plain
// name inside the output directory, whatever the text holds.
import { isAbsolute, relative, resolve, sep } from 'node:path';

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
