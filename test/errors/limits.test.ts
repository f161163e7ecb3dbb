// Table-driven tests of the helpers behind the messages: Excel's limits, CSV/terminal safety,
// safe file names, positions inside YAML scalars, carets, and issue order.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { defaultOutPath } from '../../src/cli/export.js';
import { cellTextProblem, definedNameProblem, forbiddenCharacter, formulaProblem, formulaShape, numberProblem, sheetNameProblem, significantDigits } from '../../src/compile/excel-limits.js';
import { caretLines, sortIssues } from '../../src/issues.js';
import { loadFile } from '../../src/model/load.js';
import { knownKeys } from '../../src/model/zod-messages.js';
import { modelSchema, templateSchema } from '../../src/model/schema.js';
import { csvField, csvRecord, neutraliseFormulaText, printable } from '../../src/plan/text-safety.js';
import { resolveInside, safeFileName } from '../../src/write/safe-path.js';
import { tempDir } from '../helpers/cli.js';

describe('sheet names (Excel: 1-31 characters, no [ ] : * ? / \\, no edge apostrophe, not History)', () => {
  it.each([
    ['Income Statement', undefined],
    ['x'.repeat(31), undefined],
    ["Bob's", undefined],
    ['', 'a sheet name cannot be empty'],
    ['x'.repeat(32), `sheet name "${'x'.repeat(32)}" is 32 characters; Excel allows at most 31`],
    ['P&L [2002]', `sheet name "P&L [2002]" contains '['; Excel forbids [ ] : * ? / \\`],
    ['Q1/Q2', `sheet name "Q1/Q2" contains '/'; Excel forbids [ ] : * ? / \\`],
    ['a:b', `sheet name "a:b" contains ':'; Excel forbids [ ] : * ? / \\`],
    ["'quoted", `sheet name "'quoted" cannot start or end with an apostrophe`],
    ["quoted'", `sheet name "quoted'" cannot start or end with an apostrophe`],
    ['history', '"history" is reserved by Excel (its change history) and cannot be a sheet name'],
    ['tab\there', 'sheet name "tab?here" contains a control character'],
  ])('%j', (name, problem) => expect(sheetNameProblem(name)).toBe(problem));
});

describe('defined names (Excel refuses names that read as cells or R1C1 references)', () => {
  it.each([
    ['fx_jpy_per_usd', undefined],
    ['unit_scale', undefined],
    ['fx1', 'reads as the cell FX1'],
    ['xfd1048576', 'reads as the cell XFD1048576'],
    ['xfe1', undefined], // beyond the last column XFD: not a cell
    ['r1c1', 'reads as an R1C1 cell reference'],
    ['r', 'reads as an R1C1 cell reference'],
    ['c12', 'reads as the cell C12'],
    ['true', 'reads as a boolean'],
    ['1abc', 'must start with a letter or _ and hold only letters, digits, _ and .'],
    ['n'.repeat(256), 'is 256 characters long (at most 255)'],
  ])('%j', (name, problem) => expect(definedNameProblem(name)).toBe(problem));
});

