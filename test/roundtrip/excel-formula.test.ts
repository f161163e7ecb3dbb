// Reading formula text as other programs save it: references, canonical spelling, anchors.
import { describe, expect, it } from 'vitest';
import { anchorReferences, formulaPieces, parseReference } from '../../src/roundtrip/excel-formula.js';
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
