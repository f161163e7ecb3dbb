// The PDF step of a job: LibreOffice prints the written workbook (src/office). Injected as a
// function so a job runner can be given another converter.
import { OfficeFailedError, OfficeMissingError, convertToPdf } from '../office/index.js';

export type PdfConverter = (xlsxPath: string, pdfPath: string) => Promise<void>;

export const officePdf: PdfConverter = convertToPdf;

export function describePdfError(err: unknown): string {
  if (err instanceof OfficeMissingError || err instanceof OfficeFailedError) return err.message;
  const e = err as NodeJS.ErrnoException;
  return e.code ? `${e.code}: ${e.message}` : (e.message ?? String(err));
}
