// verify: reopen a written workbook, let LibreOffice recalculate every formula from
// scratch, and compare its results with the cached values (and with the model's).
import { readInputFile } from '../input/read.js';
import type { OfficeSession } from '../office/index.js';
import { openOfficeSession, recalculateWithOffice } from '../office/index.js';
import type { PlannedWorkbook } from '../plan/cells.js';
import type { Comparison } from './compare.js';
import { compareWorkbooks } from './compare.js';
import type { ReadWorkbook } from './read-xlsx.js';
import { readXlsx, WorkbookReadError } from './read-xlsx.js';

/** A recalculation under way: LibreOffice runs in its own process meanwhile. */
export interface Recalculation {
  original: ReadWorkbook;
  /** LibreOffice's results; rejects with OfficeMissingError / OfficeFailedError. */
  recalculated: Promise<ReadWorkbook>;
  /** Wait for LibreOffice and remove the throw-away profile (when this call opened it). */
  dispose(): Promise<void>;
}

/**
 * Read the workbook (WorkbookReadError if it is none, before LibreOffice starts) and start
 * LibreOffice on it. The caller can compute the model while LibreOffice works.
 */
export async function startRecalculation(path: string, session?: OfficeSession): Promise<Recalculation> {
  const read = readInputFile(path);
  if (!read.ok) throw new WorkbookReadError(read.reason, true);
  const original = readXlsx(read.bytes);
  const opened = session ? Promise.resolve(session) : openOfficeSession();
  const recalculated = opened.then((s) => recalculateWithOffice(s, path)).then((bytes) => readXlsx(bytes));
  recalculated.catch(() => undefined); // handled by whoever awaits it; never an unhandled rejection
  return {
    original,
    recalculated,
    dispose: async () => {
      if (session) return;
      const s = await opened.catch(() => null);
      await s?.dispose();
    },
  };
}

/** Recalculate and compare in one step (see startRecalculation for the errors). */
export async function verifyWorkbook(path: string, options: { model?: PlannedWorkbook; session?: OfficeSession } = {}): Promise<Comparison> {
  const r = await startRecalculation(path, options.session);
  try {
    return compareWorkbooks(r.original, await r.recalculated, options.model);
  } finally {
    await r.dispose();
  }
}
