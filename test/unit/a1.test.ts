import { describe, expect, it } from 'vitest';
import { a1, columnLetters, excelRequiresQuotes, quoteSheetName } from '../../src/layout/a1.js';
import { sheetNameProblem } from '../../src/compile/excel-limits.js';
import { excelQuotedSheetNames } from '../helpers/excel-made.js';

describe('column letters', () => {
  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [51, 'AZ'],
    [52, 'BA'],
    [701, 'ZZ'],
    [702, 'AAA'],
    [16383, 'XFD'],
  ])('column %i is %s', (col, letters) => expect(columnLetters(col)).toBe(letters));
  it('absolute addresses', () => expect(a1(2, 7, true)).toBe('$C$7'));
});

describe('sheet names are quoted when Excel would misread them', () => {
  it.each([
    ['Data', 'Data'],
    ['Balance Sheet', "'Balance Sheet'"],
    ['FY2024', "'FY2024'"],
    ['Q4', "'Q4'"],
    ['A1', "'A1'"],
    ['R1C1', "'R1C1'"],
    ['R', "'R'"],
    ['C3', "'C3'"],
    ['TRUE', "'TRUE'"],
    ["Bob's", "'Bob''s'"],
    ['2024', "'2024'"],
    ['IS-Q', "'IS-Q'"],
    ['Checks', 'Checks'],
    ['Résumé', "'Résumé'"],
    ['Gewinn–Verlust€', "'Gewinn–Verlust€'"],
    ['Umsatz\u{1F4C8}', "'Umsatz\u{1F4C8}'"],
    ['Σύνοψη', "'Σύνοψη'"],
    ['損益計算書', "'損益計算書'"],
    ['Sh.eet.1', 'Sh.eet.1'],
    ['.5', "'.5'"],
    ['R12x', "'R12x'"],
    ['RC5', "'RC5'"],
    ['rc', "'rc'"],
    ['Rx', 'Rx'],
    ['XFE1', 'XFE1'],
    ['XFD1048576', "'XFD1048576'"],
    ['A1048577', 'A1048577'],
    ['Tab\u00A0Space', "'Tab\u00A0Space'"],
  ])('%s -> %s', (name, quoted) => expect(quoteSheetName(name)).toBe(quoted));
});

describe('sheet names Excel refuses', () => {
  it.each([
    ['', 'cannot be empty'],
    ['x'.repeat(32), 'at most 31'],
    ['a/b', "contains '/'"],
    ['a[1]', "contains '['"],
    ["'quoted", 'apostrophe'],
    ['History', 'reserved'],
    ['history', 'reserved'],
  ])('%j is refused', (name, message) => expect(sheetNameProblem(name)).toContain(message));
  it('a 31-character name is fine', () => expect(sheetNameProblem('x'.repeat(31))).toBeUndefined());
});

describe('sheet names are quoted where Excel quotes them (the Excel-made quote_name files)', () => {
  it('every sheet name of quote_name01-11 that Excel quotes in its chart series is quoted, and every ASCII one it writes bare is bare', () => {
    const seen = excelQuotedSheetNames();
    expect(seen.size).toBeGreaterThanOrEqual(20);
    for (const [name, written] of seen) {
      expect(excelRequiresQuotes(name), name).toBe(written.startsWith("'"));
      // finbook quotes a name beyond ASCII that Excel writes bare (Sheeté): HyperFormula needs it
      expect(quoteSheetName(name), name).toBe(/[^\x20-\x7e]/.test(name) ? `'${name.replace(/'/g, "''")}'` : written);
    }
  });
});
