// Models big enough that writing the workbook takes a noticeable moment (so a kill can land
// in the middle of it), real child processes of the built CLI, and file-system snapshots.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { BIN, ROOT } from '../helpers/cli.js';

/**
 * The environment of an export whose write phase must be long enough to catch: every
 * workbook streams (a workbook of this size is otherwise built in memory and written with
 * one system call, src/write/xlsx-memory.ts).
 */
export const STREAMING = { FINBOOK_MEMORY_CELLS: '0' };

/** A model and template with `lines` input lines over `periods` periods; `version` goes into the title. */
export function writeBigModel(dir: string, version: string, lines = 400, periods = 6): string {
  const ids = Array.from({ length: periods }, (_, i) => `P${2000 + i}`);
  const tpl = [
    'finbook_template: 1',
    'name: Big',
    'sheets:',
    '  - id: is',
    '    name: Big Sheet',
    '    columns:',
    ...ids.map((p) => `      - { kind: value, period: ${p}, title: "${p}" }`),
    '    lines:',
    ...Array.from({ length: lines }, (_, i) => `      - { id: l${i}, label: "Line ${i}" }`),
    `      - { id: total, label: "Total", formula: "sum(l0:l${lines - 1})", style: total }`,
  ];
  writeFileSync(join(dir, 'template.yaml'), `${tpl.join('\n')}\n`);
  const model = [
    'finbook_model: 1',
    'template: template.yaml',
    'entity: { name: Big Corp, currency: USD, scale: thousands }',
    `source: { title: "Version ${version}", date: 2003-02-20 }`,
    'periods:',
    ...ids.map((p, j) => `  - { id: ${p}, kind: year, start: ${2000 + j}-01-01, end: ${2000 + j}-12-31 }`),
    'values:',
    '  is:',
    ...Array.from({ length: lines }, (_, i) => `    l${i}: { ${ids.map((p, j) => `${p}: ${1000 + i * 7 + j + (version === 'B' ? 1 : 0)}`).join(', ')} }`),
  ];
  const file = join(dir, `model-${version}.yaml`);
  writeFileSync(file, `${model.join('\n')}\n`);
  return file;
}

export interface Child {
  proc: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string }>;
}

/** The built CLI as an asynchronous child process (it can be killed, or run beside another). */
export function spawnBin(argv: string[], options: { env?: Record<string, string>; uid?: number; gid?: number; cwd?: string } = {}): Child {
  const proc = spawn(process.execPath, [BIN, ...argv], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid ?? options.uid } : {}),
  });
  let stdout = '';
  let stderr = '';
  proc.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string }>((res) =>
    proc.on('close', (code, signal) => res({ code, signal, stderr, stdout })),
  );
  return { proc, done };
}

export function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

export function hashOrNull(file: string): string | null {
  return existsSync(file) ? sha256(file) : null;
}

/** Names in a directory that are not the given ones (temp files, locks, anything left over). */
export function strays(dir: string, keep: readonly string[]): string[] {
  return readdirSync(dir).filter((n) => !keep.includes(n));
}

/** Opens the file as a workbook (exceljs parses every part) and returns its subject. */
export async function readWorkbookSubject(file: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.subject;
}

/** Resolves when `file` exists (polling), or after `timeoutMs` with false. */
export async function waitForFile(file: string, timeoutMs: number, stop?: () => boolean): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (existsSync(file)) return true;
    if (stop?.()) return false;
    await new Promise((r) => setTimeout(r, 1));
  }
  return false;
}

/** A small seeded random generator (mulberry32), so a failing run can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
