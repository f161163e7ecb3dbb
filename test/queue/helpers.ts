// Queue tests: finbook workers as real processes of the built CLI, BullMQ read directly to
// see what the jobs recorded, model variants written to the temp dir, and an inotify watch
// that counts how many times each workbook appears in its directory.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { copyFileSync, readFileSync, watch, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { BIN } from '../helpers/cli.js';
import { MINI } from '../mail/fixture.js';
import { PASSWORD } from './redis-server.js';

export interface WorkerProcess {
  child: ChildProcess;
  /** BullMQ's name for it (processedBy on its jobs). */
  name: string;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startWorker(url: string, args: readonly string[], cwd: string, env: Record<string, string> = {}): WorkerProcess {
  const child = spawn(process.execPath, [BIN, 'worker', '--redis', url, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (text += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => child.on('exit', (code, signal) => res({ code, signal })));
  return { child, name: `${hostname()}:${child.pid}`, output: () => text, exited };
}

/** Stop a worker as systemd would (SIGTERM) and wait for it. */
export async function stopWorker(w: WorkerProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
  return w.exited;
}

/** The test's own view of a queue (BullMQ, same Redis). */
export function openTestQueue(url: string, name: string): Queue {
  const u = new URL(url);
  const queue = new Queue(name, { connection: { host: u.hostname, port: Number(u.port), password: PASSWORD, maxRetriesPerRequest: null } });
  queue.on('error', () => undefined);
  return queue;
}

export async function waitFor(what: string, cond: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * `count` variants of the mini model (IIJ's 4Q02 figures, trimmed), each with its own
 * company name (on the cover) so every workbook differs, and their template, in `dir`.
 */
export function writeVariants(dir: string, count: number, prefix = 'co'): string[] {
  copyFileSync(join(MINI, 'template.yaml'), join(dir, 'template.yaml'));
  const text = readFileSync(join(MINI, 'model.yaml'), 'utf8');
  return Array.from({ length: count }, (_, i) => {
    const file = join(dir, `${prefix}-${String(i + 1).padStart(3, '0')}.yaml`);
    writeFileSync(file, renamed(text, `Mini Corp ${i + 1}`));
    return file;
  });
}

/**
 * How many times each file name appeared in `dir` (inotify IN_CREATE / IN_MOVED_TO, which
 * Node reports as 'rename'): an atomic write shows once, as its temporary file is renamed
 * onto the name; a second write of the same workbook would show twice. Nothing in these
 * tests deletes a workbook, so a deletion (also 'rename') cannot be counted by mistake.
 */
export function watchAppearances(dir: string, keep: (name: string) => boolean): { counts: Map<string, number>; close(): void } {
  const counts = new Map<string, number>();
  const watcher = watch(dir, (event, name) => {
    if (event === 'rename' && name && keep(name)) counts.set(name, (counts.get(name) ?? 0) + 1);
  });
  return { counts, close: () => watcher.close() };
}

function renamed(modelText: string, name: string): string {
  const out = modelText.replace('name: Mini Corp,', `name: ${name},`);
  if (out === modelText) throw new Error('fixture changed: entity.name "Mini Corp" not found');
  return out;
}
