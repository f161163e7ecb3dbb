// Test support: export a model in-process to bytes, and read the bytes back.
import { loadAndCompute, plan } from '../../src/pipeline.js';
import type { PlannedWorkbook } from '../../src/plan/cells.js';
import { bytesWrittenBy } from '../../src/write/bytes-sink.js';
import { writeXlsx } from '../../src/write/xlsx.js';

/** The .xlsx bytes the writer produces for a planned workbook, without touching the disk. */
export function xlsxBytes(workbook: PlannedWorkbook): Promise<Uint8Array> {
  return bytesWrittenBy((out) => writeXlsx(workbook, out));
}

/** Load, compile, compute and plan a model file; throws with the issues when it is invalid. */
export function planModel(modelPath: string): PlannedWorkbook {
  const loaded = loadAndCompute(modelPath);
  if (!loaded.ok) throw new Error(`model ${modelPath} is invalid:\n${loaded.issues.map((i) => `${i.source?.line ?? ''} ${i.path ?? ''} ${i.message}`).join('\n')}`);
  return plan(loaded.value);
}
