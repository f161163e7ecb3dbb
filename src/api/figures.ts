// computeFigures: what the TypeScript model computes, as plain data: every line's value in
// every period its table shows, and every check. The workbook's cached values are exactly
// these figures (`value` is the cell's cached double; `exact` the decimal it is rounded from).
import { compute } from '../compute/compute.js';
import type { Results } from '../compute/compute.js';
import { toDecimal, toDouble } from '../compute/exact.js';
import { scenarioIndex } from '../pipeline.js';
import type { Issue, Result } from '../issues.js';
import type { LoadedModel } from './loaded-model.js';
import { computedModel } from './loaded-model.js';

export interface Figure {
  /** The sheet's id in the template. */
  sheet: string;
  /** The line's id. */
  line: string;
  label: string;
  /** The period's id. */
  period: string;
  /** The value the workbook caches for the cell (a double). */
  value: number;
  /** The exact decimal the model computes, as text (decimal.js), before it becomes a double. */
  exact: string;
}

export interface CheckFigure {
  /** The check's id in the template. */
  id: string;
  label: string;
  /** The period the check row is for (null for a check over no period). */
  period: string | null;
  left: string;
  right: string;
  difference: string;
  tolerance: number;
  ok: boolean;
}

export interface Figures {
  /** The scenario computed (its id), or undefined without scenarios. */
  scenario: string | undefined;
  figures: Figure[];
  checks: CheckFigure[];
  /** Every check passed. */
  ok: boolean;
}

export interface FiguresOptions {
  /** Another scenario than the one loaded (id or label); the loaded model is not changed. */
  scenario?: string;
}

/** The figures and checks of a loaded model, for its scenario or another one. */
export function computeFigures(model: LoadedModel, options: FiguresOptions = {}): Result<Figures> {
  const computed = computedModel(model);
  let results: Results = computed.results;
  if (options.scenario !== undefined) {
    const index = scenarioIndex(computed.program, options.scenario);
    if (typeof index !== 'number') return { ok: false, issues: [index satisfies Issue] };
    if (index !== results.scenario) results = compute(computed.program, { scenario: index });
  }
  const { program } = computed;
  const figures: Figure[] = [];
  for (const sheet of program.sheets)
    for (const line of sheet.ordered) {
      const values = results.lineValues.get(line);
      if (!values) continue;
      line.table.valuePeriods.forEach((period, i) => {
        const v = values.get(i);
        if (v !== undefined) figures.push({ sheet: sheet.id, line: line.id, label: line.spec.label, period, value: toDouble(v), exact: toDecimal(v).toString() });
      });
    }
  const checks = results.checks.map((c) => ({
    id: c.check.spec.id,
    label: c.check.spec.label,
    period: c.row.period === null ? null : (program.periods.get(c.row.period)?.id ?? c.row.period),
    left: c.left.toString(),
    right: c.right.toString(),
    difference: c.difference.toString(),
    tolerance: c.check.spec.tolerance,
    ok: c.ok,
  }));
  const scenarios = program.template.value.scenarios ?? [];
  return { ok: true, value: { scenario: scenarios[results.scenario]?.id, figures, checks, ok: checks.every((c) => c.ok) }, warnings: [] };
}