describe('cell text, formulas and numbers', () => {
  it.each([
    ['plain text', undefined],
    ['tab\tnew line\n', undefined],
    ['carriage\r', 'contains a carriage return (U+000D) at position 9, which a cell would turn into a line feed; write \\n for a line break'],
    ['M\u007fller', 'contains the control character U+007F (DEL) at position 2, which an Excel cell cannot keep'],
    ['bell\u0007', 'contains the control character U+0007 at position 5, which an Excel file cannot hold'],
    ['\u0000', 'contains the control character U+0000 at position 1, which an Excel file cannot hold'],
    ['x\uFFFE', 'contains the non-character U+FFFE at position 2, which an Excel file cannot hold'],
    ['half \uD800 pair', 'contains half a surrogate pair (U+D800) at position 6, which an Excel file cannot hold'],
    ['emoji \u{1F600} is fine', undefined],
    ['x'.repeat(32_767), undefined],
    ['x'.repeat(32_768), 'text is 32,768 characters; an Excel cell holds at most 32,767'],
  ])('text %#', (text, problem) => expect(cellTextProblem(text)).toBe(problem));

  it('counts the formula’s leading = against the 8,192-character limit', () => {
    expect(formulaProblem('A'.repeat(8_191))).toBeUndefined();
    expect(formulaProblem('A'.repeat(8_192))).toBe('formula is 8,193 characters; Excel allows at most 8,192');
    expect(forbiddenCharacter('SUM(A1)\u0001')).toEqual({ index: 7, codePoint: 'U+0001' });
  });

  it.each([
    ['C1+C2', 0, 0],
    ['SUM(C1:C4)', 1, 1],
    ['(C1+C2)*C3', 0, 0],
    ['IF(C2=0,0,C1/C2)', 1, 3],
    ['IFERROR(C1/(IF(C3=0,0,C2/C3)),0)', 2, 3],
    ['ROUND(SUM(C1,C2,C3,C4),2)+MAX(C1,0)', 2, 4],
    ['NOW()', 1, 0],
    [`IF(C1=0,"n/m (a(b(c",'Odd (sheet), name'!C1)`, 1, 3],
    [`'It''s (1)'!C1+SUM(C2)`, 1, 1],
    ['IF(A1,IF(A2,IF(A3,1,2),3),4)', 3, 3],
    [`SUM(${Array.from({ length: 256 }, (_, i) => `C${i + 1}`).join(',')})`, 1, 256],
  ])('formula %# nests functions %i deep, %i arguments at most', (formula, nesting, args) => expect(formulaShape(formula)).toEqual({ nesting, arguments: args }));

  it('refuses more than 64 nested functions and more than 255 arguments (Excel specifications and limits)', () => {
    const nested = (n: number): string => 'ABS('.repeat(n) + 'C1' + ')'.repeat(n);
    expect(formulaProblem(nested(64))).toBeUndefined();
    expect(formulaProblem(nested(65))).toBe('formula nests functions 65 levels deep (IF, IFERROR, SUM, ...); Excel allows at most 64');
    const args = (n: number): string => `SUM(${Array.from({ length: n }, (_, i) => `C${i + 1}`).join(',')})`;
    expect(formulaProblem(args(255))).toBeUndefined();
    expect(formulaProblem(args(256))).toBe('formula passes 256 arguments to one function; Excel allows at most 255');
  });

  it.each([
    [0, undefined],
    [1e308, undefined],
    [NaN, 'the value is NaN (not a number); Excel cannot store it'],
    [Infinity, 'the value is Infinity (too large for a double); Excel cannot store it'],
    [-Infinity, 'the value is -Infinity (too large for a double); Excel cannot store it'],
  ])('number %s', (n, problem) => expect(numberProblem(n)).toBe(problem));

  it.each([
    [118.07, 5],
    [3341255, 7],
    [1000, 1],
    [1e21, 1],
    [0.1 + 0.2, 17],
    [123456789012345, 15],
    [12345678901234567, 17],
    [-0.000123, 3],
    [0, 0],
  ])('%s has %i significant digits', (n, digits) => expect(significantDigits(n)).toBe(digits));
});

