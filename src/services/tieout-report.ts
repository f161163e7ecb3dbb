// The printed figures that do not tie (Tie-out sheet rows with FAIL), for the terminal and
// for --json: where the figure is, what the source prints, what the workbook computes.
import type { Results } from '../compute/compute.js';
import { Decimal } from '../compute/decimal.js';
import type { TieOutRow } from '../compute/tieout.js';

export interface TieOutJson {
  sheet: string;
  line: string;
  column: string;
  period: string;
  base: string | null;
  printed: string;
  /** The workbook's figure, or "n/m". */
  workbook: string;
  /** null where the printed figure or the workbook's is n/m. */
  difference_units: string | null;
  status: string;
  reason: string | null;
}

export function tieOutJson(row: TieOutRow): TieOutJson {
  const f = row.figure;
  return {
    sheet: f.line.sheet.id,
    line: f.line.id,
    column: f.column.kind,
    period: f.column.period,
    base: f.column.base ?? null,
    printed: f.text,
    workbook: row.computed?.toString() ?? String(row.cached),
    difference_units: row.differenceUnits?.toString() ?? null,
    status: row.status,
    reason: f.reason?.id ?? null,
  };
}

/** The FAIL rows of the tie-out as an aligned table (no lines when every figure ties). */
export function tieOutFailureTable(results: Results): string[] {
  const failed = results.tieOut.rows.filter((r) => r.status === 'FAIL');
  if (failed.length === 0) return [];
  const rows = failed.map((r) => {
    const f = r.figure;
    // the workbook's figure in the printed unit, two digits beyond the printed ones
    const computed = r.computed;
    const shown = computed === null ? String(r.cached) : grouped(computed.times(f.scale).toFixed(f.decimals + 2, Decimal.ROUND_HALF_UP));
    return [f.line.key, f.column.kind, f.column.kind === 'change' ? `${f.column.period}/${f.column.base}` : f.column.period, f.text, shown, r.differenceUnits?.toDecimalPlaces(2).toString() ?? '-'];
  });
  const head = ['line', 'column', 'period', 'printed', 'workbook', 'difference (units)'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => r.map((x, i) => (i >= 3 ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join('  ').trimEnd();
  return [
    // more than half a unit of the last printed digit apart, or n/m on one side only
    `${failed.length} printed figure${failed.length === 1 ? ' does' : 's do'} not tie to the workbook and ${failed.length === 1 ? 'has' : 'have'} no reason (Tie-out sheet):`,
    line(head),
    ...rows.map(line),
  ];
}

/** "-3588353.00" -> "-3,588,353.00" */
function grouped(fixed: string): string {
  const [whole = '', fraction] = fixed.split('.');
  const digits = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? digits : `${digits}.${fraction}`;
}
