// Loading a model file: load.ts with the model's schema, its values taken in compact form
// when they are exactly what the schema accepts (compact-values.ts; from a JSON file's text
// without JSON.parse, json-values.ts).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Issue } from '../issues.js';
import { compactValues, lineValuesOf } from './compact-values.js';
import { compactValuesFromJson } from './json-values.js';
import type { Located, Reference } from './load.js';
import { loadFile } from './load.js';
import type { Model } from './schema.js';
import { modelSchema } from './schema.js';

/** Values from which the parsed file is collected as soon as it is loaded. */
const COLLECT_AFTER_VALUES = 200_000;

export function loadModelFile(file: string, from?: Reference, given?: string): { ok: true; file: Located<Model> } | { ok: false; issues: Issue[] } {
  const loaded = loadFile(file, modelSchema, 'the model', from, given, { key: 'values', take: compactValues, takeJson: compactValuesFromJson });
  if (loaded.ok && compactValueCount(loaded.file.value.values) >= COLLECT_AFTER_VALUES) collectGarbage();
  return loaded;
}

function compactValueCount(values: Model['values']): number {
  let n = 0;
  for (const byLine of Object.values(values)) for (const line of Object.values(byLine)) n += lineValuesOf(line)?.data.length ?? 0;
  return n;
}

/**
 * A full garbage collection now. The parsed file (150 MB of objects for 3M values) is garbage
 * once its values are compact, but V8 set its next collection by the heap it had while
 * parsing: without this, the garbage of what follows piles up to that size before the next
 * collection, and the peak is as if the parsed file were still held. (`gc` is exposed to
 * contexts made after the flag is set; ~40 ms for a large model's live heap.)
 */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as unknown;
  if (typeof gc === 'function') (gc as () => void)();
}
