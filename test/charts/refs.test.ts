// Series formulas (c:f): neighbouring cells collapse into areas, others become a union in
// plotting order; sheet names are quoted by Excel's rules; cellsOf reads a formula back.
import { describe, expect, it } from 'vitest';
import { cellsOf, seriesFormula } from '../../src/write/charts/refs.js';
import type { CellAddress } from '../../src/layout/a1.js';

const at = (sheet: string, ref: string): CellAddress => {
  const m = /^([A-Z]+)([0-9]+)$/.exec(ref)!;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
  return { sheet, col: col - 1, row: Number(m[2]) };
};
const cells = (sheet: string, refs: string): CellAddress[] => refs.split(' ').map((r) => at(sheet, r));

describe('seriesFormula', () => {
  const cases: [string, string, string, string][] = [
    ['one cell', 'Data', 'C7', 'Data!$C$7'],
    ['a column run', 'IS Quarter', 'C7 C8 C9 C10', "'IS Quarter'!$C$7:$C$10"],
    ['a row run', 'IS Quarter', 'C7 D7 E7', "'IS Quarter'!$C$7:$E$7"],
    ['a gap in a column (a subtotal between)', 'IS Quarter', 'C7 C8 C10 C11', "('IS Quarter'!$C$7:$C$8,'IS Quarter'!$C$10:$C$11)"],
    ['periods in time order, columns not', 'IS Quarter', 'E7 H7 C7', "('IS Quarter'!$E$7,'IS Quarter'!$H$7,'IS Quarter'!$C$7)"],
    ['backwards neighbours stay separate areas', 'S', 'D7 C7', '(S!$D$7,S!$C$7)'],
    ['an apostrophe in the name is doubled', "Company's Balance", 'C7 C8', "'Company''s Balance'!$C$7:$C$8"],
    ['a name that reads as a cell is quoted', 'Q4', 'B2', "'Q4'!$B$2"],
    ['a run turning a corner starts a new area', 'S', 'C7 C8 D8', '(S!$C$7:$C$8,S!$D$8)'],
  ];
  it.each(cases)('%s', (_, sheet, refs, expected) => {
    expect(seriesFormula(cells(sheet, refs))).toBe(expected);
  });

  it.each(cases)('reads back to the same cells: %s', (_, sheet, refs) => {
    expect(cellsOf(seriesFormula(cells(sheet, refs)))).toEqual(cells(sheet, refs));
  });

  it('refuses cells on two sheets (Excel reads a series from one sheet)', () => {
    expect(() => seriesFormula([at('A', 'C7'), at('B', 'C8')])).toThrow(/one sheet/);
  });
});
