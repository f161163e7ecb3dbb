// A template's forecast block, piece by piece, on a small template: inert without forecast
// periods (no Assumptions sheet, no scenarios, no forecast-only lines, the forecast lines plain
// inputs again), and with them: the columns each: last_actual / forecast_period, drivers with a
// history, a model's value replacing a driver's starting value (input_for: [given]), optional
// lines and drivers a company does not have dropped, and a quarterly model's forecast year.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compute } from '../../src/compute/compute.js';
import { isInputCell } from '../../src/compile/program.js';
import { formatIssue } from '../../src/issues.js';
import type { Computed } from '../../src/pipeline.js';
import { loadAndCompute, plan } from '../../src/pipeline.js';
import { MAP_SHEET } from '../../src/plan/map-format.js';
import { writeFiles } from '../generic/files.js';
import { wrongCells } from './helpers.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const TEMPLATE = `finbook_template: 1
name: Forecast block
sheets:
  - id: assumptions
    name: Assumptions
    optional: true
    drivers: true
    columns:
      - { each: last_actual, kind: value, period: "{period}", bands: ["Actual"] }
      - { each: forecast_period, kind: value, period: "{period}", bands: ["Forecast"] }
    lines:
      - id: growth
        label: "Sales growth"
        format: percent
        formula_for: { actual: "is.sales / prev(is.sales) - 1" }
        input_for: [missing]
        source: "Actual: sales over the year before's."
        scenarios:
          base: { formula: "prev(growth_base)", source: "The last actual growth, held." }
          high: { formula: "growth_base + 0.1" }
      - id: bonus_ratio
        label: "Bonus (percent of sales)"
        format: percent
        optional: true
        formula_for: { actual: "-is.bonus / is.sales" }
        scenarios:
          base: { formula: "prev(bonus_ratio_base)" }
          high: { formula: "bonus_ratio_base" }
  - id: is
    name: Income
    columns:
      - { each: period, kind: value, period: "{period}", title: "{label}" }
    lines:
      - { id: sales, label: "Sales", formula_for: { forecast: "prev(sales) * (1 + assumptions.growth)" }, input_for: [actual] }
      - { id: bonus, label: "Bonus", optional: true, formula_for: { forecast: "-sales * assumptions.bonus_ratio" }, input_for: [actual] }
      - { id: costs, label: "Costs", formula_for: { forecast: "prev(costs)" }, input_for: [actual] }
      - { id: funding, label: "Funding", forecast_only: true, formula_for: { actual: "0", forecast: "100" } }
      - { id: profit, label: "Profit", formula: "sum(sales:costs) + funding", style: net }
scenarios:
  - { id: base, label: "Base" }
  - { id: high, label: "High" }
checks:
  - { id: profit_positive, each: actual_period, label: "Profit is not negative", left: "max(is.profit, 0)", right: is.profit }
  - { id: forecast_profit, each: forecast_period, label: "Forecast profit is not negative", left: "max(is.profit, 0)", right: is.profit }
`;

const ACTUAL = `  - { id: FY2023, kind: year, start: 2023-01-01, end: 2023-12-31 }
  - { id: FY2024, kind: year, start: 2024-01-01, end: 2024-12-31 }
`;
const FORECAST = `  - { id: FY2025E, kind: year, start: 2025-01-01, end: 2025-12-31, forecast: true }
  - { id: FY2026E, kind: year, start: 2026-01-01, end: 2026-12-31, forecast: true }
