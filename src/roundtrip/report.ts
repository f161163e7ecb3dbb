// The diff as people read it (a summary, then each edit under its heading) and as JSON.
import { formatValue } from '../verify/compare.js';
import type { CellValue } from '../verify/read-xlsx.js';
import type { CellWhere, Change, ChangeKind, CheckState, DiffResult } from './changes.js';
import { newlyFailing } from './changes.js';

export const CATEGORIES = [
  { id: 'inputs', title: 'inputs changed', one: 'input changed', many: 'inputs changed', kinds: ['input_changed'] },
  { id: 'inputs_lost', title: 'inputs cleared or replaced', one: 'input cleared or replaced', many: 'inputs cleared or replaced', kinds: ['input_cleared', 'input_not_a_number', 'input_now_formula'] },
  { id: 'choices', title: 'choices changed (the scenario selector)', one: 'choice changed', many: 'choices changed', kinds: ['choice_changed'] },
  { id: 'hard_codes', title: 'formulas replaced by constants (hard-codes)', one: 'formula hard-coded', many: 'formulas hard-coded', kinds: ['hard_coded', 'formula_cleared'] },
  { id: 'formulas', title: 'formulas changed', one: 'formula changed', many: 'formulas changed', kinds: ['formula_changed'] },
  {
    id: 'stale',
    title: 'formulas whose references were not adjusted (they now point at other cells)',
    one: 'formula pointing at other cells',
    many: 'formulas pointing at other cells',
    kinds: ['references_not_adjusted'],
  },
  {
    id: 'structure',
    title: 'rows, columns and cells inserted, deleted or moved',
    one: 'structural edit',
    many: 'structural edits',
    kinds: ['rows_inserted', 'rows_deleted', 'row_moved', 'row_deleted', 'columns_inserted', 'columns_deleted', 'column_moved', 'column_deleted', 'cells_moved', 'cell_deleted'],
  },
  { id: 'added', title: 'numbers and formulas added where finbook wrote none', one: 'cell added', many: 'cells added', kinds: ['cell_added'] },
  { id: 'labels', title: 'labels retyped', one: 'label retyped', many: 'labels retyped', kinds: ['label_changed'] },
  { id: 'sheets', title: 'sheets', one: 'sheet edit', many: 'sheet edits', kinds: ['sheet_renamed', 'sheet_deleted', 'sheet_added', 'sheets_reordered'] },
  { id: 'model', title: 'differences of layout from the model', one: 'line or period not in both', many: 'lines or periods not in both', kinds: ['missing_in_workbook', 'not_in_model'] },
] as const satisfies readonly { id: string; title: string; one: string; many: string; kinds: readonly ChangeKind[] }[];

const arrow = '->';

function value(v: CellValue): string {
  return typeof v === 'string' ? JSON.stringify(v) : formatValue(v);
}

function where(w: CellWhere): string {
  const at = w.cell === null ? `${w.written} (deleted)` : `${w.sheet}!${w.cell}${`${w.sheet}!${w.cell}` === w.written ? '' : ` (written at ${w.written})`}`;
  return `${at}  ${w.label || '(no label)'}  ${w.line}${w.period ? `  ${w.period}` : ''}`;
}

