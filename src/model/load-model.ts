// Loading a model file: load.ts with the model's schema, its values taken in compact form
// when they are exactly what the schema accepts (compact-values.ts).
import type { Issue } from '../issues.js';
import { compactValues } from './compact-values.js';
import type { Located, Reference } from './load.js';
import { loadFile } from './load.js';
import type { Model } from './schema.js';
import { modelSchema } from './schema.js';

export function loadModelFile(file: string, from?: Reference): { ok: true; file: Located<Model> } | { ok: false; issues: Issue[] } {
  return loadFile(file, modelSchema, 'the model', from, undefined, { key: 'values', take: compactValues });
}
