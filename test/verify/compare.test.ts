// How verification decides that two values agree, and what it reports when they do not.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlannedWorkbook } from '../../src/plan/cells.js';
import type { CellValue, ReadWorkbook } from '../../src/verify/read-xlsx.js';
import { compareWorkbooks, sameValue } from '../../src/verify/compare.js';
import { readXlsx } from '../../src/verify/read-xlsx.js';
import { differenceTable, summaryLine } from '../../src/verify/report.js';
import { planModel, xlsxBytes } from './support.js';

describe('sameValue: relative 1e-9, absolute 1e-9 near zero, text exactly', () => {
  it.each<[CellValue, CellValue, boolean]>([
    [118.07, 118.07, true],
    [8.805561059375206, 8.80556105937521, true], // LibreOffice saves 15 significant digits
    [3341255000, 3341255000 * (1 + 5e-10), true],
    [3341255000, 3341255000 * (1 + 2e-9), false],
    [0, 5e-10, true],
    [0, -5e-17, true],
    [0, 2e-9, false],
    [-1.5, 1.5, false],
    ['OK', 'OK', true],
    ['OK', 'ok', false],
    ['OK', 'OK ', false],
    ['1', 1, false],
    [null, null, true],
    [null, 0, false],
    [null, '', false],
    [true, true, true],
    [true, 1, false],
    [{ error: '#DIV/0!' }, { error: '#DIV/0!' }, true],
    [{ error: '#DIV/0!' }, '#DIV/0!', false],
    [0, { error: '#DIV/0!' }, false],
    [Number.NaN, Number.NaN, false],
  ])('%j vs %j -> %s', (a, b, same) => {
    expect(sameValue(a, b)).toBe(same);
    expect(sameValue(b, a)).toBe(same);
  });
});

const SMALL = join(__dirname, 'fixtures/small/model.yaml');

async function written(): Promise<{ model: PlannedWorkbook; file: ReadWorkbook }> {
  const model = planModel(SMALL);
  return { model, file: readXlsx(await xlsxBytes(model)) };
}

function setValue(wb: ReadWorkbook, sheet: string, ref: string, value: CellValue, formula?: string): void {
  const cell = wb.sheets.find((s) => s.name === sheet)!.cells.get(ref)!;
  cell.value = value;
  if (formula !== undefined) cell.formula = formula;
}

describe('compareWorkbooks', () => {
  it('finds nothing when the recalculation equals the file and the file equals the model', async () => {
    const { model, file } = await written();
    const again = readXlsx(await xlsxBytes(model));
    const c = compareWorkbooks(file, again, model);
    expect(c.differences).toEqual([]);
    expect(c.formulaCells).toBeGreaterThan(30);
    expect(summaryLine(c, true)).toMatch(/^verified \d+ formula cells on 6 sheets recalculated by LibreOffice and compared with the model: 0 differences$/);
  });

  it('reports a cached value the recalculation does not confirm, with sheet, cell, formula, expected and actual', async () => {
    const { file } = await written();
    const again = structuredClone(file);
    setValue(again, 'IS Quarter', 'C12', 999);
    const c = compareWorkbooks(file, again);
    expect(c.differences).toEqual([{ sheet: 'IS Quarter', cell: 'C12', formula: 'C10-C11', expected: 336.4, actual: 999, reason: 'cached' }]);
    expect(differenceTable(c.differences)).toEqual([
      'sheet       cell  formula   expected  actual  reason',
      'IS Quarter  C12   =C10-C11  336.4     999     cached value differs from LibreOffice',
    ]);
    expect(summaryLine(c, false)).toMatch(/^verification failed: 1 difference \(1 cached\) in \d+ formula cells on 6 sheets recalculated by LibreOffice$/);
  });

  it('compares check status text exactly', async () => {
    const { file } = await written();
    const again = structuredClone(file);
    setValue(again, 'Checks', 'G9', 'FAIL');
    expect(compareWorkbooks(file, again).differences).toMatchObject([{ sheet: 'Checks', cell: 'G9', expected: 'OK', actual: 'FAIL', reason: 'cached' }]);
  });

  it('with the model: a changed input, a changed formula and a value the model does not share are each named', async () => {
    const { model, file } = await written();
    setValue(file, 'IS Quarter', 'C8', 1400); // an input edited in the file
    setValue(file, 'IS Quarter', 'C12', 336.4, 'C10+C11'); // a formula edited in the file
    const again = structuredClone(file);
    setValue(again, 'IS Quarter', 'C12', 2320.8);
    const reasons = compareWorkbooks(file, again, model).differences.map((d) => `${d.sheet}!${d.cell} ${d.reason}`);
    expect(reasons).toEqual(expect.arrayContaining(['IS Quarter!C8 input', 'IS Quarter!C12 formula', 'IS Quarter!C12 model', 'IS Quarter!C12 cached']));
  });

  it('with the model: a formula cell missing from the file, and one the model does not plan', async () => {
    const { model, file } = await written();
    const sheet = file.sheets.find((s) => s.name === 'FY2024')!;
    const assets = [...sheet.cells.values()].find((c) => c.formula === 'B7+B8')!;
    sheet.cells.delete(assets.ref);
    sheet.cells.set('D1', { ref: 'D1', row: 1, col: 3, formula: 'B7*2', value: 1 });
    const c = compareWorkbooks(file, structuredClone(file), model);
    expect(c.differences.map((d) => `${d.cell} ${d.reason}`)).toEqual(['D1 extra', `${assets.ref} missing`]);
  });
});