describe("CSV and terminal output (OWASP's CSV-injection rule)", () => {
  it.each([
    ['=HYPERLINK("http://example.invalid","x")', `"'=HYPERLINK(""http://example.invalid"",""x"")"`],
    ['+1+1', `"'+1+1"`],
    ['-2', `"'-2"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tTab', `"'\tTab"`],
    ['\rCR', `"'\rCR"`],
    ['Revenue, net', '"Revenue, net"'],
    ['a "quote"', '"a ""quote"""'],
    ['', '""'],
  ])('text %j', (text, field) => expect(csvField(text)).toBe(field));

  it('writes numbers as numbers (a negative number is not neutralised) and leaves gaps empty', () => {
    expect(csvRecord([-1200, 0.5, null, 'x', Number.NaN])).toBe('-1200,0.5,,"x",\r\n');
    expect(neutraliseFormulaText('Revenue')).toBe('Revenue');
  });

  it('shows control characters (terminal escapes) instead of sending them', () => {
    expect(printable('\u001b[31mred\u001b[0m')).toBe('\\u001b[31mred\\u001b[0m');
    expect(printable('tab\tand\nnew line')).toBe('tab\tand\nnew line');
  });
});

describe('file names derived from the model', () => {
  it.each([
    ['IIJI-4Q02', 'IIJI-4Q02'],
    ['../../etc/passwd', 'etc-passwd'],
    ['..', '_'],
    ['/abs/path', 'abs-path'],
    ['a\\b', 'a-b'],
    ['.hidden', 'hidden'],
    ['CON', '_CON'],
    ['nul.txt', '_nul.txt'],
    ['trailing. ', 'trailing'],
    ['bell\u0007name', 'bell-name'],
    ['x'.repeat(300), 'x'.repeat(180)],
  ])('%j -> %j', (text, name) => expect(safeFileName(text)).toBe(name));

  it('never resolve outside the output directory', () => {
    const out = resolve('/tmp/out');
    expect(resolveInside(out, 'book.xlsx')).toBe(join(out, 'book.xlsx'));
    expect(resolveInside(out, 'sub/book.xlsx')).toBe(join(out, 'sub/book.xlsx'));
    expect(resolveInside(out, '../book.xlsx')).toBeNull();
    expect(resolveInside(out, 'a/../../book.xlsx')).toBeNull();
    expect(resolveInside(out, '/etc/passwd')).toBeNull();
    expect(resolveInside(out, '.')).toBeNull();
  });

  it.each(['data/..yaml', 'data/.yaml', 'data/..\\..\\evil.yaml', 'data/CON.yaml'])('the default output for model %j stays in out/', (model) => {
    const path = defaultOutPath(model);
    expect(path.startsWith(`${resolve('out')}/`), path).toBe(true);
    expect(path.slice(resolve('out').length + 1)).not.toContain('/');
  });
});

describe('positions inside a YAML string (where a formula error is)', () => {
  const file = join(tempDir(), 'positions.yaml');
  writeFileSync(
    file,
    [
      'plain: revenue - * costs', // line 1
      'double: "revenue - * costs"', // line 2
      "single: 'it''s - * here'", // line 3
      'escaped: "a\\u00e9b - * c"', // line 4
      'block: |', // line 5
      '  revenue +', // line 6
      '    costs + *', // line 7
      'folded: >-', // line 8
      '  revenue +', // line 9
      '  costs + *', // line 10
      '',
    ].join('\n'),
  );
  const loaded = loadFile(file, z.record(z.string(), z.string()), 'the test file');
  if (!loaded.ok) throw new Error('fixture does not load');
  const at = (key: string, index: number): string => {
    const p = loaded.file.locateIn([key], index);
    return `${p.line}:${p.col}`;
  };

  it.each([
    ['plain', '*', '1:18'],
    ['double', '*', '2:20'],
    ['single', '*', '3:18'],
    ['escaped', '\u00e9', '4:12'],
    ['escaped', '*', '4:22'],
    ['block', '*', '7:13'],
    ['folded', '*', '10:11'],
  ])('%s: %j at %s', (key, ch, where) => {
    const value = loaded.file.value[key]!;
    expect(at(key, value.indexOf(ch))).toBe(where);
  });

  it('points just past the end for an error at the end of the formula', () => {
    expect(at('double', 'revenue - * costs'.length)).toBe('2:27');
  });
});

describe('carets and issue order', () => {
  it.each([
    ['revenue + * 2', 10, ['revenue + * 2', '          ^']],
    ['revenue +\n  costs +)\n', 19, ['  costs +)', '         ^']],
    ['(revenue\n  - costs\n', 19, ['  - costs', '         ^']],
  ])('%j at %i', (text, pos, lines) => expect(caretLines(text, pos)).toEqual(lines));

  it('sorts by file (in order of appearance), line and column; issues without a place go last', () => {
    const at = (file: string, line: number, col: number) => ({ code: 'cell_text' as const, message: `${file}:${line}:${col}`, source: { file, line, col } });
    const sorted = sortIssues([at('m', 9, 1), { code: 'cell_text', message: 'none' }, at('t', 2, 1), at('m', 3, 5), at('m', 3, 2)]);
    expect(sorted.map((i) => i.message)).toEqual(['m:3:2', 'm:3:5', 'm:9:1', 't:2:1', 'none']);
  });
});

describe('unknown-field suggestions come from the schema itself', () => {
  it.each([
    [modelSchema, ['entity'], ['name', 'ticker', 'currency', 'scale']],
    [modelSchema, ['periods', 0], ['id', 'label', 'kind', 'start', 'end', 'date']],
    [modelSchema, ['inputs', 'fx'], ['label', 'value', 'date', 'format', 'note']],
    [templateSchema, ['checks', 0], ['id', 'label', 'periods', 'left', 'right', 'tolerance', 'why']],
  ] as const)('%#: %j', (schema, path, keys) => {
    expect(knownKeys(schema, path)).toEqual(expect.arrayContaining([...keys]));
  });
});
