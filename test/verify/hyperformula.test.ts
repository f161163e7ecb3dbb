// Differential test: a second engine (HyperFormula, in-process) recalculates every formula
// of the written workbook; each result must equal the Decimal value the model computed.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlannedWorkbook } from '../../src/plan/cells.js';
import { a1 } from '../../src/layout/a1.js';
import { formatValue, sameValue } from '../../src/verify/compare.js';
import type { ReadWorkbook } from '../../src/verify/read-xlsx.js';
import { readXlsx } from '../../src/verify/read-xlsx.js';
import { DEFAULT_MODEL, ROOT } from '../helpers/cli.js';
import { recalculateWithHyperFormula } from './hyperformula.js';
import { planModel, xlsxBytes } from './support.js';

const SMALL = join(__dirname, 'fixtures/small/model.yaml');

/** Every planned formula cell whose recalculated value is not the model's. */
async function mismatches(workbook: PlannedWorkbook, edit: (file: ReadWorkbook) => void = () => undefined): Promise<{ checked: number; wrong: string[] }> {
  const file = readXlsx(await xlsxBytes(workbook));
  edit(file);
  const recalculated = recalculateWithHyperFormula(file);
  const wrong: string[] = [];
  let checked = 0;
  for (const sheet of workbook.sheets)
    for (const row of sheet.rows)
      for (const cell of row.cells) {
        if (cell.kind !== 'formula') continue;
        checked++;
        const ref = a1(cell.col, row.row);
        const got = recalculated.get(sheet.name)?.get(ref) ?? null;
        const written = file.sheets.find((s) => s.name === sheet.name)?.cells.get(ref)?.formula;
        if (!sameValue(cell.value, got)) wrong.push(`${sheet.name}!${ref} =${written}: model ${formatValue(cell.value)}, HyperFormula ${formatValue(got)}`);
      }
  return { checked, wrong };
}

describe('HyperFormula recalculates the written workbook to the Decimal values', () => {
  it.each([
    ['the default IIJ workbook', DEFAULT_MODEL],
    ['the small fixture (cross-sheet links, quoted sheet names, zero and negative values)', SMALL],
    ['Photronics fiscal 2011 on the generic template (links, opening cash)', join(ROOT, 'data/photronics-fy2011.yaml')],
    ['the quarterly example (years as sums of quarters, opening balances)', join(ROOT, 'data/quarterly-example.yaml')],
  ])('%s: every formula cell within a relative 1e-9', async (_name, model) => {
    const { checked, wrong } = await mismatches(planModel(model));
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });

  it('notices a formula that does not compute the model value (the comparison is not vacuous)', async () => {
    // gross profit (revenue - cost) is C10-C11 in the file; make it add instead
    const { wrong } = await mismatches(planModel(SMALL), (file) => {
      const cell = file.sheets.find((s) => s.name === 'IS Quarter')!.cells.get('C12')!;
      expect(cell.formula).toBe('C10-C11');
      cell.formula = 'C10+C11';
    });
    // the edited cell and everything computed from it
    expect(wrong.find((w) => w.startsWith('IS Quarter!C12 =C10+C11: model '))).toBeDefined();
    expect(wrong.length).toBeGreaterThan(1);
  });
});
