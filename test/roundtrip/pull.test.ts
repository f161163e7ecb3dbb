// finbook pull on the small fixture, with the edits made by openpyxl: what is carried into
// the model file and what stays behind, three ways (what finbook wrote, what the workbook
// holds, what the model holds).
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { a1 } from '../../src/layout/a1.js';
import type { PlannedWorkbook } from '../../src/plan/cells.js';
import { planWorkbookMap, planMapSheet } from '../../src/plan/map.js';
import { loadAndCompute } from '../../src/pipeline.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { planModel, xlsxBytes } from '../verify/support.js';
import type { OpenpyxlEdit } from './edit-tools.js';
import { describeWithEditors, editInOpenpyxl } from './edit-tools.js';

const FIXTURE = join(__dirname, 'fixtures/small');

interface PullJson {
  written: boolean;
  how?: string;
  carry: { path: string[]; old: number; new: number }[];
  already_in_model: number;
  not_carried: { kind: string; reason: string }[];
  layout_not_carried: { kind: string }[];
}

/** The address of a line's cell: its label in column A, and a column letter. */
function cellOf(p: PlannedWorkbook, sheet: string, label: string, column: string): string {
  const row = p.sheets.find((s) => s.name === sheet)!.rows.find((r) => r.cells.some((c) => c.kind === 'text' && c.col === 0 && c.text === label))!;
  return `${column}${row.row}`;
}

