// What a workbook is verified against (finbook verify --model, export --verify, the library's
// verifyWorkbook): the model's plan for the scenario the file's selector shows, and the plans
// of the other scenarios with where to choose them (verify switches the selector to each).
import { compute } from '../compute/compute.js';
import type { Issue } from '../issues.js';
import type { Computed } from '../pipeline.js';
import { plan } from '../pipeline.js';
import type { PlannedWorkbook } from '../plan/cells.js';
import type { ReadWorkbook } from '../verify/read-xlsx.js';
import type { ScenarioPlan } from '../verify/scenarios.js';
import { scenarioSelector } from '../verify/scenarios.js';

export type ModelPlans = { ok: true; plan: PlannedWorkbook; others: ScenarioPlan[] } | { ok: false; issues: Issue[] };

export function plansFor(computed: Computed, file: ReadWorkbook): ModelPlans {
  const selector = scenarioSelector(computed);
  if (!selector) return { ok: true, plan: plan(computed), others: [] };
  // the scenario the file was exported with: its selector's text
  const shown = file.sheets.find((s) => s.name === selector.sheet)?.cells.get(selector.ref)?.value;
  const scenarios = computed.program.template.value.scenarios ?? [];
  const index = Math.max(0, scenarios.findIndex((sc) => typeof shown === 'string' && sc.label.toLowerCase() === shown.trim().toLowerCase()));
  const planOf = (i: number): PlannedWorkbook => plan({ ...computed, results: i === computed.results.scenario ? computed.results : compute(computed.program, { scenario: i }) });
  const others = scenarios.flatMap((sc, i) => (i === index ? [] : [{ label: sc.label, sheet: selector.sheet, ref: selector.ref, plan: planOf(i) }]));
  return { ok: true, plan: planOf(index), others };
}
