// A worker reads models and writes workbooks only under the directories it was started with
// (--root, repeated; the working directory by default): job data comes from a shared Redis,
// and a job naming /etc/passwd or ../../elsewhere must not get there. Paths are compared
// after symbolic links are resolved, so a link inside a root cannot lead out of it.
import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';

export type Roots = { ok: true; roots: string[] } | { ok: false; message: string };

/** Each root as its real path; every root must be an existing directory. */
export function resolveRoots(dirs: readonly string[], cwd: string = process.cwd()): Roots {
  const roots: string[] = [];
  for (const d of dirs.length > 0 ? dirs : [cwd]) {
    const full = resolve(cwd, d);
    let real: string;
    try {
      real = realpathSync(full);
    } catch {
      return { ok: false, message: `--root ${d}: no such directory` };
    }
    if (!statSync(real).isDirectory()) return { ok: false, message: `--root ${d}: not a directory` };
    roots.push(real);
  }
  return { ok: true, roots };
}

/** The real path of `path`: its deepest existing ancestor resolved, the rest appended. */
export function realPathOf(path: string): string {
  const missing: string[] = [];
  let at = resolve(path);
  for (;;) {
    try {
      return resolve(realpathSync(at), ...missing.reverse());
    } catch {
      const up = dirname(at);
      if (up === at) return resolve(path);
      missing.push(basename(at));
      at = up;
    }
  }
}

export function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** The root holding `path`, or null when it lies outside every root. */
export function rootOf(path: string, roots: readonly string[]): string | null {
  const real = realPathOf(path);
  return roots.find((r) => isInside(real, r)) ?? null;
}
