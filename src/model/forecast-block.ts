// A template's forecast block is inert for a model without forecast periods: the template
// then reads exactly as if it had none, so a model of reported figures alone exports as
// before. For such a model
//   - each line's forecast formula (`formula_for: { forecast: ... }`) is left out, and
//     `input_for: [actual]` with it: a line that is an input in the actual periods and a
//     formula in the forecast ones is a plain input line again (optional if marked so);
//   - a line marked `forecast_only: true` (the revolving credit that funds a forecast, say)
//     is left out, and every reference to it rewritten as for a dropped optional line
//     (`a + revolver` becomes `a`; a range a:b shrinks; model/optional-lines.ts);
// and the forecast's own sheets, marked `optional: true` with columns `each: forecast_period`
// or `each: last_actual`, are left out by the per-period expansion (period-columns.ts).
// With forecast periods the template is used as written.
import type { Period } from './schema.js';
import type { Raw, RawTemplate } from './extends.js';
import { copyArray, isRecord } from './extends.js';
import { dropLines } from './optional-lines.js';

export function hasForecast(periods: readonly Period[]): boolean {
  return periods.some((p) => p.forecast === true);
}

/** The template for a model with these periods: without its forecast block when none is a forecast. */
export function forForecast(t: RawTemplate, periods: readonly Period[]): RawTemplate {
  if (hasForecast(periods)) return t;
  const stripped = withoutForecastFormulas(t);
  return dropLines(stripped, (slot) => slot.line.forecast_only === true).template;
}

function withoutForecastFormulas(t: RawTemplate): RawTemplate {
  const { origins } = t;
  let changed = false;
  const line = (l: unknown): unknown => {
    if (!isRecord(l) || !isRecord(l.formula_for) || !('forecast' in l.formula_for)) return l;
    changed = true;
    const copy: Raw = { ...l };
    origins.copy(l, copy);
    if (Array.isArray(l.input_for) && l.input_for.includes('actual')) {
      // every period is an actual one: an input line
      delete copy.formula;
      delete copy.formula_for;
      delete copy.input_for;
      return copy;
    }
    const { forecast: _forecast, ...rest } = l.formula_for;
    if (Object.keys(rest).length > 0) {
      copy.formula_for = rest;
      origins.copy(l.formula_for, rest);
    } else delete copy.formula_for;
    return copy;
  };
  const withLines = (o: Raw): Raw => {
    const copy: Raw = { ...o };
    origins.copy(o, copy);
    if (Array.isArray(o.lines)) copy.lines = copyArray(origins, o.lines).map(line);
    if (Array.isArray(o.tables)) copy.tables = copyArray(origins, o.tables).map((tb) => (isRecord(tb) ? withLines(tb) : tb));
    return copy;
  };
  const root: Raw = { ...t.root };
  origins.copy(t.root, root);
  root.sheets = copyArray(origins, t.root.sheets).map((s) => (isRecord(s) ? withLines(s) : s));
  return changed ? { ...t, root } : t;
}
