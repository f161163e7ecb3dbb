// compile: parse every formula once, resolve references, check the template against the
// model, and order the lines so each is computed after everything it uses.
import { periodIdsOf, periodReader } from '../model/compact-values.js';
import { Decimal } from '../compute/decimal.js';
import type { Node, RefNode } from '../expr/ast.js';
import { FUNCTIONS, assertNever, usesTime, walk } from '../expr/ast.js';
import { FormulaSyntaxError, parseFormula } from '../expr/parser.js';
import { toSource } from '../expr/source.js';
import type { Issue, IssueCode } from '../issues.js';
import { caretLines, formatPath, sortIssues } from '../issues.js';
import type { Located } from '../model/load.js';
import type { CheckSpec, ColumnSpec, GlobalInput, LineSpec, Model, Period, SensitivitySpec, SheetSpec, Template } from '../model/schema.js';
import type { CellKey } from './inline.js';
import { isDerived, isInputCell } from './cell-kind.js';
import { INPUT_SELECTORS, PERIOD_KINDS, SCALES } from '../model/schema.js';
import { didYouMean } from './suggest.js';
import { sheetNameProblem } from './excel-limits.js';
import { Calendar, TimeError } from './calendar.js';
import type { When } from './calendar.js';
import type { CellRead, ReadScope } from './reads.js';
import { cellReads } from './reads.js';
import type { ComputeStep } from './order.js';
import { orderCells } from './order.js';
import type { PrintedFigure, PrintedFigures } from './printed.js';
import { resolvePrinted } from './printed.js';

// whether a cell is an input lives in cell-kind.ts (printed.ts needs it without the compiler)
export { isDerived, isInputCell } from './cell-kind.js';

type Path = (string | number)[];
/** A position inside a formula's text, for the caret and the file:line:col of the error. */
interface FormulaSpot {
  text: string;
  pos: number;
}

export interface TableInfo {
  index: number;
  title: string | undefined;
  units: string | undefined;
  columns: ColumnSpec[];
  lines: LineSpec[];
  notes: string[];
  /** Periods of the table's value columns, in column order. */
  valuePeriods: string[];
  /** period id -> index into valuePeriods */
  periodIndex: Map<string, number>;
  path: Path;
}

export interface LineInfo {
  key: string;
  id: string;
  sheet: SheetInfo;
  table: TableInfo;
  spec: LineSpec;
  path: Path;
  /** The line's formula; null for an input line. */
  node: Node | null;
  /** Formulas for periods of a given kind (`formula_for`), overriding `node`. */
  byKind: Map<string, Node>;
  /** Lines any of its formulas reads, in any period. */
  deps: LineInfo[];
  /**
   * Per value period (aligned with table.valuePeriods): true where a formula line's cell is
   * an input instead (`input_for`). Null when there is none.
   */
  inputAt: boolean[] | null;
}

/** A period's basis and kind, in the order `formula_for` and `input_for` look them up. */
export function selectorsOf(period: Period): [string, string] {
  return [period.forecast ? 'forecast' : 'actual', period.kind];
}

/** The `formula_for` key that applies to a period (its basis before its kind), or null for `formula`. */
export function formulaKey(line: LineInfo, period: Period): string | null {
  for (const key of selectorsOf(period)) if (line.byKind.has(key) || line.spec.formula_for?.[key as keyof typeof line.spec.formula_for] !== undefined) return key;
  return null;
}

/** The formula that computes a line for a period (null: an input). */
export function formulaFor(line: LineInfo, period: Period): Node | null {
  const key = formulaKey(line, period);
  return key === null ? line.node : (line.byKind.get(key) ?? null);
}

/** The formula of one cell, or null where the cell is an input. */
export function cellFormula(program: Pick<Program, 'periods'>, line: LineInfo, index: number): Node | null {
  if (isInputCell(line, index)) return null;
  return formulaFor(line, program.periods.get(line.table.valuePeriods[index]!)!);
}

export interface SheetInfo {
  id: string;
  name: string;
  index: number;
  spec: SheetSpec;
  tables: TableInfo[];
  lines: Map<string, LineInfo>;
  /** Lines with ids in sheet order (for ranges a:b). */
  ordered: LineInfo[];
}

/**
 * A side of a check row: a formula over the statements, the figure the source prints for a
 * statement cell (a check's `printed:`), or a count of the Tie-out sheet (the tie-out check).
 */
export type CheckSide =
  | { kind: 'formula'; node: Node }
  | { kind: 'printed'; figure: PrintedFigure }
  | { kind: 'tie_out'; count: 'tied' | 'compared' };

export interface CheckRow {
  period: string | null;
  left: CheckSide;
  right: CheckSide;
}

/** The check finbook adds when the model prints figures for derived cells (plan/tieout.ts). */
export const TIE_OUT_CHECK_ID = 'tie_out';