describeWithEditors('finbook pull', () => {
  let dir: string;
  let plan: PlannedWorkbook;
  let written: string;
  let n = 0;
  beforeAll(async () => {
    dir = tempDir('finbook-pull-');
    plan = planModel(join(FIXTURE, 'model.yaml'));
    written = join(dir, 'written.xlsx');
    writeFileSync(written, await xlsxBytes(plan));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A fresh copy of the fixture's model (and template, values) and an edited copy of the workbook. */
  function setUp(edits: OpenpyxlEdit[], model = 'model.yaml', workbook = written): { model: string; workbook: string } {
    const here = join(dir, `case-${++n}`);
    mkdirSync(here);
    for (const f of ['template.yaml', 'values.csv', model]) copyFileSync(join(FIXTURE, f), join(here, f));
    const edited = join(here, 'edited.xlsx');
    editInOpenpyxl(workbook, edited, edits);
    return { model: join(here, model), workbook: edited };
  }

  async function pull(workbook: string, model: string, ...extra: string[]): Promise<{ code: number; out: PullJson }> {
    const r = await runCli(['pull', workbook, '--model', model, '--json', ...extra]);
    expect(r.stderr).toBe('');
    return { code: r.code, out: JSON.parse(r.stdout) as PullJson };
  }

  it('shows the inputs to carry and writes nothing without --write (exit 0: nothing left behind)', async () => {
    const c = setUp([{ op: 'value', sheet: 'Results', cell: cellOf(plan, 'Results', 'Services', 'B'), value: 150 }]);
    const before = readFileSync(c.model, 'utf8');
    const { code, out } = await pull(c.workbook, c.model);
    expect(code).toBe(0);
    expect(out.written).toBe(false);
    expect(out.carry.map((x) => [x.path.join('.'), x.old, x.new])).toEqual([['values.is.services.Q1', 100, 150]]);
    expect(readFileSync(c.model, 'utf8')).toBe(before);
  });

  it('writes changed statement values and global inputs in place, comments and alignment kept', async () => {
    const c = setUp([
      { op: 'value', sheet: 'Results', cell: cellOf(plan, 'Results', 'Fees', 'C'), value: 13.5 },
      { op: 'value', sheet: 'Inputs', cell: 'B7', value: 1.1 },
      { op: 'value', sheet: 'Balance sheet', cell: cellOf(plan, 'Balance sheet', 'Cash', 'B'), value: 510 },
    ]);
    const before = readFileSync(c.model, 'utf8');
    const { code, out } = await pull(c.workbook, c.model, '--write');
    expect(code).toBe(0);
    expect(out).toMatchObject({ written: true, how: 'in place', not_carried: [] });
    expect(readFileSync(c.model, 'utf8')).toBe(
      before.replace('fees:     { Q1: 10,  Q2: 12,', 'fees:     { Q1: 10,  Q2: 13.5,').replace('value: 1.08, format: rate }   # ECB', 'value: 1.1, format: rate }   # ECB').replace('cash:   { YE: 500 }', 'cash:   { YE: 510 }'),
    );
    // the model now exports what the analyst typed
    const again = join(dir, 'again.xlsx');
    expect((await runCli(['export', c.model, '--out', again, '--quiet'])).code).toBe(1); // cash 510 no longer balances: the check says so
    const d = await runCli(['diff', again, '--model', c.model, '--no-recalc', '--json']);
    expect(JSON.parse(d.stdout).changes).toEqual([]);
  });

  it('never carries a hard-code, and with --strict writes nothing while one is there', async () => {
    const c = setUp([
      { op: 'value', sheet: 'Results', cell: cellOf(plan, 'Results', 'Services', 'C'), value: 130 },
      { op: 'value', sheet: 'Results', cell: cellOf(plan, 'Results', 'Total revenues', 'B'), value: 999 },
    ]);
    const before = readFileSync(c.model, 'utf8');
    const strict = await pull(c.workbook, c.model, '--write', '--strict');
    expect(strict.code).toBe(1);
    expect(strict.out.written).toBe(false);
    expect(strict.out.not_carried.map((x) => x.kind)).toEqual(['hard_coded']);
    expect(readFileSync(c.model, 'utf8')).toBe(before);
    const loose = await pull(c.workbook, c.model, '--write');
    expect(loose.code).toBe(1);
    expect(loose.out.written).toBe(true);
    expect(readFileSync(c.model, 'utf8')).toBe(before.replace('services: { Q1: 100, Q2: 120,', 'services: { Q1: 100, Q2: 130,'));
  });

  it('leaves a conflict for a person: the model changed the same value since the workbook was written', async () => {
    const cell = cellOf(plan, 'Results', 'Services', 'B');
    const c = setUp([
      { op: 'value', sheet: 'Results', cell, value: 150 },
      // Q2 unchanged in the workbook while the model moved on: the model keeps its value
    ]);
    const edited = readFileSync(c.model, 'utf8').replace('services: { Q1: 100, Q2: 120,', 'services: { Q1: 105, Q2: 125,');
    writeFileSync(c.model, edited);
    const { code, out } = await pull(c.workbook, c.model, '--write');
    expect(code).toBe(1);
    expect(out.carry).toEqual([]);
    expect(out.not_carried).toEqual([expect.objectContaining({ kind: 'input_changed', reason: expect.stringMatching(/^conflict: the model was changed too since the workbook was written \(100 -> 105\)/) })]);
    expect(readFileSync(c.model, 'utf8')).toBe(edited);
  });

  it("names what belongs to the template, or to a values file, instead of writing it", async () => {
    const checks = plan.sheets.find((s) => s.name === 'Checks')!;
    const tolerance = checks.rows.find((r) => r.cells.some((c) => c.kind === 'text' && c.role === 'check_label'))!;
    const c = setUp(
      [
        { op: 'value', sheet: 'Checks', cell: `F${tolerance.row}`, value: 5 },
        { op: 'value', sheet: 'Results', cell: cellOf(plan, 'Results', 'Services', 'B'), value: 150 },
        { op: 'value', sheet: 'Balance sheet', cell: cellOf(plan, 'Balance sheet', 'Debt', 'B'), value: 210 },
      ],
      'model-csv.yaml',
    );
    const { code, out } = await pull(c.workbook, c.model, '--write');
    expect(code).toBe(1);
    expect(out.carry.map((x) => x.path.join('.'))).toEqual(['values.bs.debt.YE']);
    expect(out.not_carried.map((x) => x.reason).sort()).toEqual(["a check's tolerance belongs to the template: change it there", 'the value comes from the values file values.csv: change it there']);
  });

  it('carries into a JSON model in place', async () => {
    const c = setUp([{ op: 'value', sheet: 'Results', cell: cellOf(plan, 'Results', 'Services', 'D'), value: 410 }]);
    const loaded = loadAndCompute(c.model);
    if (!loaded.ok) throw new Error('fixture');
    const json = c.model.replace(/\.yaml$/, '.json');
    const text = `${JSON.stringify({ ...loaded.value.program.model.value, template: 'template.yaml' }, null, 2)}\n`;
    writeFileSync(json, text);
    const { code, out } = await pull(c.workbook, json, '--write');
    expect(code).toBe(0);
    expect(out.how).toBe('in place');
    expect(readFileSync(json, 'utf8')).toBe(text.replace('"FY": 400', '"FY": 410'));
  });

  it('carries only the input cells of a line that is an input in one period and a formula in another', async () => {
    // the fees line as a template can make it from issue 13 on: typed in for the quarters, computed for the year
    const mixed = structuredClone(plan);
    const loaded = loadAndCompute(join(FIXTURE, 'model.yaml'));
    if (!loaded.ok) throw new Error('fixture');
    const results = mixed.sheets.find((s) => s.name === 'Results')!;
    const fees = results.rows.find((r) => r.cells.some((c) => c.kind === 'text' && c.text === 'Fees'))!;
    const fy = fees.cells.findIndex((x) => x.kind === 'input' && x.col === 3);
    fees.cells[fy] = { kind: 'formula', col: 3, formula: `B${fees.row}+C${fees.row}+18`, value: 40, format: 'amount', style: 'normal', link: false };
    const sheets = mixed.sheets.filter((s) => s.kind !== 'map');
    const map = planWorkbookMap(loaded.value.program, loaded.value.layout, loaded.value.results, sheets, mixed.definedNames, 'test')!;
    const workbook = join(dir, 'mixed.xlsx');
    writeFileSync(workbook, await xlsxBytes({ ...mixed, sheets: [...sheets, planMapSheet(map)], map }));
    const c = setUp(
      [
        { op: 'value', sheet: 'Results', cell: `B${fees.row}`, value: 11 },
        { op: 'value', sheet: 'Results', cell: `${a1(3, fees.row)}`, value: 41 },
      ],
      'model.yaml',
      workbook,
    );
    const { code, out } = await pull(c.workbook, c.model, '--write');
    expect(code).toBe(1);
    expect(out.carry.map((x) => [x.path.join('.'), x.new])).toEqual([['values.is.fees.Q1', 11]]);
    expect(out.not_carried.map((x) => x.kind)).toEqual(['hard_coded']);
  });

  it('works from the model alone when the workbook lost its map: cells where the model puts them', async () => {
    const c = setUp([
      { op: 'delete_sheet', sheet: 'finbook map' },
      { op: 'value', sheet: 'Results', cell: cellOf(plan, 'Results', 'Services', 'B'), value: 150 },
    ]);
    const noModel = await runCli(['diff', c.workbook, '--no-recalc']);
    expect(noModel.code).toBe(2);
    expect(noModel.stderr).toMatch(/edited\.xlsx: the workbook carries no map of its cells .*: give the model it was written from with --model$/);
    const d = await runCli(['diff', c.workbook, '--model', c.model, '--no-recalc', '--json']);
    expect(d.code).toBe(1);
    expect(JSON.parse(d.stdout)).toMatchObject({ placement: 'model', baseline: 'model', changes: [{ kind: 'input_changed', old: 100, new: 150 }] });
    const { code, out } = await pull(c.workbook, c.model, '--write');
    expect(code).toBe(0);
    expect(out.carry.map((x) => [x.path.join('.'), x.old, x.new])).toEqual([['values.is.services.Q1', 100, 150]]);
  });
});
