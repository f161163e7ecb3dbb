// The workbook of a loaded model: to a file (written atomically, as `finbook export` writes),
// to a Node stream (an HTTP response; ended when the workbook is complete) or to a Buffer.
// A workbook over Excel's limits, or a file name finbook refuses, comes back as issues;
// a failing disk or stream rejects the promise.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Writable } from 'node:stream';
import type { Result } from '../issues.js';
import type { PlannedWorkbook } from '../plan/cells.js';
import { planExport } from '../services/export-plan.js';
import { workbookPathProblem } from '../services/workbook-path.js';
import { writeFileAtomically } from '../write/atomic.js';
import { OutputRefusedError, outputTarget } from '../write/safe-path.js';
import { writeXlsx, xlsxContent } from '../write/xlsx.js';
import type { LoadedModel } from './loaded-model.js';
import { computedModel } from './loaded-model.js';

export interface WriteOptions {
  /** Lock the formula cells (no password); inputs stay editable. */
  protect?: boolean;
}

export interface WrittenWorkbook {
  sheets: number;
  checks: { ok: number; total: number };
  /** The file written (absolute), for a write to a path. */
  path?: string;
}

/** Write the model's workbook to a file (.xlsx) or into a stream; resolves when it is complete. */
export async function writeWorkbook(model: LoadedModel, target: string | Writable, options: WriteOptions = {}): Promise<Result<WrittenWorkbook>> {
  const planned = plannedOf(model);
  if (!planned.ok) return planned;
  const workbook = planned.value;
  const summary = summaryOf(model, workbook);
  if (typeof target !== 'string') {
    await writeXlsx(workbook, target, { protect: options.protect ?? false });
    return { ok: true, value: summary, warnings: planned.warnings };
  }
  const bad = workbookPathProblem(target);
  if (bad) return { ok: false, issues: [{ code: 'out_extension', message: bad.replace(/^--out /, '') }] };
  const path = resolve(target);
  try {
    outputTarget(path);
  } catch (err) {
    if (!(err instanceof OutputRefusedError)) throw err;
    return { ok: false, issues: [{ code: err.code, message: `will not write ${path}: ${err.message}` }] };
  }
  mkdirSync(dirname(path), { recursive: true });
  await writeFileAtomically(path, xlsxContent(workbook, { protect: options.protect ?? false }));
  return { ok: true, value: { ...summary, path }, warnings: planned.warnings };
}

/** The model's workbook as the bytes of an .xlsx file. */
export async function workbookBuffer(model: LoadedModel, options: WriteOptions = {}): Promise<Result<Buffer>> {
  const planned = plannedOf(model);
  if (!planned.ok) return planned;
  const content = xlsxContent(planned.value, { protect: options.protect ?? false });
  if (content instanceof Uint8Array) return { ok: true, value: Buffer.from(content.buffer, content.byteOffset, content.byteLength), warnings: planned.warnings };
  const chunks: Buffer[] = [];
  await content(
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    }),
  );
  return { ok: true, value: Buffer.concat(chunks), warnings: planned.warnings };
}

function plannedOf(model: LoadedModel): Result<PlannedWorkbook> {
  const p = planExport(computedModel(model));
  return p.ok ? { ok: true, value: p.workbook, warnings: p.warnings } : p;
}

function summaryOf(model: LoadedModel, workbook: PlannedWorkbook): WrittenWorkbook {
  const checks = computedModel(model).results.checks;
  return { sheets: workbook.sheets.length, checks: { ok: checks.filter((c) => c.ok).length, total: checks.length } };
}
