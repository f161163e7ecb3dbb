// The figures quoted in a delivery mail: the template's `key_figures` evaluated for the
// reporting period by the same Decimal back-end that computed the workbook's cached values,
// so the mail and the workbook cannot disagree.
import type { Program } from '../compile/program.js';
import type { Results } from '../compute/compute.js';
import type { Decimal } from '../compute/decimal.js';
import { didYouMean } from '../compile/suggest.js';
import { evaluate } from '../compute/evaluate.js';
import { parseFormula } from '../expr/parser.js';
import type { Issue, IssueCode } from '../issues.js';
import type { LineFormat } from '../model/schema.js';

export interface KeyFigure {
  label: string;
  /** Period the figure is for (the reporting period unless the ref names one). */
  period: string;
  value: Decimal;
  format: LineFormat;
}

export type KeyFiguresResult = { ok: true; figures: KeyFigure[] } | { ok: false; issues: Issue[] };

/** The reporting period: the model's `period`, else its first period. */
export function reportingPeriod(program: Program): { ok: true; period: string } | { ok: false; issues: Issue[] } {
  const m = program.model.value;
  const period = m.period ?? m.periods[0]!.id;
  if (program.periods.has(period)) return { ok: true, period };
  return {
    ok: false,
    issues: [{ code: 'unknown_period', message: `period '${period}' is not in the model's periods${didYouMean(period, program.periods.keys())}`, path: 'period', source: program.model.locate(['period']) }],
  };
}

/**
 * The template's `key_figures` (or `scenario_figures`, which `validate` prints for every
 * scenario), each for the reporting period unless its ref names one.
 */
export function keyFigures(program: Program, results: Results, period: string, list: 'key_figures' | 'scenario_figures' = 'key_figures'): KeyFiguresResult {
  const issues: Issue[] = [];
  const figures: KeyFigure[] = [];
  const specs = program.template.value[list] ?? [];
  specs.forEach((spec, i) => {
    const path = [list, i, 'ref'];
    const at = (code: IssueCode, message: string): void => {
      issues.push({ code, message, path: `${list}[${i}].ref`, source: program.template.locate(path) });
    };
    // The schema admits only sheet.line or sheet.line[PERIOD], so this parses to one ref.
    const node = parseFormula(spec.ref);
    if (node.kind !== 'ref' || node.sheet === null) return at('key_figure_ref', `expected sheet.line or sheet.line[PERIOD], got '${spec.ref}'`);
    const sheet = program.sheetById.get(node.sheet);
    if (!sheet) return at('unknown_sheet', `unknown sheet '${node.sheet}'${didYouMean(node.sheet, program.sheetById.keys())}`);
    const line = sheet.lines.get(node.line);
    if (!line) return at('unknown_line', `unknown line '${node.line}' in sheet '${sheet.id}'${didYouMean(node.line, sheet.lines.keys())}`);
    const p = node.period ?? period;
    if (!program.periods.has(p)) return at('unknown_period', `period '${p}' is not in the model${didYouMean(p, program.periods.keys())}`);
    if (!line.table.periodIndex.has(p)) return at('period_not_shown', `${line.key} has no value column for period '${p}'`);
    figures.push({ label: spec.label, period: p, value: evaluate(node, results.context(null, period)), format: line.spec.format });
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, figures };
}
