// `finbook validate` for a template with scenarios: every scenario computed in TypeScript,
// its key figures side by side and its checks counted, so a scenario whose balance sheet
// does not balance fails validation whichever scenario the workbook shows.
import type { Program } from '../compile/program.js';
import type { Results } from '../compute/compute.js';
import { compute } from '../compute/compute.js';
import type { Issue } from '../issues.js';
import { formatFigure } from '../mail/format.js';
import type { KeyFigure } from '../mail/key-figures.js';
import { keyFigures, reportingPeriod } from '../mail/key-figures.js';

export interface ScenarioOutcome {
  id: string;
  label: string;
  selected: boolean;
  figures: KeyFigure[];
  checks: number;
  /** Failed check rows, `id@period`. */
  failed: string[];
}

/** Every scenario of the template (none without scenarios); `selected` reuses its results. */
export function computeScenarios(program: Program, selected: Results): { ok: true; outcomes: ScenarioOutcome[] } | { ok: false; issues: Issue[] } {
  const scenarios = program.template.value.scenarios ?? [];
  const period = reportingPeriod(program);
  if (!period.ok) return period;
  const outcomes: ScenarioOutcome[] = [];
  for (const [i, sc] of scenarios.entries()) {
    const results = i === selected.scenario ? selected : compute(program, { scenario: i });
    const figures = keyFigures(program, results, period.period, 'scenario_figures');
    if (!figures.ok) return figures;
    const failed = results.checks.filter((c) => !c.ok).map((c) => `${c.check.spec.id}@${c.row.period ?? ''}`);
    outcomes.push({ id: sc.id, label: sc.label, selected: i === selected.scenario, figures: figures.figures, checks: results.checks.length, failed });
  }
  return { ok: true, outcomes };
}

/** The scenarios side by side: one row per figure, then the checks. */
export function scenarioTable(outcomes: ScenarioOutcome[]): string[] {
  if (outcomes.length === 0) return [];
  const head = ['scenario', ...outcomes.map((o) => (o.selected ? `${o.label} (selected)` : o.label))];
  const rows = [
    ...outcomes[0]!.figures.map((f, k) => [f.label, ...outcomes.map((o) => formatFigure(o.figures[k]!.value, o.figures[k]!.format))]),
    ['checks OK', ...outcomes.map((o) => `${o.checks - o.failed.length} of ${o.checks}`)],
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => r.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ');
  return [line(head), ...rows.map(line)];
}
