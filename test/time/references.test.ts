// References through time, end to end from template text to the workbook: a line may read
// itself in another period, a roll-forward pair whose cells never loop is no cycle, a true
// loop of cells is reported with its cells, a missing period is an error unless the line
// makes the cell an input, and every reference points at its period's cell wherever the
// sheet shows it (another sheet, another column order).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/issues.js';
import { a1 } from '../../src/layout/a1.js';
import type { PlannedCell } from '../../src/plan/cells.js';
import type { Computed } from '../../src/pipeline.js';
import { loadAndCompute, plan } from '../../src/pipeline.js';
import { writeFiles } from '../generic/files.js';

const MODEL = `finbook_model: 1
template: template.yaml
entity: { name: Time Co, currency: USD, scale: units }
source: { title: Test figures, date: 2025-02-01 }
inputs:
  growth: { value: 0.1, format: percent }
periods:
  - { id: D0, kind: instant, date: 2023-12-31 }
  - { id: D1, kind: instant, date: 2024-03-31 }
  - { id: D2, kind: instant, date: 2024-06-30 }
  - { id: Q3, kind: quarter, start: 2024-07-01, end: 2024-09-30 }
  - { id: Q1, kind: quarter, start: 2024-01-01, end: 2024-03-31 }
  - { id: Q2, kind: quarter, start: 2024-04-01, end: 2024-06-30 }
  - { id: Q4, kind: quarter, start: 2024-10-01, end: 2024-12-31 }
  - { id: FY, kind: year, start: 2024-01-01, end: 2024-12-31 }
`;

const QUARTERS = ['Q1', 'Q2', 'Q3', 'Q4'];
const columns = (ids: string[]): string => ids.map((p) => `      - { kind: value, period: ${p} }`).join('\n');

function template(lines: string, extraSheets = ''): string {
  return `finbook_template: 1
name: Time
sheets:
  - id: m
    name: Model
    columns:
${columns([...QUARTERS, 'FY'])}
    lines:
${lines}
${extraSheets}`;
}

function load(tpl: string, values: string): ReturnType<typeof loadAndCompute> {
  const dir = writeFiles({ 'template.yaml': tpl, 'model.yaml': `${MODEL}values:\n${values}` });
  return loadAndCompute(join(dir, 'model.yaml'));
}

function ok(tpl: string, values: string): Computed {
  const r = load(tpl, values);
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.value;
}

function problems(tpl: string, values: string): string[] {
  const r = load(tpl, values);
  if (r.ok) throw new Error('expected problems');
  return r.issues.map((i) => `${i.code}: ${i.message}${i.detail ? `\n${i.detail.join('\n')}` : ''}`);
}

/** The planned cell of sheet.line in a period: its kind, formula text and cached value. */
function cell(c: Computed, key: string, period: string): { kind: string; formula?: string; value: number | string; at: string } {
  const [sheetId, lineId] = key.split('.') as [string, string];
  const line = c.program.sheetById.get(sheetId)!.lines.get(lineId)!;
  const addr = c.layout.address(line, period);
  const planned = plan(c).sheets.find((s) => s.name === addr.sheet)!;
  const found = planned.rows.find((r) => r.row === addr.row)!.cells.find((x) => x.col === addr.col) as Exclude<PlannedCell, { kind: 'text' }>;
  return { kind: found.kind, value: found.value, at: a1(addr.col, addr.row), ...(found.kind === 'formula' ? { formula: found.formula } : {}) };
}

describe('a line that reads itself in another period', () => {
  const tpl = template(`      - { id: revenue, label: Revenue, formula: "prev(revenue) * (1 + $growth)", formula_for: { year: "sum_within(revenue, quarter)" }, input_for: [missing] }`);

  it('grows from the quarter before; the first quarter, which has none, is an input; the year sums its quarters', () => {
    const c = ok(tpl, '  m:\n    revenue: { Q1: 100 }\n');
    expect(QUARTERS.map((p) => cell(c, 'm.revenue', p).value)).toEqual([100, 110, 121, 133.1]);
    expect(cell(c, 'm.revenue', 'Q1').kind).toBe('input');
    // one formula shape along the row: each quarter reads the column to its left
    expect(QUARTERS.slice(1).map((p) => cell(c, 'm.revenue', p).formula)).toEqual(['B7*(1+growth)', 'C7*(1+growth)', 'D7*(1+growth)']);
    expect(cell(c, 'm.revenue', 'FY')).toMatchObject({ formula: 'SUM(B7:E7)', value: 464.1 });
  });

  it('is an error naming the line, the period and the date it looked for, when the line does not say what to do there', () => {
    const strict = template(`      - { id: revenue, label: Revenue, formula: "prev(revenue) * (1 + $growth)", formula_for: { year: "sum_within(revenue, quarter)" } }`);
    expect(problems(strict, '  m:\n    revenue: { Q1: 100 }\n')).toEqual([
      'missing_period: m.revenue[Q1] needs the quarter before Q1 (ending 2023-12-31), for prev() at Q1; add the period to the model, or make those cells inputs with input_for: [missing]',
    ]);
  });
});

