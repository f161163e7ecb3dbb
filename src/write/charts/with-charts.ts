// Write a workbook that has charts: exceljs writes the cells into memory, the chart parts
// are added to that package, and the result goes to `out`. Workbooks without charts never
// come here (see write/xlsx.ts): they keep the streaming writer's bounded memory.
import { Writable } from 'node:stream';
import type { ResolvedChart } from '../../charts/model.js';
import { placeCharts } from '../../charts/placement.js';
import type { PlannedWorkbook } from '../../plan/cells.js';
import { addCharts } from './package.js';

/** Writes the cells of a workbook to a stream (the streaming exceljs writer). */
export type CellWriter = (out: Writable) => Promise<void>;

async function writeToMemory(writeCells: CellWriter): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const finished = new Promise<void>((resolve, reject) => {
    sink.on('finish', resolve);
    sink.on('error', reject);
  });
  await writeCells(sink);
  await finished;
  return Buffer.concat(chunks);
}

export async function writeXlsxWithCharts(plan: PlannedWorkbook, charts: readonly ResolvedChart[], out: Writable, writeCells: CellWriter): Promise<void> {
  const cells = await writeToMemory(writeCells);
  const bytes = addCharts(cells, placeCharts(plan, charts));
  await new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.end(bytes, () => resolve());
  });
}
