// Property: generated time-series models (quarters in any column order, fiscal years summing
// their quarters, a balance sheet at every quarter end, lines that grow from the quarter
// before, roll-forward pairs, year-to-date and last-twelve-months sums, ratios over the
// quarter before) compute in HyperFormula exactly the values decimal.js cached, cell by
// cell. Chains of prev() run up to hundreds of quarters long.
//
// FINBOOK_PROPERTY_RUNS=N runs more cases; FINBOOK_PROPERTY_SEED=S replays one.
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/issues.js';
import type { PlannedWorkbook } from '../../src/plan/cells.js';
import { loadAndCompute, plan } from '../../src/pipeline.js';
import { formulaMismatches, plannedAsRead, recalculateWithHyperFormula } from '../verify/hyperformula.js';

const RUNS = Number(process.env.FINBOOK_PROPERTY_RUNS ?? 40);
const SEED = process.env.FINBOOK_PROPERTY_SEED === undefined ? undefined : Number(process.env.FINBOOK_PROPERTY_SEED);

const dir = mkdtempSync(join(tmpdir(), 'finbook-time-property-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Quarter {
  id: string;
  start: string;
  end: string;
  /** The day before it starts: the balance date its opening balance is read at. */
  before: string;
}

/** `n` consecutive calendar quarters from 2000, and the fiscal years they complete. */
function quarters(n: number): { quarters: Quarter[]; years: { id: string; start: string; end: string }[] } {
  const out: Quarter[] = [];
  const iso = (y: number, m: number, d: number): string => new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);
  for (let i = 0; i < n; i++) {
    const y = 2000 + Math.floor(i / 4);
    const m = (i % 4) * 3;
    out.push({ id: `Q${i + 1}`, start: iso(y, m, 1), end: iso(y, m + 3, 0), before: iso(y, m, 0) });
  }
  const years = [];
  for (let y = 0; (y + 1) * 4 <= n; y++) years.push({ id: `Y${2000 + y}`, start: out[y * 4]!.start, end: out[y * 4 + 3]!.end });
  return { quarters: out, years };
}

const amount = fc.oneof(fc.integer({ min: -5000, max: 5000 }), fc.integer({ min: -500000, max: 500000 }).map((n) => n / 100), fc.constant(0));
const growth = fc.integer({ min: -8, max: 8 }).map((n) => n / 100);

interface Spec {
  periods: number;
  /** Column order of the quarters on the flow sheet: chronological, newest first, or shuffled. */
  order: 'forward' | 'backward' | number[];
  growth: number;
  values: { flow: number[]; base: number[]; other: number[]; cash0: number; firstRevenue: number };
}

const spec: fc.Arbitrary<Spec> = fc
  .integer({ min: 1, max: 40 })
  .chain((periods) =>
    fc.record({
      periods: fc.constant(periods),
      order: fc.oneof(fc.constant<'forward'>('forward'), fc.constant<'backward'>('backward'), fc.shuffledSubarray([...Array(periods).keys()], { minLength: periods, maxLength: periods })),
      growth,
      values: fc.record({
        flow: fc.array(amount, { minLength: periods, maxLength: periods }),
        base: fc.array(amount, { minLength: periods, maxLength: periods }),
        other: fc.array(amount, { minLength: periods, maxLength: periods }),
        cash0: amount,
        firstRevenue: amount,
      }),
    }),
  );

