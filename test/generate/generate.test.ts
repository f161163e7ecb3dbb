// `finbook generate`: synthetic models of a requested size, with the structure of real
// statements, reproducible from their options, that export cleanly and recalculate in an
// independent engine to the values finbook caches.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateModel } from '../../src/generate/generate.js';
import { a1 } from '../../src/layout/a1.js';
import { formatValue, sameValue } from '../../src/verify/compare.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { plannedAsRead, recalculateWithHyperFormula } from '../verify/hyperformula.js';
import { planModel } from '../verify/support.js';

const dir = tempDir('finbook-generate-');

async function generate(name: string, ...args: string[]): Promise<{ model: string; template: string; stdout: string }> {
  const out = join(dir, name);
  const r = await runCli(['generate', ...args, '--out', out]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return { model: out, template: out.replace(/\.(yaml|yml|json)$/, '.template.yaml'), stdout: r.stdout };
}

describe('finbook generate writes a model and its template', () => {
  it('names the template <model stem>.template.yaml next to the model, and the model points at it', async () => {
    const g = await generate('acme.yaml', '--lines', '20', '--periods', '3');
    expect(readFileSync(g.model, 'utf8')).toMatch(/^template: acme\.template\.yaml$/m);
    expect(readFileSync(g.template, 'utf8')).toMatch(/^finbook_template: 1$/m);
    expect(g.stdout).toMatch(/wrote .*acme\.yaml and its template .*acme\.template\.yaml \(\d[\d,]* numeric cells\)/);
  });

  it('gives the same bytes for the same options and other values for another seed', async () => {
    const a = await generate('a.yaml', '--lines', '30', '--periods', '14', '--seed', '7');
    const b = await generate('b.yaml', '--lines', '30', '--periods', '14', '--seed', '7');
    const c = await generate('c.yaml', '--lines', '30', '--periods', '14', '--seed', '8');
    const model = (p: string): string => readFileSync(p, 'utf8').replace(/template: \w+\.template\.yaml/, '');
    expect(model(a.model)).toBe(model(b.model));
    expect(readFileSync(a.template, 'utf8')).toBe(readFileSync(b.template, 'utf8'));
    expect(model(a.model)).not.toBe(model(c.model));
  });

  it('writes JSON when the model name ends in .json, with the same content as YAML', async () => {
    const y = await generate('same.yaml', '--lines', '12', '--periods', '4', '--sheets', '2');
    const j = await generate('same.json', '--lines', '12', '--periods', '4', '--sheets', '2');
    const json = JSON.parse(readFileSync(j.model, 'utf8')) as { values: unknown; periods: unknown };
    const yamlPlan = planModel(y.model);
    const jsonPlan = planModel(j.model);
    expect(json.periods).toHaveLength(4);
    expect(JSON.stringify(jsonPlan.sheets.map((s) => s.rows.map((r) => r.cells)))).toBe(JSON.stringify(yamlPlan.sheets.map((s) => s.rows.map((r) => r.cells))));
  });

  it('counts exactly the numeric cells the workbook gets, lines x (periods + share + change) per sheet', async () => {
    const g = await generate('count.json', '--lines', '25', '--periods', '13', '--sheets', '3');
    const planned = planModel(g.model);
    const numeric = planned.sheets
      .filter((s) => s.kind === 'statement')
      .flatMap((s) => s.rows.flatMap((r) => r.cells))
      .filter((c) => c.kind !== 'text').length;
    expect(g.stdout).toContain(`(${numeric.toLocaleString('en-US')} numeric cells)`);
    // the ratio line (a percent) shows in value columns only
    expect(numeric).toBe(3 * 25 * 15 - 2 * 2);
  });
});

describe('a generated model has the structure of real statements', () => {
  const g = generateModel({ lines: 60, periods: 14, sheets: 3, seed: 3 });
  const sheets = g.template.sheets;

  it('has the requested number of lines with ids on every sheet', () => {
    for (const s of sheets) expect(s.lines!.filter((l) => l.id).length).toBe(60);
  });

  it('has leaf inputs with values for every month, subtotals over ranges and totals of subtotals', () => {
    const lines = sheets[0]!.lines!;
    const leaves = lines.filter((l) => l.id && !l.formula);
    expect(leaves.length).toBeGreaterThan(30);
    for (const l of leaves) expect(Object.keys(g.values.s1![l.id!]!)).toHaveLength(14);
    expect(lines.filter((l) => /^sum\(\w+:\w+\)$/.test(l.formula ?? '')).length).toBeGreaterThan(3);
    expect(lines.find((l) => l.id === 'total')!.formula).toMatch(/^sum\(sec1(, sec\d+)*\)$/);
  });

  it('links each sheet after the first to the previous sheet, with a guarded ratio', () => {
    expect(sheets[1]!.lines!.find((l) => l.id === 'from_prev')!.formula).toBe('s1.total');
    expect(sheets[2]!.lines!.find((l) => l.id === 'from_prev')!.formula).toBe('s2.total');
    expect(sheets[2]!.lines!.find((l) => l.id === 'ratio')!.formula).toBe('total / from_prev');
  });

  it('ends every sheet with a share column and a year-over-year change column', () => {
    const cols = sheets[0]!.columns!;
    expect(cols.slice(-2)).toMatchObject([
      { kind: 'share', period: 'M2001_02', of: 'total' },
      { kind: 'change', period: 'M2001_02', base: 'M2000_02' },
    ]);
  });
});

describe('a generated workbook recalculates to the cached values', () => {
  it('in HyperFormula: every formula cell of a 3-sheet model within a relative 1e-9', async () => {
    const g = await generate('recalc.json', '--lines', '40', '--periods', '15', '--seed', '11');
    const planned = planModel(g.model);
    const again = recalculateWithHyperFormula(plannedAsRead(planned));
    const wrong: string[] = [];
    let checked = 0;
    for (const sheet of planned.sheets)
      for (const row of sheet.rows)
        for (const cell of row.cells) {
          if (cell.kind !== 'formula') continue;
          checked++;
          const got = again.get(sheet.name)?.get(a1(cell.col, row.row)) ?? null;
          if (!sameValue(cell.value, got)) wrong.push(`${sheet.name}!${a1(cell.col, row.row)} =${cell.formula}: ${formatValue(cell.value)} vs ${formatValue(got)}`);
        }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(300);
  });
});

describe('finbook generate reports usage mistakes with exit code 2', () => {
  it.each([
    [['--lines', '3', '--periods', '4'], /--lines must be a whole number from 7 to 100,000, got 3/],
    [['--lines', '10', '--periods', '0'], /--periods must be a whole number from 1 to 16,000, got 0/],
    [['--lines', '10', '--periods', '2.5'], /--periods must be a whole number/],
    [['--lines', 'ten', '--periods', '2'], /--lines must be a whole number from 7 to 100,000, got NaN/],
    [['--lines', '10', '--periods', '2', '--sheets', '51'], /--sheets must be a whole number from 1 to 50/],
  ])('%j', async (args, message) => {
    const r = await runCli(['generate', ...args, '--out', join(dir, 'x.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('asks for a model extension', async () => {
    const r = await runCli(['generate', '--lines', '10', '--periods', '2', '--out', join(dir, 'model.txt')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--out must end in .yaml, .yml or .json');
  });

  it('reports a directory it cannot create with exit code 3', async () => {
    const blocker = join(dir, 'a-file');
    await generate('a-file.yaml', '--lines', '10', '--periods', '2');
    const r = await runCli(['generate', '--lines', '10', '--periods', '2', '--out', join(blocker + '.yaml', 'inside.yaml')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/cannot write .*inside\.template\.yaml: a part of the path is not a directory/);
  });
});
