// The round trip through openpyxl, which keeps formulas as text, drops every cached value,
// and moves cells on insert_rows without adjusting a single reference.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Change } from '../../src/roundtrip/changes.js';
import { DEFAULT_MODEL, runCli, tempDir } from '../helpers/cli.js';
import { describeWithEditors, editInOpenpyxl } from './edit-tools.js';

interface DiffJson {
  changes: Change[];
  notes: string[];
  checks: { from: string; failing: unknown[]; evaluated: number };
}

async function diff(workbook: string, ...extra: string[]): Promise<{ code: number; result: DiffJson }> {
  const r = await runCli(['diff', workbook, '--json', ...extra]);
  expect(r.stderr).toBe('');
  return { code: r.code, result: JSON.parse(r.stdout) as DiffJson };
}

describeWithEditors('finbook diff and pull on workbooks saved by openpyxl', () => {
  let dir: string;
  let written: string;
  beforeAll(async () => {
    dir = tempDir('finbook-openpyxl-');
    written = join(dir, 'iij.xlsx');
    expect((await runCli(['export', DEFAULT_MODEL, '--out', written, '--quiet'])).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds no change in a workbook openpyxl loaded and saved (no cached values left): LibreOffice recalculates it and every check is OK', async () => {
    const saved = join(dir, 'saved.xlsx');
    editInOpenpyxl(written, saved, []);
    // openpyxl really dropped the cached values: without recalculation there is nothing to read the checks from
    const cached = await diff(saved, '--no-recalc');
    expect(cached.result.checks).toEqual({ from: 'none', failing: [], evaluated: 0 });
    expect(cached.result.changes).toEqual([]);
    const { code, result } = await diff(saved);
    expect(result.changes).toEqual([]);
    expect(result.checks.from).toBe('libreoffice');
    expect(result.checks.evaluated).toBeGreaterThan(30);
    expect(result.checks.failing).toEqual([]);
    expect(code).toBe(0);
  });

  it('names the input changed and the total typed over, and the inserted row with every formula it left pointing at other cells', async () => {
    const edited = join(dir, 'edited.xlsx');
    editInOpenpyxl(written, edited, [
      { op: 'value', sheet: 'IS Quarter', cell: 'C11', value: 3400000 }, // dedicated access, 4Q02
      { op: 'value', sheet: 'IS Quarter', cell: 'C18', value: 15000000 }, // total revenues, 4Q02
      { op: 'insert_rows', sheet: 'IS Quarter', row: 12 },
    ]);
    const { code, result } = await diff(edited, '--no-recalc');
    expect(code).toBe(1);
    const of = <K extends Change['kind']>(kind: K): Extract<Change, { kind: K }>[] => result.changes.filter((c): c is Extract<Change, { kind: K }> => c.kind === kind);
    expect(of('input_changed')).toEqual([expect.objectContaining({ old: 3341255, new: 3400000, where: expect.objectContaining({ sheet: 'IS Quarter', cell: 'C11', line: 'is_q.dedicated_access', period: '4Q02' }) })]);
    // openpyxl moved the total down a row: it is found by its label, where it is now
    expect(of('hard_coded')).toEqual([expect.objectContaining({ formula: 'C15+SUM(C16:C17)', value: 15000000, where: expect.objectContaining({ cell: 'C19', written: 'IS Quarter!C18', line: 'is_q.total_revenues' }) })]);
    expect(of('rows_inserted')).toEqual([{ kind: 'rows_inserted', sheet: 'IS Quarter', count: 1, rows: '12', after: 'Dedicated access services (2)', before: 'Dial-up access services' }]);
    // what openpyxl did not do: adjust the references to the rows it moved
    const stale = of('references_not_adjusted');
    expect(stale.length).toBeGreaterThan(50);
    expect(result.notes.join('\n')).toMatch(/on 'IS Quarter' rows moved but no reference to them was adjusted/);
    expect(new Set(result.changes.map((c) => c.kind))).toEqual(new Set(['input_changed', 'hard_coded', 'rows_inserted', 'references_not_adjusted']));
  });

  it('pull carries the changed input home and lists the rest (exit 1)', async () => {
    const edited = join(dir, 'inputs.xlsx');
    editInOpenpyxl(written, edited, [
      { op: 'value', sheet: 'IS Quarter', cell: 'C11', value: 3400000 },
      { op: 'value', sheet: 'IS Quarter', cell: 'C18', value: 15000000 },
    ]);
    const model = join(dir, 'model.yaml');
    const text = readFileSync(DEFAULT_MODEL, 'utf8').replace('template: ../templates/iij-fy2002.yaml', `template: ${join(__dirname, '../../templates/iij-fy2002.yaml')}`);
    writeFileSync(model, text);
    const r = await runCli(['pull', edited, '--model', model, '--write', '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { written: boolean; carry: { path: string[]; old: number; new: number }[]; not_carried: { kind: string }[] };
    expect(out.written).toBe(true);
    expect(out.carry.map((c) => [c.path.join('.'), c.old, c.new])).toEqual([['values.is_q.dedicated_access.4Q02', 3341255, 3400000]]);
    expect(out.not_carried.map((c) => c.kind)).toEqual(['hard_coded']);
    expect(readFileSync(model, 'utf8')).toBe(text.replace('{ 4Q02: 3341255,', '{ 4Q02: 3400000,'));
  });
});
