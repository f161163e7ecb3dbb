// Property: the generic template's forecast balances by construction. A real company's two
// actual years (Photronics fiscal 2010-2011 on the generic lines, plus interest and dividend
// lines so every driver is in play) with any driver values a model may give (each scenario's
// driver for each forecast year overridden or not, over wide ranges: shrinking revenue,
// negative margins, heavy capex, payouts above 100%, large share issues, a high cash floor
// that draws the revolving credit) and any of three equity layouts: in every scenario the
// forecast balance sheet balances, cash never ends below its floor, the actual years do not
// move, and HyperFormula recalculates the workbook of a random scenario to the cached values.
//
// FINBOOK_PROPERTY_RUNS=N runs more cases; FINBOOK_PROPERTY_SEED=S replays one.
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { compute } from '../../src/compute/compute.js';
import { formatIssue } from '../../src/issues.js';
import { loadAndCompute } from '../../src/pipeline.js';
import { ROOT } from '../helpers/cli.js';
import { plannedFor, wrongCells } from '../forecast/helpers.js';

const RUNS = Number(process.env.FINBOOK_PROPERTY_RUNS ?? 20);
const SEED = process.env.FINBOOK_PROPERTY_SEED === undefined ? undefined : Number(process.env.FINBOOK_PROPERTY_SEED);

