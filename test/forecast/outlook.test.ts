// IIJ's fiscal 2003 outlook (Assumptions, Outlook and Sensitivity sheets of the default
// workbook): every scenario balances and passes every check, export --scenario writes the
// chosen one, validate reports all of them, two engines recalculate every scenario to the
// TypeScript figures, choosing another scenario in LibreOffice moves the forecast and
// nothing historical, and random drivers keep the forecast balance sheet balanced.
import fc from 'fast-check';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import type { Computed } from '../../src/pipeline.js';
import { loadAndCompute, plan } from '../../src/pipeline.js';
import { compute } from '../../src/compute/compute.js';
import { formatIssue } from '../../src/issues.js';
import { a1 } from '../../src/layout/a1.js';
import { findSoffice, recalculateWithOffice, withOfficeSession } from '../../src/office/index.js';
import type { PlannedWorkbook } from '../../src/plan/cells.js';
import { readXlsx } from '../../src/verify/read-xlsx.js';
import type { CellValue, ReadWorkbook } from '../../src/verify/read-xlsx.js';
import { scenarioSelector } from '../../src/verify/scenarios.js';
import { withScenarioSelected } from '../../src/verify/select-scenario.js';
import { DEFAULT_MODEL, runCli, tempDir } from '../helpers/cli.js';
import { formulaMismatches, plannedAsRead, recalculateWithHyperFormula } from '../verify/hyperformula.js';

const runsOffice = findSoffice() !== null || Boolean(process.env.CI);
const SCENARIOS = ['Base', 'Upside', 'Downside'];

function load(model = DEFAULT_MODEL, scenario?: string): Computed {
  const r = loadAndCompute(model, scenario ? { scenario } : {});
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.value;
}
const base = load();
const value = (c: Computed, key: string, period: string): number => {
  const [s, l] = key.split('.') as [string, string];
  return c.results.cellValue(c.program.sheetById.get(s)!.lines.get(l)!, period);
};
const planOf = (c: Computed, scenario: number): PlannedWorkbook => plan({ ...c, results: compute(c.program, { scenario }) });

/** Every formula cell of a plan whose value a recalculated workbook (read back) does not have. */
function differences(planned: PlannedWorkbook, recalculated: Map<string, Map<string, CellValue>> | ReadWorkbook): string[] {
  const values = recalculated instanceof Map ? recalculated : new Map(recalculated.sheets.map((s) => [s.name, new Map([...s.cells].map(([ref, c]) => [ref, c.value]))]));
  return formulaMismatches(planned, values, 'recalculated');
}

describe('the fiscal 2003 outlook in TypeScript', () => {
  it.each(SCENARIOS.map((s, i) => [s, i] as const))('%s: the balance sheet balances at Mar 31, 2004 and every check is OK', (_label, i) => {
    const results = compute(base.program, { scenario: i });
    expect(results.checks.filter((c) => !c.ok).map((c) => `${c.check.spec.id}@${c.row.period}`)).toEqual([]);
    const outlook = results.checks.find((c) => c.check.spec.id === 'outlook_balances' && c.row.period === 'FY2003E')!;
    expect(outlook.difference.abs().toNumber()).toBeLessThan(1e-9);
  });

  it('follows the release: revenues more than 10% above fiscal 2002, a positive operating margin, the June 2003 share issue', () => {
    expect(value(base, 'fc.revenue', 'FY2003E') / value(base, 'fc.revenue', 'FY2002') - 1).toBeGreaterThan(0.1);
    expect(value(base, 'fc.operating_income', 'FY2003E')).toBeGreaterThan(0);
    expect(value(base, 'fc.share_issue', 'FY2003E')).toBe(3_512_880); // 8,400 shares at JPY 418,200, in thousands
    // fiscal 2002 as published
    expect(value(base, 'fc.revenue', 'FY2002')).toBe(44_017_561);
    expect(value(base, 'fc.cash_end', 'FY2002')).toBe(3_588_352);
  });

  it('draws the revolving credit when cash would end below the floor, and still balances', () => {
    const dir = tempDir();
    const doc = parseDocument(readFileSync(DEFAULT_MODEL, 'utf8'));
    doc.setIn(['template'], join(__dirname, '../../templates/iij-fy2002.yaml'));
    doc.setIn(['values', 'assumptions', 'minimum_cash_base', 'FY2003E'], 20_000_000);
    writeFileSync(join(dir, 'floor.yaml'), String(doc));
    const c = load(join(dir, 'floor.yaml'));
    expect(value(c, 'fc.revolver', 'FY2003E')).toBeGreaterThan(0);
    expect(value(c, 'fc.cash_end', 'FY2003E')).toBeCloseTo(20_000_000, 6);
    expect(c.results.checks.every((r) => r.ok)).toBe(true);
  });

  it('keeps the forecast balance sheet balanced whatever the drivers (random drivers, every scenario)', () => {
    const template = join(__dirname, '../../templates/iij-fy2002.yaml');
    const source = readFileSync(DEFAULT_MODEL, 'utf8');
    const dir = tempDir();
    const drivers = fc.record({
      growth: fc.integer({ min: -30, max: 60 }).map((n) => n / 100),
      margin: fc.integer({ min: -20, max: 20 }).map((n) => n / 100),
      days: fc.integer({ min: 10, max: 200 }),
      loss: fc.integer({ min: -3_271_032, max: 0 }),
      floor: fc.integer({ min: 0, max: 30_000_000 }),
      rate: fc.integer({ min: 0, max: 80 }).map((n) => n / 1000),
    });
    fc.assert(
      fc.property(fc.array(drivers, { minLength: 3, maxLength: 3 }), (byScenario) => {
        const doc = parseDocument(source);
        doc.setIn(['template'], template);
        ['base', 'upside', 'downside'].forEach((sc, i) => {
          const d = byScenario[i]!;
          const set = (line: string, v: number): void => void doc.setIn(['values', 'assumptions', `${line}_${sc}`, 'FY2003E'], v);
          set('revenue_growth', d.growth);
          set('operating_margin', d.margin);
          set('interest_rate', d.rate);
          set('minimum_cash', d.floor);
          if (sc !== 'base') set('receivable_days', d.days);
          if (sc !== 'downside') set('equity_method_loss', d.loss);
        });
        writeFileSync(join(dir, 'random.yaml'), String(doc));
        const c = load(join(dir, 'random.yaml'));
        for (let i = 0; i < 3; i++) {
          const r = compute(c.program, { scenario: i });
          const row = r.checks.find((x) => x.check.spec.id === 'outlook_balances' && x.row.period === 'FY2003E')!;
          if (!row.ok) throw new Error(`scenario ${i} out of balance by ${row.difference.toString()}`);
        }
        // and the workbook's formulas give the cached values (HyperFormula, the scenario shown)
        const wrong = differences(plan(c), recalculateWithHyperFormula(plannedAsRead(plan(c))));
        if (wrong.length > 0) throw new Error(wrong.slice(0, 5).join('\n'));
      }),
      { numRuns: 15, seed: 2003 },
    );
  }, 120_000);
});

