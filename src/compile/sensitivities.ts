// Sensitivity tables: each output written out down to its two drivers (compile/inline.ts),
// with the template mistakes (an unknown cell, an output that does not depend on a driver)
// reported at their place.
import type { Issue, IssueCode } from '../issues.js';
import { formatPath, sortIssues } from '../issues.js';
import type { CellKey } from './inline.js';
import { inlineOnDrivers } from './inline.js';
import type { Program, SensitivityInfo } from './program.js';

type Path = (string | number)[];

/** Each sensitivity table's output written out down to its two drivers (compile/inline.ts). */
export function compileSensitivities(program: Program): { ok: true; sensitivities: SensitivityInfo[] } | { ok: false; issues: Issue[] } {
  const out: SensitivityInfo[] = [];
  const issues: Issue[] = [];
  const problem = (path: Path, code: IssueCode, message: string): void => {
    issues.push({ code, message, path: formatPath(path), source: program.template.locate(path) });
  };
  (program.template.value.sensitivities ?? []).forEach((spec, i) => {
    const path: Path = ['sensitivities', i];
    const cellAt = (text: string, field: Path): CellKey | null => {
      const m = /^([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)\[([A-Za-z0-9_]+)\]$/.exec(text)!;
      const line = program.sheetById.get(m[1]!)?.lines.get(m[2]!);
      if (!line) {
        problem([...path, ...field], 'unknown_line', `no line ${m[1]}.${m[2]} in the template`);
        return null;
      }
      if (!line.table.periodIndex.has(m[3]!)) {
        problem([...path, ...field], 'period_not_shown', `${line.key} has no value column for period '${m[3]}'`);
        return null;
      }
      return { line, period: m[3]! };
    };
    const output = cellAt(spec.output, ['output']);
    const rows = cellAt(spec.rows.driver, ['rows', 'driver']);
    const columns = cellAt(spec.columns.driver, ['columns', 'driver']);
    if (!output || !rows || !columns) return;
    const { tree, uses } = inlineOnDrivers(program, output, [rows, columns]);
    for (const [driver, field] of [[rows, 'rows'], [columns, 'columns']] as const)
      if (!uses.has(`${driver.line.key}[${driver.period}]`)) problem([...path, field, 'driver'], 'not_a_driver', `${spec.output} does not depend on ${driver.line.key}[${driver.period}]: a table over it would show one figure`);
    out.push({ spec, output, rows, columns, tree });
  });
  return issues.length > 0 ? { ok: false, issues: sortIssues(issues) } : { ok: true, sensitivities: out };
}
