// compile: parse every formula once, resolve references, check the template against the
// model, and order the lines so each is computed after everything it uses.
import { Decimal } from '../compute/decimal.js';
import type { Node, RefNode } from '../expr/ast.js';
import { FUNCTIONS } from '../expr/ast.js';
import { FormulaSyntaxError, parseFormula } from '../expr/parser.js';
import type { Issue } from '../issues.js';
import { caretLines, sortIssues } from '../issues.js';
import type { Located } from '../model/load.js';
import type { CheckSpec, ColumnSpec, GlobalInput, LineSpec, Model, Period, SheetSpec, Template } from '../model/schema.js';
import { SCALES } from '../model/schema.js';
import { topologicalOrder } from './graph.js';
import { didYouMean } from './suggest.js';
import { sheetNameProblem } from './excel-limits.js';

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
  deps: LineInfo[];
}

/** A line is derived when the template gives it any formula; otherwise it is an input. */
export function isDerived(line: LineInfo): boolean {
  return line.spec.formula !== undefined || line.spec.formula_for !== undefined;
}

/** The formula that computes a line for a period (null: an input). */
export function formulaFor(line: LineInfo, periodKind: string): Node | null {
  return line.byKind.get(periodKind) ?? line.node;
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

export interface CheckRow {
  period: string | null;
  left: Node;
  right: Node;
}

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

export interface Program {
  model: Located<Model>;
  template: Located<Template>;
  sheets: SheetInfo[];
  sheetById: Map<string, SheetInfo>;
  /** Every line, dependencies first. */
  order: LineInfo[];
  inputs: Map<string, InputInfo>;
  periods: Map<string, Period>;
  checks: CheckInfo[];
}

export function compile(model: Located<Model>, template: Located<Template>): { ok: true; program: Program; warnings: Issue[] } | { ok: false; issues: Issue[] } {
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  const m = model.value;
  const t = template.value;
  const atTemplate = (path: Path, code: string, message: string, spot?: FormulaSpot, detail?: string[]): void => {
    const source = spot ? template.locateIn(path, spot.pos) : template.locate(path);
    const lines = [...(spot ? caretLines(spot.text, spot.pos) : []), ...(detail ?? [])];
    issues.push({ code, message, path: pathText(path), source, ...(lines.length ? { detail: lines } : {}) });
  };
  const atModel = (path: Path, code: string, message: string): void => {
    issues.push({ code, message, path: pathText(path), source: model.locate(path) });
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
        const info: LineInfo = { key: `${spec.id}.${ls.id}`, id: ls.id, sheet, table, spec: ls, path, node: null, byKind: new Map(), deps: [] };
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
  const checkNode = (node: Node, path: Path, text: string, resolve: (ref: RefNode) => LineInfo | null, inIf = false): void => {
    const caret = (pos: number): FormulaSpot => ({ text, pos });
    switch (node.kind) {
      case 'num':
        return;
      case 'input':
        if (!inputs.has(node.name)) atTemplate(path, 'unknown_input', `unknown global input '$${node.name}'${didYouMean(node.name, inputs.keys())}`, caret(node.pos));
        return;
      case 'ref':
        resolve(node);
        return;
      case 'range': {
        const a = resolve(node.from);
        const b = resolve(node.to);
        if (!a || !b) return;
        if (node.from.period || node.to.period) atTemplate(path, 'range_period', 'a range a:b cannot name a period', caret(node.pos));
        else if (a.sheet !== b.sheet || a.table !== b.table) atTemplate(path, 'range_span', `range ${a.key}:${b.key} must stay within one table of one sheet`, caret(node.pos));
        else if (a.sheet.ordered.indexOf(a) > a.sheet.ordered.indexOf(b)) atTemplate(path, 'range_order', `range ${a.id}:${b.id} runs backwards: '${b.id}' comes before '${a.id}'`, caret(node.pos));
        return;
      }
      case 'neg':
        checkNode(node.arg, path, text, resolve);
        return;
      case 'binary':
        checkNode(node.left, path, text, resolve);
        checkNode(node.right, path, text, resolve);
        return;
      case 'compare':
        if (!inIf) atTemplate(path, 'compare_outside_if', 'a comparison can only be the condition of if()', caret(node.pos));
        checkNode(node.left, path, text, resolve);
        checkNode(node.right, path, text, resolve);
        return;
      case 'call': {
        const f = FUNCTIONS[node.fn];
        if (node.args.length < f.min || node.args.length > f.max)
          atTemplate(path, 'function_arity', `${node.fn}() takes ${f.min === f.max ? f.min : `${f.min} to ${f.max}`} argument${f.max === 1 ? '' : 's'}, got ${node.args.length}`, caret(node.pos));
        node.args.forEach((a, i) => {
          if (a.kind === 'range' && !['sum', 'min', 'max'].includes(node.fn)) atTemplate(path, 'range_outside_sum', `a range a:b can only be an argument of sum(), min() or max()`, caret(a.pos));
          checkNode(a, path, text, resolve, node.fn === 'if' && i === 0);
        });
        if (node.fn === 'round') {
          const d = node.args[1];
          const lit = d?.kind === 'neg' ? d.arg : d;
          if (d && (lit?.kind !== 'num' || !Number.isInteger(Number(lit.text)))) atTemplate(path, 'round_digits', 'round() takes a whole number of digits as its second argument', caret(d.pos));
        }
        return;
      }
      default:
        return;
    }
  };

  const refResolver = (from: SheetInfo | null, periodsNeeded: readonly (string | null)[], path: Path, text: string) => (ref: RefNode): LineInfo | null => {
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
    } else {
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

  for (const sheet of sheets)
    for (const line of sheet.ordered) {
      if (!isDerived(line)) continue;
      const overrides = Object.entries(line.spec.formula_for ?? {});
      const kindOf = (p: string): string => periods.get(p)?.kind ?? '';
      const overridden = new Set(overrides.map(([k]) => k));
      const defaultPeriods = line.table.valuePeriods.filter((p) => !overridden.has(kindOf(p)));
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
        atTemplate([...line.path, 'formula_for'], 'formula_missing', `line '${line.key}' has no formula for period${defaultPeriods.length > 1 ? 's' : ''} ${defaultPeriods.join(', ')} (add \`formula\` or a formula_for entry for their kind)`);
      for (const [kind, text] of overrides) {
        const node = compileOne(text, [...line.path, 'formula_for', kind], line.table.valuePeriods.filter((p) => kindOf(p) === kind));
        if (node) line.byKind.set(kind, node);
      }
      line.deps = [...deps];
    }

  // model values for input lines
  for (const sheet of sheets)
    for (const line of sheet.ordered) {
      const given = m.values[sheet.id]?.[line.id];
      if (isDerived(line)) {
        if (given) atModel(['values', sheet.id, line.id], 'value_for_formula', `'${line.key}' is derived by a formula in the template; remove its values`);
        continue;
      }
      const missing = line.table.valuePeriods.filter((p) => given?.[p] === undefined);
      if (missing.length > 0)
        atModel(given ? ['values', sheet.id, line.id] : ['values', sheet.id], 'missing_value', `input line '${line.key}' (${line.spec.label || line.id}) has no value for period${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
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
      for (const p of Object.keys(byPeriod)) {
        if (!periods.has(p)) atModel(['values', sheetId, lineId, p], 'unknown_period', `period '${p}' is not in the model's periods${didYouMean(p, periods.keys())}`);
        else if (!line.table.periodIndex.has(p) && !isDerived(line))
          warnings.push({ code: 'unused_value', severity: 'warning', message: `value for period '${p}' is not shown: '${line.key}' has no value column for it`, path: pathText(['values', sheetId, lineId, p]), source: model.locate(['values', sheetId, lineId, p]) });
      }
    }
  }

  // checks
  const checks: CheckInfo[] = [];
  const checkIds = new Set<string>();
  t.checks.forEach((spec, ci) => {
    const path: Path = ['checks', ci];
    if (checkIds.has(spec.id)) atTemplate([...path, 'id'], 'duplicate_check', `duplicate check id '${spec.id}'`);
    checkIds.add(spec.id);
    for (const p of spec.periods ?? []) if (!periods.has(p)) atTemplate([...path, 'periods'], 'unknown_period', `period '${p}' is not in the model${didYouMean(p, periods.keys())}`);
    const rowsPeriods: (string | null)[] = spec.periods ?? [null];
    const sides: (Node | null)[] = (['left', 'right'] as const).map((side) => {
      const text = spec[side];
      const node = parse(text, [...path, side]);
      if (node) checkNode(node, [...path, side], text, refResolver(null, rowsPeriods, [...path, side], text));
      return node;
    });
    const [left, right] = sides;
    if (left && right) checks.push({ spec, rows: rowsPeriods.map((period) => ({ period, left, right })) });
  });

  // order and cycles
  const all = sheets.flatMap((s) => s.ordered);
  const { order, cycles } = topologicalOrder(all, (l) => l.deps);
  for (const cycle of cycles) {
    const first = cycle[0]!;
    // the whole path, and each step's formula, so the loop can be cut where it is wrong
    const steps = cycle.slice(0, -1).map((l) => `${l.key} = ${l.spec.formula ?? Object.values(l.spec.formula_for ?? {}).join(' | ')}`);
    atTemplate([...first.path, 'formula'], 'cycle', `reference cycle: ${cycle.map((l) => l.key).join(' -> ')}`, undefined, steps);
  }

  if (issues.length > 0) return { ok: false, issues: sortIssues(issues) };
  return { ok: true, program: { model, template, sheets, sheetById, order, inputs, periods, checks }, warnings };
}

/** For an unknown function: the closest known one and the list of all. */
function functionHint(text: string, err: FormulaSyntaxError): string {
  if (!err.message.startsWith('unknown function')) return '';
  const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(err.pos))?.[0] ?? '';
  const known = Object.keys(FUNCTIONS);
  return `${didYouMean(name, known)}; the functions are ${known.join(', ')}`;
}

function resolveDeps(node: Node, sheet: SheetInfo, sheetById: Map<string, SheetInfo>): LineInfo[] {
  const deps = new Set<LineInfo>();
  const visit = (n: Node): void => {
    if (n.kind === 'range') {
      const target = sheetById.get(n.from.sheet ?? sheet.id)!;
      const a = target.ordered.findIndex((l) => l.id === n.from.line);
      const b = target.ordered.findIndex((l) => l.id === n.to.line);
      for (let i = a; i <= b; i++) deps.add(target.ordered[i]!);
      return;
    }
    if (n.kind === 'ref') {
      deps.add(sheetById.get(n.sheet ?? sheet.id)!.lines.get(n.line)!);
      return;
    }
    if (n.kind === 'neg') visit(n.arg);
    else if (n.kind === 'binary' || n.kind === 'compare') {
      visit(n.left);
      visit(n.right);
    } else if (n.kind === 'call') n.args.forEach(visit);
  };
  visit(node);
  return [...deps];
}

/** Every line of a range a:b, in sheet order. */
export function rangeLines(program: Program, from: RefNode, to: RefNode, sheet: SheetInfo): LineInfo[] {
  const target = program.sheetById.get(from.sheet ?? sheet.id)!;
  const a = target.ordered.findIndex((l) => l.id === from.line);
  const b = target.ordered.findIndex((l) => l.id === to.line);
  return target.ordered.slice(a, b + 1);
}

export function lookupLine(program: Program, ref: RefNode, sheet: SheetInfo | null): LineInfo {
  return program.sheetById.get(ref.sheet ?? sheet!.id)!.lines.get(ref.line)!;
}

function pathText(path: Path): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out;
}
