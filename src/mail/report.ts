// What a delivery mail says about a computed model: who, which period, the key figures and
// the master check (every check of the template OK, as on the workbook's Checks sheet).
import type { Computed } from '../pipeline.js';
import type { Issue } from '../issues.js';
import type { KeyFigure } from './key-figures.js';
import { keyFigures, reportingPeriod } from './key-figures.js';

export interface FailedCheck {
  id: string;
  label: string;
  period: string | null;
}

export interface DeliveryReport {
  entity: { name: string; ticker: string | undefined; currency: string; scale: string };
  sourceTitle: string;
  period: { id: string; label: string | undefined };
  figures: KeyFigure[];
  checks: { total: number; failed: FailedCheck[] };
}

export function buildReport(c: Computed): { ok: true; report: DeliveryReport } | { ok: false; issues: Issue[] } {
  const period = reportingPeriod(c.program);
  if (!period.ok) return period;
  const figures = keyFigures(c.program, c.results, period.period);
  if (!figures.ok) return figures;
  const m = c.program.model.value;
  return {
    ok: true,
    report: {
      entity: { name: m.entity.name, ticker: m.entity.ticker, currency: m.entity.currency, scale: m.entity.scale },
      sourceTitle: m.source.title,
      period: { id: period.period, label: c.program.periods.get(period.period)?.label },
      figures: figures.figures,
      checks: {
        total: c.results.checks.length,
        failed: c.results.checks.filter((r) => !r.ok).map((r) => ({ id: r.check.spec.id, label: r.check.spec.label, period: r.row.period })),
      },
    },
  };
}

export function checksPassed(report: DeliveryReport): boolean {
  return report.checks.failed.length === 0;
}

/** "OK (12 of 12 checks pass)", "FAILED (1 of 12 checks fails: ...)", or no checks at all. */
export function checkStatusText(report: DeliveryReport): string {
  const { total, failed } = report.checks;
  if (total === 0) return 'no checks (the template declares none)';
  if (failed.length === 0) return `OK (${total} of ${total} checks pass)`;
  const names = failed.map((f) => (f.period ? `${f.id} [${f.period}]` : f.id));
  return `FAILED (${failed.length} of ${total} check${total === 1 ? '' : 's'} ${failed.length === 1 ? 'fails' : 'fail'}: ${names.join(', ')})`;
}
