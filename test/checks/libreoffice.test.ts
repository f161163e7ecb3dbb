// The Checks sheet's formulas, recalculated by LibreOffice (not our cached values), agree with
// TypeScript: the default export is all OK; one input wrong by one unit fails exactly the
// affected checks and the master check.
// Needs soffice: skipped without it, except under CI, where a missing soffice fails.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findSoffice, recalculateWithOffice, withOfficeSession } from '../../src/office/index.js';
import { DEFAULT_MODEL, runCli, tempDir } from '../helpers/cli.js';
import type { InputRef } from './helpers.js';
import { computeOrThrow, editInputCell, failedInTypeScript, failedInWorkbook, readCheckStatus, statusCells, writeModelWithChangedInput } from './helpers.js';

const runs = findSoffice() !== null || Boolean(process.env.CI);
const LO_TIMEOUT_MS = 240_000;

const CASH_MAR03: InputRef = { sheet: 'bs', line: 'cash', period: 'Mar03' };
// and the tie-out: total assets no longer equals its printed figure
const CASH_FAILS = ['bs_balances@Mar03', 'cf_q_end_cash_mar03@4Q02', 'cf_y_end_cash_mar03@FY2002', 'outlook_balances@FY2002', 'outlook_balances@FY2003E', 'tie_out@'];

describe.skipIf(!runs)('checks recalculated by LibreOffice', () => {
  it(
    'agree with TypeScript for the default model, for balance-sheet cash one unit off in the model, and for the same change typed into the workbook',
    async () => {
      const dir = tempDir();
      const broken = writeModelWithChangedInput(dir, CASH_MAR03, 1);
      const files = { good: join(dir, 'good.xlsx'), broken: join(dir, 'broken.xlsx'), typed: join(dir, 'typed.xlsx') };
      expect((await runCli(['export', DEFAULT_MODEL, '--out', files.good])).code).toBe(0);
      expect((await runCli(['export', broken, '--out', files.broken])).code).toBe(1);
      const good = computeOrThrow(DEFAULT_MODEL);
      const bad = computeOrThrow(broken);
      // typed into the good workbook: its cached statuses still say OK, so only a real
      // recalculation of the Checks formulas can turn them to FAIL
      await editInputCell(good, files.good, CASH_MAR03, 1, files.typed);
      expect(failedInWorkbook(await readCheckStatus(files.typed, statusCells(good)))).toEqual([]);

      const [goodBytes, badBytes, typedBytes] = await withOfficeSession(async (s) => [
        await recalculateWithOffice(s, files.good),
        await recalculateWithOffice(s, files.broken),
        await recalculateWithOffice(s, files.typed),
      ]);

      const goodStatus = await readCheckStatus(goodBytes!, statusCells(good));
      expect(goodStatus.master).toBe('OK');
      expect(failedInWorkbook(goodStatus)).toEqual([]);

      expect(failedInTypeScript(bad).sort()).toEqual(CASH_FAILS);
      for (const bytes of [badBytes!, typedBytes!]) {
        const status = await readCheckStatus(bytes, statusCells(bad));
        expect(status.master).toBe('FAIL');
        expect(failedInWorkbook(status).sort()).toEqual(CASH_FAILS);
      }
    },
    LO_TIMEOUT_MS,
  );
});
