// Optional lines: a line the model gives no values for is dropped and counts as 0, without
// breaking a formula; everything else stays as strict as before.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/issues.js';
import { loadAndCompute } from '../../src/pipeline.js';
import type { Computed } from '../../src/pipeline.js';
import { plan } from '../../src/pipeline.js';
import { modelHead, writeFiles } from './files.js';

const TEMPLATE = `finbook_template: 1
name: Optional lines
sheets:
  - id: is
    name: Income
    columns:
      - { each: period, kind: value, period: "{period}" }
    lines:
      - { label: "Revenue", style: bold }
      - { id: product, label: "Product", optional: true }
      - { id: service, label: "Service", optional: true }
      - { id: other, label: "Other", optional: true }
      - { id: revenue, label: "Revenue", formula: "sum(product:other)", style: total }
      - { label: "Other items", style: bold, optional: true }
      - { id: interest, label: "Interest", optional: true }
      - { id: fx, label: "FX", optional: true }
      - { id: other_items, label: "Total other items", formula: "interest + fx", optional: true }
      - { id: pretax, label: "Pre-tax", formula: "revenue + other_items", style: total }
      - { id: tax, label: "Tax" }
      - { id: net, label: "Net", formula: "pretax + tax", style: net }
      - { id: minority, label: "Minority share", optional: true }
      - { id: net_parent, label: "Net, parent", formula: "net + minority", optional: true }
checks:
  - { id: net_ties, each: period, label: "Net = pre-tax + tax + interest", left: is.net, right: "is.pretax + is.tax + is.interest - is.interest" }
`;

function load(values: string): ReturnType<typeof loadAndCompute> {
  const dir = writeFiles({ 'template.yaml': TEMPLATE, 'model.yaml': `${modelHead('template.yaml')}values:\n  is:\n${values}` });
  return loadAndCompute(join(dir, 'model.yaml'));
}

function ok(values: string): Computed {
  const r = load(values);
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.value;
}

/** Label and formula text of each row with a line, as written to the workbook. */
function rows(c: Computed): string[] {
  const sheet = plan(c).sheets.find((s) => s.name === 'Income')!;
  return sheet.rows
    .filter((r) => r.row > 6 && r.cells.length > 0) // below the column titles
    .map((r) => r.cells.map((cell) => (cell.kind === 'text' ? cell.text : cell.kind === 'formula' ? `=${cell.formula}` : String(cell.value))).join(' | '));
}

describe('optional lines', () => {
  it('drops lines without values, shrinks ranges, drops subtotals of nothing and repeats, keeps formulas valid', () => {
    const c = ok('    service: { FY2024: 10, FY2023: 8 }\n    tax: { FY2024: -2, FY2023: -1 }\n');
    expect(rows(c)).toEqual([
      'Revenue',
      'Service | 10 | 8',
      'Revenue | =SUM(B8) | =SUM(C8)',
      'Pre-tax | =B9 | =C9',
      'Tax | -2 | -1',
      'Net | =B10+B11 | =C10+C11',
    ]);
    // the check named a dropped line: it counts as 0
    expect(c.results.checks.map((k) => k.ok)).toEqual([true, true]);
  });

  it('keeps an optional line the model gives values for (0 included) and the lines that then mean something', () => {
    const c = ok('    product: { FY2024: 5, FY2023: 4 }\n    other: { FY2024: 0, FY2023: 0 }\n    interest: { FY2024: 1, FY2023: 1 }\n    tax: { FY2024: -2, FY2023: -1 }\n    minority: { FY2024: -1, FY2023: 0 }\n');
    const text = rows(c).join('\n');
    expect(text).toContain('Revenue | =SUM(B8:B9)');
    expect(text).toContain('Other items');
    expect(text).toContain('Total other items | =B12');
    expect(text).toContain('Net, parent | =B16+B17');
    const net = c.program.sheetById.get('is')!.lines.get('net_parent')!;
    expect(c.results.value(net, 'FY2024').toNumber()).toBe(3);
  });

  it('still needs every period of an optional line that has a value, and every required line, with a clear message', () => {
    const r = load('    product: { FY2024: 5, FY2023: null }\n    tax: { FY2024: null }\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map(formatIssue)).toEqual([
      expect.stringMatching(/model\.yaml:10:\d+ values\.is\.product: input line 'is\.product' \(Product\) has no value for period FY2023$/),
      expect.stringMatching(/model\.yaml:11:\d+ values\.is\.tax: input line 'is\.tax' \(Tax\) has no value for periods FY2024, FY2023$/),
    ]);
  });
});
