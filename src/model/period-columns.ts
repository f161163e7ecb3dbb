// Templates that do not know the model's periods: a column or a check with `each: period`
// is repeated for every period of the model (every one with a start and an end: instants
// are balance dates, see end_date below), in the model's order, with placeholders
// filled in. A generic template is written once and serves any list of fiscal years.
// `each: end_date` repeats it once per date on which a period of the model ends, for that
// date's period (an instant, else the shortest period ending then): a balance sheet shows
// one column per balance date, so a quarterly model's fourth quarter and its fiscal year,
// which end on the same day, share one column.
// A forecast adds three more: `each: actual_period` and `each: forecast_period` (the periods
// of `each: period` that are reported, or projected: `forecast: true`), and `each:
// last_actual`, the one actual period a forecast starts from (the period of the same kind
// that ends last before the first forecast period begins; none without forecast periods);
// `each: actual_end_date` and `each: forecast_end_date` split the balance dates the same way
// (a forecast year's closing balance sheet is a forecast).
// A check whose `each` gives no period has no rows and is left out, and a sheet marked
// `optional: true` whose columns all expand to none is left out (an Assumptions sheet for a
// model without forecast periods), with the template's scenarios if no drivers sheet is left:
// a workbook gets no scenario selector or scenario names it cannot use.
//
//   {period} {label} {end} {year}                    the period itself
//   {estimate}                                       E for a forecast period (Oct 28, 2012E), else nothing
//   {previous} {previous_label} {previous_end}       the period before it; a column or check
//                                                    that uses these is left out for a
//                                                    period that has none
import type { Issue } from '../issues.js';
import { formatPath } from '../issues.js';
import type { Period } from './schema.js';
import type { Raw, RawTemplate, Resolved } from './extends.js';
import { copyArray, isRecord } from './extends.js';

const PLACEHOLDER = /\{([a-z_]+)\}/g;
export const EACH = ['period', 'actual_period', 'forecast_period', 'last_actual', 'end_date', 'actual_end_date', 'forecast_end_date'] as const;
type Each = (typeof EACH)[number];
const KNOWN = ['period', 'label', 'end', 'year', 'estimate', 'previous', 'previous_label', 'previous_end'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function endOf(p: Period): string {
  return p.end ?? p.date ?? '';
}

/** "Oct 30, 2011", as statements head their columns. */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return iso ? `${MONTHS[m - 1]} ${d}, ${y}` : '';
}

/** The period of the same kind that ends last before this one begins (for an instant: before its date). */
export function previousPeriod(p: Period, periods: readonly Period[]): Period | undefined {
  const begins = p.kind === 'instant' ? endOf(p) : (p.start ?? endOf(p));
  let best: Period | undefined;
  for (const q of periods) {
    if (q === p || q.kind !== p.kind || !endOf(q) || endOf(q) >= begins) continue;
    if (!best || endOf(q) > endOf(best)) best = q;
  }
  return best;
}

/** `each: period`: the periods with a start and an end (a balance date has no flows to show). */
function flowPeriods(periods: readonly Period[]): Period[] {
  return periods.filter((p) => p.kind !== 'instant');
}

/** The periods an `each` entry repeats over. */
export function periodsOf(each: Each, periods: readonly Period[]): Period[] {
  switch (each) {
    case 'period':
      return flowPeriods(periods);
    case 'actual_period':
      return flowPeriods(periods).filter((p) => !p.forecast);
    case 'forecast_period':
      return flowPeriods(periods).filter((p) => p.forecast);
    case 'last_actual': {
      const forecasts = flowPeriods(periods).filter((p) => p.forecast && endOf(p));
      const first = forecasts.reduce<Period | undefined>((a, p) => (!a || endOf(p) < endOf(a) ? p : a), undefined);
      const start = first ? previousPeriod(first, periods.filter((p) => !p.forecast)) : undefined;
      return start ? [start] : [];
    }
    case 'end_date':
      return balanceDates(periods);
    case 'actual_end_date':
      return balanceDates(periods).filter((p) => !p.forecast);
    case 'forecast_end_date':
      return balanceDates(periods).filter((p) => p.forecast);
    default:
      return assertNever(each);
  }
}

function assertNever(x: never): never {
  throw new Error(`unexpected ${String(x)}`);
}

/** One period per date on which a period ends: an instant of that date, else the shortest period ending then; in the model's order. */
export function balanceDates(periods: readonly Period[]): Period[] {
  const byDate = new Map<string, Period>();
  const length = (p: Period): number => (p.kind === 'instant' ? 0 : Date.parse(endOf(p)) - Date.parse(p.start ?? endOf(p)));
  for (const p of periods) {
    // a period without dates yet (finbook init leaves them to the user) is a date of its own
    const date = endOf(p) || `undated:${p.id}`;
    const seen = byDate.get(date);
    if (!seen || length(p) < length(seen)) byDate.set(date, p);
  }
  const chosen = new Set(byDate.values());
  return periods.filter((p) => chosen.has(p));
}

/** The balance date before this one among `dates` (for {previous}). */
function previousDate(p: Period, dates: readonly Period[]): Period | undefined {
  let best: Period | undefined;
  for (const q of dates) if (endOf(q) < endOf(p) && (!best || endOf(q) > endOf(best))) best = q;
  return best;
}

