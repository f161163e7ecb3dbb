// The workbooks of a batch (`finbook batch`, `finbook queue add`): one per model, in the
// output folder, named after the model.
import { basename, extname, join, resolve } from 'node:path';
import { displayPath } from '../model/load.js';
import { safeFileName } from '../write/safe-path.js';
import type { BatchTask } from './messages.js';

/** One workbook per model, named after the model; two models may not claim the same name. */
export function planTasks(models: readonly string[], outDir: string, protect: boolean): { tasks: BatchTask[]; clashes: string[] } {
  const tasks: BatchTask[] = [];
  const claimed = new Map<string, string>();
  const clashes: string[] = [];
  models.forEach((m, index) => {
    const model = resolve(m);
    const out = join(outDir, `${safeFileName(basename(model, extname(model)))}.xlsx`);
    const key = out.toLowerCase(); // case-insensitive file systems would make these one file
    const earlier = claimed.get(key);
    if (earlier !== undefined && earlier !== model) clashes.push(`${displayPath(model)} and ${displayPath(earlier)} would both write ${displayPath(out)}`);
    claimed.set(key, model);
    tasks.push({ index, model, out, protect });
  });
  return { tasks, clashes };
}