function files(s: Spec): { template: string; model: string } {
  const { quarters: qs, years } = quarters(s.periods);
  const order = s.order === 'forward' ? qs : s.order === 'backward' ? [...qs].reverse() : s.order.map((i) => qs[i]!);
  const flowColumns = [...order.map((q) => q.id), ...years.map((y) => y.id)].map((p) => `      - { kind: value, period: ${p} }`).join('\n');
  const dates = ['B0', ...qs.map((q) => `B${q.id.slice(1)}`)];
  const template = `finbook_template: 1
name: Time series
sheets:
  - id: f
    name: Flows and ratios
    roll_up: { year: quarter }
    columns:
${flowColumns}
    lines:
      - { id: flow, label: Flow }
      - { id: base, label: Base }
      - { id: other, label: Other }
      - { id: revenue, label: Revenue, formula: "prev(revenue) * (1 + $g) + other", formula_for: { year: "sum_within(revenue, quarter)" }, input_for: [missing] }
      - { id: open, label: Opening cash, formula: "prev(close)", formula_for: { year: "opening(b.cash)" }, input_for: [missing] }
      - { id: close, label: Closing cash, formula: "open + flow" }
      - { id: to_date, label: Year to date, formula: "ytd(base)", input_for: [missing] }
      - { id: twelve, label: Last twelve months, formula: "ltm(base - other)", input_for: [missing] }
      - { id: ratio, label: Over the quarter before, formula: "base / prev(other)", input_for: [missing] }
      - { id: balance_open, label: Opening balance, formula: "opening(b.cash) - prev(close)", input_for: [missing] }
  - id: b
    name: "Balance, sheet"
    columns:
${dates.map((d) => `      - { kind: value, period: ${d} }`).join('\n')}
    lines:
      - { id: cash, label: Cash, formula: "prev(cash, quarter) * (1 + $g) + 1", input_for: [missing] }
`;
  const ids = (list: number[]): string => `{ ${list.map((v, i) => `${qs[i]!.id}: ${v}`).join(', ')} }`;
  // cells whose formula needs the period before the first: the first quarter and the first year
  const firsts = [qs[0]!.id, ...years.slice(0, 1).map((y) => y.id)].map((id) => `${id}: 0`).join(', ');
  const model = `finbook_model: 1
template: template.yaml
entity: { name: Series Co, currency: USD, scale: units }
source: { title: Generated, date: 2025-01-01 }
inputs:
  g: { value: ${s.growth} }
periods:
  - { id: B0, kind: instant, date: ${qs[0]!.before} }
${qs.map((q) => `  - { id: ${q.id}, kind: quarter, start: ${q.start}, end: ${q.end} }\n  - { id: B${q.id.slice(1)}, kind: instant, date: ${q.end} }`).join('\n')}
${years.map((y) => `  - { id: ${y.id}, kind: year, start: ${y.start}, end: ${y.end} }`).join('\n')}
values:
  f:
    flow: ${ids(s.values.flow)}
    base: ${ids(s.values.base)}
    other: ${ids(s.values.other)}
    revenue: { ${qs[0]!.id}: ${s.values.firstRevenue} }
    open: { ${qs[0]!.id}: ${s.values.cash0} }
    to_date: { ${[...qs.filter((_, i) => i >= years.length * 4).map((q) => `${q.id}: 0`)].join(', ')} }
    twelve: { ${qs.slice(0, 3).map((q) => `${q.id}: 0`).join(', ')} }
    ratio: { ${firsts} }
    balance_open: { ${firsts} }
  b:
    cash: { B0: ${s.values.cash0} }
`;
  return { template, model };
}

function wrongCells(workbook: PlannedWorkbook): string[] {
  return formulaMismatches(workbook, recalculateWithHyperFormula(plannedAsRead(workbook)));
}

function planned(s: Spec): PlannedWorkbook {
  const { template, model } = files(s);
  writeFileSync(join(dir, 'template.yaml'), template);
  writeFileSync(join(dir, 'model.yaml'), model);
  const loaded = loadAndCompute(join(dir, 'model.yaml'));
  if (!loaded.ok) throw new Error(`the generated case does not compile:\n${loaded.issues.map(formatIssue).slice(0, 10).join('\n')}\n--- template ---\n${template}--- model ---\n${model}`);
  return plan(loaded.value);
}

describe('generated time-series models', () => {
  it(`recalculate in HyperFormula to the cached Decimal values, in any column order (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(spec, (s) => {
        const wrong = wrongCells(planned(s));
        if (wrong.length > 0) throw new Error(`${wrong.length} cell(s) differ:\n${wrong.slice(0, 12).join('\n')}\n${files(s).template}`);
      }),
      { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) },
    );
  }, 300_000);

  it('hold for chains of prev() four hundred quarters long', () => {
    const n = 400;
    const values = { flow: Array.from({ length: n }, (_, i) => (i % 7) - 3), base: Array.from({ length: n }, (_, i) => i % 5), other: Array.from({ length: n }, (_, i) => ((i * 37) % 11) - 5), cash0: 1000, firstRevenue: 250 };
    const workbook = planned({ periods: n, order: 'forward', growth: 0.01, values });
    expect(wrongCells(workbook)).toEqual([]);
    // the last quarter's closing cash is the first opening plus every flow
    const total = values.flow.reduce((a, b) => a + b, values.cash0);
    const flows = workbook.sheets.find((s) => s.name === 'Flows and ratios')!;
    const closeRow = flows.rows.find((r) => r.cells.some((c) => c.kind === 'text' && c.text === 'Closing cash'))!;
    const lastQuarter = closeRow.cells.filter((c) => c.kind === 'formula')[n - 1]!;
    expect(lastQuarter).toMatchObject({ kind: 'formula', value: total });
  }, 120_000);
});
