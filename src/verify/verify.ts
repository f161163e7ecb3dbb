// verify: reopen a written workbook, let LibreOffice recalculate every formula from
// scratch, and compare its results with the cached values (and with the model's).
import { readFile } from 'node:fs/promises';
import type { OfficeSession } from '../office/index.js';
import { recalculateWithOffice, withOfficeSession } from '../office/index.js';
import type { PlannedWorkbook } from '../plan/cells.js';
import type { Comparison } from './compare.js';
import { compareWorkbooks } from './compare.js';
import { readXlsx } from './read-xlsx.js';

export interface VerifyOptions {
  /** The model's planned cells (from pipeline.ts loadAndCompute + plan) to compare with. */
  model?: PlannedWorkbook;
  /** A LibreOffice session to reuse (a warm profile); by default one is opened and removed. */
  session?: OfficeSession;
}

/**
 * Throws WorkbookReadError for a file that is not a workbook (before LibreOffice starts),
 * OfficeMissingError / OfficeFailedError for LibreOffice, and file-system errors as they are.
 */
export async function verifyWorkbook(path: string, options: VerifyOptions = {}): Promise<Comparison> {
  const original = readXlsx(await readFile(path));
  const recalc = (s: OfficeSession): Promise<Uint8Array> => recalculateWithOffice(s, path);
  const bytes = options.session ? await recalc(options.session) : await withOfficeSession(recalc);
  return compareWorkbooks(original, readXlsx(bytes), options.model);
}