const dir = mkdtempSync(join(tmpdir(), 'finbook-forecast-property-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FORECAST = ['FY2012E', 'FY2013E', 'FY2014E'];
const SCENARIOS = ['base', 'upside', 'downside'];

/** Each driver and the range its random values come from (thousandths). */
const DRIVERS: Record<string, [number, number]> = {
  revenue_growth: [-0.6, 0.8],
  gross_margin: [-0.3, 0.95],
  opex_ratio: [0, 0.9],
  receivable_days: [0, 250],
  inventory_days: [0, 250],
  payable_days: [0, 250],
  capex_ratio: [0, 0.6],
  depreciation_rate: [0, 0.8],
  interest_income_rate: [0, 0.15],
  interest_rate: [0, 0.25],
  tax_rate: [-0.5, 0.7],
  payout_ratio: [0, 1.5],
  share_issues: [0, 200000],
  minimum_cash: [0, 0.6],
};

/** The two actual years: the fixture's figures, with interest split out of other expense and a dividend. */
function actualValues(): Record<string, Record<string, Record<string, number>>> {
  const values: Record<string, Record<string, Record<string, number>>> = {};
  const csv = readFileSync(join(ROOT, 'test/forecast/fixtures/photronics-generic.csv'), 'utf8').trim().split('\n').slice(1);
  for (const row of csv) {
    const cells = [...row.matchAll(/("([^"]*)"|[^,]*)(,|$)/g)].map((m) => m[2] ?? m[1]!).slice(0, 4);
    const [sheet, line] = cells[0]!.split('.') as [string, string];
    const number = (s: string): number => (s === '-' ? 0 : Number(s.replace(/,/g, '').replace(/^\((.*)\)$/, '-$1')));
    (values[sheet] ??= {})[line] = Object.fromEntries([['FY2010', cells[2]!], ['FY2011', cells[3]!]].filter(([, v]) => v !== '').map(([p, v]) => [p!, number(v!)]));
  }
  // interest out of other expense (pre-tax income unchanged), a dividend paid for by other financing (cash unchanged)
  values.is!.interest_income = { FY2010: 600, FY2011: 450 };
  values.is!.interest_expense = { FY2010: -4200, FY2011: -5100 };
  values.is!.other_income = { FY2010: -6922 - 600 + 4200, FY2011: -39568 - 450 + 5100 };
  values.cf!.dividends_paid = { FY2010: -2000, FY2011: -2500 };
  values.cf!.other_financing = { FY2010: -1285 + 2000, FY2011: -14196 + 2500 };
  return values;
}

/** Equity as one line, as capital and retained earnings, or with treasury stock and noncontrolling interests too. */
function withEquity(values: ReturnType<typeof actualValues>, layout: number): ReturnType<typeof actualValues> {
  const total = values.bs!.other_equity!;
  if (layout === 0) return values;
  const bs = { ...values.bs! };
  delete bs.other_equity;
  bs.share_capital = { FY2010: 300000, FY2011: 300828 };
  const nci = layout === 2 ? { FY2010: 20000, FY2011: 23979 } : { FY2010: 0, FY2011: 0 };
  const treasury = layout === 2 ? { FY2010: -5000, FY2011: -5000 } : { FY2010: 0, FY2011: 0 };
  bs.retained_earnings = Object.fromEntries(['FY2010', 'FY2011'].map((p) => [p, total[p]! - bs.share_capital![p]! - nci[p as 'FY2010']! - treasury[p as 'FY2010']!]));
  if (layout === 2) Object.assign(bs, { noncontrolling_equity: nci, treasury_stock: treasury });
  return { ...values, bs };
}

interface Case {
  equity: number;
  /** driver_scenario -> forecast year -> value (absent: the template's starting value). */
  overrides: Record<string, Partial<Record<string, number>>>;
  check: number;
}

// The operating expense ratio is offset by half a thousandth from the gross margins' grid: were
// the two equal, operating income would be zero only up to rounding (its lines are shares of a
// total), and a growth column over it a ratio of rounding residues, which decimal.js's 40 digits
// and a spreadsheet's doubles leave different. Finbook has no rule for such residues yet.
const OFFSET: Record<string, number> = { opex_ratio: 0.0005 };

const overrides: fc.Arbitrary<Record<string, Partial<Record<string, number>>>> = fc.record(
  Object.fromEntries(
    Object.entries(DRIVERS).flatMap(([driver, [lo, hi]]) =>
      SCENARIOS.map((sc) => [
        `${driver}_${sc}`,
        fc.record(Object.fromEntries(FORECAST.map((p) => [p, fc.integer({ min: Math.round(lo * 1000), max: Math.round(hi * 1000) }).map((n) => n / 1000 + (OFFSET[driver] ?? 0))])), { requiredKeys: [] }),
      ]),
    ),
  ),
);

const cases: fc.Arbitrary<Case> = fc.record({ equity: fc.integer({ min: 0, max: 2 }), overrides, check: fc.integer({ min: 0, max: 2 }) });

function model(c: Case): string {
  const values = withEquity(actualValues(), c.equity);
  const assumptions = Object.fromEntries(Object.entries(c.overrides).filter(([, byYear]) => Object.keys(byYear).length > 0));
  return stringify({
    finbook_model: 1,
    template: join(ROOT, 'templates/generic.yaml'),
    entity: { name: 'Photronics, Inc.', currency: 'USD', scale: 'thousands' },
    source: { title: 'Form 8-K, December 6, 2011, on the generic lines', date: '2011-12-06' },
    periods: [
      { id: 'FY2010', kind: 'year', start: '2009-11-02', end: '2010-10-31' },
      { id: 'FY2011', kind: 'year', start: '2010-11-01', end: '2011-10-30' },
      ...FORECAST.map((id, i) => ({ id, kind: 'year', start: ['2011-10-31', '2012-10-29', '2013-11-04'][i], end: ['2012-10-28', '2013-11-03', '2014-11-02'][i], forecast: true })),
    ],
    values: { ...values, ...(Object.keys(assumptions).length > 0 ? { assumptions } : {}) },
  });
}

describe('the generic forecast with random drivers', () => {
  it(`balances in every scenario and recalculates in HyperFormula to the cached values (${RUNS} cases)`, () => {
    let revolverDrawn = 0;
    fc.assert(
      fc.property(cases, (c) => {
        const file = join(dir, 'model.yaml');
        writeFileSync(file, model(c));
        const loaded = loadAndCompute(file);
        if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).slice(0, 10).join('\n'));
        const { program } = loaded.value;
        const line = (s: string, id: string) => program.sheetById.get(s)!.lines.get(id)!;
        const actual = new Map<string, string>();
        for (let scenario = 0; scenario < 3; scenario++) {
          const results = compute(program, { scenario });
          const forecast = results.checks.filter((x) => x.check.spec.id === 'forecast_balances');
          expect(forecast.map((x) => x.row.period)).toEqual(FORECAST);
          for (const x of results.checks) expect(x.ok, `${x.check.spec.id} ${x.row.period}, scenario ${scenario}: ${x.difference.toString()}`).toBe(true);
          for (const x of forecast) expect(x.difference.abs().toNumber(), `${x.row.period}, scenario ${scenario}`).toBeLessThan(1e-15);
          for (const p of FORECAST) {
            // cash ends at the floor at least: the revolving credit is drawn below it
            const floor = results.value(line('is', 'total_revenue'), p).times(results.value(line('assumptions', 'minimum_cash'), p));
            expect(results.value(line('bs', 'cash'), p).minus(floor).toNumber(), `cash at ${p}`).toBeGreaterThan(-1e-15);
            if (results.value(line('bs', 'revolver'), p).gt(0)) revolverDrawn++;
          }
          // the actual years are the same in every scenario
          for (const sheet of program.sheets)
            for (const l of sheet.ordered)
              for (const p of ['FY2010', 'FY2011'])
                if (l.table.periodIndex.has(p)) {
                  const key = `${l.key}[${p}]`;
                  const v = results.value(l, p).toString();
                  if (!actual.has(key)) actual.set(key, v);
                  expect(v, key).toBe(actual.get(key));
                }
        }
        const wrong = wrongCells(plannedFor(loaded.value, c.check));
        if (wrong.length > 0) throw new Error(`${wrong.length} cell(s) differ:\n${wrong.slice(0, 12).join('\n')}`);
      }),
      { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) },
    );
    // the cases reach the revolving credit (a property that never draws it would prove little)
    expect(revolverDrawn).toBeGreaterThan(0);
  }, 300_000);
});
