// `finbook validate [MODEL]`: load, compile and compute without writing; print the checks.
import { resolve } from 'node:path';
import { isError } from '../issues.js';
import { loadAndCompute, plan } from '../pipeline.js';
import { checkPlannedWorkbook } from '../plan/text-safety.js';
import { checkTable } from '../services/checks-report.js';
import { tieOutFailureTable, tieOutJson } from '../services/tieout-report.js';
import type { ExitCode } from './exit-codes.js';
import { EXIT } from './exit-codes.js';
import type { Output } from './output.js';
import { reportIssues } from './output.js';
import { defaultModelPath } from './paths.js';
import { computeScenarios, scenarioTable } from './scenarios-report.js';

export async function runValidate(args: { model?: string; json?: boolean; values?: string; scenario?: string }, o: Output): Promise<ExitCode> {
  const loaded = loadAndCompute(resolve(args.model ?? defaultModelPath()), { valuesFile: args.values, scenario: args.scenario });
  if (!loaded.ok) {
    reportIssues(o, loaded.issues, args.json ?? false);
    return EXIT.invalid;
  }
  const { program, results } = loaded.value;
  // every cell against Excel's limits, as export checks them before writing
  const limits = checkPlannedWorkbook(plan(loaded.value), loaded.value);
  if (limits.some(isError)) {
    reportIssues(o, limits, args.json ?? false);
    return EXIT.invalid;
  }
  const warnings = [...loaded.value.warnings, ...limits];
  const failed = results.checks.filter((c) => !c.ok).length;
  // every scenario, computed here: a check that fails in any of them fails validation
  const scenarios = computeScenarios(program, results);
  if (!scenarios.ok) {
    reportIssues(o, scenarios.issues, args.json ?? false);
    return EXIT.invalid;
  }
  const failedElsewhere = scenarios.outcomes.filter((s) => !s.selected && s.failed.length > 0);
  if (args.json) {
    o.out(
      JSON.stringify(
        {
          ok: failed === 0,
          issues: warnings,
          checks: results.checks.map((c) => ({
            id: c.check.spec.id,
            period: c.row.period,
            left: c.left.toString(),
            right: c.right.toString(),
            difference: c.difference.toString(),
            tolerance: c.check.spec.tolerance,
            ok: c.ok,
          })),
          scenarios: scenarios.outcomes.map((s) => ({ id: s.id, label: s.label, selected: s.selected, figures: s.figures.map((f) => ({ label: f.label, period: f.period, value: f.value.toString() })), checks: s.checks, failed: s.failed })),
          // the printed figures (Tie-out sheet): counts, and every figure that is not within rounding
          ...(results.tieOut.rows.length > 0
            ? {
                tie_out: {
                  compared: results.tieOut.rows.length,
                  within_rounding: results.tieOut.within,
                  explained: results.tieOut.explained,
                  differences: results.tieOut.rows.filter((r) => r.status !== 'OK').map(tieOutJson),
                },
              }
            : {}),
        },
        null,
        2,
      ),
    );
  } else {
    if (warnings.length) reportIssues(o, warnings, false);
    if (results.checks.length) for (const line of checkTable(program, results.checks)) o.out(line);
    for (const line of tieOutFailureTable(results)) o.out(line);
    o.out(`${results.checks.length - failed} of ${results.checks.length} checks OK${failed ? `, ${failed} failed` : ''}`);
    if (scenarios.outcomes.length > 0) {
      o.out('');
      for (const line of scenarioTable(scenarios.outcomes)) o.out(line);
      for (const s of failedElsewhere) o.out(`scenario ${s.label}: ${s.failed.length} check${s.failed.length === 1 ? '' : 's'} failed: ${s.failed.join(', ')}`);
    }
  }
  return failed > 0 || failedElsewhere.length > 0 ? EXIT.failed : EXIT.ok;
}
