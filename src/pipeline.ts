// The pipeline: load -> compile -> compute -> layout -> plan. Each stage returns data;
// user mistakes come back as issues. Only write/ and the CLI touch the file system.
import { resolve } from 'node:path';
import type { Program } from './compile/program.js';
import { compile } from './compile/program.js';
import { compileSensitivities } from './compile/sensitivities.js';
import { didYouMean } from './compile/suggest.js';
import { unneededReasons } from './compile/printed.js';
import type { Results } from './compute/compute.js';
import { compute } from './compute/compute.js';
import type { Issue } from './issues.js';
import { isError } from './issues.js';
import { checkGivenValues } from './compute/given.js';
import type { Layout } from './layout/layout.js';
import { layoutProgram } from './layout/layout.js';
import { loadModelFile } from './model/load-model.js';
import type { PrepareOptions } from './model/prepare.js';
import { prepareModel } from './model/prepare.js';
import type { PlannedWorkbook } from './plan/cells.js';
import { planWorkbook } from './plan/workbook.js';
import type { ResolvedChart } from './charts/model.js';
import { resolveCharts } from './charts/resolve.js';
import { packageVersion } from './package-root.js';

export interface Computed {
  program: Program;
  results: Results;
  layout: Layout;
  warnings: Issue[];
  /** The template's charts, resolved to live cells (empty without `charts:`). */
  charts: ResolvedChart[];
}

export type Loaded = { ok: true; value: Computed } | { ok: false; issues: Issue[] };

export interface LoadOptions extends PrepareOptions {
  /** The scenario to compute and select in the workbook: a scenario's id or label (default: the template's first). */
  scenario?: string;
  /** The model's text, when it is not read from modelPath (a model built in code, src/api/load.ts). */
  modelText?: string;
}

/** The index of a scenario named by id or label (ignoring case), or an issue naming the choices. */
export function scenarioIndex(program: Program, name: string | undefined): number | Issue {
  const scenarios = program.template.value.scenarios ?? [];
  if (name === undefined) return 0;
  const wanted = name.trim().toLowerCase();
  const i = scenarios.findIndex((s) => s.id.toLowerCase() === wanted || s.label.toLowerCase() === wanted);
  if (i >= 0) return i;
  const choices = scenarios.map((s) => s.id);
  return {
    code: 'unknown_scenario',
    message: scenarios.length === 0 ? `--scenario ${JSON.stringify(name)}: the template has no scenarios` : `--scenario ${JSON.stringify(name)} is not a scenario of the template${didYouMean(name, choices)}; the scenarios are ${choices.join(', ')}`,
  };
}

export function loadAndCompute(modelPath: string, options: LoadOptions = {}): Loaded {
  const model = loadModelFile(resolve(modelPath), undefined, options.modelText);
  if (!model.ok) return model;
  // the template (with `extends:`, the model's changes, per-period columns), CSV values, optional lines
  const prepared = prepareModel(model.file, resolve(modelPath), options);
  if (!prepared.ok) return prepared;
  const compiled = compile(prepared.value.model, prepared.value.template);
  if (!compiled.ok) return { ok: false, issues: prepared.value.remap(compiled.issues) };
  const sensitivities = compileSensitivities(compiled.program);
  if (!sensitivities.ok) return { ok: false, issues: prepared.value.remap(sensitivities.issues) };
  compiled.program.sensitivities = sensitivities.sensitivities;
  const selected = scenarioIndex(compiled.program, options.scenario);
  if (typeof selected !== 'number') return { ok: false, issues: [selected] };
  const results = compute(compiled.program, { scenario: selected });
  const given = checkGivenValues(compiled.program, results);
  if (given.some(isError)) return { ok: false, issues: prepared.value.remap(given.filter(isError)) };
  const layout = layoutProgram(compiled.program);
  const charts = resolveCharts(compiled.program, layout, results);
  if (!charts.ok) return charts;
  const warnings = [...compiled.warnings, ...prepared.value.remap(given), ...unneededReasons(compiled.program.model, results.tieOut.rows)];
  return { ok: true, value: { program: compiled.program, results, layout, warnings, charts: charts.charts } };
}

export function plan(c: Computed): PlannedWorkbook {
  return planWorkbook(c.program, c.layout, c.results, packageVersion(), c.charts);
}
