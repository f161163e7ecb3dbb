// One input wrong by a single unit makes exactly the checks that read it fail: in
// TypeScript (`finbook validate`), and in the workbook `finbook export` still writes.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import type { InputRef } from './helpers.js';
import { computeOrThrow, failedInTypeScript, failedInWorkbook, readCheckStatus, statusCells, writeModelWithChangedInput } from './helpers.js';

interface Case {
  name: string;
  input: InputRef;
  delta: number;
  /** id@period -> difference (left - right) the failed row shows. */
  fails: Record<string, number>;
}

const CASES: Case[] = [
  {
    // Total assets move with cash; the cash flows' ending cash no longer equals it. The outlook
    // starts from the same balance sheet, so it is out of balance by the same thousand. On the
    // Tie-out sheet cash (an input that no longer equals its printed figure), total current
    // assets and total assets fail: 528 of 531 printed figures tie.
    name: 'balance-sheet cash at Mar 31, 2003 one thousand yen too high',
    input: { sheet: 'bs', line: 'cash', period: 'Mar03' },
    delta: 1,
    fails: { 'bs_balances@Mar03': 1, 'cf_q_end_cash_mar03@4Q02': -1, 'cf_y_end_cash_mar03@FY2002': -1, 'outlook_balances@FY2002': 1, 'outlook_balances@FY2003E': 1, 'tie_out@': -3 },
  },
  {
    // The statement's 4Q02 net loss grows by one. The cash flow links to it and adds the
    // equity-method loss back (also a link), so cash does not move; the accumulated deficit
    // no longer rolls forward. Net loss per share (95,040.66 yen) still rounds to the printed
    // 95,041; the printed net loss (on both statements), the printed add-back and the input
    // itself no longer tie.
    name: "4Q02 equity in net loss of investees one thousand yen larger",
    input: { sheet: 'is_q', line: 'equity_method_loss', period: '4Q02' },
    delta: -1,
    fails: { 'deficit_rollforward_4q02@4Q02': -1, 'tie_out@': -4 },
  },
  {
    // Ending cash of 3Q02 follows its beginning cash; the Dec 31, 2002 balance sheet and the
    // printed beginning and ending cash disagree.
    name: '3Q02 beginning cash one thousand yen too high',
    input: { sheet: 'cf_q', line: 'cash_beginning', period: '3Q02' },
    delta: 1,
    fails: { 'cf_q_end_cash_dec02@3Q02': 1, 'tie_out@': -2 },
  },
];

interface JsonCheck {
  id: string;
  period: string | null;
  difference: string;
  ok: boolean;
}

describe('a model with one input wrong by one unit', () => {
  for (const c of CASES) {
    it(`${c.name}: exactly ${Object.keys(c.fails).join(', ')} fail in TypeScript, and validate exits 1`, async () => {
      const model = writeModelWithChangedInput(tempDir(), c.input, c.delta);
      expect(failedInTypeScript(computeOrThrow(model)).sort()).toEqual(Object.keys(c.fails).sort());

      const r = await runCli(['validate', model, '--json']);
      expect(r.code).toBe(1);
      const report = JSON.parse(r.stdout) as { ok: boolean; checks: JsonCheck[] };
      expect(report.ok).toBe(false);
      const failed = Object.fromEntries(report.checks.filter((x) => !x.ok).map((x) => [`${x.id}@${x.period ?? ''}`, Number(x.difference)]));
      expect(failed).toEqual(c.fails);
    });
  }

  const cash = CASES[0]!;

  it('finbook validate prints the table with FAIL on exactly the affected rows', async () => {
    const model = writeModelWithChangedInput(tempDir(), cash.input, cash.delta);
    const r = await runCli(['validate', model]);
    expect(r.code).toBe(1);
    const failRows = r.stdout.split('\n').filter((l) => l.startsWith('FAIL'));
    expect(failRows).toHaveLength(6);
    expect(failRows.some((l) => /^FAIL\s+bs_balances\s+Mar03\s+39,219,389\s+39,219,388\s+1\s+0$/.test(l))).toBe(true);
    expect(failRows.some((l) => /^FAIL\s+cf_q_end_cash_mar03\s+4Q02\s+3,588,352\s+3,588,353\s+-1\s+0$/.test(l))).toBe(true);
    expect(failRows.some((l) => /^FAIL\s+cf_y_end_cash_mar03\s+FY2002\s+3,588,352\s+3,588,353\s+-1\s+0$/.test(l))).toBe(true);
    expect(failRows.some((l) => /^FAIL\s+outlook_balances\s+FY2003E\s+39,719,441(\.\d+)?\s+39,719,440(\.\d+)?\s+1\s+0\.001$/.test(l))).toBe(true);
    expect(failRows.some((l) => /^FAIL\s+tie_out\s+528\s+531\s+-3\s+0$/.test(l))).toBe(true);
    // and the printed figures that no longer tie, with what the workbook computes
    expect(r.stdout).toContain('3 printed figures do not tie to the workbook and have no reason (Tie-out sheet):');
    expect(r.stdout).toMatch(/^bs\.total_assets\s+value\s+Mar03\s+39,219,388\s+39,219,389\.00\s+1$/m);
    expect(r.stdout).toMatch(/^\d+ of \d+ checks OK, 6 failed$/m);
  });

  it('finbook export still writes the workbook, lists the failed checks with their differences and exits 1', async () => {
    const dir = tempDir();
    const model = writeModelWithChangedInput(dir, cash.input, cash.delta);
    const out = join(dir, 'broken.xlsx');
    const r = await runCli(['export', model, '--out', out]);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(true);
    expect(r.stdout).toMatch(/^wrote .*broken\.xlsx \(\d+ sheets, (\d+)\/\d+ checks OK\)$/);
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe('6 checks failed:');
    const listed = lines.filter((l) => /^\s+FAIL\s/.test(l)).map((l) => l.trim().split(/\s+/));
    // status, id, period (none for the tie-out), left, right, difference, tolerance
    const row = (f: string[]): string => (f.length === 7 ? `${f[1]}@${f[2]}=${f[5]}` : `${f[1]}@=${f[4]}`);
    expect(listed.map(row).sort()).toEqual(['bs_balances@Mar03=1', 'cf_q_end_cash_mar03@4Q02=-1', 'cf_y_end_cash_mar03@FY2002=-1', 'outlook_balances@FY2002=1', 'outlook_balances@FY2003E=1', 'tie_out@=-3']);

    // the written file's cached statuses say the same, and the master check says FAIL
    const status = await readCheckStatus(out, statusCells(computeOrThrow(model)));
    expect(status.master).toBe('FAIL');
    expect(failedInWorkbook(status).sort()).toEqual(Object.keys(cash.fails).sort());
  });
});
