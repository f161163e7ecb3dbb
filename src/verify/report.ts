// The verification report for the terminal (a table and a summary line) and as JSON.
import type { Comparison, Difference, DifferenceReason } from './compare.js';
import { formatValue } from './compare.js';

const REASON_TEXT: Record<DifferenceReason, string> = {
  cached: 'cached value differs from LibreOffice',
  model: 'LibreOffice differs from the model',
  formula: 'formula differs from the model',
  input: 'input differs from the model',
  missing: 'missing: the model has a cell here',
  extra: 'formula the model does not have',
};

const MAX_FORMULA = 60;

export function differenceTable(differences: Difference[]): string[] {
  const withScenario = differences.some((d) => d.scenario !== undefined);
  const rows = differences.map((d) => [
    ...(withScenario ? [d.scenario ?? '(as written)'] : []),
    d.sheet,
    d.cell,
    d.formula.length > MAX_FORMULA ? `=${d.formula.slice(0, MAX_FORMULA - 3)}...` : d.formula ? `=${d.formula}` : '',
    formatValue(d.expected),
    formatValue(d.actual),
    REASON_TEXT[d.reason],
  ]);
  const head = [...(withScenario ? ['scenario'] : []), 'sheet', 'cell', 'formula', 'expected', 'actual', 'reason'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => r.map((x, i) => x.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(head), ...rows.map(line)];
}

export function summaryLine(c: Comparison, withModel: boolean): string {
  const also = c.scenarios?.length ? `, and again with the scenario selector on ${c.scenarios.join(', ')}` : '';
  const what = `${c.formulaCells} formula cell${c.formulaCells === 1 ? '' : 's'} on ${c.sheets} sheet${c.sheets === 1 ? '' : 's'} recalculated by LibreOffice${withModel ? ' and compared with the model' : ''}${also}`;
  const n = c.differences.length;
  if (n === 0) return `verified ${what}: 0 differences`;
  const counts = new Map<DifferenceReason, number>();
  for (const d of c.differences) counts.set(d.reason, (counts.get(d.reason) ?? 0) + 1);
  const parts = [...counts].map(([reason, k]) => `${k} ${reason}`).join(', ');
  return `verification failed: ${n} difference${n === 1 ? '' : 's'} (${parts}) in ${what}`;
}

export function reportJson(file: string, c: Comparison): string {
  return JSON.stringify({ ok: c.differences.length === 0, workbook: file, formulaCells: c.formulaCells, sheets: c.sheets, ...(c.scenarios ? { scenarios: c.scenarios } : {}), differences: c.differences }, null, 2);
}