`;

function load(periods: string, values: string, template = TEMPLATE): Computed {
  const dir = writeFiles({
    'template.yaml': template,
    'model.yaml': `finbook_model: 1\ntemplate: template.yaml\nentity: { name: Test Co, currency: USD, scale: units }\nsource: { title: Test, date: 2025-01-01 }\nperiods:\n${periods}values:\n${values}`,
  });
  dirs.push(dir);
  const r = loadAndCompute(join(dir, 'model.yaml'));
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.value;
}

const SALES = `  is:\n    sales: { FY2023: 1000, FY2024: 1200 }\n    costs: { FY2023: -600, FY2024: -700 }\n`;

describe('a forecast block without forecast periods', () => {
  const c = load(ACTUAL, SALES);

  it('is left out: no Assumptions sheet, no scenarios, no forecast-only line; the forecast lines are plain inputs', () => {
    expect(c.program.sheets.map((s) => s.id)).toEqual(['is']);
    expect(c.program.template.value.scenarios).toBeUndefined();
    const is = c.program.sheetById.get('is')!;
    expect([...is.lines.keys()]).toEqual(['sales', 'costs', 'profit']);
    expect(is.lines.get('sales')!.spec.formula_for).toBeUndefined();
    expect(is.lines.get('profit')!.spec.formula).toBe('sum(sales:costs)');
    expect(c.program.checks.map((k) => k.spec.id)).toEqual(['profit_positive']);
  });

  it('writes no selector, no scenario names and no scenario defined names', () => {
    const wb = plan(c);
    expect(wb.sheets.map((s) => s.name).filter((n) => n !== MAP_SHEET)).toEqual(['Cover', 'Inputs', 'Income', 'Checks']);
    const inputs = wb.sheets.find((s) => s.name === 'Inputs')!;
    expect(inputs.rows.flatMap((r) => r.cells).some((cell) => cell.kind === 'text' && cell.text === 'Scenario')).toBe(false);
    expect(wb.definedNames.map((n) => n.name).filter((n) => n.startsWith('scenario'))).toEqual([]);
  });
});

describe('a forecast block with forecast periods', () => {
  const c = load(ACTUAL + FORECAST, `${SALES}    bonus: { FY2023: -50, FY2024: -60 }\n`);
  const line = (key: string) => {
    const [s, id] = key.split('.') as [string, string];
    return c.program.sheetById.get(s)!.lines.get(id)!;
  };

  it('shows the last actual year and the forecast years on the Assumptions sheet, the forecast columns on the statements', () => {
    expect(line('assumptions.growth').table.valuePeriods).toEqual(['FY2024', 'FY2025E', 'FY2026E']);
    expect(line('is.sales').table.valuePeriods).toEqual(['FY2023', 'FY2024', 'FY2025E', 'FY2026E']);
    expect(c.program.checks.map((k) => `${k.spec.id}: ${k.rows.map((r) => r.period).join(' ')}`)).toEqual(['profit_positive: FY2023 FY2024', 'forecast_profit: FY2025E FY2026E']);
  });

  it('starts each driver from the last actual year: the history in every block, the base case holding it, the other moving by its spread', () => {
    const base = compute(c.program, { scenario: 0 });
    const high = compute(c.program, { scenario: 1 });
    expect(base.value(line('assumptions.growth'), 'FY2024').toNumber()).toBe(0.2);
    expect(base.value(line('assumptions.growth_high'), 'FY2024').toNumber()).toBe(0.2);
    expect(base.value(line('assumptions.growth_base'), 'FY2026E').toNumber()).toBe(0.2);
    expect(base.value(line('assumptions.growth_high'), 'FY2026E').toNumber()).toBeCloseTo(0.3, 15);
    expect(base.value(line('is.sales'), 'FY2026E').toNumber()).toBe(1728);
    expect(high.value(line('is.sales'), 'FY2026E').toNumber()).toBe(2028);
    // the forecast-only line: 0 in the actual years, its rule in the forecast ones; inside the profit formula
    expect(base.value(line('is.funding'), 'FY2024').toNumber()).toBe(0);
    expect(base.value(line('is.profit'), 'FY2025E').toNumber()).toBe(1440 - 72 - 700 + 100);
    for (const k of ['is.sales', 'is.bonus', 'is.costs']) {
      const l = line(k);
      expect(l.table.valuePeriods.map((_, i) => isInputCell(l, i)), k).toEqual([true, true, false, false]);
    }
  });

  it('writes the driver\'s source beside it and the selector on the Assumptions sheet; HyperFormula agrees in both scenarios', () => {
    const wb = plan(c);
    const sheet = wb.sheets.find((s) => s.name === 'Assumptions')!;
    const texts = sheet.rows.flatMap((r) => r.cells).filter((cell) => cell.kind === 'text').map((cell) => (cell.kind === 'text' ? cell.text : ''));
    expect(texts).toContain('Source or rationale');
    expect(texts).toContain('The last actual growth, held.');
    expect(sheet.validations?.[0]?.list).toEqual(['Base', 'High']);
    expect(wrongCells(wb)).toEqual([]);
  });

  it('takes a value the model gives for a driver instead of its starting value, as a blue input, and later years follow it', () => {
    const given = load(ACTUAL + FORECAST, `${SALES}  assumptions:\n    growth_base: { FY2025E: 0.05 }\n`);
    const l = given.program.sheetById.get('assumptions')!.lines.get('growth_base')!;
    expect(l.table.valuePeriods.map((_, i) => isInputCell(l, i))).toEqual([false, true, false]);
    expect(given.results.value(l, 'FY2026E').toNumber()).toBe(0.05);
    expect(given.results.value(given.program.sheetById.get('is')!.lines.get('sales')!, 'FY2025E').toNumber()).toBe(1260);
    expect(given.warnings).toEqual([]);
  });

  it('drops an optional line the company does not have, and the driver nothing uses any more', () => {
    const without = load(ACTUAL + FORECAST, SALES);
    expect([...without.program.sheetById.get('is')!.lines.keys()]).toEqual(['sales', 'costs', 'funding', 'profit']);
    expect([...without.program.sheetById.get('assumptions')!.lines.keys()]).toEqual(['growth', 'growth_base', 'growth_high']);
  });

  it('refuses a value for a driver it dropped, saying why (exit 2), rather than ignore it', () => {
    const dir = writeFiles({
      'template.yaml': TEMPLATE,
      'model.yaml': `finbook_model: 1\ntemplate: template.yaml\nentity: { name: T, currency: USD, scale: units }\nsource: { title: T, date: 2025-01-01 }\nperiods:\n${ACTUAL}${FORECAST}values:\n${SALES}  assumptions:\n    bonus_ratio_base: { FY2025E: 0.1 }\n`,
    });
    dirs.push(dir);
    const r = loadAndCompute(join(dir, 'model.yaml'));
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues.map(formatIssue)).toEqual([expect.stringMatching(/model\.yaml:\d+:\d+ values\.assumptions\.bonus_ratio_base: assumptions\.bonus_ratio_base is left out of the workbook: nothing uses it, as the lines it feeds are not in the model/)]);
  });

  it('with one actual year, asks the model for the history that needs the year before', () => {
    const dir = writeFiles({
      'template.yaml': TEMPLATE,
      'model.yaml': `finbook_model: 1\ntemplate: template.yaml\nentity: { name: T, currency: USD, scale: units }\nsource: { title: T, date: 2025-01-01 }\nperiods:\n  - { id: FY2024, kind: year, start: 2024-01-01, end: 2024-12-31 }\n${FORECAST}values:\n  is:\n    sales: { FY2024: 1200 }\n    costs: { FY2024: -700 }\n`,
    });
    dirs.push(dir);
    const r = loadAndCompute(join(dir, 'model.yaml'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map(formatIssue).join('\n')).toMatch(/input line 'assumptions\.growth' \(Sales growth\) has no value for period FY2024 \(the template computes FY2025E, FY2026E\)/);
  });
});

describe('the generic template with a forecast year after quarters', () => {
  it('sums the actual quarters into the actual year and forecasts the next year from it', () => {
    const dir = writeFiles({
      'model.yaml': `finbook_model: 1
