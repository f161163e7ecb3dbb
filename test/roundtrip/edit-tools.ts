// Real edits for the round-trip tests: LibreOffice through its own API (python3-uno) and
// openpyxl, each a Python script beside this file. They need /usr/bin/python3 with the
// Debian packages python3-uno and python3-openpyxl (.ci/run installs them); under CI a
// missing one fails the tests that need it instead of skipping them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { officeAvailable } from '../verify/office.js';

export type LibreOfficeEdit =
  | { op: 'value'; sheet: string; cell: string; value: number }
  | { op: 'text'; sheet: string; cell: string; value: string }
  | { op: 'formula'; sheet: string; cell: string; formula: string }
  | { op: 'insert_rows' | 'delete_rows'; sheet: string; row: number; count?: number }
  | { op: 'insert_columns'; sheet: string; col: number; count?: number }
  | { op: 'move'; sheet: string; from: string; to: string }
  | { op: 'move_sheet'; sheet: string; position: number }
  | { op: 'rename_sheet'; sheet: string; name: string };

export type OpenpyxlEdit = Extract<LibreOfficeEdit, { op: 'value' | 'formula' | 'insert_rows' | 'delete_rows' }> | { op: 'delete_sheet'; sheet: string };

const INSTALL = 'apt-get install -y --no-install-recommends python3-uno python3-openpyxl';

function findPython(): string | null {
  for (const candidate of [process.env.FINBOOK_TEST_PYTHON, '/usr/bin/python3', 'python3']) {
    if (!candidate) continue;
    const r = spawnSync(candidate, ['-c', 'import uno, openpyxl'], { encoding: 'utf8', timeout: 20_000 });
    if (r.status === 0) return candidate;
  }
  return null;
}

export const python = findPython();
/** LibreOffice and openpyxl are here (or CI, where their absence must fail). */
export const describeWithEditors = (python !== null && officeAvailable) || process.env.CI ? describe : describe.skip;

function run(script: string, args: string[], timeoutMs: number): void {
  if (!python) throw new Error(`no python3 with uno and openpyxl: ${INSTALL}`);
  const r = spawnSync(python, [join(__dirname, script), ...args], { encoding: 'utf8', timeout: timeoutMs, killSignal: 'SIGTERM' });
  if (r.status !== 0) throw new Error(`${script} failed (${r.status ?? r.signal}): ${r.stderr}${r.stdout}`);
}

/** Open `input` in headless LibreOffice, make the edits, save as .xlsx to `output`. */
export function editInLibreOffice(input: string, output: string, edits: LibreOfficeEdit[]): void {
  const work = mkdtempSync(join(tmpdir(), 'finbook-lo-edit-'));
  try {
    run('lo-edit.py', [input, output, JSON.stringify(edits), work], 120_000);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Load `input` with openpyxl, make the edits, save to `output`. */
export function editInOpenpyxl(input: string, output: string, edits: OpenpyxlEdit[]): void {
  run('openpyxl-edit.py', [input, output, JSON.stringify(edits)], 60_000);
}
