// What an export is asked to do and what it tells its caller while it runs: the export
// service's (services/export.ts) request, shared by the CLI, batch, the queue and the delivery.
import { basename, extname, resolve } from 'node:path';
import { safeFileName } from '../write/safe-path.js';

export interface ExportRequest {
  /** The model file (relative to the working directory or absolute). */
  model: string;
  /** The workbook to write (.xlsx); default out/<model name>.xlsx (defaultOutPath). */
  out?: string;
  json?: boolean;
  protect?: boolean;
  quiet?: boolean;
  /** Mail the workbook to these addresses (services/export-delivery.ts). */
  mailTo?: string[];
  /** Write and mail only when the workbook differs from the last one delivered. */
  ifChanged?: boolean;
  /** A CSV file of values merged with the model's (src/model/csv-values.ts). */
  values?: string;
  /** Also print the workbook to PDF (same name, .pdf) through headless LibreOffice. */
  pdf?: boolean;
  /** The scenario selected in the workbook and computed for its cached values (id or label). */
  scenario?: string;
  /**
   * Leave a workbook that already holds exactly these bytes in place instead of replacing it
   * (finbook worker: a job run again after its worker was lost writes its file only once).
   */
  skipIdentical?: boolean;
  /** With mail: a workbook whose checks fail is written but not mailed (a jobs file's hold_on_check_failure). */
  holdOnCheckFailure?: boolean;
}

/** out/x.xlsx -> out/x.pdf */
export function pdfPathFor(workbook: string): string {
  return `${workbook.replace(/\.xlsx$/i, '')}.pdf`;
}

export function defaultOutPath(modelPath: string): string {
  // one plain name inside out/, whatever the model's file is called
  return resolve('out', `${safeFileName(basename(modelPath, extname(modelPath)))}.xlsx`);
}

/** The workbook an export left at its target. */
export interface ExportWritten {
  /** Absolute path of the workbook. */
  workbook: string;
  /** Hex SHA-256 of its bytes. */
  sha256: string;
  /** False when skipIdentical found exactly these bytes in place and left them. */
  replaced: boolean;
  sheets: number;
  checks: { ok: number; total: number };
}

/** What a caller may learn while an export runs (finbook batch, finbook worker). */
export interface ExportEvents {
  /** The workbook is built in memory; only writing it is left. */
  computed?(): void;
  /** The workbook is in place (before any PDF or mail). */
  written?(w: ExportWritten): void;
}

