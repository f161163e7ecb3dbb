// vitest globalSetup: the run gets its own TMPDIR, so that whatever a test leaves behind is
// found. Every test file and every process the tests start inherit it (os.tmpdir() reads
// TMPDIR). At the end the run fails, listing them, if anything is left in that directory or
// a process started by the tests is still running; then both are removed.
import { chmodSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { startOfficePool } from './office-pool.js';

/** Files and directories under root, at most `limit`, directories first-level deep and then some. */
function leftovers(root: string, limit = 40): string[] {
  const out: string[] = [];
  const visit = (dir: string, depth: number): void => {
    for (const name of readdirSync(dir).sort()) {
      if (out.length >= limit) return;
      const full = join(dir, name);
      const isDir = statSync(full, { throwIfNoEntry: false })?.isDirectory() ?? false;
      out.push(`${relative(root, full)}${isDir ? '/' : ''}`);
      if (isDir && depth < 2) visit(full, depth + 1);
    }
  };
  visit(root, 0);
  return out;
}

/**
 * Processes started by the tests that still run: they inherited TMPDIR=root (or a directory in
 * it). vitest's own workers, children of this process, are ended by vitest itself afterwards.
 */
function strayProcesses(root: string): { pid: number; command: string }[] {
  if (process.platform !== 'linux') return [];
  const out: { pid: number; command: string }[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid || stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue;
      const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      if (!environ.some((v) => v === `TMPDIR=${root}` || v.startsWith(`TMPDIR=${root}/`))) continue;
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim() || readlinkSync(`/proc/${pid}/exe`);
      out.push({ pid, command });
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return out;
}

export default function setup(): () => void {
  const parent = tmpdir();
  const root = mkdtempSync(join(parent, 'finbook-test-run-'));
  // open to other users like /tmp itself (mkdtemp makes it 0700): a test runs the CLI as
  // nobody on a directory inside it (test/atomic/failures.test.ts)
  chmodSync(root, 0o755);
  process.env.TMPDIR = root;
  // one LibreOffice per worker (vitest.config.ts: maxWorkers), ended before anything is looked for
  const stopOffices = startOfficePool(root, 2);
  return () => {
    stopOffices();
    process.env.TMPDIR = parent;
    const processes = strayProcesses(root);
    for (const p of processes) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        // already ended
      }
    }
    const left = leftovers(root);
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
    const problems = [
      ...(left.length ? [`the tests left ${left.length >= 40 ? 'at least ' : ''}${left.length} entries in their temporary directory ${root}:`, ...left.map((l) => `  ${l}`)] : []),
      ...(processes.length ? [`the tests left ${processes.length} processes running (now killed):`, ...processes.map((p) => `  ${p.pid} ${p.command.slice(0, 200)}`)] : []),
    ];
    if (problems.length === 0) return;
    process.exitCode = 1;
    throw new Error(problems.join('\n'));
  };
}
