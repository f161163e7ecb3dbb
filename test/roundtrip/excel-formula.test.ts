// Reading formula text as other programs save it: references, canonical spelling, anchors.
import { describe, expect, it } from 'vitest';
import { anchorReferences, expandSharedFormulas, formulaPieces, parseReference, shiftFormula } from '../../src/roundtrip/excel-formula.js';
import type { ReadCell, ReadWorkbook } from '../../src/verify/read-xlsx.js';
import { literalFormula } from '../../src/roundtrip/formula-identity.js';

describe('parseReference', () => {
  it.each([
    ['C10', { kind: 'cell', sheet: null, col: 2, row: 10 }],
    ['$C$10', { kind: 'cell', sheet: null, col: 2, row: 10 }],
    ["'IS Quarter'!C18", { kind: 'cell', sheet: 'IS Quarter', col: 2, row: 18 }],
    ["'Bob's'!A1", { kind: 'cell', sheet: "Bob's", col: 0, row: 1 }],
    ['Checks!G6', { kind: 'cell', sheet: 'Checks', col: 6, row: 6 }],
    ['C11:C14', { kind: 'area', sheet: null, from: { col: 2, row: 11 }, to: { col: 2, row: 14 } }],
    ["'Balance Sheet'!$A$1:$B$2", { kind: 'area', sheet: 'Balance Sheet', from: { col: 0, row: 1 }, to: { col: 1, row: 2 } }],
    ['$1:$7', { kind: 'rows', sheet: null, from: 1, to: 7 }],
    ['Sheet1!A:C', { kind: 'cols', sheet: 'Sheet1', from: 0, to: 2 }],
    ['fx_jpy_per_usd', { kind: 'name', sheet: null, name: 'fx_jpy_per_usd' }],
    ['#REF!', { kind: 'deleted', sheet: null }],
    ["'IS Q'!#REF!", { kind: 'deleted', sheet: 'IS Q' }],
  ])('%s', (text, expected) => {
    expect(parseReference(text)).toEqual(expected);
  });
});

describe('canonical formula text', () => {
  // pairs that compute the same thing, spelled as different programs spell them
  it.each([
    ['SUM(C11:C14)', 'sum( C11 : C14 )'.replace(' : ', ':')],
    ['IF(C18=0,0,C10/C18)', 'if(C18 = 0, 0, C10/C18)'],
    ['_xlfn.IFERROR(A1,0)', 'IFERROR(A1,0)'],
    ["'IS Quarter'!C18", "'is quarter'!$C$18"],
    ['Checks!G6', "'Checks'!G6"],
    ['1.50+A1', '1.5+A1'],
    ['IF(ABS(E9)<=F9,"OK","FAIL")', 'IF(ABS(E9)<=F9,"OK","FAIL")'],
  ])('%s reads as %s', (a, b) => {
    expect(literalFormula(a, 'IS Quarter')).toBe(literalFormula(b, 'IS Quarter'));
  });

  it.each([
    ['SUM(C11:C14)', 'SUM(C11:C15)'],
    ['C10-C11', 'C10+C11'],
    ['IF(A1=0,"OK","FAIL")', 'IF(A1=0,"ok","FAIL")'],
    ["'IS Quarter'!C18", "'IS Annual'!C18"],
    ['C18', "'IS Annual'!C18"],
  ])('%s differs from %s', (a, b) => {
    expect(literalFormula(a, 'IS Quarter')).not.toBe(literalFormula(b, 'IS Quarter'));
  });

  it('keeps strings with doubled quotes as Excel writes them', () => {
    expect(formulaPieces('A1&"say ""hi"""')).toEqual([{ kind: 'ref', ref: { kind: 'cell', sheet: null, col: 0, row: 1 } }, { kind: 'text', text: '&"say ""hi"""' }]);
  });
});

describe('anchorReferences', () => {
  it('reads each argument of an anchor in order, a deleted cell as #REF! in its place', () => {
    expect(anchorReferences("COUNTA('IS Q'!C13,#REF!,'IS Q'!E13)")).toEqual([
      { kind: 'cell', sheet: 'IS Q', col: 2, row: 13 },
      { kind: 'deleted', sheet: null },
      { kind: 'cell', sheet: 'IS Q', col: 4, row: 13 },
    ]);
    expect(anchorReferences("COUNTA('IS Quarter'!#REF!,Inputs!B7)")).toEqual([
      { kind: 'deleted', sheet: 'IS Quarter' },
      { kind: 'cell', sheet: 'Inputs', col: 1, row: 7 },
    ]);
  });

  it.each(['SUM(A1,B2)', 'COUNTA(A1,,B2)', 'COUNTA(A1)+1', 'COUNTA(A1 B2)', 'A1'])('refuses %s (not an anchor)', (f) => {
    expect(anchorReferences(f)).toBeNull();
  });
});

describe('shared formulas (a range Excel filled): each follower reads as the first cell moved', () => {
  it.each([
    ['B11+B12', 0, 2, 'D11+D12'],
    ['SUM(C11:C14)', 1, 0, 'SUM(C12:C15)'],
    ['$C$18*C11', 3, 1, '$C$18*D14'],
    ['C$18*$C11', 3, 1, 'D$18*$C14'],
    ["'IS Quarter'!C18/fx_jpy_per_usd", 0, 1, "'IS Quarter'!D18/fx_jpy_per_usd"],
    ["'Bob''s'!A1", 1, 1, "'Bob''s'!B2"],
    ['IF(A1=0,"A1",A1)', 1, 0, 'IF(A2=0,"A1",A2)'],
    ['A1', -1, 0, '#REF!'],
  ])('%s moved by (%i, %i) is %s', (formula, dr, dc, expected) => {
    expect(shiftFormula(formula, dr, dc)).toBe(expected);
  });

  it('expands the followers of each group on each sheet, and leaves other formulas alone', () => {
    const cell = (ref: string, formula: string, sharedIndex?: string): ReadCell => {
      const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
      return { ref, row: Number(m[2]), col: m[1]!.charCodeAt(0) - 65, formula, value: null, ...(sharedIndex ? { sharedIndex } : {}) };
    };
    const cells = [cell('B13', 'B11+B12', '0'), cell('C13', '(shared formula 0)'), cell('D13', '(shared formula 0)'), cell('E13', 'E11-E12'), cell('B20', '(shared formula 7)')];
    const wb: ReadWorkbook = { sheets: [{ name: 'Results', cells: new Map(cells.map((c) => [c.ref, c])) }], definedNames: [] };
    expandSharedFormulas(wb);
    expect(cells.map((c) => c.formula)).toEqual(['B11+B12', 'C11+C12', 'D11+D12', 'E11-E12', '(shared formula 7)']);
  });
});
