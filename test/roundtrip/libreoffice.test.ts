// The round trip through real LibreOffice: an analyst's edits made through LibreOffice's own
// API and saved as .xlsx; `finbook diff` names exactly those edits, `finbook pull --write`
// carries the input home, and the model's next export holds it with every check OK.
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Change } from '../../src/roundtrip/changes.js';
import { readXlsx } from '../../src/verify/read-xlsx.js';
import { DEFAULT_MODEL, ROOT, runBin, runCli, tempDir } from '../helpers/cli.js';
import { describeWithEditors, editInLibreOffice } from './edit-tools.js';

interface DiffJson {
  changed: boolean;
  changes: Change[];
  notes: string[];
  checks: { from: string; failing: { id: string; period: string | null; written: string | null }[]; evaluated: number };
}

async function diffJson(workbook: string, ...extra: string[]): Promise<{ code: number; result: DiffJson }> {
  const r = await runCli(['diff', workbook, '--json', ...extra]);
  expect(r.stderr).toBe('');
  return { code: r.code, result: JSON.parse(r.stdout) as DiffJson };
}

/** The kinds of the changes, in the order diff lists them. */
const kinds = (changes: Change[]): string[] => changes.map((c) => c.kind);

describeWithEditors('finbook diff and pull on workbooks edited in LibreOffice', () => {
  let dir: string;
  let written: string;
  beforeAll(async () => {
    dir = tempDir('finbook-roundtrip-');
    written = join(dir, 'iij.xlsx');
    expect((await runCli(['export', DEFAULT_MODEL, '--out', written, '--quiet'])).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds no change in a workbook LibreOffice opened and saved without edits, and every check OK after recalculation', async () => {
    const saved = join(dir, 'saved.xlsx');
    editInLibreOffice(written, saved, []);
    const { code, result } = await diffJson(saved);
    expect(result.changes).toEqual([]);
    expect(result.checks.from).toBe('libreoffice');
    expect(result.checks.evaluated).toBeGreaterThan(30);
    expect(result.checks.failing).toEqual([]);
    expect(code).toBe(0);
  });

  it('names one input changed and one total typed over; pull --write carries the input into a copy of the model and its export ties every statement (the tie-out to the release fails: another rate)', async () => {
    const edited = join(dir, 'edited.xlsx');
    editInLibreOffice(written, edited, [
      { op: 'value', sheet: 'Inputs', cell: 'B7', value: 120.5 }, // translation rate 118.07
      { op: 'value', sheet: 'IS Quarter', cell: 'C18', value: 15000000 }, // total revenues, 4Q02: a formula
    ]);
    // through the built CLI, as an analyst runs it
    const text = runBin(['diff', edited]);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(1);
    const lines = text.stdout.split('\n');
    expect(lines[0]).toMatch(/: 2 changes since finbook wrote it: 1 input changed, 1 formula hard-coded$/);
    expect(text.stdout).toContain('Inputs!B7  Translation rate (JPY per USD 1)  inputs.fx_jpy_per_usd: 118.07 -> 120.5');
    expect(text.stdout).toContain('IS Quarter!C18  Total revenues  is_q.total_revenues  4Q02: =C15+SUM(C16:C17) -> 15000000');

    const { result } = await diffJson(edited);
    expect(kinds(result.changes)).toEqual(['input_changed', 'hard_coded']);
    // the hard-coded total breaks the checks that compare total revenues with their parts
    expect(result.checks.failing.length).toBeGreaterThan(0);
    for (const c of result.checks.failing) expect(c.written).toBe('OK');

    // a copy of the model, with its template where the model says it is
    const home = join(dir, 'copy');
    mkdirSync(join(home, 'data'), { recursive: true });
    mkdirSync(join(home, 'templates'));
    copyFileSync(join(ROOT, 'templates/iij-fy2002.yaml'), join(home, 'templates/iij-fy2002.yaml'));
    const model = join(home, 'data/iij-fy2002.yaml');
    copyFileSync(DEFAULT_MODEL, model);
    const before = readFileSync(model, 'utf8');
    const pulled = runBin(['pull', edited, '--model', model, '--write']);
    expect(pulled.stderr).toBe('');
    expect(pulled.stdout).toMatch(/wrote 1 input value to .*iij-fy2002\.yaml; 1 edit not carried/);
    expect(pulled.stdout).toContain('inputs.fx_jpy_per_usd.value: 118.07 -> 120.5');
    expect(pulled.code).toBe(1); // the hard-code stays behind, and says so
    // only that number changed, in place: comments, order and alignment as they were
    const after = readFileSync(model, 'utf8');
    expect(after).toBe(before.replace('value: 118.07,', 'value: 120.5,'));

    const out = join(home, 'out.xlsx');
    const exported = runBin(['export', model, '--out', out]);
    // every check of the statements OK; only the tie-out fails: at JPY 120.5 = USD 1 the USD
    // columns no longer reproduce the release's, which translated at 118.07
    const ok = /\((\d+) sheets, (\d+)\/(\d+) checks OK\)/.exec(exported.stdout);
    expect(Number(ok?.[2])).toBe(Number(ok?.[3]) - 1);
    expect(exported.stderr).toMatch(/^1 check failed:\n\s+status.*\n\s+FAIL\s+tie_out\s/);
    expect(exported.code).toBe(1);
    const inputs = readXlsx(readFileSync(out)).sheets.find((s) => s.name === 'Inputs')!;
    expect(inputs.cells.get('B7')!.value).toBe(120.5);
    // and the new workbook is what the edited model says, nothing less
    const again = await diffJson(out, '--model', model, '--no-recalc');
    expect(again.result.changes).toEqual([]);
  });

  it('names inserted rows and columns, a moved block, a deleted row, renamed and reordered sheets, another scenario chosen, and nothing else', async () => {
    const edited = join(dir, 'structure.xlsx');
    editInLibreOffice(written, edited, [
      { op: 'insert_rows', sheet: 'IS Quarter', row: 12, count: 2 },
      { op: 'move', sheet: 'Balance Sheet', from: 'C10:E12', to: 'C60' },
      { op: 'move', sheet: 'IS Quarter', from: 'B20:J20', to: 'B70' }, // total revenues' figures, not its label
      { op: 'delete_rows', sheet: 'Cash Flow Annual', row: 12 },
      { op: 'insert_columns', sheet: 'IS Annual', col: 3 },
      { op: 'rename_sheet', sheet: 'KPIs', name: 'Key figures' },
      { op: 'move_sheet', sheet: 'Checks', position: 1 },
      { op: 'text', sheet: 'Assumptions', cell: 'B5', value: 'Upside' }, // the scenario selector
    ]);
    const { code, result } = await diffJson(edited, '--no-recalc');
    expect(code).toBe(1);
    const find = <K extends Change['kind']>(kind: K): Extract<Change, { kind: K }>[] => result.changes.filter((c): c is Extract<Change, { kind: K }> => c.kind === kind);
    expect(find('rows_inserted')).toEqual([{ kind: 'rows_inserted', sheet: 'IS Quarter', count: 2, rows: '12-13', after: 'Dedicated access services (2)', before: 'Dial-up access services' }]);
    expect(find('cells_moved')).toEqual([{ kind: 'cells_moved', sheet: 'Balance Sheet', count: 9, from: 'C10:E12', to: 'C60:E62' }]);
    // a line whose every figure moved: its row moved (the label stayed, and was no inserted row)
    expect(find('row_moved')).toEqual([expect.objectContaining({ sheet: 'IS Quarter', line: 'is_q.total_revenues', from: 18, to: 70 })]);
    expect(find('row_deleted')).toEqual([expect.objectContaining({ sheet: 'Cash Flow Annual', row: 12, line: 'cf_y.minority_interests' })]);
    expect(find('columns_inserted')).toEqual([expect.objectContaining({ sheet: 'IS Annual', count: 1, columns: 'D' })]);
    expect(find('sheet_renamed')).toEqual([{ kind: 'sheet_renamed', old: 'KPIs', new: 'Key figures' }]);
    expect(find('sheets_reordered')).toHaveLength(1);
    expect(find('choice_changed')).toEqual([expect.objectContaining({ old: 'Base', new: 'Upside', where: expect.objectContaining({ sheet: 'Assumptions', cell: 'B5' }) })]);
    // a formula that used the deleted row now says #REF!; every other formula still computes what it did
    const formulas = find('formula_changed');
    for (const f of formulas) expect(f.new).toContain('#REF!');
    expect(new Set(kinds(result.changes))).toEqual(new Set(['rows_inserted', 'cells_moved', 'row_moved', 'row_deleted', 'columns_inserted', 'sheet_renamed', 'sheets_reordered', 'choice_changed', ...(formulas.length > 0 ? ['formula_changed'] : [])]));
  });
});