describe('choosing the scenario', () => {
  it('export --scenario writes the chosen label in the selector and that scenario\'s figures as cached values', async () => {
    const out = join(tempDir(), 'downside.xlsx');
    const r = await runCli(['export', DEFAULT_MODEL, '--out', out, '--scenario', 'downside']);
    expect(r.code).toBe(0);
    const wb = readXlsx(readFileSync(out));
    const selector = scenarioSelector(base)!;
    expect(wb.sheets.find((s) => s.name === selector.sheet)!.cells.get(selector.ref)!.value).toBe('Downside');
    const downside = load(DEFAULT_MODEL, 'Downside');
    const l = base.program.sheetById.get('fc')!.lines.get('revenue')!;
    const at = base.layout.address(l, 'FY2003E');
    expect(wb.sheets.find((s) => s.name === at.sheet)!.cells.get(a1(at.col, at.row))!.value).toBe(value(downside, 'fc.revenue', 'FY2003E'));
    expect(value(downside, 'fc.revenue', 'FY2003E')).not.toBe(value(base, 'fc.revenue', 'FY2003E'));
  });

  it('refuses an unknown scenario with the list of scenarios (exit 2)', async () => {
    const r = await runCli(['export', DEFAULT_MODEL, '--out', join(tempDir(), 'x.xlsx'), '--scenario', 'optimistic']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--scenario "optimistic" is not a scenario of the template.*; the scenarios are base, upside, downside/);
  });

  it('validate prints the key figures of every scenario side by side', async () => {
    const r = await runCli(['validate', DEFAULT_MODEL]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^scenario\s+Base \(selected\)\s+Upside\s+Downside$/m);
    expect(r.stdout).toMatch(/^FY2003E total revenues\s+49,299,668\s+51,940,722\s+46,658,615$/m);
    // 33 checks of the template and the tie-out of the printed figures
    expect(r.stdout).toMatch(/^checks OK\s+34 of 34\s+34 of 34\s+34 of 34$/m);
    const json = JSON.parse((await runCli(['validate', DEFAULT_MODEL, '--json'])).stdout) as { scenarios: { id: string; selected: boolean; failed: string[] }[] };
    expect(json.scenarios.map((s) => [s.id, s.selected, s.failed.length])).toEqual([
      ['base', true, 0],
      ['upside', false, 0],
      ['downside', false, 0],
    ]);
  });

  it('HyperFormula recalculates every scenario, chosen in the selector, to the TypeScript figures', () => {
    const selector = scenarioSelector(base)!;
    const written = plannedAsRead(plan(base));
    SCENARIOS.forEach((label, i) => {
      const chosen: ReadWorkbook = {
        ...written,
        sheets: written.sheets.map((s) => (s.name !== selector.sheet ? s : { ...s, cells: new Map([...s.cells, [selector.ref, { ...s.cells.get(selector.ref)!, value: label }]]) })),
      };
      expect(differences(planOf(base, i), recalculateWithHyperFormula(chosen)), label).toEqual([]);
    });
  });

  (runsOffice ? it : it.skip)(
    'in LibreOffice, choosing another scenario moves the forecast to its figures and leaves every historical figure as it was',
    async () => {
      const dir = tempDir();
      const out = join(dir, 'base.xlsx');
      expect((await runCli(['export', DEFAULT_MODEL, '--out', out])).code).toBe(0);
      const selector = scenarioSelector(base)!;
      const switched = join(dir, 'downside.xlsx');
      writeFileSync(switched, withScenarioSelected(readFileSync(out), selector.sheet, selector.ref, 'Downside'));
      const recalculated = readXlsx(await withOfficeSession((s) => recalculateWithOffice(s, switched)));
      const downside = planOf(base, 2);
      expect(differences(downside, recalculated)).toEqual([]);
      // nothing historical moved: every formula cell of the release's sheets, and fiscal 2002 on the Outlook
      const before = plan(base);
      const historical = ['IS Quarter', 'IS Annual', 'Balance Sheet', 'Cash Flow Quarter', 'Cash Flow Annual', 'KPIs', 'Margins and Mix'];
      for (const name of historical) {
        const a = before.sheets.find((s) => s.name === name)!;
        expect(differences(a === undefined ? before : { ...before, sheets: [a] }, recalculated), name).toEqual([]);
      }
      const fy2002 = base.program.sheetById.get('fc')!.lines.get('revenue')!;
      const col2002 = base.layout.address(fy2002, 'FY2002').col;
      const col2003 = base.layout.address(fy2002, 'FY2003E').col;
      const outlook = (w: PlannedWorkbook) => w.sheets.find((s) => s.name === 'Outlook')!.rows.flatMap((r) => r.cells.filter((c) => c.kind === 'formula').map((c) => ({ at: a1(c.col, r.row), col: c.col, value: c.kind === 'formula' ? c.value : null })));
      const after = new Map(outlook(downside).map((c) => [c.at, c.value]));
      for (const c of outlook(before)) if (c.col === col2002) expect(after.get(c.at), `Outlook!${c.at}`).toBe(c.value);
      for (const key of ['revenue', 'operating_income', 'net_loss', 'cash_end']) {
        const at = base.layout.address(base.program.sheetById.get('fc')!.lines.get(key)!, 'FY2003E');
        expect(after.get(a1(at.col, at.row)), key).not.toBe(value(base, `fc.${key}`, 'FY2003E'));
        expect(at.col).toBe(col2003);
      }
    },
    240_000,
  );
});

