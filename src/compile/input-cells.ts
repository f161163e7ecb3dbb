// Which cells of a template a model fills in, for a list of periods: the template compiled
// with a zero in every candidate cell tells, cell by cell. A formula line such as opening
// cash is an input only where it reads a period the model lacks (the first), and a rolled-up
// line only in its quarters. Used by `finbook init` and by the documentation's tests.
import type { Issue } from '../issues.js';
import type { Located } from '../model/load.js';
import type { Model, Period, Template } from '../model/schema.js';
import { compile, isInputCell } from './program.js';

export interface InputLine {
  sheet: string;
  sheetName: string;
  id: string;
  label: string;
  optional: boolean;
  /** The periods whose cell is an input (the others the template computes: opening cash after the first period). */
  periods: string[];
}

/**
 * The cells a model must fill in: the template compiled for these periods with a zero in
 * every candidate cell tells, cell by cell, which are inputs (a formula line such as opening
 * cash is an input only where it reads a period the model lacks: the first).
 */
export function inputCells(template: Located<Template>, periods: Period[], file: string, globalInputs: readonly string[]): { ok: true; lines: InputLine[] } | { ok: false; issues: Issue[] } {
  const t = template.value;
  const values: Model['values'] = {};
  for (const s of t.sheets)
    for (const tb of s.tables ?? [{ lines: s.lines ?? [] }])
      for (const l of tb.lines)
        // (a value would turn a formula that is only a starting value, input_for: [given], into an input)
        if (l.id && ((l.formula === undefined && l.formula_for === undefined) || (l.input_for !== undefined && !l.input_for.includes('given'))))
          (values[s.id] ??= {})[l.id] = Object.fromEntries(periods.map((p) => [p.id, 0]));
  const at = { file, line: 1, col: 1 };
  const model: Located<Model> = {
    value: { finbook_model: 1, template: template.file, entity: { name: 'init', currency: 'USD', scale: 'units' }, source: { title: 'init', date: '2000-01-01' }, periods: periods as Model['periods'], inputs: Object.fromEntries(globalInputs.map((name) => [name, { value: 1 }])), values },
    file,
    locate: () => at,
    locateIn: () => at,
  };
  const compiled = compile(model, template);
  if (!compiled.ok) return { ok: false, issues: compiled.issues.filter((i) => i.code !== 'missing_value') };
  const lines: InputLine[] = [];
  for (const sheet of compiled.program.sheets)
    for (const line of sheet.ordered) {
      const inputs = line.table.valuePeriods.filter((_, i) => isInputCell(line, i));
      if (inputs.length > 0) lines.push({ sheet: sheet.id, sheetName: sheet.name, id: line.id, label: line.spec.label || line.id, optional: line.spec.optional === true, periods: inputs });
    }
  return { ok: true, lines };
}

