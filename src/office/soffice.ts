// Finding LibreOffice's `soffice` and running it once, with a time limit. The profile it
// runs with is the caller's (see session.ts); nothing here touches the user's profile.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Debian's package with headless Calc: what CI and `verify` need. */
export const INSTALL_COMMAND = 'apt-get install -y --no-install-recommends libreoffice-calc-nogui';

/** LibreOffice is not installed (or FINBOOK_SOFFICE names no program): exit code 3. */
export class OfficeMissingError extends Error {
  constructor(detail?: string) {
    super(
      `LibreOffice (soffice) is not installed${detail ? ` (${detail})` : ''}; install it with: ${INSTALL_COMMAND}` +
        ' (or set FINBOOK_SOFFICE to the soffice program)',
    );
    this.name = 'OfficeMissingError';
  }
}

/** LibreOffice ran but did not produce the file: a broken install, a crash or a time-out. */
export class OfficeFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OfficeFailedError';
  }
}

// Where distributions and the official packages put it, after PATH.
const KNOWN_LOCATIONS = ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice', '/opt/libreoffice/program/soffice', '/Applications/LibreOffice.app/Contents/MacOS/soffice'];

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The soffice program to run, or null. FINBOOK_SOFFICE, when set, is the only candidate. */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | null {
  const override = env.FINBOOK_SOFFICE;
  if (override !== undefined && override !== '') return isExecutable(override) ? override : null;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const name of ['soffice', 'libreoffice']) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return KNOWN_LOCATIONS.find(isExecutable) ?? null;
}

export function requireSoffice(env: NodeJS.ProcessEnv = process.env): string {
  const found = findSoffice(env);
  if (found) return found;
  const override = env.FINBOOK_SOFFICE;
  throw new OfficeMissingError(override ? `FINBOOK_SOFFICE=${override} is not an executable file` : undefined);
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Run soffice to completion. It starts a process tree (oosplash -> soffice.bin), so it runs
 * in its own process group and a time-out ends the whole group.
 */
export function runSoffice(program: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<RunResult> {
  return new Promise((resolveRun, rejectRun) => {
    const child = spawn(program, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      rejectRun(new OfficeFailedError(`LibreOffice did not finish within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      rejectRun(err.code === 'ENOENT' || err.code === 'EACCES' ? new OfficeMissingError(`${program}: ${err.code}`) : err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolveRun({ code, stdout, stderr });
    });
  });
}