describe('sensitivity tables', () => {
  const sheet = plan(base).sheets.find((s) => s.name === 'Sensitivity')!;
  const grid = (title: RegExp) => {
    const top = sheet.rows.findIndex((r) => r.cells.some((c) => c.kind === 'text' && title.test(c.text)));
    return sheet.rows.slice(top);
  };

  it('shows at the live drivers exactly the live output (FY2003E operating income at 12% growth and a 2% margin)', () => {
    const rows = grid(/operating income/);
    const header = rows.find((r) => r.cells.filter((c) => c.kind === 'input').length > 2)!;
    const col = header.cells.find((c) => c.kind === 'input' && c.value === 0.02)!.col;
    const row = rows.find((r) => r.cells.some((c) => c.kind === 'input' && c.col === 1 && c.value === 0.12))!;
    const cell = row.cells.find((c) => c.col === col)!;
    expect(cell).toMatchObject({ kind: 'formula', value: value(base, 'fc.operating_income', 'FY2003E') });
    // a live formula of the model's cells and the two headers, nothing typed in
    expect(cell.kind === 'formula' && cell.formula).toMatch(/^Outlook!B\d+\*\(1\+B\d+\)\*[A-H]\d+$/);
  });

  it('is refused when the output does not depend on a driver, naming both', async () => {
    const dir = tempDir();
    const text = readFileSync(join(__dirname, '../../templates/iij-fy2002.yaml'), 'utf8').replace('columns: { driver: "assumptions.operating_margin[FY2003E]"', 'columns: { driver: "assumptions.minimum_cash[FY2003E]"');
    writeFileSync(join(dir, 'template.yaml'), text);
    const doc = parseDocument(readFileSync(DEFAULT_MODEL, 'utf8'));
    doc.setIn(['template'], 'template.yaml');
    writeFileSync(join(dir, 'model.yaml'), String(doc));
    const r = await runCli(['validate', join(dir, 'model.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/template\.yaml:\d+:\d+ sensitivities\[0\]\.columns\.driver: fc\.operating_income\[FY2003E\] does not depend on assumptions\.minimum_cash\[FY2003E\]/);
  });
});