export interface CheckInfo {
  spec: CheckSpec;
  rows: CheckRow[];
}

export interface InputInfo {
  id: string;
  spec: GlobalInput;
  value: Decimal;
  builtin: boolean;
}

/** A value the model gives for a cell that a formula computes: compared once computed. */
export interface GivenValue {
  line: LineInfo;
  period: string;
  value: number;
}

export interface Program {
  model: Located<Model>;
  template: Located<Template>;
  sheets: SheetInfo[];
  sheetById: Map<string, SheetInfo>;
  /** What to compute, dependencies first: whole lines, or single cells where a line reads itself in other periods. */
  steps: ComputeStep<LineInfo>[];
  /** Every line, in the order of its first computed cell. */
  order: LineInfo[];
  inputs: Map<string, InputInfo>;
  periods: Map<string, Period>;
  /** The model's periods by their dates: what prev(), opening(), sum_within() and the like read. */
  calendar: Calendar;
  checks: CheckInfo[];
  /** Model values for computed cells (kept, when equal, for models written before the cell was computed). */
  given: GivenValue[];
  /** Sensitivity tables: the output written out in terms of its two drivers. */
  sensitivities: SensitivityInfo[];
  /** The figures the source prints (the model's `printed:`), placed on the template's cells. */
  printed: PrintedFigures;
}

export interface SensitivityInfo {
  spec: SensitivitySpec;
  output: CellKey;
  rows: CellKey;
  columns: CellKey;
  /** The output's formula down to the drivers: absolute references, the drivers among them. */
  tree: Node;
}

/** Binds references to lines and columns for compile/reads.ts, from the compiled sheets. */
export function readScope(program: Pick<Program, 'calendar' | 'periods' | 'sheetById'>): ReadScope<LineInfo> {
  return {
    calendar: program.calendar,
    period: (id) => program.periods.get(id)!,
    line: (ref, sheet) => program.sheetById.get(ref.sheet ?? sheet!)!.lines.get(ref.line)!,
    rangeLines: (from, to, sheet) => rangeLines(program, from, to, program.sheetById.get(from.sheet ?? sheet!)!),
  };
}

/** Where a cell of a period is read: the model's period. */
export function whenOf(program: Pick<Program, 'periods'>, period: string | null): When | null {
  return period === null ? null : { at: 'period', period: program.periods.get(period)! };
}

