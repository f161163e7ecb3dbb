// What the rest of finbook asks of LibreOffice: a PDF of a workbook, and a workbook
// recalculated from its formulas (for `verify`).
import { copyFile, readFile, rename, unlink } from 'node:fs/promises';
import { resolve } from 'node:path';
import { tempPathFor } from '../write/atomic.js';
import { outputTarget } from '../write/safe-path.js';
import type { OfficeSession } from './session.js';
import { withOfficeSession } from './session.js';

export { OfficeFailedError, OfficeMissingError, INSTALL_COMMAND, findSoffice } from './soffice.js';

// LibreOffice's export filter names (see `soffice --help`, filter list of Calc).
const PDF = { ext: 'pdf', filter: 'calc_pdf_Export' } as const;
const XLSX = { ext: 'xlsx', filter: 'Calc MS Excel 2007 XML', recalc: true } as const;

/**
 * Print a workbook to PDF with headless LibreOffice (every sheet, by its print setup).
 * The PDF replaces `pdfPath` atomically. Throws OfficeMissingError when soffice is absent.
 */
export async function convertToPdf(xlsxPath: string, pdfPath: string): Promise<void> {
  // the process's one LibreOffice, reused for every PDF (session.ts, server.ts)
  await withOfficeSession(async (s) => moveInto(await s.convert(xlsxPath, PDF), pdfPath));
}

/** The produced file to its target, atomically (the target is checked as every output is). */
async function moveInto(produced: string, path: string): Promise<void> {
  const target = outputTarget(resolve(path));
  const temp = tempPathFor(target);
  try {
    await copyFile(produced, temp);
    await rename(temp, target);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}

/**
 * Load a workbook with recalculation on load forced to "always", save it again as .xlsx and
 * return the saved bytes: every formula cell then holds LibreOffice's own result.
 */
export async function recalculateWithOffice(session: OfficeSession, xlsxPath: string): Promise<Uint8Array> {
  const produced = await session.convert(xlsxPath, XLSX);
  return readFile(produced);
}

/** recalculateWithOffice for several workbooks (different file names) in one LibreOffice run. */
export async function recalculateAllWithOffice(session: OfficeSession, xlsxPaths: readonly string[]): Promise<Uint8Array[]> {
  const produced = await session.convertAll(xlsxPaths, XLSX);
  return Promise.all(produced.map((p) => readFile(p)));
}
