// loadModel: a model (and its template) from files, or from plain objects built in code, read,
// validated, compiled and computed exactly as `finbook export` does. User mistakes come back
// as issues, never thrown.
import { resolve } from 'node:path';
import type { z } from 'zod';
import type { Issue, Result } from '../issues.js';
import type { modelSchema, templateSchema } from '../model/schema.js';
import { computeExport } from '../services/export-plan.js';
import type { LoadedModel } from './loaded-model.js';
import { loadedModel } from './loaded-model.js';

/** A model as written in code: the input of finbook's model schema (defaults may be left out). */
export type ModelInput = Omit<z.input<typeof modelSchema>, 'template'> & {
  /** The template's file (relative to baseDir); leave it out when `template` is given to loadModel. */
  template?: string;
};

/** A template as written in code: the input of finbook's template schema (or one with `extends:`). */
export type TemplateInput = z.input<typeof templateSchema> | ({ extends: string } & Record<string, unknown>);

export interface LoadOptions {
  /** For a model object: its template, as an object built in code or a file name (instead of the model's `template`). */
  template?: TemplateInput | string;
  /** The scenario to compute and select in the workbook (id or label; default the template's first). */
  scenario?: string;
  /** A CSV file of values merged with the model's (as `finbook export --values`). */
  values?: string;
  /**
   * Where the file names in an object model are relative to (its template, values_file, a
   * template's `extends:`); default the working directory. Ignored for a model file.
   */
  baseDir?: string;
}

/** Names the objects are known by in messages (they have no file). */
const MODEL_OBJECT = '(model object).json';
const TEMPLATE_OBJECT = '(template object).json';

/**
 * Load and compute a model: `model` is a file name (YAML or JSON) or an object built in code.
 * Returns the computed model, or every problem found (each with a documented code).
 */
export function loadModel(model: string | ModelInput, options: LoadOptions = {}): Result<LoadedModel> {
  const base = { ...(options.scenario === undefined ? {} : { scenario: options.scenario }), ...(options.values === undefined ? {} : { valuesFile: options.values }) };
  if (typeof model === 'string') {
    // a model file names its own template (and its files are relative to it)
    if (options.template !== undefined) throw new TypeError('finbook loadModel: `template` is for a model given as an object; a model file names its template itself');
    return done(computeExport(resolve(model), base));
  }
  const dir = resolve(options.baseDir ?? '.');
  const templateFile = typeof options.template === 'string' ? options.template : options.template !== undefined ? TEMPLATE_OBJECT : undefined;
  const modelObject = { ...model, template: templateFile ?? model.template };
  if (modelObject.template === undefined) return { ok: false, issues: [{ code: 'schema_invalid_type', path: 'template', message: 'the model names no template: give `template` (a file name) in the model or the template object to loadModel' }] };
  const computed = computeExport(resolve(dir, MODEL_OBJECT), {
    ...base,
    modelText: JSON.stringify(modelObject),
    ...(typeof options.template === 'object' ? { templateText: JSON.stringify(options.template) } : {}),
  });
  return done(computed, [MODEL_OBJECT, TEMPLATE_OBJECT]);
}

function done(computed: ReturnType<typeof computeExport>, objects: string[] = []): Result<LoadedModel> {
  // an object has no lines and columns: its issues say where by their path alone
  const placed = (issues: readonly Issue[]): Issue[] => issues.map((i) => (i.source && objects.some((o) => i.source!.file.endsWith(o)) ? withoutSource(i) : i));
  if (!computed.ok) return { ok: false, issues: placed(computed.issues) };
  const warnings = placed(computed.value.warnings);
  return { ok: true, value: loadedModel({ ...computed.value, warnings }), warnings };
}

function withoutSource(issue: Issue): Issue {
  const { source: _source, ...rest } = issue;
  return rest;
}