export function compile(model: Located<Model>, template: Located<Template>): { ok: true; program: Program; warnings: Issue[] } | { ok: false; issues: Issue[] } {
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  const pendingMissing = new Map<LineInfo, Path>();
  const timeErrors = new Set<LineInfo>();
  const m = model.value;
  const t = template.value;
  const scenarios = t.scenarios ?? [];
  const atTemplate = (path: Path, code: IssueCode, message: string, spot?: FormulaSpot, detail?: string[]): void => {
    const source = spot ? template.locateIn(path, spot.pos) : template.locate(path);
    const lines = [...(spot ? caretLines(spot.text, spot.pos) : []), ...(detail ?? [])];
    issues.push({ code, message, path: formatPath(path), source, ...(lines.length ? { detail: lines } : {}) });
  };
  const atModel = (path: Path, code: IssueCode, message: string): void => {
    issues.push({ code, message, path: formatPath(path), source: model.locate(path) });
  };

  // periods and global inputs
  const periods = new Map<string, Period>();
  m.periods.forEach((p, i) => {
    if (periods.has(p.id)) atModel(['periods', i, 'id'], 'duplicate_period', `duplicate period id '${p.id}'`);
    periods.set(p.id, p);
  });
  const inputs = new Map<string, InputInfo>();
  for (const [id, spec] of Object.entries(m.inputs)) inputs.set(id, { id, spec, value: new Decimal(spec.value), builtin: false });
  if (!inputs.has('unit_scale')) {
    const scale = SCALES[m.entity.scale];
    inputs.set('unit_scale', {
      id: 'unit_scale',
      spec: { label: `Reporting unit (${m.entity.scale} of ${m.entity.currency})`, value: scale, format: 'count' },
      value: new Decimal(scale),
      builtin: true,
    });
  }

  // scenarios: one selector on a drivers sheet, matched by the names scenario and scenario_list
  const hasSelector = t.sheets.some((sh) => sh.drivers);
  if (scenarios.length > 0) {
    for (const reserved of ['scenario', 'scenario_list'])
      if (m.inputs[reserved]) atModel(['inputs', reserved], 'reserved_name', `'${reserved}' is the defined name of the scenario selector; give this input another name`);
  }

  // sheets, tables and lines
  const sheets: SheetInfo[] = [];
  const sheetById = new Map<string, SheetInfo>();
  const namesSeen = new Map<string, number>();
  t.sheets.forEach((spec, si) => {
    if (sheetById.has(spec.id)) {
      // a second sheet with the id is left out, so its lines do not echo as errors of the first
      atTemplate(['sheets', si, 'id'], 'duplicate_sheet', `duplicate sheet id '${spec.id}'`);
      return;
    }
    const nameProblem = sheetNameProblem(spec.name);
    if (nameProblem) atTemplate(['sheets', si, 'name'], 'sheet_name', nameProblem);
    const folded = spec.name.toLowerCase();
    if (namesSeen.has(folded)) {
      const first = namesSeen.get(folded)!;
      atTemplate(['sheets', si, 'name'], 'duplicate_sheet_name', `sheet name "${spec.name}" is already used by sheet ${first + 1} ("${t.sheets[first]!.name}"); Excel ignores case`);
    }
    namesSeen.set(folded, si);
    const tableSpecs = spec.tables
      ? spec.tables.map((tb, ti) => ({ ...tb, path: ['sheets', si, 'tables', ti] as Path }))
      : [{ title: undefined, units: undefined, columns: spec.columns ?? [], lines: spec.lines ?? [], notes: [] as string[], path: ['sheets', si] as Path }];
    const sheet: SheetInfo = { id: spec.id, name: spec.name, index: si, spec, tables: [], lines: new Map(), ordered: [] };
    tableSpecs.forEach((tb, ti) => {
      const table: TableInfo = { index: ti, title: tb.title, units: tb.units, columns: tb.columns, lines: tb.lines, notes: tb.notes, valuePeriods: [], periodIndex: new Map(), path: tb.path };
      tb.columns.forEach((c, ci) => {
        const cpath = [...tb.path, 'columns', ci];
        if (!periods.has(c.period)) atTemplate([...cpath, 'period'], 'unknown_period', `period '${c.period}' is not in the model${didYouMean(c.period, periods.keys())}`);
        // a column of an unknown period is reported once, not again as missing values
        if (c.kind === 'value' && periods.has(c.period)) {
          if (table.valuePeriods.includes(c.period)) atTemplate([...cpath, 'period'], 'duplicate_value_column', `period '${c.period}' already has a value column in this table`);
          else {
            table.periodIndex.set(c.period, table.valuePeriods.length);
            table.valuePeriods.push(c.period);
          }
        }
        if (c.base !== undefined && !periods.has(c.base)) atTemplate([...cpath, 'base'], 'unknown_period', `period '${c.base}' is not in the model${didYouMean(c.base, periods.keys())}`);
        if (c.rate !== undefined && !inputs.has(c.rate)) atTemplate([...cpath, 'rate'], 'unknown_input', `global input '${c.rate}' is not in the model${didYouMean(c.rate, inputs.keys())}`);
      });
      tb.columns.forEach((c, ci) => {
        const cpath = [...tb.path, 'columns', ci];
        if (c.kind !== 'value' && periods.has(c.period) && !table.valuePeriods.includes(c.period))
          atTemplate([...cpath, 'period'], 'no_value_column', `a ${c.kind} column needs a value column for period '${c.period}' in the same table`);
        if (c.kind === 'change' && c.base && periods.has(c.base) && !table.valuePeriods.includes(c.base))
          atTemplate([...cpath, 'base'], 'no_value_column', `a change column needs a value column for its base period '${c.base}' in the same table`);
      });
      tb.lines.forEach((ls, li) => {
        if (!ls.id) return;
        const path = [...tb.path, 'lines', li];
        if (sheet.lines.has(ls.id)) {
          atTemplate([...path, 'id'], 'duplicate_line', `duplicate line id '${ls.id}' in sheet '${spec.id}'`);
          return;
        }
        const info: LineInfo = { key: `${spec.id}.${ls.id}`, id: ls.id, sheet, table, spec: rolledUp(ls, spec.roll_up, m.periods), path, node: null, byKind: new Map(), deps: [], inputAt: null };
        sheet.lines.set(ls.id, info);
        sheet.ordered.push(info);
      });
      sheet.tables.push(table);
    });
    sheets.push(sheet);
    if (!sheetById.has(spec.id)) sheetById.set(spec.id, sheet);
  });

  // share columns point at a line of the same table
  for (const sheet of sheets)
    for (const table of sheet.tables)
      table.columns.forEach((c, ci) => {
        if (c.kind !== 'share' || !c.of) return;
        const target = sheet.lines.get(c.of);
        if (!target) atTemplate([...table.path, 'columns', ci, 'of'], 'unknown_line', `line '${c.of}' is not in sheet '${sheet.id}'${didYouMean(c.of, sheet.lines.keys())}`);
        else if (target.table !== table) atTemplate([...table.path, 'columns', ci, 'of'], 'share_other_table', `line '${c.of}' is in another table of sheet '${sheet.id}'`);
      });

  // formulas
  const parse = (text: string, path: Path): Node | null => {
    try {
      return parseFormula(text);
    } catch (err) {
      if (!(err instanceof FormulaSyntaxError)) throw err;
      atTemplate(path, 'formula_syntax', `formula syntax error: ${err.message}${functionHint(text, err)}`, { text, pos: err.pos });
      return null;
    }
  };
  // `timed`: inside a time function, where a reference's period is found per cell (below)
  const checkNode = (node: Node, path: Path, text: string, resolve: (ref: RefNode, timed: boolean) => LineInfo | null, inIf = false, timed = false): void => {
    const caret = (pos: number): FormulaSpot => ({ text, pos });
    switch (node.kind) {
      case 'num':
        return;
      case 'input':
        if (!inputs.has(node.name)) atTemplate(path, 'unknown_input', `unknown global input '$${node.name}'${didYouMean(node.name, inputs.keys())}`, caret(node.pos));
        return;
      case 'ref':
        resolve(node, timed);
        return;
      case 'range': {
        const a = resolve(node.from, timed);
        const b = resolve(node.to, timed);
        if (!a || !b) return;
        if (node.from.period || node.to.period) atTemplate(path, 'range_period', 'a range a:b cannot name a period', caret(node.pos));
        else if (a.sheet !== b.sheet || a.table !== b.table) atTemplate(path, 'range_span', `range ${a.key}:${b.key} must stay within one table of one sheet`, caret(node.pos));
        else if (a.sheet.ordered.indexOf(a) > a.sheet.ordered.indexOf(b)) atTemplate(path, 'range_order', `range ${a.id}:${b.id} runs backwards: '${b.id}' comes before '${a.id}'`, caret(node.pos));
        return;
      }
      case 'neg':
        checkNode(node.arg, path, text, resolve, false, timed);
        return;
      case 'binary':
        checkNode(node.left, path, text, resolve, false, timed);
        checkNode(node.right, path, text, resolve, false, timed);
        return;
      case 'compare':
        if (!inIf) atTemplate(path, 'compare_outside_if', 'a comparison can only be the condition of if()', caret(node.pos));
        checkNode(node.left, path, text, resolve, false, timed);
        checkNode(node.right, path, text, resolve, false, timed);
        return;
      case 'call': {
        const f = FUNCTIONS[node.fn];
        if (node.args.length < f.min || node.args.length > f.max)
          atTemplate(path, 'function_arity', `${node.fn}() takes ${f.min === f.max ? f.min : `${f.min} to ${f.max}`} argument${f.max === 1 ? '' : 's'}, got ${node.args.length}`, caret(node.pos));
        node.args.forEach((a, i) => {
          if (a.kind === 'range' && !['sum', 'min', 'max'].includes(node.fn)) atTemplate(path, 'range_outside_sum', `a range a:b can only be an argument of sum(), min() or max()`, caret(a.pos));
          checkNode(a, path, text, resolve, node.fn === 'if' && i === 0, timed);
        });
        if (node.fn === 'round') {
          const d = node.args[1];
          const lit = d?.kind === 'neg' ? d.arg : d;
          if (d && (lit?.kind !== 'num' || !Number.isInteger(Number(lit.text)))) atTemplate(path, 'round_digits', 'round() takes a whole number of digits as its second argument', caret(d.pos));
        }
        return;
      }
      case 'shift':
      case 'span':
        checkNode(node.arg, path, text, resolve, false, true);
        return;
      case 'scenario': {
        const names = scenarios.map((sc) => sc.id);
        if (names.length === 0) atTemplate(path, 'no_scenarios', 'scenario() chooses between the template\'s scenarios, and it has none: add `scenarios:` to the template', caret(node.pos));
        else if (!hasSelector) atTemplate(path, 'no_selector', 'scenario() reads the scenario selector, which a drivers sheet (`drivers: true`) holds: the template has none', caret(node.pos));
        else if (node.options.length !== names.length)
          atTemplate(path, 'scenario_arity', `scenario() takes one option per scenario of the template, in its order (${names.join(', ')}): ${names.length}, got ${node.options.length}`, caret(node.pos));
        for (const o of node.options) checkNode(o, path, text, resolve, false, timed);
        return;
      }
      default:
        return assertNever(node);
    }
  };

  const refResolver = (from: SheetInfo | null, periodsNeeded: readonly (string | null)[], path: Path, text: string) => (ref: RefNode, timed: boolean): LineInfo | null => {
    const caret: FormulaSpot = { text, pos: ref.pos };
    if (!ref.sheet && !from) {
      atTemplate(path, 'unqualified_ref', `'${ref.line}' needs a sheet: write sheet.${ref.line}`, caret);
      return null;
    }
    const sheetId = ref.sheet ?? from!.id;
    const sheet = sheetById.get(sheetId);
    if (!sheet) {
      atTemplate(path, 'unknown_sheet', `unknown sheet '${sheetId}'${didYouMean(sheetId, sheetById.keys())}`, caret);
      return null;
    }
    const line = sheet.lines.get(ref.line);
    if (!line) {
      atTemplate(path, 'unknown_line', `unknown line '${ref.line}' in sheet '${sheetId}'${didYouMean(ref.line, sheet.lines.keys())}`, caret);
      return null;
    }
    if (ref.period !== null) {
      if (!periods.has(ref.period)) atTemplate(path, 'unknown_period', `period '${ref.period}' is not in the model${didYouMean(ref.period, periods.keys())}`, caret);
      else if (!line.table.periodIndex.has(ref.period)) atTemplate(path, 'period_not_shown', `${line.key} has no value column for period '${ref.period}'`, caret);
    } else if (!timed) {
      for (const p of periodsNeeded) {
        if (p === null) {
          atTemplate(path, 'period_needed', `${line.key} needs a period here: write ${sheetId}.${ref.line}[PERIOD]`, caret);
          break;
        }
        if (!line.table.periodIndex.has(p)) {
          atTemplate(path, 'period_not_shown', `${line.key} has no value column for period '${p}', which this formula is computed for`, caret);
          break;
        }
      }
    }
    return line;
  };

  const periodOf = (p: string): Period => periods.get(p)!;
  for (const sheet of sheets)
    for (const line of sheet.ordered) {
      if (!isDerived(line)) continue;
      // input_for: the cells that are inputs by the template's choice (a kind or a period)
      const selectors = line.spec.input_for ?? [];
      selectors.forEach((sel, i) => {
        if (!(INPUT_SELECTORS as readonly string[]).includes(sel) && !periods.has(sel))
          atTemplate([...line.path, 'input_for', i], 'unknown_period', `'${sel}' is neither a period of the model nor a period kind, 'actual', 'forecast' or 'missing'${didYouMean(sel, [...periods.keys(), ...INPUT_SELECTORS])}`);
      });
      // `given`: where the model gives a value, the formula was only a starting value
      const given = selectors.includes('given') ? periodReader(m.values[sheet.id]?.[line.id]) : undefined;
      const chosen = (p: string): boolean => selectors.includes(p) || selectorsOf(periodOf(p)).some((k) => selectors.includes(k)) || given?.(p) !== undefined;
      if (line.table.valuePeriods.some(chosen)) line.inputAt = line.table.valuePeriods.map(chosen);
      const formulaPeriods = line.table.valuePeriods.filter((p) => !chosen(p));
      const overrides = Object.entries(line.spec.formula_for ?? {});
      const defaultPeriods = formulaPeriods.filter((p) => formulaKey(line, periodOf(p)) === null);
      const deps = new Set<LineInfo>();
      const compileOne = (text: string, path: Path, forPeriods: string[]): Node | null => {
        const node = parse(text, path);
        if (!node) return null;
        const before = issues.length;
        checkNode(node, path, text, refResolver(sheet, forPeriods, path, text));
        if (issues.length > before) return null;
        for (const d of resolveDeps(node, sheet, sheetById)) deps.add(d);
        return node;
      };
      if (line.spec.formula !== undefined) line.node = compileOne(line.spec.formula, [...line.path, 'formula'], defaultPeriods);
      else if (defaultPeriods.length > 0)
        atTemplate([...line.path, 'formula_for'], 'formula_missing', `line '${line.key}' has no formula for period${defaultPeriods.length > 1 ? 's' : ''} ${defaultPeriods.join(', ')} (add \`formula\`, a formula_for entry for their kind, or name them in input_for)`);
      for (const [kind, text] of overrides) {
        const node = compileOne(text, [...line.path, 'formula_for', kind], formulaPeriods.filter((p) => formulaKey(line, periodOf(p)) === kind));
        if (node) line.byKind.set(kind, node);
      }
      line.deps = [...deps];
    }

  // Time functions: the periods each cell reads, found by date. Where one is missing, the
  // cell is an input if the template says so (input_for: [missing]), else an error.
  const calendar = new Calendar(periods.values());
  const scope = readScope({ calendar, periods, sheetById });
  for (const sheet of sheets)
    for (const line of sheet.ordered) {
      if (!isDerived(line)) continue;
      const missing: string[] = [];
      let firstMissing = '';
      line.table.valuePeriods.forEach((p, i) => {
        if (line.inputAt?.[i]) return;
        const node = formulaFor(line, periodOf(p));
        if (!node || !usesTime(node)) return;
        const key = formulaKey(line, periodOf(p));
        const path = key !== null ? [...line.path, 'formula_for', key] : [...line.path, 'formula'];
        try {
          const gap = cellReads(scope, node, sheet.id, { at: 'period', period: periods.get(p)! }, []);
          if (!gap) return;
          if (line.spec.input_for?.includes('missing')) {
            (line.inputAt ??= line.table.valuePeriods.map(() => false))[i] = true;
            return;
          }
          if (missing.length === 0) firstMissing = gap.missing;
          missing.push(p);
          if (missing.length === 1) pendingMissing.set(line, path);
        } catch (err) {
          if (!(err instanceof TimeError)) throw err;
          if (!timeErrors.has(line)) {
            timeErrors.add(line);
            atTemplate(path, 'time_function', `${line.key}[${p}]: ${err.message}`);
          }
        }
      });
      if (missing.length > 0) {
        const more = missing.length > 1 ? ` (also for ${missing.slice(1, 6).join(', ')}${missing.length > 6 ? ` and ${missing.length - 6} more` : ''})` : '';
        atTemplate(pendingMissing.get(line)!, 'missing_period', `${line.key}[${missing[0]}] needs ${firstMissing}${more}; add the period to the model, or make those cells inputs with input_for: [missing]`);
      }
    }

  // model values: every input cell needs one; one given for a computed cell is compared
  // with the computed figure once computed (a model written before the cell was computed)
  const given: GivenValue[] = [];
  for (const sheet of sheets)
    for (const line of sheet.ordered) {
      const values = m.values[sheet.id]?.[line.id];
      const valueAt = periodReader(values);
      const missingValues: string[] = [];
      line.table.valuePeriods.forEach((p, i) => {
        const v = valueAt(p);
        if (isInputCell(line, i)) {
          if (v === undefined) missingValues.push(p);
        } else if (v !== undefined) given.push({ line, period: p, value: v });
      });
      if (missingValues.length > 0) {
        const computed = line.table.valuePeriods.filter((_, i) => !isInputCell(line, i));
        const where = computed.length > 0 ? ` (the template computes ${computed.join(', ')})` : '';
        atModel(values ? ['values', sheet.id, line.id] : ['values', sheet.id], 'missing_value', `input line '${line.key}' (${line.spec.label || line.id}) has no value for period${missingValues.length > 1 ? 's' : ''} ${missingValues.join(', ')}${where}`);
      }
    }
  for (const [sheetId, lines] of Object.entries(m.values)) {
    const sheet = sheetById.get(sheetId);
    if (!sheet) {
      atModel(['values', sheetId], 'unknown_sheet', `the template has no sheet '${sheetId}'${didYouMean(sheetId, sheetById.keys())}`);
      continue;
    }
    for (const [lineId, byPeriod] of Object.entries(lines)) {
      const line = sheet.lines.get(lineId);
      if (!line) {
        atModel(['values', sheetId, lineId], 'unknown_line', `sheet '${sheetId}' has no line '${lineId}'${didYouMean(lineId, sheet.lines.keys())}`);
        continue;
      }
      for (const p of periodIdsOf(byPeriod)) {
        if (!periods.has(p)) atModel(['values', sheetId, lineId, p], 'unknown_period', `period '${p}' is not in the model's periods${didYouMean(p, periods.keys())}`);
        else if (!line.table.periodIndex.has(p) && !isDerived(line))
          warnings.push({ code: 'unused_value', severity: 'warning', message: `value for period '${p}' is not shown: '${line.key}' has no value column for it`, path: formatPath(['values', sheetId, lineId, p]), source: model.locate(['values', sheetId, lineId, p]) });
      }
    }
  }

  // checks
  const checks: CheckInfo[] = [];
  const printedChecks: { spec: CheckSpec; path: Path; ref: Node; left: Node; periods: (string | null)[] }[] = [];
  const checkIds = new Set<string>();
  t.checks.forEach((spec, ci) => {
    const path: Path = ['checks', ci];
    if (checkIds.has(spec.id)) atTemplate([...path, 'id'], 'duplicate_check', `duplicate check id '${spec.id}'`);
    if (spec.id === TIE_OUT_CHECK_ID) atTemplate([...path, 'id'], 'reserved_check_id', `check id '${TIE_OUT_CHECK_ID}' is finbook's own (the tie-out of the printed figures); choose another`);
    checkIds.add(spec.id);
    for (const p of spec.periods ?? []) if (!periods.has(p)) atTemplate([...path, 'periods'], 'unknown_period', `period '${p}' is not in the model${didYouMean(p, periods.keys())}`);
    const rowsPeriods: (string | null)[] = spec.periods ?? [null];
    const sides: (Node | null)[] = (['left', 'right', 'printed'] as const).map((side) => {
      const text = spec[side];
      if (text === undefined) return null;
      const node = parse(text, [...path, side]);
      if (node) checkNode(node, [...path, side], text, refResolver(null, rowsPeriods, [...path, side], text));
      return node;
    });
    const [left, right, printedRef] = sides;
    if (!left || (!right && !printedRef)) return;
    // a side that reads other periods is bound row by row; checks have no input to fall back on
    for (const [side, node] of [['left', left], ['right', right]] as const) {
      if (!node || !usesTime(node)) continue;
      for (const period of rowsPeriods) {
        try {
          const gap = cellReads(scope, node, null, period === null ? null : { at: 'period', period: periods.get(period)! }, []);
          if (gap) {
            atTemplate([...path, side], 'missing_period', `check '${spec.id}'${period ? ` for ${period}` : ''} needs ${gap.missing}`);
            break;
          }
        } catch (err) {
          if (!(err instanceof TimeError)) throw err;
          atTemplate([...path, side], 'time_function', `check '${spec.id}'${period ? ` for ${period}` : ''}: ${err.message}`);
          break;
        }
      }
    }
    if (right) checks.push({ spec, rows: rowsPeriods.map((period) => ({ period, left: { kind: 'formula', node: left }, right: { kind: 'formula', node: right } })) });
    else if (printedRef) printedChecks.push({ spec, path, ref: printedRef, left, periods: rowsPeriods });
  });
  // the figures the source prints; the checks that compare with them; the tie-out check
  const placed = resolvePrinted(model, sheetById, periods);
  issues.push(...placed.issues);
  const printed = placed.printed;
  for (const pc of printedChecks) {
    const spot = pc.ref.kind === 'ref' ? pc.ref : null;
    const ppath = [...pc.path, 'printed'];
    if (!spot) {
      atTemplate(ppath, 'printed_not_a_line', 'printed: expected a statement line, sheet.line (or sheet.line[PERIOD])');
      continue;
    }
    const line = sheetById.get(spot.sheet ?? '')?.lines.get(spot.line);
    // an unknown sheet, line or period is reported by the reference check above
    if (!line) continue;
    const rows: CheckRow[] = [];
    for (const period of pc.periods) {
      const p = spot.period ?? period;
      const columnIndex = p === null ? -1 : line.table.columns.findIndex((c) => c.kind === 'value' && c.period === p);
      if (columnIndex < 0) continue;
      const figure = printed.at(line, columnIndex);
      if (!figure) atTemplate(ppath, 'printed_missing', `the model prints no figure for ${line.key} in period ${p}: add it to the model's printed: block (docs/formats.md, Printed figures)`);
      else if (figure.input) atTemplate(ppath, 'printed_input', `${line.key} is an input in period ${p}: its value is the printed figure; compare the line with a formula instead`);
      else rows.push({ period, left: { kind: 'formula', node: pc.left }, right: { kind: 'printed', figure } });
    }
    if (rows.length === pc.periods.length) checks.push({ spec: pc.spec, rows });
  }
  // keep the template's order of checks
  checks.sort((a, b) => t.checks.indexOf(a.spec) - t.checks.indexOf(b.spec));
  if (printed.listed.length > 0)
    checks.push({
      spec: {
        id: TIE_OUT_CHECK_ID,
        label: 'Tie-out: every printed figure is within rounding of the workbook, or its difference is explained',
        left: 'printed figures within rounding or explained (Tie-out sheet)',
        right: 'printed figures compared (Tie-out sheet)',
        tolerance: 0,
        why: "Each figure the source prints for a derived cell is within half a unit of its last printed digit of the workbook's figure, or the model names the reason for the difference (Tie-out sheet); any other difference leaves the counts apart.",
      },
      rows: [{ period: null, left: { kind: 'tie_out', count: 'tied' }, right: { kind: 'tie_out', count: 'compared' } }],
    });

  // order and cycles, cell by cell where lines read each other across periods
  const all = sheets.flatMap((s) => s.ordered);
  const cellDeps = (line: LineInfo, index: number): CellRead<LineInfo>[] => {
    const node = cellFormula({ periods }, line, index);
    if (!node) return [];
    const out: CellRead<LineInfo>[] = [];
    try {
      cellReads(scope, node, line.sheet.id, { at: 'period', period: periods.get(line.table.valuePeriods[index]!)! }, out);
    } catch (err) {
      if (!(err instanceof TimeError)) throw err; // reported above
    }
    return out;
  };
  const { steps, cycles } = orderCells(all, (l) => l.table.valuePeriods.length, cellDeps);
  const cellName = (c: CellRead<LineInfo>): string => `${c.line.key}[${c.line.table.valuePeriods[c.index]}]`;
  const reported = new Set<string>();
  const position = new Map(all.map((l, i) => [l, i]));
  for (const found of cycles) {
    // start the loop at its first cell in template order, so the message is the same however it was found
    const loop = found.slice(0, -1);
    const start = loop.reduce((best, c, i) => (position.get(c.line)! * 1e6 + c.index < position.get(loop[best]!.line)! * 1e6 + loop[best]!.index ? i : best), 0);
    const cycle = [...loop.slice(start), ...loop.slice(0, start), loop[start]!];
    const first = cycle[0]!.line;
    // a cycle through the same lines in every period is one mistake: report it once
    const key = [...new Set(cycle.map((c) => c.line.key))].sort().join('|');
    if (reported.has(key)) continue;
    reported.add(key);
    // the whole path, and each step's formula, so the loop can be cut where it is wrong
    const detail = cycle.slice(0, -1).map((c) => `${cellName(c)} = ${toSourceText(cellFormula({ periods }, c.line, c.index))}`);
    atTemplate([...first.path, 'formula'], 'cycle', `reference cycle: ${cycle.map(cellName).join(' -> ')}`, undefined, detail);
  }

  if (issues.length > 0) return { ok: false, issues: sortIssues(issues) };
  const order = steps.filter((s) => s.index === null || s.index === 0).map((s) => s.line);
  // sensitivity tables are written out by compile/sensitivities.ts, once the program exists
  return { ok: true, program: { model, template, sheets, sheetById, steps, order, inputs, periods, calendar, checks, given, sensitivities: [], printed }, warnings };
}