function between(after: string | null, before: string | null): string {
  if (after && before) return ` between '${after}' and '${before}'`;
  if (before) return ` above '${before}'`;
  if (after) return ` below '${after}'`;
  return '';
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export function changeLine(c: Change): string {
  switch (c.kind) {
    case 'input_changed':
      return `${where(c.where)}: ${c.old} ${arrow} ${c.new}`;
    case 'input_cleared':
      return `${where(c.where)}: ${c.old} ${arrow} (empty)`;
    case 'input_not_a_number':
      return `${where(c.where)}: ${c.old} ${arrow} ${value(c.new)} (not a number)`;
    case 'input_now_formula':
      return `${where(c.where)}: ${c.old} ${arrow} =${c.formula}`;
    case 'choice_changed':
      return `${where(c.where)}: ${JSON.stringify(c.old)} ${arrow} ${value(c.new)}`;
    case 'hard_coded':
      return `${where(c.where)}: =${c.formula} ${arrow} ${value(c.value)}`;
    case 'formula_cleared':
      return `${where(c.where)}: =${c.formula} ${arrow} (empty)`;
    case 'formula_changed':
      return `${where(c.where)}: =${c.old} ${arrow} =${c.new}`;
    case 'references_not_adjusted':
      return `${where(c.where)}: =${c.formula}`;
    case 'cell_deleted':
      return `${where(c.where)}: deleted`;
    case 'cells_moved':
      return `${c.sheet}: ${plural(c.count, 'cell', 'cells')} moved from ${c.from} to ${c.to}`;
    case 'row_moved':
      return `${c.sheet}: row of '${c.label}' (${c.line}) moved from row ${c.from} to row ${c.to}`;
    case 'row_deleted':
      return `${c.sheet}: row ${c.row} of '${c.label}' (${c.line}) deleted`;
    case 'rows_inserted':
      return `${c.sheet}: ${plural(c.count, 'row', 'rows')} inserted${between(c.after, c.before)} (now row${c.count === 1 ? '' : 's'} ${c.rows})`;
    case 'rows_deleted':
      return `${c.sheet}: ${plural(c.count, 'row', 'rows')} deleted${between(c.after, c.before)}`;
    case 'column_deleted':
      return `${c.sheet}: column ${c.written} (${c.column}) deleted`;
    case 'column_moved':
      return `${c.sheet}: column ${c.column} moved from ${c.from} to ${c.to}`;
    case 'columns_inserted':
      return `${c.sheet}: ${plural(c.count, 'column', 'columns')} inserted${between(c.after, c.before)} (now ${c.columns})`;
    case 'columns_deleted':
      return `${c.sheet}: ${plural(c.count, 'column', 'columns')} deleted${between(c.after, c.before)}`;
    case 'cell_added':
      return `${c.sheet}!${c.cell}: ${c.formula ? `=${c.formula}` : value(c.value)}`;
    case 'label_changed':
      return `${c.sheet}!${c.cell}  ${c.line}: ${JSON.stringify(c.old)} ${arrow} ${JSON.stringify(c.new)}`;
    case 'sheet_renamed':
      return `'${c.old}' renamed '${c.new}'`;
    case 'sheet_deleted':
      return `'${c.name}' deleted`;
    case 'sheet_added':
      return `'${c.name}' added`;
    case 'sheets_reordered':
      return `order changed: ${c.after.join(', ')} (was ${c.before.join(', ')})`;
    case 'missing_in_workbook':
      return `${c.sheet}  ${c.label}  ${c.line}${c.period ? `  ${c.period}` : ''}: in the model, not in the workbook`;
    case 'not_in_model':
      return `${where(c.where)}: in the workbook, no longer in the model`;
    default: {
      const never: never = c;
      return String(never);
    }
  }
}

function checkLine(c: CheckState): string {
  const was = c.written === 'OK' ? ' (OK when written)' : c.written === 'FAIL' ? ' (failed already when written)' : '';
  if (c.master) return `${c.sheet}!${c.cell}  ${c.label}: ${value(c.status)}${was}`;
  return `${c.sheet}!${c.cell}  ${c.label}  checks.${c.id}${c.period ? `  ${c.period}` : ''}: ${value(c.status)}${was}; left ${value(c.left)}, right ${value(c.right)}, difference ${value(c.difference)}`;
}

/** The first line: what changed, counted by category; then how the checks stand. */
export function summaryLines(r: DiffResult): string[] {
  const counts = CATEGORIES.map((cat) => ({ cat, n: r.changes.filter((c) => (cat.kinds as readonly string[]).includes(c.kind)).length })).filter((x) => x.n > 0);
  const against = r.baseline === 'model' ? 'compared with the model' : 'since finbook wrote it';
  const head =
    counts.length === 0
      ? `${r.workbook}: no changes ${against} (${r.cells} input and formula cells compared)`
      : `${r.workbook}: ${plural(r.changes.length, 'change', 'changes')} ${against}: ${counts.map((x) => plural(x.n, x.cat.one, x.cat.many)).join(', ')}`;
  const checks = r.checks.filter((c) => !c.master);
  const failing = checks.filter((c) => c.status === 'FAIL');
  const fresh = newlyFailing(checks);
  const how = r.checksFrom === 'libreoffice' ? 'after recalculation by LibreOffice' : 'by the values cached in the file (not recalculated)';
  const state =
    r.checksFrom === 'none'
      ? 'checks: not evaluated (no recalculation, and the file holds no cached values)'
      : `checks ${how}: ${failing.length === 0 ? `all ${checks.length} OK` : `${failing.length} of ${checks.length} fail${fresh.length < failing.length ? ` (${failing.length - fresh.length} failed already when written)` : ''}`}`;
  return [head, state];
}

export function reportLines(r: DiffResult): string[] {
  const lines = summaryLines(r);
  for (const n of r.notes) lines.push(`note: ${n}`);
  for (const cat of CATEGORIES) {
    const list = r.changes.filter((c) => (cat.kinds as readonly string[]).includes(c.kind));
    if (list.length === 0) continue;
    lines.push('', `${cat.title} (${list.length})`);
    for (const c of list) lines.push(`  ${changeLine(c)}`);
  }
  const failing = r.checks.filter((c) => c.status === 'FAIL');
  if (failing.length > 0) {
    const rows = failing.filter((c) => !c.master).length;
    const count = `${rows}${failing.some((c) => c.master) ? ', and the master check' : ''}`;
    lines.push('', `checks failing ${r.checksFrom === 'libreoffice' ? 'after recalculation' : '(cached values)'} (${count})`);
    for (const c of failing) lines.push(`  ${checkLine(c)}`);
  }
  return lines;
}

export function reportJson(r: DiffResult): string {
  const counts = Object.fromEntries(CATEGORIES.map((cat) => [cat.id, r.changes.filter((c) => (cat.kinds as readonly string[]).includes(c.kind)).length]));
  return JSON.stringify(
    {
      workbook: r.workbook,
      changed: r.changes.length > 0 || newlyFailing(r.checks).length > 0,
      baseline: r.baseline,
      placement: r.placement,
      cells: r.cells,
      summary: { ...counts, checks_failing: r.checks.filter((c) => c.status === 'FAIL' && !c.master).length, checks_failing_since_written: newlyFailing(r.checks).filter((c) => !c.master).length },
      notes: r.notes,
      changes: r.changes,
      checks: { from: r.checksFrom, failing: r.checks.filter((c) => c.status === 'FAIL'), evaluated: r.checks.filter((c) => !c.master).length },
    },
    null,
    2,
  );
}
