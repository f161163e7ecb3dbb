// Differential test: a second engine (HyperFormula, in-process) recalculates every formula
// of the written workbook; each result must equal the Decimal value the model computed.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlannedWorkbook } from '../../src/plan/cells.js';
import { a1 } from '../../src/layout/a1.js';
import { formatValue, sameValue } from '../../src/verify/compare.js';
import { readXlsx } from '../../src/verify/read-xlsx.js';
import { DEFAULT_MODEL } from '../helpers/cli.js';
import { recalculateWithHyperFormula } from './hyperformula.js';
import { planModel, xlsxBytes } from './support.js';

const SMALL = join(__dirname, 'fixtures/small/model.yaml');

/** Every planned formula cell whose recalculated value is not the model's. */
async function mismatches(workbook: PlannedWorkbook): Promise<{ checked: number; wrong: string[] }> {
  const recalculated = recalculateWithHyperFormula(readXlsx(await xlsxBytes(workbook)));
  const wrong: string[] = [];
  let checked = 0;
  for (const sheet of workbook.sheets)
    for (const row of sheet.rows)
      for (const cell of row.cells) {
        if (cell.kind !== 'formula') continue;
        checked++;
        const ref = a1(cell.col, row.row);
        const got = recalculated.get(sheet.name)?.get(ref) ?? null;
        if (!sameValue(cell.value, got)) wrong.push(`${sheet.name}!${ref} =${cell.formula}: model ${formatValue(cell.value)}, HyperFormula ${formatValue(got)}`);
      }
  return { checked, wrong };
}

describe('HyperFormula recalculates the written workbook to the Decimal values', () => {
  it.each([
    ['the default IIJ workbook', DEFAULT_MODEL],
    ['the small fixture (cross-sheet links, quoted sheet names, zero and negative values)', SMALL],
  ])('%s: every formula cell within a relative 1e-9', async (_name, model) => {
    const { checked, wrong } = await mismatches(planModel(model));
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });

  it('notices a formula that does not compute the model value (the comparison is not vacuous)', async () => {
    const workbook = planModel(SMALL);
    const sheet = workbook.sheets.find((s) => s.name === 'IS Quarter')!;
    // gross profit: revenue - cost, printed as C10-C11; make it add instead
    const cell = sheet.rows.flatMap((r) => r.cells).find((c) => c.kind === 'formula' && c.formula === 'C10-C11');
    if (cell?.kind !== 'formula') throw new Error('fixture changed: no C10-C11 formula');
    cell.formula = 'C10+C11';
    const { wrong } = await mismatches(workbook);
    // the edited cell and everything computed from it
    expect(wrong.find((w) => w.startsWith('IS Quarter!C12 =C10+C11: model '))).toBeDefined();
    expect(wrong.length).toBeGreaterThan(1);
  });
});
