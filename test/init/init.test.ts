// `finbook init` as a new user meets it: scaffold a model, see what is missing line by line,
// fill it in (in the YAML or in the CSV it wrote), export a workbook whose checks are all OK.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { fiscalYear } from '../../src/cli/init.js';
import { runBin, runCli, tempDir } from '../helpers/cli.js';

// The cash flow's net income is the income statement's, and opening cash after the first
// period is the balance sheet's: neither is asked for again.
const REQUIRED = ['is.revenue', 'is.income_tax', 'bs.cash', 'cf.cash_beginning'];

/** A small, consistent set of figures: the balance sheet balances and cash ties. Null: not asked for. */
const FIGURES: Record<string, [number, number | null]> = {
  'is.revenue': [900, 1000],
  'is.cost_of_revenue': [-500, -550],
  'is.income_tax': [-100, -110],
  'bs.cash': [400, 740],
  'bs.share_capital': [100, 100],
  'bs.retained_earnings': [300, 640],
  'cf.cash_beginning': [100, null],
};

/** `finbook init` for Acme Corp; `--name value` pairs in `extra` replace the defaults. */
function init(dir: string, ...extra: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const options: Record<string, string> = { '--template': 'generic', '--entity': 'Acme Corp', '--currency': 'USD', '--periods': 'FY2023,FY2024', '--out': join(dir, 'acme.yaml') };
  for (let i = 0; i < extra.length; i += 2) options[extra[i]!] = extra[i + 1]!;
  return runCli(['init', ...Object.entries(options).flat()]);
}