template: ${join(__dirname, '../../templates/generic.yaml')}
entity: { name: Quarterly Co, currency: USD, scale: thousands }
source: { title: Illustrative, date: 2024-08-01 }
periods:
  - { id: Jun23, kind: instant, date: 2023-06-30 }
  - { id: 1Q24, kind: quarter, start: 2023-07-01, end: 2023-09-30 }
  - { id: 2Q24, kind: quarter, start: 2023-10-01, end: 2023-12-31 }
  - { id: 3Q24, kind: quarter, start: 2024-01-01, end: 2024-03-31 }
  - { id: 4Q24, kind: quarter, start: 2024-04-01, end: 2024-06-30 }
  - { id: FY2024, kind: year, start: 2023-07-01, end: 2024-06-30 }
  - { id: FY2025E, kind: year, start: 2024-07-01, end: 2025-06-30, forecast: true }
values:
  is:
    revenue: { 1Q24: 100, 2Q24: 110, 3Q24: 120, 4Q24: 130 }
    income_tax: { 1Q24: -20, 2Q24: -22, 3Q24: -24, 4Q24: -26 }
  bs:
    cash: { Jun23: 50, 1Q24: 130, 2Q24: 218, 3Q24: 314, 4Q24: 418 }
    retained_earnings: { Jun23: 50, 1Q24: 130, 2Q24: 218, 3Q24: 314, 4Q24: 418 }
  assumptions:
    revenue_growth: { FY2024: 0.1 }
`,
    });
    dirs.push(dir);
    const r = loadAndCompute(join(dir, 'model.yaml'));
    if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
    const { program, results } = r.value;
    const revenue = program.sheetById.get('is')!.lines.get('revenue')!;
    expect(results.value(revenue, 'FY2024').toNumber()).toBe(460);
    expect(isInputCell(revenue, revenue.table.periodIndex.get('FY2024')!)).toBe(false);
    expect(results.value(revenue, 'FY2025E').toNumber()).toBeCloseTo(506, 9);
    expect(program.sheetById.get('bs')!.lines.get('cash')!.table.valuePeriods).toEqual(['Jun23', '1Q24', '2Q24', '3Q24', '4Q24', 'FY2025E']);
    for (let scenario = 0; scenario < 3; scenario++) for (const k of compute(program, { scenario }).checks) expect(k.ok, `${k.check.spec.id} ${k.row.period}`).toBe(true);
    expect(wrongCells(plan(r.value))).toEqual([]);
  });
});
