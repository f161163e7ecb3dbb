// Test support: export a model in-process to bytes, and read the bytes back.
import { Writable } from 'node:stream';
import { loadAndCompute, plan } from '../../src/pipeline.js';
import type { PlannedWorkbook } from '../../src/plan/cells.js';
import { writeXlsx } from '../../src/write/xlsx.js';

/** The .xlsx bytes the writer produces for a planned workbook, without touching the disk. */
export async function xlsxBytes(workbook: PlannedWorkbook): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  const finished = new Promise<void>((res, rej) => {
    out.on('finish', res);
    out.on('error', rej);
  });
  await writeXlsx(workbook, out);
  await finished;
  return Buffer.concat(chunks);
}

/** Load, compile, compute and plan a model file; throws with the issues when it is invalid. */
export function planModel(modelPath: string): PlannedWorkbook {
  const loaded = loadAndCompute(modelPath);
  if (!loaded.ok) throw new Error(`model ${modelPath} is invalid:\n${loaded.issues.map((i) => `${i.source?.line ?? ''} ${i.path ?? ''} ${i.message}`).join('\n')}`);
  return plan(loaded.value);
}
