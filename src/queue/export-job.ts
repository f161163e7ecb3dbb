// The queue's one call into the export path: a job is `finbook export MODEL --out OUT ...`
// (the export service, services/export.ts, as `finbook batch` and `finbook export` run it), its printed lines
// captured, its workbook's hash and checks reported through ExportEvents.written.
import type { ExitCode } from '../services/exit-codes.js';
import type { ExportWritten } from '../services/export-request.js';
import { exportWorkbook } from '../services/export.js';
import type { ExportJob } from './job.js';
import { exportArgsFor } from './job.js';

export interface JobExport {
  code: ExitCode;
  /** What `finbook export --quiet` would have printed: problems, failed checks. */
  messages: string[];
  /** The workbook in place (absent when nothing was written). */
  written?: ExportWritten;
  ms: number;
}

export async function exportJob(job: ExportJob): Promise<JobExport> {
  const start = performance.now();
  const messages: string[] = [];
  let written: ExportWritten | undefined;
  const capture = { out: (line: string) => messages.push(line), err: (line: string) => messages.push(line) };
  const code = await exportWorkbook(exportArgsFor(job), capture, { written: (w) => (written = w) });
  return { code, messages, ...(written ? { written } : {}), ms: performance.now() - start };
}
