// What loadModel gives a caller: the validated model and template (typed from their zod
// schemas) and the names a program needs; the computed workbook stays inside finbook
// (computedOf), so the public types never name finbook's internal structures.
import type { Issue } from '../issues.js';
import type { Model, Template } from '../model/schema.js';
import type { Computed } from '../pipeline.js';

export interface LoadedModel {
  /** The model as validated (defaults filled in): z.infer of finbook's model schema. */
  readonly model: Model;
  /** The template as finbook uses it (after `extends:`, template_changes, per-period columns). */
  readonly template: Template;
  /** The scenario computed and selected in the workbook (its id), or undefined without scenarios. */
  readonly scenario: string | undefined;
  /** Problems that do not stop the export (severity 'warning'). */
  readonly warnings: readonly Issue[];
}

const computedOf = new WeakMap<LoadedModel, Computed>();

/** @internal */
export function loadedModel(computed: Computed): LoadedModel {
  const { program, results, warnings } = computed;
  const scenarios = program.template.value.scenarios ?? [];
  const handle: LoadedModel = Object.freeze({
    model: program.model.value,
    template: program.template.value,
    scenario: scenarios[results.scenario]?.id,
    warnings: Object.freeze([...warnings]),
  });
  computedOf.set(handle, computed);
  return handle;
}

/** @internal The computed workbook behind a LoadedModel; a value not made by loadModel is a caller's bug. */
export function computedModel(model: LoadedModel): Computed {
  const c = computedOf.get(model);
  if (!c) throw new TypeError('finbook: expected a model returned by loadModel()');
  return c;
}
