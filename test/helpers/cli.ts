// Run the CLI in-process (fast) or as a real child process (end-to-end), capturing output.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { Output } from '../../src/cli/output.js';

export const ROOT = resolve(__dirname, '../..');
export const BIN = join(ROOT, 'bin/finbook.cjs');
export const DEFAULT_MODEL = join(ROOT, 'data/iij-fy2002.yaml');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[]): Promise<RunResult> {
  const out: string[] = [];
  const err: string[] = [];
  const o: Output = { out: (l) => out.push(l), err: (l) => err.push(l) };
  const code = await main(argv, o);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** The built CLI as a child process (needs `npm run build`, which `npm test` runs first). */
export function runBin(argv: string[], options: { cwd?: string; env?: Record<string, string> } = {}): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...argv], { cwd: options.cwd ?? ROOT, env: { ...process.env, ...options.env }, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A temporary directory, removed after the test file's tests (test/helpers/temp.ts). */
export { tempDir } from './temp.js';