function placeholders(p: Period, prev: Period | undefined): Record<string, string> {
  const values: Record<string, string> = { period: p.id, label: p.label ?? p.id, end: longDate(endOf(p)), year: endOf(p).slice(0, 4), estimate: p.forecast ? 'E' : '' };
  if (prev) Object.assign(values, { previous: prev.id, previous_label: prev.label ?? prev.id, previous_end: longDate(endOf(prev)) });
  return values;
}

function usesPrevious(v: unknown): boolean {
  return JSON.stringify(v).includes('{previous');
}

function fill(v: unknown, values: Record<string, string>): unknown {
  if (typeof v === 'string') return v.replace(PLACEHOLDER, (m, name: string) => values[name] ?? m);
  if (Array.isArray(v)) return v.map((x) => fill(x, values));
  if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x, values)]));
  return v;
}

export function expandPeriods(t: RawTemplate, periods: readonly Period[]): Resolved<RawTemplate> {
  const { origins } = t;
  const issues: Issue[] = [];
  const locate = (path: PropertyKey[]) => origins.locate(t.root, path);
  const problem = (path: PropertyKey[], message: string): void => {
    issues.push({ code: 'each', message, path: formatPath(path), source: locate(path) });
  };
  const check = (v: Raw, path: PropertyKey[]): boolean => {
    if (!(EACH as readonly unknown[]).includes(v.each)) {
      problem([...path, 'each'], `each takes one of ${EACH.join(', ')}, got ${JSON.stringify(v.each)}`);
      return false;
    }
    const unknown = [...JSON.stringify(v).matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((n) => !KNOWN.includes(n));
    if (unknown.length > 0) {
      problem(path, `unknown placeholder {${unknown[0]}}; known: ${KNOWN.map((k) => `{${k}}`).join(' ')}`);
      return false;
    }
    return true;
  };
  /** The clones of one `each` entry, one per period (skipping periods without a previous one when needed). */
  const expand = (v: Raw, path: PropertyKey[], perPeriod: (clone: Raw, p: Period) => Raw = (c) => c): Raw[] => {
    if (!check(v, path)) return [v];
    const { each, ...body } = v;
    const out: Raw[] = [];
    const list = periodsOf(each as Each, periods);
    for (const p of list) {
      const prev = String(each).endsWith('end_date') ? previousDate(p, balanceDates(periods)) : previousPeriod(p, periods);
      if (usesPrevious(body) && !prev) continue;
      const clone = perPeriod(fill(body, placeholders(p, prev)) as Raw, p);
      origins.copy(v, clone);
      out.push(clone);
    }
    return out;
  };
  const expandColumns = (owner: Raw, path: PropertyKey[]): Raw => {
    if (!Array.isArray(owner.columns) || !owner.columns.some((c) => isRecord(c) && 'each' in c)) return owner;
    const copy: Raw = { ...owner };
    origins.copy(owner, copy);
    const columns: unknown[] = copyArray(origins, []);
    origins.copy(owner.columns, columns);
    owner.columns.forEach((c, ci) => {
      if (isRecord(c) && 'each' in c) columns.push(...expand(c, [...path, 'columns', ci]));
      else columns.push(c);
    });
    copy.columns = columns;
    return copy;
  };

  const root: Raw = { ...t.root };
  origins.copy(t.root, root);
  const sheets = copyArray(origins, t.root.sheets);
  const expanded = sheets.map((s, si) => {
    if (!isRecord(s)) return s;
    const sheet = expandColumns(s, ['sheets', si]);
    if (!Array.isArray(sheet.tables)) return sheet;
    const copy: Raw = sheet === s ? { ...s } : sheet;
    if (copy !== s) origins.copy(s, copy);
    const tables = copyArray(origins, sheet.tables);
    copy.tables = tables.map((tb, ti) => (isRecord(tb) ? expandColumns(tb, ['sheets', si, 'tables', ti]) : tb));
    return copy;
  });
  // an optional sheet whose columns expand to none is left out (a forecast's Assumptions
  // without forecast periods); so are the scenarios, when no drivers sheet is left to select them
  const noColumns = (s: Raw): boolean => (Array.isArray(s.tables) ? s.tables : [s]).every((tb) => isRecord(tb) && Array.isArray(tb.columns) && tb.columns.length === 0);
  const kept = expanded.filter((s) => !(isRecord(s) && s.optional === true && noColumns(s)));
  root.sheets = kept;
  if (kept.length < expanded.length && expanded.some((s) => isRecord(s) && s.drivers === true) && !kept.some((s) => isRecord(s) && s.drivers === true)) delete root.scenarios;

  // A check with `each: period` has one row per period; one that compares with {previous}
  // becomes one check per period (each row's formula differs), its id suffixed _<period>.
  const checks: unknown[] = [];
  origins.copy(Array.isArray(t.root.checks) ? t.root.checks : [], checks);
  copyArray(origins, t.root.checks).forEach((c, ci) => {
    if (!isRecord(c) || !('each' in c)) {
      checks.push(c);
      return;
    }
    if (usesPrevious(c) || JSON.stringify(c).match(/\{(period|label|end|year)\}/)) {
      checks.push(...expand(c, ['checks', ci], (clone, p) => ({ ...clone, id: `${String(clone.id)}_${p.id.toLowerCase()}`, periods: [p.id] })));
      return;
    }
    if (!check(c, ['checks', ci])) return;
    const { each, ...body } = c;
    const rows = periodsOf(each as Each, periods).map((p) => p.id);
    if (rows.length === 0) return; // no period to check: no rows
    const clone: Raw = { ...body, periods: rows };
    origins.copy(c, clone);
    checks.push(clone);
  });
  root.checks = checks;
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { ...t, root } };
}
