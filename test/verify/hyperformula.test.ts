// Differential test: a second engine (HyperFormula, in-process) recalculates every formula
// of the written workbook; each result must equal the Decimal value the model computed.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, ROOT } from '../helpers/cli.js';
import { hyperFormulaMismatches as mismatches } from './hyperformula.js';
import { planModel } from './support.js';

const SMALL = join(__dirname, 'fixtures/small/model.yaml');

describe('HyperFormula recalculates the written workbook to the Decimal values', () => {
  it.each([
    ['the default IIJ workbook', DEFAULT_MODEL],
    ['the small fixture (cross-sheet links, quoted sheet names, zero and negative values)', SMALL],
    ['Photronics fiscal 2011 on the generic template (links, opening cash, its Tie-out sheet)', join(ROOT, 'data/photronics-fy2011.yaml')],
    ['the quarterly example (years as sums of quarters, opening balances)', join(ROOT, 'data/quarterly-example.yaml')],
    ['the tie-out edge cases (half units both ways, explained, failing, a changed input, nil figures)', join(ROOT, 'test/tieout/fixtures/edges/model.yaml')],
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
    // (named with the planned formula, C10-C11, whose value the file no longer computes)
    expect(wrong.find((w) => w.startsWith('IS Quarter!C12 =C10-C11: Decimal '))).toBeDefined();
    expect(wrong.length).toBeGreaterThan(1);
  });
});