describe('dependencies cell by cell', () => {
  it('orders a roll-forward pair whose cells never loop: opening = the previous closing, closing = opening + flow', () => {
    const c = ok(
      template(`      - { id: cash_open, label: Opening, formula: "prev(cash_close)", formula_for: { year: "opening(bs.cash)" }, input_for: [missing] }
      - { id: flow, label: Flow, formula_for: { year: "sum_within(flow, quarter)" }, input_for: [quarter] }
      - { id: cash_close, label: Closing, formula: "cash_open + flow" }`,
        `  - id: bs
    name: BS
    columns:
${columns(['D0', 'D1', 'D2'])}
    lines:
      - { id: cash, label: Cash }`),
      '  m:\n    cash_open: { Q1: 50 }\n    flow: { Q1: 10, Q2: -5, Q3: 20, Q4: 1 }\n  bs:\n    cash: { D0: 50, D1: 60, D2: 55 }\n',
    );
    expect(QUARTERS.map((p) => cell(c, 'm.cash_close', p).value)).toEqual([60, 55, 75, 76]);
    expect(cell(c, 'm.cash_open', 'Q3').formula).toBe('C9');
    // the year opens with the balance sheet of the day before it starts: a link to another sheet
    expect(cell(c, 'm.cash_open', 'FY')).toMatchObject({ kind: 'formula', formula: 'BS!B7', value: 50 });
    expect(cell(c, 'm.cash_close', 'FY').value).toBe(76);
  });

  it('reports a true loop of cells with the cells that form it and their formulas', () => {
    const tpl = template(`      - { id: a, label: A, formula: "b[Q4] + 1" }
      - { id: b, label: B, formula: "a" }`);
    expect(problems(tpl, '  m: {}\n')).toEqual(['cycle: reference cycle: m.a[Q4] -> m.b[Q4] -> m.a[Q4]\nm.a[Q4] = b[Q4] + 1\nm.b[Q4] = a']);
  });

  it('reports a line that needs itself in its own period as before', () => {
    expect(problems(template(`      - { id: a, label: A, formula: "a + 1" }`), '  m: {}\n')).toEqual(['cycle: reference cycle: m.a[Q1] -> m.a[Q1]\nm.a[Q1] = a + 1']);
  });
});

describe('Excel text of time references', () => {
  // The same quarters newest first on another sheet, with a share column between them, as
  // press releases print them.
  const reversed = `  - id: r
    name: Reversed
    columns:
      - { kind: value, period: Q4 }
      - { kind: share, period: Q4, of: base }
      - { kind: value, period: Q3 }
      - { kind: value, period: Q2 }
      - { kind: value, period: Q1 }
      - { kind: value, period: FY }
    lines:
      - { id: base, label: Base }
      - { id: last, label: "Model revenue, quarter before", formula: "prev(m.revenue)", input_for: [missing, year] }
      - { id: own, label: "Own, quarter before", formula: "prev(base)", input_for: [missing, year] }
      - { id: total, label: Total, formula_for: { year: "sum_within(base, quarter)" }, input_for: [quarter] }
      - { id: to_date, label: "Year to date", formula: "ytd(base)" }
      - { id: twelve, label: "Last twelve months", formula: "ltm(base)", input_for: [missing] }
  - id: bs
    name: Balance Sheet
    columns:
${columns(['D2', 'D1', 'D0'])}
    lines:
      - { id: cash, label: Cash }`;
  const tpl = template(
    `      - { id: revenue, label: Revenue }
      - { id: opening_cash, label: Opening cash, formula: "opening(bs.cash)", input_for: [missing] }
      - { id: closing_cash, label: Closing cash, formula: "closing(bs.cash)", input_for: [missing] }`,
    reversed,
  );
  const values = `  m:
    revenue: { Q1: 1, Q2: 2, Q3: 3, Q4: 4, FY: 10 }
    opening_cash: { Q4: 0 }
    closing_cash: { Q3: 0, Q4: 0, FY: 0 }
  r:
    base: { Q1: 10, Q2: 20, Q3: 30, Q4: 40, FY: 100 }
    last: { Q1: 0, FY: 0 }
    own: { Q1: 0, FY: 0 }
    total: { Q1: 10, Q2: 20, Q3: 30, Q4: 40 }
    twelve: { Q1: 0, Q2: 0, Q3: 0 }
  bs:
    cash: { D0: 7, D1: 8, D2: 9 }
`;
  const c = ok(tpl, values);

  it.each([
    ['prev() of a line on another sheet, in its column order', 'r.last', 'Q3', "Model!C7", 2],
    ['prev() of its own line when the columns run newest first (the quarter before is to the right)', 'r.own', 'Q3', 'E7', 20],
    ['sum_within() of quarters that are not side by side: each cell, no range over the share column', 'r.total', 'FY', 'SUM(F7,E7,D7,B7)', 100],
    ['ytd() of the third quarter', 'r.to_date', 'Q3', 'SUM(F7,E7,D7)', 60],
    ['ytd() of the first quarter: the quarter', 'r.to_date', 'Q1', 'SUM(F7)', 10],
    ['ltm() of the fourth quarter', 'r.twelve', 'Q4', 'SUM(F7,E7,D7,B7)', 100],
    ['opening() of a quarter: the balance sheet the day before, another sheet, quoted', 'm.opening_cash', 'Q2', "'Balance Sheet'!C7", 8],
    ['closing() of a quarter: the balance sheet of its last day', 'm.closing_cash', 'Q2', "'Balance Sheet'!B7", 9],
  ])('%s', (_what, key, period, formula, value) => {
    expect(cell(c, key, period)).toMatchObject({ kind: 'formula', formula, value });
  });

  it('colours a cell as what it is: a plain link to another sheet green, an input blue', () => {
    const planned = plan(c).sheets.find((s) => s.name === 'Model')!;
    const cells = planned.rows.flatMap((r) => r.cells);
    const opening = cells.find((x) => x.kind === 'formula' && x.formula === "'Balance Sheet'!C7");
    expect(opening).toMatchObject({ kind: 'formula', link: true });
    expect(cell(c, 'm.opening_cash', 'Q4').kind).toBe('input');
  });
});
