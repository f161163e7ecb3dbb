// A plain-text table of check results for the terminal.
import type { CheckResult } from '../compute/compute.js';
import type { Program } from '../compile/program.js';

export function checkTable(program: Program, checks: CheckResult[], onlyFailed = false): string[] {
  const rows = checks
    .filter((c) => !onlyFailed || !c.ok)
    .map((c) => [
      c.ok ? 'OK' : 'FAIL',
      c.check.spec.id,
      c.row.period ? (program.periods.get(c.row.period)?.id ?? c.row.period) : '',
      fmt(c.left.toNumber()),
      fmt(c.right.toNumber()),
      fmt(c.difference.toNumber()),
      fmt(c.check.spec.tolerance),
    ]);
  const head = ['status', 'check', 'period', 'left', 'right', 'difference', 'tolerance'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => r.map((x, i) => (i >= 3 ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)];
}

function fmt(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 4 });
}