describe('finbook init', () => {
  it('writes every input line for every period with an empty value and a comment naming the line', async () => {
    const dir = tempDir();
    const r = await init(dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/wrote .*acme\.yaml: \d+ input lines \(4 required, \d+ optional\) for 2 periods/);
    const text = readFileSync(join(dir, 'acme.yaml'), 'utf8');
    expect(text).toMatch(/^ {4}revenue: +\{ FY2023: null, FY2024: null \} +# Revenue$/m);
    expect(text).toMatch(/^ {4}cash_beginning: +\{ FY2023: null \} +# Cash and cash equivalents, beginning of period \(FY2023 only: the template computes the other periods\)$/m);
    expect(text).not.toMatch(/^ {4}net_income:/m);
    expect(text).toMatch(/^ {4}research_development: +\{ FY2023: null, FY2024: null \} +# Research and development \(optional\)$/m);
    const model = parse(text) as { template: string; entity: Record<string, string>; periods: Record<string, string>[] };
    expect(model.entity).toEqual({ name: 'Acme Corp', currency: 'USD', scale: 'units' });
    expect(model.periods.map((p) => [p.id, p.start, p.end])).toEqual([
      ['FY2023', '2023-01-01', '2023-12-31'],
      ['FY2024', '2024-01-01', '2024-12-31'],
    ]);
  });

  it('then validate reports each missing required line (exit 2), in words, not a type error', async () => {
    const dir = tempDir();
    await init(dir);
    const r = await runCli(['validate', join(dir, 'acme.yaml')]);
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n').filter((l) => l.includes('has no value'));
    expect(lines.map((l) => /input line '([a-z_.]+)'/.exec(l)?.[1])).toEqual(REQUIRED);
    for (const l of lines.filter((x) => !x.includes('cash_beginning'))) expect(l).toMatch(/acme\.yaml:\d+:\d+ values\.\w+\.\w+: input line .* has no value for periods FY2023, FY2024$/);
    expect(lines.find((x) => x.includes('cash_beginning'))).toMatch(/input line 'cf\.cash_beginning' .* has no value for period FY2023 \(the template computes FY2024\)$/);
    expect(r.stderr).not.toMatch(/expected a number|invalid_type/);
  });

  it('exports a workbook with every check OK once the values are filled in', async () => {
    const dir = tempDir();
    await init(dir);
    const file = join(dir, 'acme.yaml');
    const model = parse(readFileSync(file, 'utf8')) as { values: Record<string, Record<string, Record<string, number | null>>> };
    for (const [key, [fy23, fy24]] of Object.entries(FIGURES)) {
      const [sheet, line] = key.split('.') as [string, string];
      model.values[sheet]![line] = fy24 === null ? { FY2023: fy23 } : { FY2023: fy23, FY2024: fy24 };
    }
    writeFileSync(file, stringify(model));
    const r = await runCli(['export', file, '--out', join(dir, 'acme.xlsx')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/4\/4 checks OK/);
  });

  it('with --csv writes a CSV to fill in and points the model at it', async () => {
    const dir = tempDir();
    const r = await init(dir, '--csv', join(dir, 'acme.csv'));
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'acme.yaml'), 'utf8')).toMatch(/^values_file: "acme\.csv"/m);
    const csv = readFileSync(join(dir, 'acme.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe('line,label,FY2023,FY2024');
    expect(csv).toContain('is.revenue,Revenue,,');
    expect(csv).toContain('is.research_development,Research and development (optional),,');
    const filled = csv.map((row) => {
      const key = row.split(',')[0]!;
      const f = FIGURES[key];
      return f ? row.replace(/,,$/, `,${f[0]},${f[1] ?? ''}`) : row;
    });
    writeFileSync(join(dir, 'acme.csv'), filled.join('\n'));
    const out = await runCli(['export', join(dir, 'acme.yaml'), '--out', join(dir, 'acme.xlsx')]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
  });

  it.each([
    ['an existing file without --force', (dir: string) => writeFileSync(join(dir, 'acme.yaml'), 'x'), [], /acme\.yaml exists already; choose another --out or add --force/],
    ['a currency that is not three letters', () => undefined, ['--currency', 'usd'], /--currency takes a three-letter code such as USD, got "usd"/],
    ['an unknown template', () => undefined, ['--template', 'genric'], /no template "genric" \(looked for .*templates\/genric\.yaml\)/],
    ['a bad fiscal year end', () => undefined, ['--year-end', '02-30'], /--year-end takes a month and day MM-DD/],
    ['a bad scale', () => undefined, ['--scale', 'lakhs'], /--scale takes one of units, thousands, millions, billions, got "lakhs"/],
  ])('refuses %s (exit 2)', async (_what, prepare, args, expected) => {
    const dir = tempDir();
    prepare(dir);
    const r = await init(dir, ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(expected);
  });

  it.each([
    ['FY2024', '12-31', '2024-01-01', '2024-12-31'],
    ['2024', '06-30', '2023-07-01', '2024-06-30'],
    ['FY2011', '10-30', '2010-10-31', '2011-10-30'],
  ])('fiscal year %s ending %s runs %s to %s', (id, yearEnd, start, end) => {
    expect(fiscalYear(id, yearEnd)).toEqual({ id, label: id, kind: 'year', start, end });
  });

  it('leaves the dates of a period it cannot read to the user, with a comment', async () => {
    const dir = tempDir();
    const r = await runCli(['init', '--entity', 'Acme', '--currency', 'EUR', '--periods', 'H1_2024', '--out', join(dir, 'a.yaml')]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toMatch(/- \{ id: H1_2024, label: "H1_2024", kind: year \} +# add start: YYYY-MM-DD, end: YYYY-MM-DD/);
  });

  it('works end to end through the built CLI, writing the template path relative to the model', () => {
    const dir = tempDir();
    const r = runBin(['init', '--entity', 'Acme Corp', '--currency', 'USD', '--periods', 'FY2023,FY2024', '--out', join(dir, 'data/acme.yaml')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'data/acme.yaml'))).toBe(true);
    const v = runBin(['validate', join(dir, 'data/acme.yaml')]);
    expect(v.code).toBe(2);
    expect(v.stderr).toMatch(/input line 'is\.revenue' \(Revenue\) has no value for periods FY2023, FY2024/);
  });
});