/**
 * An input line of a sheet with `roll_up: { year: quarter }` computes its years from their
 * quarters (sum_within), where the model has them all, and is an input in every other cell.
 * So does a forecast line that is an input in the actual periods (`formula_for: { forecast }`,
 * `input_for: [actual]`) in its actual periods; its forecast periods keep their formula.
 */
function rolledUp(line: LineSpec, rollUp: SheetSpec['roll_up'], periods: readonly Period[]): LineSpec {
  if (!rollUp || !line.id || line.formula !== undefined) return line;
  const own = Object.keys(line.formula_for ?? {});
  const forecastLine = own.length === 1 && own[0] === 'forecast' && line.input_for?.includes('actual') === true;
  if (line.formula_for !== undefined && !forecastLine) return line;
  const formulas: Record<string, string> = Object.fromEntries(Object.entries(rollUp).map(([long, short]) => [long, `sum_within(${line.id}, ${short})`]));
  const inputs = PERIOD_KINDS.filter((k) => !(k in formulas));
  if (!forecastLine) return { ...line, formula_for: formulas, input_for: [...inputs, 'missing'] };
  // the actual periods of the kinds not rolled up, by id: a kind would also take the forecast ones
  const actualInputs = periods.filter((p) => !p.forecast && (inputs as readonly string[]).includes(p.kind)).map((p) => p.id);
  const others = (line.input_for ?? []).filter((x) => x !== 'actual' && x !== 'missing');
  return { ...line, formula_for: { ...formulas, forecast: line.formula_for!.forecast! }, input_for: [...actualInputs, ...others, 'missing'] };
}

