// Write a workbook that has charts: exceljs writes the cells into memory, the chart parts
// are added to that package, and the result goes to `out`. Workbooks without charts never
// come here (see write/xlsx.ts): they keep the streaming writer's bounded memory.
import type { Writable } from 'node:stream';
import type { ResolvedChart } from '../../charts/model.js';
import { placeCharts } from '../../charts/placement.js';
import type { PlannedWorkbook } from '../../plan/cells.js';
import { bytesWrittenBy } from '../bytes-sink.js';
import { addCharts } from './package.js';

/** Writes the cells of a workbook to a stream (the streaming exceljs writer). */
export type CellWriter = (out: Writable) => Promise<void>;

export async function writeXlsxWithCharts(plan: PlannedWorkbook, charts: readonly ResolvedChart[], out: Writable, writeCells: CellWriter): Promise<void> {
  const cells = await bytesWrittenBy(writeCells);
  const bytes = addCharts(cells, placeCharts(plan, charts));
  await new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.end(bytes, () => resolve());
  });
}
