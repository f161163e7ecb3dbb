// The default workbook's statements are linked, not typed twice: an edit to the statement of
// operations moves both cash-flow statements when LibreOffice recalculates the file (not our
// cached values), and beginning cash follows the balance sheet where the release has it.
// Needs soffice: skipped without it, except under CI, where a missing soffice fails.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { a1 } from '../../src/layout/a1.js';
import { findSoffice, recalculateWithOffice, withOfficeSession } from '../../src/office/index.js';
import { readXlsx } from '../../src/verify/read-xlsx.js';
import { computeOrThrow, editInputCell } from '../checks/helpers.js';
import { DEFAULT_MODEL, runCli, tempDir } from '../helpers/cli.js';

const runs = findSoffice() !== null || Boolean(process.env.CI);

describe('the default model', () => {
  const c = computeOrThrow(DEFAULT_MODEL);
  const cellOf = (sheet: string, line: string, period: string) => {
    const l = c.program.sheetById.get(sheet)!.lines.get(line)!;
    return { at: c.layout.address(l, period), index: l.table.periodIndex.get(period)! };
  };

  it('links, on both cash-flow sheets, net loss, equity-method loss and minority interests to the statements of operations', async () => {
    const out = join(tempDir(), 'iij.xlsx');
    expect((await runCli(['export', DEFAULT_MODEL, '--out', out])).code).toBe(0);
    const wb = readXlsx(readFileSync(out));
    const formula = (sheet: string, line: string, period: string): string | null => {
      const { at } = cellOf(sheet, line, period);
      return wb.sheets.find((s) => s.name === at.sheet)!.cells.get(a1(at.col, at.row))!.formula;
    };
    const ref = (sheet: string, line: string, period: string): string => {
      const { at } = cellOf(sheet, line, period);
      return `'${at.sheet}'!${a1(at.col, at.row)}`;
    };
    expect(formula('cf_q', 'net_loss', '4Q02')).toBe(ref('is_q', 'net_loss', '4Q02'));
    expect(formula('cf_q', 'equity_method_loss', '3Q02')).toBe(`-${ref('is_q', 'equity_method_loss', '3Q02')}`);
    expect(formula('cf_q', 'minority_interests', '4Q01')).toBe(`-${ref('is_q', 'minority_interests', '4Q01')}`);
    expect(formula('cf_y', 'net_loss', 'FY2001')).toBe(ref('is_y', 'net_loss', 'FY2001'));
    // beginning cash: the balance sheet the day before the period starts, where the release has it
    expect(formula('cf_q', 'cash_beginning', '4Q02')).toBe(ref('bs', 'cash', 'Dec02'));
    expect(formula('cf_y', 'cash_beginning', 'FY2002')).toBe(ref('bs', 'cash', 'Mar02'));
    expect(formula('cf_q', 'cash_beginning', '3Q02')).toBeNull();
    expect(formula('cf_y', 'cash_beginning', 'FY2001')).toBeNull();
  });

  (runs ? it : it.skip)(
    'moves both cash-flow statements when the statements of operations are edited and LibreOffice recalculates',
    async () => {
      const dir = tempDir();
      const good = join(dir, 'good.xlsx');
      expect((await runCli(['export', DEFAULT_MODEL, '--out', good])).code).toBe(0);
      // income tax one million yen (1,000 thousand) higher in 4Q02 and in fiscal 2002
      const taxQ = join(dir, 'tax-q.xlsx');
      const edited = join(dir, 'edited.xlsx');
      await editInputCell(c, good, { sheet: 'is_q', line: 'income_tax', period: '4Q02' }, 1000, taxQ);
      await editInputCell(c, taxQ, { sheet: 'is_y', line: 'income_tax', period: 'FY2002' }, 1000, edited);
      const bytes = await withOfficeSession((s) => recalculateWithOffice(s, edited));
      const wb = readXlsx(bytes);
      const value = (sheet: string, line: string, period: string): unknown => {
        const { at } = cellOf(sheet, line, period);
        return wb.sheets.find((s) => s.name === at.sheet)!.cells.get(a1(at.col, at.row))!.value;
      };
      const before = (sheet: string, line: string, period: string): number => c.results.cellValue(c.program.sheetById.get(sheet)!.lines.get(line)!, period);
      for (const [sheet, period] of [['cf_q', '4Q02'], ['cf_y', 'FY2002']] as const) {
        expect(value(sheet, 'net_loss', period)).toBe(before(sheet, 'net_loss', period) - 1000);
        expect(value(sheet, 'net_cash_operating', period)).toBe(before(sheet, 'net_cash_operating', period) - 1000);
        expect(value(sheet, 'cash_end', period)).toBe(before(sheet, 'cash_end', period) - 1000);
      }
      // the other periods do not move
      expect(value('cf_q', 'net_loss', '3Q02')).toBe(before('cf_q', 'net_loss', '3Q02'));
      expect(value('cf_y', 'net_loss', 'FY2001')).toBe(before('cf_y', 'net_loss', 'FY2001'));
    },
    240_000,
  );
});
