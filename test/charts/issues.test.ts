// Mistakes in a template's charts are reported like any template mistake: file:line:col,
// the dotted path and what is wrong, exit code 2, nothing written.
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const FIXTURE = join(__dirname, 'fixtures/basic');
const TEMPLATE = readFileSync(join(FIXTURE, 'template.yaml'), 'utf8');
const SHEETS = TEMPLATE.slice(0, TEMPLATE.indexOf('\ncharts:\n'));

/** The fixture with its charts replaced by `charts` (YAML under `charts:`), and `rename` applied to the sheets. */
function fixtureWith(charts: string, rename: [string, string] = ['', '']): { model: string; template: string } {
  const dir = tempDir('finbook-charts-');
  copyFileSync(join(FIXTURE, 'model.yaml'), join(dir, 'model.yaml'));
  const template = join(dir, 'template.yaml');
  writeFileSync(template, `${rename[0] ? SHEETS.replace(rename[0], rename[1]) : SHEETS}\ncharts:\n${charts}`);
  return { model: join(dir, 'model.yaml'), template };
}

const chart = (extra: string, base = 'type: column\n    title: "T"\n    lines: [is_q.dedicated_access]\n    periods: [4Q02]'): string => `  - id: c\n    ${base}\n    ${extra}\n`;

describe('chart mistakes', () => {
  const cases: [string, string, string, RegExp][] = [
    ['an unknown line, with a suggestion', chart('', 'type: column\n    title: "T"\n    lines: [is_q.dedicated_acess]\n    periods: [4Q02]'), 'charts[0].lines[0]', /unknown line 'dedicated_acess' in sheet 'is_q' \(did you mean 'dedicated_access'\?\)/],
    ['an unknown sheet', chart('', 'type: column\n    title: "T"\n    lines: [isq.dedicated_access]\n    periods: [4Q02]'), 'charts[0].lines[0]', /unknown sheet 'isq' \(did you mean 'is_q'\?\)/],
    ['an unknown period', chart('', 'type: column\n    title: "T"\n    lines: [is_q.dedicated_access]\n    periods: [4Q03]'), 'charts[0].periods[0]', /period '4Q03' is not in the model/],
    ['a period the line has no column for', chart('', 'type: column\n    title: "T"\n    lines: [bs.cash]\n    periods: [4Q02]'), 'charts[0].periods[0]', /bs\.cash \(lines\[0\]\) has no value column for period '4Q02'/],
    ['a pie with two series', chart('series: lines', 'type: pie\n    title: "T"\n    lines: [is_q.dedicated_access, is_q.dialup_access]\n    periods: [4Q02]'), 'charts[0].lines', /a pie shows one series; this one would show 2 \(one per line\)/],
    ['series over lines of two sheets', chart('series: periods', 'type: column\n    title: "T"\n    lines: [is_q.dedicated_access, bs.cash]\n    periods: [Mar03]'), 'charts[0].lines', /must then all be on one sheet/],
    ['percent labels on a column chart', chart('data_labels: percent'), 'charts[0].data_labels', /percent labels are for pie and doughnut charts/],
    ['a misspelt format name', chart('y_axis: { format: percnt }'), 'charts[0].y_axis.format', /unknown number format 'percnt': expected one of amount, .*, or an Excel format code/],
    ['an anchor outside the sheet', chart('anchor: XFE1'), 'charts[0].anchor', /cell XFE1 is outside the sheet/],
    ['an unknown placement sheet', chart('sheet: cashflow'), 'charts[0].sheet', /unknown sheet 'cashflow'/],
    ['a duplicate id', `${chart('')}${chart('')}`, 'charts[1].id', /duplicate chart id 'c'/],
    ['an unknown chart type', chart('', 'type: bar3d\n    title: "T"\n    lines: [is_q.dedicated_access]\n    periods: [4Q02]'), 'charts[0].type', /expected one of "column", "stacked_column", "line", "pie", "doughnut", got "bar3d"/],
    ['an unknown field', chart('colour: red'), 'charts[0].colour', /unknown field 'colour'/],
  ];

  it.each(cases)('%s', async (_, charts, path, message) => {
    const f = fixtureWith(charts);
    const out = join(f.model, '../out.xlsx');
    const r = await runCli(['export', f.model, '--out', out]);
    expect(r.code).toBe(2);
    const line = r.stderr.split('\n').find((l) => l.includes(` ${path}: `));
    expect(line, r.stderr).toBeDefined();
    expect(line).toMatch(message);
    // points into the template file at a real line
    expect(line).toMatch(new RegExp(`^${f.template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+ `));
    expect(existsSync(out)).toBe(false);
  });

  it('reports a statement sheet named Charts, which the charts need', async () => {
    const f = fixtureWith(chart(''), ['name: "IS Quarter"', 'name: "charts"']);
    const r = await runCli(['validate', f.model]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sheets\[0\]\.name: sheet name 'charts' is taken by the Charts sheet/);
  });

  it('lets a statement sheet be named Charts when no chart needs the Charts sheet', async () => {
    // beside a table, with categories from statement label cells: nothing goes on the Charts sheet
    const f = fixtureWith(chart('sheet: is_q', 'type: doughnut\n    title: "T"\n    lines: [is_q.dedicated_access, is_q.dialup_access]\n    periods: [4Q02]'), ['name: "IS Quarter"', 'name: "Charts"']);
    const r = await runCli(['validate', f.model]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
