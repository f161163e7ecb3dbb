// The per-share and per-ADS checks compare the statements' figures with the figures the
// release prints (the model's printed: block), so each can fail: one input broken per check
// fails it in TypeScript, and in a workbook into which the same change is typed, once
// LibreOffice has recalculated it (the cached statuses still say OK until then).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { recalculateWithOffice, withOfficeSession } from '../../src/office/index.js';
import { DEFAULT_MODEL, runCli, tempDir } from '../helpers/cli.js';
import { describeWithOffice } from '../verify/office.js';
import type { InputRef } from './helpers.js';
import { computeOrThrow, editInputCells, failedInTypeScript, failedInWorkbook, readCheckStatus, statusCells, writeModelWithChangedInput } from './helpers.js';

interface Case {
  check: string;
  name: string;
  input: InputRef;
  delta: number;
  /** Every check row that fails, id@period (the tie-out fails too: a printed figure no longer ties). */
  fails: string[];
}

const CASES: Case[] = [
  {
    // 2,136,513,000 / 22,481 = 95,036.4 yen against the printed 95,041; per ADS 47.518 still
    // rounds to 47.52
    check: 'is_q_per_share',
    name: '4Q02 weighted average shares one share too many',
    input: { sheet: 'is_q', line: 'weighted_shares', period: '4Q02' },
    delta: 1,
    fails: ['is_q_per_share@4Q02', 'tie_out@'],
  },
  {
    // per share unchanged; every per-ADS figure moves by about 0.05%
    check: 'is_q_per_ads',
    name: 'ADS equivalents per share 2,001 instead of 2,000',
    input: { global: 'ads_per_share' },
    delta: 1,
    fails: ['is_q_per_ads@4Q02', 'is_q_per_ads@3Q02', 'is_q_per_ads@4Q01', 'is_y_per_ads@FY2002', 'is_y_per_ads@FY2001', 'tie_out@'],
  },
  {
    // net loss 20 thousand yen smaller: per share moves 0.89 yen (beyond half a yen), per ADS
    // 0.0004 yen (within half a sen); the cash flow links to the net loss, so its ending cash
    // no longer equals the balance sheet's
    check: 'is_y_per_share',
    name: 'fiscal 2002 other expenses 20 thousand yen smaller',
    input: { sheet: 'is_y', line: 'other_expenses', period: 'FY2002' },
    delta: 20,
    fails: ['cf_y_end_cash_mar03@FY2002', 'deficit_rollforward_fy2002@FY2002', 'is_y_per_share@FY2002', 'tie_out@'],
  },
  {
    // 7,446,135,000 / 22,481 = 331,219.0 yen (printed 331,234); per ADS 165.6095 (printed 165.62)
    check: 'is_y_per_ads',
    name: 'fiscal 2001 weighted average shares one share too many',
    input: { sheet: 'is_y', line: 'weighted_shares', period: 'FY2001' },
    delta: 1,
    fails: ['is_y_per_ads@FY2001', 'is_y_per_share@FY2001', 'tie_out@'],
  },
];

const dir = tempDir('finbook-per-share-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('per-share checks against the printed figures, in TypeScript', () => {
  it.each(CASES)('$check fails when $name', ({ check, input, delta, fails }) => {
    expect(computeOrThrow(DEFAULT_MODEL).results.checks.filter((c) => c.check.spec.id === check).every((c) => c.ok)).toBe(true);
    const broken = computeOrThrow(writeModelWithChangedInput(dir, input, delta, `${check}.yaml`));
    expect(failedInTypeScript(broken).sort()).toEqual([...fails].sort());
    expect(fails.some((f) => f.startsWith(`${check}@`))).toBe(true);
  });

  it('compare with the printed figure within half a unit of its last printed digit', () => {
    const { results } = computeOrThrow(DEFAULT_MODEL);
    const rows = results.checks.filter((c) => /^is_[qy]_per_(share|ads)$/.test(c.check.spec.id));
    expect(rows).toHaveLength(10);
    for (const r of rows) {
      expect(r.row.right.kind, r.check.spec.id).toBe('printed');
      if (r.row.right.kind !== 'printed') continue;
      const figure = r.row.right.figure;
      expect(figure.input, 'a per-share figure is derived').toBe(false);
      expect(r.check.spec.tolerance, `${r.check.spec.id}@${r.row.period}`).toBe(figure.unit.div(2).toNumber());
    }
  });
});

describeWithOffice('per-share checks after LibreOffice recalculates', () => {
  it(
    'fail in a workbook into which the four broken inputs are typed, exactly as in TypeScript',
    async () => {
      // one recalculation for the four cases (each LibreOffice run costs seconds): every one
      // of the four checks must fail, and every row that fails in TypeScript for the same
      // four changes, and nothing else
      let model = DEFAULT_MODEL;
      CASES.forEach((c, i) => (model = writeModelWithChangedInput(dir, c.input, c.delta, `all-${i}.yaml`, model)));
      const expected = failedInTypeScript(computeOrThrow(model)).sort();
      for (const c of CASES) expect(expected.some((f) => f.startsWith(`${c.check}@`)), c.check).toBe(true);

      const good = join(dir, 'good.xlsx');
      expect((await runCli(['export', DEFAULT_MODEL, '--out', good, '--quiet'])).code).toBe(0);
      const computed = computeOrThrow(DEFAULT_MODEL);
      const cells = statusCells(computed);
      const typed = join(dir, 'typed.xlsx');
      await editInputCells(computed, good, CASES, typed);
      // nothing recalculated yet: the cached statuses are the good workbook's
      expect(failedInWorkbook(await readCheckStatus(typed, cells))).toEqual([]);

      const recalculated = await withOfficeSession((s) => recalculateWithOffice(s, typed));
      const status = await readCheckStatus(recalculated, cells);
      expect(status.master).toBe('FAIL');
      expect(failedInWorkbook(status).sort()).toEqual(expected);
    },
    240_000,
  );
});
