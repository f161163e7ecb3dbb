// A drivers sheet (`drivers: true`, e.g. Assumptions): each driver line becomes a block per
// scenario of the template, and a live line that chooses the selected scenario's value. In
//
//   - { id: revenue_growth, label: "Revenue growth", format: percent,
//       scenarios: { base: { source: "guidance" }, upside: { formula: "revenue_growth_base + 0.05" } } }
//
// the live line is `scenario(revenue_growth_base, revenue_growth_upside, ...)` (Excel:
// CHOOSE(MATCH(scenario,scenario_list,0),...)), and each scenario's table holds
// revenue_growth_<scenario>: an input the model gives, or the scenario's formula. A scenario's
// formula is a starting value: where the model gives a value for one of its cells, that value
// is the input instead (`input_for: [given]`). Headings are repeated in every block; a line
// with a formula of its own is not a driver and stays in the live block only.
//
// A driver may have a history: `formula_for: { actual: ... }` computes it from the statements
// in the sheet's actual columns (the last actual year's growth, margin or days), the same in
// every scenario. The live line is then that formula in actual columns and `scenario(...)` in
// forecast ones, and each scenario's line shows the live history in actual columns, so a
// scenario's formula can start from it (`prev(revenue_growth_base)`: the last actual growth).
//
// Works on the raw template, so the expanded sheet is validated as a whole and every piece is
// still reported where it was written.
import type { Issue, IssueCode } from '../issues.js';
import { formatPath } from '../issues.js';
import type { Raw, RawTemplate, Resolved } from './extends.js';
import { copyArray, isRecord } from './extends.js';

/** The id of a driver's line for one scenario. */
export function scenarioLineId(driver: string, scenario: string): string {
  return `${driver}_${scenario}`;
}

export const LIVE_BLOCK_TITLE = 'Live case: the values of the scenario selected above, used by every formula';

export function expandDrivers(t: RawTemplate): Resolved<RawTemplate> {
  const { origins } = t;
  const sheets = Array.isArray(t.root.sheets) ? t.root.sheets : [];
  if (!sheets.some((s) => isRecord(s) && s.drivers === true)) return { ok: true, value: t };
  const issues: Issue[] = [];
  const problem = (path: PropertyKey[], code: IssueCode, message: string): void => {
    issues.push({ code, message, path: formatPath(path), source: origins.locate(t.root, path) });
  };
  const scenarios = (Array.isArray(t.root.scenarios) ? t.root.scenarios : []).filter(isRecord).map((s) => ({ id: String(s.id), label: String(s.label ?? s.id), note: typeof s.note === 'string' ? s.note : undefined }));
  const root: Raw = { ...t.root };
  origins.copy(t.root, root);
  root.sheets = copyArray(origins, sheets).map((s, si) => {
    if (!isRecord(s) || s.drivers !== true) return s;
    const path = ['sheets', si];
    if (scenarios.length === 0) {
      problem([...path, 'drivers'], 'no_scenarios', 'a drivers sheet holds one block per scenario: add `scenarios:` to the template');
      return s;
    }
    if (s.tables !== undefined || !Array.isArray(s.lines)) {
      problem([...path, 'tables'], 'drivers_tables', 'a drivers sheet has columns and lines (its scenario blocks are made from them), not tables');
      return s;
    }
    const live: unknown[] = [];
    const blocks = scenarios.map(() => [] as unknown[]);
    s.lines.forEach((l, li) => {
      if (!isRecord(l)) return;
      const { scenarios: perScenario, ...line } = l;
      const lpath = [...path, 'lines', li];
      const history = isRecord(line.formula_for) && Object.keys(line.formula_for).length === 1 && typeof line.formula_for.actual === 'string' ? line.formula_for.actual : undefined;
      const driver = typeof line.id === 'string' && line.formula === undefined && (line.formula_for === undefined || history !== undefined);
      if (perScenario !== undefined && !driver) problem([...lpath, 'scenarios'], 'not_a_driver', 'only a line without a formula is a driver with scenario values');
      const given = isRecord(perScenario) ? perScenario : {};
      for (const key of Object.keys(given))
        if (!scenarios.some((sc) => sc.id === key)) problem([...lpath, 'scenarios', key], 'unknown_scenario', `'${key}' is not a scenario of the template (${scenarios.map((sc) => sc.id).join(', ')})`);
      const choose = `scenario(${scenarios.map((sc) => scenarioLineId(String(line.id), sc.id)).join(', ')})`;
      const liveLine: Raw = !driver ? { ...line } : history !== undefined ? { ...line, formula_for: { actual: history, forecast: choose } } : { ...line, formula: choose };
      origins.copy(l, liveLine);
      live.push(liveLine);
      if (line.id !== undefined && !driver) return; // a formula of the live case only
      scenarios.forEach((sc, i) => {
        const spec = given[sc.id];
        const own = isRecord(spec) ? spec : {};
        const copy: Raw = { ...line };
        delete copy.key;
        if (driver) {
          copy.id = scenarioLineId(String(line.id), sc.id);
          delete copy.input_for;
          const formula = typeof own.formula === 'string' ? own.formula : undefined;
          if (history !== undefined) {
            // actual columns: the live history; forecast columns: the scenario's formula, or inputs
            copy.formula_for = { actual: String(line.id), ...(formula !== undefined ? { forecast: formula } : {}) };
            copy.input_for = formula !== undefined ? ['given'] : ['forecast'];
          } else if (formula !== undefined) {
            copy.formula = formula;
            copy.input_for = ['given'];
          }
          // a block shows the scenario's own reason; the driver's source stands in the live block
          if (typeof own.source === 'string') copy.source = own.source;
          else delete copy.source;
        }
        origins.copy(isRecord(spec) ? spec : l, copy);
        blocks[i]!.push(copy);
      });
    });
    const table = (title: string, lines: unknown[]): Raw => ({ title, columns: s.columns, lines });
    const out: Raw = { ...s, tables: [table(LIVE_BLOCK_TITLE, live), ...scenarios.map((sc, i) => table(`${sc.label}${sc.note ? `: ${sc.note}` : ''}`, blocks[i]!))] };
    delete out.columns;
    delete out.lines;
    origins.copy(s, out);
    return out;
  });
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { ...t, root } };
}
