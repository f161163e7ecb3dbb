// Templates that extend templates, and a model's template_changes: lines added inside a
// range are summed, labels and formulas change in place, and every mistake is reported in
// the file (and at the line) that made it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAndCompute } from '../../src/pipeline.js';
import type { Computed } from '../../src/pipeline.js';
import { formatIssue } from '../../src/issues.js';
import { BASE_TEMPLATE, modelHead, writeFiles } from './files.js';

function computed(dir: string, model = 'model.yaml'): Computed {
  const r = loadAndCompute(join(dir, model));
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.value;
}

function problems(dir: string, model = 'model.yaml'): string[] {
  const r = loadAndCompute(join(dir, model));
  if (r.ok) throw new Error('expected problems');
  return r.issues.map(formatIssue);
}

function value(c: Computed, key: string, period: string): number {
  const [sheet, id] = key.split('.') as [string, string];
  return c.results.value(c.program.sheetById.get(sheet)!.lines.get(id)!, period).toNumber();
}

const VALUES = `values:
  is:
    sales: { FY2024: 100, FY2023: 90 }
    costs: { FY2024: -60, FY2023: -50 }
`;

describe('extends', () => {
  it('adds a line inside a range, so the total includes it, and changes a label', () => {
    const dir = writeFiles({
      'base.yaml': BASE_TEMPLATE,
      'mine.yaml': `finbook_template: 1
extends: base.yaml
name: Mine
add_lines:
  - { sheet: is, after: sales, lines: [ { id: services, label: "Services" } ] }
change_lines:
  - { line: is.sales, label: "Product sales" }
`,
      'model.yaml': `${modelHead('mine.yaml')}${VALUES}    services: { FY2024: 5, FY2023: 4 }\n`,
    });
    const c = computed(dir);
    expect(value(c, 'is.total_sales', 'FY2024')).toBe(105);
    expect(value(c, 'is.profit', 'FY2023')).toBe(44);
    expect(c.program.sheetById.get('is')!.lines.get('sales')!.spec.label).toBe('Product sales');
    expect(c.program.template.value.name).toBe('Mine');
  });

  it('takes the same changes from the model itself (template_changes)', () => {
    const dir = writeFiles({
      'base.yaml': BASE_TEMPLATE,
      'model.yaml': `${modelHead('base.yaml')}template_changes:
  add_lines:
    - { sheet: is, before: other_sales, lines: [ { id: licences, label: "Licences" } ] }
  change_lines:
    - { line: is.profit, formula: "total_sales + costs - 1" }
${VALUES}    licences: { FY2024: 1, FY2023: 2 }
`,
    });
    const c = computed(dir);
    expect(value(c, 'is.total_sales', 'FY2024')).toBe(101);
    expect(value(c, 'is.profit', 'FY2024')).toBe(40);
  });

  it('replaces a sheet or a check with the same id and appends new ones; removes checks by id', () => {
    const dir = writeFiles({
      'base.yaml': `${BASE_TEMPLATE}checks:
  - { id: positive, each: period, label: "Profit is what it is", left: is.profit, right: is.profit }
  - { id: gone, each: period, label: "Removed", left: is.sales, right: is.costs }
`,
      'mine.yaml': `finbook_template: 1
extends: base.yaml
checks:
  - { id: positive, each: period, label: "Profit = sales + costs", left: is.profit, right: "is.sales + is.costs" }
  - { id: extra, label: "FY2024 sales", left: "is.sales[FY2024]", right: "100" }
remove_checks: [gone]
`,
      'model.yaml': `${modelHead('mine.yaml')}${VALUES}`,
    });
    const c = computed(dir);
    expect(c.program.checks.map((k) => k.spec.id)).toEqual(['positive', 'extra']);
    expect(c.program.checks[0]!.spec.label).toBe('Profit = sales + costs');
    expect(c.results.checks.every((r) => r.ok)).toBe(true);
  });

  it('reports a formula error in a changed line at the change, in the file that wrote it', () => {
    const dir = writeFiles({
      'base.yaml': BASE_TEMPLATE,
      'model.yaml': `${modelHead('base.yaml')}template_changes:
  change_lines:
    - { line: is.profit, formula: "total_sales + cost" }
${VALUES}`,
    });
    const [first] = problems(dir);
    expect(first).toMatch(/model\.yaml:10:\d+ template_changes\.change_lines\[0\]\.formula: unknown line 'cost' in sheet 'is' \(did you mean 'costs'\?\)/);
  });

  it('reports a bad added line at its place in the extending template', () => {
    const dir = writeFiles({
      'base.yaml': BASE_TEMPLATE,
      'mine.yaml': `finbook_template: 1
extends: base.yaml
add_lines:
  - sheet: is
    after: sales
    lines:
      - { id: Bad-Id, label: "Bad" }
`,
      'model.yaml': `${modelHead('mine.yaml')}${VALUES}`,
    });
    const out = problems(dir).join('\n');
    expect(out).toMatch(/mine\.yaml:7:\d+ .*expected an id of lower-case letters/);
  });

  it.each([
    ['an unknown sheet', '- { sheet: bs, lines: [ { id: x } ] }', /mine\.yaml:4:\d+ .*the template has no sheet 'bs' \(it has: is\)/],
    ['an unknown anchor line', '- { sheet: is, after: salez, lines: [ { id: x } ] }', /mine\.yaml:4:\d+ .*sheet 'is' has no line 'salez'/],
    ['both after and before', '- { sheet: is, after: sales, before: costs, lines: [ { id: x } ] }', /mine\.yaml:4:\d+ .*give either after or before, not both/],
  ])('reports %s in add_lines', (_what, entry, expected) => {
    const dir = writeFiles({
      'base.yaml': BASE_TEMPLATE,
      'mine.yaml': `finbook_template: 1\nextends: base.yaml\nadd_lines:\n  ${entry}\n`,
      'model.yaml': `${modelHead('mine.yaml')}${VALUES}`,
    });
    expect(problems(dir).join('\n')).toMatch(expected);
  });

  it('refuses templates that extend each other in a circle, and a missing base, at the extends line', () => {
    const circle = writeFiles({
      'a.yaml': 'finbook_template: 1\nextends: b.yaml\n',
      'b.yaml': 'finbook_template: 1\nextends: a.yaml\n',
      'model.yaml': `${modelHead('a.yaml')}${VALUES}`,
    });
    expect(problems(circle).join('\n')).toMatch(/b\.yaml:2:\d+ .*templates extend each other in a circle: .*a\.yaml -> .*b\.yaml -> .*a\.yaml/);
    const missing = writeFiles({ 'a.yaml': 'finbook_template: 1\nextends: nowhere.yaml\n', 'model.yaml': `${modelHead('a.yaml')}${VALUES}` });
    expect(problems(missing).join('\n')).toMatch(/a\.yaml:2:\d+ extends: cannot read the template .*nowhere\.yaml: no such file/);
  });

  it('reports an unknown change field with the name it probably meant', () => {
    const dir = writeFiles({
      'base.yaml': BASE_TEMPLATE,
      'mine.yaml': 'finbook_template: 1\nextends: base.yaml\nadd_line:\n  - { sheet: is, lines: [ { id: x } ] }\n',
      'model.yaml': `${modelHead('mine.yaml')}${VALUES}`,
    });
    expect(problems(dir).join('\n')).toMatch(/mine\.yaml:\d+:\d+ add_line: unknown field 'add_line' \(did you mean 'add_lines'\?\)/);
  });
});
