// Values a model gives for cells a formula computes. A model written before a cell was
// computed (the cash flow's net income, now a link to the income statement) keeps loading
// when its value agrees; one that disagrees is an error naming both figures.
import type { GivenValue, Program } from '../compile/program.js';
import { cellFormula } from '../compile/program.js';
import { toSource } from '../expr/source.js';
import type { Issue } from '../issues.js';
import { formatPath } from '../issues.js';
import type { Results } from './compute.js';

export function checkGivenValues(program: Program, results: Results): Issue[] {
  const issues: Issue[] = [];
  // one warning per line for values that agree; one error per value that does not
  const agreeing = new Map<GivenValue['line'], string[]>();
  for (const g of program.given) {
    const computed = results.cellValue(g.line, g.period);
    if (computed === g.value) {
      const list = agreeing.get(g.line) ?? [];
      agreeing.set(g.line, [...list, g.period]);
      continue;
    }
    const path = ['values', g.line.sheet.id, g.line.id, g.period];
    const formula = cellFormula(program, g.line, g.line.table.periodIndex.get(g.period)!);
    issues.push({
      code: 'value_differs',
      message: `${g.line.key}[${g.period}] is computed by the template (${formula ? toSource(formula) : 'a formula'} = ${computed}), but the model gives ${g.value}: remove the value, or correct the figures it is computed from`,
      path: formatPath(path),
      source: program.model.locate(path),
    });
  }
  for (const [line, periods] of agreeing) {
    const path = ['values', line.sheet.id, line.id];
    const formula = cellFormula(program, line, line.table.periodIndex.get(periods[0]!)!);
    issues.push({
      code: 'value_computed',
      severity: 'warning',
      message: `${line.key} is computed by the template (${formula ? toSource(formula) : 'a formula'}); the model's value${periods.length > 1 ? 's' : ''} for ${periods.join(', ')} agree${periods.length > 1 ? '' : 's'} and ${periods.length > 1 ? 'are' : 'is'} not needed: remove ${periods.length > 1 ? 'them' : 'it'}`,
      path: formatPath(path),
      source: program.model.locate(path),
    });
  }
  return issues;
}
