// One LibreOffice per vitest worker for the whole run, listening on a pipe: every conversion of
// a test file, and of every finbook the tests start, goes there through FINBOOK_OFFICE_PIPE
// (src/office/server.ts) instead of starting a LibreOffice of its own, several seconds of CPU
// each time. They run with LibreOffice's own settings (no "Recalculation on file load: always"):
// finbook's hard recalculation is what makes them recalculate, and the tests that catch a
// changed cached value prove it. Tests of starting, restarting and ending LibreOffice clear
// FINBOOK_OFFICE_PIPE for what they run. Started only where finbook can drive them (soffice
// and python3-uno); otherwise every finbook starts its own, as it does for users.
import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findSoffice } from '../../src/office/soffice.js';
import { findUnoPython, waitUntilGroupEnds } from '../../src/office/server.js';
import { officeEnv } from '../../src/office/profile.js';

/** The pipe names, one per worker: FINBOOK_TEST_OFFICE_PIPES, read by test/setup/remove-temp-dirs.ts. */
export const POOL_ENV = 'FINBOOK_TEST_OFFICE_PIPES';

export function startOfficePool(root: string, workers: number): () => void {
  const soffice = findSoffice();
  const python = soffice && findUnoPython(soffice);
  if (!soffice || !python || spawnSync(python, ['-c', 'import uno'], { stdio: 'ignore' }).status !== 0) return () => undefined;
  const dir = mkdtempSync(join(root, 'finbook-test-office-'));
  const running: ChildProcess[] = [];
  const pipes: string[] = [];
  for (let i = 1; i <= workers; i++) {
    const own = join(dir, String(i));
    mkdirSync(join(own, 'tmp'), { recursive: true });
    const pipe = `finbook-test-${process.pid}-${i}`;
    const child = spawn(
      soffice,
      [`-env:UserInstallation=${pathToFileURL(join(own, 'profile')).href}`, '--headless', '--invisible', '--nologo', '--nodefault', '--norestore', '--nolockcheck', `--accept=pipe,name=${pipe};urp;`],
      { env: officeEnv(process.env, own), stdio: 'ignore', detached: true },
    );
    running.push(child);
    pipes.push(pipe);
  }
  process.env[POOL_ENV] = pipes.join(',');
  return () => {
    delete process.env[POOL_ENV];
    for (const child of running) {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already ended
      }
    }
    // the killed processes let go of their profiles before these are removed (each its own group)
    for (const child of running) if (child.pid !== undefined) waitUntilGroupEnds(child.pid, 5000);
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };
}

