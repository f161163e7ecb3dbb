// Helpers for the checks tests: a copy of the default model with one input changed, and the
// status cells of a written workbook's Checks sheet, keyed by check id and period.
import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { Computed } from '../../src/pipeline.js';
import { loadAndCompute, plan } from '../../src/pipeline.js';
import { a1 } from '../../src/layout/a1.js';
import { CHECKS_SHEET, MASTER_CHECK_CELL } from '../../src/plan/checks.js';
import { DEFAULT_MODEL, ROOT } from '../helpers/cli.js';

export const DEFAULT_TEMPLATE = join(ROOT, 'templates/iij-fy2002.yaml');

/** One input of the model: values.<sheet>.<line>.<period>, or a global input (inputs.<name>.value). */
export type InputRef = { sheet: string; line: string; period: string } | { global: string };

function modelPath(input: InputRef): string[] {
  return 'global' in input ? ['inputs', input.global, 'value'] : ['values', input.sheet, input.line, input.period];
}

/** `check id@period`, the way the tests name a check row. */
export const rowKey = (id: string, period: string | null): string => `${id}@${period ?? ''}`;

/**
 * Write a copy of the default model (or of `from`) into `dir` with one input moved by `delta`
 * (the template stays the default one, by absolute path). Returns the model's path.
 */
export function writeModelWithChangedInput(dir: string, input: InputRef, delta: number, name = 'broken.yaml', from = DEFAULT_MODEL): string {
  const doc = parseDocument(readFileSync(from, 'utf8'));
  const path = modelPath(input);
  const before = doc.getIn(path);
  if (typeof before !== 'number') throw new Error(`the default model has no number at ${path.join('.')}`);
  doc.setIn(path, before + delta);
  doc.set('template', DEFAULT_TEMPLATE);
  const out = resolve(dir, name);
  writeFileSync(out, String(doc));
  return out;
}

export function computeOrThrow(modelPath: string): Computed {
  const loaded = loadAndCompute(modelPath);
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return loaded.value;
}

/** The failed check rows of a computed model, as `id@period`. */
export function failedInTypeScript(c: Computed): string[] {
  return c.results.checks.filter((r) => !r.ok).map((r) => rowKey(r.check.spec.id, r.row.period));
}

/** Where each check row's status cell is on the Checks sheet (the plan of the same model). */
export function statusCells(c: Computed): { key: string; address: string }[] {
  const sheet = plan(c).sheets.find((s) => s.name === CHECKS_SHEET);
  if (!sheet) throw new Error('the workbook has no Checks sheet');
  const rows = sheet.rows.filter((r) => r.cells.some((cell) => cell.kind === 'text' && cell.role === 'check_label')).sort((a, b) => a.row - b.row);
  if (rows.length !== c.results.checks.length) throw new Error(`Checks sheet has ${rows.length} check rows for ${c.results.checks.length} checks`);
  return rows.map((r, i) => {
    const status = r.cells.find((cell) => cell.kind === 'formula' && cell.format === 'status');
    if (!status) throw new Error(`Checks row ${r.row} has no status cell`);
    const check = c.results.checks[i]!;
    return { key: rowKey(check.check.spec.id, check.row.period), address: a1(status.col, r.row) };
  });
}

/**
 * Change one input cell of a written workbook, as someone typing into it would: the cached
 * results of the formulas stay as they were until a spreadsheet program recalculates.
 */
export async function editInputCell(c: Computed, xlsx: string, input: InputRef, delta: number, out: string): Promise<void> {
  await editInputCells(c, xlsx, [{ input, delta }], out);
}

/** Several inputs typed into one workbook at once (one read and one write of the file). */
export async function editInputCells(c: Computed, xlsx: string, edits: { input: InputRef; delta: number }[], out: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsx);
  for (const { input, delta } of edits) {
    const at = inputCell(c, input);
    const cell = wb.getWorksheet(at.sheet)!.getCell(at.address);
    if (typeof cell.value !== 'number') throw new Error(`${at.sheet}!${at.address} is not an input number`);
    cell.value = cell.value + delta;
  }
  await wb.xlsx.writeFile(out);
}

/** The cell an input is typed into: its statement cell, or its row of the Inputs sheet (its defined name). */
function inputCell(c: Computed, input: InputRef): { sheet: string; address: string } {
  if ('global' in input) {
    const name = plan(c).definedNames.find((n) => n.name === input.global);
    const m = name && /^'?(.*?)'?!\$([A-Z]+)\$(\d+)$/.exec(name.ref);
    if (!m) throw new Error(`no defined name for the global input ${input.global}`);
    return { sheet: m[1]!, address: `${m[2]}${m[3]}` };
  }
  const line = c.program.sheetById.get(input.sheet)?.lines.get(input.line);
  if (!line) throw new Error(`no line ${input.sheet}.${input.line}`);
  const at = c.layout.address(line, input.period);
  return { sheet: at.sheet, address: a1(at.col, at.row) };
}

export interface WorkbookStatus {
  master: string;
  /** id@period -> "OK" | "FAIL" as stored in the file (cached or recalculated). */
  rows: Map<string, string>;
}

/** Read the stored results of the master check and of every check row from an .xlsx file. */
export async function readCheckStatus(file: string | Uint8Array, cells: { key: string; address: string }[]): Promise<WorkbookStatus> {
  const wb = new ExcelJS.Workbook();
  if (typeof file === 'string') await wb.xlsx.readFile(file);
  else await wb.xlsx.load(Buffer.from(file) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(CHECKS_SHEET);
  if (!ws) throw new Error('the workbook has no Checks sheet');
  const result = (address: string): string => {
    const cell = ws.getCell(address);
    if (!cell.formula) throw new Error(`${CHECKS_SHEET}!${address} holds no formula`);
    return String(cell.result);
  };
  return { master: result(MASTER_CHECK_CELL), rows: new Map(cells.map((c) => [c.key, result(c.address)])) };
}

export function failedInWorkbook(status: WorkbookStatus): string[] {
  return [...status.rows].filter(([, s]) => s !== 'OK').map(([k]) => k);
}
