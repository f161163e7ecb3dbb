// `finbook export [MODEL] [--out PATH]`: the export service (src/services/export.ts) for the
// model named, or finbook's default model.
import type { ExportEvents, ExportRequest } from '../services/export-request.js';
import { exportWorkbook } from '../services/export.js';
import type { ExitCode } from '../services/exit-codes.js';
import type { Output } from '../services/output.js';
import { defaultModelPath } from './paths.js';

export type { ExportEvents, ExportWritten } from '../services/export-request.js';
export { defaultOutPath, pdfPathFor } from '../services/export-request.js';
export { describeIoError, writeFailure } from '../services/io-errors.js';

/** The command's arguments: the service's request, the model optional. */
export type ExportArgs = Omit<ExportRequest, 'model'> & { model?: string };

export function runExport(args: ExportArgs, o: Output, events: ExportEvents = {}): Promise<ExitCode> {
  return exportWorkbook({ ...args, model: args.model ?? defaultModelPath() }, o, events);
}
