// Models written for the generic template before the cash flow linked to the other
// statements (the cash flow's net income and every period's beginning cash typed in) keep
// loading: a typed figure that agrees with the link is a warning naming the value and what
// to do; one that disagrees is an error naming both figures.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

const OLD_CSV = join(__dirname, 'fixtures/before-links/photronics-fy2011.csv');

/** data/photronics-fy2011.yaml beside the CSV as it was written before the links. */
function oldModel(csv: string): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'photronics-fy2011.csv'), csv);
  const model = readFileSync(join(ROOT, 'data/photronics-fy2011.yaml'), 'utf8').replace('template: ../templates/generic.yaml', `template: ${JSON.stringify(join(ROOT, 'templates/generic.yaml'))}`);
  writeFileSync(join(dir, 'photronics-fy2011.yaml'), model);
  return join(dir, 'photronics-fy2011.yaml');
}

describe('a model written for the generic template before the links', () => {
  it('exports with every check OK and a warning per value that is now computed', async () => {
    const r = await runCli(['export', oldModel(readFileSync(OLD_CSV, 'utf8')), '--out', join(tempDir(), 'p.xlsx')]);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n')).toEqual([
      expect.stringMatching(/^warning: .*photronics-fy2011\.csv:28:1 values\.cf\.net_income: cf\.net_income is computed by the template \(is\.net_income\); the model's values for FY2011, FY2010 agree and are not needed: remove them$/),
      expect.stringMatching(/^warning: .*photronics-fy2011\.csv:44:1 values\.cf\.cash_beginning: cf\.cash_beginning is computed by the template \(opening\(bs\.cash\)\); the model's value for FY2011 agrees and is not needed: remove it$/),
    ]);
  });

  it('is refused (exit 2) when a typed figure disagrees with the statement it now links to, naming both', async () => {
    const csv = readFileSync(OLD_CSV, 'utf8').replace('cf.net_income,Net income,"20,208"', 'cf.net_income,Net income,"20,280"');
    const r = await runCli(['validate', oldModel(csv)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/photronics-fy2011\.csv:28:1 values\.cf\.net_income\.FY2011: cf\.net_income\[FY2011\] is computed by the template \(is\.net_income = 20208\), but the model gives 20280: remove the value, or correct the figures it is computed from/);
  });

  it('keeps the fixture as it was: net income and both beginning cash figures typed in', () => {
    const csv = readFileSync(OLD_CSV, 'utf8');
    expect(csv).toMatch(/^cf\.net_income,Net income,"20,208","25,082"$/m);
    expect(csv).toMatch(/^cf\.cash_beginning,.*,"98,945","88,539"$/m);
  });
});