function toSourceText(node: Node | null): string {
  return node ? toSource(node) : '(input)';
}

/** For an unknown function: the closest known one and the list of all. */
function functionHint(text: string, err: FormulaSyntaxError): string {
  if (!err.message.startsWith('unknown function')) return '';
  const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(err.pos))?.[0] ?? '';
  const known = Object.keys(FUNCTIONS);
  return `${didYouMean(name, known)}; the functions are ${known.join(', ')}`;
}

/** The lines a formula reads, in any period (a range: every line it spans). */
function resolveDeps(node: Node, sheet: SheetInfo, sheetById: Map<string, SheetInfo>): LineInfo[] {
  const deps = new Set<LineInfo>();
  walk(node, (n) => {
    if (n.kind === 'range') {
      const target = sheetById.get(n.from.sheet ?? sheet.id)!;
      const a = target.ordered.findIndex((l) => l.id === n.from.line);
      const b = target.ordered.findIndex((l) => l.id === n.to.line);
      for (let i = a; i <= b; i++) deps.add(target.ordered[i]!);
    } else if (n.kind === 'ref') deps.add(sheetById.get(n.sheet ?? sheet.id)!.lines.get(n.line)!);
  });
  return [...deps];
}

/** Every line of a range a:b, in sheet order. */
export function rangeLines(program: Pick<Program, 'sheetById'>, from: RefNode, to: RefNode, sheet: SheetInfo): LineInfo[] {
  const target = program.sheetById.get(from.sheet ?? sheet.id)!;
  const a = target.ordered.findIndex((l) => l.id === from.line);
  const b = target.ordered.findIndex((l) => l.id === to.line);
  return target.ordered.slice(a, b + 1);
}

export function lookupLine(program: Pick<Program, 'sheetById'>, ref: RefNode, sheet: SheetInfo | null): LineInfo {
  return program.sheetById.get(ref.sheet ?? sheet!.id)!.lines.get(ref.line)!;
}
